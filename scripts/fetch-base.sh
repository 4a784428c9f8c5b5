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

# The Debian mirror: the first URI of an entry that serves the 'debian'
# archive (not debian-security), in deb822 or one-line format.
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
	 sed -n 's/^URIs: *//p' | tr ' ' '\n' | grep -E '/debian/?$' | head -n 1)
[ -n "$mirror" ] || mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
	awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\/.*\/debian\/?$/) { print $i; exit } }')
[ -n "$mirror" ] || die "no Debian mirror found in /etc/apt"

apt=$BUILD/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$BUILD/base"
kr=/usr/share/keyrings/debian-archive-keyring.gpg
: > "$apt/sources.list"
for suite in $BASE_SUITES; do
	echo "deb [signed-by=$kr] $mirror $suite main" >> "$apt/sources.list"
done
opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache"
      -o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1)
log "fetching $BASE_PKG $BASE_VERSION (suites: $BASE_SUITES)"
apt-get -qq "${opts[@]}" update >/dev/null || die "apt-get update on the private sources list failed"

pkg=$BASE_PKG ver=$BASE_VERSION
if ! apt-cache "${opts[@]}" show "$pkg=$ver" >/dev/null 2>&1; then
	# Fallback: the newest linux-source-7.* that is served, with a loud warning.
	pkg=$(apt-cache "${opts[@]}" search --names-only '^linux-source-7\.[0-9]+$' |
	      awk '{print $1}' | sort -V | tail -n 1)
	[ -n "$pkg" ] || die "no linux-source-7.* is served"
	ver=$(apt-cache "${opts[@]}" policy "$pkg" | sed -n 's/^ *Candidate: *//p')
	log "WARNING: ***********************************************************"
	log "WARNING: $BASE_PKG $BASE_VERSION is no longer served; using $pkg $ver."
	log "WARNING: the series was made against $BASE_VERSION and may need a rebase."
	log "WARNING: ***********************************************************"
	want_sha=
fi
tmp=$(mktemp -d)
chmod 755 "$tmp"	# apt downloads as _apt
(cd "$tmp" && apt-get -qq "${opts[@]}" download "$pkg=$ver" >/dev/null) ||
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
