"""Per-run aggregation for make bench, shared by results.py and cover-results.py.

Every configuration runs several times, sw and hwdbm interleaved in one boot.
Each run gives one sample (the mean of its steady-state iterations, >= 2);
a configuration is reported as the median of its samples with the minimum
and maximum, and a hwdbm row's ratio is taken run by run against the sw run
of the same index, then summarised the same way.
"""
from collections import defaultdict
from statistics import median

TIMES = ('dirty_s', 'get_s', 'clear_s')


def spread(xs):
    """(median, min, max) of a non-empty list."""
    return median(xs), min(xs), max(xs)


def per_run(rows, cols):
    """{(mode, config, vcpus, mem): {run: {col: mean over iterations >= 2}}}.

    rows are dicts with mode, config, vcpus, mem_per_vcpu, run, iteration
    and the columns; values may be strings (from a CSV) or numbers.
    """
    acc = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for r in rows:
        if int(r['iteration']) < 2:
            continue
        key = (r['mode'], r['config'], str(r['vcpus']), r['mem_per_vcpu'])
        for c in cols:
            if r.get(c) not in (None, ''):
                acc[key][int(r['run'])][c].append(float(r[c]))
    return {k: {run: {c: sum(v) / len(v) for c, v in cs.items()} for run, cs in runs.items()}
            for k, runs in acc.items()}


def total(sample):
    return sum(sample.get(c, 0.0) for c in TIMES)


def sw_key(key):
    return (key[0], key[1].replace('hwdbm', 'sw'), key[2], key[3])


def ratios(runs, ref_runs, value=total):
    """value(run) / value(ref run of the same index), for the runs both have."""
    out = []
    for run, s in runs.items():
        ref = ref_runs.get(run)
        if ref and value(ref):
            out.append(value(s) / value(ref))
    return out


def fmt_spread(xs, f='%.3f'):
    if not xs:
        return '-'
    m, lo, hi = spread(xs)
    return (f + ' (' + f + '-' + f + ')') % (m, lo, hi)
