/* Start-up, shutdown and the cold paths of the hooks: registering the main
 * thread, the fatal-signal and exit paths that must still deliver the
 * findings, the deadlock verdict, and yielding out of spin loops. */
#define _GNU_SOURCE
#include "rt/rt.h"

#include "base/fmt.h"
#include "hb/shadow.h"
#include "os/os.h"
#include "rt/findings.h"
#include "rt/sync.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool g_rt_ready;
static bool rt_done;

void rt_thread_bounds(struct ithread *t)
{
    pthread_attr_t attr;
    void *addr;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
            t->stack_lo = (uptr)addr;
            t->stack_hi = (uptr)addr + size;
        }
        pthread_attr_destroy(&attr);
    }
}

void rt_spin_yield(struct ithread *t)
{
    t->spin_count = 0;
    t->nowrite = 0;
    sched_yield_to_other(t);
}

static void finish_and_exit(int status)
{
    fflush(NULL);
    _exit(status);
}

static void on_deadlock(struct ithread *self)
{
    findings_deadlock(self);
    findings_emit(-1);
    rt_done = true;
    finish_and_exit((int)g_opt.exitcode);
}

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };

static void on_fatal(int sig)
{
    struct ithread *t = tls_thread;
    if (t)
        t->in_rt = 1;
    findings_emit(128 + sig);
    rt_done = true;
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signal_handlers(void)
{
    for (unsigned i = 0; i < ARRAY_LEN(fatal_signals); i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal;
        sa.sa_flags = SA_NODEFER | SA_RESETHAND | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        if (sigaction(fatal_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
            sigaction(fatal_signals[i], &sa, NULL);
    }
}

void rt_init(void)
{
    static bool started;
    if (started)
        return;
    started = true;
    options_parse(getenv("INTERLEAVE_OPTIONS"));
    const struct policy *p = policy_find(g_opt.policy);
    if (!p) {
        char mem[256];
        struct fmtbuf b = fmt_init(mem, sizeof mem);
        fmt_str(&b, "interleave: unknown policy '");
        fmt_str(&b, g_opt.policy);
        fmt_str(&b, "' in INTERLEAVE_OPTIONS; using readpreempt\n");
        fmt_flush(&b, 2);
        p = &policy_readpreempt;
    }
    shadow_init();
    history_init();
    hb_report = findings_on_hb;
    hb_lost_updates = g_opt.lost_updates;
    os_process_barrier_init();
    struct ithread *m = thread_new();
    m->pth = pthread_self();
    m->os_tid = os_gettid();
    rt_thread_bounds(m);
    sync_thread_init(m);
    sched_init(m, p, g_opt.seed);
    sched_on_deadlock = on_deadlock;
    install_signal_handlers();
    tls_thread = m;
    if (g_opt.watchdog)
        sched_watchdog_start();
    g_rt_ready = true;
}

/* Runs after the program's atexit handlers (our destructor is registered
 * first, so it runs last): deliver the findings. */
__attribute__((destructor(101))) static void rt_fini(void)
{
    struct ithread *t = tls_thread;
    if (!g_rt_ready || rt_done)
        return;
    if (t) {
        t->in_rt = 1;
        if (__atomic_load_n(&g_running, __ATOMIC_ACQUIRE) != t)
            sched_wait_baton(t);
        if (t->pending_w)
            rt_patch_write(t);
    }
    findings_emit(-1);
    rt_done = true;
    /* Other threads stay parked: we keep the baton until the process ends. */
    if (g_opt.report_fd == (u64)-1 && findings_count() > 0)
        finish_and_exit((int)g_opt.exitcode);
}

__attribute__((constructor(101))) static void rt_ctor(void)
{
    rt_init();
}

/* The user's own exits: deliver findings before the process goes. */
typedef void (*exit_fn)(int);

EXPORT void _exit(int status)
{
    struct ithread *t = tls_thread;
    if (g_rt_ready && !rt_done && t && !t->in_rt) {
        t->in_rt = 1;
        if (__atomic_load_n(&g_running, __ATOMIC_ACQUIRE) != t)
            sched_wait_baton(t);
        findings_emit(status);
        rt_done = true;
    }
    static exit_fn real;
    if (!real)
        real = (exit_fn)os_real("_exit");
    real(status);
    __builtin_unreachable();
}

EXPORT void _Exit(int status)
{
    _exit(status);
}
