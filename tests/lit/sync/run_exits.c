// A lock block releases its lock on every way out: its end, break,
// continue, return and goto. After each, the same thread try-locks the
// mutex (fails if it leaked) and another thread locks it (would deadlock).
// Natively with both compilers, and silent under `interleave run`.
// RUN: %gcc -O1 -pthread -I%srcroot/include %s -o %t.gcc && %t.gcc | FileCheck %s
// RUN: %clang -O1 -pthread -Wthread-safety -Werror -I%srcroot/include %s -o %t.clang && %t.clang | FileCheck %s
// REQUIRES: runtime
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g -I%srcroot/include %s -o %t.igcc
// RUN: %interleave run %t.igcc 2>&1 | FileCheck --check-prefixes=CHECK,SILENT %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -Werror -I%srcroot/include %s -o %t.iclang
// RUN: %interleave run %t.iclang 2>&1 | FileCheck --check-prefixes=CHECK,SILENT %s
// CHECK: end: free, value 1
// CHECK-NEXT: break: free, value 2
// CHECK-NEXT: continue: free, value 4
// CHECK-NEXT: return: free, value 5
// CHECK-NEXT: goto: free, value 6
// CHECK-NEXT: nested loop break: free, value 7
// CHECK-NEXT: read block break: free
// CHECK-NEXT: write block return: free
// SILENT: interleave: no findings in 1 run
#include <interleave/sync.h>

#include <string.h>

ILV_GUARDED(counter, long);
ILV_RW_GUARDED(config, int);

static struct counter c = ILV_GUARDED_INIT(0);
static struct config cfg = ILV_RW_GUARDED_INIT(0);

static int lock_elsewhere(void *arg)
{
    struct counter *k = (struct counter *)arg;
    ILV_WITH_LOCK(k, p) { *p += 0; }
    ilv_write_lock(&cfg.mu);
    ilv_write_unlock(&cfg.mu);
    return 0;
}

static void check(const char *how)
{
    int err = 0;
    if (!ilv_trylock(&c.mu)) {
        printf("%s: LEAKED\n", how);
        exit(1);
    }
    long v = ILV_REF(&c);
    ilv_unlock(&c.mu);
    if (!ilv_try_write_lock(&cfg.mu)) {
        printf("%s: rwlock LEAKED\n", how);
        exit(1);
    }
    ilv_write_unlock(&cfg.mu);
    ILV_THREAD_SCOPE(s, err) { ilv_spawn(s, lock_elsewhere, &c); }
    if (strncmp(how, "read", 4) == 0 || strncmp(how, "write", 5) == 0)
        printf("%s: free\n", how);
    else
        printf("%s: free, value %ld\n", how, v);
}

static void by_return(void)
{
    ILV_WITH_LOCK(&c, p)
    {
        *p += 1;
        if (*p > 0)
            return;
        *p += 100;
    }
}

static int write_return(void)
{
    ILV_WITH_WRITE(&cfg, p)
    {
        *p += 1;
        return *p;
    }
    return -1;
}

int main(void)
{
    ILV_WITH_LOCK(&c, p) { *p += 1; }
    check("end");

    ILV_WITH_LOCK(&c, p)
    {
        *p += 1;
        break;
        *p += 100;
    }
    check("break");

    for (int i = 0; i < 2; i++) {
        ILV_WITH_LOCK(&c, p)
        {
            *p += 1;
            continue;
            *p += 100;
        }
    }
    check("continue");

    by_return();
    check("return");

    ILV_WITH_LOCK(&c, p)
    {
        *p += 1;
        if (*p > 0)
            goto out;
        *p += 100;
    }
out:
    check("goto");

    ILV_WITH_LOCK(&c, p)
    {
        for (int i = 0; i < 10; i++) {
            if (i == 1)
                break; /* leaves the inner loop only */
            *p += 1;
        }
    }
    check("nested loop break");

    ILV_WITH_READ(&cfg, p)
    {
        if (*p == 0)
            break;
    }
    check("read block break");

    write_return();
    check("write block return");
    return 0;
}
