/* pthread spin locks, modelled like a normal mutex: a thread that would spin
 * blocks in the scheduler (BLK_SPIN) instead, so a spinner never burns the
 * baton waiting for a holder that cannot run; the real lock is taken with a
 * try-call once the model has granted it. Relocking a held spin lock from its
 * holder spins forever for real; in the model the thread blocks for good, and
 * the deadlock verdict says so when nobody else can run. */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <pthread.h>

EXPORT int pthread_spin_init(pthread_spinlock_t *s, int pshared)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_spin_init)(s, pshared);
    sync_life(t, (uptr)s, OS_CALLER_PC());
    int rc = REAL(pthread_spin_init)(s, pshared);
    if (rc == 0)
        sync_forget((uptr)s, sizeof *s);
    sync_life_done(t, (uptr)s, SO_SPIN, OS_CALLER_PC());
    rt_leave(t);
    return rc;
}

EXPORT int pthread_spin_destroy(pthread_spinlock_t *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_spin_destroy)(s);
    sync_life(t, (uptr)s, OS_CALLER_PC());
    sync_forget((uptr)s, sizeof *s);
    sync_life_done(t, (uptr)s, SO_SPIN, OS_CALLER_PC());
    int rc = REAL(pthread_spin_destroy)(s);
    rt_leave(t);
    return rc;
}

static int take(struct ithread *t, pthread_spinlock_t *s, struct syncobj *so)
{
    int rc = REAL(pthread_spin_trylock)(s);
    if (rc != 0)
        return rc; /* held outside the model (taken before start-up) */
    so->owner = t->hb.tid;
    sync_acquire(t, so);
    return 0;
}

EXPORT int pthread_spin_lock(pthread_spinlock_t *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_spin_lock)(s);
    struct syncobj *so = sync_get((uptr)s, SO_SPIN);
    sched_point_ev(t, OP_LOCK, (uptr)s);
    sync_use(t, so, OS_CALLER_PC());
    int rc;
    for (;;) {
        while (so->owner != TID_NONE)
            sched_block(t, BLK_SPIN, so, 0);
        rc = take(t, s, so);
        if (rc != EBUSY)
            break;
        rt_spin_yield(t); /* held for real but not in the model: let others run */
    }
    rt_leave(t);
    return rc;
}

EXPORT int pthread_spin_trylock(pthread_spinlock_t *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_spin_trylock)(s);
    struct syncobj *so = sync_get((uptr)s, SO_SPIN);
    int rc = so->owner != TID_NONE ? EBUSY : take(t, s, so);
    rt_leave(t);
    return rc;
}

EXPORT int pthread_spin_unlock(pthread_spinlock_t *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_spin_unlock)(s);
    sched_point_ev(t, OP_UNLOCK, (uptr)s);
    struct syncobj *so = sync_get((uptr)s, SO_SPIN);
    if (so->owner != TID_NONE) {
        sync_release_store(t, so);
        so->owner = TID_NONE;
    }
    int rc = REAL(pthread_spin_unlock)(s);
    sched_wake_waiters(BLK_SPIN, so, true);
    rt_leave(t);
    return rc;
}
