#!/usr/bin/env bash
# The demo of `make demo`: builds the article's counters (examples/counters,
# also the seed_ programs of tests/corpus) with `interleave cc` and runs each
# under `interleave run`, so a newcomer sees a data race, a lost update hidden
# behind atomics, and silence on the correct versions. Output of the programs
# goes to stdout, reports to stderr, as in any use.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build/bin
counters=$top/examples/counters
out=$top/build/demo
mkdir -p "$out"

if [ ! -x "$bin/interleave" ]; then
    echo "demo: $bin/interleave is missing: run make first" >&2
    exit 2
fi

run() { # name, what it shows, args...
    local name=$1 what=$2
    shift 2
    printf '\n\033[1m### %s: %s\033[0m\n' "$name" "$what"
    printf '$ interleave cc -O1 -g %s.c -o %s && interleave run ./%s %s\n' "$name" "$name" "$name" "$*"
    "$bin/interleave-cc" -O1 -g "$counters/$name.c" -o "$out/$name" || return 1
    (cd "$out" && "$bin/interleave" run "./$name" "$@")
    printf '(exit status %d)\n' $?
}

run seed_e_racy_2x2 "two threads, two plain x += 1 each: a data race and a lost update"
run seed_f_atomic_2x2 "the same with atomic load + atomic store: no data race, still a lost update"
run seed_a_racy_counter "the article's racy counter, 4 threads x 100000 increments" 4 100000
run seed_b_mutex_counter "the Mutex version: silent" 4 100000
run seed_c_atomic_relaxed_counter "relaxed fetch_add: silent" 4 100000
run seed_d_atomic_load_store "atomic load then atomic store: no race, lost updates" 4 100000

# The article's Rust programs in C with include/interleave/sync.h: what the
# compiler refuses, what the runtime reports, what is correct.
bash "$top/examples/article/walkthrough.sh"
exit 0
