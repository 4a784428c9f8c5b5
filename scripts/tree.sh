#!/bin/bash
# Make $BUILD/linux: a git tree with the base source as its first commit and
# the series from patches/ applied on top with git am.  The tree is rebuilt
# only when patches/ changed since it was made, unless --force is given.
source "$(dirname "$0")/lib.sh"

stamp=$BUILD/.tree-stamp
want=$(cat "$TOP/patches/BASE" $(ls "$TOP"/patches/*.patch 2>/dev/null) | sha1sum | cut -c1-40)
if [ "${1:-}" != --force ] && [ -d "$TREE/.git" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
	exit 0
fi
if [ -d "$TREE/.git" ] && [ "${1:-}" != --force ] &&
   [ -n "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
	die "$TREE has uncommitted changes; commit them and 'make export', or use 'make tree FORCE=1'"
fi

src=$BUILD/base/$BASE_PKG.tar.xz
[ -f "$src" ] || die "$src missing: run scripts/deps.sh"
have=$(cat "$src.version")

# The extracted base is cached as a git commit in $BUILD/base.git.
if [ ! -d "$BUILD/base.git" ] || [ "$(cat "$BUILD/base.git/VERSION" 2>/dev/null)" != "$have" ]; then
	log "importing $BASE_PKG $have"
	rm -rf "$BUILD/base.git" "$BUILD/base-src"
	mkdir -p "$BUILD/base-src"
	tar -C "$BUILD/base-src" --strip-components=1 -xf "$src"
	git init -q --bare "$BUILD/base.git"
	git --git-dir="$BUILD/base.git" --work-tree="$BUILD/base-src" add -A -f .
	GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
	git --git-dir="$BUILD/base.git" --work-tree="$BUILD/base-src" \
		-c user.name=bench -c user.email=bench@localhost \
		commit -q -m "Import $BASE_PKG $have"
	git --git-dir="$BUILD/base.git" branch -f base
	echo "$have" > "$BUILD/base.git/VERSION"
	rm -rf "$BUILD/base-src"
fi

if [ ! -d "$TREE/.git" ]; then
	git init -q "$TREE"
fi
cd "$TREE"
git fetch -q "$BUILD/base.git" base
git checkout -q -B series FETCH_HEAD
git tag -f base FETCH_HEAD >/dev/null
git am --abort >/dev/null 2>&1 || true
shopt -s nullglob
series=()
for p in "$TOP"/patches/[0-9]*.patch; do
	[[ $(basename "$p") == 0000-cover-letter.patch ]] && continue
	series+=("$p")
done
if [ ${#series[@]} -gt 0 ]; then
	git -c user.name=bench -c user.email=bench@localhost am -q --keep-cr "${series[@]}" ||
		die "the series does not apply to $BASE_PKG $have"
fi
echo "$want" > "$stamp"
log "tree: $(git rev-list --count base..HEAD) patches on $BASE_PKG $have"
