#define _GNU_SOURCE
#include "rt/server.h"

#include "base/fmt.h"
#include "base/mem.h"
#include "os/os.h"
#include "rt/findings.h"
#include "rt/forkshare.h"
#include "rt/icpt/real.h"
#include "rt/options.h"
#include "rt/rt.h"
#include "sched/policy.h"
#include "sched/steps.h"
#include "sched/thread.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static bool is_child;
static int result_fd = -1;

bool server_is_child(void)
{
    return is_child;
}

/* ---- the child's report ------------------------------------------------ */

static char assert_note[1024];
static char crash_note[256];

/* A value without spaces: percent-encodes space, '=', '%' and control bytes. */
static void word(struct fmtbuf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= ' ' || c == '=' || c == '%' || c >= 0x7f) {
            fmt_char(b, '%');
            fmt_char(b, "0123456789ABCDEF"[c >> 4]);
            fmt_char(b, "0123456789ABCDEF"[c & 15]);
        } else {
            fmt_char(b, (char)c);
        }
    }
}

void server_note_assert(const char *msg, const char *file, unsigned line, const char *func,
                        tid_t tid)
{
    struct fmtbuf b = fmt_init(assert_note, sizeof assert_note - 1);
    fmt_str(&b, "kind=assert msg=");
    word(&b, msg ? msg : "?");
    fmt_str(&b, " file=");
    word(&b, file ? file : "?");
    fmt_str(&b, " line=");
    fmt_dec(&b, line);
    fmt_str(&b, " func=");
    word(&b, func ? func : "?");
    fmt_str(&b, " tid=");
    fmt_dec(&b, tid);
    assert_note[b.len] = 0;
}

void server_note_crash(int sig, uptr pc, tid_t tid)
{
    struct fmtbuf b = fmt_init(crash_note, sizeof crash_note - 1);
    if (sig == SIGABRT && assert_note[0]) { /* the assert's own verdict stands */
        crash_note[0] = 0;
        return;
    }
    fmt_str(&b, "kind=crash signal=");
    fmt_dec(&b, (u64)sig);
    fmt_str(&b, " tid=");
    fmt_dec(&b, tid);
    fmt_str(&b, " pc=");
    fmt_hex(&b, pc);
    crash_note[b.len] = 0;
}

void server_child_finish(const char *verdict, int status, bool exit_now)
{
    char mem[2048];
    struct fmtbuf b = fmt_init(mem, sizeof mem);
    fmt_str(&b, "verdict ");
    if (assert_note[0] && verdict && str_ncmp(verdict, "kind=crash", 10) == 0)
        fmt_str(&b, assert_note);
    else if (crash_note[0] && verdict && str_ncmp(verdict, "kind=crash", 10) == 0)
        fmt_str(&b, crash_note);
    else
        fmt_str(&b, verdict ? verdict : "kind=end");
    fmt_char(&b, '\n');
    fmt_flush(&b, result_fd);
    steps_emit(result_fd);
    g_opt.report_fd = (u64)result_fd;
    findings_emit(status);
    if (exit_now)
        os_syscall(SYS_exit_group, 0);
}

static void stop(const char *kind, u64 step)
{
    char v[128];
    struct fmtbuf b = fmt_init(v, sizeof v - 1);
    fmt_str(&b, "kind=");
    fmt_str(&b, kind);
    fmt_str(&b, str_cmp(kind, "steplimit") == 0 ? " steps=" : " step=");
    fmt_dec(&b, step);
    v[b.len] = 0;
    server_child_finish(v, -1, true);
    __builtin_unreachable();
}

/* ---- the server -------------------------------------------------------- */

#define LINE_RESERVE ((size_t)1 << 30)

static int in_fd, out_fd;
static char *line;
static size_t line_cap, line_len, buf_len;

static void put(const char *s, size_t n)
{
    while (n) {
        ssize_t w = os_write(out_fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            os_exit(3); /* the driver is gone */
        s += w;
        n -= (size_t)w;
    }
}

/* The request line buffer is one reservation made before the first fork, made
 * readable as it grows: a buffer that moved or grew with the requests would shift the
 * thread stacks and mmapped blocks of the executions forked after it, and pointer
 * values would differ between explore and replay. */
static void line_reserve(void)
{
    void *p =
        mmap(NULL, LINE_RESERVE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        os_exit(3);
    line = p;
}

/* Reads one request line (any length) into `line`; false at end of input. */
static bool read_line(void)
{
    if (line_len) { /* drop the previous line */
        mem_move(line, line + line_len, buf_len - line_len);
        buf_len -= line_len;
        line_len = 0;
    }
    for (;;) {
        char *nl = mem_chr(line, '\n', buf_len);
        if (nl) {
            *nl = 0;
            line_len = (size_t)(nl - line) + 1;
            return true;
        }
        if (buf_len + 4096 > line_cap) { /* grows in place: see line_reserve */
            size_t ncap = line_cap ? line_cap * 2 : 1 << 16;
            if (ncap > LINE_RESERVE || mprotect(line, ncap, PROT_READ | PROT_WRITE) != 0)
                os_exit(3); /* a request line of a GiB */
            line_cap = ncap;
        }
        ssize_t r = os_read(in_fd, line + buf_len, line_cap - buf_len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        buf_len += (size_t)r;
    }
}

static const char *field(const char *key)
{
    size_t k = str_len(key);
    for (const char *p = line; (p = str_str(p, key)); p += k)
        if ((p == line || p[-1] == ' ') && p[k] == '=')
            return p + k + 1;
    return NULL;
}

static u64 num(const char *key, u64 def)
{
    const char *v = field(key);
    if (!v)
        return def;
    u64 x = 0;
    while (*v >= '0' && *v <= '9')
        x = x * 10 + (u64)(*v++ - '0');
    return x;
}

/* Waits for the child at most timeout_ms; kills it after that. */
static int wait_child(pid_t pid, u64 timeout_ms, bool *timed_out)
{
    int status = 0;
    *timed_out = false;
    int pfd = (int)os_syscall(SYS_pidfd_open, pid, 0);
    if (pfd >= 0) {
        struct pollfd p = {.fd = pfd, .events = POLLIN};
        int r;
        do
            r = os_poll(&p, 1, timeout_ms ? (int)timeout_ms : -1);
        while (r < 0 && errno == EINTR);
        if (r == 0) {
            kill(pid, SIGKILL);
            *timed_out = true;
        }
        os_close(pfd);
    } else {
        u64 waited = 0;
        while (waitpid(pid, &status, WNOHANG) == 0) {
            if (timeout_ms && waited >= timeout_ms) {
                kill(pid, SIGKILL);
                *timed_out = true;
                break;
            }
            os_sleep_ns(1000000);
            waited++;
        }
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

static void reply(u64 id, int mfd, int status, bool timed_out)
{
    off_t size = lseek(mfd, 0, SEEK_END);
    char *data = size > 0 ? mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, mfd, 0) : NULL;
    if (data == MAP_FAILED)
        data = NULL, size = 0;
    /* the verdict of a child that ended by itself is completed from its status */
    char head[256];
    struct fmtbuf b = fmt_init(head, sizeof head);
    size_t skip = 0;
    bool ended = size >= 16 && mem_cmp(data, "verdict kind=end", 16) == 0;
    if (ended || size <= 0) {
        if (ended) {
            char *nl = mem_chr(data, '\n', (size_t)size);
            skip = nl ? (size_t)(nl - data) + 1 : (size_t)size;
        }
        fmt_str(&b, "verdict ");
        if (timed_out) {
            fmt_str(&b, "kind=timeout");
        } else if (WIFSIGNALED(status)) {
            fmt_str(&b, "kind=crash signal=");
            fmt_dec(&b, (u64)WTERMSIG(status));
        } else if (WEXITSTATUS(status) == 0) {
            fmt_str(&b, "kind=ok");
        } else {
            fmt_str(&b, "kind=exit status=");
            fmt_dec(&b, (u64)WEXITSTATUS(status));
        }
        fmt_char(&b, '\n');
    }
    char rh[64];
    struct fmtbuf r = fmt_init(rh, sizeof rh);
    fmt_str(&r, "result id=");
    fmt_dec(&r, id);
    fmt_str(&r, " bytes=");
    fmt_dec(&r, b.len + (u64)size - skip);
    fmt_char(&r, '\n');
    put(rh, r.len);
    put(head, b.len);
    if (size > 0)
        put(data + skip, (size_t)size - skip);
    if (data)
        munmap(data, (size_t)size);
}

void server_run(void)
{
    /* The server loop is runtime code: our own interposers (memchr, strstr,
     * malloc...) must pass through, as for any call from inside the runtime. */
    struct ithread *self = tls_thread;
    self->in_rt = 1;
    in_fd = (int)g_opt.server_in;
    out_fd = (int)g_opt.server_out;
    os_signal_ignore(SIGPIPE);
    /* one malloc arena: each execution's threads would otherwise create and
     * trim arenas of their own, which costs more than the execution */
    mallopt(M_ARENA_MAX, 1);
    if (getenv("INTERLEAVE_UNSET_BIND_NOW")) { /* the driver's, not the program's */
        unsetenv("LD_BIND_NOW");
        unsetenv("INTERLEAVE_UNSET_BIND_NOW");
    }
    /* an execution that crashes or fails an assertion writes no core dump (nor
     * wakes the system's crash reporter, which honours the limit): its verdict
     * says where, and thousands of them would fill the disk */
    struct rlimit nocore = {0, 0};
    setrlimit(RLIMIT_CORE, &nocore);
    /* what every child would otherwise redo: */
    real_resolve_all();
    forkshare_code();
    (void)findings_exe_path();
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    line_reserve();
    char hello[64];
    struct fmtbuf h = fmt_init(hello, sizeof hello);
    fmt_str(&h, "hello version=1 pid=");
    fmt_dec(&h, (u64)getpid());
    /* the modules whose instrumentation has started the runtime so far: 0 means that
     * no code of the program is instrumented (its constructors have run before ours) */
    fmt_str(&h, " instrumented=");
    fmt_dec(&h, __atomic_load_n(&g_tsan_inits, __ATOMIC_RELAXED));
    fmt_char(&h, '\n');
    put(hello, h.len);
    while (read_line()) {
        if (str_ncmp(line, "quit", 4) == 0)
            break;
        if (str_ncmp(line, "exec ", 5) != 0)
            continue;
        u64 id = num("id", 0);
        int mfd = memfd_create("interleave-result", 0);
        if (mfd < 0)
            os_exit(3);
        pid_t pid = fork();
        if (pid == 0) {
            is_child = true;
            result_fd = mfd;
            os_close(in_fd);
            os_close(out_fd);
            if (devnull >= 0) {
                os_dup2(devnull, 0);
                if (!g_opt.server_output) {
                    os_dup2(devnull, 1);
                    os_dup2(devnull, 2);
                }
                os_close(devnull);
            }
            struct explore_cfg cfg = {0};
            const char *pol = field("policy");
            cfg.fallback = !pol                              ? FALLBACK_FIRST
                           : str_ncmp(pol, "random", 6) == 0 ? FALLBACK_RANDOM
                           : str_ncmp(pol, "pct", 3) == 0    ? FALLBACK_PCT
                                                             : FALLBACK_FIRST;
            cfg.seed = num("seed", 1);
            cfg.max_steps = num("steps", 0);
            cfg.pct_depth = (u32)num("depth", 3);
            cfg.pct_length = num("length", 1000);
            cfg.prefix = field("prefix"); /* read in place: the child maps nothing for it */
            policy_explore_stop = stop;
            g_opt.policy = "explore";
            policy_explore_configure(&cfg);
            self->in_rt = 0;
            return; /* the child runs the program */
        }
        if (pid < 0)
            os_exit(3);
        bool timed_out;
        int status = wait_child(pid, num("timeout_ms", 10000), &timed_out);
        reply(id, mfd, status, timed_out);
        os_close(mfd);
    }
    os_syscall(SYS_exit_group, 0); /* quietly: the server itself found nothing */
}
