#!/bin/bash
# kbuild.sh VARIANT [TARGET...]: configure and build the tree for one variant
# (host, debug or kasan) into $BUILD/obj-VARIANT.  Uses ccache when installed.
source "$(dirname "$0")/lib.sh"

variant=${1:-host}
shift || true
out=$BUILD/obj-$variant
frags=("$TOP/config/kvm-host.config")
# A variant built from another's objects (variant.sh) keeps its options.
case ${KBUILD_BASE:-$variant} in
debug) frags+=("$TOP/config/debug.config") ;;
kasan) frags+=("$TOP/config/kasan.config") ;;
16k) frags+=("$TOP/config/16k.config") ;;
esac
cc=${CROSS_COMPILE}gcc
command -v ccache >/dev/null && cc="ccache $cc"
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache} CCACHE_BASEDIR=$BUILD KBUILD_BUILD_TIMESTAMP=2000-01-01 \
	KBUILD_BUILD_USER=bench KBUILD_BUILD_HOST=bench
mk() { make -s -C "$TREE" O="$out" CC="$cc" "$@"; }

mkdir -p "$out"
sum=$(cat "${frags[@]}" | sha1sum | cut -c1-40)
if [ "$(cat "$out/.frag-sum" 2>/dev/null)" != "$sum" ] || [ ! -f "$out/.config" ]; then
	mk allnoconfig >/dev/null
	(cd "$out" && "$TREE/scripts/kconfig/merge_config.sh" -m -O "$out" .config "${frags[@]}") >/dev/null
	mk olddefconfig >/dev/null
	# Every option a fragment asks for must have stuck (a later fragment
	# overrides an earlier one).
	bad=0
	while IFS= read -r l; do
		case $l in CONFIG_*=n) l="# ${l%=n} is not set";; CONFIG_*) ;; *) continue;; esac
		grep -qxF "$l" "$out/.config" || { log "config: '$l' did not stick"; bad=1; }
	done < <(cat "${frags[@]}" | awk -F= '/^CONFIG_/ { v[$1] = $0; if (!($1 in o)) o[$1] = n++ }
		END { for (k in v) print o[k] "\t" v[k] }' | sort -n | cut -f2-)
	[ $bad = 0 ] || die "config fragment not satisfied"
	echo "$sum" > "$out/.frag-sum"
fi
[ $# -eq 0 ] && set -- Image
mk -j"$JOBS" "$@"
