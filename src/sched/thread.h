/* The thread registry: one struct ithread per application thread that the
 * runtime controls (created through our pthread_create/thrd_create, plus the
 * main thread). Threads are numbered T0 (main), T1, ... in creation order and
 * never reused, so that reports name threads stably. A thread record outlives
 * the thread (reports refer to it). Mutated only by the baton holder. */
#ifndef ILV_SCHED_THREAD_H
#define ILV_SCHED_THREAD_H

#include "hb/detect.h"

#include <pthread.h>

struct hlast;

enum tstate { TS_RUNNABLE, TS_BLOCKED, TS_FINISHED };

/* What a blocked thread waits for (X-macro: enum and names for reports). */
#define BLOCK_KINDS(X)                                                                             \
    X(NONE, "nothing")                                                                             \
    X(MUTEX, "mutex")                                                                              \
    X(COND, "condition variable")                                                                  \
    X(JOIN, "thread")                                                                              \
    X(SEM, "semaphore")                                                                            \
    X(BARRIER, "barrier")                                                                          \
    X(RDLOCK, "rwlock (read)")                                                                     \
    X(WRLOCK, "rwlock (write)")                                                                    \
    X(SPIN, "spinlock")                                                                            \
    X(ONCE, "once")                                                                                \
    X(FUTEX, "futex")                                                                              \
    X(SLEEP, "timer")                                                                              \
    X(FD, "file descriptor")

enum block_kind {
#define X(k, s) BLK_##k,
    BLOCK_KINDS(X)
#undef X
};

struct ithread {
    struct hb_thread hb; /* detector state; hb.tid is the thread's id */
    u32 wake_seq;        /* futex word: bumped whenever the baton is handed to us */
    u8 in_rt;            /* inside the runtime: hooks pass through, no steal */
    u8 state;            /* enum tstate */
    u8 block_kind;       /* enum block_kind while TS_BLOCKED */
    bool detached;
    bool timed_out; /* the last block ended by its deadline */
    bool joined;
    void *block_obj;
    u64 deadline_ns; /* CLOCK_MONOTONIC; 0: none */
    u64 events;      /* hooks entered: the watchdog's progress signal */
    pthread_t pth;
    int os_tid;
    tid_t parent;
    uptr create_pc;
    uptr start_fn;
    void *(*fn)(void *);
    void *arg;
    void *retval;
    uptr stack_lo, stack_hi;
    /* shadow call stack, innermost last */
    uptr *cs;
    u32 cs_depth, cs_cap;
    u32 cs_id;     /* stack depot id of cs, valid unless cs_dirty */
    bool cs_dirty; /* a function was entered or left since cs_id */
    /* the last write, whose value is read back at the next event */
    u64 pending_w;
    struct hlast *last_read; /* rt/history.h: its last recorded read of each location */
    uptr spin_addr;
    u64 spin_val;
    u32 spin_count;
    u32 nowrite;        /* reads since the last write */
    u32 waiters_ticket; /* order of arrival at a waiting queue */
    u8 pend_op;         /* enum step_op of the event this thread is about to perform */
    uptr pend_obj;
};

#define MAX_THREADS 65000

/* Tables of MAX_THREADS entries are mapped, not static: in the .bss they would
 * spread the runtime's small variables over many pages, and each page a forked
 * execution writes costs it a page fault. */
extern struct ithread **g_threads; /* MAX_THREADS entries */
extern u32 g_nthreads;
extern __thread struct ithread *tls_thread __attribute__((tls_model("initial-exec")));

/* Allocates the record of a new thread (T<g_nthreads>); NULL when the limit
 * of MAX_THREADS is reached. The caller links it into scheduling. */
struct ithread *thread_new(void);
struct ithread *thread_by_pthread(pthread_t pth);
const char *thread_block_name(enum block_kind k);
/* Pushes/pops the shadow call stack (function entry/exit hooks). */
void thread_cs_grow(struct ithread *t);

#endif
