// Replay prints the values that explore printed, byte for byte, also in an environment
// of another size (--vary-env): pointers into main's stack, a thread's stack, the brk
// heap after a thread's start and exit, and an mmapped block, after a prefix of 100,000
// decisions (Inputs/replay_addresses.c). Before the fixes: 12 of 25 replays identical.
// REQUIRES: runtime
// RUN: %python %S/Inputs/explore_check.py %bindir %S/Inputs %t.dir --replays 5 --vary-env --args "--time 2" replay_addresses | FileCheck %s
//
// CHECK: replay_addresses: exit=66 bugs={{[0-9]+}} kinds=data race
// CHECK-DAG: replay ok x5: interleave: data race on `g_thread_stack`
// CHECK-DAG: replay ok x5: interleave: data race on `g_heap`
// CHECK-DAG: replay ok x5: interleave: data race on `g_mmapped`
// CHECK-DAG: replay ok x5: interleave: data race on `g_main_stack`
// CHECK-NOT: MISMATCH
// CHECK: total: {{[0-9]+}} tokens
