/* pthread barriers, modelled entirely: the syncobj counts the arrivals of
 * the current phase (need, arrived, generation); early arrivers block in the
 * scheduler (BLK_BARRIER) and the last one opens the barrier for all of them
 * and gets PTHREAD_BARRIER_SERIAL_THREAD. The real pthread_barrier_wait is
 * never called (the real object is only initialised and destroyed), so a
 * barrier that too few threads reach ends in the deadlock verdict instead of
 * a hang.
 *
 * Happens-before: every arrival joins its clock into the barrier; when the
 * last one arrives, the phase's clock is complete and is given to every
 * thread of that phase right then (the last arriver joins it into the
 * waiters' clocks before waking them), after which the barrier's clock is
 * cleared for the next phase. Handing it over at the opening, not when each
 * waiter next runs, matters: a fast thread may already arrive at the next
 * phase before a slow one leaves this phase, and the slow one must not learn
 * what the fast one did after the barrier. */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <pthread.h>

EXPORT int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr,
                                unsigned count)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_barrier_init)(b, attr, count);
    sync_life(t, (uptr)b, OS_CALLER_PC());
    int rc = REAL(pthread_barrier_init)(b, attr, count);
    if (rc == 0) {
        sync_forget((uptr)b, 1);
        struct syncobj *so = sync_get((uptr)b, SO_BARRIER);
        so->need = count;
    }
    sync_life_done(t, (uptr)b, SO_BARRIER, OS_CALLER_PC());
    rt_leave(t);
    return rc;
}

EXPORT int pthread_barrier_destroy(pthread_barrier_t *b)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_barrier_destroy)(b);
    sync_life(t, (uptr)b, OS_CALLER_PC());
    struct syncobj *so = sync_find((uptr)b);
    int rc = so && so->arrived ? EBUSY : REAL(pthread_barrier_destroy)(b);
    if (rc == 0)
        sync_forget((uptr)b, 1);
    sync_life_done(t, (uptr)b, SO_BARRIER, OS_CALLER_PC());
    rt_leave(t);
    return rc;
}

/* Opens the barrier: the phase's clock goes to every thread of the phase. */
static void open_barrier(struct ithread *last, struct syncobj *so)
{
    struct ithread **live;
    u32 n = sched_live(&live);
    for (u32 i = 0; i < n; i++) {
        struct ithread *w = live[i];
        if (w->state == TS_BLOCKED && w->block_kind == BLK_BARRIER && w->block_obj == so)
            vclock_join(&w->hb.vc, &so->vc);
    }
    sync_acquire(last, so);
    vclock_clear(&so->vc);
    so->arrived = 0;
    so->generation++;
    sched_wake_waiters(BLK_BARRIER, so, true);
}

EXPORT int pthread_barrier_wait(pthread_barrier_t *b)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_barrier_wait)(b);
    struct syncobj *so = sync_find((uptr)b);
    if (!so || so->kind != SO_BARRIER || !so->need) {
        /* initialised before start-up or outside our control: not modelled */
        rt_leave(t);
        return REAL(pthread_barrier_wait)(b);
    }
    sched_point_ev(t, OP_SYNC, (uptr)b);
    sync_use(t, so, OS_CALLER_PC());
    sync_release(t, so);
    int rc = 0;
    if (++so->arrived >= so->need) {
        open_barrier(t, so);
        rc = PTHREAD_BARRIER_SERIAL_THREAD;
    } else {
        u32 gen = so->generation;
        while (so->generation == gen)
            sched_block(t, BLK_BARRIER, so, 0);
    }
    rt_leave(t);
    return rc;
}
