# gnuplot -e "outdir=DIR" qemu-demo-plot.gp: make demo's throughput plot,
# the guest around its QEMU migration, sw against hwdbm, VHE and nVHE.
set datafile separator ','
set terminal pngcairo size 1400,500 font ',10' noenhanced
set output outdir.'/qemu-throughput.png'
set multiplot layout 1,2 title 'Guest memory writes around a QEMU live migration (emulated arm64 host); the pause for the RAM compare is cut out'
set xlabel 'seconds from the start of the migration'
set ylabel 'guest pages written per second'
set format y '%.0s%c'
set key below
set grid
f = outdir.'/qemu-throughput.csv'
do for [m in 'vhe_4k nvhe_4k'] {
	mm = system('echo '.m.' | tr _ " " | sed "s/ /_/2"')
	set title mm
	plot f using (strcol(2) eq 'sw' && strcol(1) eq mm ? $4 : 1/0):5 with steps lw 2 title 'software logging (hw-dbm=off)', \
	     f using (strcol(2) eq 'hwdbm' && strcol(1) eq mm ? $4 : 1/0):5 with steps lw 2 title 'hardware DBM (hw-dbm=on)'
}
unset multiplot
