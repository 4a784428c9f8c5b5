#!/usr/bin/env python3
"""Tables from dirty_log_perf_test console logs, for stock.sh.

perflog.py stock MODE:KERNEL=LOG...: dirty+get+clear per iteration on the
"stock" and "host" (series) kernels, side by side, per mode.
Means are over iterations 2 and later, as in results.py.
"""
import sys
from collections import defaultdict

from results import COLS, ENTRY, ITER, entry_lines

KIND = {k: v[:-2] for k, v in COLS.items()}


def means(path):
    """{(entry, dirty|get|clear): mean seconds over iterations >= 2}."""
    acc = defaultdict(list)
    for name, line in entry_lines(path, ENTRY):
        m = ITER.match(line)
        if m and int(m.group(1)) >= 2:
            acc[(name, KIND[m.group(2)])].append(float(m.group(3)))
    return {k: sum(v) / len(v) for k, v in acc.items()}


def logs(args):
    return {key: means(path) for key, path in (a.split('=', 1) for a in args)}


def stock(args):
    res = logs(args)
    total = {key: {n: sum(r.get((n, k), 0) for k in ('dirty', 'get', 'clear'))
                   for n in {k[0] for k in r}} for key, r in res.items()}
    print('software logging, dirty+get+clear per iteration (mean of iterations >= 2), seconds')
    print('%-5s %-22s %10s %10s %8s' % ('mode', 'entry', 'stock', 'series', 'ratio'))
    for mode in ('vhe', 'nvhe'):
        s, b = total.get(mode + ':host', {}), total.get(mode + ':stock', {})
        for name in sorted(b):
            print('%-5s %-22s %10.4f %10.4f %8.3f' % (
                mode, name, b[name], s.get(name, 0), s.get(name, 0) / b[name] if b[name] else 0))


if __name__ == '__main__':
    if sys.argv[1:2] != ['stock']:
        sys.exit('usage: perflog.py stock MODE:KERNEL=LOG...')
    stock(sys.argv[2:])
