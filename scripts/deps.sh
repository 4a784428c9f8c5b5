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

# The base source: exact version if the archive still has it, else newest.
if ! dpkg-query -W -f='${Version}' $BASE_PKG 2>/dev/null |
		grep -qx "$BASE_VERSION"; then
	missing="$missing $BASE_PKG"
fi

[ -z "$missing" ] && exit 0
SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
log "installing:$missing"
$SUDO apt-get update -qq
if [[ $missing == *$BASE_PKG* ]] &&
   $SUDO apt-get install -y -qq "$BASE_PKG=$BASE_VERSION" >/dev/null 2>&1; then
	missing=${missing/$BASE_PKG/}
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
have=$(dpkg-query -W -f='${Version}' $BASE_PKG)
if [ "$have" != "$BASE_VERSION" ]; then
	log "WARNING: ***********************************************************"
	log "WARNING: $BASE_PKG $BASE_VERSION is no longer served; using $have."
	log "WARNING: the series was made against $BASE_VERSION and may need a rebase."
	log "WARNING: ***********************************************************"
fi
