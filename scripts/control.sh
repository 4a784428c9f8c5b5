#!/bin/bash
# control.sh NAME: build the series plus bench/control/NAME.patch, a
# deliberate dirty-tracking bug that is not part of the series, and check
# that the migration test catches it: plans/control.plan must fail with
# pages that differ from the source, and with no kernel splat (a crash
# would prove nothing about the comparison).  Exit status 0 when caught.
source "$(dirname "$0")/lib.sh"

name=$1
patch=$TOP/bench/control/$name.patch
variant=control-$name
[ -f "$patch" ] || die "no control patch $patch"

bash "$TOP/scripts/variant.sh" "$variant" "$patch" || exit 1

rc=0
bash "$TOP/scripts/boot.sh" vhe control.plan "$variant" >/dev/null 2>&1 || rc=$?
logf=$BUILD/logs/$variant-vhe-control.log
if [ $rc = 0 ]; then
	log "$name: the migration test passed on a kernel that loses dirty pages"
	exit 1
fi
if ! grep -q 'pages differ from the source after migration' "$logf"; then
	log "$name: the run failed, but not on differing pages; see $logf"
	exit 1
fi
grep -E '^ +(page [0-9]+|[0-9]+ migrations:)' "$logf" | head -n 4 | sed "s/^ */$name: /"
exit 0
