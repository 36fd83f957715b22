/* strategy: how `interleave explore` chooses its next executions. A strategy turns the
 * traces of finished executions into new exec requests; it never runs anything itself,
 * so the same code works with one worker or many, with fork servers or with the
 * in-memory simulators of the unit tests. One file per strategy:
 *   strategy_random.c   seeded random walks (policy=random)
 *   strategy_pct.c      PCT with depth d, length estimated from a first run
 *   strategy_bounded.c  iterative preemption bounding (CHESS)
 *   strategy_dpor.c     source-DPOR with sleep sets, complete for terminating programs
 *   strategy_auto.c     the default portfolio
 * Contract: next() may be called any number of times between feed()s; every request it
 * returns (prefix owned by the request) is eventually given back to feed() with its
 * trace, in any order. */
#ifndef INTERLEAVE_EXPLORE_STRATEGY_H
#define INTERLEAVE_EXPLORE_STRATEGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "explore/schedule.h"
#include "explore/trace.h"

struct xparams {
    uint64_t steps;            /* step limit of every execution */
    uint32_t timeout_ms;       /* per execution */
    uint64_t seed;             /* first seed of random and PCT */
    uint32_t depth;            /* PCT depth; 0: cycle 1..3 */
    uint32_t bound;            /* preemption bound; 0: none */
    uint32_t shard_k, shard_n; /* this is shard k (0-based) of n; n = 0 or 1: no sharding */
    size_t max_frontier;       /* DPOR gives up above this many pending branches (auto) */
};

struct strategy;

struct strategy_ops {
    const char *name;
    /* 1: *req filled (the caller assigns req->id); 0: nothing until more results come
     * back; -1: nothing more to do, ever. */
    int (*next)(struct strategy *s, struct xreq *req);
    /* The trace of a request next() made; borrowed during the call. */
    void (*feed)(struct strategy *s, const struct xreq *req, const struct xtrace *t);
    /* Progress details for the status line ("dpor 120 explored / 14 pending"). */
    void (*status)(struct strategy *s, char *buf, size_t len);
    /* Has the whole schedule space been explored (a proof of absence)? */
    bool (*exhausted)(struct strategy *s);
    void (*destroy)(struct strategy *s);
};

struct strategy {
    const struct strategy_ops *ops;
    struct xparams p;
};

struct strategy *strategy_random_new(const struct xparams *p);
struct strategy *strategy_pct_new(const struct xparams *p);
struct strategy *strategy_bounded_new(const struct xparams *p);
struct strategy *strategy_dpor_new(const struct xparams *p);
struct strategy *strategy_auto_new(const struct xparams *p);

/* By name: auto, dpor, pct, random, bounded; NULL for an unknown name or no memory. */
struct strategy *strategy_new(const char *name, const struct xparams *p);

/* Tells PCT that an execution of `steps` decisions was seen (its length estimate). */
void strategy_pct_hint(struct strategy *s, uint64_t steps);

/* DPOR's counters, for progress lines, tests and the auto portfolio. */
struct dpor_stats {
    uint64_t complete; /* executions that ended a Mazurkiewicz trace */
    uint64_t blocked;  /* executions cut short by the sleep sets (redundant) */
    uint64_t pending;  /* branches waiting to be explored */
    uint64_t nodes;    /* states kept */
    bool gave_up;      /* too many threads, too long traces or frontier: not complete */
    bool incomplete;   /* diverged, timed out or lost executions: not a proof */
};
void strategy_dpor_stats(struct strategy *s, struct dpor_stats *out);

/* Seeds of shard k of n: k, k+n, k+2n, ... offset by seed. */
static inline uint64_t strategy_seed(const struct xparams *p, uint64_t i)
{
    uint64_t n = p->shard_n > 1 ? p->shard_n : 1;
    return p->seed + p->shard_k + i * n;
}

#endif
