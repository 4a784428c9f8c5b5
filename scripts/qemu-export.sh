#!/bin/bash
# make qemu-export: regenerate qemu/patches/ from the commits base..HEAD in
# build/qemu-src (made by scripts/qemu.sh).  The cover letter's subject and
# text are kept; its shortlog and diffstat are refreshed.
source "$(dirname "$0")/lib.sh"

cd "$BUILD/qemu-src"
[ -z "$(git status --porcelain --untracked-files=no)" ] || die "commit your changes in $BUILD/qemu-src first"
n=$(git rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of base"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git format-patch -q --cover-letter --no-signature --no-thread \
	--subject-prefix="RFC PATCH" -o "$tmp" base..HEAD
old=$TOP/qemu/patches/0000-cover-letter.patch
if [ -f "$old" ]; then
	python3 "$TOP/scripts/cover-merge.py" "$old" "$tmp/0000-cover-letter.patch"
fi
rm -f "$TOP"/qemu/patches/[0-9]*.patch
cp "$tmp"/*.patch "$TOP/qemu/patches/"
# Keep the tree stamp in step so that qemu.sh does not re-import it.
cat "$TOP/qemu/BASE" "$TOP"/qemu/patches/*.patch | sha1sum | cut -c1-40 > "$BUILD/.qemu-tree-stamp"
log "exported $n QEMU patches to qemu/patches/"
