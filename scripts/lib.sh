# Common settings for the bench scripts.  Sourced, not executed.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
BASE_PKG=$(sed -n 's/^package: *//p' "$TOP/patches/BASE")
BASE_VERSION=$(sed -n 's/^version: *//p' "$TOP/patches/BASE")
BASE_SUITES=$(sed -n 's/^suites: *//p' "$TOP/patches/BASE")
TREE=$BUILD/linux
ARCH=arm64
CROSS_COMPILE=aarch64-linux-gnu-
JOBS=${JOBS:-3}
export ARCH CROSS_COMPILE

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# stage NAME CMD...: run a stage and print how long it took.
stage() {
	local name=$1 t0 rc=0
	shift
	t0=$(date +%s)
	log "stage $name: start"
	"$@" || rc=$?
	log "stage $name: $(( $(date +%s) - t0 ))s (rc=$rc)"
	return $rc
}

# build_host: everything a boot of the host kernel needs, each step timed.
build_host() {
	stage deps bash "$TOP/scripts/deps.sh" &&
	stage tree bash "$TOP/scripts/tree.sh" &&
	stage kernel bash "$TOP/scripts/kbuild.sh" host &&
	stage selftests bash "$TOP/scripts/selftests.sh" &&
	stage qemu bash "$TOP/scripts/qemu.sh" &&
	stage initramfs bash "$TOP/scripts/initramfs.sh"
}

# Results of boots, for scripts that end with "N passed, N failed".
passed=0 failed=0 failures=()
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); failures+=("$*"); echo "FAIL: $*"; }

# summary: the failures again, one line each, then the count line, so that
# the last lines of a long log say what failed.
summary() {
	local f
	for f in "${failures[@]}"; do
		echo "failed: $f"
	done
	echo "$passed passed, $failed failed"
}

# Count a boot's KTAP lines into passed/failed; a boot that failed for a
# reason with no KTAP line of its own (splat, hang) counts as one failure.
run_plan() {
	local mode=$1 plan=$2 variant=${3:-host} out rc=0 n_ok n_fail
	out=$(bash "$TOP/scripts/boot.sh" "$mode" "$plan" "$variant") || rc=$?
	echo "$out"
	n_ok=$(grep -c ': ok ' <<<"$out" || true)
	n_fail=$(grep -c ': not ok ' <<<"$out" || true)
	passed=$((passed + n_ok))
	failed=$((failed + n_fail))
	while IFS= read -r line; do
		failures+=("$line")
	done < <(grep -E ': (not ok|why:) ' <<<"$out" || true)
	if [ $rc != 0 ] && [ "$n_fail" = 0 ]; then
		fail "$variant-$mode-$plan: boot failed (see build/logs)"
	fi
}

# begin_run: set t_start and build what the boots need; on a failed build,
# count it, print the summary and exit.
begin_run() {
	t_start=$(date +%s)
	if ! build_host; then
		fail "build (see the stage lines above)"
		summary
		exit 1
	fi
}

# run_variant VARIANT PLAN: build the VARIANT kernel (debug, kasan) and run
# plans/PLAN on it in both modes, counting the results.
run_variant() {
	local variant=$1 plan=$2 mode
	if stage "kernel-$variant" bash "$TOP/scripts/kbuild.sh" "$variant"; then
		for mode in vhe nvhe; do
			stage "$variant-$mode" run_plan "$mode" "$plan" "$variant" || true
		done
	else
		fail "$variant kernel build"
	fi
}

# retire_patch K: write $BUILD/retire-K.patch, which sets the series'
# KVM_HW_DBM_RETIRE_SYNCS to K (empty when K is the series' own value),
# and print its path.
retire_patch() {
	local mmu=arch/arm64/kvm/mmu.c patch=$BUILD/retire-$1.patch
	sed "s/^#define KVM_HW_DBM_RETIRE_SYNCS\t[0-9]*$/#define KVM_HW_DBM_RETIRE_SYNCS\t$1/" \
		"$TREE/$mmu" > "$BUILD/mmu.c.tmp"
	diff -u --label "a/$mmu" --label "b/$mmu" "$TREE/$mmu" "$BUILD/mmu.c.tmp" > "$patch" || true
	rm -f "$BUILD/mmu.c.tmp"
	echo "$patch"
}

# debian_mirror: the Debian mirror this machine's apt already uses, read from
# /etc/apt (deb822 or one-line format); nothing there is changed.
debian_mirror() {
	local m
	m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
	    sed -n 's/^URIs: *//p' | tr ' ' '\n' | grep -E '/debian/?$' | head -n 1 || true)
	[ -n "$m" ] || m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\/.*\/debian\/?$/) { print $i; exit } }')
	[ -n "$m" ] || die "no Debian mirror found in /etc/apt"
	echo "$m"
}

# private_apt DIR TYPE SUITE...: set APT_OPTS to use a private sources list
# in DIR (lines "TYPE mirror SUITE main"), with private state and cache, and
# run apt-get update on it.  The system's apt configuration is not touched.
private_apt() {
	local dir=$1 type=$2 mirror suite
	shift 2
	mirror=$(debian_mirror)
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	: > "$dir/sources.list"
	for suite in "$@"; do
		echo "$type [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" >> "$dir/sources.list"
	done
	APT_OPTS=(-o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
		  -o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache"
		  -o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1)
	apt-get -qq "${APT_OPTS[@]}" update >/dev/null || die "apt-get update on $dir/sources.list failed"
}
