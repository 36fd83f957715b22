#!/bin/sh
# The runtime's exported symbols (lib/libinterleave_rt.syms, generated from the
# archive) are the committed list tests/runtime/exported_symbols.txt: the
# __tsan_* ABI, the interposed libc (and C++ runtime) names and a few hooks.
# Anything else the user's program could bind to, or collide with.
#   exported_symbols.sh SYMS LIST [--update]
set -u
syms=$1 list=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n 's/^ *\([^ {};]*\);$/\1/p' "$syms" | LC_ALL=C sort -u >"$tmp/now"
if [ ! -s "$tmp/now" ]; then
    echo "exported_symbols: no symbol in $syms: build the runtime first (make build)" >&2
    exit 2
fi
if [ "${3:-}" = --update ]; then
    cp "$tmp/now" "$list"
    exit 0
fi
if ! diff -u "$list" "$tmp/now" >"$tmp/diff"; then
    cat "$tmp/diff"
    echo "exported_symbols: the runtime's exported set changed (+ new, - gone). If that is" \
        "meant, update the list: sh $0 $syms $list --update" >&2
    exit 1
fi
echo "exported_symbols: $(wc -l <"$tmp/now") symbols, as listed"
