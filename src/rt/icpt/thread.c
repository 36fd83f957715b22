/* Thread lifecycle: create, join, detach, exit. A new thread inherits its
 * creator's clock and waits for the baton before running any user code; a
 * finishing thread wakes its joiners and hands the baton on for good. */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <pthread.h>
#include <unistd.h>

void rt_thread_bounds(struct ithread *t);

static void *trampoline(void *p)
{
    struct ithread *t = p;
    tls_thread = t;
    t->in_rt = 1;
    t->os_tid = os_gettid();
    sched_wait_baton(t);
    /* only with the baton: pthread_getattr_np mallocs (and the thread's first malloc
     * makes its tcache), which must not interleave with the running thread's mallocs
     * by timing, or heap addresses differ between two runs of one schedule */
    rt_thread_bounds(t);
    if (t->stack_hi > t->stack_lo)
        shadow_reset(t->stack_lo, t->stack_hi - t->stack_lo);
    rt_leave(t);
    void *ret = t->fn(t->arg);
    rt_thread_finish(t, ret);
    return ret;
}

void rt_thread_finish(struct ithread *t, void *ret)
{
    t->in_rt = 1;
    if (__atomic_load_n(&g_running, __ATOMIC_ACQUIRE) != t)
        sched_wait_baton(t);
    if (t->pending_w)
        rt_patch_write(t);
    t->retval = ret;
    sched_wake_waiters(BLK_JOIN, t, true);
    tls_thread = NULL; /* what runs after this (TLS destructors) is not ours */
    sched_exit(t);
}

struct ithread *rt_thread_spawn(struct ithread *self, void *(*fn)(void *), void *arg, uptr pc)
{
    struct ithread *c = thread_new();
    if (!c)
        return NULL;
    c->last_read = history_last_new();
    c->parent = self->hb.tid;
    c->create_pc = pc;
    c->start_fn = (uptr)fn;
    c->fn = fn;
    c->arg = arg;
    sync_thread_init(c);
    vclock_join(&c->hb.vc, &self->hb.vc);
    hb_tick(&self->hb);
    return c;
}

/* The creation site that a wrapper of pthread_create in an uninstrumented
 * library left for the next create of this thread (icpt/cxx_thread.c), 0 if none. */
__thread uptr rt_create_site __attribute__((tls_model("initial-exec")));

EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
    uptr pc = rt_create_site ? rt_create_site : OS_CALLER_PC();
    rt_create_site = 0;
    return rt_pthread_create(th, attr, fn, arg, pc);
}

int rt_pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg,
                      uptr pc)
{
    if (!g_rt_ready)
        rt_init();
    struct ithread *self = rt_enter();
    if (!self)
        return REAL(pthread_create)(th, attr, fn, arg);
    sched_point_ev(self, OP_CREATE, g_nthreads);
    struct ithread *c = rt_thread_spawn(self, fn, arg, pc);
    if (!c) {
        static const char msg[] = "interleave: too many threads (the runtime supports 65000 in one "
                                  "run); pthread_create fails with EAGAIN\n";
        (void)!os_write(2, msg, sizeof msg - 1);
        rt_leave(self);
        return EAGAIN;
    }
    int rc = REAL(pthread_create)(th, attr, trampoline, c);
    if (rc != 0) {
        c->state = TS_FINISHED;
        rt_leave(self);
        return rc;
    }
    c->pth = *th;
    int ds = PTHREAD_CREATE_JOINABLE;
    if (attr)
        pthread_attr_getdetachstate(attr, &ds);
    c->detached = ds == PTHREAD_CREATE_DETACHED;
    sched_add(c);
    rt_leave(self);
    return 0;
}

int rt_thread_join(struct ithread *self, struct ithread *target)
{
    if (target == self)
        return EDEADLK;
    while (target->state != TS_FINISHED)
        sched_block(self, BLK_JOIN, target, 0);
    vclock_join(&self->hb.vc, &target->hb.vc);
    target->joined = true;
    return 0;
}

EXPORT int pthread_join(pthread_t th, void **ret)
{
    struct ithread *self = rt_enter();
    if (!self)
        return REAL(pthread_join)(th, ret);
    struct ithread *target = thread_by_pthread(th);
    if (!target || target->detached) {
        rt_leave(self);
        return REAL(pthread_join)(th, ret);
    }
    sched_point_ev(self, OP_JOIN, target->hb.tid);
    int rc = rt_thread_join(self, target);
    if (rc == 0)
        rc = REAL(pthread_join)(th, ret);
    rt_leave(self);
    return rc;
}

EXPORT int pthread_tryjoin_np(pthread_t th, void **ret)
{
    struct ithread *self = rt_enter();
    if (!self)
        return REAL(pthread_tryjoin_np)(th, ret);
    struct ithread *target = thread_by_pthread(th);
    int rc;
    if (target && target->state != TS_FINISHED) {
        rc = EBUSY;
    } else {
        if (target) {
            vclock_join(&self->hb.vc, &target->hb.vc);
            target->joined = true;
        }
        rc = REAL(pthread_join)(th, ret);
    }
    sched_point(self);
    rt_leave(self);
    return rc;
}

EXPORT int pthread_timedjoin_np(pthread_t th, void **ret, const struct timespec *abstime)
{
    struct ithread *self = rt_enter();
    if (!self)
        return REAL(pthread_timedjoin_np)(th, ret, abstime);
    struct ithread *target = thread_by_pthread(th);
    int rc = 0;
    if (target && target != self) {
        u64 deadline =
            abstime ? os_deadline_ns(CLOCK_REALTIME, abstime->tv_sec, abstime->tv_nsec) : 0;
        while (target->state != TS_FINISHED && rc == 0) {
            sched_block(self, BLK_JOIN, target, deadline);
            if (self->timed_out)
                rc = ETIMEDOUT;
        }
        if (rc == 0) {
            vclock_join(&self->hb.vc, &target->hb.vc);
            target->joined = true;
        }
    }
    if (rc == 0)
        rc = REAL(pthread_join)(th, ret);
    rt_leave(self);
    return rc;
}

EXPORT int pthread_detach(pthread_t th)
{
    struct ithread *self = rt_enter();
    if (self) {
        struct ithread *target = thread_by_pthread(th);
        if (target)
            target->detached = true;
        rt_leave(self);
    }
    return REAL(pthread_detach)(th);
}

EXPORT void pthread_exit(void *ret)
{
    struct ithread *t = tls_thread;
    if (t && !t->in_rt)
        rt_thread_finish(t, ret);
    REAL(pthread_exit)(ret);
    __builtin_unreachable();
}
