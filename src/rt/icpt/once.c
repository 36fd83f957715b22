/* pthread_once and C11 call_once (a pthread_once_t in glibc). The model
 * (syncobj->once_state: 0 never, 1 running, 2 done) decides who runs the
 * init routine: the first caller runs it through the real pthread_once (which
 * cannot block: nobody else is inside it, and it keeps the real control word
 * right for calls that pass through); a caller that arrives while it runs
 * blocks in the scheduler (BLK_ONCE) until it is done.
 *
 * The init routine is user code: the runtime is left around it, so its
 * hooks run normally and it can be preempted.
 *
 * Happens-before: the end of the init routine is released into the object;
 * every call that finds it done acquires it. */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <pthread.h>
#include <threads.h>

typedef int (*once_fn)(pthread_once_t *, void (*)(void));

/* Called with the baton (t entered); returns having left the runtime. */
static int once_model(struct ithread *t, pthread_once_t *ctl, void (*init)(void))
{
    sched_point_ev(t, OP_SYNC, (uptr)ctl);
    struct syncobj *so = sync_get((uptr)ctl, SO_ONCE);
    for (;;) {
        if (so->once_state == 2) {
            sync_acquire(t, so);
            rt_leave(t);
            return 0;
        }
        if (so->once_state == 0)
            break;
        sched_block(t, BLK_ONCE, so, 0);
    }
    so->once_state = 1;
    once_fn real = REAL(pthread_once);
    rt_leave(t);
    int rc = real(ctl, init);
    t = rt_enter();
    if (!t)
        return rc;
    /* The routine may have freed the control word (and so the object). */
    struct syncobj *now = sync_get((uptr)ctl, SO_ONCE);
    if (now != so)
        sched_wake_waiters(BLK_ONCE, so, true);
    now->once_state = 2;
    sync_release(t, now);
    sched_wake_waiters(BLK_ONCE, now, true);
    rt_leave(t);
    return rc;
}

EXPORT int pthread_once(pthread_once_t *ctl, void (*init)(void))
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(pthread_once)(ctl, init);
    return once_model(t, ctl, init);
}

EXPORT void call_once(once_flag *flag, void (*func)(void))
{
    struct ithread *t = rt_enter();
    if (!t) {
        REAL(call_once)(flag, func);
        return;
    }
    _Static_assert(sizeof(once_flag) == sizeof(pthread_once_t),
                   "glibc: once_flag is a pthread_once_t");
    once_model(t, (pthread_once_t *)flag, func);
}
