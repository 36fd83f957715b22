// A pointer to guarded data smuggled out of its lock block compiles (C has
// no lifetimes: clang's analysis does not follow pointers), but using it
// after the lock was released, while another thread locks properly, is a
// data race that `interleave run` reports, with both compilers.
// REQUIRES: runtime
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g -I%srcroot/include %s -o %t.gcc
// RUN: not %interleave run %t.gcc 2>&1 | FileCheck --check-prefixes=CHECK,LINES %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -Werror -I%srcroot/include %s -o %t.clang
// RUN: not %interleave run %t.clang 2>&1 | FileCheck %s
// CHECK: interleave: data race on `hits.value`
// (Source lines are checked for the gcc build only: with clang 14 -O1 the
// driver's symbolizer currently loses them for this program.)
#include <interleave/sync.h>

ILV_GUARDED(counter, long);

static struct counter hits = ILV_GUARDED_INIT(0);
static long *smuggled;

static int worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        ILV_WITH_LOCK(&hits, n)
        {
            *n += 1; /* the proper way */
            // LINES-DAG: worker run_smuggle.c:[[@LINE-1]]
        }
    }
    return 0;
}

int main(void)
{
    ILV_WITH_LOCK(&hits, n) { smuggled = n; } /* the pointer outlives its block */
    int err = 0;
    ILV_THREAD_SCOPE(s, err)
    {
        ilv_spawn(s, worker, NULL);
        for (int i = 0; i < 100; i++) *smuggled += 1; /* no lock held here */
        // LINES-DAG: main run_smuggle.c:[[@LINE-1]]
        // CHECK: interleave: {{[0-9]+}} finding
    }
    printf("hits = %ld\n", ILV_GET_MUT(&hits));
    return err;
}
