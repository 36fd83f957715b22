/* The policy of explored executions: every scheduling point is a decision.
 * The first decisions follow the prefix sent by the driver (replay, DPOR
 * backtracking, shrinking); after it, a fallback decides:
 * - first: no preemption; keep the current thread, else the lowest id;
 * - random: a uniformly random enabled thread at every decision;
 * - PCT (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010): distinct
 *   random priorities, d-1 change points uniform in [1, k]; the enabled
 *   thread of highest priority runs; at the i-th change point the running
 *   thread's priority drops to i (below every initial priority). */
#include "base/rng.h"
#include "sched/policy.h"
#include "sched/steps.h"

#define MAX_DEPTH 16

static struct explore_cfg cfg;
static struct rng rng;
static u64 decisions;
static u64 change[MAX_DEPTH];
static u32 nchange;
static u64 *prio; /* by tid; 0: not assigned yet */
static u32 nprio;
static const char *run_next; /* the prefix's runs not started yet */
static u32 run_tid;          /* the current run: its thread and the decisions left */
static u64 run_left;

void (*policy_explore_stop)(const char *kind, u64 step);

#include "base/arena.h"

/* Reads the run "tid*count" (or "tid": once) at *p and moves past it and its comma;
 * false at the end of the prefix. */
static bool next_run(const char **p, u32 *tid, u64 *count)
{
    const char *s = *p;
    if (!s || *s < '0' || *s > '9')
        return false;
    u64 t = 0, c = 1;
    while (*s >= '0' && *s <= '9')
        t = t * 10 + (u64)(*s++ - '0');
    if (*s == '*') {
        s++;
        c = 0;
        while (*s >= '0' && *s <= '9')
            c = c * 10 + (u64)(*s++ - '0');
    }
    if (*s == ',')
        s++;
    else
        s = NULL; /* this was the last run */
    *p = s;
    *tid = (u32)t;
    *count = c;
    return true;
}

/* The thread the prefix chooses at the next decision (called once per decision). */
static u32 prefix_next(void)
{
    while (!run_left && next_run(&run_next, &run_tid, &run_left)) {
    }
    run_left--;
    return run_tid;
}

void policy_explore_configure(const struct explore_cfg *c)
{
    cfg = *c;
    cfg.prefix_len = 0;
    run_next = cfg.prefix;
    run_left = 0;
    u32 t;
    u64 n;
    for (const char *p = cfg.prefix; next_run(&p, &t, &n);)
        cfg.prefix_len += n;
    rng_seed(&rng, cfg.seed ^ 0x6578706c6f7265ull);
    decisions = 0;
    nchange = 0;
    if (cfg.fallback == FALLBACK_PCT && cfg.pct_depth > 1) {
        u64 k = cfg.pct_length ? cfg.pct_length : 1000;
        nchange = cfg.pct_depth - 1 < MAX_DEPTH ? cfg.pct_depth - 1 : MAX_DEPTH;
        for (u32 i = 0; i < nchange; i++)
            change[i] = 1 + rng_below(&rng, k);
    }
    nprio = MAX_THREADS;
    prio = arena_map(nprio * sizeof *prio);
}

static void ex_init(u64 seed)
{
    (void)seed;
}

static u64 ex_next_gap(void)
{
    return 1;
}

static struct ithread *ex_choose(struct ithread **cand, u32 n)
{
    /* deterministic: which waiter a signal wakes is the lowest id */
    struct ithread *best = cand[0];
    for (u32 i = 1; i < n; i++)
        if (cand[i]->hb.tid < best->hb.tid)
            best = cand[i];
    return best;
}

static u64 priority(struct ithread *t)
{
    tid_t id = t->hb.tid;
    if (!prio[id])
        prio[id] = (u64)cfg.pct_depth + 1 + (rng_next(&rng) >> 8);
    return prio[id];
}

static struct ithread *fallback(struct ithread **en, u32 n, struct ithread *cur)
{
    switch (cfg.fallback) {
    case FALLBACK_RANDOM:
        return en[rng_below(&rng, n)];
    case FALLBACK_PCT: {
        for (u32 i = 0; i < nchange; i++)
            if (change[i] == decisions && cur)
                prio[cur->hb.tid] = i + 1, (void)priority(cur);
        struct ithread *best = en[0];
        for (u32 i = 0; i < n; i++)
            if (priority(en[i]) > priority(best))
                best = en[i];
        return best;
    }
    case FALLBACK_FIRST:
    default:
        for (u32 i = 0; i < n; i++)
            if (en[i] == cur)
                return cur;
        return ex_choose(en, n);
    }
}

static struct ithread *ex_decide(struct ithread **en, u32 n, struct ithread *cur)
{
    u64 i = decisions;
    if (cfg.max_steps && i >= cfg.max_steps)
        policy_explore_stop("steplimit", i);
    struct ithread *pick = NULL;
    if (i < cfg.prefix_len) {
        u32 want = prefix_next();
        for (u32 k = 0; k < n; k++)
            if (en[k]->hb.tid == want)
                pick = en[k];
        if (!pick)
            policy_explore_stop("diverged", i);
    } else {
        decisions++; /* PCT's change points count decisions from 1 */
        bool timed_block = cur && cur->state == TS_BLOCKED && cur->deadline_ns;
        if (cur && (cur->pend_op == OP_YIELD || timed_block) && n > 1) {
            /* a yield (or a spin loop) lets the others go first; so does a thread that
             * has just blocked with a deadline (enabled: its timeout may pass) */
            struct ithread *others[n];
            u32 m = 0;
            for (u32 k = 0; k < n; k++)
                if (en[k] != cur)
                    others[m++] = en[k];
            pick = fallback(others, m, NULL);
        } else {
            pick = fallback(en, n, cur);
        }
        decisions--;
    }
    decisions++;
    steps_record(pick, en, n);
    return pick;
}

const struct policy policy_explore = {
    .name = "explore",
    .init = ex_init,
    .next_gap = ex_next_gap,
    .choose = ex_choose,
    .decide = ex_decide,
};
