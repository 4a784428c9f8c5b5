#!/bin/bash
# make soak: plans/soak.plan (100 migrations each, with interference) in VHE
# and nVHE on the host kernel.  Prints the per-run totals and ends with
# "N passed, N failed".
source "$(dirname "$0")/lib.sh"

build_host || die "build failed"
for mode in vhe nvhe; do
	run_plan "$mode" soak.plan
	grep -E '^ +([0-9]+ migrations:|interference )' "$BUILD/logs/host-$mode-soak.log" |
		sed "s/^ */$mode: /" || true
done
summary
[ "$failed" = 0 ]
