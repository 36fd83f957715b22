/* explore: the exploration loop, bug collection and livelock confirmation. */
#define _GNU_SOURCE
#include "explore/explore.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- bug keys ----------------------------------------------------------------------------- */

/* "module+0xoff" for pc, stable across servers (ASLR) and runs. */
static void norm_pc(const struct findings_run *run, uint64_t pc, char *buf, size_t len)
{
    const struct findings_module *best = NULL;
    for (size_t i = 0; i < run->nmodules; i++)
        if (run->modules[i].base <= pc && (!best || run->modules[i].base > best->base))
            best = &run->modules[i];
    if (!best) {
        snprintf(buf, len, "0x%" PRIx64, pc);
        return;
    }
    const char *slash = strrchr(best->path, '/');
    snprintf(buf, len, "%s+0x%" PRIx64, slash ? slash + 1 : best->path, pc - best->base);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One bug per kind and memory location: a global by its module-relative address, a heap
 * location by its allocation site and offset; otherwise (stack, unknown) by the code
 * locations of its accesses. So an unrolled loop's four racing instructions on `x` make
 * one data race on `x`, while arr[250] and arr[500] stay two. */
void explore_finding_key(const struct xtrace *t, const struct findings_finding *f, char *key,
                         size_t len)
{
    const char *kind = f->kind_name ? f->kind_name : "finding";
    char loc[96];
    if (f->obj.present && f->obj.kind == FINDINGS_OBJ_GLOBAL) {
        norm_pc(&t->run, f->addr, loc, sizeof loc);
        snprintf(key, len, "%s|%s", kind, loc);
        return;
    }
    if (f->obj.present && f->obj.kind == FINDINGS_OBJ_HEAP && f->obj.pc) {
        norm_pc(&t->run, f->obj.pc, loc, sizeof loc);
        snprintf(key, len, "%s|heap@%s+%" PRIu64, kind, loc, f->addr - f->obj.base);
        return;
    }
    char pcs[8][64];
    const char *ptr[8];
    size_t n = 0;
    for (size_t i = 0; i < f->naccs && n < 8; i++) {
        norm_pc(&t->run, f->accs[i].pc, pcs[n], sizeof pcs[n]);
        ptr[n] = pcs[n];
        n++;
    }
    qsort(ptr, n, sizeof *ptr, cmp_str);
    size_t k = (size_t)snprintf(key, len, "%s", kind);
    for (size_t i = 0; i < n && k < len; i++)
        if (i == 0 || strcmp(ptr[i], ptr[i - 1]) != 0)
            k += (size_t)snprintf(key + k, len - k, "|%s", ptr[i]);
}

void explore_verdict_key(const struct xtrace *t, char *key, size_t len)
{
    const struct xverdict *v = &t->verdict;
    key[0] = '\0';
    switch (v->kind) {
    case XV_ASSERT: {
        const char *f = strrchr(v->file, '/');
        snprintf(key, len, "assert|%s:%u|%s", f ? f + 1 : v->file, v->line, v->msg);
        break;
    }
    case XV_CRASH: {
        char pc[64] = "";
        if (v->pc)
            norm_pc(&t->run, v->pc, pc, sizeof pc);
        snprintf(key, len, "crash|%d|%s", v->signal, pc);
        break;
    }
    case XV_DEADLOCK:
    case XV_HANG:
        snprintf(key, len, "%s", xverdict_name(v->kind));
        break;
    case XV_EXIT:
        if (v->status != 0)
            snprintf(key, len, "exit|%d", v->status);
        break;
    case XV_TIMEOUT:
        snprintf(key, len, "timeout");
        break;
    case XV_STEPLIMIT:
        snprintf(key, len, "livelock");
        break;
    default:
        break;
    }
}

static bool finding_is_bug(const struct findings_finding *f)
{
    return f->kind == FINDINGS_KIND_RACE || f->kind == FINDINGS_KIND_LOST_UPDATE ||
           f->kind == FINDINGS_KIND_OTHER;
}

/* An execution stopped because its prefix named a thread that could not run (a shrinking
 * candidate, typically) is cut short by the runtime, not by the program: its decisions,
 * replayed with `first` after them, run on. It stands for no bug. */
static bool complete(const struct xtrace *t)
{
    return t->verdict.kind != XV_DIVERGED && t->verdict.kind != XV_OTHER;
}

bool explore_shows(const struct xtrace *t, const char *key)
{
    if (!complete(t))
        return false;
    char k[512];
    explore_verdict_key(t, k, sizeof k);
    if (k[0] && strcmp(k, key) == 0)
        return true;
    for (size_t i = 0; i < t->run.nfindings; i++) {
        if (!finding_is_bug(&t->run.findings[i]))
            continue;
        explore_finding_key(t, &t->run.findings[i], k, sizeof k);
        if (strcmp(k, key) == 0)
            return true;
    }
    return false;
}

/* ---- the bug list ------------------------------------------------------------------------- */

static struct xbug *find_bug(struct explore_result *r, const char *key)
{
    for (size_t i = 0; i < r->nbugs; i++)
        if (strcmp(r->bugs[i].key, key) == 0)
            return &r->bugs[i];
    return NULL;
}

static int decisions_of(const struct xtrace *t, uint32_t **out, size_t *n)
{
    *out = malloc((t->nsteps ? t->nsteps : 1) * sizeof **out);
    if (!*out)
        return -ENOMEM;
    for (size_t i = 0; i < t->nsteps; i++)
        (*out)[i] = t->steps[i].ev.tid;
    *n = t->nsteps;
    return 0;
}

/* Adds a bug for the execution (req, t); takes ownership of *t when take (then *t is
 * zeroed), else the bug has no trace of its own yet (shown with another bug). */
static struct xbug *add_bug(struct explore_result *r, const char *key, enum xbug_class cls,
                            const struct xreq *req, struct xtrace *t, const char *strategy,
                            bool take)
{
    struct xbug *q = realloc(r->bugs, (r->nbugs + 1) * sizeof *q);
    if (!q)
        return NULL;
    r->bugs = q;
    struct xbug *b = &r->bugs[r->nbugs];
    memset(b, 0, sizeof *b);
    snprintf(b->key, sizeof b->key, "%s", key);
    b->cls = cls;
    b->shown_with = -1;
    b->found_at = r->executions;
    snprintf(b->strategy, sizeof b->strategy, "%s", strategy);
    if (xreq_copy(&b->req, req) < 0 || decisions_of(t, &b->decisions, &b->ndecisions) < 0) {
        xreq_clear(&b->req);
        return NULL;
    }
    b->preemptions = b->orig_preemptions = xtrace_preemptions(t);
    b->orig_steps = t->nsteps;
    if (take) {
        b->trace = *t;
        memset(t, 0, sizeof *t);
    }
    r->nbugs++;
    if (!r->first_bug_at)
        r->first_bug_at = r->executions;
    return b;
}

/* Records the bugs t shows; may take ownership of *t (zeroing it). The verdict's bug,
 * or else the first new finding, owns the trace; other new findings of the same
 * execution are shown with it. */
static void observe(struct explore_result *r, const struct xreq *req, struct xtrace *t,
                    const char *strategy, struct xtrace *livelock, struct xreq *livereq)
{
    if (t->verdict.kind == XV_STEPLIMIT || t->verdict.kind == XV_TIMEOUT) {
        /* a candidate: confirmed (or not) after the exploration; a timeout can be a
         * starvation that one policy causes (PCT's strict priorities), like a step limit */
        if (t->verdict.kind == XV_TIMEOUT)
            r->timeouts++;
        if (!find_bug(r, t->verdict.kind == XV_TIMEOUT ? "timeout" : "livelock") &&
            livelock->verdict.kind != XV_STEPLIMIT && livelock->verdict.kind != XV_TIMEOUT) {
            xreq_clear(livereq);
            if (xreq_copy(livereq, req) == 0) {
                *livelock = *t;
                memset(t, 0, sizeof *t);
            }
        }
        return;
    }
    if (t->verdict.kind == XV_DIVERGED)
        r->diverged++;
    if (t->verdict.kind == XV_OTHER)
        r->lost++;
    if (!complete(t))
        return;
    char keys[16][512];
    enum xbug_class cls[16];
    size_t n = 0;
    explore_verdict_key(t, keys[0], sizeof keys[0]);
    if (keys[0][0] && xverdict_is_bug(&t->verdict) && !find_bug(r, keys[0]))
        cls[n++] = XBUG_VERDICT;
    for (size_t i = 0; i < t->run.nfindings && n < 16; i++) {
        if (!finding_is_bug(&t->run.findings[i]))
            continue;
        explore_finding_key(t, &t->run.findings[i], keys[n], sizeof keys[n]);
        bool dup = find_bug(r, keys[n]) != NULL;
        for (size_t k = 0; k < n && !dup; k++)
            dup = strcmp(keys[k], keys[n]) == 0;
        if (!dup)
            cls[n++] = XBUG_FINDING;
    }
    long owner = -1;
    for (size_t k = 0; k < n; k++) {
        struct xbug *b = add_bug(r, keys[k], cls[k], req, t, strategy, false);
        if (!b)
            continue;
        if (owner < 0)
            owner = (long)(b - r->bugs);
        else
            b->shown_with = owner;
    }
    if (owner >= 0) { /* the owner keeps the trace itself */
        r->bugs[owner].trace = *t;
        memset(t, 0, sizeof *t);
    }
}

/* ---- running one request ------------------------------------------------------------------ */

int explore_run_one(const struct xexecutor *ex, struct xreq *r, struct xtrace *t, char *err,
                    size_t errlen)
{
    static uint64_t ids = 1ull << 40;
    r->id = ids++;
    while (ex->idle(ex->ctx) <= 0) {
        /* should not happen: callers run one at a time */
        struct xreq q;
        struct xtrace tt;
        int rc = ex->collect(ex->ctx, 1000, &q, &tt, err, errlen);
        if (rc < 0)
            return rc;
        if (rc == 1) {
            xreq_clear(&q);
            xtrace_free(&tt);
        }
    }
    int rc = ex->submit(ex->ctx, r);
    if (rc < 0) {
        snprintf(err, errlen, "cannot send a request: %s", strerror(-rc));
        return rc;
    }
    for (;;) {
        struct xreq q;
        rc = ex->collect(ex->ctx, 1000, &q, t, err, errlen);
        if (rc < 0)
            return rc;
        if (rc == 1) {
            bool mine = q.id == r->id;
            xreq_clear(&q);
            if (mine)
                return 1;
            xtrace_free(t);
        }
    }
}

/* A step limit is a livelock only when extensions of its prefix cannot finish either:
 * two random continuations with twice the steps, and a `first` one with four times the
 * steps (a long but finite program is not a livelock). An extension that times out
 * counts as finishing: no report without evidence. */
static void confirm_livelock(const struct explore_cfg *c, const struct xexecutor *ex,
                             struct explore_result *r, struct xtrace *lt, struct xreq *lreq,
                             char *err, size_t errlen)
{
    if (lt->verdict.kind != XV_STEPLIMIT && lt->verdict.kind != XV_TIMEOUT)
        return;
    enum xverdict_kind kind = lt->verdict.kind;
    bool finished = false;
    for (int k = 1; k < 4 && !finished; k++) {
        struct xreq q;
        if (xreq_copy(&q, lreq) < 0)
            return;
        q.steps = c->p.steps * (k < 3 ? 2 : 4);
        q.policy = k < 3 ? XP_RANDOM : XP_FIRST;
        q.seed = 7919u * (uint64_t)(k + 1);
        struct xtrace t;
        int rc = explore_run_one(ex, &q, &t, err, errlen);
        xreq_clear(&q);
        r->extra_execs++;
        if (rc < 0)
            return;
        if (t.verdict.kind != kind && t.verdict.kind != XV_OTHER && t.verdict.kind != XV_DIVERGED)
            finished = true;
        xtrace_free(&t);
    }
    if (!finished)
        add_bug(r, kind == XV_TIMEOUT ? "timeout" : "livelock", XBUG_LIVELOCK, lreq, lt, "confirm",
                true);
}

/* ---- the loop ----------------------------------------------------------------------------- */

static void progress_line(const struct explore_cfg *c, struct explore_result *r, struct strategy *s,
                          double t0, bool final)
{
    if (!c->progress)
        return;
    if (final) {
        fputs("\r\033[K", stderr);
        return;
    }
    double dt = now_s() - t0;
    char st[128];
    s->ops->status(s, st, sizeof st);
    fprintf(stderr, "\r\033[Kexplore: %" PRIu64 " executions, %.0f/s, %zu bug%s, %s", r->executions,
            dt > 0 ? (double)r->executions / dt : 0.0, r->nbugs, r->nbugs == 1 ? "" : "s", st);
    fflush(stderr);
}

static const char *origin_name(const char *strategy, int origin)
{
    if (strcmp(strategy, "auto") != 0)
        return strategy;
    return origin == 1 ? "dpor" : origin == 2 ? "pct" : origin == 3 ? "random" : "auto";
}

int explore_run(const struct explore_cfg *c, const struct xexecutor *ex, struct explore_result *out,
                char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(out->strategy, sizeof out->strategy, "%s", c->strategy);
    struct strategy *s = strategy_new(c->strategy, &c->p);
    if (!s) {
        snprintf(err, errlen, "unknown strategy '%s'", c->strategy);
        return -EINVAL;
    }
    double t0 = now_s(), last = 0;
    uint64_t ids = 0, submitted = 0;
    size_t inflight = 0;
    bool done = false;
    int rc = 0;
    struct xtrace lt = {0};
    struct xreq lreq = {0};
    for (;;) {
        double t = now_s();
        bool stop = (c->budget && submitted >= c->budget) ||
                    (c->time_s > 0 && t - t0 >= c->time_s) || (c->interrupted && *c->interrupted) ||
                    (c->stop_on_bug && out->nbugs);
        if (c->budget && submitted >= c->budget)
            out->budget_spent = true;
        if (c->time_s > 0 && t - t0 >= c->time_s)
            out->timed_out = true;
        if (c->interrupted && *c->interrupted)
            out->interrupted = true;
        while (!stop && !done && ex->idle(ex->ctx) > 0 && (!c->budget || submitted < c->budget)) {
            struct xreq q;
            int n = s->ops->next(s, &q);
            if (n < 0) {
                done = true;
                break;
            }
            if (n == 0)
                break;
            q.id = ++ids;
            int sr = ex->submit(ex->ctx, &q);
            if (sr < 0) {
                snprintf(err, errlen, "cannot send a request to the fork server: %s",
                         strerror(-sr));
                xreq_clear(&q);
                rc = sr;
                goto out;
            }
            /* the strategy's tag stays valid: feed gets the request back from the pool */
            xreq_clear(&q);
            submitted++;
            inflight++;
        }
        if (inflight == 0)
            break;
        struct xreq q;
        struct xtrace tr;
        int cr = ex->collect(ex->ctx, 200, &q, &tr, err, errlen);
        if (cr < 0) {
            rc = cr;
            goto out;
        }
        if (cr == 1) {
            inflight--;
            out->executions++;
            s->ops->feed(s, &q, &tr);
            observe(out, &q, &tr, origin_name(c->strategy, q.origin), &lt, &lreq);
            xtrace_free(&tr);
            xreq_clear(&q);
        }
        if (c->progress && now_s() - last > 0.25) {
            last = now_s();
            progress_line(c, out, s, t0, false);
        }
    }
    out->exhausted = done && s->ops->exhausted(s);
    s->ops->status(s, out->status, sizeof out->status);
    progress_line(c, out, s, t0, true);
    confirm_livelock(c, ex, out, &lt, &lreq, err, errlen);
    uint64_t sb = c->shrink_budget ? c->shrink_budget : 300;
    const double ss = 20;                         /* seconds per bug */
    bool shrink = c->shrink && !out->interrupted; /* Ctrl-C: report what we have now */
    if (shrink)
        for (size_t i = 0; i < out->nbugs; i++)
            if (out->bugs[i].cls != XBUG_LIVELOCK && out->bugs[i].trace.nsteps)
                out->extra_execs += shrink_bug(&out->bugs[i], ex, &c->p, sb, ss);
    /* bugs first seen together with another get their own execution (replayed from
     * their decisions), shrunk for themselves: every bug has its own report and token */
    for (size_t i = 0; i < out->nbugs; i++) {
        struct xbug *b = &out->bugs[i];
        if (b->shown_with < 0)
            continue;
        struct xreq q = {0};
        q.policy = XP_FIRST;
        q.steps = c->p.steps;
        q.timeout_ms = c->p.timeout_ms;
        q.prefix = malloc((b->ndecisions ? b->ndecisions : 1) * sizeof *q.prefix);
        if (!q.prefix)
            continue;
        memcpy(q.prefix, b->decisions, b->ndecisions * sizeof *q.prefix);
        q.nprefix = b->ndecisions;
        struct xtrace t;
        if (explore_run_one(ex, &q, &t, err, errlen) == 1) {
            out->extra_execs++;
            if (explore_shows(&t, b->key)) {
                b->trace = t;
                b->shown_with = -1;
                xreq_clear(&b->req);
                b->req = q;
                q.prefix = NULL;
                if (shrink)
                    out->extra_execs += shrink_bug(b, ex, &c->p, sb, ss);
            } else {
                xtrace_free(&t);
            }
        }
        xreq_clear(&q);
    }
out:
    xtrace_free(&lt);
    xreq_clear(&lreq);
    s->ops->destroy(s);
    out->seconds = now_s() - t0;
    return rc;
}

void explore_result_free(struct explore_result *r)
{
    for (size_t i = 0; i < r->nbugs; i++) {
        xreq_clear(&r->bugs[i].req);
        xtrace_free(&r->bugs[i].trace);
        free(r->bugs[i].decisions);
    }
    free(r->bugs);
    memset(r, 0, sizeof *r);
}
