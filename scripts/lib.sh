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
	stage initramfs bash "$TOP/scripts/initramfs.sh"
}

# Results of boots, for scripts that end with "N passed, N failed".
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

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
	if [ $rc != 0 ] && [ "$n_fail" = 0 ]; then
		fail "$variant-$mode-$plan: boot failed (see build/logs)"
	fi
}
