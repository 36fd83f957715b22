// Every assert_ program of the corpus: `interleave explore` (auto) finds the assertion
// failure, and every bug it reports replays with the same report.
// REQUIRES: runtime, corpus
// RUN: %python %S/Inputs/explore_check.py %bindir %corpus %t.dir --args "--time 8" assert_aba_stack assert_atomic_max_lost_update assert_check_then_act_two_locks assert_compound_invariant assert_cond_if_not_while assert_deep_preemption assert_order_violation assert_three_preemptions | FileCheck %s
//
// CHECK: assert_aba_stack: exit=66 bugs={{[0-9]+}} kinds={{.*}}assertion failure
// CHECK: replay ok x1: interleave explore: assertion failure
// CHECK: assert_atomic_max_lost_update: exit=66 bugs={{[0-9]+}} kinds={{.*}}assertion failure
// CHECK: replay ok x1: interleave explore: assertion failure
// CHECK: assert_check_then_act_two_locks: exit=66 bugs={{[0-9]+}} kinds={{.*}}assertion failure
// CHECK: replay ok x1: interleave explore: assertion failure
// CHECK: assert_compound_invariant: exit=66 bugs={{[0-9]+}} kinds={{.*}}assertion failure
// CHECK: replay ok x1: interleave explore: assertion failure
// CHECK: assert_cond_if_not_while: exit=66 bugs={{[0-9]+}} kinds={{.*}}assertion failure
// CHECK: replay ok x1: interleave explore: assertion failure
// CHECK: assert_deep_preemption: exit=66 bugs={{[0-9]+}} kinds={{.*}}assertion failure
// CHECK: replay ok x1: interleave explore: assertion failure
// CHECK: assert_order_violation: exit=66 bugs={{[0-9]+}} kinds={{.*}}assertion failure
// CHECK: replay ok x1: interleave explore: assertion failure
// CHECK: assert_three_preemptions: exit=66 bugs={{[0-9]+}} kinds={{.*}}assertion failure
// CHECK: replay ok x1: interleave explore: assertion failure
// CHECK-NOT: MISMATCH
// CHECK-NOT: NO TOKEN
