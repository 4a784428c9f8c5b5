#!/bin/bash
# make soak: plans/soak.plan (100 migrations each, with interference) in VHE
# and nVHE on the host kernel.  Prints the per-run totals and ends with
# "N passed, N failed".
source "$(dirname "$0")/lib.sh"

build_host || die "build failed"
passed=0 failed=0
for mode in vhe nvhe; do
	rc=0
	out=$(bash "$TOP/scripts/boot.sh" "$mode" soak.plan) || rc=$?
	echo "$out"
	grep -E '^ +([0-9]+ migrations:|interference )' "$BUILD/logs/host-$mode-soak.log" |
		sed "s/^ */$mode: /"
	n_ok=$(grep -c ': ok ' <<<"$out" || true)
	n_fail=$(grep -c ': not ok ' <<<"$out" || true)
	passed=$((passed + n_ok))
	failed=$((failed + n_fail))
	# A splat or a hang fails the boot without a "not ok" line of its own.
	[ $rc != 0 ] && [ "$n_fail" = 0 ] && failed=$((failed + 1))
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
