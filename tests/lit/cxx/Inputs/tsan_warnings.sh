#!/usr/bin/env bash
# Usage: tsan_warnings.sh OUTDIR SRCDIR PROGRAM...
# Builds each SRCDIR/PROGRAM.cpp with g++ and clang++ -fsanitize=thread (the
# compilers' own ThreadSanitizer), runs it, and prints "COMPILER PROGRAM N",
# N the number of ThreadSanitizer warnings. Exits 1 if a build or a run fails.
set -u
out=$1 src=$2
shift 2
for cxx in g++ clang++; do
    for p in "$@"; do
        "$cxx" -std=c++17 -fsanitize=thread -fsized-deallocation -g -O1 "$src/$p.cpp" \
            -o "$out/$cxx-$p" || exit 1
        TSAN_OPTIONS=halt_on_error=0:exitcode=0 timeout 60 "$out/$cxx-$p" >/dev/null \
            2>"$out/$cxx-$p.err" || exit 1
        echo "$cxx $p $(grep -c 'WARNING: ThreadSanitizer' "$out/$cxx-$p.err")"
    done
done
