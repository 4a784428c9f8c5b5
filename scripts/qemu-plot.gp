# gnuplot -e "outdir='DIR'" [-e "panels='vhe_4k nvhe_4k'"] qemu-plot.gp:
# guest throughput around a QEMU migration (the one with the median guest
# time lost), sw against hwdbm, one panel per KVM mode and guest RAM
# backing ("mode_backing"), from DIR/qemu-throughput.csv.  make bench
# plots the four of plans/qemu-bench.plan; make demo its two.
if (!exists('panels')) panels = 'vhe_4k nvhe_4k vhe_thp_eager nvhe_thp_eager'
n = words(panels)
set datafile separator ','
set terminal pngcairo size 1400,(n > 2 ? 900 : 500) font ',10' noenhanced
set output outdir.'/qemu-throughput.png'
set multiplot layout (n > 2 ? 2 : 1),2 title 'Guest memory writes around a QEMU live migration (emulated arm64 host); the pause for the RAM compare is cut out'
set xlabel 'seconds from the start of the migration'
set ylabel 'guest pages written per second'
set format y '%.0s%c'
set key below
set grid
f = outdir.'/qemu-throughput.csv'
do for [m in panels] {
	mm = system('echo '.m.' | tr _ " " | sed "s/ /_/2"')
	set title mm
	plot f using (strcol(2) eq 'sw' && strcol(1) eq mm ? $4 : 1/0):5 with steps lw 2 title 'software logging (hw-dbm=off)', \
	     f using (strcol(2) eq 'hwdbm' && strcol(1) eq mm ? $4 : 1/0):5 with steps lw 2 title 'hardware DBM (hw-dbm=on)'
}
unset multiplot
