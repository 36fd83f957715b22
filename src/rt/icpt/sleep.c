/* Sleeping and yielding. A sleeping thread blocks in the scheduler on a
 * timer (BLK_SLEEP with a deadline) so that the others run meanwhile; when
 * every thread sleeps, the scheduler really sleeps until the earliest
 * deadline. A sleep never ends early (no signals are modelled), so the
 * "time left" results are always 0. Yielding hands the baton to another
 * runnable thread, if there is one, and counts as progress for the spin-loop
 * detector. Clocks other than the wall and monotonic ones (CPU-time clocks)
 * are not modelled: those calls pass through. */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"

#include <errno.h>
#include <sched.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_SEC 1000000000ull

static bool valid(const struct timespec *ts)
{
    return ts && ts->tv_sec >= 0 && ts->tv_nsec >= 0 && (u64)ts->tv_nsec < NS_PER_SEC;
}

/* now + sec s + nsec ns on CLOCK_MONOTONIC, saturated far in the future. */
static u64 rel_deadline(u64 sec, u64 nsec)
{
    const u64 far = 1ull << 62;
    u64 rel = sec >= far / NS_PER_SEC ? far : sec * NS_PER_SEC + nsec;
    return os_now_ns() + (rel < far ? rel : far);
}

/* Sleeps until the CLOCK_MONOTONIC deadline in the model. */
static void sleep_model(struct ithread *t, u64 deadline)
{
    t->spin_count = 0;
    t->nowrite = 0;
    t->pend_op = OP_YIELD; /* its next event, for explored executions: it only wakes */
    t->pend_obj = 0;
    do
        sched_block(t, BLK_SLEEP, NULL, deadline);
    while (!t->timed_out); /* nothing else wakes a timer */
}

static bool modelled_clock(clockid_t clock)
{
    return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC || clock == CLOCK_BOOTTIME ||
           clock == CLOCK_TAI;
}

EXPORT unsigned sleep(unsigned sec)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sleep)(sec);
    sleep_model(t, rel_deadline(sec, 0));
    rt_leave(t);
    return 0;
}

EXPORT int usleep(useconds_t us)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(usleep)(us);
    sleep_model(t, rel_deadline(us / 1000000u, (u64)(us % 1000000u) * 1000u));
    rt_leave(t);
    return 0;
}

EXPORT int nanosleep(const struct timespec *req, struct timespec *rem)
{
    int saved = errno;
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(nanosleep)(req, rem);
    if (!valid(req)) {
        rt_leave(t);
        errno = EINVAL;
        return -1;
    }
    sleep_model(t, rel_deadline((u64)req->tv_sec, (u64)req->tv_nsec));
    if (rem)
        rem->tv_sec = 0, rem->tv_nsec = 0;
    rt_leave(t);
    errno = saved;
    return 0;
}

EXPORT int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
                           struct timespec *rem)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(clock_nanosleep)(clock, flags, req, rem);
    if (!modelled_clock(clock)) {
        rt_leave(t);
        return REAL(clock_nanosleep)(clock, flags, req, rem);
    }
    if (!valid(req)) {
        rt_leave(t);
        return EINVAL;
    }
    u64 deadline = flags & TIMER_ABSTIME ? os_deadline_ns(clock, req->tv_sec, req->tv_nsec)
                                         : rel_deadline((u64)req->tv_sec, (u64)req->tv_nsec);
    sleep_model(t, deadline);
    if (rem && !(flags & TIMER_ABSTIME))
        rem->tv_sec = 0, rem->tv_nsec = 0;
    rt_leave(t);
    return 0;
}

EXPORT int thrd_sleep(const struct timespec *duration, struct timespec *remaining)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(thrd_sleep)(duration, remaining);
    if (!valid(duration)) {
        rt_leave(t);
        return -2; /* glibc: a negative value other than -1 for errors */
    }
    sleep_model(t, rel_deadline((u64)duration->tv_sec, (u64)duration->tv_nsec));
    if (remaining)
        remaining->tv_sec = 0, remaining->tv_nsec = 0;
    rt_leave(t);
    return 0;
}

EXPORT int sched_yield(void)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sched_yield)();
    rt_spin_yield(t);
    rt_leave(t);
    return 0;
}

/* pthread_yield: <pthread.h> redirects the name to sched_yield, but old
 * binaries still call the symbol. */
EXPORT int ilv_pthread_yield(void) __asm__("pthread_yield");
EXPORT int ilv_pthread_yield(void)
{
    return sched_yield();
}

EXPORT void thrd_yield(void)
{
    sched_yield();
}
