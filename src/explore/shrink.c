/* shrink: minimizes a bug's schedule before it is reported: first the number of
 * preemptions, then the number of steps, re-running every candidate to check that it
 * still shows the same bug (same verdict and location, or the same finding).
 * A schedule is seen as runs of one thread (T1 x5, T2 x3, ...); at each run boundary that
 * is a preemption, the candidates are, in order:
 *   - cut: keep the decisions before it and let `first` continue (no preemption from
 *     there on: it removes this one and every later one);
 *   - remove: the preempted thread continues instead, its next run moved up here;
 *   - earlier / later: the switch moves 1..8 decisions earlier or later.
 * The first candidate that reproduces with fewer preemptions, or as many and fewer steps,
 * or as many of both with earlier switches (easier to read), replaces the schedule, and the search
 * starts again from it, until no candidate improves or the execution budget is spent. Greedy, like
 * delta debugging: the result is 1-minimal for these moves, not a global minimum. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "explore/explore.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct runs {
    uint32_t *tid;
    size_t *cnt;
    size_t n;
};

static int runs_of(const uint32_t *d, size_t n, struct runs *r)
{
    r->tid = malloc((n + 1) * sizeof *r->tid);
    r->cnt = malloc((n + 1) * sizeof *r->cnt);
    r->n = 0;
    if (!r->tid || !r->cnt)
        return -ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || d[i] != d[i - 1]) {
            r->tid[r->n] = d[i];
            r->cnt[r->n++] = 0;
        }
        r->cnt[r->n - 1]++;
    }
    return 0;
}

static void runs_free(struct runs *r)
{
    free(r->tid);
    free(r->cnt);
}

/* Flattens runs (in the order given by idx, with counts cnt) into a decision list. */
static uint32_t *flatten(const struct runs *r, const size_t *idx, const size_t *cnt, size_t n,
                         size_t *len)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += cnt[i];
    uint32_t *d = malloc((total + 1) * sizeof *d);
    if (!d)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < cnt[i]; c++)
            d[k++] = r->tid[idx[i]];
    *len = total;
    return d;
}

/* Candidate `which` (0 cut, 1 remove, 2 earlier, 3 later, by delta decisions) at run
 * boundary b. */
static uint32_t *candidate(const uint32_t *d, const struct runs *r, size_t b, int which,
                           size_t delta, size_t *len)
{
    size_t pos = 0;
    for (size_t i = 0; i < b; i++)
        pos += r->cnt[i];
    if (which == 0) {
        uint32_t *c = malloc((pos + 1) * sizeof *c);
        if (!c)
            return NULL;
        memcpy(c, d, pos * sizeof *c);
        *len = pos;
        return c;
    }
    uint32_t a = r->tid[b - 1];
    size_t m = b;
    while (m < r->n && r->tid[m] != a)
        m++;
    size_t *idx = malloc((r->n + 1) * sizeof *idx), *cnt = malloc((r->n + 1) * sizeof *cnt);
    if (!idx || !cnt) {
        free(idx);
        free(cnt);
        return NULL;
    }
    size_t n = 0;
    uint32_t *out = NULL;
    if (which == 1) {
        if (m == r->n)
            goto done; /* same as the cut */
        for (size_t i = 0; i < b; i++)
            idx[n] = i, cnt[n++] = r->cnt[i];
        idx[n] = m, cnt[n++] = r->cnt[m];
        for (size_t i = b; i < r->n; i++)
            if (i != m)
                idx[n] = i, cnt[n++] = r->cnt[i];
    } else if (which == 2) {
        if (r->cnt[b - 1] <= delta)
            goto done;
        for (size_t i = 0; i < r->n; i++) {
            idx[n] = i;
            cnt[n] = r->cnt[i];
            if (i == b - 1)
                cnt[n] -= delta;
            if (i == m)
                cnt[n] += delta;
            n++;
        }
        if (m == r->n) { /* a's steps move after everything */
            idx[n] = b - 1;
            cnt[n++] = delta;
        }
    } else {
        if (m == r->n || r->cnt[m] < delta)
            goto done;
        for (size_t i = 0; i < r->n; i++) {
            idx[n] = i;
            cnt[n] = r->cnt[i];
            if (i == b - 1)
                cnt[n] += delta;
            if (i == m)
                cnt[n] -= delta;
            if (cnt[n])
                n++;
        }
    }
    out = flatten(r, idx, cnt, n, len);
done:
    free(idx);
    free(cnt);
    return out;
}

/* Sum of the positions of the preemptions: the tie-breaker, earlier is simpler to read
 * (the preempted thread has done less). */
static size_t where(const struct xtrace *t)
{
    size_t s = 0;
    for (size_t i = 1; i < t->nsteps; i++)
        if (xtrace_is_preemption(t, i))
            s += i;
    return s;
}

static bool better(const struct xtrace *t, const struct xbug *b)
{
    size_t p = xtrace_preemptions(t);
    if (p != b->preemptions)
        return p < b->preemptions;
    if (t->nsteps != b->trace.nsteps)
        return t->nsteps < b->trace.nsteps;
    return where(t) < where(&b->trace);
}

/* Runs prefix c (owned) and keeps the result when it shows b's bug and is better. */
static int try_candidate(struct xbug *b, const struct xexecutor *ex, const struct xparams *p,
                         uint32_t *c, size_t len, bool *improved)
{
    char err[256];
    struct xreq q = {0};
    q.policy = XP_FIRST;
    q.steps = p->steps;
    q.timeout_ms = p->timeout_ms;
    q.prefix = c;
    q.nprefix = len;
    struct xtrace t;
    int rc = explore_run_one(ex, &q, &t, err, sizeof err);
    if (rc < 0) {
        xreq_clear(&q);
        return rc;
    }
    uint32_t *d = NULL;
    if (explore_shows(&t, b->key) && better(&t, b) && (d = malloc((t.nsteps + 1) * sizeof *d))) {
        for (size_t i = 0; i < t.nsteps; i++)
            d[i] = t.steps[i].ev.tid;
        free(b->decisions);
        b->decisions = d;
        b->ndecisions = t.nsteps;
        xtrace_free(&b->trace);
        b->trace = t;
        b->preemptions = xtrace_preemptions(&b->trace);
        xreq_clear(&b->req);
        b->req = q;
        b->shrunk = true;
        *improved = true;
        return 0;
    }
    xtrace_free(&t);
    xreq_clear(&q);
    return 0;
}

/* Single-preemption schedules built on the `first` execution f: for each preemption of
 * b's trace (A preempted by B after A's a-th step), preempt A by B after its (a + delta)-th
 * step in f. They reach a one-preemption bug that greedy moves from a random schedule
 * cannot (the intermediate schedules may not show it). */
static uint64_t single_preemptions(struct xbug *b, const struct xexecutor *ex,
                                   const struct xparams *p, const struct xtrace *f, uint64_t budget,
                                   bool *improved)
{
    static const int deltas[] = {0, -1, 1, -2, 2, -3, 3};
    uint64_t used = 0;
    const struct xtrace *t = &b->trace;
    size_t np = b->preemptions;
    for (size_t i = 1; i < t->nsteps && used < budget && !*improved; i++) {
        if (!xtrace_is_preemption(t, i))
            continue;
        for (int swap = 0; swap < 2 && used < budget && !*improved; swap++) {
            /* also with the roles swapped: the symmetric schedule may be shorter */
            uint32_t A = t->steps[i - 1].ev.tid, B = t->steps[i].ev.tid;
            size_t a = 0;
            for (size_t k = 0; k < i; k++)
                a += t->steps[k].ev.tid == A;
            if (swap) {
                uint32_t x = A;
                A = B;
                B = x;
                a = 0;
                for (size_t k = 0; k <= i; k++)
                    a += t->steps[k].ev.tid == A;
            }
            for (size_t di = 0;
                 di < sizeof deltas / sizeof deltas[0] && used < budget && !*improved; di++) {
                long target = (long)a + deltas[di];
                if (target < 1)
                    continue;
                long cnt = 0;
                for (size_t j = 1; j < f->nsteps; j++) {
                    cnt += f->steps[j - 1].ev.tid == A;
                    if (cnt != target || f->steps[j - 1].ev.tid != A)
                        continue;
                    if (!xtrace_next_of(f, j, B) || f->steps[j].ev.tid == B)
                        break;
                    uint32_t *c = malloc((j + 1) * sizeof *c);
                    if (!c)
                        return used;
                    for (size_t k = 0; k < j; k++)
                        c[k] = f->steps[k].ev.tid;
                    c[j] = B;
                    used++;
                    if (try_candidate(b, ex, p, c, j + 1, improved) < 0)
                        return budget;
                    break;
                }
            }
        }
    }
    (void)np;
    return used;
}

uint64_t shrink_bug(struct xbug *b, const struct xexecutor *ex, const struct xparams *p,
                    uint64_t max_execs, double max_seconds)
{
    uint64_t used = 0;
    double deadline = now_s() + max_seconds;
    char err[256];
    bool improved = true;
    if (b->preemptions >= 1) {
        /* the `first` execution, then one-preemption schedules derived from it */
        struct xreq q = {0};
        q.policy = XP_FIRST;
        q.steps = p->steps;
        q.timeout_ms = p->timeout_ms;
        struct xtrace f;
        if (explore_run_one(ex, &q, &f, err, sizeof err) == 1) {
            used++;
            bool imp = false;
            if (explore_shows(&f, b->key) && better(&f, b)) {
                xtrace_free(&f);
                uint32_t *none = malloc(sizeof *none);
                if (none && try_candidate(b, ex, p, none, 0, &imp) == 0)
                    used++;
            } else {
                used += single_preemptions(b, ex, p, &f, max_execs / 2, &imp);
                xtrace_free(&f);
            }
        }
    }
    while (improved && used < max_execs && now_s() < deadline) {
        improved = false;
        struct runs r;
        if (runs_of(b->decisions, b->ndecisions, &r) < 0) {
            runs_free(&r);
            break;
        }
        /* run starts that are preemptions in the current trace */
        size_t pos = 0;
        for (size_t k = 1; k < r.n && !improved && used < max_execs && now_s() < deadline; k++) {
            pos += r.cnt[k - 1];
            if (!xtrace_is_preemption(&b->trace, pos))
                continue;
            /* cut, remove, then earlier by 1..8, then later by 1..8 */
            for (int cand = 0; cand < 18 && !improved && used < max_execs; cand++) {
                int which = cand < 2 ? cand : cand < 10 ? 2 : 3;
                size_t delta = cand < 2 ? 0 : cand < 10 ? (size_t)(cand - 1) : (size_t)(cand - 9);
                size_t len = 0;
                uint32_t *c = candidate(b->decisions, &r, k, which, delta, &len);
                if (!c)
                    continue;
                int rc = try_candidate(b, ex, p, c, len, &improved);
                used++;
                if (rc < 0) {
                    runs_free(&r);
                    b->shrink_execs += used;
                    return used;
                }
            }
        }
        runs_free(&r);
    }
    b->shrink_execs += used;
    return used;
}
