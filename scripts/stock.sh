#!/bin/bash
# stock.sh: no regression for VMs that do not use hardware DBM.  Builds the
# base kernel (the series' kernel changes reverted, its selftests kept, so
# the same test binaries run on both), runs plans/stock.plan on it and on
# the series in VHE and nVHE, and writes $BUILD/bench/stock.txt: software
# logging times side by side.  Expects build_host to have run.
source "$(dirname "$0")/lib.sh"

out=$BUILD/bench
mkdir -p "$out"
patch=$BUILD/stock.patch
git -C "$TREE" diff series base -- arch include virt > "$patch"
stage stock-build bash "$TOP/scripts/variant.sh" stock "$patch" || exit 1
logs=()
for mode in vhe nvhe; do
	for k in host stock; do
		stage "stock-$k-$mode" bash "$TOP/scripts/boot.sh" "$mode" stock.plan "$k" || exit 1
		logs+=("$mode:$k=$BUILD/logs/$k-$mode-stock.log")
	done
done
python3 - "${logs[@]}" > "$out/stock.txt" <<'PY'
import re, sys
from collections import defaultdict
entry = re.compile(r'^# (perf\.[^:]+): ')
it = re.compile(r'^\s+Iteration (\d+) (dirty memory|get dirty log|clear dirty log) time: ([0-9.]+)s')
res = {}
for arg in sys.argv[1:]:
    key, path = arg.split('=', 1)
    acc, name = defaultdict(float), None
    n = defaultdict(int)
    for line in open(path, errors='replace'):
        m = entry.match(line)
        if m:
            name = m.group(1)
            continue
        m = it.match(line)
        if m and name and int(m.group(1)) >= 2:
            acc[name] += float(m.group(3))
            n[(name, m.group(2))] += 1
    res[key] = {k: v / max(n[(k, 'dirty memory')], 1) for k, v in acc.items()}
print('software logging, dirty+get+clear per iteration (mean of iterations >= 2), seconds')
print('%-5s %-22s %10s %10s %8s' % ('mode', 'entry', 'stock', 'series', 'ratio'))
for mode in ('vhe', 'nvhe'):
    s, b = res.get(mode + ':host', {}), res.get(mode + ':stock', {})
    for name in sorted(b):
        print('%-5s %-22s %10.4f %10.4f %8.3f' % (mode, name, b[name], s.get(name, 0),
                                                s.get(name, 0) / b[name] if b[name] else 0))
PY
cat "$out/stock.txt"
