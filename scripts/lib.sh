# Common settings for the bench scripts.  Sourced, not executed.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
BASE_PKG=linux-source-6.12
BASE_VERSION=$(sed -n 's/^version: *//p' "$TOP/patches/BASE")
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
