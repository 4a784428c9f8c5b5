#!/usr/bin/env python3
"""Turn bench console logs into results.csv and a summary table.

results.py OUTDIR LOG...: each LOG is build/logs/host-MODE-bench.log or
host-MODE-scale.log.  Every
plan entry named perf.CONFIG.VCPUS.MEM contributes one row per iteration; the
counters a test prints as "Stat NAME: VALUE" become columns.  Entries named
mig.CONFIG (dirty_log_migrate_test -B) go to migration.csv, one row per
migration, and their rounds to migration-rounds.csv.
"""
import csv
import os
import re
import sys
from collections import defaultdict

ITER = re.compile(r'^\s+Iteration (\d+) (dirty memory|get dirty log|clear dirty log) time: ([0-9.]+)s')
STAT = re.compile(r'^\s+Stat iteration (\d+) (\w+): (\d+)')
ENTRY = re.compile(r'^# (perf\.[^:]+): ')
MIG_ENTRY = re.compile(r'^# ((?:mig|scale)\.[^:]+): ')
MIG = re.compile(r'^\s+migration (\d+): ([0-9.]+) s, blackout ([0-9.]+) s for (\d+) pages, '
                 r'guest (\d+) pages/s \((\d+) before\), guest time lost ([-0-9.]+) s, '
                 r'([-0-9.]+) s of it while running')
MIG_COST = re.compile(r'^\s+migration (\d+): write faults (\d+), pages from DBM (\d+), '
                      r'entries scanned (\d+), groups retired (\d+)')
ROUND = re.compile(r'^\s+round (\d+)\.(\d+): ([0-9.]+) s, guest (\d+) pages/s, '
                   r'get ([0-9.]+) s, clear ([0-9.]+) s, copied (\d+), write faults (\d+), pages from DBM (\d+), entries scanned (\d+), groups retired (\d+)')
COLS = {'dirty memory': 'dirty_s', 'get dirty log': 'get_s', 'clear dirty log': 'clear_s'}


def entry_lines(path, entry):
    """(name, line) for each output line of the plan entries matching entry."""
    name = None
    with open(path, errors='replace') as f:
        for line in f:
            m = entry.match(line)
            if m:
                name = m.group(1)
            elif not line.startswith('    '):
                if not line.startswith('#'):
                    name = None
            elif name:
                yield name, line


def parse(path):
    mode = re.search(r'host-([a-z]+)-', path).group(1)
    rows, stats = {}, set()
    for name, line in entry_lines(path, ENTRY):
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


def parse_migrations(path):
    """Rows of migration.csv and migration-rounds.csv from one bench log."""
    mode = re.search(r'host-([a-z]+)-', path).group(1)
    migs, rounds = {}, []
    for name, line in entry_lines(path, MIG_ENTRY):
        m, c, r = MIG.match(line), MIG_COST.match(line), ROUND.match(line)
        if m:
            migs.setdefault((mode, name, int(m.group(1))), {}).update(
                seconds=m.group(2), blackout_s=m.group(3), blackout_pages=m.group(4),
                guest_rate=m.group(5), baseline_rate=m.group(6), lost_s=m.group(7),
                running_lost_s=m.group(8))
        elif c:
            migs.setdefault((mode, name, int(c.group(1))), {}).update(
                faults=c.group(2), dbm_pages=c.group(3), scanned=c.group(4),
                retired=c.group(5))
        elif r:
            rounds.append([mode, name] + list(r.groups()))
    return migs, rounds


MIG_COLS = ['seconds', 'blackout_s', 'blackout_pages', 'guest_rate', 'baseline_rate',
            'lost_s', 'running_lost_s', 'faults', 'dbm_pages', 'scanned', 'retired']


def scaling(rounds):
    """get+clear per round against the memslot size, at a fixed working set."""
    agg = defaultdict(list)
    for r in rounds:
        mode, entry, rnd = r[0], r[1], int(r[3])
        if not entry.startswith('scale.') or rnd < 3:
            continue
        _, config, size = entry.split('.', 2)
        agg[(mode, config, size)].append((float(r[6]) + float(r[7]), int(r[11])))
    if not agg:
        return []

    def mib(size):
        return int(size.rstrip('MG')) * (1024 if size.endswith('G') else 1)
    lines = ['', 'Sync cost at a fixed working set (dirty_log_migrate_test -W), rounds >= 3; '
             'ratio: get+clear against the smallest memslot',
             '%-5s %-8s %6s %12s %10s %8s' % ('mode', 'config', 'mem', 'get+clear_s', 'scanned', 'ratio')]
    for mode, config in sorted({k[:2] for k in agg}):
        sizes = sorted((k[2] for k in agg if k[:2] == (mode, config)), key=mib)
        base = None
        for size in sizes:
            v = agg[(mode, config, size)]
            t = sum(x[0] for x in v) / len(v)
            base = base or t
            lines.append('%-5s %-8s %6s %12.6f %10.0f %8.3f' %
                         (mode, config, size, t, sum(x[1] for x in v) / len(v), t / base))
    return lines


def write_migrations(outdir, logs):
    migs, rounds = {}, []
    for path in logs:
        if os.path.exists(path):
            m, r = parse_migrations(path)
            migs.update(m)
            rounds += r
    lines = scaling(rounds)
    # Only paced migrations (-B) have a duration; the others only costs.
    migs = {k: v for k, v in migs.items() if 'seconds' in v}
    if not migs:
        return lines
    with open(os.path.join(outdir, 'migration.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['mode', 'config', 'migration'] + MIG_COLS)
        for key in sorted(migs):
            w.writerow(list(key) + [migs[key].get(c, '') for c in MIG_COLS])
    with open(os.path.join(outdir, 'migration-rounds.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['mode', 'entry', 'migration', 'round', 'seconds', 'guest_rate', 'get_s',
                    'clear_s', 'copied', 'faults', 'dbm_pages', 'scanned', 'retired'])
        w.writerows(rounds)
    # Mean per mode and config; the ratio is guest time lost against sw.
    agg = defaultdict(lambda: defaultdict(list))
    for (mode, entry, _), v in migs.items():
        config = entry.split('.', 1)[1]
        for c in MIG_COLS:
            if v.get(c, '') != '':
                agg[(mode, config)][c].append(float(v[c]))
    lines += ['', 'Migration (dirty_log_migrate_test -B), mean per migration; ratios: guest time lost, '
              'and lost while the guest ran, against sw',
              '%-5s %-8s %8s %10s %9s %11s %11s %9s %9s %7s %7s' %
              ('mode', 'config', 'seconds', 'blackout_s', 'bo_pages', 'guest_pg/s',
               'before_pg/s', 'lost_s', 'run_lost', 'ratio', 'r_ratio')]
    for k in sorted(agg):
        a = {c: sum(x) / len(x) for c, x in agg[k].items()}
        ref = agg.get((k[0], 'sw'), {})
        ratios = []
        for c in ('lost_s', 'running_lost_s'):
            r = ref.get(c)
            ratios.append('%.3f' % (a.get(c, 0) / (sum(r) / len(r))) if r and sum(r) else '')
        lines.append('%-5s %-8s %8.3f %10.3f %9.0f %11.0f %11.0f %9.3f %9.3f %7s %7s' %
                     (k[0], k[1], a.get('seconds', 0), a.get('blackout_s', 0),
                      a.get('blackout_pages', 0), a.get('guest_rate', 0),
                      a.get('baseline_rate', 0), a.get('lost_s', 0),
                      a.get('running_lost_s', 0), ratios[0], ratios[1]))
    return lines


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
    lines += write_migrations(outdir, logs)
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
