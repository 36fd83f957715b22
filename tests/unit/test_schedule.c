/* Schedules on the wire and in tokens (explore/schedule.c), result parsing
 * (explore/trace.c), and the fork-server client (explore/forksrv.c) against a fake server:
 * this test binary itself, started with --fake-server, answering exec requests from the
 * seed_e model of sim_model.h exactly as the runtime would. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "driver/paths.h"
#include "explore/explore.h"
#include "explore/forksrv.h"
#include "sim_model.h"

static const char *self_exe;

/* ---- prefixes and requests ---------------------------------------------------------------- */

static void test_prefix_roundtrip(void **state)
{
    (void)state;
    uint32_t p[] = {1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 0};
    char *s;
    assert_int_equal(prefix_format(p, 11, &s), 0);
    assert_string_equal(s, "1*5,2*3,1*2,0*1");
    uint32_t *q;
    size_t n;
    assert_int_equal(prefix_parse(s, 100, &q, &n), 0);
    assert_int_equal(n, 11);
    assert_memory_equal(p, q, sizeof p);
    free(q);
    free(s);
    assert_int_equal(prefix_format(NULL, 0, &s), 0);
    assert_string_equal(s, "-");
    free(s);
    assert_int_equal(prefix_parse("-", 10, &q, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(prefix_parse("1*5,2", 10, &q, &n), -EBADMSG);
    assert_int_equal(prefix_parse("1*0", 10, &q, &n), -EBADMSG);
    assert_int_equal(prefix_parse("1*5,2*6", 10, &q, &n), -E2BIG);
}

static void test_request_line(void **state)
{
    (void)state;
    uint32_t p[] = {0, 0, 1, 2};
    struct xreq r = {.id = 7,
                     .policy = XP_PCT,
                     .seed = 42,
                     .depth = 3,
                     .length = 99,
                     .steps = 1000,
                     .timeout_ms = 500,
                     .prefix = p,
                     .nprefix = 4};
    char *line;
    size_t len;
    assert_int_equal(xreq_format(&r, &line, &len), 0);
    assert_string_equal(line, "exec id=7 policy=pct seed=42 steps=1000 timeout_ms=500 depth=3 "
                              "length=99 prefix=0*2,1*1,2*1\n");
    struct xreq q;
    assert_int_equal(xreq_parse(line, &q), 0);
    assert_int_equal(q.id, 7);
    assert_int_equal(q.policy, XP_PCT);
    assert_int_equal(q.seed, 42);
    assert_int_equal(q.nprefix, 4);
    assert_memory_equal(q.prefix, p, sizeof p);
    xreq_clear(&q);
    free(line);
}

/* ---- tokens ------------------------------------------------------------------------------- */

static void test_token_roundtrip(void **state)
{
    (void)state;
    uint32_t p[300];
    for (int i = 0; i < 300; i++)
        p[i] = (uint32_t)(i / 7 % 3);
    struct xtoken t = {.prog = 0x1234567890abcdefull,
                       .policy = XP_RANDOM,
                       .seed = 99,
                       .depth = 2,
                       .steps = 100000,
                       .focus = 77,
                       .prefix = p,
                       .nprefix = 300};
    char *s;
    assert_int_equal(xtoken_encode(&t, &s), 0);
    assert_true(strncmp(s, "ilv1-", 5) == 0);
    for (const char *c = s; *c; c++)
        assert_true((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
                    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_');
    assert_true(strlen(s) < 200); /* run-length varints: compact */
    struct xtoken u;
    char err[128];
    assert_int_equal(xtoken_decode(s, &u, err, sizeof err), 0);
    assert_int_equal(u.prog, t.prog);
    assert_int_equal(u.policy, t.policy);
    assert_int_equal(u.seed, 99);
    assert_int_equal(u.depth, 2);
    assert_int_equal(u.steps, 100000);
    assert_int_equal(u.focus, 77);
    assert_int_equal(u.nprefix, 300);
    assert_memory_equal(u.prefix, p, sizeof p);
    free(u.prefix);

    /* every single-character change is refused (checksum) or decodes to the same token */
    size_t n = strlen(s);
    for (size_t i = 5; i < n; i++) {
        char saved = s[i];
        s[i] = saved == 'A' ? 'B' : 'A';
        int rc = xtoken_decode(s, &u, err, sizeof err);
        if (rc == 0) {
            /* only possible when the change hit the unused low bits of the last char */
            assert_int_equal(i, n - 1);
            free(u.prefix);
        } else {
            assert_int_equal(rc, -EBADMSG);
            assert_true(strlen(err) > 0 && !strchr(err, '\n'));
        }
        s[i] = saved;
    }
    s[n - 3] = '\0'; /* truncated */
    assert_int_equal(xtoken_decode(s, &u, err, sizeof err), -EBADMSG);
    free(s);
    assert_int_equal(xtoken_decode("hello", &u, err, sizeof err), -EBADMSG);
    assert_non_null(strstr(err, "not a replay token"));
    assert_int_equal(xtoken_decode("ilv9-AAAA", &u, err, sizeof err), -EBADMSG);
    assert_non_null(strstr(err, "another version"));
    assert_int_equal(xtoken_decode("ilv1-A*AA", &u, err, sizeof err), -EBADMSG);
}

static void test_program_hash(void **state)
{
    (void)state;
    uint64_t a, b;
    assert_int_equal(program_hash(self_exe, &a), 0);
    assert_int_equal(program_hash(self_exe, &b), 0);
    assert_true(a == b && a != 0);
    assert_int_equal(program_hash("/bin/sh", &b), 0);
    assert_true(a != b);
    assert_true(program_hash("/nonexistent/x", &b) < 0);
    char path[4096];
    assert_int_equal(paths_find_program("sh", path, sizeof path), 0);
    assert_true(paths_find_program("no-such-program-xyz", path, sizeof path) < 0);
}

/* ---- results ------------------------------------------------------------------------------ */

static const char transcript[] =
    "verdict kind=assert msg=x%20==%204 file=/src/seed_e.c line=30 func=main tid=0\n"
    "step i=0 tid=0 op=create obj=0x1 enabled=0:create:0x1\n"
    "step i=1 tid=1 op=start obj=0x0 enabled=0:create:0x2,1:start:0x0\n"
    "step i=2 tid=1 op=r obj=0x5000 enabled=0:create:0x2,1:r:0x5000\n"
    "step i=3 tid=0 op=create obj=0x2 enabled=0:create:0x2,1:w:0x5000\n"
    "step i=4 tid=1 op=w obj=0x5000 enabled=0:join:0x1,1:w:0x5000,2:start:0x0\n"
    "step i=5 tid=1 op=frobnicate obj=0x5000 enabled=1:frobnicate:0x5000\n"
    "interleave-findings version=1\n"
    "run pid=5 seed=1 policy=explore\n"
    "module base=0x1000 path=/tmp/seed e\n"
    "finding id=1 kind=race addr=0x5000 size=4\n"
    "obj kind=global base=0x5000 size=4 tid=0 pc=0x0\n"
    "acc role=current tid=2 op=read atomic=0 size=4 addr=0x5000 pc=0x401000 stack=missing\n"
    "acc role=previous tid=1 op=write atomic=0 size=4 addr=0x5000 pc=0x401010 stack=missing\n"
    "end id=1\n"
    "summary findings=1 events=4 switches=2 threads=3 status=134\n";

static void test_parse_result(void **state)
{
    (void)state;
    struct xtrace t;
    char err[128];
    assert_int_equal(xtrace_parse(transcript, sizeof transcript - 1, &t, err, sizeof err), 0);
    assert_int_equal(t.verdict.kind, XV_ASSERT);
    assert_string_equal(t.verdict.msg, "x == 4");
    assert_string_equal(t.verdict.file, "/src/seed_e.c");
    assert_int_equal(t.verdict.line, 30);
    assert_string_equal(t.verdict.func, "main");
    assert_int_equal(t.nsteps, 6);
    assert_int_equal(t.steps[2].ev.op, XOP_R);
    assert_int_equal(t.steps[2].ev.obj, 0x5000);
    assert_int_equal(t.steps[4].nen, 3);
    assert_int_equal(t.steps[5].ev.op, XOP_OTHER); /* unknown op: dependent with all */
    assert_non_null(xtrace_next_of(&t, 4, 2));
    assert_null(xtrace_next_of(&t, 4, 3));
    assert_true(xtrace_is_preemption(&t, 1));  /* T0 could have gone on */
    assert_true(xtrace_is_preemption(&t, 3));  /* T1 could have gone on */
    assert_false(xtrace_is_preemption(&t, 2)); /* T1 continues */
    assert_true(t.has_findings);
    assert_int_equal(t.run.nfindings, 1);
    assert_string_equal(t.run.modules[0].path, "/tmp/seed e");
    char key[512];
    explore_verdict_key(&t, key, sizeof key);
    assert_string_equal(key, "assert|seed_e.c:30|x == 4");
    explore_finding_key(&t, &t.run.findings[0], key, sizeof key);
    assert_string_equal(key, "race|seed e+0x4000");
    assert_true(explore_shows(&t, "race|seed e+0x4000"));
    xtrace_free(&t);

    assert_int_equal(xtrace_parse("step i=0 tid=0 op=r obj=0x1\n", 28, &t, err, sizeof err),
                     -EBADMSG);
    xtrace_free(&t);
    const char *bad = "verdict kind=ok\nstep i=0 tid=0 op=r obj=0x1 enabled=0:r\n";
    assert_int_equal(xtrace_parse(bad, strlen(bad), &t, err, sizeof err), -EBADMSG);
    xtrace_free(&t);
}

static void test_dependence(void **state)
{
    (void)state;
    struct xev r1 = {1, XOP_R, 0x10}, r2 = {2, XOP_R, 0x10}, w2 = {2, XOP_W, 0x10},
               w3 = {2, XOP_W, 0x18}, l1 = {1, XOP_LOCK, 0x20}, u2 = {2, XOP_UNLOCK, 0x20},
               y2 = {2, XOP_YIELD, 0}, s2 = {2, XOP_SYNC, 0}, ar2 = {2, XOP_AR, 0x10},
               aw1 = {1, XOP_AW, 0x10}, c2 = {2, XOP_CREATE, 1};
    assert_false(xev_dependent(&r1, &r2));
    assert_true(xev_dependent(&r1, &w2));
    assert_false(xev_dependent(&r1, &w3));
    assert_true(xev_dependent(&l1, &u2));
    assert_false(xev_dependent(&l1, &y2));
    assert_true(xev_dependent(&l1, &s2)); /* sync obj=0: opaque */
    assert_true(xev_dependent(&r1, &s2));
    assert_false(xev_dependent(&ar2, &r1));
    assert_true(xev_dependent(&ar2, &aw1));
    assert_false(xev_dependent(&c2, &r1));
}

/* ---- the fork-server client against a fake server ----------------------------------------- */

static int fake_server(const char *mode)
{
    const char *opts = getenv("INTERLEAVE_OPTIONS");
    if (!opts || !strstr(opts, "mode=server"))
        return 3;
    int in = atoi(strstr(opts, "server_in=") + 10), out = atoi(strstr(opts, "server_out=") + 11);
    if (strcmp(mode, "no-hello") == 0) {
        sleep(30);
        return 0;
    }
    if (strcmp(mode, "exit") == 0)
        return 0; /* like a program not built with interleave cc */
    char hello[64];
    int n = snprintf(hello, sizeof hello, "hello version=1 pid=%d\n", (int)getpid());
    if (write(out, hello, (size_t)n) != n)
        return 1;
    FILE *f = fdopen(in, "r");
    char *line = NULL;
    size_t cap = 0;
    struct sim_model m;
    sim_seed_e(&m);
    int served = 0;
    while (getline(&line, &cap, f) > 0) {
        if (strncmp(line, "quit", 4) == 0)
            break;
        struct xreq r;
        if (xreq_parse(line, &r) < 0)
            continue;
        if (strcmp(mode, "die") == 0 && served == 1)
            _exit(9); /* dies with a request in flight */
        if (strcmp(mode, "slow") == 0 && r.seed == 666)
            sleep(30);
        size_t len;
        char *payload = sim_run(&m, &r, &len);
        char head[64];
        n = snprintf(head, sizeof head, "result id=%llu bytes=%zu\n", (unsigned long long)r.id,
                     len);
        if (write(out, head, (size_t)n) != n || write(out, payload, len) != (ssize_t)len)
            return 1;
        free(payload);
        xreq_clear(&r);
        served++;
    }
    free(line);
    return 0;
}

static struct xpool *open_pool(const char *mode, int n, char *err, size_t len, int *rc)
{
    static char *argv[4];
    argv[0] = (char *)self_exe;
    argv[1] = "--fake-server";
    argv[2] = (char *)mode;
    argv[3] = NULL;
    struct forksrv_cfg c = {.argv = argv, .hello_ms = 1500};
    struct xpool *p = NULL;
    *rc = xpool_open(&c, n, &p, err, len);
    return p;
}

static void test_pool_runs_requests(void **state)
{
    (void)state;
    char err[256];
    int rc;
    struct xpool *p = open_pool("ok", 2, err, sizeof err, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(xpool_idle(p), 2);
    for (int round = 0; round < 3; round++) {
        struct xreq q = {.id = (uint64_t)round * 2 + 1, .policy = XP_FIRST, .steps = 100};
        assert_int_equal(xpool_submit(p, &q), 0);
        q.id++;
        q.policy = XP_RANDOM;
        q.seed = 5;
        assert_int_equal(xpool_submit(p, &q), 0);
        assert_int_equal(xpool_submit(p, &q), -EBUSY);
        int got = 0;
        while (got < 2) {
            struct xreq r;
            struct xtrace t;
            int c = xpool_collect(p, 2000, &r, &t, err, sizeof err);
            assert_int_equal(c, 1);
            assert_true(r.id == (uint64_t)round * 2 + 1 || r.id == (uint64_t)round * 2 + 2);
            assert_true(t.nsteps > 10);
            assert_true(t.verdict.kind == XV_OK || t.verdict.kind == XV_ASSERT);
            xtrace_free(&t);
            xreq_clear(&r);
            got++;
        }
    }
    xpool_close(p);
}

static void test_pool_restarts_dead_server(void **state)
{
    (void)state;
    char err[256];
    int rc;
    struct xpool *p = open_pool("die", 1, err, sizeof err, &rc);
    assert_int_equal(rc, 0);
    for (uint64_t id = 1; id <= 3; id++) {
        struct xreq q = {.id = id, .policy = XP_FIRST, .steps = 100};
        assert_int_equal(xpool_submit(p, &q), 0);
        struct xreq r;
        struct xtrace t;
        assert_int_equal(xpool_collect(p, 5000, &r, &t, err, sizeof err), 1);
        assert_int_equal(r.id, id);
        /* the second request kills the server; it is restarted and the request sent
         * again, which the new server answers (it dies at its own second one) */
        assert_int_equal(t.verdict.kind, XV_OK);
        xtrace_free(&t);
        xreq_clear(&r);
    }
    assert_true(xpool_restarts(p) >= 1);
    xpool_close(p);
}

static void test_pool_kills_hung_server(void **state)
{
    (void)state;
    char err[256];
    int rc;
    struct xpool *p = open_pool("slow", 1, err, sizeof err, &rc);
    assert_int_equal(rc, 0);
    struct xreq q = {.id = 1, .policy = XP_RANDOM, .seed = 666, .steps = 100, .timeout_ms = 10};
    assert_int_equal(xpool_submit(p, &q), 0);
    struct xreq r;
    struct xtrace t;
    int c;
    while ((c = xpool_collect(p, 500, &r, &t, err, sizeof err)) == 0)
        ;
    assert_int_equal(c, 1);
    assert_int_equal(t.verdict.kind, XV_TIMEOUT);
    xtrace_free(&t);
    xreq_clear(&r);
    /* the restarted server answers */
    q.seed = 1;
    q.id = 2;
    assert_int_equal(xpool_submit(p, &q), 0);
    assert_int_equal(xpool_collect(p, 5000, &r, &t, err, sizeof err), 1);
    assert_int_equal(r.id, 2);
    assert_true(t.nsteps > 0);
    xtrace_free(&t);
    xreq_clear(&r);
    xpool_close(p);
}

static void test_not_a_server(void **state)
{
    (void)state;
    char err[256];
    int rc;
    /* this file holds the runtime's greeting, so an early exit is not blamed on the build */
    struct xpool *p = open_pool("exit", 1, err, sizeof err, &rc);
    assert_null(p);
    assert_int_equal(rc, -ENOEXEC);
    assert_non_null(strstr(err, "ended before its fork server started"));
    assert_null(strchr(err, '\n'));
    p = open_pool("no-hello", 1, err, sizeof err, &rc);
    assert_null(p);
    assert_int_equal(rc, -ENOEXEC);
    assert_non_null(strstr(err, "within 1500 ms"));
}

/* The whole engine over the fake servers: DPOR exhausts the model, finds and shrinks
 * the lost update to one preemption. */
static int pidle(void *c)
{
    return xpool_idle(c);
}
static int psubmit(void *c, const struct xreq *r)
{
    return xpool_submit(c, r);
}
static int pcollect(void *c, int ms, struct xreq *r, struct xtrace *t, char *e, size_t l)
{
    return xpool_collect(c, ms, r, t, e, l);
}

static void test_engine(void **state)
{
    (void)state;
    char err[256];
    int rc;
    struct xpool *p = open_pool("ok", 2, err, sizeof err, &rc);
    assert_int_equal(rc, 0);
    struct xexecutor ex = {pidle, psubmit, pcollect, p};
    struct explore_cfg c = {.strategy = "dpor",
                            .p = {.steps = 1000, .timeout_ms = 1000, .seed = 1},
                            .budget = 1000,
                            .shrink = true};
    struct explore_result r;
    assert_int_equal(explore_run(&c, &ex, &r, err, sizeof err), 0);
    assert_true(r.exhausted);
    assert_int_equal(r.executions, 34);
    assert_int_equal(r.nbugs, 1);
    assert_int_equal(r.bugs[0].cls, XBUG_VERDICT);
    assert_int_equal(r.bugs[0].preemptions, 1);
    assert_int_equal(r.bugs[0].trace.verdict.kind, XV_ASSERT);
    explore_result_free(&r);

    c.strategy = "auto";
    assert_int_equal(explore_run(&c, &ex, &r, err, sizeof err), 0);
    for (size_t i = 0; i < r.nbugs; i++)
        print_message("  bug %s\n", r.bugs[i].key);
    assert_true(r.exhausted);
    assert_int_equal(r.nbugs, 1);
    assert_int_equal(r.bugs[0].preemptions, 1);
    explore_result_free(&r);

    c.strategy = "pct";
    c.budget = 300;
    assert_int_equal(explore_run(&c, &ex, &r, err, sizeof err), 0);
    assert_false(r.exhausted);
    assert_true(r.budget_spent);
    assert_int_equal(r.nbugs, 1);
    assert_int_equal(r.bugs[0].preemptions, 1);
    explore_result_free(&r);
    xpool_close(p);
}

int main(int argc, char **argv)
{
    self_exe = argv[0];
    if (argc >= 3 && strcmp(argv[1], "--fake-server") == 0)
        return fake_server(argv[2]);
    static char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        self_exe = exe;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prefix_roundtrip),
        cmocka_unit_test(test_request_line),
        cmocka_unit_test(test_token_roundtrip),
        cmocka_unit_test(test_program_hash),
        cmocka_unit_test(test_parse_result),
        cmocka_unit_test(test_dependence),
        cmocka_unit_test(test_pool_runs_requests),
        cmocka_unit_test(test_pool_restarts_dead_server),
        cmocka_unit_test(test_pool_kills_hung_server),
        cmocka_unit_test(test_not_a_server),
        cmocka_unit_test(test_engine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
