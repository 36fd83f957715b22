#!/bin/sh
# scripts/check_runtime_symbols.sh fails on an object that calls interposed
# names (violation.c: memcpy, strlen, signal), naming each, and passes one
# that goes through base/mem.h and os/os.h (clean.c).
#   symbols_violation.sh CC SRC_DIR RUNTIME_OBJECT
set -u
cc=$1 src=$2 runtime=$3
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "symbols_violation: $*" >&2
    exit 1
}
"$cc" -O2 -fPIC -c "$here/violation.c" -o "$tmp/violation.o" || fail "cannot compile violation.c"
"$cc" -O2 -fPIC -I"$src/src" -c "$here/clean.c" -o "$tmp/clean.o" || fail "cannot compile clean.c"
sh "$src/scripts/check_runtime_symbols.sh" "$runtime" "$tmp/violation.o" >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
[ $rc -eq 1 ] || fail "the checker exited $rc on violation.o, not 1"
for name in memcpy strlen signal; do
    grep -q "violation.o calls $name," "$tmp/out" || fail "the checker did not name $name"
done
sh "$src/scripts/check_runtime_symbols.sh" "$runtime" "$tmp/clean.o" || fail "the checker refused clean.o"
echo "symbols_violation: the checker refuses violation.o and accepts clean.o"
