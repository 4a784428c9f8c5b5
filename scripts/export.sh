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
	python3 - "$old" "$tmp/0000-cover-letter.patch" <<'PY'
import re, sys
old, new = (open(p).read() for p in sys.argv[1:3])
subj = re.search(r'^Subject: \[PATCH[^\]]*\] (.*(?:\n .*)*)', old, re.M).group(1)
body = old.split('\n\n', 1)[1]
m = re.search(r'^\S.* \(\d+\):$', body, re.M)
blurb = body[:m.start()].rstrip('\n') if m else body
new = new.replace('*** SUBJECT HERE ***', subj).replace('*** BLURB HERE ***', blurb.strip('\n'))
open(sys.argv[2], 'w').write(new)
PY
fi
rm -f "$TOP"/patches/[0-9]*.patch
cp "$tmp"/*.patch "$TOP/patches/"
# Keep the tree stamp in step so that 'make tree' does not rebuild it.
cat "$TOP/patches/BASE" $(ls "$TOP"/patches/*.patch) | sha1sum | cut -c1-40 > "$BUILD/.tree-stamp"
log "exported $n patches to patches/"
