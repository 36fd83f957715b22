/* strategy_random: seeded random walks. Execution i of shard k/n runs policy=random with
 * seed p.seed + k + i*n: every decision is a uniformly random enabled thread. Never
 * exhausts; cheap and unbiased by program structure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/strategy.h"

struct rnd {
    struct strategy base;
    uint64_t i;
};

static int rnd_next(struct strategy *s, struct xreq *req)
{
    struct rnd *r = (struct rnd *)s;
    memset(req, 0, sizeof *req);
    req->policy = XP_RANDOM;
    req->seed = strategy_seed(&s->p, r->i++);
    req->steps = s->p.steps;
    req->timeout_ms = s->p.timeout_ms;
    return 1;
}

static void rnd_feed(struct strategy *s, const struct xreq *req, const struct xtrace *t)
{
    (void)s;
    (void)req;
    (void)t;
}

static void rnd_status(struct strategy *s, char *buf, size_t len)
{
    snprintf(buf, len, "random seed %llu",
             (unsigned long long)strategy_seed(&s->p, ((struct rnd *)s)->i));
}

static bool rnd_exhausted(struct strategy *s)
{
    (void)s;
    return false;
}

static void rnd_destroy(struct strategy *s)
{
    free(s);
}

static const struct strategy_ops rnd_ops = {"random",   rnd_next,      rnd_feed,
                                            rnd_status, rnd_exhausted, rnd_destroy};

struct strategy *strategy_random_new(const struct xparams *p)
{
    struct rnd *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->base.ops = &rnd_ops;
    r->base.p = *p;
    return &r->base;
}
