/* strategy_bounded: iterative preemption bounding (Musuvathi and Qadeer, "Iterative
 * context bounding for systematic testing of multithreaded programs", PLDI 2007; CHESS).
 * Every execution follows a prefix and then the runtime's `first` policy, which never
 * preempts. From each trace, every decision taken by `first` (position i >= the prefix)
 * gives new prefixes: decisions[0..i) + t for each other enabled thread t; choosing t
 * costs one preemption when the previous thread was still enabled there (and did not
 * just yield), nothing otherwise. Schedules are run level by level: all with 0
 * preemptions, then 1, 2, ... up to the bound. Each schedule is generated exactly once,
 * by the execution that first went past its branch point.
 * Memory: a pending schedule is (parent, position, thread); the parent's decisions are
 * kept run-length encoded and shared. Shards: the branches of the first execution are
 * dealt out by hash; everything below a branch belongs to its owner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/strategy.h"

#define MAX_LEVELS 64
#define MAX_PENDING 4000000

struct runs {
    uint32_t *tid, *cnt;
    size_t n;
    unsigned refs;
};

struct bitem {
    struct runs *parent; /* NULL: the root schedule (empty prefix) */
    uint64_t pos;
    uint32_t tid;
    uint32_t level;
};

struct level {
    struct bitem *it;
    size_t n, cap, head;
};

struct bounded {
    struct strategy base;
    struct level lv[MAX_LEVELS];
    size_t inflight_at[MAX_LEVELS];
    bool started;
    uint64_t pending;
    uint32_t cur_level;
    bool truncated; /* something was dropped: not exhaustive */
};

struct btag {
    uint32_t level;
    bool root;
};

static void unref(struct runs *r)
{
    if (r && --r->refs == 0) {
        free(r->tid);
        free(r->cnt);
        free(r);
    }
}

static void enqueue(struct bounded *b, struct bitem it)
{
    if (it.level >= MAX_LEVELS || (b->base.p.bound && it.level > b->base.p.bound) ||
        b->pending >= MAX_PENDING) {
        if (it.level < MAX_LEVELS && !(b->base.p.bound && it.level > b->base.p.bound))
            b->truncated = true;
        unref(it.parent);
        return;
    }
    struct level *l = &b->lv[it.level];
    if (l->n == l->cap) {
        if (l->head > l->cap / 2) {
            memmove(l->it, l->it + l->head, (l->n - l->head) * sizeof *l->it);
            l->n -= l->head;
            l->head = 0;
        } else {
            size_t c = l->cap ? l->cap * 2 : 256;
            struct bitem *q = realloc(l->it, c * sizeof *q);
            if (!q) {
                b->truncated = true;
                unref(it.parent);
                return;
            }
            l->it = q;
            l->cap = c;
        }
    }
    l->it[l->n++] = it;
    b->pending++;
}

static int b_next(struct strategy *s, struct xreq *req)
{
    struct bounded *b = (struct bounded *)s;
    memset(req, 0, sizeof *req);
    req->policy = XP_FIRST;
    req->steps = s->p.steps;
    req->timeout_ms = s->p.timeout_ms;
    if (!b->started) {
        b->started = true;
        struct btag *tag = calloc(1, sizeof *tag);
        if (!tag)
            return -1;
        tag->root = true;
        req->tag = (uint64_t)(uintptr_t)tag;
        b->inflight_at[0]++;
        return 1;
    }
    for (uint32_t L = 0; L < MAX_LEVELS; L++) {
        struct level *l = &b->lv[L];
        if (l->head < l->n) {
            struct bitem it = l->it[l->head++];
            b->pending--;
            b->cur_level = L;
            uint32_t *pre = malloc((it.pos + 1) * sizeof *pre);
            struct btag *tag = calloc(1, sizeof *tag);
            if (!pre || !tag) {
                free(pre);
                free(tag);
                unref(it.parent);
                return -1;
            }
            uint64_t k = 0;
            for (size_t r = 0; r < it.parent->n && k < it.pos; r++)
                for (uint32_t c = 0; c < it.parent->cnt[r] && k < it.pos; c++)
                    pre[k++] = it.parent->tid[r];
            pre[k++] = it.tid;
            unref(it.parent);
            tag->level = L;
            req->prefix = pre;
            req->nprefix = k;
            req->tag = (uint64_t)(uintptr_t)tag;
            b->inflight_at[L]++;
            return 1;
        }
        if (b->inflight_at[L])
            return 0; /* finish this level before the next one */
    }
    for (uint32_t L = 0; L < MAX_LEVELS; L++)
        if (b->inflight_at[L])
            return 0;
    return -1;
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

static void b_feed(struct strategy *s, const struct xreq *req, const struct xtrace *t)
{
    struct bounded *b = (struct bounded *)s;
    struct btag *tag = (struct btag *)(uintptr_t)req->tag;
    if (!tag)
        return;
    struct btag tg = *tag;
    free(tag);
    b->inflight_at[tg.level]--;
    if (t->nsteps == 0 || t->verdict.kind == XV_DIVERGED || t->verdict.kind == XV_OTHER)
        return;
    struct runs *r = calloc(1, sizeof *r);
    if (!r)
        return;
    size_t nr = 0;
    for (size_t i = 0; i < t->nsteps; i++)
        nr += i == 0 || t->steps[i].ev.tid != t->steps[i - 1].ev.tid;
    r->tid = malloc(nr * sizeof *r->tid);
    r->cnt = malloc(nr * sizeof *r->cnt);
    if (!r->tid || !r->cnt) {
        free(r->tid);
        free(r->cnt);
        free(r);
        return;
    }
    for (size_t i = 0; i < t->nsteps; i++) {
        if (i == 0 || t->steps[i].ev.tid != t->steps[i - 1].ev.tid) {
            r->tid[r->n] = t->steps[i].ev.tid;
            r->cnt[r->n++] = 0;
        }
        r->cnt[r->n - 1]++;
    }
    r->refs = 1;
    bool sharded = s->p.shard_n > 1;
    for (size_t i = req->nprefix; i < t->nsteps; i++) {
        const struct xstep *st = &t->steps[i];
        for (uint32_t k = 0; k < st->nen; k++) {
            uint32_t q = t->en[st->en_off + k].tid;
            if (q == st->ev.tid)
                continue;
            uint32_t cost = 0;
            if (i > 0) {
                const struct xev *pv = &t->steps[i - 1].ev;
                bool prev_on = xtrace_next_of(t, i, pv->tid) != NULL;
                if (prev_on && q != pv->tid && pv->op != XOP_YIELD && pv->op != XOP_EXIT)
                    cost = 1;
            }
            if (sharded && tg.root && mix(i * 1315423911u + q) % s->p.shard_n != s->p.shard_k)
                continue;
            r->refs++;
            enqueue(b, (struct bitem){r, i, q, tg.level + cost});
        }
    }
    unref(r);
}

static void b_status(struct strategy *s, char *buf, size_t len)
{
    struct bounded *b = (struct bounded *)s;
    snprintf(buf, len, "bounded %u preemptions, %llu pending", b->cur_level,
             (unsigned long long)b->pending);
}

static bool b_exhausted(struct strategy *s)
{
    struct bounded *b = (struct bounded *)s;
    if (!b->started || b->truncated || b->pending)
        return false;
    for (uint32_t L = 0; L < MAX_LEVELS; L++)
        if (b->inflight_at[L])
            return false;
    return !s->p.bound; /* with a bound, only the bounded space was covered */
}

static void b_destroy(struct strategy *s)
{
    struct bounded *b = (struct bounded *)s;
    for (uint32_t L = 0; L < MAX_LEVELS; L++) {
        for (size_t i = b->lv[L].head; i < b->lv[L].n; i++)
            unref(b->lv[L].it[i].parent);
        free(b->lv[L].it);
    }
    free(b);
}

static const struct strategy_ops b_ops = {"bounded", b_next,      b_feed,
                                          b_status,  b_exhausted, b_destroy};

struct strategy *strategy_bounded_new(const struct xparams *p)
{
    struct bounded *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->base.ops = &b_ops;
    b->base.p = *p;
    return &b->base;
}
