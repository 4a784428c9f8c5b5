#!/bin/bash
# make kasan: build the KASAN + kmemleak kernel (config/kasan.config) and
# run plans/kasan.plan on it in VHE and nVHE.  A KASAN report, any other
# kernel splat, or a leak that kmemleak reports fails the run.  Ends with
# "N passed, N failed"; exits non-zero on any failure.
source "$(dirname "$0")/lib.sh"

begin_run
run_variant kasan kasan.plan
log "make kasan: $(( $(date +%s) - t_start ))s in all"
summary
[ "$failed" = 0 ]
