/* syscall(SYS_futex, ...): the raw futex waits of libraries that block without
 * pthreads, above all libstdc++ (std::future::get, std::promise::set_value,
 * std::atomic<T>::wait through __atomic_futex_unsigned and __platform_wait).
 * glibc's own futexes are inline system calls and never come here.
 *
 * A FUTEX_WAIT whose word still holds the expected value blocks in the
 * scheduler (BLK_FUTEX on the word's syncobj, an atomic: libstdc++'s futex words
 * are std::atomic, and a report names the word's address) until a FUTEX_WAKE of that word
 * or its deadline; the real futex is never waited on, so an explored execution
 * stays under control. The model invents no spurious wake-ups. A futex is no
 * synchronisation in the C++ memory model: the atomics around it (in the
 * instrumented headers) carry the happens-before; this only models blocking.
 * A wake also makes the real call, for threads outside the model waiting in
 * the kernel. Any other system call, and the futex operations not modelled
 * here (requeue, priority inheritance), go to the real syscall. Limit: a
 * controlled thread waiting for a wake from outside the model (another
 * process on a shared futex) is not woken by it. */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_SEC 1000000000ull

/* The CLOCK_MONOTONIC deadline of a futex timeout, 0 for none; false when the
 * timespec is invalid. FUTEX_WAIT's timeout is relative (monotonic), the
 * bitset variant's absolute on the clock its flag names. */
static bool futex_deadline(const struct timespec *ts, bool absolute, bool realtime, u64 *out)
{
    *out = 0;
    if (!ts)
        return true;
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || (u64)ts->tv_nsec >= NS_PER_SEC)
        return false;
    if (absolute) {
        *out = os_deadline_ns(realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, ts->tv_sec, ts->tv_nsec);
    } else {
        const u64 far = 1ull << 62;
        u64 sec = (u64)ts->tv_sec;
        u64 rel = sec >= far / NS_PER_SEC ? far : sec * NS_PER_SEC + (u64)ts->tv_nsec;
        *out = os_now_ns() + (rel < far ? rel : far);
    }
    if (*out == 0)
        *out = 1; /* already past: still a deadline */
    return true;
}

/* The model of one futex call; false when it is not one we model (the
 * caller then makes the real call). *ret is the syscall's result. */
static bool futex_model(long a[6], long *ret)
{
    u32 *word = (u32 *)a[0];
    int cmd = (int)a[1] & FUTEX_CMD_MASK;
    bool realtime = ((int)a[1] & FUTEX_CLOCK_REALTIME) != 0;
    if (cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAKE &&
        cmd != FUTEX_WAKE_BITSET)
        return false;
    struct ithread *t = rt_enter();
    if (!t)
        return false;
    int err = 0;
    if (cmd == FUTEX_WAKE || cmd == FUTEX_WAKE_BITSET) {
        sched_point_ev(t, OP_SIGNAL, (uptr)word);
        long n = a[2], woken = 0;
        struct syncobj *so = sync_get((uptr)word, SO_ATOMIC);
        if (n >= INT_MAX)
            woken = sched_wake_waiters(BLK_FUTEX, so, true);
        else
            while (woken < n && sched_wake_waiters(BLK_FUTEX, so, false))
                woken++;
        /* and a thread outside the model that waits in the kernel */
        long real = REAL(syscall)(SYS_futex, a[0], a[1], a[2], a[3], a[4], a[5]);
        *ret = woken + (real > 0 ? real : 0);
    } else {
        u64 deadline;
        sched_point_ev(t, OP_WAIT, (uptr)word);
        if (!futex_deadline((const struct timespec *)a[3], cmd == FUTEX_WAIT_BITSET, realtime,
                            &deadline))
            err = EINVAL;
        else if (__atomic_load_n(word, __ATOMIC_RELAXED) != (u32)a[2])
            err = EAGAIN;
        else {
            sched_block(t, BLK_FUTEX, sync_get((uptr)word, SO_ATOMIC), deadline);
            err = t->timed_out ? ETIMEDOUT : 0;
        }
        *ret = err ? -1 : 0;
    }
    rt_leave(t);
    if (err)
        errno = err;
    return true;
}

EXPORT long syscall(long nr, ...)
{
    /* Six register arguments, as glibc's syscall() itself reads them. */
    long a[6];
    va_list ap;
    va_start(ap, nr);
    for (int i = 0; i < 6; i++)
        a[i] = va_arg(ap, long);
    va_end(ap);
    long ret;
    if (nr == SYS_futex && futex_model(a, &ret))
        return ret;
    return REAL(syscall)(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
