#!/bin/bash
# Install, from Debian's archive only, whatever the bench needs and is missing.
source "$(dirname "$0")/lib.sh"

PKGS="gcc-aarch64-linux-gnu qemu-system-arm sparse bc flex bison libssl-dev
libelf-dev cpio ccache rsync codespell gnuplot-nox git make xz-utils perl
python3 gcc libc6-dev ninja-build python3-venv bzip2 pkgconf e2fsprogs"
# For the arm64 QEMU (scripts/qemu.sh), through multiarch.
ARM64_PKGS="libglib2.0-dev:arm64 libfdt-dev:arm64 zlib1g-dev:arm64"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done

SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
missing_arm64=
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	log "adding the arm64 architecture to dpkg (multiarch)"
	$SUDO dpkg --add-architecture arm64
	missing_arm64=$ARM64_PKGS
else
	for p in $ARM64_PKGS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing_arm64="$missing_arm64 $p"
	done
fi

if [ -n "$missing$missing_arm64" ]; then
	log "installing:$missing$missing_arm64"
	$SUDO apt-get update -qq
fi
if [ -n "$missing" ]; then
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
if [ -n "$missing_arm64" ]; then
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing_arm64 >/dev/null
fi

# The base source, from a suite this machine's apt does not list.
bash "$TOP/scripts/fetch-base.sh"
