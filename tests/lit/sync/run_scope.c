// Scoped threads: every thread is joined before the scope is left (by its
// end, return, break or goto), so borrowed locals outlive the workers and
// what they wrote is visible without a race; the first error (in spawn
// order) comes back to the caller.
// RUN: %gcc -O1 -pthread -I%srcroot/include %s -o %t.gcc && %t.gcc | FileCheck %s
// RUN: %clang -O1 -pthread -Wthread-safety -Werror -I%srcroot/include %s -o %t.clang && %t.clang | FileCheck %s
// REQUIRES: runtime
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g -I%srcroot/include %s -o %t.igcc
// RUN: %interleave run %t.igcc 2>&1 | FileCheck --check-prefixes=CHECK,SILENT %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -Werror -I%srcroot/include %s -o %t.iclang
// RUN: %interleave run %t.iclang 2>&1 | FileCheck --check-prefixes=CHECK,SILENT %s
// CHECK: errors: first=-5 (EIO=-5), sticky=-1 (EPERM=-1), none=0
// CHECK-NEXT: return: 4 workers done
// CHECK-NEXT: break: 4 workers done
// CHECK-NEXT: goto: 4 workers done
// CHECK-NEXT: by hand: 3 workers done, err 0
// SILENT: interleave: no findings in 1 run
#include <interleave/sync.h>

static int fail_with(void *arg)
{
    return *(const int *)arg;
}

struct slot {
    int done;
};

static int finish(void *arg)
{
    ((struct slot *)arg)->done = 1; /* a plain write to the caller's local */
    return 0;
}

static int count(const struct slot *s, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += s[i].done; /* plain reads: the joins order them */
    return k;
}

static int by_return(struct slot *s)
{
    int err = 0;
    ILV_THREAD_SCOPE(sc, err)
    {
        for (int i = 0; i < 4; i++)
            ilv_spawn(sc, finish, &s[i]);
        return 7; /* waits for the four workers first */
    }
    return err;
}

int main(void)
{
    static const int codes[4] = {0, -EIO, -EPERM, 0};
    int err = 1, again = 1, none = 1;
    ILV_THREAD_SCOPE(s, err)
    {
        for (int i = 0; i < 4; i++)
            ilv_spawn(s, fail_with, (void *)&codes[i]);
    }
    struct ilv_thread_scope t = ILV_THREAD_SCOPE_INIT;
    ilv_spawn(&t, fail_with, (void *)&codes[2]);
    ilv_spawn(&t, fail_with, (void *)&codes[1]);
    ilv_scope_join(&t); /* -EPERM: its worker was spawned first */
    ilv_spawn(&t, fail_with, (void *)&codes[0]);
    again = ilv_scope_join(&t); /* the error is sticky */
    ILV_THREAD_SCOPE(s, none) { ilv_spawn(s, fail_with, (void *)&codes[0]); }
    printf("errors: first=%d (EIO=%d), sticky=%d (EPERM=%d), none=%d\n", err, -EIO, again, -EPERM,
           none);

    struct slot a[4] = {{0}, {0}, {0}, {0}};
    by_return(a);
    printf("return: %d workers done\n", count(a, 4));

    struct slot b[4] = {{0}, {0}, {0}, {0}};
    int e = 0;
    ILV_THREAD_SCOPE(s, e)
    {
        for (int i = 0; i < 4; i++)
            ilv_spawn(s, finish, &b[i]);
        break;
    }
    printf("break: %d workers done\n", count(b, 4));

    struct slot c[4] = {{0}, {0}, {0}, {0}};
    ILV_THREAD_SCOPE(s, e)
    {
        for (int i = 0; i < 4; i++)
            ilv_spawn(s, finish, &c[i]);
        goto after;
    }
after:
    printf("goto: %d workers done\n", count(c, 4));

    struct slot d[3] = {{0}, {0}, {0}};
    struct ilv_thread_scope h;
    ilv_scope_init(&h);
    for (int i = 0; i < 3; i++)
        ilv_spawn(&h, finish, &d[i]);
    e = ilv_scope_join(&h);
    printf("by hand: %d workers done, err %d\n", count(d, 3), e);
    return 0;
}
