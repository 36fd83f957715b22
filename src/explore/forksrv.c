/* forksrv: fork-server processes and the pool (see forksrv.h). */
#define _GNU_SOURCE
#include "explore/forksrv.h"

#include "driver/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GRACE_MS 3000

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int append(struct forksrv *s, size_t more)
{
    if (s->len + more + 1 <= s->cap)
        return 0;
    size_t c = s->cap ? s->cap : 65536;
    while (c < s->len + more + 1)
        c *= 2;
    char *q = realloc(s->buf, c);
    if (!q)
        return -ENOMEM;
    s->buf = q;
    s->cap = c;
    return 0;
}

/* One read(); 1 bytes read, 0 would block, -EPIPE eof, -errno. */
static int fill(struct forksrv *s)
{
    if (append(s, 65536) < 0)
        return -ENOMEM;
    ssize_t n = read(s->from, s->buf + s->len, s->cap - s->len - 1);
    if (n > 0) {
        s->len += (size_t)n;
        s->buf[s->len] = '\0';
        return 1;
    }
    if (n == 0)
        return -EPIPE;
    if (errno == EAGAIN || errno == EINTR)
        return 0;
    return -errno;
}

static void consume(struct forksrv *s, size_t n)
{
    memmove(s->buf, s->buf + n, s->len - n);
    s->len -= n;
    if (s->buf)
        s->buf[s->len] = '\0';
}

/* Where the server finds its pipes: the same descriptors in every server and in replay,
 * so that the options text, and the descriptors the program opens, are the same too. */
#define SERVER_FD_IN 100
#define SERVER_FD_OUT 101

/* Moves the server's pipe ends to SERVER_FD_IN/OUT (without close-on-exec); false when
 * it cannot (a low descriptor limit): they stay where they are. In the child. */
static bool fixed_fds(int in, int out)
{
    int a = fcntl(in, F_DUPFD, SERVER_FD_OUT + 1), b = fcntl(out, F_DUPFD, SERVER_FD_OUT + 1);
    bool ok = a >= 0 && b >= 0 && dup2(a, SERVER_FD_IN) == SERVER_FD_IN &&
              dup2(b, SERVER_FD_OUT) == SERVER_FD_OUT;
    if (a >= 0)
        close(a);
    if (b >= 0)
        close(b);
    return ok;
}

/* The main thread's stack starts below what execve copies to the top of the stack: the
 * file name, the argument and environment strings and their pointer arrays. So pointers
 * into main's frames moved with the size of the environment, which differs between
 * servers, shells and days. INTERLEAVE_PAD (removed by the runtime before main) brings
 * that size (strings, plus 8 bytes per pointer and for argc and the two NULLs) to 8 bytes
 * short of a multiple of 64 KiB: then Linux puts main's stack at the same address for
 * every environment in that bucket. (The kernel aligns the strings' end and the final
 * stack pointer to 16 separately; a total of 8 mod 16 is the residue at which the
 * parity of the number of pointers does not matter: measured on x86-64, checked by
 * tests/lit/explore/replay_env.c.) In the child. */
#define ENV_BUCKET 65536u

static void pad_environment(const char *file, char *const *argv)
{
    extern char **environ;
    setenv("INTERLEAVE_PAD", "", 1);
    size_t bytes = strlen(file) + 1, items = 3;
    for (char *const *a = argv; *a; a++, items++)
        bytes += strlen(*a) + 1;
    for (char **e = environ; *e; e++, items++)
        bytes += strlen(*e) + 1;
    size_t used = bytes + items * sizeof(char *);
    size_t pad = ((used + 8 + ENV_BUCKET) & ~(size_t)(ENV_BUCKET - 1)) - 8 - used;
    char *v = malloc(pad + 1);
    if (!v)
        return;
    memset(v, 'x', pad);
    v[pad] = '\0';
    setenv("INTERLEAVE_PAD", v, 1);
}

static void reap(struct forksrv *s, bool kill_it)
{
    if (s->pid <= 0)
        return;
    if (kill_it)
        kill(s->pid, SIGKILL);
    waitpid(s->pid, NULL, 0);
    s->pid = 0;
}

static void close_fds(struct forksrv *s)
{
    if (s->to >= 0)
        close(s->to);
    if (s->from >= 0)
        close(s->from);
    s->to = s->from = -1;
}

/* One execution runs one thread at a time: on one processor its hand-offs are
 * wake-ups on the same run queue instead of wake-ups of another processor, and the
 * server's pages stay in one cache (rr binds its recordings to one processor too). */
static void pin(int cpu)
{
    cpu_set_t allowed;
    if (cpu < 0 || sched_getaffinity(0, sizeof allowed, &allowed) != 0)
        return;
    int n = CPU_COUNT(&allowed);
    if (n <= 1)
        return;
    for (int i = 0, k = 0; i < CPU_SETSIZE; i++) {
        if (!CPU_ISSET(i, &allowed) || k++ != cpu % n)
            continue;
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(i, &one);
        sched_setaffinity(0, sizeof one, &one);
        return;
    }
}

/* Whether the program file (resolved) holds a fork server: the runtime's greeting is in
 * it. 1 yes, 0 no, -1 the file cannot be read (exec will say why). */
static int has_server(const char *file)
{
    static const char marker[] = "hello version=1 pid=";
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return -1;
    int found = memmem(m, (size_t)st.st_size, marker, sizeof marker - 1) != NULL;
    munmap(m, (size_t)st.st_size);
    return found;
}

static int start(struct forksrv *s, const struct forksrv_cfg *c, const char *file, int server,
                 bool bind_now, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->to = s->from = -1;
    if (server == 0) {
        snprintf(err, errlen,
                 "%s was not built with 'interleave cc' (it has no interleave runtime): rebuild it "
                 "with 'interleave cc'",
                 c->argv[0]);
        return -ENOEXEC;
    }
    int req[2], res[2];
    if (pipe2(req, O_CLOEXEC) < 0) {
        snprintf(err, errlen, "cannot create a pipe: %s", strerror(errno));
        return -errno;
    }
    if (pipe2(res, O_CLOEXEC) < 0) {
        int e = errno;
        close(req[0]);
        close(req[1]);
        snprintf(err, errlen, "cannot create a pipe: %s", strerror(e));
        return -e;
    }
    char *opts = NULL;
    const char *user = getenv("INTERLEAVE_OPTIONS");
    if (asprintf(&opts, "%s%s%s%smode=server server_in=%05d server_out=%05d", user ? user : "",
                 user && *user ? " " : "", c->options ? c->options : "",
                 c->options && *c->options ? " " : "", SERVER_FD_IN, SERVER_FD_OUT) < 0) {
        snprintf(err, errlen, "out of memory");
        return -ENOMEM;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        free(opts);
        snprintf(err, errlen, "cannot fork: %s", strerror(e));
        return -e;
    }
    if (pid == 0) {
        /* our ends are CLOEXEC; the server's ends must survive exec */
        if (!fixed_fds(req[0], res[1])) {
            fcntl(req[0], F_SETFD, 0);
            fcntl(res[1], F_SETFD, 0);
            char *o = strstr(opts, "mode=server server_in="); /* as long: zero-padded */
            snprintf(o, strlen(o) + 1, "mode=server server_in=%05d server_out=%05d", req[0],
                     res[1]);
        }
        setenv("INTERLEAVE_OPTIONS", opts, 1);
        if (!c->show_output) {
            int dn = open("/dev/null", O_RDWR);
            if (dn >= 0) {
                dup2(dn, 0);
                dup2(dn, 1);
                if (!getenv("INTERLEAVE_EXPLORE_DEBUG"))
                    dup2(dn, 2);
                if (dn > 2)
                    close(dn);
            }
        } else {
            int dn = open("/dev/null", O_RDONLY);
            if (dn >= 0) {
                dup2(dn, 0);
                if (dn > 2)
                    close(dn);
            }
        }
        signal(SIGPIPE, SIG_DFL);
        pin(c->cpu);
        /* every symbol bound once in the server rather than lazily in each execution;
         * the runtime takes the variable out of the program's environment again */
        if (bind_now && !getenv("LD_BIND_NOW") && setenv("LD_BIND_NOW", "1", 1) == 0)
            setenv("INTERLEAVE_UNSET_BIND_NOW", "1", 1);
        /* the same addresses in every server and in replay: pointer values in diagrams
         * and heap locations in reports do not depend on which process ran them */
        int pers = personality(0xffffffff);
        if (pers != -1)
            personality((unsigned long)pers | ADDR_NO_RANDOMIZE);
        pad_environment(file, c->argv);
        execv(file, c->argv);
        _exit(127);
    }
    free(opts);
    close(req[0]);
    close(res[1]);
    s->pid = pid;
    s->to = req[1];
    s->from = res[0];
    fcntl(s->from, F_SETFL, O_NONBLOCK);

    /* a program with the runtime gets long to start on a busy machine */
    int hello_ms = c->hello_ms > 0 ? c->hello_ms : server == 1 ? 60000 : 5000;
    uint64_t deadline = now_ns() + (uint64_t)hello_ms * 1000000u;
    for (;;) {
        char *nl = s->buf ? memchr(s->buf, '\n', s->len) : NULL;
        if (nl) {
            *nl = '\0';
            unsigned version = 0;
            uint64_t spid = 0, instrumented = 1;
            int got = sscanf(s->buf, "hello version=%u pid=%" SCNu64 " instrumented=%" SCNu64,
                             &version, &spid, &instrumented);
            if (got < 1) {
                snprintf(err, errlen, "%s: unexpected first line from the fork server: '%.60s'",
                         c->argv[0], s->buf);
                forksrv_stop(s);
                return -EPROTO;
            }
            if (version != 1) {
                snprintf(err, errlen,
                         "%s speaks fork-server protocol version %u, this driver version 1 "
                         "(rebuild it with this interleave cc)",
                         c->argv[0], version);
                forksrv_stop(s);
                return -EPROTONOSUPPORT;
            }
            if (got == 3 && instrumented == 0) {
                snprintf(err, errlen,
                         "%s contains no instrumented code (none of it was compiled with "
                         "-fsanitize=thread), so no race can be seen: rebuild it with "
                         "'interleave cc'",
                         c->argv[0]);
                forksrv_stop(s);
                return -ENOEXEC;
            }
            s->server_pid = spid;
            consume(s, (size_t)(nl - s->buf) + 1);
            return 0;
        }
        uint64_t t = now_ns();
        if (t >= deadline)
            break;
        struct pollfd pfd = {s->from, POLLIN, 0};
        int to = (int)((deadline - t) / 1000000u) + 1;
        int r = poll(&pfd, 1, to);
        if (r < 0 && errno != EINTR)
            break;
        if (r > 0) {
            int f = fill(s);
            if (f < 0) {
                int status = 0;
                waitpid(s->pid, &status, 0);
                s->pid = 0;
                close_fds(s);
                if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
                    /* exec failed, or the loader did (a symbol it cannot bind) */
                    snprintf(err, errlen, "cannot execute '%s'", c->argv[0]);
                    return bind_now && server == 1 ? -EPIPE : -ENOEXEC;
                }
                if (server == 1)
                    snprintf(err, errlen, "%s ended before its fork server started (%s %d)",
                             c->argv[0], WIFSIGNALED(status) ? "signal" : "exit status",
                             WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
                else
                    snprintf(err, errlen,
                             "%s exited without starting a fork server; was it built with "
                             "'interleave cc'?",
                             c->argv[0]);
                return -EPIPE;
            }
        }
    }
    if (server == 1)
        snprintf(err, errlen,
                 "%s did not start its fork server within %d ms: is the machine overloaded?",
                 c->argv[0], hello_ms);
    else
        snprintf(err, errlen,
                 "%s did not start a fork server within %d ms; was it built with 'interleave cc'?",
                 c->argv[0], hello_ms);
    reap(s, true);
    close_fds(s);
    return -ENOEXEC;
}

int forksrv_start(struct forksrv *s, const struct forksrv_cfg *c, char *err, size_t errlen)
{
    char file[4096];
    if (paths_find_program(c->argv[0], file, sizeof file) < 0)
        snprintf(file, sizeof file, "%s", c->argv[0]); /* exec will say why */
    int server = has_server(file);
    int rc = start(s, c, file, server, true, err, errlen);
    /* binding every symbol at start-up fails on a program that refers to one its
     * libraries lack (and never calls it): then lazily, as the program runs natively */
    if (rc == -EPIPE)
        rc = start(s, c, file, server, false, err, errlen);
    return rc == -EPIPE ? -ENOEXEC : rc;
}

int forksrv_send(struct forksrv *s, const struct xreq *r)
{
    char *line;
    size_t len;
    if (xreq_format(r, &line, &len) < 0)
        return -ENOMEM;
    size_t off = 0;
    int rc = 0;
    while (off < len) {
        ssize_t n = write(s->to, line + off, len - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -errno;
            break;
        }
        off += (size_t)n;
    }
    free(line);
    if (rc < 0)
        return rc;
    xreq_clear(&s->req);
    if (xreq_copy(&s->req, r) < 0)
        return -ENOMEM;
    s->busy = true;
    uint32_t t = r->timeout_ms ? r->timeout_ms : 10000;
    s->deadline_ns = now_ns() + ((uint64_t)t + GRACE_MS) * 1000000u;
    return 0;
}

int forksrv_read(struct forksrv *s, char **payload, size_t *len)
{
    for (;;) {
        /* a complete result in the buffer? */
        char *nl = s->buf ? memchr(s->buf, '\n', s->len) : NULL;
        if (nl) {
            /* the header alone: sscanf on the buffer would take the length of all
             * that has arrived, at every read of a long result */
            char head[96];
            size_t n = (size_t)(nl - s->buf) < sizeof head - 1 ? (size_t)(nl - s->buf)
                                                                : sizeof head - 1;
            memcpy(head, s->buf, n);
            head[n] = '\0';
            uint64_t id, bytes;
            if (sscanf(head, "result id=%" SCNu64 " bytes=%" SCNu64, &id, &bytes) != 2)
                return -EBADMSG;
            size_t hl = (size_t)(nl - s->buf) + 1;
            if (s->len >= hl + bytes) {
                char *p = malloc(bytes + 1);
                if (!p)
                    return -ENOMEM;
                memcpy(p, s->buf + hl, bytes);
                p[bytes] = '\0';
                consume(s, hl + bytes);
                if (id != s->req.id) {
                    free(p);
                    continue; /* a stale answer (should not happen): skip it */
                }
                *payload = p;
                *len = bytes;
                return 1;
            }
        }
        int f = fill(s);
        if (f <= 0)
            return f;
    }
}

void forksrv_stop(struct forksrv *s)
{
    if (s->to >= 0) {
        ssize_t w = write(s->to, "quit\n", 5);
        (void)w;
    }
    close_fds(s);
    if (s->pid > 0) {
        for (int i = 0; i < 50; i++) {
            if (waitpid(s->pid, NULL, WNOHANG) == s->pid) {
                s->pid = 0;
                break;
            }
            struct timespec ts = {0, 2000000};
            nanosleep(&ts, NULL);
        }
        reap(s, true);
    }
    free(s->buf);
    s->buf = NULL;
    s->len = s->cap = 0;
    xreq_clear(&s->req);
    s->busy = false;
}

/* ---- the pool ------------------------------------------------------------------------------ */

struct xpool {
    struct forksrv_cfg cfg;
    struct forksrv *srv;
    int n;
    uint64_t restarts;
    int next; /* round-robin start for fairness of collect */
};

int xpool_open(const struct forksrv_cfg *c, int n, struct xpool **out, char *err, size_t errlen)
{
    struct xpool *p = calloc(1, sizeof *p);
    if (!p)
        return -ENOMEM;
    p->cfg = *c;
    p->n = n;
    p->srv = calloc((size_t)n, sizeof *p->srv);
    if (!p->srv) {
        free(p);
        return -ENOMEM;
    }
    signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < n; i++) {
        struct forksrv_cfg ci = *c;
        ci.cpu = c->cpu < 0 ? -1 : c->cpu + i;
        int rc = forksrv_start(&p->srv[i], &ci, err, errlen);
        if (rc < 0) {
            for (int k = 0; k < i; k++)
                forksrv_stop(&p->srv[k]);
            free(p->srv);
            free(p);
            return rc;
        }
    }
    *out = p;
    return 0;
}

void xpool_close(struct xpool *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n; i++)
        forksrv_stop(&p->srv[i]);
    free(p->srv);
    free(p);
}

int xpool_idle(const struct xpool *p)
{
    int k = 0;
    for (int i = 0; i < p->n; i++)
        k += !p->srv[i].busy;
    return k;
}

int xpool_size(const struct xpool *p)
{
    return p->n;
}

uint64_t xpool_restarts(const struct xpool *p)
{
    return p->restarts;
}

static int restart(struct xpool *p, struct forksrv *s, char *err, size_t errlen)
{
    struct xreq keep = s->req;
    int retries = s->retries;
    s->req.prefix = NULL;
    s->req.nprefix = 0;
    close_fds(s);
    reap(s, true);
    free(s->buf);
    s->buf = NULL;
    s->len = s->cap = 0;
    p->restarts++;
    struct forksrv_cfg ci = p->cfg;
    ci.cpu = p->cfg.cpu < 0 ? -1 : p->cfg.cpu + (int)(s - p->srv);
    int rc = forksrv_start(s, &ci, err, errlen);
    s->req = keep; /* forksrv_start zeroed it; the caller decides what to do with it */
    s->retries = retries;
    return rc;
}

int xpool_submit(struct xpool *p, const struct xreq *r)
{
    for (int i = 0; i < p->n; i++) {
        struct forksrv *s = &p->srv[i];
        if (s->busy)
            continue;
        int rc = forksrv_send(s, r);
        if (rc == -EPIPE) {
            char err[256];
            if (restart(p, s, err, sizeof err) < 0)
                return -EPIPE;
            xreq_clear(&s->req);
            rc = forksrv_send(s, r);
        }
        if (rc == 0)
            s->retries = 0;
        return rc;
    }
    return -EBUSY;
}

static void synth(struct xtrace *t, enum xverdict_kind k)
{
    memset(t, 0, sizeof *t);
    t->verdict.kind = k;
    snprintf(t->verdict.wire, sizeof t->verdict.wire, "%s", xverdict_name(k));
}

/* Hands the finished request of s to the caller. */
static void finish(struct forksrv *s, struct xreq *req)
{
    *req = s->req;
    memset(&s->req, 0, sizeof s->req);
    s->busy = false;
}

int xpool_collect(struct xpool *p, int timeout_ms, struct xreq *req, struct xtrace *t, char *err,
                  size_t errlen)
{
    uint64_t until = now_ns() + (uint64_t)(timeout_ms < 0 ? 0 : timeout_ms) * 1000000u;
    struct pollfd *pfd = calloc((size_t)p->n, sizeof *pfd);
    int *map = calloc((size_t)p->n, sizeof *map);
    int rc = 0;
    if (!pfd || !map) {
        rc = -ENOMEM;
        goto out;
    }
    for (;;) {
        /* results already buffered, deadlines passed */
        uint64_t t0 = now_ns();
        uint64_t wake = until;
        int np = 0;
        for (int k = 0; k < p->n; k++) {
            int i = (p->next + k) % p->n;
            struct forksrv *s = &p->srv[i];
            if (!s->busy)
                continue;
            if (t0 >= s->deadline_ns) {
                /* the server did not answer within timeout + grace: kill it */
                p->next = (i + 1) % p->n;
                finish(s, req);
                synth(t, XV_TIMEOUT);
                if (restart(p, s, err, errlen) < 0) {
                    rc = -ECHILD;
                    goto out;
                }
                xreq_clear(&s->req);
                rc = 1;
                goto out;
            }
            if (s->deadline_ns < wake)
                wake = s->deadline_ns;
            pfd[np] = (struct pollfd){s->from, POLLIN, 0};
            map[np++] = i;
        }
        if (np == 0)
            goto out;
        int ms = wake > t0 ? (int)((wake - t0 + 999999) / 1000000u) : 0;
        int r = poll(pfd, (nfds_t)np, ms);
        if (r < 0 && errno != EINTR) {
            rc = -errno;
            goto out;
        }
        for (int k = 0; r > 0 && k < np; k++) {
            if (!pfd[k].revents)
                continue;
            struct forksrv *s = &p->srv[map[k]];
            char *payload;
            size_t len;
            int f = forksrv_read(s, &payload, &len);
            if (f == 1) {
                p->next = (map[k] + 1) % p->n;
                finish(s, req);
                char perr[128];
                int prc = xtrace_parse(payload, len, t, perr, sizeof perr);
                free(payload);
                if (prc == -ENOMEM) {
                    rc = -ENOMEM;
                    goto out;
                }
                if (prc < 0) {
                    xtrace_free(t);
                    synth(t, XV_OTHER);
                    snprintf(t->verdict.wire, sizeof t->verdict.wire, "malformed");
                }
                rc = 1;
                goto out;
            }
            if (f < 0) {
                /* the server died (or spoke nonsense): restart it, resend once */
                struct xreq again;
                int retries = s->retries;
                finish(s, &again);
                if (restart(p, s, err, errlen) < 0) {
                    xreq_clear(&again);
                    rc = -ECHILD;
                    goto out;
                }
                xreq_clear(&s->req);
                if (retries < 1 && forksrv_send(s, &again) == 0) {
                    s->retries = retries + 1;
                    xreq_clear(&again);
                    continue;
                }
                *req = again;
                synth(t, XV_OTHER);
                snprintf(t->verdict.wire, sizeof t->verdict.wire, "lost");
                rc = 1;
                goto out;
            }
        }
        if (now_ns() >= until)
            goto out;
    }
out:
    free(pfd);
    free(map);
    return rc;
}
