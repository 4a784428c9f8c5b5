#!/bin/bash
# make demo: a newcomer's ten minutes.  Build once (the series' kernel, the
# selftests, QEMU with its series), boot once per KVM mode, and show side
# by side: dirty_log_perf_test with software logging against hardware DBM,
# a real QEMU live migration each way with both RAMs compared page by page,
# and the guest's throughput through the migration.  make bench has the
# full matrix.
source "$(dirname "$0")/lib.sh"

out=$BUILD/demo
mkdir -p "$out"
build_host || die "build failed (see the stage lines above)"

# Boot, and follow the console: each entry as it starts and ends.
rc=0
for mode in vhe nvhe; do
	logf=$BUILD/logs/host-$mode-demo.log
	rm -f "$logf"
	bash "$TOP/scripts/boot.sh" "$mode" demo.plan >"$out/$mode.result" 2>&1 &
	pid=$!
	while [ ! -f "$logf" ] && kill -0 $pid 2>/dev/null; do sleep 1; done
	tail -n +1 -f --pid=$pid "$logf" 2>/dev/null |
		grep --line-buffered -E '^(# [a-z.0-9_]+: |(not )?ok [0-9]+ |    migration [0-9]+ [a-z]+: guest)' |
		sed -u "s/^/$mode: /"
	wait $pid || rc=1
	cat "$out/$mode.result"
done

python3 "$TOP/scripts/results.py" "$out" "$BUILD"/logs/host-{vhe,nvhe}-demo.log >/dev/null
python3 "$TOP/scripts/qemu-results.py" "$out" "$BUILD"/logs/host-{vhe,nvhe}-demo.log >/dev/null
gnuplot -e "outdir='$out'" -e "panels='vhe_4k nvhe_4k'" "$TOP/scripts/qemu-plot.gp"

echo
echo "== dirty_log_perf_test, 1 vCPU x 64M, software logging (sw) against hardware DBM (hwdbm)"
sed -n '/^mode/,/^$/p' "$out/summary.txt" | cut -c1-120
echo "== A real QEMU live migration each way, RAM compared page by page"
sed -n '/^mode/,$p' "$out/qemu-migration.txt"
echo "== Guest throughput through the migration: $out/qemu-throughput.png"
echo "   Everything measured under QEMU TCG emulation: compare ratios, not absolute times."
exit $rc
