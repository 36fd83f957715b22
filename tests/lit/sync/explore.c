// Under `interleave explore` (many schedules: DPOR, PCT, random), a program
// written with sync.h (lock blocks, a condition wait, scoped threads, a read
// lock) has no bug; the same program with the value reached around its lock
// (`&c.value` taken directly: taking an address is not an access for clang's
// analysis, so no compiler refuses it) has a data race that explore finds.
// REQUIRES: runtime
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g -I%srcroot/include %s -o %t.gcc
// RUN: %interleave explore --budget 300 --jobs 1 %t.gcc 2>&1 | FileCheck --check-prefix=CLEAN %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -Werror -I%srcroot/include %s -o %t.clang
// RUN: %interleave explore --budget 300 --jobs 1 %t.clang 2>&1 | FileCheck --check-prefix=CLEAN %s
// CLEAN: interleave explore: 0 bugs in {{[0-9]+}} executions
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -Werror -DAROUND -I%srcroot/include %s -o %t.around
// RUN: not %interleave explore --budget 300 --jobs 1 %t.around 2>&1 | FileCheck --check-prefix=AROUND %s
// AROUND: data race on `c.value`
#include <interleave/sync.h>

#include <assert.h>

ILV_GUARDED(counter, long);
ILV_RW_GUARDED(config, int);

static struct counter c = ILV_GUARDED_INIT(0);
static struct config cfg = ILV_RW_GUARDED_INIT(1);
static struct ilv_cond changed = ILV_COND_INIT;

static int worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2; i++) {
        int step = 0;
        ILV_WITH_READ(&cfg, k) { step = *k; }
#ifdef AROUND
        long *p = &c.value; /* around the lock: compiles with gcc and clang alike */
        *p += step;
#else
        ILV_WITH_LOCK(&c, p) { *p += step; }
#endif
        ilv_lock(&c.mu);
        ilv_signal(&changed);
        ilv_unlock(&c.mu);
    }
    return 0;
}

int main(void)
{
    int err = 0;
    ILV_THREAD_SCOPE(s, err)
    {
        ilv_spawn(s, worker, NULL);
        ilv_spawn(s, worker, NULL);
        ILV_WITH_LOCK(&c, p)
        {
            while (*p < 4)
                ilv_wait(&changed, &c.mu);
        }
    }
    assert(ILV_GET_MUT(&c) == 4);
    return err;
}
