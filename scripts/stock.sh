#!/bin/bash
# stock.sh: no regression for VMs that do not use hardware DBM.  Builds the
# base kernel (the series' kernel changes reverted, its selftests kept, so
# the same test binaries run on both), runs plans/stock.plan on it and on
# the series in VHE and nVHE, and writes $BUILD/bench/stock.txt: software
# logging times side by side.  Expects build_host to have run.
source "$(dirname "$0")/lib.sh"

out=$BUILD/bench
mkdir -p "$out"
patch=$BUILD/stock.patch
git -C "$TREE" diff series base -- arch include virt > "$patch"
stage stock-build bash "$TOP/scripts/variant.sh" stock "$patch" || exit 1
logs=()
for mode in vhe nvhe; do
	for k in host stock; do
		stage "stock-$k-$mode" bash "$TOP/scripts/boot.sh" "$mode" stock.plan "$k" || exit 1
		logs+=("$mode:$k=$BUILD/logs/$k-$mode-stock.log")
	done
done
python3 "$TOP/scripts/perflog.py" stock "${logs[@]}" > "$out/stock.txt"
cat "$out/stock.txt"
