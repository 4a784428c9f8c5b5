#!/bin/bash
# make check-series: for the series in patches/, check that it applies, that
# every patch is clean under checkpatch --strict and codespell, that every
# prefix of the series builds (bisectability), and that sparse (C=2) and W=1
# find nothing new in the files it touches compared with the base.
# --selftest: prove that a patch with a checkpatch error is rejected.
source "$(dirname "$0")/lib.sh"

findings=0
finding() { findings=$((findings + 1)); echo "FINDING: $*"; }

checkpatch() {
	"$TREE/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
		--ignore FILE_PATH_CHANGES,GERRIT_CHANGE_ID "$@"
}

if [ "${1:-}" = --selftest ]; then
	bash "$TOP/scripts/tree.sh"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cat > "$tmp/bad.patch" <<'PATCH'
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Bench <bench@localhost>
Date: Thu, 1 Jan 2026 00:00:00 +0000
Subject: [PATCH] KVM: arm64: Example with a style error

A deliberately bad patch.

Signed-off-by: Bench <bench@localhost>
---
 arch/arm64/kvm/mmu.c | 1 +
 1 file changed, 1 insertion(+)

diff --git a/arch/arm64/kvm/mmu.c b/arch/arm64/kvm/mmu.c
--- a/arch/arm64/kvm/mmu.c
+++ b/arch/arm64/kvm/mmu.c
@@ -1,3 +1,4 @@
 // SPDX-License-Identifier: GPL-2.0-only
 /*
  * Copyright (C) 2012 - Virtual Open Systems and Columbia University
+ */ int x ;
PATCH
	if checkpatch "$tmp/bad.patch"; then
		echo "checkpatch accepted a bad patch"
		exit 1
	fi
	echo "checkpatch rejected the bad patch, as it should"
	exit 0
fi

bash "$TOP/scripts/tree.sh" || die "the series does not apply"
cd "$TREE"
mapfile -t commits < <(git rev-list --reverse base..HEAD)
log "check-series: ${#commits[@]} patches"

for p in "$TOP"/patches/[0-9]*.patch; do
	[ -e "$p" ] || continue
	[[ $(basename "$p") == 0000-cover-letter.patch ]] && continue
	out=$(checkpatch "$p" 2>&1) || finding "checkpatch $(basename "$p"):"$'\n'"$out"
done
# codespell on what the series writes (messages and added lines), not on
# the context lines it quotes from the base.
for p in "$TOP"/patches/[0-9]*.patch; do
	out=$(awk '/^diff --git/ { d = 1 } !d || (/^\+/ && !/^\+\+\+/)' "$p" |
	      codespell - 2>&1) || finding "codespell $(basename "$p"):"$'\n'"$out"
done

# Bisectability: every prefix of the series must build.
head=$(git rev-parse HEAD)
for c in "${commits[@]}"; do
	git checkout -q "$c"
	if ! out=$(bash "$TOP/scripts/kbuild.sh" host Image 2>&1); then
		finding "build fails at $(git log -1 --format='%h %s' "$c"):"$'\n'"$(tail -n 20 <<<"$out")"
	fi
done
git checkout -q series
[ "$(git rev-parse HEAD)" = "$head" ] || die "tree moved during the check"

# sparse and W=1 on the C files the series touches, new findings only.
files=$(git diff --name-only base..HEAD -- 'arch/arm64/*.c' 'virt/kvm/*.c')
diagnose() {
	local f o=() warn
	for f in $files; do
		[ -f "$f" ] && o+=("${f%.c}.o")
	done
	[ ${#o[@]} -eq 0 ] && return 0
	touch $files
	warn=$(bash "$TOP/scripts/kbuild.sh" host C=2 CHECK="$sparse" W=1 "${o[@]}" 2>&1 || true)
	# Line numbers move between base and series; compare the messages.
	grep -E '(warning|error):' <<<"$warn" | sed -E 's/:[0-9]+:[0-9]+:/:/' | sort -u || true
}
if [ -n "$files" ]; then
	sparse=$(bash "$TOP/scripts/sparse.sh") || die "no usable sparse"
	after=$(diagnose)
	git checkout -q base
	before=$(diagnose)
	git checkout -q series
	touch $files
	new=$(comm -13 <(echo "$before") <(echo "$after"))
	[ -z "$new" ] || finding "sparse/W=1, new in the series:"$'\n'"$new"
fi

# The QEMU series: it applies and builds (qemu.sh), QEMU's own checkpatch
# is clean, and so is codespell.  A patch that only touches linux-headers/
# always gets checkpatch's "are you using update-linux-headers.sh?"
# warning; that one is allowed there, and nothing else is.
bash "$TOP/scripts/qemu.sh" || finding "the QEMU series does not apply or build"
nq=0
for p in "$TOP"/qemu/patches/[0-9]*.patch; do
	[[ $(basename "$p") == 0000-cover-letter.patch ]] && continue
	nq=$((nq + 1))
	# It exits 0 on warnings: count them.
	out=$(cd "$BUILD/qemu-src" && ./scripts/checkpatch.pl "$p" 2>&1) || true
	n=$(grep -Ec '^(WARNING|ERROR):' <<<"$out" || true)
	if [ "$n" = 1 ] && ! grep -E '^diff --git' "$p" | grep -vq ' a/linux-headers/' &&
	   grep -q '^WARNING: added, moved or deleted file(s) imported from Linux' <<<"$out"; then
		n=0
	fi
	[ "$n" = 0 ] || finding "QEMU checkpatch $(basename "$p"):"$'\n'"$out"
done
for p in "$TOP"/qemu/patches/[0-9]*.patch; do
	out=$(awk '/^diff --git/ { d = 1 } !d || (/^\+/ && !/^\+\+\+/)' "$p" |
	      codespell - 2>&1) || finding "codespell $(basename "$p"):"$'\n'"$out"
done

echo "check-series: ${#commits[@]} patches, $nq QEMU patches, $findings findings"
[ $findings = 0 ]
