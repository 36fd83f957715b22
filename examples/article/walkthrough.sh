#!/usr/bin/env bash
# The article's five Rust programs, one by one, in C with interleave/sync.h.
# Each is checked by clang's thread-safety analysis with -Werror (refused ones
# show their diagnostic), built with `interleave cc` (over gcc, its default,
# which has no such analysis: what clang refuses still builds) and run under
# `interleave run` (reports show their schedule diagram); the correct ones
# also run natively at the article's size. Programs' output goes to stdout,
# reports to stderr.
#   examples/article/walkthrough.sh            (after `make`)
#   THREADS=4 ITERS=1000 examples/article/walkthrough.sh   (smaller runs under interleave)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$top/build/bin
src=$top/examples/article
out=$top/build/article
threads=${THREADS:-10}
iters=${ITERS:-10000}
mkdir -p "$out/native"

if [ ! -x "$bin/interleave" ]; then
    echo "walkthrough: $bin/interleave is missing: run \`make\` first" >&2
    exit 2
fi
if ! command -v clang >/dev/null; then
    echo "walkthrough: clang is needed for the compile-time checks (apt-get install clang)" >&2
    exit 2
fi

title() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
note() { printf '%s\n' "$*"; }

# show CMD...: prints the command as typed in $out, runs it there, prints its status.
show() {
    printf '$ %s\n' "$*"
    (cd "$out" && "$@")
    local rc=$?
    printf '(exit status %d)\n' "$rc"
    return 0
}

# The commands as a user types them, from build/article (relative paths).
check() { # name: clang's thread-safety analysis, as errors (no output file)
    show env INTERLEAVE_CC=clang ../bin/interleave cc -fsyntax-only -Werror=thread-safety \
        -I ../../include "../../examples/article/$1.c"
}
build() { # name: an instrumented build, over the default compiler (gcc)
    show ../bin/interleave cc -O1 -g -I ../../include "../../examples/article/$1.c" -o "$1"
}
native() { # name: a plain build (no instrumentation), run at the article's size
    local name=$1
    gcc -O1 -pthread -I "$top/include" "$src/$name.c" -o "$out/native/$name" || return 0
    show "./native/$name" 10 1000000
}

title "1. The racy counter: refused at compile time (Rust: E0499)"
note "x is an ILV_GUARDED counter, so \`x.value += 1\` without the lock is refused:"
check 1_racy_counter
note "gcc has no thread-safety analysis: it builds, and interleave finds the race at run time."
note "(-O1 folds each thread's loop into one addition: r(0) w(${iters}) is ${iters} increments.)"
build 1_racy_counter
show ../bin/interleave run ./1_racy_counter "$threads" "$iters"

title "2. The Cell attempt: reported at run time (Rust: E0277, Cell is not Sync)"
note "C has no Sync trait: it compiles; the thread-confined value checks who touches it."
check 2_cell_counter
build 2_cell_counter
show ../bin/interleave run ./2_cell_counter "$threads" "$iters"

title "3. Mutex<T> with a scoped guard: correct"
check 3_mutex_counter
build 3_mutex_counter
show ../bin/interleave run ./3_mutex_counter "$threads" "$iters"
native 3_mutex_counter

title "4. AtomicU64::fetch_add(Relaxed): correct"
check 4_atomic_relaxed_counter
build 4_atomic_relaxed_counter
show ../bin/interleave run ./4_atomic_relaxed_counter "$threads" "$iters"
native 4_atomic_relaxed_counter

title "5. Atomic load, then atomic store: compiles (in Rust too), a lost update at run time"
check 5_atomic_load_store_counter
build 5_atomic_load_store_counter
show ../bin/interleave run ./5_atomic_load_store_counter "$threads" "$iters"
native 5_atomic_load_store_counter
exit 0
