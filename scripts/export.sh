#!/bin/bash
# export.sh [qemu]: regenerate a series' patch files from the commits
# base..HEAD of its work tree, keeping the cover letter's subject and text
# (scripts/cover-merge.py) and refreshing its shortlog and diffstat.
#   make export:       build/linux     -> patches/       [PATCH v2]
#   make qemu-export:  build/qemu-src  -> qemu/patches/  [RFC PATCH]
source "$(dirname "$0")/lib.sh"

if [ "${1:-}" = qemu ]; then
	tree=$BUILD/qemu-src out=$TOP/qemu/patches prefix="RFC PATCH"
	base_file=$TOP/qemu/BASE stamp=$BUILD/.qemu-tree-stamp opts=()
else
	tree=$TREE out=$TOP/patches prefix="PATCH v2"
	base_file=$TOP/patches/BASE stamp=$BUILD/.tree-stamp opts=(--base=base)
fi

cd "$tree"
[ -z "$(git status --porcelain --untracked-files=no)" ] || die "commit your changes in $tree first"
n=$(git rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of base"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git format-patch -q --cover-letter "${opts[@]}" --no-signature --no-thread \
	--subject-prefix="$prefix" -o "$tmp" base..HEAD
old=$out/0000-cover-letter.patch
if [ -f "$old" ]; then
	python3 "$TOP/scripts/cover-merge.py" "$old" "$tmp/0000-cover-letter.patch"
fi
rm -f "$out"/[0-9]*.patch
cp "$tmp"/*.patch "$out/"
# Keep the tree stamp in step, so that the next build does not re-import.
cat "$base_file" "$out"/*.patch | sha1sum | cut -c1-40 > "$stamp"
log "exported $n patches to ${out#"$TOP"/}/"
