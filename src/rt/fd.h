/* The file-descriptor model: what a pipe, a socket, an eventfd or a file
 * teaches about happens-before, and when a thread that reads or waits on one
 * may proceed.
 *
 * Happens-before (ThreadSanitizer's model): every descriptor maps to a sync
 * key. A write-like call (write, send, eventfd_write, connect, ...) releases
 * the key before the real call; a read-like call that succeeds (read, recv,
 * accept, ...) acquires it after. The two ends of a pipe or socketpair share
 * one key, made when we see them created; an eventfd has its own; every socket
 * of the process shares one key (so that a TCP connection on loopback orders
 * what its two ends exchange) and so does every regular file. A descriptor we
 * did not see created (inherited, opened by libc) is classified on first use
 * with fstat: a FIFO is keyed by its inode (both ends meet), a socket or a
 * file takes the shared key, anything else (a terminal) none. dup'd
 * descriptors share the key; close forgets it.
 *
 * Blocking: a controlled thread that would block on a pipe, socket or eventfd
 * (read-like with nothing to read, write-like into a full pipe, accept,
 * poll/select/epoll_wait with nothing ready) blocks in the scheduler instead
 * (BLK_FD), so that the thread that will write can run. Every write-like call,
 * close, shutdown and connect wakes all such waiters, which look again; when
 * every thread waits, the idle check polls the waited-for descriptors for a
 * bounded time (data from another process). Descriptors opened O_NONBLOCK,
 * and MSG_DONTWAIT, keep their native behaviour. Calls libc makes internally
 * (stdio's reads and writes) do not reach the interposers and are not
 * modelled. */
#ifndef ILV_RT_FD_H
#define ILV_RT_FD_H

#include "sched/thread.h"

#include <poll.h>

/* How a new descriptor was made, for its key. */
enum fd_origin {
    FD_ORIGIN_PAIR,   /* pipe, socketpair: call fd_made_pair */
    FD_ORIGIN_SOCKET, /* socket, accept: the process's socket key */
    FD_ORIGIN_OWN,    /* eventfd, and the like: a key of its own */
};

void fd_made(int fd, enum fd_origin origin);
void fd_made_pair(int a, int b);
void fd_closed(int fd);
/* to now names what from names: a new number (dup), or one that was in use
 * (dup2, dup3: its state keeps the end of the old use, for races). */
void fd_dup(int from, int to, bool new_number);

/* The key of fd, 0 when fd teaches nothing (a terminal, a bad fd). */
uptr fd_key(int fd);

/* Happens-before through fd; both no-ops for a key of 0. */
void fd_release(struct ithread *t, int fd);
void fd_acquire(struct ithread *t, int fd);

/* Races on descriptors themselves (as ThreadSanitizer reports them): every use
 * of fd reads a byte of the runtime's that stands for it, close (and dup2 onto
 * it) writes it, so that a read, write or send unordered with a close of the
 * same descriptor is a data race; a new descriptor starts with a clean state
 * (a number reused after close races with nothing). Only descriptors below
 * FD_TRACKED have one (fd_state: its address, NULL for others); fd_state_of
 * tells a finding's address back. */
#define FD_TRACKED 4096
void *fd_state(int fd);
/* The descriptor whose state byte is at addr, or -1. */
int fd_state_of(uptr addr);

/* Something a waiter may be waiting for changed: wake every BLK_FD waiter. */
void fd_changed(void);

/* Does a blocking call on fd wait in the model (a pipe, socket or eventfd
 * without O_NONBLOCK)? */
bool fd_modelled(int fd);

/* Blocks t in the model until fd is ready for events (POLLIN, POLLOUT), unless
 * fd is a file or a terminal, or non-blocking (also when nonblock is true).
 * Returns at once when it is ready. */
void fd_wait(struct ithread *t, int fd, short events, bool nonblock);

/* poll(2) in the model: the real poll with a zero timeout, and a block in the
 * scheduler (until a change, or timeout_ms: -1 none) while nothing is ready.
 * Returns what the last real poll returned (errno set by it). */
int fd_poll(struct ithread *t, struct pollfd *fds, nfds_t n, int timeout_ms);

/* The same for a waiter whose readiness is known only by calling `ready`
 * (select, epoll_wait): fds are what the idle check polls. ready returns the
 * real call's result with a zero timeout: > 0 or < 0 ends the wait. */
int fd_wait_for(struct ithread *t, struct pollfd *fds, nfds_t n, int timeout_ms,
                int (*ready)(void *ctx), void *ctx);

/* For the idle check, when every live thread is blocked: polls what the fd
 * waiters wait for, at most timeout_ns; true when it woke one. */
bool fd_wake_ready(u64 timeout_ns);
bool fd_has_waiters(void);
/* The descriptor t waits for (the first one), for reports; -1 if none. */
int fd_waited_by(const struct ithread *t);

#endif
