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

STATS = ('write_faults', 'sync_ptes', 'pages_reported')


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def load(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f))


def perf_table(rows):
    agg = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if int(r['iteration']) < 2:
            continue
        for c in ('dirty_s', 'get_s', 'clear_s') + STATS:
            if r.get(c):
                agg[(r['mode'], r['config'], r['vcpus'], r['mem_per_vcpu'])][c].append(float(r[c]))
    out = ['  mode  config     vCPUs x mem    dirty      get    clear    total  ratio   faults'
           '  entries    pages',
           '                                   (ms)     (ms)     (ms)     (ms)          /iter'
           '  scanned    /iter']
    def order(k):
        base, _, variant = k[1].partition('-')
        return (k[0], int(k[3].rstrip('MG')), int(k[2]), variant, base != 'sw')
    for k in sorted(agg, key=order):
        a = {c: mean(v) for c, v in agg[k].items()}
        tot = a['dirty_s'] + a['get_s'] + a['clear_s']
        ref = agg.get((k[0], k[1].replace('hwdbm', 'sw'), k[2], k[3]))
        rt = sum(mean(ref[c]) for c in ('dirty_s', 'get_s', 'clear_s')) if ref else 0
        out.append('  %-5s %-10s %2sx%-6s %8.1f %8.2f %8.2f %8.1f  %5.3f %8.0f %8.0f %8.0f' %
                   (k[0], k[1], k[2], k[3], a['dirty_s'] * 1e3, a['get_s'] * 1e3,
                    a['clear_s'] * 1e3, tot * 1e3, tot / rt if rt else 0,
                    a.get('write_faults', 0), a.get('sync_ptes', 0), a.get('pages_reported', 0)))
    # A few figures drawn from the table, for the text.
    tot, gc = [], []
    for k, v in agg.items():
        ref = agg.get((k[0], k[1].replace('hwdbm', 'sw'), k[2], k[3]))
        if not k[1].startswith('hwdbm') or not ref or k[1].endswith('thp'):
            continue
        t = sum(mean(v[c]) for c in ('dirty_s', 'get_s', 'clear_s'))
        rt = sum(mean(ref[c]) for c in ('dirty_s', 'get_s', 'clear_s'))
        tot.append((t / rt, k[1]))
        gc.append((mean(v['get_s']) + mean(v['clear_s'])) /
                  (mean(ref['get_s']) + mean(ref['clear_s'])))
    w10 = [v for k, v in agg.items() if k[1] == 'hwdbm-w10' and v.get('pages_reported')]
    sparse = mean([mean(v['sync_ptes']) / mean(v['pages_reported']) for v in w10]) if w10 else 0
    if tot:
        seq = [r for r, c in tot if c == 'hwdbm']
        out += ['',
                'On 4K pages, an iteration with hardware DBM costs %.3f-%.3f of the' % (min(seq), max(seq)),
                'software log\'s for a sequential writer, and up to %.3f for the' % max(r for r, _ in tot),
                'sparsest random one (-w10), whose collection scans about %.0f times' % sparse,
                'the pages it finds dirty. get+clear costs %.1f-%.1f times the software' % (min(gc), max(gc)),
                'log\'s: the get scans the recorded groups where the software log\'s',
                'only copies a bitmap, and the clear write-protects the same pages.',
                'On THP without eager split, a write fault splits the write-protected',
                'block into pages, so the first iteration after the first clear takes',
                'one fault per group of 64 pages, as on 4K; the following ones take',
                'none.']
    return out


def migration_table(rows):
    agg = defaultdict(lambda: defaultdict(list))
    for r in rows:
        cfg = r['config'].split('.', 1)[1] if '.' in r['config'] else r['config']
        for c in ('seconds', 'blackout_s', 'lost_s', 'running_lost_s', 'faults', 'scanned'):
            if r.get(c):
                agg[(r['mode'], cfg)][c].append(float(r[c]))
    out = ['  mode  config   migration  blackout  guest time lost (s)    ratio to sw    faults  entries',
           '                    (s)       (s)      total   while running  total running          scanned']
    for k in sorted(agg):
        a = {c: mean(v) for c, v in agg[k].items()}
        ref = agg.get((k[0], 'sw'), {})
        rl = mean(ref.get('lost_s', [])) or None
        rr = mean(ref.get('running_lost_s', [])) or None
        out.append('  %-5s %-8s %8.3f %9.3f %9.3f %11.3f %8s %7s %8.0f %8.0f' %
                   (k[0], k[1], a['seconds'], a['blackout_s'], a['lost_s'],
                    a['running_lost_s'], '%.2f' % (a['lost_s'] / rl) if rl else '-',
                    '%.2f' % (a['running_lost_s'] / rr) if rr else '-',
                    a.get('faults', 0), a.get('scanned', 0)))
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


def main():
    bench, cover = sys.argv[1], sys.argv[2]
    p = lambda name: os.path.join(bench, name)
    text = ['Results', '=======', '',
            'Measured under QEMU 7.2 TCG (no arm64 hardware was available), so only',
            'ratios within one boot and speed-independent counts mean anything.',
            'Generated by make bench (scripts/cover-results.py); sw = stock',
            'write-protection, hwdbm = this series, run one after the other in the',
            'same boot.', '',
            'dirty_log_perf_test -b <mem> -i 5 -m 3, mean of iterations 2-5 (iteration',
            '1 runs before anything is write-protected); -w10 rows write 10% of the',
            'pages at random (-w 10 -a); ratio is the total against the sw row;',
            'faults, entries scanned and pages reported are per iteration, from the',
            'binary stats:', '']
    text += perf_table(load(p('results.csv')))
    sections = [
        ('migration.csv', migration_table,
         ['A migration (dirty_log_migrate_test -B 20000 -T 4096): one vCPU keeps',
          'writing 16MB of its 128MB, the copy runs at 20000 pages/s, and the guest',
          'stops once a round copies at most the hot set. Guest time lost is the',
          'area between the guest\'s write throughput before the migration and',
          'during it; "while running" leaves out the stop-and-copy, the same for',
          'both. Mean of three migrations:']),
        ('migration-rounds.csv', scaling_table,
         ['Sync cost against the memslot size, at a fixed working set (one vCPU',
          'rewriting the same 1024 pages; dirty_log_migrate_test -W 1024), rounds 3-8:']),
        ('retire.csv', retire_table,
         ['Retirement of idle groups: a guest whose 4MB hot window moves every two',
          'or three rounds over 32MB per vCPU (two vCPUs), 30 rounds, per round',
          'from round 2, by retirement threshold K (the series uses 4):']),
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
        f.write(s[:start] + '\n'.join(text) + s[end:])


if __name__ == '__main__':
    main()
