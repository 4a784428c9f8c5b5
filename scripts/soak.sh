#!/bin/bash
# make soak: plans/soak.plan (100 migrations each, with interference) in VHE
# and nVHE on the host kernel, then plans/16k.plan on a 16K-page host
# kernel (make 16k).  Prints the per-run totals and ends with "N passed,
# N failed".
source "$(dirname "$0")/lib.sh"

begin_run
for mode in vhe nvhe; do
	run_plan "$mode" soak.plan
	grep -E '^ +([0-9]+ migrations?:|interference )' "$BUILD/logs/host-$mode-soak.log" |
		sed "s/^ */$mode: /" || true
done
run_variant 16k 16k.plan
summary
[ "$failed" = 0 ]
