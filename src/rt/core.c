/* Start-up, shutdown and the cold paths of the hooks: registering the main
 * thread, the fatal-signal and exit paths that must still deliver the
 * findings, the deadlock verdict, and yielding out of spin loops. */
#define _GNU_SOURCE
#include "rt/rt.h"

#include "base/fmt.h"
#include "base/mem.h"
#include "hb/shadow.h"
#include "os/os.h"
#include "rt/fd.h"
#include "rt/findings.h"
#include "rt/icpt/real.h"
#include "rt/server.h"
#include "rt/stackdepot.h"
#include "rt/sync.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

bool g_rt_ready;
u32 g_tsan_inits;
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

u32 rt_stack_intern(struct ithread *t)
{
    uptr pcs[64];
    u32 n = 0, max = g_opt.stack_depth < 64 ? (u32)g_opt.stack_depth : 64;
    /* innermost first; cs[0] is where the root function was called from
     * (our trampoline, or libc's start of main) */
    for (u32 i = t->cs_depth; i-- > 1 && n < max;)
        pcs[n++] = t->cs[i];
    t->cs_id = stackdepot_put(pcs, n);
    t->cs_dirty = false;
    return t->cs_id;
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

/* Every live thread is blocked for good. A hang when someone waits for a
 * signal, a barrier or a semaphore that nobody can give any more; a deadlock
 * when all wait for mutexes or joins (a cycle). */
static void deliver(int status);

static bool is_hang(void)
{
    struct ithread **live;
    u32 n = sched_live(&live);
    for (u32 i = 0; i < n; i++) {
        u8 k = live[i]->block_kind;
        if (live[i]->state == TS_BLOCKED && (k == BLK_COND || k == BLK_SEM || k == BLK_BARRIER ||
                                             k == BLK_ONCE || k == BLK_FUTEX || k == BLK_FD))
            return true;
    }
    return false;
}

/* Nobody can run and nobody waits for a deadline. Before that is a deadlock:
 * a semaphore may have been posted behind the model's back, or a signal may
 * still come to a handler that will post one; waiting for signals is bounded
 * (IDLE_MAX in all), as every wait of the runtime. A signal that has just
 * been taken by a thread the kernel has not run yet is neither pending nor in
 * its handler: after a signal was expected, GRACE more passes before the
 * verdict. */
static bool on_idle(u64 *wait_ns)
{
    enum { SLICE = 50000000, STEP = 2000000, GRACE = 200000000 };
    static const u64 IDLE_MAX = 30000000000ull;
    static u64 waited, grace;
    *wait_ns = 0;
    /* in this order: a handler that ends between the two calls has posted
     * before the second looks */
    u64 wait = signal_may_come_ns();
    if (sem_wake_posted()) {
        waited = grace = 0;
        return true;
    }
    if (waited >= IDLE_MAX)
        return false;
    /* a descriptor another process may still make ready: wait on it, in slices */
    if (fd_has_waiters()) {
        u64 slice = server_is_child() ? SLICE / 10 : SLICE;
        if (fd_wake_ready(slice)) {
            waited = grace = 0;
            return true;
        }
        waited += server_is_child() ? SLICE : slice; /* an explored execution: ~3 s at most */
        *wait_ns = 1;
        return false;
    }
    if (wait) {
        *wait_ns = wait < SLICE ? wait + 1000000 : SLICE;
        grace = GRACE;
    } else if (grace) {
        *wait_ns = STEP;
        grace = grace > STEP ? grace - STEP : 0;
    }
    waited += *wait_ns;
    return false;
}

static void on_deadlock(struct ithread *self)
{
    bool hang = is_hang();
    findings_deadlock(self, hang);
    rt_done = true;
    if (server_is_child())
        server_child_finish(hang ? "kind=hang" : "kind=deadlock", -1, true);
    deliver(-1);
    finish_and_exit((int)g_opt.exitcode);
}

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};

static void on_fatal(int sig, siginfo_t *info, void *uctx)
{
    (void)info;
    struct ithread *t = tls_thread;
    if (t)
        t->in_rt = 1;
    rt_done = true;
    if (server_is_child()) {
        server_note_crash(sig, os_context_pc(uctx), t ? t->hb.tid : 0);
        server_child_finish("kind=crash", 128 + sig, false);
    } else {
        deliver(128 + sig);
    }
    os_signal_default(sig);
    raise(sig);
}

static void install_signal_handlers(void)
{
    for (unsigned i = 0; i < ARRAY_LEN(fatal_signals); i++) {
        struct sigaction sa, old;
        mem_set(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_fatal;
        sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_RESETHAND | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        if (os_sigaction(fatal_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
            os_sigaction(fatal_signals[i], &sa, NULL);
    }
}

void rt_init(void)
{
    static bool started;
    if (started)
        return;
    started = true;
    options_parse(getenv("INTERLEAVE_OPTIONS"));
    bool server = str_cmp(g_opt.mode, "server") == 0;
    const struct policy *p = server ? &policy_explore : policy_find(g_opt.policy);
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
    m->last_read = history_last_new();
    m->pth = pthread_self();
    m->os_tid = os_gettid();
    rt_thread_bounds(m);
    sync_thread_init(m);
    sched_init(m, p, g_opt.seed);
    sched_on_deadlock = on_deadlock;
    sched_on_idle = on_idle;
    install_signal_handlers();
    tls_thread = m;
    g_rt_ready = true;
    if (server) {
        if ((int)g_opt.server_in < 0 || (int)g_opt.server_out < 0) {
            static const char msg[] = "interleave: mode=server needs server_in and server_out "
                                      "(use 'interleave explore')\n";
            (void)!os_write(2, msg, sizeof msg - 1);
            _exit(2);
        }
        unsetenv("INTERLEAVE_PAD"); /* the driver's, for main's stack address (forksrv.c) */
        server_run();               /* returns in each forked execution */
        return;
    }
    if (g_opt.watchdog)
        sched_watchdog_start();
}

/* The process is ending while other threads (detached ones, typically) may
 * still have work: natively they would run concurrently with the exit path,
 * so let them run for a bounded while (steps and time) before the verdict,
 * and their accesses are checked against the exit path's. An explored
 * execution is bounded by steps only: its decisions must not depend on time. */
static void drain_others(struct ithread *self)
{
    bool timed = !server_is_child();
    u64 deadline = os_now_ns() + 200000000ull;
    for (int i = 0; i < 256 && (!timed || os_now_ns() < deadline); i++) {
        struct ithread **live;
        u32 n = sched_live(&live), others = 0;
        for (u32 k = 0; k < n; k++)
            others += live[k] != self && live[k]->state == TS_RUNNABLE;
        if (!others)
            return;
        if (g_countdown > 4096)
            g_countdown = 4096; /* and come back soon */
        sched_yield_to_other(self);
    }
}

/* A program started without `interleave run`: hand the findings to the
 * driver's renderer (`interleave report`, found through INTERLEAVE_DRIVER or
 * the build's own path) on a memfd; if it cannot run, say so in one line and
 * print the raw stream, so nothing is lost. */
static void render_standalone(int status)
{
#ifdef ILV_DRIVER_PATH
    const char *driver = getenv("INTERLEAVE_DRIVER");
    if (!driver || !*driver)
        driver = ILV_DRIVER_PATH;
    int fd = memfd_create("interleave-findings", 0);
    if (fd >= 0) {
        g_opt.report_fd = (u64)fd;
        findings_emit(status);
        char path[64];
        struct fmtbuf b = fmt_init(path, sizeof path - 1);
        fmt_str(&b, "/dev/fd/");
        fmt_dec(&b, (u64)fd);
        path[b.len] = 0;
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            char *argv[] = {(char *)driver, "report", "--text", path, NULL};
            execv(driver, argv);
            _exit(127);
        }
        int status = 0;
        if (pid > 0)
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
        if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) != 127)
            return;
        static const char msg[] = "interleave: could not run the report renderer (set "
                                  "INTERLEAVE_DRIVER to the interleave command, or use "
                                  "'interleave run'); the raw findings follow\n";
        (void)!os_write(2, msg, sizeof msg - 1);
        lseek(fd, 0, SEEK_SET);
        char buf[4096];
        ssize_t n;
        while ((n = os_read(fd, buf, sizeof buf)) > 0)
            (void)!os_write(2, buf, (size_t)n);
        return;
    }
#endif
    g_opt.report_fd = 2;
    findings_emit(status);
}

/* Delivers the findings: to the driver's stream when `interleave run` is
 * listening, else rendered for a person on stderr (nothing when none). */
static void deliver(int status)
{
    if (g_opt.report_fd != (u64)-1)
        findings_emit(status);
    else if (findings_count() > 0)
        render_standalone(status);
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
        drain_others(t);
    }
    rt_done = true;
    if (server_is_child()) {
        server_child_finish("kind=end", -1, false); /* the status comes from exit() */
        return;
    }
    /* Other threads stay parked: we keep the baton until the process ends. */
    bool standalone = g_opt.report_fd == (u64)-1; /* deliver() may set report_fd */
    deliver(-1);
    if (standalone && findings_count() > 0)
        finish_and_exit((int)g_opt.exitcode);
}

__attribute__((constructor(101))) static void rt_ctor(void)
{
    rt_init();
}

/* The user's own exits: deliver findings before the process goes. */

EXPORT void _exit(int status)
{
    struct ithread *t = tls_thread;
    if (g_rt_ready && !rt_done && t && !t->in_rt) {
        t->in_rt = 1;
        if (__atomic_load_n(&g_running, __ATOMIC_ACQUIRE) != t)
            sched_wait_baton(t);
        rt_done = true;
        if (server_is_child())
            server_child_finish("kind=end", status, false);
        else
            deliver(status);
    }
    REAL(_exit)(status);
    __builtin_unreachable();
}

EXPORT void _Exit(int status)
{
    _exit(status);
}

/* assert(): keep the message for the verdict of the SIGABRT that follows. */
EXPORT void __assert_fail(const char *assertion, const char *file, unsigned int line,
                          const char *function)
{
    struct ithread *t = tls_thread;
    server_note_assert(assertion, file, line, function, t ? t->hb.tid : 0);
    REAL(__assert_fail)(assertion, file, line, function);
    __builtin_unreachable();
}
