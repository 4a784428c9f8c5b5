#!/bin/bash
# variant.sh NAME PATCH: build $BUILD/obj-NAME, the host kernel with PATCH
# applied on top of the series, for a boot with "boot.sh MODE PLAN NAME".
# The build starts from a copy of the host objects, so only what PATCH
# touches is rebuilt; the tree is patched only while the build runs.
source "$(dirname "$0")/lib.sh"

name=$1 patch=$2
[ -n "$name" ] && [ -f "$patch" ] || die "usage: variant.sh NAME PATCH"

rsync -a --delete "$BUILD/obj-host/" "$BUILD/obj-$name/"
git -C "$TREE" apply "$patch" || die "$name: $patch does not apply"
trap 'git -C "$TREE" apply -R "$patch"' EXIT
bash "$TOP/scripts/kbuild.sh" "$name" || die "$name: build failed"
