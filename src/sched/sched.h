/* Serialized execution: exactly one controlled thread (the baton holder)
 * runs application code at a time; the others wait on their own futex word.
 * Only the holder changes scheduler, detector and runtime state, so none of
 * it needs locks. Threads block in the model (sched_block) and never inside a
 * real primitive. A watchdog takes the baton from a holder that stays away
 * from hooks (uncontrolled blocking call, long uninstrumented code) so that
 * no wait is unbounded.
 *
 * Memory ordering of the hand-off: the giver stores g_running with release
 * after all its state changes; the taker loads it with acquire before it
 * touches any state. Each waiter sleeps on its own wake_seq (bumped after the
 * store), so a wake-up can never be lost between the check and the sleep. */
#ifndef ILV_SCHED_SCHED_H
#define ILV_SCHED_SCHED_H

#include "sched/policy.h"

extern struct ithread *g_running;
extern u64 g_countdown; /* preemption points left before the next preemption */
extern u64 g_switches;
extern u64 g_steals;

void sched_init(struct ithread *main_thread, const struct policy *p, u64 seed);
/* Registers a new thread as runnable (it will wait for the baton on start). */
void sched_add(struct ithread *t);
/* Waits until the baton is ours. May block (bounded waits in a loop). */
void sched_wait_baton(struct ithread *self);
/* Slow path of a hook whose thread does not hold the baton (it was taken by
 * the watchdog, or handed back while we were away). */
void sched_reacquire(struct ithread *self);
/* The preemption countdown ran out: maybe switch to another runnable thread. */
void sched_preempt(struct ithread *self);
/* Lets another runnable thread run, if there is one (sched_yield, spin loops). */
void sched_yield_to_other(struct ithread *self);
/* Blocks self until sched_wake (returns with self->timed_out false) or until
 * deadline_ns (CLOCK_MONOTONIC, 0 = none; returns with timed_out true). */
void sched_block(struct ithread *self, enum block_kind kind, void *obj, u64 deadline_ns);
void sched_wake(struct ithread *t);
/* Wakes the threads blocked on obj with kind: all, or one chosen by the policy.
 * Returns how many were woken. */
u32 sched_wake_waiters(enum block_kind kind, void *obj, bool all);
u32 sched_count_waiters(enum block_kind kind, void *obj);
/* self has finished: hand the baton on for good. */
void sched_exit(struct ithread *self);
/* Called with the baton when every live thread is blocked and none has a
 * deadline. Must not return. */
extern void (*sched_on_deadlock)(struct ithread *self);
/* Asked first, in that case: true when it made a thread runnable (a wake-up the
 * model did not see, such as a semaphore posted by a signal handler); else it
 * sets *wait_ns to how long a signal may still take to come (0: none will, and
 * it is a deadlock). */
extern bool (*sched_on_idle)(u64 *wait_ns);
void sched_watchdog_start(void);
/* Live (not finished) threads, for reports. */
u32 sched_live(struct ithread ***out);

/* A scheduling point before self performs event (op, obj) (enum step_op):
 * the event is what an explored execution records for this decision. */
static ALWAYS_INLINE void sched_point_ev(struct ithread *self, u8 op, uptr obj)
{
    if (UNLIKELY(--g_countdown == 0)) {
        self->pend_op = op;
        self->pend_obj = obj;
        sched_preempt(self);
    }
}

/* A scheduling point before some other synchronisation (explored executions
 * treat it as dependent with every other such point). */
static ALWAYS_INLINE void sched_point(struct ithread *self)
{
    sched_point_ev(self, 0, 0);
}

#endif
