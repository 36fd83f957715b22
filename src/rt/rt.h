/* The runtime core: how a hook enters and leaves the runtime, and the one
 * path every memory access takes (history, detector, scheduling point).
 *
 * Ground rules (the runtime lives inside someone else's program):
 * - a hook reached while its thread is already inside the runtime (in_rt), or
 *   from a thread we do not control, passes straight through;
 * - only the baton holder touches runtime state; rt_enter waits for the
 *   baton when the watchdog took it while we were away;
 * - no user malloc, no stdio, errno preserved by everything we call;
 * - a thread is only ever descheduled at a hook that user code called
 *   directly, never while it is inside libc (no scheduling in malloc/free). */
#ifndef ILV_RT_RT_H
#define ILV_RT_RT_H

#include "rt/history.h"
#include "rt/options.h"
#include "sched/sched.h"
#include "sched/steps.h"

extern bool g_rt_ready;
/* __tsan_init calls: every module compiled with -fsanitize=thread makes one from its
 * constructor; 0 at exit means that no instrumented code is in the program. */
extern u32 g_tsan_inits;

void rt_init(void);

/* Thread lifecycle, shared by the pthread and C11 interposers (icpt/). */
#include <pthread.h>
int rt_pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg,
                      uptr pc);
/* Set by an interposed library function that creates a thread for its caller
 * (std::thread's _M_start_thread): that caller is the thread's creation site.
 * Consumed (reset to 0) by the next pthread_create of the same thread. */
extern __thread uptr rt_create_site __attribute__((tls_model("initial-exec")));
struct ithread *rt_thread_spawn(struct ithread *self, void *(*fn)(void *), void *arg, uptr pc);
void rt_thread_finish(struct ithread *t, void *ret);
int rt_thread_join(struct ithread *self, struct ithread *target);
void rt_thread_bounds(struct ithread *t);

/* What may still wake a program whose threads all wait, for the core's idle
 * check: a semaphore posted where the model did not see it (a signal handler, a
 * thread we do not control): wakes a waiter, true if it did (icpt/sem.c); how
 * long to wait for a handler of the user's that runs, or whose signal is
 * pending or armed with alarm(): 0 if none (icpt/signal.c). */
bool sem_wake_posted(void);
u64 signal_may_come_ns(void);

/* The value of t's last plain write, read back now that it has happened. */
static inline void rt_patch_write(struct ithread *t)
{
    struct hev *e = history_get(t->pending_w - 1);
    if (e && e->tid == t->hb.tid)
        e->value = history_load(e->addr, e->size);
    t->pending_w = 0;
}

u32 rt_stack_intern(struct ithread *t);

/* The stack depot id of t's current callers (cached until a function is
 * entered or left). */
static ALWAYS_INLINE u32 rt_stack_id(struct ithread *t)
{
    return LIKELY(!t->cs_dirty) ? t->cs_id : rt_stack_intern(t);
}

/* Enters the runtime from a memory-access hook (the watchdog sees those
 * through the event count g_seq). */
static ALWAYS_INLINE struct ithread *rt_enter_mem(void)
{
    struct ithread *t = tls_thread;
    if (UNLIKELY(!t || t->in_rt))
        return NULL;
    t->in_rt = 1;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (UNLIKELY(__atomic_load_n(&g_running, __ATOMIC_ACQUIRE) != t))
        sched_reacquire(t);
    if (t->pending_w)
        rt_patch_write(t);
    return t;
}

/* Enters the runtime from any other hook or interposer. */
static ALWAYS_INLINE struct ithread *rt_enter(void)
{
    struct ithread *t = rt_enter_mem();
    if (t)
        t->events++;
    return t;
}

static ALWAYS_INLINE void rt_leave(struct ithread *t)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    t->in_rt = 0;
}

void rt_spin_yield(struct ithread *t);

#define SPIN_SAME_READS 8       /* same location, same value, in a row */
#define SPIN_NOWRITE_READS 4096 /* reads without a single write */

/* Fairness for spin loops: a thread that keeps re-reading without writing
 * cannot make progress by itself, so it yields (as if it called sched_yield)
 * before the read. Returns true when it yielded (the value may have changed). */
static ALWAYS_INLINE bool rt_spin_check(struct ithread *t, uptr addr, u64 val)
{
    if (UNLIKELY(++t->nowrite >= SPIN_NOWRITE_READS)) {
        rt_spin_yield(t);
        return true;
    }
    if (addr == t->spin_addr && val == t->spin_val) {
        if (UNLIKELY(++t->spin_count >= SPIN_SAME_READS)) {
            rt_spin_yield(t);
            return true;
        }
    } else {
        t->spin_addr = addr;
        t->spin_val = val;
        t->spin_count = 0;
    }
    return false;
}

/* Plain reads only count reads without a write: a plain spin loop is a data
 * race anyway, and the cheaper check keeps the hot path short. */
static ALWAYS_INLINE bool rt_spin_check_plain(struct ithread *t)
{
    if (UNLIKELY(++t->nowrite >= SPIN_NOWRITE_READS)) {
        rt_spin_yield(t);
        return true;
    }
    return false;
}

void rt_mem_slow(uptr addr, u32 size, bool write, uptr pc);

/* A plain (non-atomic) access of 1..8 bytes, or a range for size > 8.
 * The common case, a read that FastTrack would skip (same thread, same
 * epoch, nobody wrote since), is decided here without entering the runtime:
 * it only reads runtime state, calls nothing, and counts the scheduling point
 * and the spin heuristic. Everything else goes through rt_mem_slow. */
static ALWAYS_INLINE void rt_mem(uptr addr, u32 size, bool write, uptr pc)
{
    struct ithread *t = tls_thread;
    int seen;
    if (!write && LIKELY(t && !t->in_rt && g_countdown > 1 && t->nowrite + 1 < SPIN_NOWRITE_READS &&
                         __atomic_load_n(&g_running, __ATOMIC_ACQUIRE) == t &&
                         (seen = hb_read_seen(&t->hb, addr, size, false, pc)))) {
        if (t->pending_w)
            rt_patch_write(t);
        g_countdown--;
        t->nowrite++;
        if (seen == READ_AGAIN) { /* the read a later write is based on: in the diagram */
            t->in_rt = 1;         /* interning a stack calls memcmp/memcpy */
            history_add_read(t->last_read, t->hb.tid, addr, size, pc, history_load(addr, size),
                             rt_stack_id(t));
            t->in_rt = 0;
        }
        return;
    }
    rt_mem_slow(addr, size, write, pc);
}

#endif
