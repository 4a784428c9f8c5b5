#!/bin/bash
# make kasan: build the KASAN + kmemleak kernel (config/kasan.config) and
# run plans/kasan.plan on it in VHE and nVHE.  A KASAN report, any other
# kernel splat, or a leak that kmemleak reports fails the run.  Ends with
# "N passed, N failed"; exits non-zero on any failure.
source "$(dirname "$0")/lib.sh"

t_start=$(date +%s)
if ! build_host; then
	fail "build (see the stage lines above)"
	summary
	exit 1
fi
run_kasan
log "make kasan: $(( $(date +%s) - t_start ))s in all"
summary
[ "$failed" = 0 ]
