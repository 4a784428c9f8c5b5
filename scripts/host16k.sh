#!/bin/bash
# make 16k (and make soak): plans/16k.plan, the hardware DBM entries, on a
# 16K-page host kernel (config/16k.config), in VHE and nVHE.  Ends with
# "N passed, N failed".
source "$(dirname "$0")/lib.sh"

begin_run
run_variant 16k 16k.plan
summary
[ "$failed" = 0 ]
