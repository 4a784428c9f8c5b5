#!/bin/bash
# qemu.sh: build the QEMU that runs inside the emulated arm64 host, and the
# guest it migrates, into $BUILD/qemu-bin:
#   qemu-system-aarch64  static, KVM only, the virt board, with qemu/patches/
#   qemu-migrate         the migration driver (qemu/migrate.c)
#   guest-initrd.cpio.gz the guest's PID 1 (qemu/guest.c)
# The QEMU source is Debian's (qemu/BASE), fetched through a private sources
# list; the arm64 libraries come from Debian through multiarch (deps.sh).
# ccache keeps a rebuild after a small change quick.
source "$(dirname "$0")/lib.sh"

field() { sed -n "s/^$1: *//p" "$TOP/qemu/BASE"; }
ver=$(field version) suite=$(field suite) orig=$(field orig) want_sha=$(field sha256)
src=$BUILD/qemu-src obj=$BUILD/qemu-obj bin=$BUILD/qemu-bin dl=$BUILD/qemu-dl
mkdir -p "$dl" "$bin"
chmod 777 "$dl"	# apt downloads as _apt

# The source package and the build tools that bookworm lacks.
if [ ! -f "$dl/$orig" ] || [ ! -d "$dl/pyroot" ]; then
	log "fetching qemu $ver and meson from $suite"
	private_apt "$BUILD/apt-qemu-src" deb-src "$suite"
	(cd "$dl" && apt-get -qq "${APT_OPTS[@]}" source --download-only "qemu=$ver" >/dev/null) ||
		die "apt-get source qemu=$ver failed"
	private_apt "$BUILD/apt-qemu-bin" deb "$suite"
	# shellcheck disable=SC2046
	(cd "$dl" && apt-get -qq "${APT_OPTS[@]}" download $(field tools) >/dev/null) ||
		die "apt-get download $(field tools) failed"
	rm -rf "$dl/pyroot"
	for d in "$dl"/*.deb; do
		dpkg -x "$d" "$dl/pyroot"
	done
fi
have_sha=$(sha256sum "$dl/$orig" | cut -d' ' -f1)
[ "$have_sha" = "$want_sha" ] || die "$orig: sha256 $have_sha, qemu/BASE says $want_sha"

# A git tree: the upstream source as the first commit, the series on top.
want=$(cat "$TOP/qemu/BASE" "$TOP"/qemu/patches/*.patch | sha1sum | cut -c1-40)
if [ "$(cat "$BUILD/.qemu-tree-stamp" 2>/dev/null)" != "$want" ]; then
	log "qemu: importing $orig and applying qemu/patches"
	rm -rf "$src"
	mkdir -p "$src"
	tar -C "$src" --strip-components=1 -xJf "$dl/$orig"
	(
		cd "$src"
		git init -q
		git add -A -f .
		GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
			git -c user.name=bench -c user.email=bench@localhost \
			commit -q -m "Import QEMU from $orig"
		git tag base
		shopt -s nullglob
		series=()
		for p in "$TOP"/qemu/patches/[0-9]*.patch; do
			[[ $(basename "$p") == 0000-cover-letter.patch ]] && continue
			series+=("$p")
		done
		git -c user.name=bench -c user.email=bench@localhost am -q "${series[@]}"
	) || die "qemu/patches do not apply"
	# Build-only files, outside the series: the devices the bench needs,
	# and empty stand-ins for the EDK2 images that Debian's tarball drops
	# (QEMU unpacks them whenever bzip2 is found; the guest boots without
	# firmware).
	cp "$TOP/qemu/bench-devices.mak" "$src/configs/devices/aarch64-softmmu/bench.mak"
	for f in aarch64-code arm-code arm-vars riscv-code riscv-vars i386-code \
		 i386-secure-code i386-vars x86_64-code x86_64-secure-code \
		 loongarch64-code loongarch64-vars; do
		[ -f "$src/pc-bios/edk2-$f.fd.bz2" ] || bzip2 -c /dev/null > "$src/pc-bios/edk2-$f.fd.bz2"
	done
	rm -rf "$obj"
	echo "$want" > "$BUILD/.qemu-tree-stamp"
fi

export PYTHONPATH=$dl/pyroot/usr/lib/python3/dist-packages
export PKG_CONFIG=pkg-config PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig
export CCACHE_DIR=$BUILD/ccache
if [ ! -f "$obj/build.ninja" ]; then
	mkdir -p "$obj"
	(cd "$obj" && "$src/configure" --cross-prefix="$CROSS_COMPILE" \
		--cc="ccache ${CROSS_COMPILE}gcc" --target-list=aarch64-softmmu \
		--static --disable-tcg --enable-kvm --without-default-features \
		--with-devices-aarch64=bench --enable-fdt=system --disable-docs \
		--disable-tools --disable-user --disable-install-blobs --disable-werror \
		>configure.log 2>&1) || { tail -n 30 "$obj/configure.log"; die "qemu configure failed"; }
fi
ninja -C "$obj" -j"$JOBS" qemu-system-aarch64 >"$obj/ninja.log" 2>&1 ||
	{ tail -n 30 "$obj/ninja.log"; die "qemu build failed"; }
# No new compiler warning in the files the series touches (the build is
# not -Werror: QEMU's own code is not this compiler's concern here).
touched=$(git -C "$src" diff --name-only base..HEAD -- '*.c' '*.h' | tr '\n' '|')
if [ -n "$touched" ] && grep -E "(${touched%|}):[0-9]+:[0-9]+: warning:" "$obj/ninja.log"; then
	die "qemu: the series adds compiler warnings"
fi
cp "$obj/qemu-system-aarch64" "$bin/"
${CROSS_COMPILE}strip "$bin/qemu-system-aarch64"

${CROSS_COMPILE}gcc -static -O2 -Wall -Wextra -Werror -pthread -I"$TOP/init" -o "$bin/qemu-migrate" "$TOP/qemu/migrate.c"
g=$bin/guest-root
rm -rf "$g"
mkdir -p "$g/dev"
${CROSS_COMPILE}gcc -static -O2 -Wall -Wextra -Werror -o "$g/init" "$TOP/qemu/guest.c"
(cd "$g" && find . | cpio -o -H newc --quiet | gzip -1) > "$bin/guest-initrd.cpio.gz"
log "qemu: $(du -h "$bin/qemu-system-aarch64" | cut -f1) qemu-system-aarch64, with $(ls "$TOP"/qemu/patches/[0-9]*.patch 2>/dev/null | grep -vc cover-letter) patches"
