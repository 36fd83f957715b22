/* forksrv: the driver's end of the fork-server protocol (docs/internals/explore.md), and
 * a pool of servers that runs exec requests in parallel. One server is one process of the
 * target program, started with INTERLEAVE_OPTIONS="mode=server server_in=R server_out=W";
 * it answers one request at a time. Every read is bounded: the hello line within
 * hello_ms, each result within the request's timeout plus a grace period, after which
 * the server is killed and restarted and the execution reported as a timeout. A server
 * that dies is restarted and its request sent once more.
 * Not thread-safe; the pool is driven by one thread through poll(). */
#ifndef INTERLEAVE_EXPLORE_FORKSRV_H
#define INTERLEAVE_EXPLORE_FORKSRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "explore/schedule.h"
#include "explore/trace.h"

struct forksrv_cfg {
    char *const *argv;   /* program and arguments; borrowed for the pool's lifetime */
    const char *options; /* more INTERLEAVE_OPTIONS words, or NULL */
    int hello_ms;        /* bound on the hello line (5000 by default when 0) */
    bool show_output;    /* keep the server's stdout/stderr (replay); else /dev/null */
    int cpu;             /* the server and its executions run on the cpu-th processor allowed to us
                          * (modulo their number); -1: anywhere */
};

struct forksrv {
    pid_t pid;
    int to, from; /* our ends of the two pipes, -1 when stopped */
    char *buf;    /* bytes read and not yet consumed */
    size_t len, cap;
    bool busy;
    struct xreq req;      /* the request in flight (owned) */
    uint64_t deadline_ns; /* CLOCK_MONOTONIC */
    int retries;
    uint64_t server_pid; /* from the hello line */
};

/* Starts one server and waits for its hello. 0, or a negative errno with a one-line
 * reason in err (-ENOEXEC: no hello: the program was not built with interleave cc). */
int forksrv_start(struct forksrv *s, const struct forksrv_cfg *c, char *err, size_t errlen);

/* Sends a request (copied). 0 or -errno (-EPIPE: the server is gone). */
int forksrv_send(struct forksrv *s, const struct xreq *r);

/* Reads what is available without blocking. 1 with a malloc'd payload when the result
 * of the request in flight is complete, 0 when more is needed, -EPIPE at end of file,
 * -EBADMSG on a malformed header. */
int forksrv_read(struct forksrv *s, char **payload, size_t *len);

/* Asks the server to quit, then kills it if it does not within a moment; reaps it. */
void forksrv_stop(struct forksrv *s);

struct xpool;

/* Starts n servers. 0, or negative errno and err as forksrv_start. */
int xpool_open(const struct forksrv_cfg *c, int n, struct xpool **out, char *err, size_t errlen);
void xpool_close(struct xpool *p);
/* Servers without a request in flight. */
int xpool_idle(const struct xpool *p);
int xpool_size(const struct xpool *p);
/* Sends r (copied) to an idle server. 0, -EBUSY when none is idle, -errno. */
int xpool_submit(struct xpool *p, const struct xreq *r);
/* Waits up to timeout_ms for one finished execution: 1 with *req (owned: the request as
 * submitted) and *t (owned; parsed result, or a synthesized `timeout` verdict when the
 * server had to be killed), 0 when nothing finished in time, negative errno when servers
 * cannot be restarted (err says why). */
int xpool_collect(struct xpool *p, int timeout_ms, struct xreq *req, struct xtrace *t, char *err,
                  size_t errlen);
/* Servers restarted so far (died or killed after a timeout). */
uint64_t xpool_restarts(const struct xpool *p);

#endif
