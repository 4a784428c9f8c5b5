#!/bin/bash
# sparse.sh: print the path of a sparse that the base kernel accepts for
# C=2.  Debian 12's sparse (0.6.4) is too old for Linux 7.x
# (scripts/checker-valid.sh wants __typeof_unqual__), and sid's binary
# package needs a newer libc; so build sid's source package, which takes a
# few seconds, into $BUILD/sparse.  The system's sparse is used when the
# kernel accepts it.
source "$(dirname "$0")/lib.sh"

valid() { [ "$(sh "$TREE/scripts/checker-valid.sh" "$1" 2>/dev/null)" = 1 ]; }

if command -v sparse >/dev/null && valid sparse; then
	command -v sparse
	exit 0
fi
out=$BUILD/sparse
if [ ! -x "$out/src/sparse" ] || ! valid "$out/src/sparse"; then
	log "building sparse from Debian sid's source package"
	private_apt "$BUILD/apt-src" deb-src sid
	rm -rf "$out"
	mkdir -p "$out/src"
	chmod 777 "$out"	# apt downloads as _apt
	(cd "$out" && apt-get -qq "${APT_OPTS[@]}" source --download-only sparse >/dev/null) ||
		die "apt-get source sparse failed"
	tar -C "$out/src" --strip-components=1 -xf "$out"/sparse_*.orig.tar.*
	make -s -C "$out/src" -j"$JOBS" sparse >/dev/null || die "sparse build failed"
	valid "$out/src/sparse" || die "the sparse built from source is not accepted either"
fi
echo "$out/src/sparse"
