#!/usr/bin/env python3
"""Turn bench console logs into results.csv and a summary table.

results.py OUTDIR LOG...: each LOG is build/logs/host-MODE-bench.log.  Every
plan entry named perf.CONFIG.VCPUS.MEM contributes one row per iteration; the
counters a test prints as "Stat NAME: VALUE" become columns.
"""
import csv
import os
import re
import sys
from collections import defaultdict

ITER = re.compile(r'^\s+Iteration (\d+) (dirty memory|get dirty log|clear dirty log) time: ([0-9.]+)s')
STAT = re.compile(r'^\s+Stat iteration (\d+) (\w+): (\d+)')
ENTRY = re.compile(r'^# (perf\.[^:]+): ')
COLS = {'dirty memory': 'dirty_s', 'get dirty log': 'get_s', 'clear dirty log': 'clear_s'}


def parse(path):
    mode = re.search(r'host-(\w+)-bench', path).group(1)
    rows, stats, name = {}, set(), None
    with open(path, errors='replace') as f:
        for line in f:
            m = ENTRY.match(line)
            if m:
                name = m.group(1)
                continue
            if not line.startswith('    '):
                if not line.startswith('#'):
                    name = None
                continue
            if not name:
                continue
            _, config, vcpus, mem = name.split('.', 3)
            m = ITER.match(line)
            s = STAT.match(line)
            if m:
                key = (mode, config, vcpus, mem, int(m.group(1)))
                rows.setdefault(key, {})[COLS[m.group(2)]] = float(m.group(3))
            elif s:
                key = (mode, config, vcpus, mem, int(s.group(1)))
                rows.setdefault(key, {})[s.group(2)] = int(s.group(3))
                stats.add(s.group(2))
    return rows, stats


def main():
    outdir, logs = sys.argv[1], sys.argv[2:]
    rows, stats = {}, set()
    for path in logs:
        if os.path.exists(path):
            r, s = parse(path)
            rows.update(r)
            stats |= s
    stats = sorted(stats)
    head = ['mode', 'config', 'vcpus', 'mem_per_vcpu', 'iteration',
            'dirty_s', 'get_s', 'clear_s'] + stats
    with open(os.path.join(outdir, 'results.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(head)
        for key in sorted(rows):
            v = rows[key]
            w.writerow(list(key) + [v.get(c, '') for c in head[5:]])

    # Steady state: mean over iterations >= 2 (iteration 1 runs before
    # anything is write-protected under initially-all-set).
    agg = defaultdict(lambda: defaultdict(list))
    for key, v in rows.items():
        if key[4] < 2:
            continue
        for c in head[5:]:
            if c in v:
                agg[key[:4]][c].append(v[c])
    lines = ['Steady state (mean of iterations >= 2), seconds; ratio: total against the matching sw row of the same boot',
             '%-5s %-8s %5s %6s %10s %10s %10s %10s %8s' %
             ('mode', 'config', 'vcpus', 'mem', 'dirty', 'get', 'clear', 'total', 'ratio')]
    for k in sorted(agg):
        a = {c: sum(x) / len(x) for c, x in agg[k].items()}
        tot = a.get('dirty_s', 0) + a.get('get_s', 0) + a.get('clear_s', 0)
        ref = agg.get((k[0], k[1].replace('hwdbm', 'sw'), k[2], k[3]))
        ratio = ''
        if ref:
            rt = sum(sum(ref[c]) / len(ref[c]) for c in ('dirty_s', 'get_s', 'clear_s') if c in ref)
            ratio = '%.3f' % (tot / rt) if rt else ''
        lines.append('%-5s %-8s %5s %6s %10.6f %10.6f %10.6f %10.6f %8s' %
                     (k[0], k[1], k[2], k[3], a.get('dirty_s', 0), a.get('get_s', 0),
                      a.get('clear_s', 0), tot, ratio))
        for c in stats:
            if c in a:
                lines[-1] += ' %s=%.0f' % (c, a[c])
    with open(os.path.join(outdir, 'summary.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')

    # Data for the plot: one line per mode/config/vcpus/mem.
    with open(os.path.join(outdir, 'plot.dat'), 'w') as f:
        for i, k in enumerate(sorted(agg)):
            a = {c: sum(x) / len(x) for c, x in agg[k].items()}
            f.write('%d "%s" %g %g %g\n' % (i, '-'.join(k), a.get('dirty_s', 0),
                                             a.get('get_s', 0), a.get('clear_s', 0)))


if __name__ == '__main__':
    main()
