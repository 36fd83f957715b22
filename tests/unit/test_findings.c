/* Unit tests of the findings stream parser (src/model/findings.c) on handwritten streams,
 * complete, truncated and garbled, and of the text report rendered from a parsed stream
 * with a fake symbolizer (src/report/render_text.c). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/findings.h"
#include "report/render_text.h"

static const char full[] =
    "interleave-findings version=1\n"
    "run pid=4242 seed=1 policy=random\n"
    "module base=0x555555554000 path=/tmp/my dir/racy\n"
    "module base=0x7ffff7c00000 path=/lib/x86_64-linux-gnu/libc.so.6\n"
    "thread tid=1 parent=0 create_pc=0x555555555300 start=0x555555555200\n"
    "thread tid=2 parent=0 create_pc=0x555555555300 start=0x555555555200\n"
    "finding id=1 kind=race addr=0x555555558010 size=8\n"
    "obj kind=global base=0x555555558010 size=8 tid=0 pc=0x0\n"
    "acc role=current tid=2 op=write atomic=0 size=8 addr=0x555555558010 pc=0x555555555220 "
    "stack=0x555555555250,0x7ffff7c29d90\n"
    "acc role=previous tid=1 op=read atomic=0 size=8 addr=0x555555558010 pc=0x555555555210 "
    "seq=1 stack=missing\n"
    "ev seq=1 tid=1 op=r size=8 addr=0x555555558010 value=0x0 pc=0x555555555210 mark=0\n"
    "ev seq=2 tid=2 op=r size=8 addr=0x555555558010 value=0x0 pc=0x555555555210 mark=1\n"
    "ev seq=3 tid=1 op=w size=8 addr=0x555555558010 value=0x1 pc=0x555555555220 mark=0\n"
    "ev seq=4 tid=2 op=w size=8 addr=0x555555558010 value=0x1 pc=0x555555555220 mark=1\n"
    "end id=1\n"
    "finding id=2 kind=deadlock addr=0x0 size=0\n"
    "note text=T1_waits_for_mutex_0x555555558040_held_by_T2\n"
    "end id=2\n"
    "summary findings=2 events=120 switches=7 threads=3 instrumented=4 status=0\n";

static int parse(const char *s, struct findings_run *run, struct findings_error *err)
{
    return findings_parse(s, strlen(s), run, err);
}

static void test_full(void **state)
{
    (void)state;
    struct findings_run run;
    struct findings_error err;
    assert_int_equal(parse(full, &run, &err), 0);
    assert_true(run.has_header);
    assert_int_equal(run.version, 1);
    assert_int_equal(run.pid, 4242);
    assert_int_equal(run.seed, 1);
    assert_string_equal(run.policy, "random");
    assert_int_equal(run.nmodules, 2);
    assert_string_equal(run.modules[0].path, "/tmp/my dir/racy");
    assert_int_equal(run.modules[0].base, 0x555555554000);
    assert_int_equal(run.nthreads, 2);
    assert_int_equal(run.threads[1].tid.n, 2);
    assert_int_equal(run.threads[1].create_pc, 0x555555555300);
    assert_int_equal(run.nfindings, 2);

    const struct findings_finding *f = &run.findings[0];
    assert_int_equal(f->kind, FINDINGS_KIND_RACE);
    assert_true(f->complete);
    assert_int_equal(f->addr, 0x555555558010);
    assert_int_equal(f->size, 8);
    assert_true(f->obj.present);
    assert_int_equal(f->obj.kind, FINDINGS_OBJ_GLOBAL);
    assert_int_equal(f->naccs, 2);
    const struct findings_access *cur = findings_access_find(f, FINDINGS_ROLE_CURRENT);
    assert_non_null(cur);
    assert_int_equal(cur->tid.n, 2);
    assert_int_equal(cur->op, FINDINGS_OP_WRITE);
    assert_int_equal(cur->nstack, 2);
    assert_int_equal(cur->stack[1], 0x7ffff7c29d90);
    const struct findings_access *prev = findings_access_find(f, FINDINGS_ROLE_PREVIOUS);
    assert_true(prev->stack_missing);
    assert_int_equal(prev->nstack, 0);
    assert_false(cur->has_seq); /* seq= and gap= are optional */
    assert_true(prev->has_seq);
    assert_int_equal(prev->seq, 1);
    assert_false(f->evs[1].gap);
    assert_null(findings_access_find(f, FINDINGS_ROLE_READ));
    assert_int_equal(f->nevs, 4);
    assert_int_equal(f->evs[3].op, FINDINGS_OP_WRITE);
    assert_int_equal(f->evs[3].value, 1);
    assert_true(f->evs[3].mark);
    assert_false(f->evs[0].mark);

    f = &run.findings[1];
    assert_int_equal(f->kind, FINDINGS_KIND_DEADLOCK);
    assert_int_equal(f->nnotes, 1);
    assert_string_equal(f->notes[0], "T1 waits for mutex 0x555555558040 held by T2");
    assert_false(f->obj.present);

    assert_true(run.has_summary);
    assert_false(run.truncated);
    assert_int_equal(run.summary.findings, 2);
    assert_int_equal(run.summary.switches, 7);
    assert_true(run.summary.has_instrumented);
    assert_int_equal(run.summary.instrumented, 4);
    assert_non_null(findings_thread_find(&run, (struct findings_tid){1}));
    assert_null(findings_thread_find(&run, (struct findings_tid){9}));
    findings_free(&run);
    assert_int_equal(run.nfindings, 0);
}

/* A lost update's accesses name their events (seq=), and an event says when accesses
 * were left out before it (gap=1). */
static void test_seq_and_gap(void **state)
{
    (void)state;
    static const char s[] = "interleave-findings version=1\n"
                            "finding id=1 kind=lost-update addr=0x10 size=8\n"
                            "acc role=read tid=1 op=read size=8 pc=0x1 seq=5 stack=\n"
                            "acc role=overwrite tid=2 op=write size=8 pc=0x2 seq=900 stack=\n"
                            "acc role=write tid=1 op=write size=8 pc=0x3 seq=902 stack=\n"
                            "ev seq=5 tid=1 op=r size=8 addr=0x10 value=0x2 pc=0x1 mark=1\n"
                            "ev seq=900 tid=2 op=w size=8 addr=0x10 value=0xe pc=0x2 mark=1 gap=1\n"
                            "ev seq=902 tid=1 op=w size=8 addr=0x10 value=0x3 pc=0x3 mark=1\n"
                            "end id=1\n";
    struct findings_run run;
    assert_int_equal(parse(s, &run, NULL), 0);
    const struct findings_finding *f = &run.findings[0];
    const struct findings_access *rd = findings_access_find(f, FINDINGS_ROLE_READ);
    assert_true(rd->has_seq);
    assert_int_equal(rd->seq, 5);
    assert_false(f->evs[0].gap);
    assert_true(f->evs[1].gap);
    assert_false(f->evs[2].gap);
    findings_free(&run);
}

/* Cut at every byte: never an error or a crash, always truncated, and keeps a prefix. */
static void test_truncated_everywhere(void **state)
{
    (void)state;
    size_t len = strlen(full);
    size_t header = strlen("interleave-findings version=1\n");
    for (size_t cut = 0; cut < len; cut++) {
        struct findings_run run;
        struct findings_error err;
        int rc = findings_parse(full, cut, &run, &err);
        if (cut < header)
            assert_int_equal(rc, -ENOMSG);
        else
            assert_int_equal(rc, 0);
        assert_true(run.truncated);
        assert_true(run.nfindings <= 2);
        findings_free(&run);
    }
}

static void test_truncated_finding(void **state)
{
    (void)state;
    const char *s = "interleave-findings version=1\n"
                    "finding id=7 kind=lost-update addr=0x10 size=4\n"
                    "acc role=read tid=1 op=read atomic=0 size=4 addr=0x10 pc=0x20 stack=\n"
                    "ev seq=1 tid=1 op=r size=4 addr=0x10 val";
    struct findings_run run;
    assert_int_equal(parse(s, &run, NULL), 0);
    assert_true(run.truncated);
    assert_int_equal(run.nfindings, 1);
    assert_false(run.findings[0].complete);
    assert_int_equal(run.findings[0].kind, FINDINGS_KIND_LOST_UPDATE);
    assert_int_equal(run.findings[0].naccs, 1);
    assert_int_equal(run.findings[0].accs[0].nstack, 0);
    assert_false(run.findings[0].accs[0].stack_missing);
    assert_int_equal(run.findings[0].nevs, 0);
    findings_free(&run);
}

/* Unknown records, unknown keys, unknown finding kinds, blank lines and CRLF pass. */
static void test_forward_compatible(void **state)
{
    (void)state;
    const char *s = "interleave-findings version=1 flavour=new\r\n"
                    "\n"
                    "hello world=1\n"
                    "weird-record-without-fields\n"
                    "finding id=1 kind=atomicity-violation addr=0x10 size=4 color=blue\n"
                    "frobnicate x=1\n"
                    "acc role=current tid=1 op=write atomic=1 size=4 addr=0x10 pc=0x20 "
                    "stack=0x30 extra=9\n"
                    "end id=1\n"
                    "summary findings=1 status=66 more=1\n";
    struct findings_run run;
    assert_int_equal(parse(s, &run, NULL), 0);
    assert_int_equal(run.nfindings, 1);
    assert_int_equal(run.findings[0].kind, FINDINGS_KIND_OTHER);
    assert_string_equal(findings_kind_words(&run.findings[0], false), "atomicity-violation");
    assert_true(run.findings[0].accs[0].atomic);
    assert_int_equal(run.summary.status, 66);
    assert_false(run.summary.has_instrumented); /* an older runtime did not count */
    assert_false(run.truncated);
    findings_free(&run);
}

struct bad {
    const char *stream;
    int rc;
    size_t line;
};

static void test_malformed(void **state)
{
    (void)state;
    static const struct bad cases[] = {
        {"", -ENOMSG, 0},
        {"run pid=1 seed=1\n", -ENOMSG, 1},
        {"interleave-findings version=2\n", -EPROTONOSUPPORT, 1},
        {"interleave-findings\n", -EBADMSG, 1},
        {"interleave-findings version=1\nacc role=current tid=1 op=read size=4 pc=0x1\n", -EBADMSG,
         2},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\n"
         "acc role=current tid=1 op=read size=4\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\n"
         "acc role=sideways tid=1 op=read size=4 pc=0x1\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\n"
         "acc role=current tid=1 op=read size=4 pc=0x1 stack=0x1,,0x2\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\n"
         "ev seq=1 tid=1 op=x size=4 addr=0x1 value=0x0 pc=0x1 mark=0\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\n"
         "ev seq=1 tid=1 op=r size=4 addr=0x1 value=12 pc=0x1 mark=0\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\n"
         "ev seq=1 tid=1 op=r size=4 addr=0x1 value=0x0 pc=0x1 mark=2\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\n"
         "ev seq=1 tid=1 op=r size=4 addr=0x1 value=0x0 pc=0x1 mark=0 gap=yes\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\n"
         "acc role=current tid=1 op=read size=4 pc=0x1 seq=0x1\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\nend id=2\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nfinding id=1 kind=race addr=0x1 size=4\n"
         "finding id=2 kind=race addr=0x1 size=4\n",
         -EBADMSG, 3},
        {"interleave-findings version=1\nend id=1\n", -EBADMSG, 2},
        {"interleave-findings version=1\nthread tid=99999999999 parent=0 create_pc=0x1\n", -EBADMSG,
         2},
        {"interleave-findings version=1\nmodule base=0x1\n", -EBADMSG, 2},
        {"interleave-findings version=1\nthread tid=1 parent=0 create_pc=0x"
         "123456789abcdef01\n",
         -EBADMSG, 2},
        {"interleave-findings version=1\nsummary findings=x status=0\n", -EBADMSG, 2},
        {"interleave-findings version=1\nsummary findings=0 status=-2\n", -EBADMSG, 2},
        {"interleave-findings version=1\nsummary findings=0 status=-1\n", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct findings_run run;
        struct findings_error err;
        int rc = parse(cases[i].stream, &run, &err);
        if (rc != cases[i].rc || err.line != cases[i].line)
            fail_msg("case %zu: rc %d line %zu (%s)", i, rc, err.line, err.msg);
        if (rc == -EBADMSG)
            assert_true(err.msg[0] != '\0');
        findings_free(&run);
    }
}

/* What was parsed before a malformed line is kept. */
static void test_malformed_keeps_prefix(void **state)
{
    (void)state;
    const char *s = "interleave-findings version=1\n"
                    "finding id=1 kind=race addr=0x10 size=4\n"
                    "end id=1\n"
                    "finding id=2 kind=race addr=zz size=4\n"
                    "summary findings=2 status=0\n";
    struct findings_run run;
    struct findings_error err;
    assert_int_equal(parse(s, &run, &err), -EBADMSG);
    assert_int_equal(err.line, 4);
    assert_int_equal(run.nfindings, 1);
    assert_true(run.findings[0].complete);
    assert_true(run.truncated);
    findings_free(&run);
}

/* Garbage bytes, NULs and very long lines do not crash the parser. */
static void test_garbage(void **state)
{
    (void)state;
    char buf[4096];
    uint32_t x = 12345;
    for (int round = 0; round < 200; round++) {
        size_t n = strlen(full);
        memcpy(buf, full, n);
        for (int k = 0; k < 8; k++) {
            x = x * 1103515245u + 12345u;
            buf[(x >> 8) % n] = (char)(x >> 24);
        }
        struct findings_run run;
        struct findings_error err;
        int rc = findings_parse(buf, n, &run, &err);
        assert_true(rc == 0 || rc == -EBADMSG || rc == -ENOMSG || rc == -EPROTONOSUPPORT);
        findings_free(&run);
    }
    char *big = malloc(100000);
    assert_non_null(big);
    memset(big, 'a', 100000);
    memcpy(big, "interleave-findings version=1\n", 30);
    big[99999] = '\n';
    struct findings_run run;
    assert_int_equal(findings_parse(big, 100000, &run, NULL), 0);
    findings_free(&run);
    free(big);
}

/* ---- rendering a parsed stream with a fake symbolizer ---- */

static const struct findings_frame f_worker_r = {"worker", "/src/racy.c", 21, 9, false};
static const struct findings_frame f_worker_w = {"worker", "/src/racy.c", 22, 9, false};
static const struct findings_frame f_main[] = {{"main", "/src/racy.c", 36, 5, false}};
static const struct findings_frame f_inl[] = {{"bump", "/src/racy.c", 12, 5, true},
                                              {"trampoline", "/src/racy.c", 30, 3, false}};

static const struct findings_pcinfo *fake_pc(void *ctx, uint64_t pc, bool ret)
{
    (void)ctx;
    static struct findings_pcinfo pi;
    pi = (struct findings_pcinfo){.pc = pc, .module = "/src/racy", .module_offset = pc & 0xfff};
    assert_true(ret || pc == 0x555555555200);
    switch (pc) {
    case 0x555555555210:
        pi.frames = &f_worker_r, pi.nframes = 1;
        break;
    case 0x555555555220:
        pi.frames = &f_worker_w, pi.nframes = 1;
        break;
    case 0x555555555250:
        pi.frames = f_inl, pi.nframes = 2;
        break;
    case 0x555555555300:
        pi.frames = f_main, pi.nframes = 1;
        break;
    default:
        pi.module = "/lib/x86_64-linux-gnu/libc.so.6";
        break;
    }
    return &pi;
}

static const struct findings_datainfo *fake_data(void *ctx, uint64_t addr)
{
    (void)ctx;
    static const struct findings_datainfo x = {"x", "x", 0, "/src/racy.c", 14};
    static const struct findings_datainfo m = {"m", "m", 0, "/src/racy.c", 15};
    return addr == 0x555555558010 ? &x : addr == 0x555555558040 ? &m : NULL;
}

static void test_render_text(void **state)
{
    (void)state;
    struct findings_run run;
    assert_int_equal(parse(full, &run, NULL), 0);
    struct findings_resolver res = {fake_pc, fake_data, NULL};
    struct render_options opt = {.cwd = "/src"};
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    for (size_t i = 0; i < run.nfindings; i++)
        assert_int_equal(render_text_finding(&run, &run.findings[i], &res, &opt, out), 0);
    assert_int_equal(render_text_summary(&run, run.seed, (struct render_exit){true, 6}, out), 0);
    fclose(out);
    assert_string_equal(text, "==================\n"
                              "interleave: data race on `x` (global, 8 bytes at racy.c:14)\n"
                              "  write of 8 bytes by T2:\n"
                              "    #0 worker racy.c:22\n"
                              "    #1 bump racy.c:12\n"
                              "    #2 trampoline racy.c:30\n"
                              "    #3 ?? (libc.so.6)\n"
                              "  previous read of 8 bytes by T1:\n"
                              "    #0 worker racy.c:21\n"
                              "    (stack of the earlier access is no longer recorded)\n"
                              "  T1 created by T0 at main racy.c:36\n"
                              "  T2 created by T0 at main racy.c:36\n"
                              "\n"
                              "  accesses to `x`:\n"
                              "    T1 | r(0)    w(1)\n"
                              "    T2 |     r(0)    w(1)\n"
                              "             ^^^^    ^^^^\n"
                              "       +----------------> time\n"
                              "==================\n"
                              "==================\n"
                              "interleave: deadlock: every live thread is blocked\n"
                              "  T1 waits for mutex `m` held by T2\n"
                              "  T1 created by T0 at main racy.c:36\n"
                              "  T2 created by T0 at main racy.c:36\n"
                              "==================\n"
                              "interleave: 2 findings (1 data race, 1 deadlock) in 1 run, seed 1; "
                              "program exited with status 134 (SIGABRT)\n");
    free(text);
    findings_free(&run);
}

static void test_render_paths(void **state)
{
    (void)state;
    assert_string_equal(render_path("/src/a/b.c", "/src"), "a/b.c");
    assert_string_equal(render_path("/src/a/b.c", "/src/"), "a/b.c");
    assert_string_equal(render_path("/srcx/b.c", "/src"), "b.c");
    assert_string_equal(render_path("./iconv/x.c", "/src"), "x.c");
    assert_string_equal(render_path("/a/b.c", "/"), "a/b.c");
    assert_string_equal(render_path("b.c", NULL), "b.c");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_seq_and_gap),
        cmocka_unit_test(test_truncated_everywhere),
        cmocka_unit_test(test_truncated_finding),
        cmocka_unit_test(test_forward_compatible),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_malformed_keeps_prefix),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_render_text),
        cmocka_unit_test(test_render_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
