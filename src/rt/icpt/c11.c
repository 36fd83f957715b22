/* C11 <threads.h> (glibc >= 2.28): threads, mutexes and condition
 * variables. glibc builds them on its pthread internals, which our pthread
 * interposers never see, so each C11 call is translated here into the same
 * models: threads go through rt_pthread_create and our pthread_join, mtx_t
 * is a pthread_mutex_t (same layout: glibc casts one into the other) handled
 * by mutex_acquire/mutex_release, cnd_t is a pthread_cond_t handled by the
 * condition model. call_once lives with pthread_once (once.c), thrd_sleep and
 * thrd_yield with the other sleeps (sleep.c); thrd_current, thrd_equal and
 * tss_* need no model and are not interposed. Results are the thrd_* codes,
 * mapped from errno values the way glibc maps them. */
#define _GNU_SOURCE
#include "base/arena.h"
#include "rt/icpt/cond.h"
#include "rt/icpt/mutex.h"
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <threads.h>
#include <time.h>

_Static_assert(sizeof(mtx_t) == sizeof(pthread_mutex_t), "glibc: mtx_t is a pthread_mutex_t");
_Static_assert(sizeof(cnd_t) == sizeof(pthread_cond_t), "glibc: cnd_t is a pthread_cond_t");
_Static_assert(sizeof(thrd_t) == sizeof(pthread_t), "glibc: thrd_t is a pthread_t");

/* glibc's thrd_err_map. */
static int thrd_result(int err)
{
    switch (err) {
    case 0:
        return thrd_success;
    case ENOMEM:
        return thrd_nomem;
    case ETIMEDOUT:
        return thrd_timedout;
    case EBUSY:
        return thrd_busy;
    default:
        return thrd_error;
    }
}

/* ---- threads ----------------------------------------------------------- */

/* The start of a C11 thread as a pthread start routine. Allocated from the
 * arena under the baton by the creator, freed by the new thread. */
struct c11_start {
    thrd_start_t fn;
    void *arg;
};

static void *c11_start(void *p)
{
    struct c11_start *s = p;
    thrd_start_t fn = s->fn;
    void *arg = s->arg;
    struct ithread *t = rt_enter();
    if (t) {
        arena_free(s, sizeof *s);
        rt_leave(t);
    }
    return (void *)(intptr_t)fn(arg);
}

EXPORT int thrd_create(thrd_t *thr, thrd_start_t func, void *arg)
{
    uptr pc = OS_CALLER_PC();
    if (!g_rt_ready)
        rt_init();
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(thrd_create)(thr, func, arg);
    struct c11_start *s = arena_alloc(sizeof *s);
    s->fn = func;
    s->arg = arg;
    rt_leave(t);
    int rc = rt_pthread_create((pthread_t *)thr, NULL, c11_start, s, pc);
    t = rt_enter();
    if (t) {
        if (rc != 0) {
            arena_free(s, sizeof *s);
        } else {
            /* reports name the user's start routine, not the adapter */
            struct ithread *c = thread_by_pthread((pthread_t)*thr);
            if (c)
                c->start_fn = (uptr)func;
        }
        rt_leave(t);
    }
    return thrd_result(rc);
}

EXPORT int thrd_join(thrd_t thr, int *res)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(thrd_join)(thr, res);
    rt_leave(t);
    void *ret = NULL;
    int rc = pthread_join((pthread_t)thr, &ret); /* our interposer: the join model */
    if (rc == 0 && res)
        *res = (int)(intptr_t)ret;
    return thrd_result(rc);
}

EXPORT int thrd_detach(thrd_t thr)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(thrd_detach)(thr);
    rt_leave(t);
    return thrd_result(pthread_detach((pthread_t)thr));
}

EXPORT _Noreturn void thrd_exit(int res)
{
    pthread_exit((void *)(intptr_t)res); /* ours: finishes the thread in the model */
}

/* ---- mutexes ----------------------------------------------------------- */

EXPORT int mtx_init(mtx_t *m, int type)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(mtx_init)(m, type);
    int rc = REAL(mtx_init)(m, type);
    if (rc == thrd_success)
        sync_forget((uptr)m, 1); /* a fresh mutex: no owner, no history */
    rt_leave(t);
    return rc;
}

EXPORT void mtx_destroy(mtx_t *m)
{
    struct ithread *t = rt_enter();
    if (!t) {
        REAL(mtx_destroy)(m);
        return;
    }
    sync_forget((uptr)m, 1);
    REAL(mtx_destroy)(m);
    rt_leave(t);
}

static int lock(struct ithread *t, mtx_t *m, enum lock_mode mode, u64 deadline)
{
    return mutex_acquire(t, sync_get((uptr)m, SO_MUTEX), (pthread_mutex_t *)m, mode, deadline);
}

EXPORT int mtx_lock(mtx_t *m)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(mtx_lock)(m);
    int rc = lock(t, m, LOCK_BLOCK, 0);
    rt_leave(t);
    return thrd_result(rc);
}

EXPORT int mtx_trylock(mtx_t *m)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(mtx_trylock)(m);
    int rc = lock(t, m, LOCK_TRY, 0);
    rt_leave(t);
    return thrd_result(rc);
}

static bool bad_time(const struct timespec *ts)
{
    return !ts || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000;
}

EXPORT int mtx_timedlock(mtx_t *restrict m, const struct timespec *restrict ts)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(mtx_timedlock)(m, ts);
    int rc = bad_time(ts)
                 ? EINVAL
                 : lock(t, m, LOCK_TIMED, os_deadline_ns(CLOCK_REALTIME, ts->tv_sec, ts->tv_nsec));
    rt_leave(t);
    return thrd_result(rc);
}

EXPORT int mtx_unlock(mtx_t *m)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(mtx_unlock)(m);
    sched_point_ev(t, OP_UNLOCK, (uptr)m);
    int rc = mutex_release(t, sync_get((uptr)m, SO_MUTEX), (pthread_mutex_t *)m);
    rt_leave(t);
    return thrd_result(rc);
}

/* ---- condition variables ----------------------------------------------- */

EXPORT int cnd_init(cnd_t *c)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(cnd_init)(c);
    int rc = REAL(cnd_init)(c);
    if (rc == thrd_success)
        sync_forget((uptr)c, 1);
    rt_leave(t);
    return rc;
}

EXPORT void cnd_destroy(cnd_t *c)
{
    struct ithread *t = rt_enter();
    if (!t) {
        REAL(cnd_destroy)(c);
        return;
    }
    sync_forget((uptr)c, 1);
    REAL(cnd_destroy)(c);
    rt_leave(t);
}

EXPORT int cnd_signal(cnd_t *c)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(cnd_signal)(c);
    cond_signal_model(t, c, false);
    rt_leave(t);
    return thrd_success;
}

EXPORT int cnd_broadcast(cnd_t *c)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(cnd_broadcast)(c);
    cond_signal_model(t, c, true);
    rt_leave(t);
    return thrd_success;
}

EXPORT int cnd_wait(cnd_t *c, mtx_t *m)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(cnd_wait)(c, m);
    int rc = cond_wait_model(t, c, (pthread_mutex_t *)m, 0);
    rt_leave(t);
    return thrd_result(rc);
}

EXPORT int cnd_timedwait(cnd_t *restrict c, mtx_t *restrict m, const struct timespec *restrict ts)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(cnd_timedwait)(c, m, ts);
    int rc = bad_time(ts)
                 ? EINVAL
                 : cond_wait_model(t, c, (pthread_mutex_t *)m,
                                   os_deadline_ns(CLOCK_REALTIME, ts->tv_sec, ts->tv_nsec));
    rt_leave(t);
    return thrd_result(rc);
}
