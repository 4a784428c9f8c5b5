#!/bin/bash
# control.sh NAME: build the series plus bench/control/NAME.patch, a
# deliberate dirty-tracking bug that is not part of the series, and check
# that the tests catch it: the plan must fail, and its log must hold the
# expected message (a test's assertion, or for a bug whose symptom is a
# kernel warning, the function that warns; a crash elsewhere would prove
# nothing).  The plan is plans/control.plan and the message "pages differ
# from the source after migration", unless the patch's header names others
# ("Plan:" and "Expect:" lines, before the diff); a "Plan:" line may name
# several plans, one for each path to the bug, and each must catch it, with
# the "Expect:" message or its own ("Expect PLAN: ...").  A "Base:" line
# names the kernel to build on (default host, e.g. kasan).  Exit status 0
# when caught.
source "$(dirname "$0")/lib.sh"

name=$1
patch=$TOP/bench/control/$name.patch
variant=control-$name
[ -f "$patch" ] || die "no control patch $patch"

plans=$(sed -n 's/^Plan: //p' "$patch")
plans=${plans:-control.plan}
base=$(sed -n 's/^Base: //p' "$patch")
base=${base:-host}
expect=$(sed -n 's/^Expect: //p' "$patch")
expect=${expect:-pages differ from the source after migration}

bash "$TOP/scripts/variant.sh" "$variant" "$patch" "$base" || exit 1

for plan in $plans; do
	want=$(sed -n "s/^Expect $plan: //p" "$patch")
	want=${want:-$expect}
	rc=0
	bash "$TOP/scripts/boot.sh" vhe "$plan" "$variant" >/dev/null 2>&1 || rc=$?
	logf=$BUILD/logs/$variant-vhe-${plan%.plan}.log
	if [ $rc = 0 ]; then
		log "$name: $plan passed on a kernel with a deliberate bug"
		exit 1
	fi
	if ! grep -qF "$want" "$logf"; then
		log "$name: $plan failed, but not with '$want'; see $logf"
		exit 1
	fi
	# What the test saw, for the log: the first pages found wrong, or
	# the warning.
	{ grep -E "^ +(page [0-9]+|[0-9]+ migrations?:|stale after a round|differs:)|$want" "$logf" || true; } |
		head -n 4 | sed "s/^ */$name: ${plan%.plan}: /"
done
exit 0
