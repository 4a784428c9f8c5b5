# times.png: dirty_log_perf_test, steady-state seconds per iteration (dirty,
# get and clear), software logging beside hardware DBM for each workload,
# labelled with how many times faster hardware DBM is.  Log scale.
set terminal pngcairo size 1400,650 noenhanced font ',10'
set output outdir.'/times.png'
set title 'dirty_log_perf_test, seconds per iteration (dirty + get + clear), median of the runs, labelled with how many times faster hardware DBM is; QEMU TCG, compare ratios only'
set style data histograms
set style histogram clustered gap 1
set style fill solid border -1
set logscale y
set format y '%g'
set yrange [0.001:*]
set ylabel 'seconds per iteration'
set xtics rotate by -25 scale 0
set key top right
set bmargin 7
plot outdir.'/plot.dat' using 3:xtic(2) title 'software logging' lc rgb '#9467bd', \
     '' using 4 title 'hardware DBM' lc rgb '#2ca02c', \
     '' using ($1 + 0.18):($4 * 1.6):5 with labels notitle font ',11'
