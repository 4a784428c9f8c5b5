#!/usr/bin/env python3
"""QEMU migration figures from qemu-migrate's console output.

usage: qemu-results.py OUTDIR LOG...   (LOG names end -vhe-PLAN.log or -nvhe-PLAN.log)

A "mode" here is the KVM mode and the plan entry, "vhe 4k" say.

Writes OUTDIR/qemu-migration.csv (one row per migration), qemu-migration.txt
(per mode and config: median (min-max) over the migrations, and the hwdbm/sw
ratio of guest time lost, taken pair by pair in the order they ran), and
qemu-throughput.csv (guest pages/s over time around the migration with the
median guest time lost, per mode and config) for scripts/qemu-plot.gp.
"""
import csv
import os
import re
import sys
from collections import defaultdict
from statistics import median

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runstats import fmt_spread  # noqa: E402

COLS = ['total_ms', 'downtime_ms', 'setup_ms', 'iterations', 'transferred',
        'pages', 'dirty_rate', 'rate_before', 'rate_during', 'lost_s',
        'dbm_pages', 'write_faults', 'differ']


def mode_of(path):
    m = re.search(r'-(vhe|nvhe)-[^/]*\.log$', path)
    return m.group(1) if m else 'unknown'


def main():
    out, logs = sys.argv[1], sys.argv[2:]
    rows, ts = [], defaultdict(list)
    for path in logs:
        mode = mode_of(path)
        entry = ''
        with open(path, errors='replace') as f:
            for line in f:
                m = re.match(r'# (qemu\.mig\.)?(\S+): ', line)
                if m:
                    entry = m.group(2)
                    continue
                line = line.strip()
                if line.startswith('CSV,'):
                    v = line.split(',')[1:]
                    r = {'mode': mode + ' ' + entry, 'config': v[0], 'nr': int(v[1])}
                    r.update({c: float(x) for c, x in zip(COLS, v[2:])})
                    rows.append(r)
                elif line.startswith('TS,'):
                    _, config, nr, t, ops = line.split(',')
                    ts[(mode + ' ' + entry, config, int(nr))].append((float(t), int(ops)))
    if not rows:
        sys.exit('qemu-results: no migrations in ' + ' '.join(logs))

    with open(os.path.join(out, 'qemu-migration.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['mode', 'config', 'nr'] + COLS)
        for r in rows:
            w.writerow([r['mode'], r['config'], r['nr']] + [r[c] for c in COLS])

    lines = ['QEMU live migration inside the emulated arm64 host: median (min-max) over the migrations',
             'of each config, sw and hwdbm interleaved in one boot.  lost = the migration\'s duration',
             'less the time the guest would have needed, at its rate before, for what it wrote during it.',
             '']
    hdr = ('mode', 'config', 'n', 'total s', 'downtime ms', 'iterations', 'MB sent',
           'during/before', 'lost s', 'DBM pages', 'write faults', 'differ')
    table = [hdr]
    by = defaultdict(list)
    for r in rows:
        by[(r['mode'], r['config'])].append(r)
    for (mode, config), rs in sorted(by.items()):
        table.append((mode, config, str(len(rs)),
                      fmt_spread([r['total_ms'] / 1000 for r in rs], '%.2f'),
                      fmt_spread([r['downtime_ms'] for r in rs], '%.0f'),
                      fmt_spread([r['iterations'] for r in rs], '%.0f'),
                      fmt_spread([r['transferred'] / 1e6 for r in rs], '%.0f'),
                      fmt_spread([r['rate_during'] / r['rate_before'] for r in rs], '%.2f'),
                      fmt_spread([r['lost_s'] for r in rs], '%.2f'),
                      fmt_spread([r['dbm_pages'] for r in rs], '%.0f'),
                      fmt_spread([r['write_faults'] for r in rs], '%.0f'),
                      str(int(sum(r['differ'] for r in rs)))))
    widths = [max(len(row[i]) for row in table) for i in range(len(hdr))]
    for row in table:
        lines.append('  '.join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    lines.append('')

    # hwdbm against sw, pair by pair: the k-th hwdbm migration of a boot
    # against the k-th sw one.
    for mode in sorted({r['mode'] for r in rows}):
        sw = sorted((r for r in rows if r['mode'] == mode and r['config'] == 'sw'),
                    key=lambda r: r['nr'])
        hw = sorted((r for r in rows if r['mode'] == mode and r['config'] == 'hwdbm'),
                    key=lambda r: r['nr'])
        pairs = list(zip(sw, hw))
        if not pairs:
            continue
        lost_ratio = [h['lost_s'] / s['lost_s'] for s, h in pairs if s['lost_s'] > 0]
        total_ratio = [h['total_ms'] / s['total_ms'] for s, h in pairs if s['total_ms'] > 0]
        sw_lost = [s['lost_s'] for s, _ in pairs]
        hw_lost = [h['lost_s'] for _, h in pairs]
        overlap = not (max(hw_lost) < min(sw_lost) or max(sw_lost) < min(hw_lost))
        verdict = ('overlap: no real difference' if overlap else 'do not overlap')
        if len(pairs) < 3:
            verdict = 'too few migrations to call a difference'

        lines.append('%s: hwdbm/sw per pair (%d of them): guest time lost %s, migration time %s; '
                     'lost ranges %s' % (mode, len(pairs), fmt_spread(lost_ratio, '%.2f'),
                                         fmt_spread(total_ratio, '%.2f'), verdict))
    text = '\n'.join(lines) + '\n'
    with open(os.path.join(out, 'qemu-migration.txt'), 'w') as f:
        f.write(text)
    sys.stdout.write(text)

    # Throughput over time, for the migration with the median guest time
    # lost of each mode and config.
    with open(os.path.join(out, 'qemu-throughput.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['mode', 'config', 'nr', 't', 'pages_per_s'])
        for (mode, config), rs in sorted(by.items()):
            rs = sorted(rs, key=lambda r: r['lost_s'])
            pick = rs[(len(rs) - 1) // 2]
            pts = sorted(ts.get((mode, config, pick['nr']), []))
            for (t0, o0), (t1, o1) in zip(pts, pts[1:]):
                if t1 > t0:
                    w.writerow([mode, config, pick['nr'], '%.3f' % ((t0 + t1) / 2),
                                '%.0f' % ((o1 - o0) / (t1 - t0))])


if __name__ == '__main__':
    main()
