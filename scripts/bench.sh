#!/bin/bash
# make bench: run plans/bench.plan in VHE and nVHE and write
# $BUILD/bench/results.csv, migration.csv, a rendered table and gnuplot
# PNGs; QEMU migrations (qemu-migration.csv/.txt, qemu-throughput.png);
# then the retirement curves (scripts/retire.sh) and software
# logging against the base kernel (scripts/stock.sh).
source "$(dirname "$0")/lib.sh"

out=$BUILD/bench
mkdir -p "$out"
build_host || die "build failed (see the stage lines above)"
rc=0
for mode in vhe nvhe; do
	stage "bench-$mode" bash "$TOP/scripts/boot.sh" "$mode" bench.plan || rc=1
done

for mode in vhe nvhe; do
	stage "scale-$mode" bash "$TOP/scripts/boot.sh" "$mode" scale.plan || rc=1
done

python3 "$TOP/scripts/results.py" "$out" "$BUILD"/logs/host-{vhe,nvhe}-{bench,scale}.log
column -t -s, "$out/results.csv" > "$out/results.txt"
cat "$out/summary.txt"
if command -v gnuplot >/dev/null; then
	gnuplot -e "outdir='$out'" "$TOP/scripts/plot.gp"
	log "plots: $out/*.png"
fi
# Real QEMU migrations, sw and hwdbm interleaved.
for mode in vhe nvhe; do
	stage "qemu-bench-$mode" bash "$TOP/scripts/boot.sh" "$mode" qemu-bench.plan || rc=1
done
python3 "$TOP/scripts/qemu-results.py" "$out" "$BUILD"/logs/host-{vhe,nvhe}-qemu-bench.log || rc=1
if command -v gnuplot >/dev/null; then
	gnuplot -e "outdir='$out'" "$TOP/scripts/qemu-plot.gp" || rc=1
fi
stage retire bash "$TOP/scripts/retire.sh" || rc=1
stage stock bash "$TOP/scripts/stock.sh" || rc=1
exit $rc
