#!/bin/bash
# fetch-base.sh: put the base kernel tarball named by patches/BASE at
# $BUILD/base/$BASE_PKG.tar.xz.  The package comes from a Debian suite this
# machine's apt is not configured for (trixie-backports), so apt is given a
# private sources list and private state directories; /etc/apt is only read,
# to learn which Debian mirror this machine already uses.
source "$(dirname "$0")/lib.sh"

out=$BUILD/base/$BASE_PKG.tar.xz
want_sha=$(sed -n 's/^sha256: *//p' "$TOP/patches/BASE")
if [ -f "$out" ] && [ "$(cat "$out.version" 2>/dev/null)" = "$BASE_VERSION" ]; then
	exit 0
fi

log "fetching $BASE_PKG $BASE_VERSION (suites: $BASE_SUITES)"
mkdir -p "$BUILD/base"
# shellcheck disable=SC2086
private_apt "$BUILD/apt" deb $BASE_SUITES

pkg=$BASE_PKG ver=$BASE_VERSION
if ! apt-cache "${APT_OPTS[@]}" show "$pkg=$ver" >/dev/null 2>&1; then
	# Fallback: the newest linux-source-7.* that is served, with a loud warning.
	pkg=$(apt-cache "${APT_OPTS[@]}" search --names-only '^linux-source-7\.[0-9]+$' |
	      awk '{print $1}' | sort -V | tail -n 1)
	[ -n "$pkg" ] || die "no linux-source-7.* is served"
	ver=$(apt-cache "${APT_OPTS[@]}" policy "$pkg" | sed -n 's/^ *Candidate: *//p')
	log "WARNING: ***********************************************************"
	log "WARNING: $BASE_PKG $BASE_VERSION is no longer served; using $pkg $ver."
	log "WARNING: the series was made against $BASE_VERSION and may need a rebase."
	log "WARNING: ***********************************************************"
	want_sha=
fi
tmp=$(mktemp -d)
chmod 777 "$tmp"	# apt downloads as _apt
(cd "$tmp" && apt-get -qq "${APT_OPTS[@]}" download "$pkg=$ver" >/dev/null) ||
	die "apt-get download $pkg=$ver failed"
dpkg -x "$tmp"/*.deb "$tmp/x"
tar=$(ls "$tmp"/x/usr/src/linux-source-*.tar.xz)
if [ -n "$want_sha" ]; then
	have_sha=$(sha256sum "$tar" | cut -d' ' -f1)
	[ "$have_sha" = "$want_sha" ] || die "$tar: sha256 $have_sha, patches/BASE says $want_sha"
fi
mv "$tar" "$out"
echo "$ver" > "$out.version"
rm -rf "$tmp"
log "base: $pkg $ver"
