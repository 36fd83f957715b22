// race_ programs of the corpus (first half): explore reports the data race on the
// labelled variable, and every bug replays with the same report.
// REQUIRES: runtime, corpus
// RUN: %python %S/Inputs/explore_check.py %bindir %corpus %t.dir --args "--time 4" race_array_index race_check_then_act_flag race_dcl_no_atomics race_detached_exit race_far_apart race_four_threads_stats race_heap_object race_memcpy | FileCheck %s
//
// CHECK: race_array_index: exit=66 bugs={{[0-9]+}} kinds=data race
// CHECK: replay ok x1: interleave: data race on `cells[{{200|400|600}}]`
// CHECK: race_check_then_act_flag: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `table_ready`
// CHECK: race_dcl_no_atomics: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `{{shared_pool|.*capacity}}`
// CHECK: race_detached_exit: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `journal
// CHECK: race_far_apart: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `mode`
// CHECK: race_four_threads_stats: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `grand_total`
// CHECK: race_heap_object: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on
// CHECK: race_memcpy: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `frame_buf
// CHECK-NOT: MISMATCH
// CHECK-NOT: NO TOKEN
