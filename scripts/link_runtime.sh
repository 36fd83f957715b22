#!/bin/sh
# The runtime as one relocatable object (the only member of libinterleave_rt.a).
#   link_runtime.sh OBJCOPY LD OUT INNER_OBJECT... -- INTERPOSER_OBJECT...
# INNER: the runtime outside rt/icpt. In those, the calls the compiler emits by
# itself for struct copies and zeroing (memcpy, memmove, memset: gcc honours an
# asm label on the declaration, clang does not) are renamed to base/mem.h's
# mem_copy/mem_move/mem_set, so that no runtime code enters our interposers of
# those names; base/mem.c itself is left as compiled. The renamed objects stay in
# OUT.d/inner for scripts/check_runtime_symbols.sh.
# Then everything is linked with `ld -r` and every hidden symbol made local:
# a user's function named like one of ours (shadow_init, history_add) cannot
# bind to ours, nor ours to it. What stays global is the exported set: the ABI,
# the interposed libc names and the hooks (tests/runtime/exported_symbols.txt).
set -eu
objcopy=$1 ld=$2 out=$3
shift 3
dir=$out.d
rm -rf "$dir"
mkdir -p "$dir/inner"
inner=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    # named after the source: .../src/sched/steps.c.o -> sched-steps.c.o
    dst=$dir/inner/$(printf '%s' "${1##*/src/}" | tr / -)
    case $1 in
    */src/base/mem.c.o) cp "$1" "$dst" ;;
    *) "$objcopy" --redefine-sym memcpy=mem_copy --redefine-sym memmove=mem_move \
        --redefine-sym memset=mem_set "$1" "$dst" ;;
    esac
    inner="$inner $dst"
    shift
done
[ $# -gt 0 ] && shift # the --
# shellcheck disable=SC2086 # the lists are of paths without blanks (CMake's object dirs)
"$ld" -r -o "$dir/all.o" $inner "$@"
"$objcopy" --localize-hidden "$dir/all.o" "$out"
