#include "sched/sched.h"

#include "sched/steps.h"

#include "base/arena.h"
#include "base/check.h"
#include "os/os.h"

#include <pthread.h>
#include <string.h>

struct ithread *g_running;
u64 g_countdown = 1;
u64 g_switches;
u64 g_steals;
void (*sched_on_deadlock)(struct ithread *self);
bool (*sched_on_idle)(u64 *wait_ns);

static const struct policy *policy;
static struct ithread **live, **cand_buf; /* MAX_THREADS entries each */
static u32 nlive;
static u32 ntimed; /* blocked threads with a deadline */

#define WAIT_SLICE_NS 100000000ull /* every futex wait is bounded */

void sched_init(struct ithread *main_thread, const struct policy *p, u64 seed)
{
    if (!live) {
        live = arena_map(MAX_THREADS * sizeof *live);
        cand_buf = arena_map(MAX_THREADS * sizeof *cand_buf);
    }
    policy = p;
    policy->init(seed);
    g_countdown = policy->next_gap();
    nlive = 0;
    live[nlive++] = main_thread;
    __atomic_store_n(&g_running, main_thread, __ATOMIC_RELEASE);
}

void sched_add(struct ithread *t)
{
    t->state = TS_RUNNABLE;
    live[nlive++] = t;
}

u32 sched_live(struct ithread ***out)
{
    *out = live;
    return nlive;
}

static void hand_to(struct ithread *next)
{
    __atomic_store_n(&g_running, next, __ATOMIC_RELEASE);
    if (next) {
        __atomic_fetch_add(&next->wake_seq, 1, __ATOMIC_RELEASE);
        os_futex_wake(&next->wake_seq, 1);
    }
}

/* A finished thread hands the baton on from its last hook, but its OS thread still runs
 * libc's teardown: TLS destructors, its malloc cache going back to the arena, its stack
 * to the stack cache. Run alongside the next thread, that would make heap addresses
 * (and anything the destructors touch) depend on timing; so the next holder first waits
 * until the OS thread is gone, yielding the processor to it (a fork server's threads
 * share one). Bounded: a destructor blocked on a real lock that a parked thread holds
 * must not hang the program. */
static int exited_tid; /* written by the giver before the release store of g_running */

#define EXIT_WAIT_NS 100000000ull

static void await_exited(void)
{
    int tid = exited_tid;
    exited_tid = 0;
    u64 since = 0;
    for (u32 i = 0; os_thread_alive(tid); i++) {
        if ((i & 63) == 63) {
            u64 now = os_now_ns();
            if (!since)
                since = now;
            else if (now - since > EXIT_WAIT_NS)
                return;
        }
        os_yield();
    }
}

void sched_wait_baton(struct ithread *self)
{
    for (;;) {
        u32 seq = __atomic_load_n(&self->wake_seq, __ATOMIC_ACQUIRE);
        if (__atomic_load_n(&g_running, __ATOMIC_ACQUIRE) == self) {
            if (UNLIKELY(exited_tid))
                await_exited();
            return;
        }
        os_futex_wait(&self->wake_seq, seq, WAIT_SLICE_NS);
    }
}

void sched_reacquire(struct ithread *self)
{
    sched_wait_baton(self);
}

static void switch_to(struct ithread *self, struct ithread *next)
{
    if (next == self)
        return;
    g_switches++;
    hand_to(next);
    sched_wait_baton(self);
}

/* Wakes the blocked threads whose deadline has passed. */
static void expire_deadlines(void)
{
    if (!ntimed)
        return;
    u64 now = os_now_ns();
    for (u32 i = 0; i < nlive; i++) {
        struct ithread *t = live[i];
        if (t->state == TS_BLOCKED && t->deadline_ns && t->deadline_ns <= now) {
            sched_wake(t);
            t->timed_out = true;
        }
    }
}

/* Fills cand with the runnable threads, except `skip`; returns their number. In an
 * explored execution (a policy that decides), a timeout is a choice, not a clock: a
 * thread blocked with a deadline is a candidate too, and choosing it makes its deadline
 * pass (see decide). By the wall clock, which threads are enabled at a decision would
 * depend on the machine's speed, and a replay would diverge where explore's sleeper
 * had woken. (CHESS treats timeouts the same way.) */
static u32 runnable(struct ithread **cand, struct ithread *skip)
{
    bool timeouts_chosen = policy->decide != NULL;
    if (!timeouts_chosen)
        expire_deadlines();
    u32 n = 0;
    for (u32 i = 0; i < nlive; i++) {
        struct ithread *t = live[i];
        bool timed = timeouts_chosen && t->state == TS_BLOCKED && t->deadline_ns;
        if ((t->state == TS_RUNNABLE || timed) && t != skip)
            cand[n++] = t;
    }
    return n;
}

/* The policy's decision; a chosen thread still blocked was blocked with a deadline,
 * which passes now. */
static struct ithread *decide(struct ithread **cand, u32 n, struct ithread *self)
{
    struct ithread *t = policy->decide(cand, n, self);
    if (t->state == TS_BLOCKED) {
        sched_wake(t);
        t->timed_out = true;
    }
    return t;
}

/* The next thread to run when self cannot go on; sleeps for timers when
 * everybody waits for one; declares a deadlock when nobody can ever run. */
static struct ithread *next_after_block(struct ithread *self)
{
    for (;;) {
        u32 n = runnable(cand_buf, NULL);
        if (n && policy->decide)
            return decide(cand_buf, n, self);
        if (n)
            return policy->choose(cand_buf, n);
        if (!ntimed) {
            u64 wait_ns = 0;
            if (sched_on_idle && sched_on_idle(&wait_ns))
                continue;
            if (wait_ns) {
                os_sleep_ns(wait_ns);
                continue;
            }
            CHECK(sched_on_deadlock);
            sched_on_deadlock(self);
            CHECK(!"sched_on_deadlock returned");
        }
        u64 first = ~0ull;
        for (u32 i = 0; i < nlive; i++)
            if (live[i]->state == TS_BLOCKED && live[i]->deadline_ns &&
                live[i]->deadline_ns < first)
                first = live[i]->deadline_ns;
        u64 now = os_now_ns();
        if (first > now)
            os_sleep_ns(first - now);
    }
}

void sched_preempt(struct ithread *self)
{
    g_countdown = policy->next_gap();
    if (policy->decide) {
        u32 n = runnable(cand_buf, NULL);
        switch_to(self, decide(cand_buf, n, self));
        return;
    }
    u32 n = runnable(cand_buf, self);
    if (n)
        switch_to(self, policy->choose(cand_buf, n));
}

void sched_yield_to_other(struct ithread *self)
{
    if (policy->decide) {
        self->pend_op = OP_YIELD; /* the policy prefers the others */
        self->pend_obj = 0;
        u32 n = runnable(cand_buf, NULL);
        switch_to(self, decide(cand_buf, n, self));
        return;
    }
    u32 n = runnable(cand_buf, self);
    if (n)
        switch_to(self, policy->choose(cand_buf, n));
}

void sched_block(struct ithread *self, enum block_kind kind, void *obj, u64 deadline_ns)
{
    self->state = TS_BLOCKED;
    self->block_kind = (u8)kind;
    self->block_obj = obj;
    self->deadline_ns = deadline_ns;
    self->timed_out = false;
    if (deadline_ns)
        ntimed++;
    struct ithread *next = next_after_block(self);
    switch_to(self, next);
    CHECK(self->state == TS_RUNNABLE);
}

void sched_wake(struct ithread *t)
{
    if (t->state != TS_BLOCKED)
        return;
    if (t->deadline_ns)
        ntimed--;
    t->state = TS_RUNNABLE;
    t->block_kind = BLK_NONE;
    t->block_obj = NULL;
    t->deadline_ns = 0;
}

u32 sched_count_waiters(enum block_kind kind, void *obj)
{
    u32 n = 0;
    for (u32 i = 0; i < nlive; i++)
        if (live[i]->state == TS_BLOCKED && live[i]->block_kind == kind &&
            live[i]->block_obj == obj)
            n++;
    return n;
}

u32 sched_wake_waiters(enum block_kind kind, void *obj, bool all)
{
    u32 n = 0;
    for (u32 i = 0; i < nlive; i++)
        if (live[i]->state == TS_BLOCKED && live[i]->block_kind == kind &&
            live[i]->block_obj == obj)
            cand_buf[n++] = live[i];
    if (!n)
        return 0;
    if (!all) {
        sched_wake(policy->choose(cand_buf, n));
        return 1;
    }
    for (u32 i = 0; i < n; i++)
        sched_wake(cand_buf[i]);
    return n;
}

void sched_exit(struct ithread *self)
{
    self->state = TS_FINISHED;
    for (u32 i = 0; i < nlive; i++) {
        if (live[i] == self) {
            live[i] = live[--nlive];
            break;
        }
    }
    struct ithread *next = NULL;
    if (nlive)
        next = next_after_block(self);
    g_switches++;
    if (next && self->hb.tid != 0) /* the main thread's task stays, a zombie, until the end */
        exited_tid = self->os_tid;
    hand_to(next);
}

/* The watchdog: a runtime thread that no hook ever sees. */
static void *watchdog(void *arg)
{
    (void)arg;
    struct ithread *last = NULL;
    u64 last_events = 0;
    for (;;) {
        os_sleep_ns(20000000);
        struct ithread *h = __atomic_load_n(&g_running, __ATOMIC_ACQUIRE);
        extern u64 g_seq;
        u64 progress = h ? h->events + __atomic_load_n(&g_seq, __ATOMIC_RELAXED) : 0;
        if (!h || h != last || progress != last_events ||
            __atomic_load_n(&h->in_rt, __ATOMIC_RELAXED)) {
            last = h;
            last_events = progress;
            continue;
        }
        /* h has been away from hooks for a whole period: take the baton
         * (asymmetric Dekker with the hooks' plain in_rt store). */
        struct ithread *expect = h;
        if (!__atomic_compare_exchange_n(&g_running, &expect, NULL, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST))
            continue;
        os_process_barrier();
        if (__atomic_load_n(&h->in_rt, __ATOMIC_SEQ_CST)) {
            expect = NULL;
            __atomic_compare_exchange_n(&g_running, &expect, h, false, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST);
            continue;
        }
        /* We now own the scheduler state until we hand the baton on. */
        u32 n = runnable(cand_buf, h);
        g_steals++;
        hand_to(n ? policy->choose(cand_buf, n) : h);
        last = NULL;
    }
    return NULL;
}

void sched_watchdog_start(void)
{
    static bool started;
    if (started)
        return;
    started = true;
    typedef int (*create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
    create_fn real_create = (create_fn)os_real("pthread_create");
    pthread_t th;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    if (real_create)
        real_create(&th, &attr, watchdog, NULL);
    pthread_attr_destroy(&attr);
}
