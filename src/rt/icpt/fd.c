/* File-descriptor calls, translated to the fd model (rt/fd.h): creation,
 * duplication and close keep the descriptor keys; write-like calls release
 * the key before the real call (and wake the threads waiting on
 * descriptors), read-like calls wait in the model while nothing can be read,
 * then acquire after a successful real call. The buffers are range accesses
 * as for memcpy: a write reads its buffer, a read writes the bytes it got.
 *
 * The real call itself runs outside the runtime, as any call we do not
 * model: when it blocks anyway (a terminal, a descriptor of another process
 * that the model cannot see), the watchdog lets the other threads run. */
#define _GNU_SOURCE
#include "rt/fd.h"
#include "rt/icpt/range.h"
#include "rt/icpt/real.h"
#include "rt/rt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* A use of the descriptor itself (a read of its state, for races with close),
 * and its end (close, or dup2 onto it: a write). */
static void use(struct ithread *t, int fd, uptr pc)
{
    void *st = fd_state(fd);
    if (st)
        range_read(t, st, 1, pc);
}

static void use_ends(struct ithread *t, int fd, uptr pc)
{
    void *st = fd_state(fd);
    if (st)
        range_write(t, st, 1, pc);
}

/* Before a write-like call on fd: a scheduling point, the release, the
 * buffer's bytes read, and a wait while fd cannot take data. */
static void before_write(struct ithread *t, int fd, const void *buf, size_t n, bool nonblock,
                         uptr pc)
{
    sched_point_ev(t, OP_SYNC, fd_key(fd));
    use(t, fd, pc);
    range_read(t, buf, n, pc);
    fd_wait(t, fd, POLLOUT, nonblock);
    fd_release(t, fd);
}

/* After it: the reader on the other end may go on. */
static void after_write(void)
{
    int e = errno;
    struct ithread *t = rt_enter();
    if (t) {
        fd_changed();
        rt_leave(t);
    }
    errno = e;
}

static void before_read(struct ithread *t, int fd, bool nonblock, uptr pc)
{
    sched_point_ev(t, OP_SYNC, fd_key(fd));
    use(t, fd, pc);
    fd_wait(t, fd, POLLIN, nonblock);
}

/* After a read-like call that returned r: acquire, and the bytes it wrote. */
static void after_read(int fd, long r, void *buf, uptr pc)
{
    if (r < 0)
        return;
    int e = errno;
    struct ithread *t = rt_enter();
    if (t) {
        fd_acquire(t, fd);
        if (buf)
            range_write(t, buf, (size_t)r, pc);
        fd_changed(); /* room in a pipe for a blocked writer */
        rt_leave(t);
    }
    errno = e;
}

static size_t iov_bytes(const struct iovec *iov, int n)
{
    size_t s = 0;
    for (int i = 0; iov && i < n; i++)
        s += iov[i].iov_len;
    return s;
}

/* The buffers of iov, read (a write-like call) or written up to `done` bytes. */
static void iov_ranges(struct ithread *t, const struct iovec *iov, int n, size_t done, bool write,
                       uptr pc)
{
    for (int i = 0; iov && i < n && done; i++) {
        size_t k = iov[i].iov_len < done ? iov[i].iov_len : done;
        if (write)
            range_write(t, iov[i].iov_base, k, pc);
        else
            range_read(t, iov[i].iov_base, k, pc);
        done -= k;
    }
}

/* --- Writing ---------------------------------------------------------------------------- */

/* One attempt that cannot block: the descriptor's file description is made
 * non-blocking for the call (flags: MSG_DONTWAIT for send and sendto). */
enum wop { W_WRITE, W_SEND, W_SENDTO };
struct wargs {
    enum wop op;
    int flags;
    const struct sockaddr *to;
    socklen_t tolen;
};

static ssize_t write_once(int fd, const char *p, size_t n, const struct wargs *a)
{
    if (a->op == W_SEND)
        return REAL(send)(fd, p, n, a->flags | MSG_DONTWAIT);
    if (a->op == W_SENDTO)
        return REAL(sendto)(fd, p, n, a->flags | MSG_DONTWAIT, a->to, a->tolen);
    long fl = os_syscall(SYS_fcntl, fd, F_GETFL);
    if (fl < 0)
        return REAL(write)(fd, p, n);
    os_syscall(SYS_fcntl, fd, F_SETFL, fl | O_NONBLOCK);
    ssize_t r = REAL(write)(fd, p, n);
    int e = errno;
    os_syscall(SYS_fcntl, fd, F_SETFL, fl);
    errno = e;
    return r;
}

/* A blocking write of n bytes to a descriptor of the model: non-blocking
 * attempts, waiting in the model while it is full (its reader runs then and
 * makes room), until all is written, as the blocking call would; a short
 * count or -1 only on an error. A descriptor that stays full although poll
 * says it is not falls back to the real blocking call. */
static ssize_t write_all(struct ithread *t, int fd, const void *buf, size_t n,
                         const struct wargs *a)
{
    const char *p = buf;
    size_t done = 0;
    for (int again = 0;;) {
        fd_wait(t, fd, POLLOUT, false);
        ssize_t k = write_once(fd, p + done, n - done, a);
        if (k >= 0) {
            done += (size_t)k;
            fd_changed();
            if (done == n)
                return (ssize_t)n;
            continue;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return done ? (ssize_t)done : -1;
        if (++again == 1000) {
            k = a->op == W_WRITE  ? REAL(write)(fd, p + done, n - done)
                : a->op == W_SEND ? REAL(send)(fd, p + done, n - done, a->flags)
                                  : REAL(sendto)(fd, p + done, n - done, a->flags, a->to, a->tolen);
            return k < 0 ? (done ? (ssize_t)done : -1) : (ssize_t)(done + (size_t)k);
        }
        os_yield();
    }
}

/* write, send and sendto on a descriptor of the model. */
static ssize_t write_model(struct ithread *t, int fd, const void *buf, size_t n,
                           const struct wargs *a, uptr pc)
{
    int e = errno;
    sched_point_ev(t, OP_SYNC, fd_key(fd));
    use(t, fd, pc);
    range_read(t, buf, n, pc);
    fd_release(t, fd);
    errno = e;
    ssize_t r = write_all(t, fd, buf, n, a);
    e = errno;
    rt_leave(t);
    errno = e;
    return r;
}

#define WRITE_LIKE(f, args, fd, buf, len, nonblock)                                                \
    do {                                                                                           \
        struct ithread *t_ = rt_enter();                                                           \
        if (!t_)                                                                                   \
            return REAL(f) args;                                                                   \
        int e_ = errno;                                                                            \
        before_write(t_, fd, buf, len, nonblock, OS_CALLER_PC());                                  \
        rt_leave(t_);                                                                              \
        errno = e_;                                                                                \
        ssize_t r_ = REAL(f) args;                                                                 \
        after_write();                                                                             \
        return r_;                                                                                 \
    } while (0)

EXPORT ssize_t write(int fd, const void *buf, size_t n)
{
    struct ithread *t = rt_enter();
    if (t && fd_modelled(fd))
        return write_model(t, fd, buf, n, &(struct wargs){W_WRITE, 0, NULL, 0}, OS_CALLER_PC());
    if (t)
        rt_leave(t);
    WRITE_LIKE(write, (fd, buf, n), fd, buf, n, false);
}

EXPORT ssize_t send(int fd, const void *buf, size_t n, int flags)
{
    struct ithread *t = rt_enter();
    if (t && !(flags & MSG_DONTWAIT) && fd_modelled(fd))
        return write_model(t, fd, buf, n, &(struct wargs){W_SEND, flags, NULL, 0}, OS_CALLER_PC());
    if (t)
        rt_leave(t);
    WRITE_LIKE(send, (fd, buf, n, flags), fd, buf, n, flags & MSG_DONTWAIT);
}

EXPORT ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *to,
                      socklen_t tolen)
{
    struct ithread *t = rt_enter();
    if (t && !(flags & MSG_DONTWAIT) && fd_modelled(fd))
        return write_model(t, fd, buf, n, &(struct wargs){W_SENDTO, flags, to, tolen},
                           OS_CALLER_PC());
    if (t)
        rt_leave(t);
    WRITE_LIKE(sendto, (fd, buf, n, flags, to, tolen), fd, buf, n, flags & MSG_DONTWAIT);
}

EXPORT ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    WRITE_LIKE(pwrite, (fd, buf, n, off), fd, buf, n, true);
}

EXPORT ssize_t writev(int fd, const struct iovec *iov, int n)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(writev)(fd, iov, n);
    int e = errno;
    before_write(t, fd, NULL, 0, false, OS_CALLER_PC());
    iov_ranges(t, iov, n, iov_bytes(iov, n), false, OS_CALLER_PC());
    rt_leave(t);
    errno = e;
    ssize_t r = REAL(writev)(fd, iov, n);
    after_write();
    return r;
}

EXPORT ssize_t sendmsg(int fd, const struct msghdr *m, int flags)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(sendmsg)(fd, m, flags);
    int e = errno;
    before_write(t, fd, NULL, 0, flags & MSG_DONTWAIT, OS_CALLER_PC());
    if (m)
        iov_ranges(t, m->msg_iov, (int)m->msg_iovlen, iov_bytes(m->msg_iov, (int)m->msg_iovlen),
                   false, OS_CALLER_PC());
    rt_leave(t);
    errno = e;
    ssize_t r = REAL(sendmsg)(fd, m, flags);
    after_write();
    return r;
}

EXPORT int eventfd_write(int fd, eventfd_t value)
{
    WRITE_LIKE(eventfd_write, (fd, value), fd, NULL, 0, false);
}

/* --- Reading ---------------------------------------------------------------------------- */

#define READ_LIKE(f, args, fd, buf, nonblock)                                                      \
    do {                                                                                           \
        struct ithread *t_ = rt_enter();                                                           \
        if (!t_)                                                                                   \
            return REAL(f) args;                                                                   \
        int e_ = errno;                                                                            \
        before_read(t_, fd, nonblock, OS_CALLER_PC());                                             \
        rt_leave(t_);                                                                              \
        errno = e_;                                                                                \
        ssize_t r_ = REAL(f) args;                                                                 \
        after_read(fd, r_, buf, OS_CALLER_PC());                                                   \
        return r_;                                                                                 \
    } while (0)

EXPORT ssize_t read(int fd, void *buf, size_t n)
{
    READ_LIKE(read, (fd, buf, n), fd, buf, false);
}

EXPORT ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    READ_LIKE(recv, (fd, buf, n, flags), fd, buf, flags & MSG_DONTWAIT);
}

EXPORT ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *from,
                        socklen_t *fromlen)
{
    READ_LIKE(recvfrom, (fd, buf, n, flags, from, fromlen), fd, buf, flags & MSG_DONTWAIT);
}

EXPORT ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    READ_LIKE(pread, (fd, buf, n, off), fd, buf, true);
}

EXPORT ssize_t readv(int fd, const struct iovec *iov, int n)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(readv)(fd, iov, n);
    int e = errno;
    before_read(t, fd, false, OS_CALLER_PC());
    rt_leave(t);
    errno = e;
    ssize_t r = REAL(readv)(fd, iov, n);
    after_read(fd, r, NULL, 0);
    if (r > 0 && (t = rt_enter())) {
        iov_ranges(t, iov, n, (size_t)r, true, OS_CALLER_PC());
        rt_leave(t);
    }
    errno = r < 0 ? errno : e;
    return r;
}

EXPORT ssize_t recvmsg(int fd, struct msghdr *m, int flags)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(recvmsg)(fd, m, flags);
    int e = errno;
    before_read(t, fd, flags & MSG_DONTWAIT, OS_CALLER_PC());
    rt_leave(t);
    errno = e;
    ssize_t r = REAL(recvmsg)(fd, m, flags);
    after_read(fd, r, NULL, 0);
    if (r > 0 && m && (t = rt_enter())) {
        iov_ranges(t, m->msg_iov, (int)m->msg_iovlen, (size_t)r, true, OS_CALLER_PC());
        rt_leave(t);
    }
    errno = r < 0 ? errno : e;
    return r;
}

EXPORT int eventfd_read(int fd, eventfd_t *value)
{
    READ_LIKE(eventfd_read, (fd, value), fd, NULL, false);
}

/* --- Connections ------------------------------------------------------------------------ */

static int accepted(int lfd, int r)
{
    int e = errno;
    struct ithread *t = rt_enter();
    if (t) {
        if (r >= 0) {
            fd_acquire(t, lfd);
            fd_made(r, FD_ORIGIN_SOCKET);
        }
        rt_leave(t);
    }
    errno = e;
    return r;
}

EXPORT int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(accept)(fd, addr, len);
    before_read(t, fd, false, OS_CALLER_PC());
    rt_leave(t);
    return accepted(fd, REAL(accept)(fd, addr, len));
}

EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(accept4)(fd, addr, len, flags);
    before_read(t, fd, false, OS_CALLER_PC());
    rt_leave(t);
    return accepted(fd, REAL(accept4)(fd, addr, len, flags));
}

EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(connect)(fd, addr, len);
    sched_point_ev(t, OP_SYNC, fd_key(fd));
    fd_release(t, fd);
    rt_leave(t);
    int r = REAL(connect)(fd, addr, len);
    after_write(); /* an acceptor may go on */
    return r;
}

EXPORT int shutdown(int fd, int how)
{
    int r = REAL(shutdown)(fd, how);
    after_write();
    return r;
}

/* --- Making, copying and closing descriptors -------------------------------------------- */

/* After a call that made or copied a descriptor: on success (r >= 0, or 0 for the
 * pairs), tell the model in the runtime, errno kept. */
enum made_how { MADE_ONE, MADE_PAIR, MADE_DUP, MADE_DUP_ONTO };

static int made_as(int r, enum made_how how, int arg, const int *fds)
{
    if (r < 0 || (how == MADE_PAIR && r != 0))
        return r;
    int e = errno;
    struct ithread *t = rt_enter();
    if (t) {
        if (how == MADE_ONE)
            fd_made(r, (enum fd_origin)arg);
        else if (how == MADE_PAIR)
            fd_made_pair(fds[0], fds[1]);
        else
            fd_dup(arg, r, how == MADE_DUP);
        rt_leave(t);
    }
    errno = e;
    return r;
}

static int made(int r, enum fd_origin origin)
{
    return made_as(r, MADE_ONE, (int)origin, NULL);
}

static int made_pair(int r, const int fds[2])
{
    return made_as(r, MADE_PAIR, 0, fds);
}

EXPORT int socket(int domain, int type, int protocol)
{
    return made(REAL(socket)(domain, type, protocol), FD_ORIGIN_SOCKET);
}

EXPORT int eventfd(unsigned initval, int flags)
{
    return made(REAL(eventfd)(initval, flags), FD_ORIGIN_OWN);
}

EXPORT int pipe(int fds[2])
{
    return made_pair(REAL(pipe)(fds), fds);
}

EXPORT int pipe2(int fds[2], int flags)
{
    return made_pair(REAL(pipe2)(fds, flags), fds);
}

EXPORT int socketpair(int domain, int type, int protocol, int fds[2])
{
    return made_pair(REAL(socketpair)(domain, type, protocol, fds), fds);
}

static int duped(int from, int r, bool onto)
{
    return made_as(r, onto ? MADE_DUP_ONTO : MADE_DUP, from, NULL);
}

/* Before a call that ends the descriptor `to` (close, dup2/dup3 onto it). */
static void ending(int to, uptr pc)
{
    int e = errno;
    struct ithread *t = rt_enter();
    if (t) {
        sched_point_ev(t, OP_SYNC, fd_key(to));
        use_ends(t, to, pc);
        rt_leave(t);
    }
    errno = e;
}

EXPORT int dup(int fd)
{
    return duped(fd, REAL(dup)(fd), false);
}

EXPORT int dup2(int fd, int to)
{
    if (fd != to)
        ending(to, OS_CALLER_PC());
    return duped(fd, REAL(dup2)(fd, to), true);
}

EXPORT int dup3(int fd, int to, int flags)
{
    ending(to, OS_CALLER_PC());
    return duped(fd, REAL(dup3)(fd, to, flags), true);
}

EXPORT int close(int fd)
{
    ending(fd, OS_CALLER_PC());
    int r = REAL(close)(fd);
    int e = errno;
    struct ithread *t = rt_enter();
    if (t) {
        if (r == 0)
            fd_closed(fd);
        fd_changed(); /* the other end of a pipe sees its end of file */
        rt_leave(t);
    }
    errno = e;
    return r;
}

/* --- Waiting for several descriptors ---------------------------------------------------- */

EXPORT int poll(struct pollfd *fds, nfds_t n, int timeout)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(poll)(fds, n, timeout);
    int e = errno;
    sched_point_ev(t, OP_SYNC, n ? fd_key(fds[0].fd) : 0);
    errno = e;
    int r = fd_poll(t, fds, n, timeout);
    e = errno;
    rt_leave(t);
    errno = e;
    return r;
}

static int timespec_ms(const struct timespec *ts)
{
    if (!ts)
        return -1;
    long long ms = (long long)ts->tv_sec * 1000 + (ts->tv_nsec + 999999) / 1000000;
    return ms > 0x7fffffff ? 0x7fffffff : (int)ms;
}

EXPORT int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts, const sigset_t *mask)
{
    struct ithread *t = mask ? NULL : rt_enter(); /* a signal mask: pass through */
    if (!t)
        return REAL(ppoll)(fds, n, ts, mask);
    int e = errno;
    sched_point_ev(t, OP_SYNC, n ? fd_key(fds[0].fd) : 0);
    errno = e;
    int r = fd_poll(t, fds, n, timespec_ms(ts));
    e = errno;
    rt_leave(t);
    errno = e;
    return r;
}

struct select_ctx {
    int n;
    fd_set *r, *w, *x;
    fd_set r0, w0, x0; /* the sets asked for */
};

static int select_ready(void *ctx)
{
    struct select_ctx *c = ctx;
    struct timeval zero = {0, 0};
    if (c->r)
        *c->r = c->r0;
    if (c->w)
        *c->w = c->w0;
    if (c->x)
        *c->x = c->x0;
    return REAL(select)(c->n, c->r, c->w, c->x, &zero);
}

EXPORT int select(int n, fd_set *r, fd_set *w, fd_set *x, struct timeval *tv)
{
    struct ithread *t = n <= FD_SETSIZE ? rt_enter() : NULL;
    if (!t)
        return REAL(select)(n, r, w, x, tv);
    int e = errno;
    sched_point_ev(t, OP_SYNC, 0);
    struct select_ctx c = {.n = n, .r = r, .w = w, .x = x};
    struct pollfd fds[FD_SETSIZE];
    nfds_t nfds = 0;
    for (int fd = 0; fd < n; fd++) {
        short ev =
            (short)((r && FD_ISSET(fd, r) ? POLLIN : 0) | (w && FD_ISSET(fd, w) ? POLLOUT : 0) |
                    (x && FD_ISSET(fd, x) ? POLLPRI : 0));
        if (ev)
            fds[nfds++] = (struct pollfd){fd, ev, 0};
    }
    if (r)
        c.r0 = *r;
    if (w)
        c.w0 = *w;
    if (x)
        c.x0 = *x;
    int ms = tv ? (int)(tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000) : -1;
    errno = e;
    int res = fd_wait_for(t, fds, nfds, ms, select_ready, &c);
    e = errno;
    if (res == 0 && tv)
        *tv = (struct timeval){0, 0}; /* Linux reports the time left */
    rt_leave(t);
    errno = e;
    return res;
}

struct epoll_ctx {
    int ep;
    struct epoll_event *ev;
    int max;
};

static int epoll_ready(void *ctx)
{
    struct epoll_ctx *c = ctx;
    return REAL(epoll_wait)(c->ep, c->ev, c->max, 0);
}

EXPORT int epoll_wait(int ep, struct epoll_event *ev, int max, int timeout)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL(epoll_wait)(ep, ev, max, timeout);
    int e = errno;
    sched_point_ev(t, OP_SYNC, 0);
    struct epoll_ctx c = {ep, ev, max};
    struct pollfd p = {ep, POLLIN, 0}; /* an epoll descriptor is readable when events wait */
    errno = e;
    int r = fd_wait_for(t, &p, 1, timeout, epoll_ready, &c);
    e = errno;
    rt_leave(t);
    errno = e;
    return r;
}
