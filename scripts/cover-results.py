#!/usr/bin/env python3
"""Write the Results section of the cover letter from make bench's output.

cover-results.py BENCHDIR COVER: replaces everything between the "Results"
and "Testing" headings of COVER (patches/0000-cover-letter.patch) with
tables built from BENCHDIR/summary.txt's sources: results.csv,
migration.csv, migration-rounds.csv and retire.csv.
"""
import csv
import os
import sys
from collections import defaultdict
from statistics import median

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runstats import TIMES, fmt_spread, per_run, ratios, spread, sw_key, total  # noqa: E402

STATS = ('write_faults', 'sync_ptes', 'pages_reported')


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def load(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f))


def perf_table(rows):
    agg = per_run(rows, list(TIMES) + list(STATS))
    out = ['  mode  config     vCPUs x mem  runs   dirty      get    clear    total  ratio to sw,'
           '           faults  entries    pages',
           '                                     (ms)     (ms)     (ms)     (ms)  median (min-max)'
           '        /iter  scanned    /iter']

    def order(k):
        base, _, variant = k[1].partition('-')
        return (k[0], int(k[3].rstrip('MG')), int(k[2]), variant, base != 'sw')

    for k in sorted(agg, key=order):
        runs = agg[k]
        med = lambda c: spread([v.get(c, 0.0) for v in runs.values()])[0]
        ref = agg.get(sw_key(k))
        r = ratios(runs, ref) if ref and ref is not runs else []
        out.append('  %-5s %-10s %2sx%-6s %4d %8.1f %8.2f %8.2f %8.1f  %-22s %8.0f %8.0f %8.0f' %
                   (k[0], k[1], k[2], k[3], len(runs), med('dirty_s') * 1e3, med('get_s') * 1e3,
                    med('clear_s') * 1e3, spread([total(v) for v in runs.values()])[0] * 1e3,
                    fmt_spread(r) if r else '1', med('write_faults'), med('sync_ptes'),
                    med('pages_reported')))
    return out


def migration_table(rows):
    samples = defaultdict(dict)
    for r in rows:
        samples[(r['mode'], r['config'])][(int(r.get('run') or 1), int(r['migration']))] = {
            c: float(r[c]) for c in ('seconds', 'blackout_s', 'lost_s', 'running_lost_s',
                                     'faults', 'scanned') if r.get(c)}
    out = ['  mode  config   n  migration  blackout   guest time lost (s), median (min-max)',
           '                       (s)       (s)      total                 while running',
           '                                          ratio to sw           ratio to sw']
    for k in sorted(samples):
        runs = samples[k]
        ref = samples.get((k[0], 'sw'), {})
        col = lambda c: [v[c] for v in runs.values() if c in v]
        out.append('  %-5s %-8s %d %8.3f %9.3f   %-21s %-21s' %
                   (k[0], k[1], len(runs), spread(col('seconds'))[0],
                    spread(col('blackout_s'))[0], fmt_spread(col('lost_s')),
                    fmt_spread(col('running_lost_s'))))
        if k[1] != 'sw' and ref:
            out.append('  %-5s %-8s   %8s %9s   %-21s %-21s' %
                       ('', '', '', '', fmt_spread(ratios(runs, ref, lambda v: v.get('lost_s', 0.0))),
                        fmt_spread(ratios(runs, ref, lambda v: v.get('running_lost_s', 0.0)))))
    return out


def scaling_table(rows):
    agg = defaultdict(list)
    for r in rows:
        if not r['entry'].startswith('scale.') or int(r['round']) < 3:
            continue
        _, cfg, size = r['entry'].split('.', 2)
        agg[(r['mode'], cfg, size)].append((float(r['get_s']) + float(r['clear_s']),
                                            float(r['scanned'])))
    out = ['  mode  config   memslot  get+clear (ms)  entries scanned  ratio to smallest']
    for mode, cfg in sorted({k[:2] for k in agg}):
        sizes = sorted((k[2] for k in agg if k[:2] == (mode, cfg)), key=lambda s: int(s[:-1]))
        base = None
        for size in sizes:
            v = agg[(mode, cfg, size)]
            t = mean([x[0] for x in v])
            base = base or t
            out.append('  %-5s %-8s %7s %12.3f %16.0f %14.2f' %
                       (mode, cfg, size, t * 1e3, mean([x[1] for x in v]), t / base))
    return out


def retire_table(rows):
    agg = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if int(r['round']) < 2:
            continue
        for c in ('scanned', 'faults', 'copied'):
            agg[int(r['k'])][c].append(float(r[c]))
    out = ['  K (syncs)  entries scanned  write faults  pages copied   (per round)']
    for k in sorted(agg):
        a = {c: mean(v) for c, v in agg[k].items()}
        out.append('  %-9s %16.0f %13.0f %13.0f' % ('never' if k == 255 else k,
                                                  a['scanned'], a['faults'], a['copied']))
    return out


def qemu_table(rows):
    """hwdbm against sw per KVM mode and backing, from qemu-migration.csv."""
    by = defaultdict(lambda: defaultdict(list))
    for r in rows:
        by[r['mode']][r['config']].append(r)
    out = ['  %-15s %-27s %s' % ('mode', 'write faults (sw / hwdbm)',
                                  'guest time lost hwdbm/sw (ranges)')]
    for mode in sorted(by):
        sw = sorted(by[mode].get('sw', []), key=lambda r: int(r['nr']))
        hw = sorted(by[mode].get('hwdbm', []), key=lambda r: int(r['nr']))
        pairs = list(zip(sw, hw))
        if not pairs:
            continue
        lost = [float(h['lost_s']) / float(s['lost_s']) for s, h in pairs
                if float(s['lost_s']) > 0]
        swl = [float(s['lost_s']) for s, _ in pairs]
        hwl = [float(h['lost_s']) for _, h in pairs]
        overlap = not (max(hwl) < min(swl) or max(swl) < min(hwl))
        out.append('  %-15s %-27s %s %s' % (
            mode, '%.0f / %.0f' % (median([float(r['write_faults']) for r in sw]),
                                   median([float(r['write_faults']) for r in hw])),
            fmt_spread(lost, '%.2f'), 'overlap' if overlap else 'do not overlap'))
    differ = sum(int(float(r['differ'])) for r in rows)
    out += ['', '  %d migrations, %d pages differed.' % (len(rows), differ)]
    return out


def main():
    bench, cover = sys.argv[1], sys.argv[2]
    p = lambda name: os.path.join(bench, name)
    text = ['Results', '=======', '',
            'Measured under QEMU 7.2 TCG (no arm64 hardware was available), so only',
            'ratios within one boot and speed-independent counts mean anything.',
            'Generated by make bench (scripts/cover-results.py); sw = stock',
            'write-protection, hwdbm = this series. Every configuration ran five',
            'times, sw and hwdbm interleaved in one boot; a difference is only real',
            'where the ranges do not overlap.', '',
            'dirty_log_perf_test -b <mem> -i 3 -m 3: per run, the mean of iterations',
            '2-3 (iteration 1 runs before anything is write-protected); the table',
            'gives the median of the runs, and the ratio of each hwdbm run to the sw',
            'run next to it as median (min-max). -w50/-w10 rows write 50%/10% of the',
            'pages at random (-w N -a); faults, entries scanned and pages reported',
            'are per iteration, from the binary stats (medians):', '']
    text += perf_table(load(p('results.csv')))
    sections = [
        ('migration.csv', migration_table,
         ['A migration (dirty_log_migrate_test -B 20000 -T 4096): one vCPU keeps',
          'writing 16MB of its 128MB, the copy runs at 20000 pages/s, and the guest',
          'stops once a round copies at most the hot set. Guest time lost is the',
          'area between the guest\'s write throughput before the migration and',
          'during it; "while running" leaves out the stop-and-copy, the same for',
          'both. Five migrations per config, interleaved; ratios are taken against',
          'the sw migration of the same run:']),
        ('migration-rounds.csv', scaling_table,
         ['Sync cost against the memslot size, at a fixed working set (one vCPU',
          'rewriting the same 1024 pages; dirty_log_migrate_test -W 1024), rounds 3-8.',
          'One run per memslot size: the entries scanned are the figure; the',
          'times are one run\'s, noise under TCG, shown only for orientation:']),
        ('qemu-migration.csv', qemu_table,
         ['QEMU live migration, with the companion QEMU series: hw-dbm=off against',
          'hw-dbm=on, ten migrations per KVM mode and guest RAM backing (4K; THP',
          'with eager-split-size=2M), interleaved in one boot. The guest rewrites',
          'a 4 MiB hot set of its 128 MiB and, slowly, a cold region; the copy is',
          'paced at 20 MB/s. Write faults are the source VM\'s, medians; the ratio',
          'is per sw/hwdbm pair, median (min-max), and the guest time lost ranges',
          'overlap or not. Migration time and data sent are unchanged (1.00).',
          'Every migration\'s RAMs were compared page by page:']),
        ('retire.csv', retire_table,
         ['Retirement of idle groups: a guest whose 4MB hot window moves every two',
          'or three rounds over 32MB per vCPU (two vCPUs), 30 rounds, per round',
          'from round 2, by retirement threshold K (the series uses 4). One run per',
          'K; the counts do not depend on speed, but the faults vary from run to',
          'run with where the guest happens to be at each sync:']),
    ]
    for name, table, intro in sections:
        if not os.path.exists(p(name)):
            continue
        rows = table(load(p(name)))
        if len(rows) > 1:
            text += [''] + intro + [''] + rows
    text += ['', '']
    with open(cover) as f:
        s = f.read()
    start = s.index('Results\n=======\n')
    end = s.index('Testing\n=======\n')
    with open(cover, 'w') as f:
        f.write(s[:start] + '\n'.join(t.rstrip() for t in text) + s[end:])


if __name__ == '__main__':
    main()
