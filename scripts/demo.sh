#!/bin/bash
# make demo: from a fresh Debian 12 machine, build and boot the KVM host and
# print a comparison table of dirty_log_perf_test per logging configuration.
source "$(dirname "$0")/lib.sh"

bash "$TOP/scripts/bench.sh" >/dev/null || die "bench run failed, see $BUILD/logs"
echo
echo "dirty_log_perf_test under QEMU TCG (emulated arm64 KVM host):"
cat "$BUILD/bench/summary.txt"
echo
echo "Per-iteration figures: $BUILD/bench/results.txt; plot: $BUILD/bench/times.png"
