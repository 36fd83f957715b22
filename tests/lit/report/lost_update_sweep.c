// The lost-update report tells one consistent story, as a property over many runs rather
// than one example: for the racy counter (x += 1) and the atomic load/store counter, built
// with gcc and with clang, every lost-update report of every seed says "Ta read x == V",
// "Tb wrote x = W" with W > V, "Ta wrote x = V+1, overwriting Tb's update", and its
// diagram marks exactly r(V), w(W), w(V+1) in this order (Inputs/check_lost_update.py);
// the same for the report read back from the saved trace (Inputs/lost_update_sweep.py).
// REQUIRES: runtime, gcc, clang
// RUN: rm -rf %t && mkdir -p %t
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g %inputs/racy_counter.c -o %t/racy_gcc
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %inputs/racy_counter.c -o %t/racy_clang
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g %inputs/atomic_ls_counter.c -o %t/atomic_gcc
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %inputs/atomic_ls_counter.c -o %t/atomic_clang
//
// Seeds 1-6 of 4 threads x 20000 increments: 4 programs x 6 runs x (run, report).
// RUN: %python %inputs/lost_update_sweep.py %interleave %t/six 4 1-6 20000 --min 48 \
// RUN:   %t/racy_gcc %t/racy_clang %t/atomic_gcc %t/atomic_clang | FileCheck --check-prefix=SIX %s
// SIX: lost_update_sweep: {{[0-9]+}} lost-update reports, all consistent
//
// Wider: 2 to 8 threads, seeds 1-8, 3000 increments each.
// RUN: %python %inputs/lost_update_sweep.py %interleave %t/wide 2-8 1-8 3000 --min 448 \
// RUN:   %t/racy_gcc %t/racy_clang %t/atomic_gcc %t/atomic_clang | FileCheck --check-prefix=WIDE %s
// WIDE: lost_update_sweep: {{[0-9]+}} lost-update reports, all consistent
//
// The checker itself rejects what it must reject: two reports as interleave printed them
// before the stale read was known (a write of 3 from a read of 3, a diagram without the
// stale read, a stale read without a value).
// RUN: not %python %inputs/check_lost_update.py %inputs/lost_update_bad.txt 2>&1 | FileCheck --check-prefix=BAD %s
// BAD: lost update 1: T2 wrote 3, but its stale read saw 3 (expected a write of 4)
// BAD: lost update 1: diagram marks T4:w(14) T2:w(3) in time order, expected T2:r(3) T4:w(14) T2:w(4)
// BAD: lost update 2: the stale read of T4 has no value
