#!/bin/sh
# The runtime never calls a name it exports (issue 12): inside the user's program
# each such call (memcpy, strlen, signal, write, _exit...) lands in our own
# interposer, a scheduling point and range accesses in the middle of the runtime.
#   check_runtime_symbols.sh RUNTIME_OBJECT OBJECT_OR_DIRECTORY...
# The forbidden names are derived, not listed: every function RUNTIME_OBJECT
# (build/gen/interleave_rt.o) defines with default visibility, i.e. the
# interposers of rt/icpt and rt/core.c and the __tsan_* ABI. Each OBJECT (a
# directory: its *.o; the build checks build/gen/interleave_rt.o.d/inner, the
# runtime outside rt/icpt as linked) must leave none of them undefined (`nm -u`).
# Exit 0 when clean; 1 with one line per call otherwise; 2 on bad usage.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: check_runtime_symbols.sh RUNTIME_OBJECT OBJECT_OR_DIRECTORY..." >&2
    exit 2
fi
runtime=$1
shift
if [ ! -f "$runtime" ]; then
    echo "check_runtime_symbols: no runtime object $runtime: build it first (make build)" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Num: Value Size Type Bind Vis Ndx Name
readelf -sW "$runtime" |
    awk '($4 == "FUNC" || $4 == "IFUNC") && ($5 == "GLOBAL" || $5 == "WEAK") &&
         $6 == "DEFAULT" && $7 != "UND" { sub(/@.*/, "", $8); print $8 }' |
    sort -u >"$tmp/exported"
if [ ! -s "$tmp/exported" ]; then
    echo "check_runtime_symbols: $runtime exports no function: not the runtime?" >&2
    exit 2
fi
status=0
for arg in "$@"; do
    if [ -d "$arg" ]; then
        set -- "$arg"/*.o
    else
        set -- "$arg"
    fi
    for obj in "$@"; do
        if [ ! -f "$obj" ]; then
            echo "check_runtime_symbols: no object $obj" >&2
            exit 2
        fi
        nm -u "$obj" | awk '{ sub(/@.*/, "", $NF); print $NF }' | sort -u >"$tmp/undef"
        for name in $(comm -12 "$tmp/exported" "$tmp/undef"); do
            echo "check_runtime_symbols: $(basename "$obj") calls $name, one of the runtime's" \
                "own interposed names: use base/mem.h or os/os.h"
            status=1
        done
    done
done
exit $status
