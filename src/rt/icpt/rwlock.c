/* pthread read-write locks, modelled like mutexes: the syncobj keeps the
 * writer (owner) and the number of read holds (readers); a thread that would
 * block waits in the scheduler (BLK_RDLOCK, BLK_WRLOCK) and takes the real
 * lock with a try-call only once the model has granted it, so the real call
 * never blocks and still gives the real error codes. Readers are preferred
 * (glibc's default): a reader gets in whenever no writer holds the lock, so
 * recursive read locks never deadlock.
 *
 * Happens-before needs two clocks, because readers must not learn from each
 * other (two readers are concurrent, and a write under a read lock must race
 * with a read in another reader):
 * - the object at the lock's address holds what writers published: a writer's
 *   unlock replaces it (release_store); every lock acquires it;
 * - the object at address+4 (inside the pthread_rwlock_t, where no other
 *   object can live) gathers what readers published: every read unlock joins
 *   into it (sync_release), a writer acquires it and then clears it (the
 *   writer's own unlock republishes it). */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

enum rw_mode { RW_BLOCK, RW_TRY, RW_TIMED };

static struct syncobj *writers_of(pthread_rwlock_t *rw)
{
    return sync_get((uptr)rw, SO_RWLOCK);
}

static struct syncobj *readers_of(pthread_rwlock_t *rw)
{
    return sync_get((uptr)rw + 4, SO_RWLOCK);
}

/* A timed call's deadline (0 with *bad set when abstime is invalid). */
static u64 deadline_of(const struct timespec *abstime, int clock, bool *bad)
{
    *bad = !abstime || abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000;
    return *bad ? 0 : os_deadline_ns(clock, abstime->tv_sec, abstime->tv_nsec);
}

/* Waits until rw can be taken for reading, or for writing (writer); 0 or the errno. */
static int await_free(struct ithread *t, pthread_rwlock_t *rw, struct syncobj *so, bool writer,
                      enum rw_mode mode, const struct timespec *abstime, int clock)
{
    if (mode != RW_TRY)
        sched_point_ev(t, OP_LOCK, (uptr)rw);
    u64 deadline = 0;
    bool checked = false;
    while (so->owner != TID_NONE || (writer && so->readers)) {
        if (mode == RW_TRY)
            return EBUSY;
        if (so->owner == t->hb.tid)
            return EDEADLK;
        if (mode == RW_TIMED && !checked) {
            bool bad;
            deadline = deadline_of(abstime, clock, &bad);
            if (bad)
                return EINVAL;
            checked = true;
        }
        sched_block(t, writer ? BLK_WRLOCK : BLK_RDLOCK, so, deadline);
        if (t->timed_out)
            return ETIMEDOUT;
    }
    return 0;
}

static int rdlock(struct ithread *t, pthread_rwlock_t *rw, enum rw_mode mode,
                  const struct timespec *abstime, int clock)
{
    struct syncobj *so = writers_of(rw);
    int rc = await_free(t, rw, so, false, mode, abstime, clock);
    if (rc == 0)
        rc = REAL(pthread_rwlock_tryrdlock)(rw);
    if (rc != 0)
        return rc; /* EAGAIN from the real lock: too many read locks */
    so->readers++;
    sync_acquire(t, so);
    return 0;
}

static int wrlock(struct ithread *t, pthread_rwlock_t *rw, enum rw_mode mode,
                  const struct timespec *abstime, int clock)
{
    struct syncobj *so = writers_of(rw);
    int rc = await_free(t, rw, so, true, mode, abstime, clock);
    if (rc == 0)
        rc = REAL(pthread_rwlock_trywrlock)(rw);
    if (rc != 0)
        return rc;
    so->owner = t->hb.tid;
    sync_acquire(t, so);
    struct syncobj *rd = readers_of(rw);
    sync_acquire(t, rd);
    vclock_clear(&rd->vc);
    return 0;
}

static int unlock(struct ithread *t, pthread_rwlock_t *rw)
{
    struct syncobj *so = writers_of(rw);
    if (so->owner == t->hb.tid) {
        sync_release_store(t, so);
        so->owner = TID_NONE;
        int rc = REAL(pthread_rwlock_unlock)(rw);
        sched_wake_waiters(BLK_RDLOCK, so, true);
        sched_wake_waiters(BLK_WRLOCK, so, true);
        return rc;
    }
    if (so->owner != TID_NONE || !so->readers)
        return EPERM; /* not held by the caller: the real unlock would corrupt it */
    sync_release(t, readers_of(rw));
    so->readers--;
    int rc = REAL(pthread_rwlock_unlock)(rw);
    if (!so->readers)
        sched_wake_waiters(BLK_WRLOCK, so, true);
    return rc;
}

EXPORT int pthread_rwlock_init(pthread_rwlock_t *rw, const pthread_rwlockattr_t *attr)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_rwlock_init)(rw, attr);
    sync_life(t, (uptr)rw, OS_CALLER_PC());
    int rc = REAL(pthread_rwlock_init)(rw, attr);
    if (rc == 0)
        sync_forget((uptr)rw, sizeof *rw); /* a fresh lock: no holder, no history */
    sync_life_done(t, (uptr)rw, SO_RWLOCK, OS_CALLER_PC());
    rt_leave(t);
    return rc;
}

EXPORT int pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_rwlock_destroy)(rw);
    sync_life(t, (uptr)rw, OS_CALLER_PC());
    struct syncobj *so = sync_find((uptr)rw);
    int rc =
        so && (so->owner != TID_NONE || so->readers) ? EBUSY : REAL(pthread_rwlock_destroy)(rw);
    if (rc == 0)
        sync_forget((uptr)rw, sizeof *rw);
    sync_life_done(t, (uptr)rw, SO_RWLOCK, OS_CALLER_PC());
    rt_leave(t);
    return rc;
}

/* The lock operations differ only in the real function they fall back to
 * and in how they call the model. */
#define RW_INTERPOSE(name, params, real_args, model)                                               \
    EXPORT int name params                                                                         \
    {                                                                                              \
        struct ithread *t = rt_enter();                                                            \
        if (!t)                                                                                    \
            return REAL(name) real_args;                                                           \
        sync_use(t, writers_of(rw), OS_CALLER_PC());                                               \
        int rc = model;                                                                            \
        rt_leave(t);                                                                               \
        return rc;                                                                                 \
    }

static bool clock_ok(clockid_t clock)
{
    return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC;
}

RW_INTERPOSE(pthread_rwlock_rdlock, (pthread_rwlock_t * rw), (rw), rdlock(t, rw, RW_BLOCK, NULL, 0))
RW_INTERPOSE(pthread_rwlock_tryrdlock, (pthread_rwlock_t * rw), (rw),
             rdlock(t, rw, RW_TRY, NULL, 0))
RW_INTERPOSE(pthread_rwlock_timedrdlock, (pthread_rwlock_t * rw, const struct timespec *abstime),
             (rw, abstime), rdlock(t, rw, RW_TIMED, abstime, CLOCK_REALTIME))
RW_INTERPOSE(pthread_rwlock_clockrdlock,
             (pthread_rwlock_t * rw, clockid_t clock, const struct timespec *abstime),
             (rw, clock, abstime),
             clock_ok(clock) ? rdlock(t, rw, RW_TIMED, abstime, clock) : EINVAL)
RW_INTERPOSE(pthread_rwlock_wrlock, (pthread_rwlock_t * rw), (rw), wrlock(t, rw, RW_BLOCK, NULL, 0))
RW_INTERPOSE(pthread_rwlock_trywrlock, (pthread_rwlock_t * rw), (rw),
             wrlock(t, rw, RW_TRY, NULL, 0))
RW_INTERPOSE(pthread_rwlock_timedwrlock, (pthread_rwlock_t * rw, const struct timespec *abstime),
             (rw, abstime), wrlock(t, rw, RW_TIMED, abstime, CLOCK_REALTIME))
RW_INTERPOSE(pthread_rwlock_clockwrlock,
             (pthread_rwlock_t * rw, clockid_t clock, const struct timespec *abstime),
             (rw, clock, abstime),
             clock_ok(clock) ? wrlock(t, rw, RW_TIMED, abstime, clock) : EINVAL)

EXPORT int pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_rwlock_unlock)(rw);
    sched_point_ev(t, OP_UNLOCK, (uptr)rw);
    int rc = unlock(t, rw);
    rt_leave(t);
    return rc;
}
