// seed_f (atomic load, then atomic store): no data race, but the same lost update as
// seed_e: every strategy finds the assertion failure with one preemption; DPOR exhausts
// the space; 100 replays out of 100 print the same report.
// REQUIRES: runtime, corpus
// RUN: %icc -O1 -g %corpus/seed_f_atomic_2x2.c -o %t
// RUN: %not %interleave explore --strategy dpor -- %t 2> %t.dpor
// RUN: FileCheck --check-prefixes=BUG,DPOR %s < %t.dpor
// RUN: %not %interleave explore --strategy bounded --budget 500 -- %t 2> %t.bounded
// RUN: FileCheck --check-prefix=BUG %s < %t.bounded
// RUN: %not %interleave explore --strategy pct --budget 300 -- %t 2> %t.pct
// RUN: FileCheck --check-prefix=BUG %s < %t.pct
// RUN: %not %interleave explore --strategy random --budget 300 -- %t 2> %t.random
// RUN: FileCheck --check-prefix=BUG %s < %t.random
// RUN: %not %interleave explore --jobs 1 -- %t 2> %t.auto
// RUN: FileCheck --check-prefix=BUG %s < %t.auto
// RUN: %python %S/Inputs/explore_check.py %bindir %corpus %t.dir --replays 100 seed_f_atomic_2x2 | FileCheck --check-prefix=REPLAY %s
//
// BUG: interleave explore: assertion failure: `got == 4` at {{.*}}seed_f_atomic_2x2.c:34 in main (T0)
// BUG: schedule: 1 preemption, {{[0-9]+}} steps: T0x4 T1x2 >T2x5 T1x3 T0x{{[0-9]+}}
// BUG: schedule of the shared events:
// BUG-NEXT: T0 | create(T1) create(T2) join(T1)
// BUG-NEXT: T1 |                                ar(x) aw(x) ar(x) aw(x)
// BUG-NEXT: T2 |                                      ar(x) aw(x) ar(x) aw(x)
// BUG: accesses to `x`:
// BUG: replay: interleave replay ilv1-{{[A-Za-z0-9_-]+}} -- {{.*}}
// BUG: interleave: lost update on `x`
// BUG-NOT: data race
// BUG: interleave explore: 2 bugs (assertion failure, lost update)
// DPOR-SAME: the schedule space is exhausted
//
// REPLAY: seed_f_atomic_2x2: exit=66 bugs=2
// REPLAY: replay ok x100: interleave explore: assertion failure: `got == 4`
// REPLAY: replay ok x100: interleave: lost update on `x`
// REPLAY-NOT: MISMATCH
