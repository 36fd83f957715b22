// Unlocking twice, unlocking what is not held, locking what is already held
// (a self-deadlock) and returning with a lock held are compile errors under
// clang -Wthread-safety -Werror.
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DTWICE %s 2>&1 | FileCheck --check-prefix=TWICE %s
// TWICE: error: releasing mutex 'hits.mu' that was not held
// TWICE-NOT: error:
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DNOT_HELD %s 2>&1 | FileCheck --check-prefix=NOT_HELD %s
// NOT_HELD: error: releasing mutex 'hits.mu' that was not held
// NOT_HELD: error: releasing rwlock 'cfg.mu' that was not held
// NOT_HELD: error: releasing rwlock 'cfg.mu' that was not held
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DKIND %s 2>&1 | FileCheck --check-prefix=KIND %s
// KIND: error: releasing rwlock 'cfg.mu' using exclusive access, expected shared access
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DRELOCK %s 2>&1 | FileCheck --check-prefix=RELOCK %s
// RELOCK: error: acquiring mutex 'hits.mu' that is already held
// RELOCK: error: acquiring mutex 'hits.mu' that is already held
// RELOCK: note: expanded from macro 'ILV_WITH_LOCK'
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DLEAK %s 2>&1 | FileCheck --check-prefix=LEAK %s
// LEAK: error: mutex 'hits.mu' is still held at the end of function
// RUN: not %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include -DSOME_PATHS %s 2>&1 | FileCheck --check-prefix=SOME_PATHS %s
// SOME_PATHS: error: mutex 'hits.mu' is not held on every path through here
// RUN: %clang -fsyntax-only -Wthread-safety -Werror -I%srcroot/include %s
#include <interleave/sync.h>

ILV_GUARDED(counter, long);
ILV_RW_GUARDED(config, int);

static struct counter hits = ILV_GUARDED_INIT(0);
static struct config cfg = ILV_RW_GUARDED_INIT(0);

void misuse(int n);
void misuse(int n)
{
    (void)n;
#ifdef TWICE
    ilv_lock(&hits.mu);
    ILV_REF(&hits) += 1;
    ilv_unlock(&hits.mu);
    ilv_unlock(&hits.mu);
#endif
#ifdef NOT_HELD
    ilv_unlock(&hits.mu);
    ilv_read_unlock(&cfg.mu);
    ilv_write_unlock(&cfg.mu);
#endif
#ifdef KIND
    ilv_read_lock(&cfg.mu);
    ilv_write_unlock(&cfg.mu);
#endif
#ifdef RELOCK
    ilv_lock(&hits.mu);
    ilv_lock(&hits.mu);
    ilv_unlock(&hits.mu);
    ILV_WITH_LOCK(&hits, p)
    {
        ILV_WITH_LOCK(&hits, q) { *q += *p; }
    }
#endif
#ifdef LEAK
    ilv_lock(&hits.mu);
    ILV_REF(&hits) += 1;
#endif
#ifdef SOME_PATHS
    if (n)
        ilv_lock(&hits.mu);
    ILV_REF(&hits) += 1;
    if (n)
        ilv_unlock(&hits.mu);
#endif
    (void)hits;
    (void)cfg;
}
