#!/bin/bash
# make test: build everything, run plans/test.plan in VHE and nVHE, check that
# the runner itself can fail, and that check-series catches a bad patch.
# Ends with "N passed, N failed"; exits non-zero on any failure.
source "$(dirname "$0")/lib.sh"

begin_run

# The runner must count a failing and a hanging entry as failures.
out=$(bash "$TOP/scripts/boot.sh" vhe selfcheck.plan 2>&1 || true)
if grep -q ': ok 1 selfcheck_pass ' <<<"$out" &&
   grep -q ': not ok 2 selfcheck_fail .*exit status 1' <<<"$out" &&
   grep -q ': not ok 3 selfcheck_timeout .*TIMEOUT' <<<"$out"; then
	pass "runner self-check: failure and timeout are counted as failed"
else
	echo "$out"
	fail "runner self-check"
fi

# check-series must reject a patch with a checkpatch error.
if bash "$TOP/scripts/check-series.sh" --selftest >/dev/null 2>&1; then
	pass "check-series self-check: a patch with a checkpatch error is rejected"
else
	fail "check-series self-check"
fi

for mode in vhe nvhe; do
	stage "plan-$mode" run_plan "$mode" test.plan || true
	# 1GB hugetlb, split lazily, in a boot with more memory.
	stage "hugetlb-1g-$mode" run_plan "$mode" hugetlb-1g.plan || true
	# A CPU without FWB, on which a vCPU re-init unmaps stage 2.
	stage "no-fwb-$mode" run_plan "$mode" no-fwb.plan || true
done

# The migration test must catch a kernel that loses dirty pages: each
# bench/control/*.patch is a deliberate bug, built on top of the series.
for p in "$TOP"/bench/control/*.patch; do
	name=$(basename "$p" .patch)
	if stage "control-$name" bash "$TOP/scripts/control.sh" "$name"; then
		pass "control $name: the tests catch the deliberate bug"
	else
		fail "control $name: the tests missed a deliberate bug"
	fi
done

# Retirement under stress: a kernel that retires a group after a single
# sync that found it clean, so that retirement races write faults, clears
# and the host's unmapping all the time.
patch=$(retire_patch 1)
if [ -s "$patch" ] && stage retire-1-build bash "$TOP/scripts/variant.sh" retire-1 "$patch"; then
	for mode in vhe nvhe; do
		stage "retire-1-$mode" run_plan "$mode" retire-stress.plan retire-1 || true
	done
else
	fail "kernel build with KVM_HW_DBM_RETIRE_SYNCS=1"
fi

# The same paths once more under lockdep and friends, then the hardware DBM
# tests on a KASAN + kmemleak kernel (also make kasan).
run_variant debug debug.plan
run_variant kasan kasan.plan

log "make test: $(( $(date +%s) - t_start ))s in all"
summary
[ "$failed" = 0 ]
