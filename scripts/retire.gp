# Entries scanned and write faults per migration round, one line per K.
set terminal pngcairo size 1000,420
set output png
set datafile separator ","
set multiplot layout 1,2
set xlabel "round"
set key top left
set title "stage-2 entries scanned per round"
plot for [k in "1 2 4 8 16 255"] csv using ($1 == k ? $2 : 1/0):6 with linespoints title (k == "255" ? "never" : "K=".k)
set title "guest write faults per round"
plot for [k in "1 2 4 8 16 255"] csv using ($1 == k ? $2 : 1/0):4 with linespoints title (k == "255" ? "never" : "K=".k)
unset multiplot
