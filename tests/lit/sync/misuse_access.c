// Touching guarded data without its lock is a compile error under clang
// -Wthread-safety -Werror, and the message names the lock or the accessor to
// use. One RUN line per way of getting it wrong.
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DDIRECT %s 2>&1 | FileCheck --check-prefix=DIRECT %s
// DIRECT: error: writing variable 'value' requires holding guard 'ilv_only_through_ILV_WITH_LOCK_or_ILV_REF' exclusively
// DIRECT: error: reading variable 'value' requires holding guard 'ilv_only_through_ILV_WITH_LOCK_or_ILV_REF'
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DREF %s 2>&1 | FileCheck --check-prefix=REF %s
// REF: error: calling function 'ilv_guarded_ref' requires holding mutex 'hits.mu' exclusively
// REF: note: expanded from macro 'ILV_REF'
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DPTR %s 2>&1 | FileCheck --check-prefix=PTR %s
// PTR: error: calling function 'ilv_guarded_ref' requires holding mutex 'c->mu' exclusively
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DAFTER %s 2>&1 | FileCheck --check-prefix=AFTER %s
// AFTER: error: calling function 'ilv_guarded_ref' requires holding mutex 'hits.mu' exclusively
// AFTER-NEXT: ILV_REF(&hits) = 0; /* the block has released the lock */
// AFTER: error: calling function 'ilv_guarded_ref' requires holding mutex 'hits.mu' exclusively
// AFTER-NEXT: r += ILV_REF(&hits); /* released by the break as well */
// AFTER-NOT: error:
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DTRY %s 2>&1 | FileCheck --check-prefix=TRY %s
// TRY: error: calling function 'ilv_guarded_ref' requires holding mutex 'hits.mu' exclusively
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DRW %s 2>&1 | FileCheck --check-prefix=RW %s
// RW: error: writing variable 'value' requires holding guard 'ilv_only_through_ILV_WITH_READ_or_ILV_WITH_WRITE' exclusively
// RW: error: calling function 'ilv_read_ref' requires holding rwlock 'cfg.mu'
// RW: error: calling function 'ilv_write_ref' requires holding rwlock 'cfg.mu' exclusively
// A read block gives a pointer to const (a Sema error: the analysis, which
// only runs on code without errors, is then silent).
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DRW_CONST %s 2>&1 | FileCheck --check-prefix=RW_CONST %s
// RUN: not %gcc -fsyntax-only -I%srcroot/include -DRW_CONST %s 2>&1 | FileCheck --check-prefix=RW_CONST %s
// RW_CONST: error: {{.*}}read-only
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DCONFINED %s 2>&1 | FileCheck --check-prefix=CONFINED %s
// CONFINED: error: writing variable 'value' requires holding guard 'ilv_only_through_ILV_CONFINED_REF' exclusively
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DWAIT %s 2>&1 | FileCheck --check-prefix=WAIT %s
// WAIT: error: calling function 'ilv_wait' requires holding mutex 'hits.mu' exclusively
// The same file without any misuse compiles cleanly.
// RUN: %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include %s
#include <interleave/sync.h>

ILV_GUARDED(counter, long);
ILV_RW_GUARDED(config, int);
ILV_CONFINED(tally, long);

static struct counter hits = ILV_GUARDED_INIT(0);
static struct config cfg = ILV_RW_GUARDED_INIT(0);
static struct tally mine = ILV_CONFINED_INIT(0);
static struct ilv_cond changed = ILV_COND_INIT;

long misuse(struct counter *c);
long misuse(struct counter *c)
{
    long r = 0;
    (void)c;
#ifdef DIRECT
    hits.value += 1; /* the plain C habit */
    r += hits.value;
#endif
#ifdef REF
    ILV_REF(&hits) += 1; /* the accessor, without the lock */
#endif
#ifdef PTR
    r += ILV_REF(c); /* through a pointer */
#endif
#ifdef AFTER
    ILV_WITH_LOCK(&hits, p) { *p += 1; }
    ILV_REF(&hits) = 0; /* the block has released the lock */
    ILV_WITH_LOCK(&hits, p)
    {
        if (*p > 10)
            break;
        *p += 1;
    }
    r += ILV_REF(&hits); /* released by the break as well */
#endif
#ifdef TRY
    ilv_trylock(&hits.mu); /* the result says whether it is held */
    ILV_REF(&hits) += 1;
#endif
#ifdef RW
    cfg.value = 1;
    r += ILV_READ_REF(&cfg);
    ILV_WITH_READ(&cfg, p)
    {
        ILV_WRITE_REF(&cfg) = *p; /* writing under a read lock */
    }
#endif
#ifdef RW_CONST
    ILV_WITH_READ(&cfg, p) { *p = 3; }
#endif
#ifdef CONFINED
    mine.value = 1;
#endif
#ifdef WAIT
    ilv_wait(&changed, &hits.mu);
#endif
    (void)mine;
    (void)changed;
    (void)cfg;
    return r;
}
