// race_ programs of the corpus (second half), as corpus_race_1.c.
// REQUIRES: runtime, corpus
// RUN: %python %S/Inputs/explore_check.py %bindir %corpus %t.dir --args "--time 4" race_rare_interleaving race_relaxed_flag_publish race_struct_field_partial_lock race_thread_arg_after_create race_three_threads_chain race_unsync_counter race_wrong_mutex | FileCheck %s
//
// CHECK: race_rare_interleaving: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `cell`
// CHECK: race_relaxed_flag_publish: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `payload`
// CHECK: race_struct_field_partial_lock: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `acct.free_hits`
// CHECK: race_thread_arg_after_create: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on {{`idx`|stack of T0}}
// CHECK: race_three_threads_chain: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `stage{{1|2}}`
// CHECK: race_unsync_counter: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `items_done`
// CHECK: race_wrong_mutex: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x1: interleave: data race on `requests`
// CHECK-NOT: MISMATCH
// CHECK-NOT: NO TOKEN
