# Steady-state dirty/get/clear time per configuration, log scale.
set terminal pngcairo size 1200,600 noenhanced
set output outdir.'/times.png'
set title 'dirty_log_perf_test, steady state per iteration (QEMU TCG; compare ratios only)'
set style data histograms
set style histogram clustered gap 1
set style fill solid border -1
set logscale y
set ylabel 'seconds'
set xtics rotate by -30
set key top left
set bmargin 9
set rmargin 10
plot outdir.'/plot.dat' using 3:xtic(2) title 'dirty', '' using 4 title 'get', '' using 5 title 'clear'
