#!/bin/bash
# retire.sh: how the retirement of idle DBM groups shapes the cost of a sync.
# Builds the host kernel with KVM_HW_DBM_RETIRE_SYNCS set to each value
# below (255 stands for never: the test ends first), runs plans/retire.plan
# on each in VHE, and writes $BUILD/bench/retire.csv (one row per K and
# round) and retire.png.  Expects build_host to have run.
source "$(dirname "$0")/lib.sh"

out=$BUILD/bench
mkdir -p "$out"
csv=$out/retire.csv
echo "k,round,copied,faults,dbm_pages,scanned,retired" > "$csv"
for k in 1 2 4 8 16 255; do
	patch=$(retire_patch "$k")
	# An empty patch: K is the series' own value, the host kernel has it.
	if [ -s "$patch" ]; then
		stage "retire-$k-build" bash "$TOP/scripts/variant.sh" "retire-$k" "$patch" || exit 1
		variant=retire-$k
	else
		variant=host
	fi
	stage "retire-$k" bash "$TOP/scripts/boot.sh" vhe retire.plan "$variant" || exit 1
	sed -nE "s#^ +round 1\.([0-9]+): [0-9.]+ s, guest [0-9]+ pages/s, get [0-9.]+ s, clear [0-9.]+ s, copied ([0-9]+), write faults ([0-9]+), pages from DBM ([0-9]+), entries scanned ([0-9]+), groups retired ([0-9]+)\$#$k,\1,\2,\3,\4,\5,\6#p" \
		"$BUILD/logs/$variant-vhe-retire.log" >> "$csv"
done
if command -v gnuplot >/dev/null; then
	gnuplot -e "csv='$csv'; png='$out/retire.png'" "$TOP/scripts/retire.gp"
fi
log "retirement curves: $csv"
