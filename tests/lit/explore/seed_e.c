// seed_e (two racy `x += 1` per thread): every strategy finds the assertion failure,
// shrunk to one preemption with the schedule of the file's comment (T1 stopped after
// its first read while T2 runs to the end); DPOR exhausts the space in 34 executions
// (the number tests/unit/test_dpor.c derives independently from a model of the program);
// the token replays 100 times out of 100 with the same report.
// REQUIRES: runtime, corpus
// RUN: %icc -O1 -g %corpus/seed_e_racy_2x2.c -o %t
// RUN: %not %interleave explore --strategy dpor -- %t 2> %t.dpor
// RUN: FileCheck --check-prefixes=BUG,DPOR %s < %t.dpor
// RUN: %not %interleave explore --strategy bounded --budget 500 -- %t 2> %t.bounded
// RUN: FileCheck --check-prefix=BUG %s < %t.bounded
// RUN: %not %interleave explore --strategy pct --budget 300 -- %t 2> %t.pct
// RUN: FileCheck --check-prefix=BUG %s < %t.pct
// RUN: %not %interleave explore --strategy random --budget 300 -- %t 2> %t.random
// RUN: FileCheck --check-prefix=BUG %s < %t.random
// RUN: %not %interleave explore -- %t 2> %t.auto
// RUN: FileCheck --check-prefixes=BUG,AUTO %s < %t.auto
// RUN: %python %S/Inputs/explore_check.py %bindir %corpus %t.dir --replays 100 seed_e_racy_2x2 | FileCheck --check-prefix=REPLAY %s
//
// BUG: interleave explore: assertion failure: `x == 4` at {{.*}}seed_e_racy_2x2.c:32 in main (T0)
// BUG: schedule: 1 preemption, {{[0-9]+}} steps: T0x4 T1x2 >T2x5 T1x3 T0x{{[0-9]+}}
// BUG: schedule of the shared events:
// BUG-NEXT: T0 | create(T1) create(T2) join(T1) join(T1) join(T2) r(x)
// BUG-NEXT: T1 |                                r(x) w(x) r(x) w(x)
// BUG-NEXT: T2 |                                     r(x) w(x) r(x) w(x)
// BUG: accesses to `x`:
// BUG: T0 | r(2)
// BUG: replay: interleave replay ilv1-{{[A-Za-z0-9_-]+}} -- {{.*}}
// BUG-DAG: interleave: data race on `x`
// BUG-DAG: interleave: lost update on `x`
// BUG: interleave explore: 3 bugs
// DPOR-SAME: in 34 executions
// DPOR-SAME: the schedule space is exhausted
// AUTO-SAME: the schedule space is exhausted
//
// REPLAY: seed_e_racy_2x2: exit=66 bugs=3
// REPLAY: replay ok x100: interleave explore: assertion failure: `x == 4`
// REPLAY: replay ok x100: interleave: data race on `x`
// REPLAY: replay ok x100: interleave: lost update on `x`
// REPLAY-NOT: MISMATCH
