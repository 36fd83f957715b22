/* Condition variables, modelled entirely: a waiter releases the modelled and
 * the real mutex, blocks in the scheduler until a signal, a broadcast or its
 * deadline, then retakes the mutex. Signals wake one waiter chosen by the
 * policy; no spurious wake-ups are invented. The real pthread_cond_* wait
 * functions are never called. */
#define _GNU_SOURCE
#include "rt/icpt/cond.h"

#include "rt/icpt/mutex.h"
#include "rt/icpt/real.h"
#include "rt/rt.h"

#include <errno.h>
#include <pthread.h>

int cond_wait_model(struct ithread *t, void *cond, pthread_mutex_t *m, u64 deadline)
{
    sched_point_ev(t, OP_WAIT, (uptr)cond);
    struct syncobj *sm = sync_get((uptr)m, SO_MUTEX);
    struct syncobj *sc = sync_get((uptr)cond, SO_COND);
    if (sm->owner != t->hb.tid)
        return EPERM;
    u32 rec = sm->rec;
    sm->rec = 0;
    mutex_release(t, sm, m);
    sched_block(t, BLK_COND, sc, deadline);
    int rc = t->timed_out ? ETIMEDOUT : 0;
    mutex_acquire(t, sm, m, LOCK_BLOCK, 0);
    sm->rec = rec;
    return rc;
}

static int wait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime, int clock)
{
    struct ithread *t = rt_enter();
    if (!t) {
        if (abstime)
            return REAL_V(pthread_cond_timedwait, "GLIBC_2.3.2")(c, m, abstime);
        return REAL_V(pthread_cond_wait, "GLIBC_2.3.2")(c, m);
    }
    u64 deadline = 0;
    if (abstime) {
        if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000) {
            rt_leave(t);
            return EINVAL;
        }
        deadline = os_deadline_ns(clock, abstime->tv_sec, abstime->tv_nsec);
    }
    int rc = cond_wait_model(t, c, m, deadline);
    rt_leave(t);
    return rc;
}

EXPORT int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
    return wait(c, m, NULL, 0);
}

EXPORT int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                                  const struct timespec *abstime)
{
    return wait(c, m, abstime, os_cond_clock(c));
}

EXPORT int pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clock,
                                  const struct timespec *abstime)
{
    return wait(c, m, abstime, clock);
}

void cond_signal_model(struct ithread *t, void *cond, bool all)
{
    sched_point_ev(t, OP_SIGNAL, (uptr)cond);
    sched_wake_waiters(BLK_COND, sync_get((uptr)cond, SO_COND), all);
}

EXPORT int pthread_cond_signal(pthread_cond_t *c)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_V(pthread_cond_signal, "GLIBC_2.3.2")(c);
    cond_signal_model(t, c, false);
    rt_leave(t);
    return 0;
}

EXPORT int pthread_cond_broadcast(pthread_cond_t *c)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_V(pthread_cond_broadcast, "GLIBC_2.3.2")(c);
    cond_signal_model(t, c, true);
    rt_leave(t);
    return 0;
}

EXPORT int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
    return REAL_V(pthread_cond_init, "GLIBC_2.3.2")(c, attr);
}

EXPORT int pthread_cond_destroy(pthread_cond_t *c)
{
    struct ithread *t = rt_enter();
    if (t) {
        struct syncobj *sc = sync_find((uptr)c);
        if (sc && sched_count_waiters(BLK_COND, sc)) {
            rt_leave(t);
            return EBUSY;
        }
        sync_forget((uptr)c, 1);
        rt_leave(t);
    }
    return REAL_V(pthread_cond_destroy, "GLIBC_2.3.2")(c);
}
