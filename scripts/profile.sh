#!/bin/bash
# profile.sh: where the time of a hardware DBM sync goes.  Runs
# plans/profile.plan in VHE on the series and on each kernel built with a
# bench/profile/*.patch, which leaves one part of the sync out (these lose
# dirty pages: measurement only), and writes $BUILD/bench/profile.txt: the
# mean get and clear times per entry and kernel, and the difference against
# the series.  Expects build_host to have run.
source "$(dirname "$0")/lib.sh"

out=$BUILD/bench
mkdir -p "$out"
logs=()
stage profile-series bash "$TOP/scripts/boot.sh" vhe profile.plan host || exit 1
logs+=("series=$BUILD/logs/host-vhe-profile.log")
for p in "$TOP"/bench/profile/*.patch; do
	name=profile-$(basename "$p" .patch)
	stage "$name-build" bash "$TOP/scripts/variant.sh" "$name" "$p" || exit 1
	stage "$name" bash "$TOP/scripts/boot.sh" vhe profile.plan "$name" || exit 1
	logs+=("${name#profile-}=$BUILD/logs/$name-vhe-profile.log")
done
python3 - "${logs[@]}" > "$out/profile.txt" <<'PY'
import re, sys
from collections import defaultdict
entry = re.compile(r'^# (perf\.[^:]+): ')
it = re.compile(r'^\s+Iteration (\d+) (get|clear) dirty log time: ([0-9.]+)s')
res = {}
for arg in sys.argv[1:]:
    kernel, path = arg.split('=', 1)
    acc, name = defaultdict(list), None
    for line in open(path, errors='replace'):
        m = entry.match(line)
        if m:
            name = m.group(1)
            continue
        m = it.match(line)
        if m and name and int(m.group(1)) >= 2:
            acc[(name, m.group(2))].append(float(m.group(3)))
    res[kernel] = {k: sum(v) / len(v) for k, v in acc.items()}
base = res['series']
print('mean of iterations >= 2, ms; delta against the series')
print('%-22s %-16s %9s %9s %9s %9s' % ('entry', 'kernel', 'get', 'clear', 'd_get', 'd_clear'))
for name in sorted({k[0] for k in base}):
    for kernel, r in res.items():
        g, c = r.get((name, 'get'), 0) * 1e3, r.get((name, 'clear'), 0) * 1e3
        print('%-22s %-16s %9.3f %9.3f %9.3f %9.3f' % (
            name, kernel, g, c, g - base.get((name, 'get'), 0) * 1e3,
            c - base.get((name, 'clear'), 0) * 1e3))
PY
cat "$out/profile.txt"
