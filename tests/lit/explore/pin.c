// --jobs binds server K, and its executions, to the K-th processor the command may
// use; --no-pin leaves the placement to the system. The program fails its assertion
// when it may run on fewer processors than are online: a bug under explore's default,
// none with --no-pin.
// REQUIRES: runtime, multicore
// RUN: %icc -O1 -g %s -o %t
// RUN: %not %interleave explore --strategy random --budget 4 --no-shrink -- %t 2>&1 | FileCheck --check-prefix=PINNED %s
// RUN: %interleave explore --no-pin --strategy random --budget 4 --no-shrink -- %t 2>&1 | FileCheck --check-prefix=FREE %s
//
// PINNED: interleave explore: assertion failure: `CPU_COUNT(&allowed) == online`
// FREE: interleave explore: 0 bugs in 4 executions
#define _GNU_SOURCE
#include <assert.h>
#include <sched.h>
#include <unistd.h>

int main(void)
{
    cpu_set_t allowed;
    assert(sched_getaffinity(0, sizeof allowed, &allowed) == 0);
    int online = (int)sysconf(_SC_NPROCESSORS_ONLN);
    assert(CPU_COUNT(&allowed) == online);
    return 0;
}
