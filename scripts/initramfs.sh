#!/bin/bash
# Pack init, the plans, the selftests and the QEMU migration kit into
# $BUILD/initramfs.cpio.gz.
source "$(dirname "$0")/lib.sh"

root=$BUILD/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin/kvm,plans,proc,sys,dev,tmp}
${CROSS_COMPILE}gcc -static -O2 -Wall -Wextra -Werror -o "$root/init" "$TOP/init/init.c"
cp "$TOP"/plans/*.plan "$root/plans/"
for f in "$TOP"/bench/*.c; do
	[ -e "$f" ] || continue
	${CROSS_COMPILE}gcc -static -O2 -Wall -Werror -pthread -o "$root/bin/$(basename "$f" .c)" "$f"
done
(cd "$BUILD/selftests" && find . -type f -perm -u+x ! -name '*.o' ! -name '*.d' |
	while read -r f; do mkdir -p "$root/bin/kvm/$(dirname "$f")"; cp "$f" "$root/bin/kvm/$f"; done)
# The QEMU migrations (scripts/qemu.sh): QEMU, its driver, and the guest,
# which boots the series' own kernel.
q=$BUILD/qemu-bin
[ -x "$q/qemu-system-aarch64" ] || die "$q/qemu-system-aarch64 missing: run scripts/qemu.sh"
mkdir -p "$root/guest"
cp "$q/qemu-system-aarch64" "$q/qemu-migrate" "$root/bin/"
cp "$BUILD/obj-host/arch/arm64/boot/Image" "$root/guest/Image"
cp "$q/guest-initrd.cpio.gz" "$root/guest/initrd.cpio.gz"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$BUILD/initramfs.cpio.gz"
