#!/bin/bash
# profile.sh: where the time of a hardware DBM sync goes.  Runs
# plans/profile.plan in VHE on the series and on each kernel built with a
# bench/profile/*.patch, which leaves one part of the sync out (these lose
# dirty pages: measurement only), and writes $BUILD/bench/profile.txt: the
# mean get and clear times per entry and kernel, and the difference against
# the series.  Expects build_host to have run.
source "$(dirname "$0")/lib.sh"

out=$BUILD/bench
mkdir -p "$out"
logs=()
stage profile-series bash "$TOP/scripts/boot.sh" vhe profile.plan host || exit 1
logs+=("series=$BUILD/logs/host-vhe-profile.log")
for p in "$TOP"/bench/profile/*.patch; do
	name=profile-$(basename "$p" .patch)
	stage "$name-build" bash "$TOP/scripts/variant.sh" "$name" "$p" || exit 1
	stage "$name" bash "$TOP/scripts/boot.sh" vhe profile.plan "$name" || exit 1
	logs+=("${name#profile-}=$BUILD/logs/$name-vhe-profile.log")
done
python3 "$TOP/scripts/perflog.py" profile "${logs[@]}" > "$out/profile.txt"
cat "$out/profile.txt"
