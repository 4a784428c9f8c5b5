#!/bin/bash
# boot.sh MODE PLAN [VARIANT]: boot the VARIANT kernel (host, debug, kasan,
# or a control's) in QEMU, with KVM in MODE (vhe|nvhe), run PLAN (a file name
# in plans/), and leave the console log in $BUILD/logs/VARIANT-MODE-PLAN.log.
# Exit status is 0 only when every plan entry passed and the console shows no
# kernel splat.
source "$(dirname "$0")/lib.sh"

mode=$1 plan=$2 variant=${3:-host}
name=$variant-$mode-${plan%.plan}
logf=$BUILD/logs/$name.log
mkdir -p "$BUILD/logs"
append="console=ttyAMA0 rdinit=/init panic=-1 bench.plan=/plans/$plan"
[ "$mode" = nvhe ] && append="$append kvm-arm.mode=nvhe"
# A plan may ask for more memory ("#@ mem NG", split over the two NUMA
# nodes), for kernel parameters ("#@ append ...") and for another CPU
# model ("#@ cpu MODEL").
mem=$(sed -n 's/^#@ mem \([0-9]*\)G$/\1/p' "$TOP/plans/$plan")
mem=${mem:-3}
node=$((mem * 512))M
extra=$(sed -n 's/^#@ append //p' "$TOP/plans/$plan")
cpu=$(sed -n 's/^#@ cpu //p' "$TOP/plans/$plan")
cpu=${cpu:-max,pauth-impdef=on}
[ -n "$extra" ] && append="$append $extra"
# The whole plan's timeouts, plus boot time, bound the VM's wall time.
budget=$(awk '$1 !~ /^#/ && NF >= 3 { s += $2 } END { print s + 120 }' "$TOP/plans/$plan")
case $variant in debug|kasan) budget=$((budget * 2)) ;; esac

# A fresh ext4 scratch disk (init mounts it on /mnt/disk), with its
# metadata written now, so that no lazy init writes behind the tests.
disk=$BUILD/logs/$name.disk
rm -f "$disk"
/sbin/mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$disk" 256M ||
	die "mkfs.ext4 $disk failed"

log "boot $name (wall limit ${budget}s)"
rc=0
timeout --foreground -k 10 "$budget" qemu-system-aarch64 \
	-M virt,virtualization=on,gic-version=3 -cpu "$cpu" \
	-smp 2 -m "${mem}G" -nographic -no-reboot \
	-object memory-backend-ram,id=m0,size=$node -object memory-backend-ram,id=m1,size=$node \
	-numa node,nodeid=0,cpus=0,memdev=m0 -numa node,nodeid=1,cpus=1,memdev=m1 \
	-kernel "$BUILD/obj-$variant/arch/arm64/boot/Image" \
	-initrd "$BUILD/initramfs.cpio.gz" -append "$append" \
	-drive file="$disk",if=none,format=raw,cache=unsafe,id=disk \
	-device virtio-blk-device,drive=disk \
	</dev/null >"$logf" 2>&1 || rc=$?
rm -f "$disk"
tr -d '\r' < "$logf" > "$logf.tmp" && mv "$logf.tmp" "$logf"

fail=0
if [ $rc = 124 ] || [ $rc = 137 ]; then
	log "$name: QEMU did not finish within ${budget}s; console tail:"
	tail -n 30 "$logf" >&2
	fail=1
elif grep -q '^Bail out!' "$logf"; then
	log "$name: the plan did not run: $(grep -m1 '^# init: cannot' "$logf")"
	fail=1
elif ! grep -q '^BENCH-DONE' "$logf"; then
	log "$name: the VM stopped before finishing the plan (qemu rc=$rc); console tail:"
	tail -n 30 "$logf" >&2
	fail=1
fi
# Any kernel splat fails the run, whichever test was running.
splat='(^|\] )(WARNING:|BUG:|Oops|Kernel panic|Unable to handle kernel|Internal error:|INFO: task .* blocked|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|BUG: KASAN|UBSAN:|kmemleak:.*new suspected)'
if grep -Eq "$splat" "$logf"; then
	log "$name: kernel splat in the console log:"
	grep -E -A 12 "$splat" "$logf" | head -n 60 >&2
	echo "$name: why: kernel splat: $(grep -E -m1 "$splat" "$logf")"
	fail=1
fi
# Per-entry results: top-level KTAP lines only (test output is indented).
grep -E '^(not )?ok [0-9]+ ' "$logf" | sed "s/^/$name: /" || true
# The assertions that failed: where, and what they said.
grep -A 3 '==== Test Assertion Failure ====' "$logf" |
	grep -Ev '==== Test Assertion|^--$|pid=[0-9]+ tid=' |
	sed "s/^ */$name: why: /" | head -n 20 || true
if grep -q '^not ok ' "$logf"; then
	fail=1
fi
exit $fail
