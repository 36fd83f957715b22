/* strategy_dpor: source-DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas,
 * "Optimal dynamic partial order reduction", POPL 2014, Algorithm 1), run statelessly:
 * every execution is a fork of the pristine program that follows a prefix and then the
 * runtime's `first` policy; its whole trace comes back at once.
 *
 * The exploration tree. A node is a state, identified by the decisions that lead to it
 * (its path from the root). It keeps the enabled threads with their next events (from
 * the trace that first reached it), and three thread sets (bit masks, tids < 64):
 *   backtrack  threads to explore from here, explored ones included (source set);
 *   done       threads already sent to a worker from here;
 *   sleep      threads whose exploration from here is covered elsewhere (sleep set).
 * A work item (node, tid) is a branch in backtrack \ done \ sleep; the frontier is the
 * stack of work items (LIFO: depth first, which keeps it small). Items are independent,
 * so several workers explore several branches at once; the sleep set of a new child is
 * fixed when it is dispatched: {q in sleep(n) U done(n) | next(q) independent of next(p)}.
 *
 * Race analysis. When a trace comes back, its events from the branch point on are
 * checked for races with earlier events: e_i races e_j when they are dependent, of
 * different threads, may be co-enabled (an unlock and the lock that waited for it may
 * not; create/join are ordered by thread ids), and e_i does not happen before the thread
 * of e_j had reached e_j ("the clock C of e_j's thread before e_j"). Only immediate
 * races count (e_i not before another racing e_k). Happens-before is computed with
 * vector clocks over the trace: program order plus dependencies, kept per object as
 * "last write-like event" and "reads since". For each race, v = the events after e_i
 * that do not happen after it, then e_j; if no thread of the initials I(v) is in
 * backtrack(pre(e_i)), one is added (e_j's thread when possible). When no initial is
 * enabled there (the model did not see it that way), every enabled thread is added,
 * which is the conservative rule of Flanagan and Godefroid (POPL 2005).
 *
 * Sleep sets beyond the prefix. The runtime does not know the sleep sets; when its
 * `first` policy runs a sleeping thread, the trace is cut there: its races up to that
 * point are analysed, and the same node is explored again with a thread that is awake
 * (or, when every enabled thread sleeps, the execution was redundant: "blocked").
 *
 * Completeness: with no budget, the exploration ends when the frontier is empty and no
 * execution is in flight; every Mazurkiewicz trace of a terminating program has then
 * been explored at least once. Executions that diverged, hit the step limit, timed out
 * or were lost make the result "incomplete" (no proof).
 *
 * Shards (--shard k/n): the first executions run one at a time, so that every shard
 * builds the same tree; then the frontier is split round-robin. Branches found later at
 * nodes of that shared top are explored by whoever finds them (possibly twice); branches
 * below are the owner's. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/strategy.h"

#define MAXT 64
#define MAX_TRACE 60000
#define BIT(t) ((uint64_t)1 << (t))

struct dnode {
    struct dnode *parent;
    uint32_t depth, via; /* via: the thread chosen at parent to get here */
    uint32_t nen;
    struct xev *en;
    uint64_t backtrack, done, sleep, enabled;
    bool shared; /* exists in every shard's tree */
};

struct witem {
    struct dnode *n;
    uint32_t tid;
};

struct dtag {
    struct dnode *n; /* NULL: the root execution */
    uint32_t tid;
    uint64_t sleep;
};

/* Per-object state of the clock computation. */
struct objst {
    uint64_t key;
    int32_t lastw;  /* last write-like event, -1 */
    int32_t *reads; /* reads since lastw */
    uint32_t nreads, capreads;
    int32_t *writes; /* every write-like event, for scanning back past non-races */
    uint32_t nwrites, capwrites;
    uint32_t *rjoin; /* join of the clocks of reads since lastw */
};

struct dpor {
    struct strategy base;
    struct dnode **all;
    size_t nall, capall;
    struct dnode *root;
    struct witem *work;
    size_t nwork, capwork;
    size_t inflight;
    bool started;
    uint64_t fed;
    bool split_done;
    struct dpor_stats st;
    /* scratch of the analysis */
    uint32_t T;
    uint32_t *vc; /* n x T */
    uint32_t *lidx, *tidof;
    struct objst *objs;
    size_t objcap;
};

static uint32_t ctz(uint64_t x)
{
    return (uint32_t)__builtin_ctzll(x);
}

static struct dnode *node_new(struct dpor *d, struct dnode *parent, uint32_t via,
                              const struct xtrace *t, size_t k)
{
    struct dnode *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    const struct xstep *s = &t->steps[k];
    n->en = malloc((s->nen ? s->nen : 1) * sizeof *n->en);
    if (!n->en) {
        free(n);
        return NULL;
    }
    memcpy(n->en, &t->en[s->en_off], s->nen * sizeof *n->en);
    n->nen = s->nen;
    for (uint32_t i = 0; i < s->nen; i++)
        if (n->en[i].tid < MAXT)
            n->enabled |= BIT(n->en[i].tid);
    n->parent = parent;
    n->depth = parent ? parent->depth + 1 : 0;
    n->via = via;
    n->shared = !d->split_done;
    if (d->nall == d->capall) {
        size_t c = d->capall ? d->capall * 2 : 1024;
        struct dnode **q = realloc(d->all, c * sizeof *q);
        if (!q) {
            free(n->en);
            free(n);
            return NULL;
        }
        d->all = q;
        d->capall = c;
    }
    d->all[d->nall++] = n;
    d->st.nodes = d->nall;
    return n;
}

static const struct xev *next_of(const struct dnode *n, uint32_t tid)
{
    for (uint32_t i = 0; i < n->nen; i++)
        if (n->en[i].tid == tid)
            return &n->en[i];
    return NULL;
}

static void push(struct dpor *d, struct dnode *n, uint32_t tid)
{
    if (d->nwork == d->capwork) {
        size_t c = d->capwork ? d->capwork * 2 : 256;
        struct witem *q = realloc(d->work, c * sizeof *q);
        if (!q) {
            d->st.gave_up = true;
            return;
        }
        d->work = q;
        d->capwork = c;
    }
    d->work[d->nwork++] = (struct witem){n, tid};
    d->st.pending = d->nwork;
}

/* Adds tid to backtrack(n) and to the frontier when it is awake and new. */
static void add_branch(struct dpor *d, struct dnode *n, uint32_t tid)
{
    if (tid >= MAXT || (n->backtrack & BIT(tid)))
        return;
    n->backtrack |= BIT(tid);
    if (!(n->sleep & BIT(tid)) && !(n->done & BIT(tid)))
        push(d, n, tid);
}

/* ---- clocks ------------------------------------------------------------------------------- */

static uint32_t *VC(struct dpor *d, size_t i)
{
    return &d->vc[i * d->T];
}

static void join(uint32_t *a, const uint32_t *b, uint32_t T)
{
    for (uint32_t t = 0; t < T; t++)
        if (b[t] > a[t])
            a[t] = b[t];
}

static bool opaque(const struct xev *e)
{
    return e->op == XOP_OTHER || (e->op == XOP_SYNC && e->obj == 0);
}

static bool reads_only(const struct xev *e)
{
    return e->op == XOP_R || e->op == XOP_AR;
}

/* Events that touch an object (everything but create/join/start/yield and opaque). */
static bool has_obj(const struct xev *e)
{
    return !opaque(e) && e->op != XOP_CREATE && e->op != XOP_JOIN && e->op != XOP_START &&
           e->op != XOP_YIELD;
}

static struct objst *obj_get(struct dpor *d, uint64_t key, size_t n)
{
    if (!d->objs || d->objcap < 2 * n + 16)
        return NULL;
    size_t mask = d->objcap - 1;
    size_t h = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 20) & mask;
    for (;; h = (h + 1) & mask) {
        struct objst *o = &d->objs[h];
        if (o->lastw == -2) {
            o->key = key;
            o->lastw = -1;
            o->nreads = o->nwrites = 0;
            if (!o->rjoin)
                o->rjoin = calloc(MAXT, sizeof *o->rjoin);
            else
                memset(o->rjoin, 0, MAXT * sizeof *o->rjoin);
            return o->rjoin ? o : NULL;
        }
        if (o->key == key)
            return o;
    }
}

static int app(int32_t **arr, uint32_t *n, uint32_t *cap, int32_t v)
{
    if (*n == *cap) {
        uint32_t c = *cap ? *cap * 2 : 8;
        int32_t *q = realloc(*arr, c * sizeof *q);
        if (!q)
            return -ENOMEM;
        *arr = q;
        *cap = c;
    }
    (*arr)[(*n)++] = v;
    return 0;
}

static void objs_reset(struct dpor *d, size_t n)
{
    size_t want = 64;
    while (want < 2 * n + 16)
        want *= 2;
    if (want > d->objcap) {
        struct objst *q = realloc(d->objs, want * sizeof *q);
        if (!q)
            return;
        memset(q + d->objcap, 0, (want - d->objcap) * sizeof *q);
        d->objs = q;
        d->objcap = want;
    }
    for (size_t i = 0; i < d->objcap; i++)
        d->objs[i].lastw = -2;
}

/* ---- race analysis ------------------------------------------------------------------------ */

struct an {
    struct dpor *d;
    const struct xtrace *t;
    struct dnode **path;
    size_t n;            /* events with clocks so far */
    uint32_t *cur;       /* per thread: index+1 of its last event, 0 none */
    uint32_t *create_of; /* per thread: index+1 of the create that made it */
    uint32_t *lcount;
    int32_t lastopq;
    uint32_t *allj; /* join of every event so far */
    int32_t **bythread;
    uint32_t *nby, *capby;
};

static bool in_clock(struct an *a, const uint32_t *C, size_t i)
{
    return C[a->d->tidof[i]] >= a->d->lidx[i];
}

static bool co_enabled(const struct xev *ei, const struct xev *ej)
{
    if (ei->op == XOP_UNLOCK && ej->op == XOP_LOCK)
        return false;
    return true;
}

/* Handles race (i, j): e_j with clock vj (j may be virtual: index >= trace length). */
static void race(struct an *a, size_t i, size_t j, const struct xev *ej, const uint32_t *vj)
{
    struct dpor *d = a->d;
    uint32_t T = d->T;
    struct dnode *ni = a->path[i];
    uint32_t ti = d->tidof[i], li = d->lidx[i];
    uint64_t init = 0;
    if (j - i > 4000) {
        init = BIT(ej->tid); /* too far apart to compute initials cheaply */
    } else {
        uint32_t first[MAXT] = {0};
        uint64_t seen = 0;
        for (size_t k = i + 1; k <= j; k++) {
            const uint32_t *vk;
            uint32_t tk;
            if (k == j) {
                vk = vj;
                tk = ej->tid;
            } else {
                vk = VC(d, k);
                tk = d->tidof[k];
                if (vk[ti] >= li)
                    continue; /* happens after e_i */
            }
            if (seen & BIT(tk))
                continue;
            bool pred = false;
            for (uint64_t s = seen; s && !pred; s &= s - 1) {
                uint32_t r = ctz(s);
                pred = vk[r] >= first[r];
            }
            if (!pred)
                init |= BIT(tk);
            seen |= BIT(tk);
            first[tk] = k == j ? (vj[tk] ? vj[tk] : 1) : d->lidx[k];
        }
    }
    (void)T;
    if (init & ni->backtrack)
        return;
    uint64_t cand = init & ni->enabled;
    if (cand) {
        uint32_t q = (cand & BIT(ej->tid)) ? ej->tid : ctz(cand);
        add_branch(d, ni, q);
    } else {
        for (uint64_t e = ni->enabled; e; e &= e - 1)
            add_branch(d, ni, ctz(e));
    }
}

/* Collects the immediate races of e_j (pre-clock C) and handles them. */
static void races_of(struct an *a, size_t j, const struct xev *ej, const uint32_t *C,
                     const uint32_t *vj)
{
    struct dpor *d = a->d;
    const struct xtrace *t = a->t;
    size_t found[MAXT * 2];
    size_t nf = 0;
#define CONSIDER(i)                                                                                \
    do {                                                                                           \
        size_t i_ = (i);                                                                           \
        const struct xev *ei_ = &t->steps[i_].ev;                                                  \
        bool hb_ = false;                                                                          \
        for (size_t f_ = 0; f_ < nf && !hb_; f_++)                                                 \
            hb_ = VC(d, found[f_])[d->tidof[i_]] >= d->lidx[i_];                                   \
        if (!hb_ && nf < MAXT * 2 && co_enabled(ei_, ej))                                          \
            found[nf++] = i_;                                                                      \
    } while (0)
    if (opaque(ej)) {
        /* dependent with everything: the last dependent event of every other thread */
        for (uint32_t r = 0; r < d->T; r++) {
            if (r == ej->tid)
                continue;
            for (uint32_t k = a->nby[r]; k-- > 0;) {
                size_t i = (size_t)a->bythread[r][k];
                if (in_clock(a, C, i))
                    break;
                const struct xev *ei = &t->steps[i].ev;
                if (xev_dependent(ei, ej) && co_enabled(ei, ej)) {
                    CONSIDER(i);
                    break;
                }
            }
        }
    } else if (has_obj(ej)) {
        struct objst *o = obj_get(d, ej->obj, t->nsteps);
        if (o) {
            if (!reads_only(ej))
                for (uint32_t k = o->nreads; k-- > 0;) {
                    size_t i = (size_t)o->reads[k];
                    if (d->tidof[i] != ej->tid && !in_clock(a, C, i) &&
                        xev_dependent(&t->steps[i].ev, ej))
                        CONSIDER(i);
                }
            for (uint32_t k = o->nwrites; k-- > 0;) {
                size_t i = (size_t)o->writes[k];
                const struct xev *ei = &t->steps[i].ev;
                if (d->tidof[i] == ej->tid)
                    continue;
                if (in_clock(a, C, i))
                    break;
                if (!xev_dependent(ei, ej))
                    continue;
                if (!co_enabled(ei, ej))
                    continue; /* look further back: the lock before that unlock */
                CONSIDER(i);
                break;
            }
        }
        if (a->lastopq >= 0 && d->tidof[a->lastopq] != ej->tid &&
            !in_clock(a, C, (size_t)a->lastopq))
            CONSIDER((size_t)a->lastopq);
    }
#undef CONSIDER
    for (size_t f = 0; f < nf; f++) {
        /* drop those that happen before another found race */
        bool before = false;
        for (size_t g = 0; g < nf && !before; g++)
            before = g != f && VC(d, found[g])[d->tidof[found[f]]] >= d->lidx[found[f]];
        if (!before)
            race(a, found[f], j, ej, vj);
    }
}

/* The clock of e_j: C joined with everything e_j depends on; commit records it. */
static void clock_of(struct an *a, size_t j, const struct xev *ej, uint32_t *C, bool commit)
{
    struct dpor *d = a->d;
    uint32_t T = d->T;
    if (ej->op == XOP_START && a->create_of[ej->tid])
        join(C, VC(d, a->create_of[ej->tid] - 1), T);
    if (ej->op == XOP_JOIN && ej->obj < T && a->cur[ej->obj])
        join(C, VC(d, a->cur[ej->obj] - 1), T);
    if (opaque(ej)) {
        join(C, a->allj, T);
    } else if (a->lastopq >= 0 && ej->op != XOP_YIELD) {
        join(C, VC(d, (size_t)a->lastopq), T);
    }
    struct objst *o = has_obj(ej) ? obj_get(d, ej->obj, a->t->nsteps) : NULL;
    if (o) {
        if (o->lastw >= 0)
            join(C, VC(d, (size_t)o->lastw), T);
        if (!reads_only(ej))
            join(C, o->rjoin, T);
    }
    if (!commit)
        return;
    C[ej->tid] = ++a->lcount[ej->tid];
    memcpy(VC(d, j), C, T * sizeof *C);
    d->lidx[j] = C[ej->tid];
    d->tidof[j] = ej->tid;
    join(a->allj, C, T);
    if (opaque(ej))
        a->lastopq = (int32_t)j;
    if (o) {
        if (reads_only(ej)) {
            app(&o->reads, &o->nreads, &o->capreads, (int32_t)j);
            join(o->rjoin, C, T);
        } else {
            o->lastw = (int32_t)j;
            o->nreads = 0;
            memset(o->rjoin, 0, MAXT * sizeof *o->rjoin);
            app(&o->writes, &o->nwrites, &o->capwrites, (int32_t)j);
        }
    }
    if (ej->op == XOP_CREATE && ej->obj < T)
        a->create_of[ej->obj] = (uint32_t)j + 1;
    app(&a->bythread[ej->tid], &a->nby[ej->tid], &a->capby[ej->tid], (int32_t)j);
    a->cur[ej->tid] = (uint32_t)j + 1;
}

/* Analyses events [from, end) of t (clocks from 0), plus, when pending, the next events
 * of the threads still enabled at the last step. */
static void analyse(struct dpor *d, const struct xtrace *t, struct dnode **path, size_t from,
                    size_t end, bool pending)
{
    uint32_t T = d->T;
    struct an a = {.d = d, .t = t, .path = path, .lastopq = -1};
    uint32_t *C = calloc(T, sizeof *C);
    a.cur = calloc(T, sizeof *a.cur);
    a.create_of = calloc(T, sizeof *a.create_of);
    a.lcount = calloc(T, sizeof *a.lcount);
    a.allj = calloc(T, sizeof *a.allj);
    a.bythread = calloc(T, sizeof *a.bythread);
    a.nby = calloc(T, sizeof *a.nby);
    a.capby = calloc(T, sizeof *a.capby);
    uint32_t *vc = realloc(d->vc, (end + 1) * T * sizeof *vc);
    uint32_t *li = realloc(d->lidx, (end + 1) * sizeof *li);
    if (vc)
        d->vc = vc;
    if (li)
        d->lidx = li;
    uint32_t *tf = realloc(d->tidof, (end + 1) * sizeof *tf);
    if (tf)
        d->tidof = tf;
    objs_reset(d, end);
    if (!C || !a.cur || !a.create_of || !a.lcount || !a.allj || !a.bythread || !a.nby || !a.capby ||
        !vc || !li || !tf || !d->objs) {
        d->st.gave_up = true;
        goto out;
    }
    uint32_t *vj = calloc(T, sizeof *vj);
    if (!vj) {
        d->st.gave_up = true;
        goto out;
    }
    for (size_t j = 0; j < end; j++) {
        const struct xev *ej = &t->steps[j].ev;
        if (a.cur[ej->tid])
            memcpy(C, VC(d, a.cur[ej->tid] - 1), T * sizeof *C);
        else
            memset(C, 0, T * sizeof *C);
        if (j >= from && ej->op != XOP_YIELD && ej->op != XOP_START) {
            memcpy(vj, C, T * sizeof *C);
            clock_of(&a, j, ej, vj, false);
            vj[ej->tid] = a.lcount[ej->tid] + 1;
            races_of(&a, j, ej, C, vj);
        }
        clock_of(&a, j, ej, C, true);
    }
    if (pending && end > 0) {
        const struct xstep *last = &t->steps[end - 1];
        for (uint32_t k = 0; k < last->nen; k++) {
            const struct xev *ej = &t->en[last->en_off + k];
            if (ej->tid == last->ev.tid || ej->tid >= T || ej->op == XOP_YIELD ||
                ej->op == XOP_START)
                continue;
            if (a.cur[ej->tid])
                memcpy(C, VC(d, a.cur[ej->tid] - 1), T * sizeof *C);
            else
                memset(C, 0, T * sizeof *C);
            memcpy(vj, C, T * sizeof *C);
            clock_of(&a, end, ej, vj, false);
            vj[ej->tid] = a.lcount[ej->tid] + 1;
            races_of(&a, end, ej, C, vj);
        }
    }
    free(vj);
out:
    free(C);
    free(a.cur);
    free(a.create_of);
    free(a.lcount);
    free(a.allj);
    if (a.bythread)
        for (uint32_t r = 0; r < T; r++)
            free(a.bythread[r]);
    free(a.bythread);
    free(a.nby);
    free(a.capby);
}

/* ---- the strategy ------------------------------------------------------------------------- */

static int split_cmp(const void *x, const void *y)
{
    const struct witem *a = x, *b = y;
    if (a->n->depth != b->n->depth)
        return a->n->depth < b->n->depth ? -1 : 1;
    return a->tid < b->tid ? -1 : a->tid > b->tid;
}

static void split(struct dpor *d)
{
    d->split_done = true;
    qsort(d->work, d->nwork, sizeof *d->work, split_cmp);
    size_t m = 0;
    for (size_t i = 0; i < d->nwork; i++)
        if (i % d->base.p.shard_n == d->base.p.shard_k)
            d->work[m++] = d->work[i];
    /* branches of other shards: never ours (mark them done here) */
    for (size_t i = 0; i < d->nwork; i++)
        if (i % d->base.p.shard_n != d->base.p.shard_k)
            d->work[i].n->done |= BIT(d->work[i].tid);
    d->nwork = m;
    d->st.pending = m;
}

static int dpor_next(struct strategy *s, struct xreq *req)
{
    struct dpor *d = (struct dpor *)s;
    memset(req, 0, sizeof *req);
    req->policy = XP_FIRST;
    req->steps = s->p.steps;
    req->timeout_ms = s->p.timeout_ms;
    if (d->st.gave_up)
        return -1;
    if (!d->started) {
        d->started = true;
        struct dtag *tag = calloc(1, sizeof *tag);
        if (!tag)
            return -1;
        req->tag = (uint64_t)(uintptr_t)tag;
        d->inflight++;
        return 1;
    }
    bool sharded = s->p.shard_n > 1;
    if (sharded && !d->split_done) {
        if (d->inflight)
            return 0;
        if (d->nwork >= 4u * s->p.shard_n || d->fed >= 16u * s->p.shard_n)
            split(d);
    }
    while (d->nwork) {
        struct witem w = d->work[--d->nwork];
        d->st.pending = d->nwork;
        struct dnode *n = w.n;
        if ((n->done | n->sleep) & BIT(w.tid))
            continue;
        const struct xev *np = next_of(n, w.tid);
        if (!np)
            continue;
        uint64_t cand = (n->sleep | n->done) & n->enabled;
        uint64_t sl = 0;
        for (uint64_t c = cand; c; c &= c - 1) {
            uint32_t q = ctz(c);
            const struct xev *nq = next_of(n, q);
            if (q != w.tid && nq && !xev_dependent(nq, np))
                sl |= BIT(q);
        }
        n->done |= BIT(w.tid);
        n->backtrack |= BIT(w.tid);
        struct dtag *tag = calloc(1, sizeof *tag);
        uint32_t *pre = malloc((n->depth + 1) * sizeof *pre);
        if (!tag || !pre) {
            free(tag);
            free(pre);
            d->st.gave_up = true;
            return -1;
        }
        pre[n->depth] = w.tid;
        struct dnode *c = n;
        for (uint32_t k = n->depth; k-- > 0; c = c->parent)
            pre[k] = c->via;
        *tag = (struct dtag){n, w.tid, sl};
        req->prefix = pre;
        req->nprefix = n->depth + 1;
        req->tag = (uint64_t)(uintptr_t)tag;
        d->inflight++;
        return 1;
    }
    return d->inflight ? 0 : -1;
}

static void dpor_feed(struct strategy *s, const struct xreq *req, const struct xtrace *t)
{
    struct dpor *d = (struct dpor *)s;
    struct dtag *tag = (struct dtag *)(uintptr_t)req->tag;
    d->inflight--;
    d->fed++;
    if (!tag)
        return;
    struct dnode *bn = tag->n;
    struct dtag tg = *tag;
    free(tag);
    enum xverdict_kind k = t->verdict.kind;
    if (k == XV_OTHER || k == XV_DIVERGED || (k == XV_TIMEOUT && t->nsteps == 0)) {
        d->st.incomplete = true;
        if (!bn)
            d->st.gave_up = true;
        return;
    }
    if (k == XV_STEPLIMIT || k == XV_TIMEOUT)
        d->st.incomplete = true;
    if (t->nsteps > MAX_TRACE) {
        d->st.gave_up = true;
        return;
    }
    uint32_t T = 0;
    for (size_t i = 0; i < t->nsteps; i++)
        if (t->steps[i].ev.tid + 1 > T)
            T = t->steps[i].ev.tid + 1;
    for (size_t i = 0; i < t->nen; i++)
        if (t->en[i].tid + 1 > T)
            T = t->en[i].tid + 1;
    if (T > MAXT) {
        d->st.gave_up = true;
        return;
    }
    if (T > d->T)
        d->T = T;
    T = d->T;
    if (t->nsteps == 0) {
        if (!bn)
            d->st.complete++;
        return;
    }
    size_t from = bn ? bn->depth : 0;
    if (bn && (t->nsteps <= from || t->steps[from].ev.tid != tg.tid)) {
        d->st.incomplete = true; /* the program did not follow its prefix */
        return;
    }
    struct dnode **path = malloc(t->nsteps * sizeof *path);
    if (!path) {
        d->st.gave_up = true;
        return;
    }
    size_t k0;
    if (!bn) {
        d->root = node_new(d, NULL, 0, t, 0);
        if (!d->root) {
            d->st.gave_up = true;
            free(path);
            return;
        }
        path[0] = d->root;
        k0 = 1;
    } else {
        struct dnode *c = bn;
        for (size_t k = bn->depth + 1; k-- > 0; c = c->parent)
            path[k] = c;
        k0 = bn->depth + 1;
    }
    path[k0 - 1]->done |= BIT(t->steps[k0 - 1].ev.tid);
    path[k0 - 1]->backtrack |= BIT(t->steps[k0 - 1].ev.tid);
    size_t end = t->nsteps;
    bool cut = false;
    for (size_t k = k0; k < t->nsteps; k++) {
        struct dnode *prev = path[k - 1];
        const struct xev *e = &t->steps[k - 1].ev;
        struct dnode *n = node_new(d, prev, e->tid, t, k);
        if (!n) {
            d->st.gave_up = true;
            free(path);
            return;
        }
        uint64_t sl;
        if (bn && k == k0) {
            sl = tg.sleep;
        } else {
            sl = 0;
            for (uint64_t c = prev->sleep; c; c &= c - 1) {
                uint32_t q = ctz(c);
                const struct xev *nq = next_of(prev, q);
                if (q != e->tid && nq && !xev_dependent(nq, e))
                    sl |= BIT(q);
            }
        }
        n->sleep = sl & n->enabled;
        path[k] = n;
        uint32_t tk = t->steps[k].ev.tid;
        if (tk < MAXT && (n->sleep & BIT(tk))) {
            /* the runtime ran a sleeping thread: redo this state with an awake one */
            end = k;
            cut = true;
            uint64_t awake = n->enabled & ~n->sleep;
            if (awake) {
                uint32_t q = (awake & BIT(e->tid)) ? e->tid : ctz(awake);
                add_branch(d, n, q);
            } else {
                d->st.blocked++;
            }
            break;
        }
        if (tk < MAXT) {
            n->done |= BIT(tk);
            n->backtrack |= BIT(tk);
        }
    }
    if (!cut)
        d->st.complete++;
    analyse(d, t, path, from, end, !cut);
    free(path);
}

static void dpor_status(struct strategy *s, char *buf, size_t len)
{
    struct dpor *d = (struct dpor *)s;
    snprintf(buf, len, "dpor %" PRIu64 " explored / %zu pending", d->st.complete, d->nwork);
}

static bool dpor_exhausted(struct strategy *s)
{
    struct dpor *d = (struct dpor *)s;
    return d->started && !d->nwork && !d->inflight && !d->st.gave_up && !d->st.incomplete;
}

static void dpor_destroy(struct strategy *s)
{
    struct dpor *d = (struct dpor *)s;
    for (size_t i = 0; i < d->nall; i++) {
        free(d->all[i]->en);
        free(d->all[i]);
    }
    free(d->all);
    free(d->work);
    free(d->vc);
    free(d->lidx);
    free(d->tidof);
    for (size_t i = 0; i < d->objcap; i++) {
        free(d->objs[i].reads);
        free(d->objs[i].writes);
        free(d->objs[i].rjoin);
    }
    free(d->objs);
    free(d);
}

void strategy_dpor_stats(struct strategy *s, struct dpor_stats *out)
{
    struct dpor *d = (struct dpor *)s;
    *out = d->st;
    out->pending = d->nwork;
}

static const struct strategy_ops dpor_ops = {
    .name = "dpor",
    .next = dpor_next,
    .feed = dpor_feed,
    .status = dpor_status,
    .exhausted = dpor_exhausted,
    .destroy = dpor_destroy,
};

struct strategy *strategy_dpor_new(const struct xparams *p)
{
    struct dpor *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->base.ops = &dpor_ops;
    d->base.p = *p;
    return &d->base;
}
