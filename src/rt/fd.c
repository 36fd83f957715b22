/* The file-descriptor model; see fd.h. Only the baton holder calls in. */
#include "rt/fd.h"

#include "hb/shadow.h"
#include "os/os.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Keys live above every user address, so they never meet a real object in the
 * sync table (nor a sync_forget of freed memory). */
#define KEY_BASE 0xfff0000000000000ull
#define KEY_NONE 1ull                          /* classified: teaches nothing */
#define KEY_SOCKET (KEY_BASE + 1)              /* every socket of the process */
#define KEY_FILE (KEY_BASE + 2)                /* every regular file */
#define KEY_FIFO (KEY_BASE + 0x1000)           /* | inode bits: a FIFO we did not see created */
#define KEY_OWN (KEY_BASE + 0x100000000000ull) /* + n: pairs and eventfds we made */

/* Keys of descriptors below TABLE; 0 = not classified yet. Larger descriptors
 * are classified at every use. */
#define TABLE FD_TRACKED
static u64 keys[TABLE];
/* One byte per descriptor for the detector (fd_use); never read or written as data. */
static u8 state[TABLE];
static u64 next_own;

/* The kind of what keys[fd] names, for the blocking model. */
static bool key_blocks(u64 k)
{
    return k >= KEY_BASE && k != KEY_FILE;
}

static u64 classify(int fd)
{
    struct stat st;
    if (os_syscall(SYS_fstat, fd, (long)&st) != 0)
        return KEY_NONE;
    switch (st.st_mode & S_IFMT) {
    case S_IFSOCK:
        return KEY_SOCKET;
    case S_IFREG:
        return KEY_FILE;
    case S_IFIFO:
        return KEY_FIFO + (((u64)st.st_dev << 40 ^ (u64)st.st_ino) & 0xffffffffffull);
    case 0: /* an anonymous inode: an eventfd or timerfd we did not see made */
        return KEY_OWN + ((u64)1 << 40) + (u64)st.st_ino;
    default:
        return KEY_NONE;
    }
}

static u64 key_of(int fd)
{
    if (fd < 0)
        return KEY_NONE;
    if (fd >= TABLE)
        return classify(fd);
    if (!keys[fd])
        keys[fd] = classify(fd);
    return keys[fd];
}

uptr fd_key(int fd)
{
    u64 k = key_of(fd);
    return k == KEY_NONE ? 0 : (uptr)k;
}

static void set_key(int fd, u64 k)
{
    if (fd >= 0 && fd < TABLE)
        keys[fd] = k;
}

static void fresh(int fd)
{
    if (fd >= 0 && fd < TABLE)
        shadow_reset((uptr)&state[fd], 1);
}

void *fd_state(int fd)
{
    return fd >= 0 && fd < TABLE ? &state[fd] : NULL;
}

int fd_state_of(uptr addr)
{
    return addr >= (uptr)state && addr < (uptr)(state + TABLE) ? (int)(addr - (uptr)state) : -1;
}

void fd_made(int fd, enum fd_origin origin)
{
    fresh(fd);
    set_key(fd, origin == FD_ORIGIN_SOCKET ? KEY_SOCKET : KEY_OWN + ++next_own);
}

void fd_made_pair(int a, int b)
{
    u64 k = KEY_OWN + ++next_own;
    fresh(a);
    fresh(b);
    set_key(a, k);
    set_key(b, k);
}

void fd_closed(int fd)
{
    set_key(fd, 0);
}

void fd_dup(int from, int to, bool new_number)
{
    if (new_number)
        fresh(to);
    set_key(to, key_of(from));
}

void fd_release(struct ithread *t, int fd)
{
    uptr k = fd_key(fd);
    if (k)
        sync_release(t, sync_get(k, SO_FD));
}

void fd_acquire(struct ithread *t, int fd)
{
    uptr k = fd_key(fd);
    if (!k)
        return;
    struct syncobj *so = sync_find(k);
    if (so)
        sync_acquire(t, so);
}

/* --- Waiting -------------------------------------------------------------------------- */

/* The threads blocked on descriptors and what they wait for (their own
 * memory: the user's pollfd array, or one on the waiter's stack). */
#define MAX_WAITERS 1024
static struct waiter {
    struct ithread *t;
    struct pollfd *fds;
    nfds_t n;
} waiters[MAX_WAITERS];
static u32 nwaiters;

/* What every fd waiter blocks on: one queue, woken whole by any change. Its
 * address is what a report would show; fd_waited_by says more. */
static struct syncobj queue = {.kind = SO_FD, .owner = TID_NONE};

void fd_changed(void)
{
    if (nwaiters)
        sched_wake_waiters(BLK_FD, &queue, true);
}

bool fd_has_waiters(void)
{
    return nwaiters > 0;
}

int fd_waited_by(const struct ithread *t)
{
    for (u32 i = 0; i < nwaiters; i++)
        if (waiters[i].t == t && waiters[i].n)
            return waiters[i].fds[0].fd;
    return -1;
}

bool fd_wake_ready(u64 timeout_ns)
{
    if (!nwaiters)
        return false;
    struct pollfd all[256];
    nfds_t n = 0;
    for (u32 i = 0; i < nwaiters; i++)
        for (nfds_t j = 0; j < waiters[i].n && n < 256; j++)
            all[n++] = (struct pollfd){waiters[i].fds[j].fd, waiters[i].fds[j].events, 0};
    int r = os_poll(all, n, (int)(timeout_ns / 1000000u));
    if (r <= 0)
        return false;
    return sched_wake_waiters(BLK_FD, &queue, true) > 0;
}

/* Blocks t on the queue until a change or the deadline; false when t cannot be
 * registered (too many waiters: the caller then makes the real call). */
static bool block(struct ithread *t, struct pollfd *fds, nfds_t n, u64 deadline)
{
    if (nwaiters == MAX_WAITERS)
        return false;
    u32 slot = nwaiters++;
    waiters[slot] = (struct waiter){t, fds, n};
    t->pend_op = OP_SYNC; /* what it does when it wakes: look at the descriptor again */
    t->pend_obj = n ? fd_key(fds[0].fd) : 0;
    sched_block(t, BLK_FD, &queue, deadline);
    for (u32 i = 0; i < nwaiters; i++)
        if (waiters[i].t == t) {
            waiters[i] = waiters[--nwaiters];
            break;
        }
    return true;
}

static u64 deadline_of(int timeout_ms)
{
    return timeout_ms > 0 ? os_now_ns() + (u64)timeout_ms * 1000000u : 0;
}

static bool nonblocking(int fd)
{
    long fl = os_syscall(SYS_fcntl, fd, F_GETFL);
    return fl >= 0 && (fl & O_NONBLOCK);
}

bool fd_modelled(int fd)
{
    return key_blocks(key_of(fd)) && !nonblocking(fd);
}

void fd_wait(struct ithread *t, int fd, short events, bool nonblock)
{
    if (nonblock || !key_blocks(key_of(fd)))
        return;
    struct pollfd p = {fd, events, 0};
    bool checked = false;
    for (;;) {
        p.revents = 0;
        if (os_poll(&p, 1, 0) != 0) /* ready, hung up, or an error the real call reports */
            return;
        if (!checked) {
            if (nonblocking(fd))
                return;
            checked = true;
        }
        if (!block(t, &p, 1, 0))
            return;
    }
}

struct poll_ctx {
    struct pollfd *fds;
    nfds_t n;
};

static int poll_ready(void *ctx)
{
    struct poll_ctx *c = ctx;
    return os_poll(c->fds, c->n, 0);
}

int fd_poll(struct ithread *t, struct pollfd *fds, nfds_t n, int timeout_ms)
{
    struct poll_ctx c = {fds, n};
    return fd_wait_for(t, fds, n, timeout_ms, poll_ready, &c);
}

int fd_wait_for(struct ithread *t, struct pollfd *fds, nfds_t n, int timeout_ms,
                int (*ready)(void *ctx), void *ctx)
{
    u64 deadline = deadline_of(timeout_ms);
    for (;;) {
        int r = ready(ctx);
        if (r != 0 || timeout_ms == 0)
            return r;
        if (!block(t, fds, n, deadline))
            return ready(ctx); /* not modelled: as a non-blocking look */
        if (t->timed_out)
            return ready(ctx);
    }
}
