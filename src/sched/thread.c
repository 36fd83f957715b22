#include "sched/thread.h"

#include "base/arena.h"
#include "sched/steps.h"

#include <sys/mman.h>

struct ithread **g_threads;

#define CS_FIRST 64 /* call stack entries allocated with the thread record */
u32 g_nthreads;
__thread struct ithread *tls_thread __attribute__((tls_model("initial-exec")));

struct ithread *thread_new(void)
{
    if (g_nthreads >= MAX_THREADS)
        return NULL;
    if (!g_threads)
        g_threads = arena_map(MAX_THREADS * sizeof *g_threads);
    struct ithread *t = arena_alloc(sizeof *t);
    tid_t tid = (tid_t)g_nthreads;
    hb_thread_init(&t->hb, tid);
    t->parent = TID_NONE;
    t->state = TS_RUNNABLE;
    t->pend_op = OP_START;
    t->cs_dirty = true;
    /* the first frames next to the record: a page of their own would cost every
     * thread of a forked execution one more page fault */
    t->cs_cap = CS_FIRST;
    t->cs = arena_alloc(CS_FIRST * sizeof(uptr));
    g_threads[g_nthreads++] = t;
    return t;
}

struct ithread *thread_by_pthread(pthread_t pth)
{
    for (u32 i = g_nthreads; i-- > 0;)
        if (g_threads[i]->pth == pth && !g_threads[i]->joined)
            return g_threads[i];
    return NULL;
}

const char *thread_block_name(enum block_kind k)
{
    static const char *const names[] = {
#define X(k, s) s,
        BLOCK_KINDS(X)
#undef X
    };
    return (unsigned)k < ARRAY_LEN(names) ? names[k] : "?";
}

/* Runs without the baton (function entry needs none), so it maps its own
 * memory instead of using the arena. */
void thread_cs_grow(struct ithread *t)
{
    u32 cap = t->cs_cap * 2;
    uptr *n = arena_map(cap * sizeof(uptr));
    for (u32 i = 0; i < t->cs_depth; i++)
        n[i] = t->cs[i];
    if (t->cs_cap > CS_FIRST) /* else arena memory, left to the arena */
        munmap(t->cs, t->cs_cap * sizeof(uptr));
    t->cs = n;
    t->cs_cap = cap;
}
