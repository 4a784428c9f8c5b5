#!/bin/bash
# Build, static for arm64, every kvm selftest that any plan names, from the
# tree with the series applied (so tests the series adds come along).
source "$(dirname "$0")/lib.sh"

out=$BUILD/obj-host
st=$BUILD/selftests
mkdir -p "$st"
make -s -C "$TREE" O="$out" headers_install >/dev/null
# Test names are the basenames of plan program paths that live under /bin/kvm/.
tests=$(cat "$TOP"/plans/*.plan | awk '$1 !~ /^#/ && $3 ~ /^\/bin\/kvm\// { sub("/bin/kvm/", "", $3); print $3 }' | sort -u)
targets=
for t in $tests; do
	targets="$targets $st/$t"
done
make -s -C "$TREE/tools/testing/selftests/kvm" OUTPUT="$st" \
	KHDR_INCLUDES="-isystem $out/usr/include" LDFLAGS="-static -pthread" \
	-j"$JOBS" $targets
