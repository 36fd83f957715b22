/* pthread mutexes of every type. Ownership is modelled: a thread that would
 * block on a held mutex blocks in the scheduler, and takes the real mutex
 * (always free by then) only once the model has given it the mutex. The
 * real call still produces the type-specific results (EDEADLK, EPERM). */
#define _GNU_SOURCE
#include "rt/icpt/mutex.h"

#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <pthread.h>

tid_t sync_owner_of(void *obj)
{
    struct syncobj *so = obj;
    return so && (so->kind == SO_MUTEX || so->kind == SO_SPIN || so->kind == SO_RWLOCK) ? so->owner
                                                                                        : TID_NONE;
}

int mutex_acquire(struct ithread *t, struct syncobj *so, pthread_mutex_t *m, enum lock_mode mode,
                  u64 deadline)
{
    if (mode != LOCK_TRY)
        sched_point_ev(t, OP_LOCK, so->addr);
    for (;;) {
        if (so->owner == TID_NONE)
            break;
        if (so->owner == t->hb.tid) {
            int type = os_mutex_type(m);
            if (type == PTHREAD_MUTEX_RECURSIVE) {
                int rc = REAL(pthread_mutex_trylock)(m);
                if (rc == 0)
                    so->rec++;
                return rc;
            }
            if (type == PTHREAD_MUTEX_ERRORCHECK)
                return mode == LOCK_TRY ? EBUSY : EDEADLK;
        }
        if (mode == LOCK_TRY)
            return EBUSY;
        sched_block(t, BLK_MUTEX, so, deadline);
        if (t->timed_out)
            return ETIMEDOUT;
    }
    int rc = REAL(pthread_mutex_trylock)(m);
    if (rc != 0 && rc != EOWNERDEAD)
        return rc;
    so->owner = t->hb.tid;
    so->rec = 0;
    sync_acquire(t, so);
    return rc;
}

int mutex_release(struct ithread *t, struct syncobj *so, pthread_mutex_t *m)
{
    if (so->owner != t->hb.tid)
        return REAL(pthread_mutex_unlock)(m); /* EPERM where the type checks */
    if (so->rec) {
        so->rec--;
        return REAL(pthread_mutex_unlock)(m);
    }
    sync_release_store(t, so);
    so->owner = TID_NONE;
    int rc = REAL(pthread_mutex_unlock)(m);
    sched_wake_waiters(BLK_MUTEX, so, true);
    return rc;
}

EXPORT int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
    int rc = REAL(pthread_mutex_init)(m, attr);
    struct ithread *t = rt_enter();
    if (t) {
        sync_life(t, (uptr)m, OS_CALLER_PC());
        if (rc == 0) {
            struct syncobj *so = sync_get((uptr)m, SO_MUTEX);
            so->owner = TID_NONE;
            so->rec = 0;
            vclock_clear(&so->vc);
        }
        sync_life_done(t, (uptr)m, SO_MUTEX, OS_CALLER_PC());
        rt_leave(t);
    }
    return rc;
}

EXPORT int pthread_mutex_destroy(pthread_mutex_t *m)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_mutex_destroy)(m);
    sync_life(t, (uptr)m, OS_CALLER_PC());
    struct syncobj *so = sync_find((uptr)m);
    int rc = so && so->owner != TID_NONE ? EBUSY : REAL(pthread_mutex_destroy)(m);
    if (rc == 0)
        sync_forget((uptr)m, 1);
    sync_life_done(t, (uptr)m, SO_MUTEX, OS_CALLER_PC());
    rt_leave(t);
    return rc;
}

static int lock(pthread_mutex_t *m, enum lock_mode mode, const struct timespec *abstime, int clock,
                uptr pc)
{
    struct ithread *t = rt_enter();
    if (!t) {
        if (mode == LOCK_TRY)
            return REAL(pthread_mutex_trylock)(m);
        if (mode == LOCK_TIMED)
            return REAL(pthread_mutex_timedlock)(m, abstime);
        return REAL(pthread_mutex_lock)(m);
    }
    u64 deadline = 0;
    if (mode == LOCK_TIMED) {
        if (!abstime || abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000) {
            rt_leave(t);
            return EINVAL;
        }
        deadline = os_deadline_ns(clock, abstime->tv_sec, abstime->tv_nsec);
    }
    struct syncobj *so = sync_get((uptr)m, SO_MUTEX);
    sync_use(t, so, pc);
    int rc = mutex_acquire(t, so, m, mode, deadline);
    rt_leave(t);
    return rc;
}

EXPORT int pthread_mutex_lock(pthread_mutex_t *m)
{
    return lock(m, LOCK_BLOCK, NULL, 0, OS_CALLER_PC());
}

EXPORT int pthread_mutex_trylock(pthread_mutex_t *m)
{
    return lock(m, LOCK_TRY, NULL, 0, OS_CALLER_PC());
}

EXPORT int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
    return lock(m, LOCK_TIMED, abstime, CLOCK_REALTIME, OS_CALLER_PC());
}

EXPORT int pthread_mutex_clocklock(pthread_mutex_t *m, clockid_t clock,
                                   const struct timespec *abstime)
{
    return lock(m, LOCK_TIMED, abstime, clock, OS_CALLER_PC());
}

EXPORT int pthread_mutex_unlock(pthread_mutex_t *m)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_mutex_unlock)(m);
    sched_point_ev(t, OP_UNLOCK, (uptr)m);
    int rc = mutex_release(t, sync_get((uptr)m, SO_MUTEX), m);
    rt_leave(t);
    return rc;
}
