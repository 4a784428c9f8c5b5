#!/bin/bash
# variant.sh NAME PATCH [BASE]: build $BUILD/obj-NAME, the BASE kernel
# (host, or e.g. kasan) with PATCH applied on top of the series, for a boot
# with "boot.sh MODE PLAN NAME".  The build starts from a copy of the BASE
# objects, with its config, so only what PATCH touches is rebuilt; the tree
# is patched only while the build runs.
source "$(dirname "$0")/lib.sh"

name=$1 patch=$2 base=${3:-host}
[ -n "$name" ] && [ -f "$patch" ] || die "usage: variant.sh NAME PATCH [BASE]"
# The base itself first, in case it is not built yet (a no-op otherwise).
[ "$base" = host ] || bash "$TOP/scripts/kbuild.sh" "$base" || die "$name: $base build failed"
[ -d "$BUILD/obj-$base" ] || die "$name: no $BUILD/obj-$base to start from"

rsync -a --delete "$BUILD/obj-$base/" "$BUILD/obj-$name/"
git -C "$TREE" apply "$patch" || die "$name: $patch does not apply"
trap 'git -C "$TREE" apply -R "$patch"' EXIT
KBUILD_BASE=$base bash "$TOP/scripts/kbuild.sh" "$name" || die "$name: build failed"
