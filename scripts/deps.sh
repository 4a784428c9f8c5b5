#!/bin/bash
# Install, from Debian's archive only, whatever the bench needs and is missing.
source "$(dirname "$0")/lib.sh"

PKGS="gcc-aarch64-linux-gnu qemu-system-arm sparse bc flex bison libssl-dev
libelf-dev cpio ccache rsync codespell gnuplot-nox git make xz-utils perl
python3 gcc libc6-dev"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done

if [ -n "$missing" ]; then
	SUDO=
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	log "installing:$missing"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

# The base source, from a suite this machine's apt does not list.
bash "$TOP/scripts/fetch-base.sh"
