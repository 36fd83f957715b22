// Every deadlock_ program of the corpus: explore reports the blocked state (deadlock,
// hang, or the assertion of the error-checking mutex) instead of hanging, and every bug
// replays with the same report.
// REQUIRES: runtime, corpus
// RUN: %python %S/Inputs/explore_check.py %bindir %corpus %t.dir --args "--time 8" deadlock_barrier_count deadlock_cycle_3 deadlock_join_waits_for_joiner deadlock_lock_order_2 deadlock_missed_signal deadlock_self_relock | FileCheck %s
//
// CHECK: deadlock_barrier_count: exit=66 bugs=1 kinds=hang
// CHECK: replay ok x1: interleave explore: hang
// CHECK: deadlock_cycle_3: exit=66 bugs=1 kinds=deadlock
// CHECK: replay ok x1: interleave explore: deadlock
// CHECK: deadlock_join_waits_for_joiner: exit=66 bugs=1 kinds={{deadlock|hang}}
// CHECK: replay ok x1: interleave explore: {{deadlock|hang}}
// CHECK: deadlock_lock_order_2: exit=66 bugs=1 kinds=deadlock
// CHECK: replay ok x1: interleave explore: deadlock
// CHECK: deadlock_missed_signal: exit=66 bugs=1 kinds=hang
// CHECK: replay ok x1: interleave explore: hang
// CHECK: deadlock_self_relock: exit=66 bugs=1 kinds=assertion failure
// CHECK: replay ok x1: interleave explore: assertion failure
// CHECK-NOT: MISMATCH
// CHECK-NOT: NO TOKEN
