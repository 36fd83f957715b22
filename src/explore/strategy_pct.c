/* strategy_pct: PCT (Burckhardt, Kothari, Musuvathi, Nagarakatte, "A randomized scheduler
 * with probabilistic guarantees of finding bugs", ASPLOS 2010). The runtime implements
 * the policy; this side chooses seeds, the depth d (fixed, or cycling 1, 2, 3 so that no
 * one has to tune it) and the length k, estimated as the longest execution seen so far
 * (the first request is a `first` run that measures it). A bug of depth d is found with
 * probability at least 1/(n k^(d-1)) per execution. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/strategy.h"

struct pct {
    struct strategy base;
    uint64_t i;
    uint64_t length;
    bool measuring;
};

static int pct_next(struct strategy *s, struct xreq *req)
{
    struct pct *p = (struct pct *)s;
    memset(req, 0, sizeof *req);
    req->steps = s->p.steps;
    req->timeout_ms = s->p.timeout_ms;
    if (!p->length) {
        if (p->measuring)
            return 0;
        p->measuring = true;
        req->policy = XP_FIRST;
        req->tag = 1;
        return 1;
    }
    req->policy = XP_PCT;
    req->seed = strategy_seed(&s->p, p->i);
    req->depth = s->p.depth ? s->p.depth : (uint32_t)(1 + p->i % 3);
    req->length = p->length;
    p->i++;
    return 1;
}

void strategy_pct_hint(struct strategy *s, uint64_t steps)
{
    struct pct *p = (struct pct *)s;
    if (steps > p->length)
        p->length = steps;
}

static void pct_feed(struct strategy *s, const struct xreq *req, const struct xtrace *t)
{
    struct pct *p = (struct pct *)s;
    if (req->tag == 1)
        p->measuring = false;
    strategy_pct_hint(s, t->nsteps ? t->nsteps : 1);
}

static void pct_status(struct strategy *s, char *buf, size_t len)
{
    struct pct *p = (struct pct *)s;
    snprintf(buf, len, "pct k=%llu", (unsigned long long)p->length);
}

static bool pct_exhausted(struct strategy *s)
{
    (void)s;
    return false;
}

static void pct_destroy(struct strategy *s)
{
    free(s);
}

static const struct strategy_ops pct_ops = {"pct",      pct_next,      pct_feed,
                                            pct_status, pct_exhausted, pct_destroy};

struct strategy *strategy_pct_new(const struct xparams *p)
{
    struct pct *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->base.ops = &pct_ops;
    q->base.p = *p;
    return &q->base;
}
