/* DPOR against an independent count: every interleaving of small hand-written models
 * (seed_e's events and variants) is enumerated by brute force and grouped into
 * Mazurkiewicz classes by a canonical linearization of its happens-before order; the
 * explorer, run against the same models (sim_model.h), must visit every class, say
 * that the space is exhausted, and do so without redundant complete executions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "explore/strategy.h"
#include "sim_model.h"

/* ---- brute force -------------------------------------------------------------------------- */

struct keyset {
    char **k;
    size_t n, cap;
};

static int keyset_add(struct keyset *s, const char *k)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->k[i], k) == 0)
            return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->k = realloc(s->k, s->cap * sizeof *s->k);
    }
    s->k[s->n++] = strdup(k);
    return 1;
}

static void keyset_free(struct keyset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->k[i]);
    free(s->k);
}

static int edge(const struct xev *ev, size_t n, size_t a, size_t b)
{
    (void)n;
    if (ev[a].tid == ev[b].tid || xev_dependent(&ev[a], &ev[b]))
        return 1;
    if (ev[a].op == XOP_CREATE && ev[a].obj == ev[b].tid && ev[b].op == XOP_START)
        return 1;
    if (ev[b].op == XOP_JOIN && ev[b].obj == ev[a].tid && ev[a].op == XOP_EXIT)
        return 1;
    return 0;
}

/* The lexicographically least (by thread id) linearization of the trace's partial order:
 * equal for two traces iff they are Mazurkiewicz-equivalent. */
static void canon(const struct xev *ev, size_t n, char *key)
{
    int taken[256] = {0};
    size_t k = 0;
    for (size_t step = 0; step < n; step++) {
        size_t best = n;
        for (size_t b = 0; b < n; b++) {
            if (taken[b])
                continue;
            int ready = 1;
            for (size_t a = 0; a < b && ready; a++)
                if (!taken[a] && edge(ev, n, a, b))
                    ready = 0;
            if (ready && (best == n || ev[b].tid < ev[best].tid))
                best = b;
        }
        taken[best] = 1;
        key[k++] = (char)('0' + ev[best].tid);
        key[k++] = ev[best].op == XOP_R ? 'r' : ev[best].op == XOP_W ? 'w' : '.';
    }
    key[k] = '\0';
}

static void brute(const struct sim_model *m, struct sim_state *s, struct xev *ev, size_t n,
                  struct keyset *ks, uint64_t *total)
{
    struct xev en[SIM_MAXT];
    uint32_t nen = 0;
    for (uint32_t t = 0; t < m->nthreads; t++)
        if (sim_next(m, s, t, &en[nen]))
            nen++;
    int failed = n && ev[n - 1].op == XOP_R && 0;
    (void)failed;
    if (nen == 0) {
        char key[600];
        canon(ev, n, key);
        keyset_add(ks, key);
        (*total)++;
        return;
    }
    for (uint32_t k = 0; k < nen; k++) {
        struct sim_state save = *s;
        ev[n] = en[k];
        int bad = sim_do(m, s, en[k].tid);
        if (bad) { /* the assertion ends the execution */
            char key[600];
            canon(ev, n + 1, key);
            keyset_add(ks, key);
            (*total)++;
        } else {
            brute(m, s, ev, n + 1, ks, total);
        }
        *s = save;
    }
}

/* ---- the explorer against the model -------------------------------------------------------- */

struct result {
    uint64_t executions, failures;
    struct dpor_stats st;
    bool exhausted;
    struct keyset classes;
};

static void explore(struct strategy *s, const struct sim_model *m, int parallel, struct result *res)
{
    memset(res, 0, sizeof *res);
    struct xreq inflight[8];
    int nin = 0;
    uint64_t id = 0;
    for (;;) {
        int rc = 1;
        while (nin < parallel && (rc = s->ops->next(s, &inflight[nin])) == 1)
            inflight[nin++].id = ++id;
        if (nin == 0) {
            assert_int_equal(rc, -1);
            break;
        }
        /* finish the oldest one (or, in parallel mode, the newest: another order) */
        int pick = parallel > 1 ? nin - 1 : 0;
        struct xreq r = inflight[pick];
        memmove(&inflight[pick], &inflight[pick + 1], (size_t)(nin - pick - 1) * sizeof r);
        nin--;
        size_t len;
        char *payload = sim_run(m, &r, &len);
        struct xtrace t;
        char err[128];
        assert_int_equal(xtrace_parse(payload, len, &t, err, sizeof err), 0);
        free(payload);
        res->executions++;
        if (t.verdict.kind == XV_ASSERT)
            res->failures++;
        struct xev ev[256];
        for (size_t i = 0; i < t.nsteps; i++)
            ev[i] = t.steps[i].ev;
        char key[600];
        canon(ev, t.nsteps, key);
        keyset_add(&res->classes, key);
        s->ops->feed(s, &r, &t);
        xtrace_free(&t);
        xreq_clear(&r);
        assert_true(res->executions < 100000);
    }
    res->exhausted = s->ops->exhausted(s);
    if (strcmp(s->ops->name, "dpor") == 0)
        strategy_dpor_stats(s, &res->st);
}

static const struct xparams params = {.steps = 1000, .timeout_ms = 1000, .seed = 1};

static void check_model(const struct sim_model *m, uint64_t expect_classes, int parallel)
{
    struct sim_state s;
    memset(&s, 0, sizeof s);
    s.created[0] = 1;
    struct xev ev[256];
    struct keyset all = {0};
    uint64_t total = 0;
    brute(m, &s, ev, 0, &all, &total);
    if (expect_classes)
        assert_int_equal(all.n, expect_classes);

    struct strategy *d = strategy_dpor_new(&params);
    struct result r;
    explore(d, m, parallel, &r);
    print_message("  %llu interleavings, %zu Mazurkiewicz classes; DPOR: %llu executions, "
                  "%llu complete, %llu blocked, %zu classes seen\n",
                  (unsigned long long)total, all.n, (unsigned long long)r.executions,
                  (unsigned long long)r.st.complete, (unsigned long long)r.st.blocked, r.classes.n);
    assert_true(r.exhausted);
    /* every class was explored (and only real classes) */
    assert_int_equal(r.classes.n, all.n);
    for (size_t i = 0; i < all.n; i++) {
        int found = 0;
        for (size_t k = 0; k < r.classes.n && !found; k++)
            found = strcmp(all.k[i], r.classes.k[k]) == 0;
        assert_true(found);
    }
    if (parallel == 1) /* source-DPOR explores each class once on these models */
        assert_int_equal(r.st.complete, all.n);
    d->ops->destroy(d);
    keyset_free(&r.classes);
    keyset_free(&all);
}

static void test_seed_e(void **state)
{
    (void)state;
    struct sim_model m;
    sim_seed_e(&m);
    /* the interleavings of two sequences r w r w, C(8,4) = 70, where adjacent reads of
     * the two threads commute: 34 classes (also checked by a separate script) */
    check_model(&m, 34, 1);
}

static void test_seed_e_parallel(void **state)
{
    (void)state;
    struct sim_model m;
    sim_seed_e(&m);
    check_model(&m, 34, 4);
}

static void test_seed_e_finds_bug(void **state)
{
    (void)state;
    struct sim_model m;
    sim_seed_e(&m);
    struct strategy *d = strategy_dpor_new(&params);
    struct result r;
    explore(d, &m, 1, &r);
    assert_true(r.failures > 0);
    d->ops->destroy(d);
    keyset_free(&r.classes);
    /* preemption bounding finds it too, and covers the same classes when unbounded */
    struct strategy *b = strategy_bounded_new(&params);
    explore(b, &m, 1, &r);
    assert_true(r.failures > 0);
    assert_int_equal(r.classes.n, 34);
    assert_true(r.exhausted);
    b->ops->destroy(b);
    keyset_free(&r.classes);
}

static void test_mutex(void **state)
{
    (void)state;
    /* seed_b-like: each increment under a mutex; only the order of critical sections
     * matters: 4 sections, 2 per thread: C(4,2) = 6 classes */
    struct sim_model m;
    memset(&m, 0, sizeof m);
    m.nthreads = 3;
    struct sim_op main_ops[] = {
        {S_CREATE, 0, 1}, {S_CREATE, 0, 2}, {S_JOIN, 0, 1}, {S_JOIN, 0, 2}, {S_CHECK, 1, 4}};
    memcpy(m.ops[0], main_ops, sizeof main_ops);
    m.nops[0] = 5;
    for (uint32_t t = 1; t <= 2; t++) {
        struct sim_op w[] = {{S_LOCK, 2, 0}, {S_R, 1, 0}, {S_W, 1, 0}, {S_UNLOCK, 2, 0},
                             {S_LOCK, 2, 0}, {S_R, 1, 0}, {S_W, 1, 0}, {S_UNLOCK, 2, 0}};
        memcpy(m.ops[t], w, sizeof w);
        m.nops[t] = 8;
    }
    check_model(&m, 0, 1);
}

static void test_independent(void **state)
{
    (void)state;
    /* three workers on three different variables: one class */
    struct sim_model m;
    memset(&m, 0, sizeof m);
    m.nthreads = 4;
    struct sim_op main_ops[] = {{S_CREATE, 0, 1}, {S_CREATE, 0, 2}, {S_CREATE, 0, 3},
                                {S_JOIN, 0, 1},   {S_JOIN, 0, 2},   {S_JOIN, 0, 3}};
    memcpy(m.ops[0], main_ops, sizeof main_ops);
    m.nops[0] = 6;
    for (uint32_t t = 1; t <= 3; t++) {
        struct sim_op w[] = {{S_R, t + 2, 0}, {S_W, t + 2, 0}};
        memcpy(m.ops[t], w, sizeof w);
        m.nops[t] = 2;
    }
    check_model(&m, 1, 1);
}

static void test_three_threads(void **state)
{
    (void)state;
    /* three workers, one increment each on x (main does not join: a smaller space) */
    struct sim_model m;
    memset(&m, 0, sizeof m);
    m.nthreads = 4;
    struct sim_op main_ops[] = {{S_CREATE, 0, 1}, {S_CREATE, 0, 2}, {S_CREATE, 0, 3}};
    memcpy(m.ops[0], main_ops, sizeof main_ops);
    m.nops[0] = 3;
    for (uint32_t t = 1; t <= 3; t++) {
        struct sim_op w[] = {{S_R, 1, 0}, {S_W, 1, 0}};
        memcpy(m.ops[t], w, sizeof w);
        m.nops[t] = 2;
    }
    check_model(&m, 0, 1);
    check_model(&m, 0, 3);
}

static void test_sharded_union(void **state)
{
    (void)state;
    struct sim_model m;
    sim_seed_e(&m);
    struct keyset all = {0};
    for (uint32_t k = 0; k < 3; k++) {
        struct xparams p = params;
        p.shard_k = k;
        p.shard_n = 3;
        struct strategy *d = strategy_dpor_new(&p);
        struct result r;
        explore(d, &m, 1, &r);
        for (size_t i = 0; i < r.classes.n; i++)
            keyset_add(&all, r.classes.k[i]);
        d->ops->destroy(d);
        keyset_free(&r.classes);
    }
    assert_int_equal(all.n, 34);
    keyset_free(&all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_e),           cmocka_unit_test(test_seed_e_parallel),
        cmocka_unit_test(test_seed_e_finds_bug), cmocka_unit_test(test_mutex),
        cmocka_unit_test(test_independent),      cmocka_unit_test(test_three_threads),
        cmocka_unit_test(test_sharded_union),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
