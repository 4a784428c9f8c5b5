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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runstats import TIMES, fmt_spread, per_run, ratios, spread, sw_key, total  # noqa: E402

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
        # perf.CONFIG.VCPUS.MEM[.RUN]
        parts = name.split('.')
        config, vcpus, mem = parts[1:4]
        run = int(parts[4]) if len(parts) > 4 else 1
        m = ITER.match(line)
        s = STAT.match(line)
        if m:
            key = (mode, config, vcpus, mem, run, int(m.group(1)))
            rows.setdefault(key, {})[COLS[m.group(2)]] = float(m.group(3))
        elif s:
            key = (mode, config, vcpus, mem, run, int(s.group(1)))
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
        w.writerow(['mode', 'config', 'run', 'migration'] + MIG_COLS)
        for key in sorted(migs):
            config, run = mig_config_run(key[1])
            w.writerow([key[0], config, run, key[2]] + [migs[key].get(c, '') for c in MIG_COLS])
    with open(os.path.join(outdir, 'migration-rounds.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['mode', 'entry', 'migration', 'round', 'seconds', 'guest_rate', 'get_s',
                    'clear_s', 'copied', 'faults', 'dbm_pages', 'scanned', 'retired'])
        w.writerows(rounds)
    # One sample per migration; hwdbm against the sw migration of the same
    # run (they alternate in the plan).
    samples = defaultdict(dict)
    for (mode, entry, nr), v in migs.items():
        config, run = mig_config_run(entry)
        samples[(mode, config)][(run, nr)] = {c: float(v[c]) for c in MIG_COLS if v.get(c, '') != ''}
    lines += ['', 'Migration (dirty_log_migrate_test -B), one sample per migration: median (min-max); '
              'ratios of guest time lost, and lost while the guest ran, against the sw migration of '
              'the same run',
              '%-5s %-6s %3s %7s %10s %22s %22s %22s %22s' %
              ('mode', 'config', 'n', 'seconds', 'blackout_s', 'lost_s', 'running_lost_s',
               'ratio', 'r_ratio')]
    for k in sorted(samples):
        runs = samples[k]
        ref = samples.get((k[0], 'sw'), {})
        col = lambda c: [v[c] for v in runs.values() if c in v]
        r1 = ratios(runs, ref, lambda v: v.get('lost_s', 0.0))
        r2 = ratios(runs, ref, lambda v: v.get('running_lost_s', 0.0))
        lines.append('%-5s %-6s %3d %7.3f %10.3f %22s %22s %22s %22s' %
                     (k[0], k[1], len(runs), spread(col('seconds'))[0],
                      spread(col('blackout_s'))[0], fmt_spread(col('lost_s')),
                      fmt_spread(col('running_lost_s')),
                      fmt_spread(r1) if k[1] != 'sw' else '', fmt_spread(r2) if k[1] != 'sw' else ''))
    return lines


def mig_config_run(entry):
    """mig.CONFIG[.RUN] -> (CONFIG, RUN)."""
    parts = entry.split('.')
    return parts[1], int(parts[2]) if len(parts) > 2 else 1


def main():
    outdir, logs = sys.argv[1], sys.argv[2:]
    rows, stats = {}, set()
    for path in logs:
        if os.path.exists(path):
            r, s = parse(path)
            rows.update(r)
            stats |= s
    stats = sorted(stats)
    head = ['mode', 'config', 'vcpus', 'mem_per_vcpu', 'run', 'iteration',
            'dirty_s', 'get_s', 'clear_s'] + stats
    with open(os.path.join(outdir, 'results.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(head)
        for key in sorted(rows):
            v = rows[key]
            w.writerow(list(key) + [v.get(c, '') for c in head[6:]])

    # Steady state: each run's mean over iterations >= 2 (iteration 1 runs
    # before anything is write-protected under initially-all-set) is one
    # sample.
    dict_rows = [dict(zip(head[:6], k), **v) for k, v in rows.items()]
    agg = per_run(dict_rows, list(TIMES) + stats)
    lines = ['Steady state, seconds per iteration: median of the runs (mean of iterations >= 2 each); '
             'ratio: total against the sw run of the same index, median (min-max)',
             '%-5s %-9s %5s %6s %3s %10s %10s %10s %10s %22s' %
             ('mode', 'config', 'vcpus', 'mem', 'n', 'dirty', 'get', 'clear', 'total', 'ratio')]
    for k in sorted(agg):
        runs = agg[k]
        med = lambda c: spread([v.get(c, 0.0) for v in runs.values()])[0]
        ref = agg.get(sw_key(k))
        ratio = fmt_spread(ratios(runs, ref)) if ref and ref is not runs else ''
        lines.append('%-5s %-9s %5s %6s %3d %10.6f %10.6f %10.6f %10.6f %22s' %
                     (k[0], k[1], k[2], k[3], len(runs), med('dirty_s'), med('get_s'),
                      med('clear_s'), spread([total(v) for v in runs.values()])[0], ratio))
        for c in stats:
            if any(c in v for v in runs.values()):
                lines[-1] += ' %s=%.0f' % (c, med(c))
    lines += write_migrations(outdir, logs)
    with open(os.path.join(outdir, 'summary.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')

    # Data for the plot: one line per mode/config/vcpus/mem, medians.
    # times.png: per workload, the sw bar beside the hwdbm bar, with how
    # many times faster hwdbm is (median total per iteration).
    def tot(k):
        return spread([total(v) for v in agg[k].values()])[0]
    pairs = []
    for k in sorted(agg):
        mode, config, vcpus, mem = k
        if not config.startswith('hwdbm'):
            continue
        ref = sw_key(k)
        if ref not in agg or not tot(k):
            continue
        wl = config[len('hwdbm'):].lstrip('-') or 'seq'
        pairs.append(('%s %sx%s %s' % (mode, vcpus, mem, wl), tot(ref), tot(k)))
    with open(os.path.join(outdir, 'plot.dat'), 'w') as f:
        for i, (label, sw, hw) in enumerate(pairs):
            f.write('%d "%s" %g %g "%.0fx"\n' % (i, label, sw, hw, sw / hw))


if __name__ == '__main__':
    main()
