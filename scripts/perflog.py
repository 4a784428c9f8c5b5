#!/usr/bin/env python3
"""Tables from dirty_log_perf_test console logs, for profile.sh and stock.sh.

perflog.py profile KERNEL=LOG...: mean get and clear times per plan entry
and kernel, and the difference against the kernel named "series".
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


def profile(args):
    res = logs(args)
    base = res['series']
    print('mean of iterations >= 2, ms; delta against the series')
    print('%-22s %-16s %9s %9s %9s %9s' % ('entry', 'kernel', 'get', 'clear', 'd_get', 'd_clear'))
    for name in sorted({k[0] for k in base}):
        for kernel, r in res.items():
            g, c = r.get((name, 'get'), 0) * 1e3, r.get((name, 'clear'), 0) * 1e3
            print('%-22s %-16s %9.3f %9.3f %9.3f %9.3f' % (
                name, kernel, g, c, g - base.get((name, 'get'), 0) * 1e3,
                c - base.get((name, 'clear'), 0) * 1e3))


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
    {'profile': profile, 'stock': stock}[sys.argv[1]](sys.argv[2:])
