/* sigaction and signal: a user's handler is installed behind a wrapper that
 * runs it with the thread's in_rt flag set, so every hook reached from the
 * handler passes through and nothing schedules inside a signal handler (the
 * interrupted thread may be anywhere, even inside the runtime). The user's
 * handlers are kept in a table per signal; callers always see their own
 * handlers, never the wrapper. SIG_DFL and SIG_IGN are not wrapped, and
 * neither are the runtime's own handlers (installed before start-up ends, or
 * from inside the runtime). A handler for a signal the runtime watches
 * (core.c: the fatal ones) replaces the runtime's: the user's wins.
 *
 * The wrapper is always installed as an SA_SIGINFO handler and calls the
 * user's handler with the arguments it asked for. A handler that leaves by
 * siglongjmp leaves its thread's hooks passing through (not supported). */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

typedef void (*info_fn)(int, siginfo_t *, void *);

/* Written by sigaction, read by the wrapper in any thread: atomics. */
static struct {
    void *fn; /* the user's handler; NULL: none of ours */
    int flags;
} handlers[_NSIG];

static u32 running; /* user handlers running now, in any thread */

static void wrapper(int sig, siginfo_t *si, void *uc)
{
    int saved = errno;
    struct ithread *t = tls_thread;
    u8 prev = 0;
    if (t) {
        prev = t->in_rt;
        t->in_rt = 1;
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
    }
    void *fn = __atomic_load_n(&handlers[sig].fn, __ATOMIC_ACQUIRE);
    int flags = __atomic_load_n(&handlers[sig].flags, __ATOMIC_RELAXED);
    errno = saved;
    if (fn && fn != (void *)SIG_IGN && fn != (void *)SIG_DFL) {
        __atomic_add_fetch(&running, 1, __ATOMIC_ACQ_REL);
        if (flags & SA_SIGINFO)
            ((info_fn)fn)(sig, si, uc);
        else
            ((sighandler_t)fn)(sig);
        __atomic_sub_fetch(&running, 1, __ATOMIC_ACQ_REL);
    }
    saved = errno;
    if (t) {
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        t->in_rt = prev;
    }
    errno = saved;
}

/* Hooks of a call from inside the runtime, or before start-up has finished
 * (the runtime installing its own handlers), pass through. */
static bool passes_through(int sig)
{
    struct ithread *t = tls_thread;
    return !g_rt_ready || (t && t->in_rt) || sig <= 0 || sig >= _NSIG;
}

static int install(int sig, const struct sigaction *act, struct sigaction *old)
{
    void *prev_fn = __atomic_load_n(&handlers[sig].fn, __ATOMIC_ACQUIRE);
    int prev_flags = __atomic_load_n(&handlers[sig].flags, __ATOMIC_RELAXED);
    struct sigaction mine;
    const struct sigaction *use = act;
    if (act) {
        void *fn = act->sa_flags & SA_SIGINFO ? (void *)act->sa_sigaction : (void *)act->sa_handler;
        if (fn == (void *)SIG_DFL || fn == (void *)SIG_IGN || fn == (void *)wrapper) {
            __atomic_store_n(&handlers[sig].fn, NULL, __ATOMIC_RELEASE);
        } else {
            mine = *act;
            mine.sa_sigaction = wrapper;
            mine.sa_flags |= SA_SIGINFO;
            __atomic_store_n(&handlers[sig].flags, act->sa_flags, __ATOMIC_RELAXED);
            __atomic_store_n(&handlers[sig].fn, fn, __ATOMIC_RELEASE);
            use = &mine;
        }
    }
    int rc = REAL(sigaction)(sig, use, old);
    if (rc != 0) {
        __atomic_store_n(&handlers[sig].flags, prev_flags, __ATOMIC_RELAXED);
        __atomic_store_n(&handlers[sig].fn, prev_fn, __ATOMIC_RELEASE);
        return rc;
    }
    if (old && (void *)old->sa_sigaction == (void *)wrapper) {
        /* give back the user's handler, with the user's own SA_SIGINFO */
        old->sa_flags = (old->sa_flags & ~SA_SIGINFO) | (prev_flags & SA_SIGINFO);
        if (prev_flags & SA_SIGINFO)
            old->sa_sigaction = (info_fn)prev_fn;
        else
            old->sa_handler = (sighandler_t)prev_fn;
    }
    return 0;
}

u64 signal_may_come_ns(void)
{
    /* a handler of the user's runs, or a signal for one is on its way */
    if (__atomic_load_n(&running, __ATOMIC_ACQUIRE))
        return 1000000;
    sigset_t pending;
    if (sigpending(&pending) == 0)
        for (int sig = 1; sig < _NSIG; sig++)
            if (sigismember(&pending, sig) == 1 &&
                __atomic_load_n(&handlers[sig].fn, __ATOMIC_ACQUIRE))
                return 1000000;
    struct itimerval it; /* alarm() arms this timer too */
    if (!__atomic_load_n(&handlers[SIGALRM].fn, __ATOMIC_ACQUIRE) ||
        getitimer(ITIMER_REAL, &it) != 0)
        return 0;
    return (u64)it.it_value.tv_sec * 1000000000u + (u64)it.it_value.tv_usec * 1000u;
}

EXPORT int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    if (passes_through(sig))
        return REAL(sigaction)(sig, act, old);
    struct ithread *t = rt_enter(); /* NULL on a thread we do not control */
    int rc = install(sig, act, old);
    if (t)
        rt_leave(t);
    return rc;
}

/* glibc's signal(): BSD semantics (the signal is blocked while its handler
 * runs, interrupted calls restart). */
EXPORT sighandler_t signal(int sig, sighandler_t handler)
{
    if (passes_through(sig))
        return REAL(signal)(sig, handler);
    struct ithread *t = rt_enter();
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    sigemptyset(&act.sa_mask);
    sigaddset(&act.sa_mask, sig);
    act.sa_flags = SA_RESTART;
    int rc = install(sig, &act, &old);
    if (t)
        rt_leave(t);
    if (rc != 0)
        return SIG_ERR;
    return old.sa_handler;
}
