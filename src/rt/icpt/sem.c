/* POSIX semaphores, unnamed (sem_init) and named (sem_open), keyed by the
 * sem_t address. The model's count (syncobj->count) decides: a waiter that
 * finds it 0 blocks in the scheduler (BLK_SEM); sem_post wakes one waiter,
 * chosen by the policy. The real semaphore is kept equal to the model (the
 * runtime posts it and takes it with sem_trywait, which never blocks), so
 * sem_getvalue and calls that pass through (from signal handlers, from
 * threads we do not control) stay correct; the model rereads the real value
 * before each decision so such calls are seen too.
 *
 * Happens-before: every post joins the poster's clock into the semaphore
 * (sync_release: several posters may feed one waiter); every successful wait
 * acquires it. */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdarg.h>
#include <time.h>

/* The semaphore's object; the first sight of a semaphore we did not see
 * initialised (sem_open, or sem_init before start-up) reads its value. */
static struct syncobj *sem_obj(sem_t *s)
{
    struct syncobj *so = sync_get((uptr)s, SO_SEM);
    int v;
    if (REAL(sem_getvalue)(s, &v) == 0)
        so->count = v > 0 ? (u64)v : 0;
    return so;
}

EXPORT int sem_init(sem_t *s, int pshared, unsigned value)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_init)(s, pshared, value);
    int rc = REAL(sem_init)(s, pshared, value);
    if (rc == 0) {
        sync_forget((uptr)s, 1);
        sync_get((uptr)s, SO_SEM)->count = value;
    }
    rt_leave(t);
    return rc;
}

EXPORT int sem_destroy(sem_t *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_destroy)(s);
    sync_forget((uptr)s, 1);
    int rc = REAL(sem_destroy)(s);
    rt_leave(t);
    return rc;
}

/* Named semaphores: the object is the process's mapping of it; its count is
 * read on first use. sem_close keeps the object's clock: the semaphore
 * outlives a close, and a reopen in this process maps the same address. */
EXPORT sem_t *sem_open(const char *name, int oflag, ...)
{
    mode_t mode = 0;
    unsigned value = 0;
    if (oflag & O_CREAT) {
        va_list ap;
        va_start(ap, oflag);
        mode = (mode_t)va_arg(ap, int);
        value = va_arg(ap, unsigned);
        va_end(ap);
    }
    struct ithread *t = rt_enter();
    sem_t *s = REAL(sem_open)(name, oflag, mode, value);
    if (t) {
        if (s != SEM_FAILED)
            sem_obj(s);
        rt_leave(t);
    }
    return s;
}

EXPORT int sem_close(sem_t *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_close)(s);
    int rc = REAL(sem_close)(s);
    rt_leave(t);
    return rc;
}

EXPORT int sem_unlink(const char *name)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_unlink)(name);
    int rc = REAL(sem_unlink)(name);
    rt_leave(t);
    return rc;
}

enum sem_mode { SEM_BLOCK, SEM_TRY, SEM_TIMED };

/* Returns 0 or the errno value. */
static int wait(struct ithread *t, sem_t *s, enum sem_mode mode, const struct timespec *abstime,
                int clock)
{
    if (mode != SEM_TRY)
        sched_point_ev(t, OP_SYNC, (uptr)s);
    struct syncobj *so = sem_obj(s);
    u64 deadline = 0;
    bool checked = false;
    for (;;) {
        if (so->count > 0) {
            if (REAL(sem_trywait)(s) == 0) {
                so->count--;
                sync_acquire(t, so);
                return 0;
            }
            so->count = 0; /* taken behind our back */
        }
        if (mode == SEM_TRY)
            return EAGAIN;
        if (mode == SEM_TIMED && !checked) {
            if (!abstime || abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000)
                return EINVAL;
            deadline = os_deadline_ns(clock, abstime->tv_sec, abstime->tv_nsec);
            checked = true;
        }
        sched_block(t, BLK_SEM, so, deadline);
        if (t->timed_out)
            return ETIMEDOUT;
        sem_obj(s);
    }
}

bool sem_wake_posted(void)
{
    struct ithread **live;
    u32 n = sched_live(&live);
    for (u32 i = 0; i < n; i++) {
        struct ithread *w = live[i];
        if (w->state != TS_BLOCKED || w->block_kind != BLK_SEM)
            continue;
        struct syncobj *so = w->block_obj;
        int v;
        if (REAL(sem_getvalue)((sem_t *)so->addr, &v) == 0 && v > 0) {
            so->count = (u64)v;
            return sched_wake_waiters(BLK_SEM, so, false) > 0;
        }
    }
    return false;
}

/* The C result of a wait: 0, or -1 with errno set; errno is kept on success. */
static int result(int rc, int saved_errno)
{
    errno = rc ? rc : saved_errno;
    return rc ? -1 : 0;
}

EXPORT int sem_wait(sem_t *s)
{
    int saved = errno;
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_wait)(s);
    int rc = wait(t, s, SEM_BLOCK, NULL, 0);
    rt_leave(t);
    return result(rc, saved);
}

EXPORT int sem_trywait(sem_t *s)
{
    int saved = errno;
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_trywait)(s);
    int rc = wait(t, s, SEM_TRY, NULL, 0);
    rt_leave(t);
    return result(rc, saved);
}

EXPORT int sem_timedwait(sem_t *s, const struct timespec *abstime)
{
    int saved = errno;
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_timedwait)(s, abstime);
    int rc = wait(t, s, SEM_TIMED, abstime, CLOCK_REALTIME);
    rt_leave(t);
    return result(rc, saved);
}

EXPORT int sem_clockwait(sem_t *s, clockid_t clock, const struct timespec *abstime)
{
    int saved = errno;
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_clockwait)(s, clock, abstime);
    int rc = clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC
                 ? EINVAL
                 : wait(t, s, SEM_TIMED, abstime, clock);
    rt_leave(t);
    return result(rc, saved);
}

EXPORT int sem_post(sem_t *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_post)(s);
    sched_point_ev(t, OP_SYNC, (uptr)s);
    struct syncobj *so = sem_obj(s);
    sync_release(t, so);
    int rc = REAL(sem_post)(s);
    int err = errno;
    if (rc == 0) {
        so->count++;
        sched_wake_waiters(BLK_SEM, so, false);
    }
    rt_leave(t);
    errno = err;
    return rc;
}

EXPORT int sem_getvalue(sem_t *s, int *value)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sem_getvalue)(s, value);
    sched_point_ev(t, OP_SYNC, (uptr)s);
    int rc = REAL(sem_getvalue)(s, value);
    rt_leave(t);
    return rc;
}
