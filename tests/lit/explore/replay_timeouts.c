// A sleep and a timed wait end at a decision of the schedule, not by the clock: every
// token replays with explore's report (Inputs/replay_timeouts.c). By the clock, replay
// diverged where explore's sleeper had woken: 10 of 20 replays identical before.
// REQUIRES: runtime
// RUN: %python %S/Inputs/explore_check.py %bindir %S/Inputs %t.dir --replays 10 --args "--time 2" replay_timeouts | FileCheck %s
//
// CHECK: replay_timeouts: exit=66 bugs={{[0-9]+}} kinds=data race,exit status
// CHECK-DAG: replay ok x10: interleave explore: the program exited with status 1
// CHECK-DAG: replay ok x10: interleave: data race on `g_x`
// CHECK-NOT: MISMATCH
// CHECK: total: 2 tokens, 20 replays, 20 identical
