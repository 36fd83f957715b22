/* __cxa_guard_acquire/release/abort: the initialisation of a function-local
 * static (and of a static data member of a class template) in C++. The
 * compiler checks the guard's first byte with an acquire load (instrumented:
 * an atomic load that acquires whatever was released at the guard) and calls
 * __cxa_guard_acquire when it is 0; 1 means "you run the initialiser, then
 * call release (or abort, when it throws)".
 *
 * Modelled like pthread_once (icpt/once.c), one syncobj per guard (SO_ONCE,
 * once_state 0 never, 1 running, 2 done): the first thread takes the guard
 * through the real __cxa_guard_acquire (which cannot block: nobody else is in
 * it) and runs the initialiser as ordinary, preemptible user code; a thread
 * that arrives meanwhile blocks in the scheduler (BLK_ONCE) instead of on
 * libstdc++'s futex; abort puts the guard back to 0 and wakes them, one of
 * them then initialises. Release publishes the initialiser's clock into the
 * guard, so that every later reader of the static, on the fast path or
 * through acquire, is ordered after its construction: no false race. Abort
 * publishes too, and the next initialiser acquires it: attempts are
 * serialised as by a mutex (libstdc++ orders them with acq_rel exchanges).
 * A recursive initialisation (the owner asks again) goes to the real
 * function, which diagnoses it. */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

typedef u64 guard_t; /* the Itanium ABI's 64-bit guard; byte 0 is "initialised" */

static bool initialised(guard_t *g)
{
    return __atomic_load_n((u8 *)g, __ATOMIC_ACQUIRE) != 0;
}

EXPORT int __cxa_guard_acquire(guard_t *g);
EXPORT void __cxa_guard_release(guard_t *g);
EXPORT void __cxa_guard_abort(guard_t *g);

/* The real functions, or, when the program has no libstdc++.so to find them in
 * (-static-libstdc++: its guard.o is not linked, ours stand in), the ABI's
 * protocol on byte 0 alone: the model already lets one thread in at a time. */
static int real_acquire(guard_t *g)
{
    __typeof__(&__cxa_guard_acquire) real = REAL(__cxa_guard_acquire);
    return real ? real(g) : !initialised(g);
}

static void real_end(guard_t *g, u8 state)
{
    if (state == 2) {
        __typeof__(&__cxa_guard_release) real = REAL(__cxa_guard_release);
        if (real)
            real(g);
        else
            __atomic_store_n((u8 *)g, 1, __ATOMIC_RELEASE);
    } else {
        __typeof__(&__cxa_guard_abort) real = REAL(__cxa_guard_abort);
        if (real)
            real(g);
    }
}

EXPORT int __cxa_guard_acquire(guard_t *g)
{
    struct ithread *t = rt_enter();
    if (!t)
        return real_acquire(g);
    sched_point_ev(t, OP_SYNC, (uptr)g);
    struct syncobj *so = sync_get((uptr)g, SO_ONCE);
    for (;;) {
        if (so->once_state == 2 || (so->once_state == 0 && initialised(g))) {
            sync_acquire(t, so);
            rt_leave(t);
            return 0;
        }
        if (so->once_state == 0 || so->owner == t->hb.tid)
            break;
        sched_block(t, BLK_ONCE, so, 0);
    }
    sync_acquire(t, so); /* after an aborted attempt, if there was one */
    so->once_state = 1;
    so->owner = t->hb.tid;
    rt_leave(t);
    return real_acquire(g);
}

/* The end of the initialiser: done (2) or back to never (0); wakes the waiters. */
static void guard_end(guard_t *g, u8 state)
{
    struct ithread *t = rt_enter();
    if (!t) {
        real_end(g, state);
        return;
    }
    sched_point_ev(t, OP_SYNC, (uptr)g);
    /* inside the runtime: the real function's futex wake, if any, passes through */
    real_end(g, state);
    struct syncobj *so = sync_get((uptr)g, SO_ONCE);
    so->once_state = state;
    so->owner = TID_NONE;
    sync_release(t, so);
    sched_wake_waiters(BLK_ONCE, so, true);
    rt_leave(t);
}

EXPORT void __cxa_guard_release(guard_t *g)
{
    guard_end(g, 2);
}

EXPORT void __cxa_guard_abort(guard_t *g)
{
    guard_end(g, 0);
}
