#!/bin/bash
# make export: regenerate patches/ from the commits base..series in the work
# tree.  The cover letter's subject and text are kept; its shortlog and
# diffstat are refreshed.
source "$(dirname "$0")/lib.sh"

cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] || die "commit your changes in $TREE first"
n=$(git rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of base"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git format-patch -q --cover-letter --base=base --no-signature --no-thread \
	--subject-prefix="PATCH v2" -o "$tmp" base..HEAD
old=$TOP/patches/0000-cover-letter.patch
if [ -f "$old" ]; then
	python3 "$TOP/scripts/cover-merge.py" "$old" "$tmp/0000-cover-letter.patch"
fi
rm -f "$TOP"/patches/[0-9]*.patch
cp "$tmp"/*.patch "$TOP/patches/"
# Keep the tree stamp in step so that 'make tree' does not rebuild it.
cat "$TOP/patches/BASE" $(ls "$TOP"/patches/*.patch) | sha1sum | cut -c1-40 > "$BUILD/.tree-stamp"
log "exported $n patches to patches/"
