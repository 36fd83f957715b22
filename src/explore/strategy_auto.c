/* strategy_auto: the default portfolio, meant to need no tuning.
 * - DPOR (source sets + sleep sets) gets three executions out of four: it proves absence
 *   when the space is small and finds shallow bugs in few executions;
 * - the fourth goes to PCT (depth cycling 1..3, length from the traces seen) or a random
 *   walk, alternately, which find deep and long-trace bugs that a depth-first search
 *   reaches late;
 * - when DPOR gives up (more than 64 threads, traces over its limit, a frontier above
 *   max_frontier branches) or cannot make progress, PCT and random get every slot;
 * - when DPOR has exhausted the space, the whole exploration is complete and ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/strategy.h"

enum { ORIG_DPOR = 1, ORIG_PCT, ORIG_RANDOM };

struct autos {
    struct strategy base;
    struct strategy *dpor, *pct, *rnd;
    uint64_t slot, side;
    size_t inflight[4];
    bool dpor_off;
};

static int from(struct autos *a, struct strategy *s, int orig, struct xreq *req)
{
    int rc = s->ops->next(s, req);
    if (rc == 1) {
        req->origin = orig;
        a->inflight[orig]++;
    }
    return rc;
}

static int side_next(struct autos *a, struct xreq *req)
{
    a->side++;
    if (a->side % 2)
        return from(a, a->pct, ORIG_PCT, req);
    return from(a, a->rnd, ORIG_RANDOM, req);
}

static int auto_next(struct strategy *s, struct xreq *req)
{
    struct autos *a = (struct autos *)s;
    struct dpor_stats st;
    strategy_dpor_stats(a->dpor, &st);
    if (!a->dpor_off && (st.gave_up || st.pending > s->p.max_frontier))
        a->dpor_off = true;
    if (!a->dpor_off && a->dpor->ops->exhausted(a->dpor))
        return a->inflight[ORIG_PCT] + a->inflight[ORIG_RANDOM] ? 0 : -1;
    a->slot++;
    if (!a->dpor_off && a->slot % 4 != 0) {
        int rc = from(a, a->dpor, ORIG_DPOR, req);
        if (rc == 1)
            return 1;
        if (rc < 0 && a->dpor->ops->exhausted(a->dpor))
            return a->inflight[ORIG_PCT] + a->inflight[ORIG_RANDOM] ? 0 : -1;
        if (rc < 0)
            a->dpor_off = true;
    }
    return side_next(a, req);
}

static void auto_feed(struct strategy *s, const struct xreq *req, const struct xtrace *t)
{
    struct autos *a = (struct autos *)s;
    int o = req->origin;
    if (o >= ORIG_DPOR && o <= ORIG_RANDOM)
        a->inflight[o]--;
    if (o == ORIG_DPOR)
        a->dpor->ops->feed(a->dpor, req, t);
    else if (o == ORIG_PCT)
        a->pct->ops->feed(a->pct, req, t);
    else if (o == ORIG_RANDOM)
        a->rnd->ops->feed(a->rnd, req, t);
    if (o != ORIG_PCT && t->nsteps)
        strategy_pct_hint(a->pct, t->nsteps);
}

static void auto_status(struct strategy *s, char *buf, size_t len)
{
    struct autos *a = (struct autos *)s;
    if (a->dpor_off) {
        snprintf(buf, len, "pct+random");
        return;
    }
    a->dpor->ops->status(a->dpor, buf, len);
}

static bool auto_exhausted(struct strategy *s)
{
    struct autos *a = (struct autos *)s;
    return !a->dpor_off && a->dpor->ops->exhausted(a->dpor);
}

static void auto_destroy(struct strategy *s)
{
    struct autos *a = (struct autos *)s;
    a->dpor->ops->destroy(a->dpor);
    a->pct->ops->destroy(a->pct);
    a->rnd->ops->destroy(a->rnd);
    free(a);
}

static const struct strategy_ops auto_ops = {"auto",      auto_next,      auto_feed,
                                             auto_status, auto_exhausted, auto_destroy};

struct strategy *strategy_auto_new(const struct xparams *p)
{
    struct autos *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->base.ops = &auto_ops;
    a->base.p = *p;
    if (!a->base.p.max_frontier)
        a->base.p.max_frontier = 200000;
    struct xparams side = *p;
    side.seed = p->seed + 1000003;
    a->dpor = strategy_dpor_new(p);
    a->pct = strategy_pct_new(&side);
    a->rnd = strategy_random_new(&side);
    if (!a->dpor || !a->pct || !a->rnd) {
        if (a->dpor)
            a->dpor->ops->destroy(a->dpor);
        if (a->pct)
            a->pct->ops->destroy(a->pct);
        if (a->rnd)
            a->rnd->ops->destroy(a->rnd);
        free(a);
        return NULL;
    }
    return &a->base;
}

struct strategy *strategy_new(const char *name, const struct xparams *p)
{
    if (strcmp(name, "auto") == 0)
        return strategy_auto_new(p);
    if (strcmp(name, "dpor") == 0)
        return strategy_dpor_new(p);
    if (strcmp(name, "pct") == 0)
        return strategy_pct_new(p);
    if (strcmp(name, "random") == 0)
        return strategy_random_new(p);
    if (strcmp(name, "bounded") == 0)
        return strategy_bounded_new(p);
    return NULL;
}
