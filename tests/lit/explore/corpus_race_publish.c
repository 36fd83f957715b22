// race_publish_struct_ptr: the data races are found, and every token replays 20 times
// with explore's report, byte for byte. (Its race on the published pointer used to be shown with the
// trace of a shrinking candidate that had diverged from its prefix after 14 decisions;
// replay, continuing with `first`, ran 18.)
// REQUIRES: runtime, corpus
// RUN: %python %S/Inputs/explore_check.py %bindir %corpus %t.dir --replays 20 --args "--time 4" race_publish_struct_ptr race_dcl_no_atomics | FileCheck %s
//
// CHECK: race_publish_struct_ptr: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x20: interleave: data race on `current_route
// CHECK: race_dcl_no_atomics: exit=66 bugs={{[0-9]+}} kinds={{.*}}data race
// CHECK: replay ok x20: interleave: data race on `shared_pool`
// CHECK-NOT: MISMATCH
// CHECK: total: {{[0-9]+}} tokens
