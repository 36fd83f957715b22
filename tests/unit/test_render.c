/* Unit tests of the renderers of src/report (SARIF, Chrome trace, HTML, and the additions
 * to the text report: help and source lines, colors) on a handwritten stream with a fake
 * symbolizer and a fake source reader: no threads, no files. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "model/findings.h"
#include "report/explain.h"
#include "report/render_html.h"
#include "report/render_sarif.h"
#include "report/render_text.h"
#include "report/render_trace.h"

static const char stream[] =
    "interleave-findings version=1\n"
    "run pid=1 seed=7 policy=random\n"
    "module base=0x1000 path=/src/racy\n"
    "thread tid=0 parent=0 create_pc=0x0 start=0x0\n"
    "thread tid=1 parent=0 create_pc=0x1300 start=0x1200\n"
    "thread tid=2 parent=0 create_pc=0x1300 start=0x1200\n"
    "finding id=1 kind=race addr=0x8010 size=8\n"
    "obj kind=global base=0x8010 size=8 tid=0 pc=0x0\n"
    "acc role=current tid=2 op=write atomic=0 size=8 addr=0x8010 pc=0x1220 stack=\n"
    "acc role=previous tid=1 op=read atomic=0 size=8 addr=0x8010 pc=0x1210 stack=missing\n"
    "ev seq=1 tid=1 op=r size=8 addr=0x8010 value=0x0 pc=0x1210 mark=1\n"
    "ev seq=2 tid=2 op=w size=8 addr=0x8010 value=0x1 pc=0x1220 mark=1\n"
    "end id=1\n"
    "finding id=2 kind=deadlock addr=0x0 size=0\n"
    "note text=T1_waits_for_mutex_0x9000_held_by_T2\n"
    "note text=T2_waits_for_mutex_0x9040_held_by_T1\n"
    "end id=2\n"
    "summary findings=2 events=3 switches=1 threads=3 status=0\n";

static const struct findings_frame fr_r = {"worker", "/src/racy.c", 21, 9, false};
static const struct findings_frame fr_w = {"worker", "/src/racy.c", 22, 5, false};
static const struct findings_frame fr_main = {"main", "/src/racy.c", 36, 5, false};
static const struct findings_frame fr_start = {"worker", "/src/racy.c", 18, 1, false};

static const struct findings_pcinfo *fake_pc(void *ctx, uint64_t pc, bool ret)
{
    (void)ctx;
    (void)ret;
    static struct findings_pcinfo pi;
    pi = (struct findings_pcinfo){.pc = pc, .module = "/src/racy"};
    pi.nframes = 1;
    switch (pc) {
    case 0x1210:
        pi.frames = &fr_r;
        break;
    case 0x1220:
        pi.frames = &fr_w;
        break;
    case 0x1300:
        pi.frames = &fr_main;
        break;
    case 0x1200:
        pi.frames = &fr_start;
        break;
    default:
        pi.nframes = 0;
    }
    return &pi;
}

static const struct findings_datainfo *fake_data(void *ctx, uint64_t addr)
{
    (void)ctx;
    static const struct findings_datainfo x = {"x", "x", 0, "/src/racy.c", 14};
    return addr == 0x8010 ? &x : NULL;
}

static const char *fake_line(void *ctx, const char *file, unsigned line)
{
    (void)ctx;
    if (strcmp(file, "/src/racy.c") != 0)
        return NULL;
    return line == 21 ? "        tmp = x;" : line == 22 ? "    x = tmp + 1;   " : NULL;
}

struct fixture {
    struct findings_run run;
    struct findings_resolver res;
    struct render_input in;
    struct render_source src;
    struct render_options opt;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    assert_int_equal(findings_parse(stream, strlen(stream), &fx->run, NULL), 0);
    fx->res = (struct findings_resolver){fake_pc, fake_data, NULL};
    fx->in = (struct render_input){&fx->run, &fx->res, "racy.trace", NULL};
    fx->src = (struct render_source){fake_line, NULL};
    fx->opt = (struct render_options){.cwd = "/src", .help = true, .source = &fx->src};
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    findings_free(&fx->run);
    free(fx);
    return 0;
}

typedef int (*renderer)(const struct render_input *, size_t, const struct render_options *, FILE *);

static char *render(renderer fn, struct fixture *fx)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(fn(&fx->in, 1, &fx->opt, out), 0);
    fclose(out);
    return text;
}

static struct json_object *get(struct json_object *o, const char *path)
{
    char key[64];
    while (o && *path) {
        size_t n = strcspn(path, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, path);
        char *end;
        long idx = strtol(key, &end, 10);
        if (*end == '\0' && end != key)
            o = json_object_array_get_idx(o, (size_t)idx);
        else if (!json_object_object_get_ex(o, key, &o))
            return NULL;
        path += n + (path[n] == '.');
    }
    return o;
}

static const char *gets(struct json_object *o, const char *path)
{
    struct json_object *v = get(o, path);
    assert_non_null(v);
    return json_object_get_string(v);
}

static void test_sarif(void **state)
{
    char *text = render(render_sarif, *state);
    struct json_object *log = json_tokener_parse(text);
    assert_non_null(log);
    assert_string_equal(gets(log, "version"), "2.1.0");
    assert_string_equal(gets(log, "runs.0.tool.driver.name"), "interleave");
    assert_string_equal(gets(log, "runs.0.tool.driver.rules.0.id"), "data-race");
    assert_string_equal(gets(log, "runs.0.tool.driver.rules.1.id"), "lost-update");
    assert_string_equal(gets(log, "runs.0.tool.driver.rules.2.id"), "deadlock");
    assert_string_equal(gets(log, "runs.0.originalUriBaseIds.%SRCROOT%.uri"), "file:///src/");
    assert_string_equal(gets(log, "runs.0.results.0.ruleId"), "data-race");
    assert_string_equal(gets(log, "runs.0.results.0.message.text"),
                        "data race on `x` between T2 (worker) and T1 (worker)");
    const char *loc = "runs.0.results.0.locations.0.physicalLocation.";
    char path[200];
    snprintf(path, sizeof path, "%sartifactLocation.uri", loc);
    assert_string_equal(gets(log, path), "racy.c");
    snprintf(path, sizeof path, "%sregion.startLine", loc);
    assert_int_equal(json_object_get_int(get(log, path)), 22);
    snprintf(path, sizeof path, "%sregion.startColumn", loc);
    assert_int_equal(json_object_get_int(get(log, path)), 5);
    assert_int_equal(
        json_object_get_int(get(log, "runs.0.results.0.relatedLocations.0.physicalLocation.region."
                                     "startLine")),
        21);
    /* Two threads, one threadFlow each, in global order. */
    assert_int_equal(json_object_array_length(get(log, "runs.0.results.0.codeFlows.0.threadFlows")),
                     2);
    assert_int_equal(
        json_object_get_int(get(log, "runs.0.results.0.codeFlows.0.threadFlows.0.locations.0."
                                     "executionOrder")),
        1);
    assert_string_equal(gets(log, "runs.0.results.1.ruleId"), "deadlock");
    assert_int_equal(json_object_get_int(get(log, "runs.0.results.1.ruleIndex")), 2);
    assert_non_null(get(log, "runs.0.results.1.locations.0"));
    /* The program's status is not interleave's exit code; one run: no automationDetails. */
    assert_null(get(log, "runs.0.invocations.0.exitCode"));
    assert_int_equal(
        json_object_get_int(get(log, "runs.0.invocations.0.properties.programExitStatus")), 0);
    assert_null(get(log, "runs.0.automationDetails"));
    const char *fp = gets(log, "runs.0.results.0.partialFingerprints.interleave/v1");
    assert_int_equal(strlen(fp), 16);
    assert_string_not_equal(fp, gets(log, "runs.0.results.1.partialFingerprints.interleave/v1"));
    json_object_put(log);
    free(text);
}

/* The fingerprint of a finding does not depend on which thread came first, the thread
 * numbers, the values or the line numbers (when the source line is the same), and changes
 * with what the access is. */
static void test_sarif_fingerprint(void **state)
{
    struct fixture *fx = *state;
    char *text = render(render_sarif, fx);
    struct json_object *log = json_tokener_parse(text);
    char fp[17];
    snprintf(fp, sizeof fp, "%s", gets(log, "runs.0.results.0.partialFingerprints.interleave/v1"));
    json_object_put(log);
    free(text);

    struct findings_finding *f = &fx->run.findings[0];
    struct findings_access a = f->accs[0];
    f->accs[0] = f->accs[1];
    f->accs[1] = a;
    f->accs[0].tid.n = 7;
    f->evs[0].value = 42;
    text = render(render_sarif, fx);
    log = json_tokener_parse(text);
    assert_string_equal(gets(log, "runs.0.results.0.partialFingerprints.interleave/v1"), fp);
    json_object_put(log);
    free(text);

    f->accs[1].op = FINDINGS_OP_READ; /* the write at line 22 is now a read */
    text = render(render_sarif, fx);
    log = json_tokener_parse(text);
    assert_string_not_equal(gets(log, "runs.0.results.0.partialFingerprints.interleave/v1"), fp);
    json_object_put(log);
    free(text);
}

/* A kind without a fixed rule gets one, so that its results' ruleIndex names a rule; two
 * runs in one log get distinct automationDetails ids (code scanning rejects two runs of
 * one tool and category); the base URI is percent-encoded and ends with '/'. */
static void test_sarif_rules_and_runs(void **state)
{
    struct fixture *fx = *state;
    static const char other[] = "interleave-findings version=1\n"
                                "run pid=2 seed=1 policy=random\n"
                                "finding id=1 kind=error addr=0x0 size=0\n"
                                "note text=bad_unlock\n"
                                "end id=1\n"
                                "finding id=2 kind=starvation addr=0x0 size=0\n"
                                "end id=2\n"
                                "finding id=3 kind=error addr=0x0 size=0\n"
                                "end id=3\n";
    struct findings_run run2;
    assert_int_equal(findings_parse(other, strlen(other), &run2, NULL), 0);
    struct render_input in[2] = {fx->in, {&run2, &fx->res, "b trace", NULL}};
    struct render_options opt = fx->opt;
    opt.cwd = "/my src";
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(render_sarif(in, 2, &opt, out), 0);
    fclose(out);
    struct json_object *log = json_tokener_parse(text);
    assert_non_null(log);
    assert_string_equal(gets(log, "runs.0.automationDetails.id"), "interleave/racy.trace/");
    assert_string_equal(gets(log, "runs.1.automationDetails.id"), "interleave/b trace/");
    assert_string_equal(gets(log, "runs.1.originalUriBaseIds.%SRCROOT%.uri"), "file:///my%20src/");
    assert_int_equal(json_object_array_length(get(log, "runs.0.tool.driver.rules")), 4);
    assert_int_equal(json_object_array_length(get(log, "runs.1.tool.driver.rules")), 6);
    assert_string_equal(gets(log, "runs.1.tool.driver.rules.4.id"), "error");
    assert_string_equal(gets(log, "runs.1.tool.driver.rules.5.id"), "starvation");
    assert_string_equal(gets(log, "runs.1.tool.driver.rules.5.shortDescription.text"),
                        "starvation");
    for (int i = 0; i < 3; i++) {
        char path[64];
        snprintf(path, sizeof path, "runs.1.results.%d.ruleIndex", i);
        int idx = json_object_get_int(get(log, path));
        snprintf(path, sizeof path, "runs.1.tool.driver.rules.%d.id", idx);
        const char *rule = gets(log, path);
        snprintf(path, sizeof path, "runs.1.results.%d.ruleId", i);
        assert_string_equal(rule, gets(log, path));
    }
    json_object_put(log);
    free(text);
    findings_free(&run2);
}

static void test_trace(void **state)
{
    char *text = render(render_trace, *state);
    struct json_object *doc = json_tokener_parse(text);
    assert_non_null(doc);
    struct json_object *evs = get(doc, "traceEvents");
    assert_non_null(evs);
    bool named_t1 = false, finding = false, note = false;
    for (size_t i = 0; i < json_object_array_length(evs); i++) {
        struct json_object *e = json_object_array_get_idx(evs, i);
        for (const char *const *k = (const char *const[]){"ph", "ts", "pid", "tid", "name", NULL};
             *k; k++)
            assert_non_null(get(e, *k));
        const char *name = gets(e, "name");
        if (strcmp(name, "thread_name") == 0 && strcmp(gets(e, "args.name"), "T1 (worker)") == 0)
            named_t1 = json_object_get_int(get(e, "tid")) == 1;
        if (strcmp(gets(e, "ph"), "X") == 0 && get(e, "cat") &&
            strcmp(gets(e, "cat"), "finding") == 0) {
            finding = true;
            assert_non_null(get(e, "args.op"));
            assert_non_null(get(e, "args.value"));
            assert_non_null(strstr(gets(e, "args.location"), "worker racy.c:2"));
        }
        if (strncmp(name, "T1 waits for mutex", 18) == 0)
            note = json_object_get_int(get(e, "tid")) == 1;
    }
    assert_true(named_t1);
    assert_true(finding);
    assert_true(note);
    json_object_put(doc);
    free(text);
}

static void test_html(void **state)
{
    char *text = render(render_html, *state);
    assert_non_null(strstr(text, "<!DOCTYPE html>"));
    assert_null(strstr(text, "<script"));
    assert_non_null(strstr(text, "<svg"));
    assert_non_null(strstr(text, "<g class=\"ev mark\"><title>T1 (worker): read `x` r(0)"));
    assert_non_null(strstr(text, "   21 | tmp = x;"));
    assert_non_null(strstr(text, "<g class=\"blocked\"><title>T1 waits for mutex"));
    assert_non_null(strstr(text, "<b>help:</b> take the mutexes in one global order"));
    free(text);
}

static void test_text_additions(void **state)
{
    struct fixture *fx = *state;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(render_text_finding(&fx->run, &fx->run.findings[0], &fx->res, &fx->opt, out),
                     0);
    fclose(out);
    assert_non_null(strstr(text, "    #0 worker racy.c:22\n       22 | x = tmp + 1;\n"));
    assert_non_null(strstr(text, "  help: protect every access to it with the same mutex"));
    assert_null(strstr(text, "\033["));
    free(text);

    fx->opt.color = true;
    out = open_memstream(&text, &len);
    render_text_finding(&fx->run, &fx->run.findings[0], &fx->res, &fx->opt, out);
    fclose(out);
    assert_non_null(strstr(text, "\033[1minterleave: \033[1;31mdata race\033[0m\033[1m on `x`"));
    assert_non_null(strstr(text, "\033[1;31m^^^^\033[0m"));
    free(text);
}

/* An exploration's bugs: the race of the stream (focus 0) and an assertion failure in
 * the same execution (a verdict), then a plain run: two SARIF runs, the exploration's with
 * its category and a result per bug carrying its token; a process per bug in the trace; a
 * section per bug with its replay command on the page. */
static void bugs_of(struct fixture *fx, struct render_bug b[2], struct render_input in[3],
                    const struct render_exploration *x)
{
    b[0] = (struct render_bug){.x = x,
                               .focus = 0,
                               .rule = "data-race",
                               .token = "ilv1-A",
                               .replay = "interleave replay ilv1-A -- ./racy",
                               .steps = 9};
    b[1] = (struct render_bug){.x = x,
                               .focus = -1,
                               .rule = "assertion-failure",
                               .title = "assertion failure: `x == 4` at racy.c:22 in main (T0)",
                               .file = "/src/racy.c",
                               .line = 22,
                               .func = "main",
                               .has_tid = true,
                               .tid = 0,
                               .token = "ilv1-B",
                               .replay = "interleave replay ilv1-B -- ./racy",
                               .preemptions = 1,
                               .steps = 20};
    in[0] = (struct render_input){&fx->run, &fx->res, "./racy", &b[0]};
    in[1] = (struct render_input){&fx->run, &fx->res, "./racy", &b[1]};
    in[2] = fx->in;
}

static char *render_n(renderer fn, const struct render_input *in, size_t n,
                      const struct render_options *opt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(fn(in, n, opt, out), 0);
    fclose(out);
    return text;
}

static void test_exploration_sarif(void **state)
{
    struct fixture *fx = *state;
    struct render_exploration x = {.command = "./racy",
                                   .program = "./racy",
                                   .strategy = "dpor",
                                   .executions = 34,
                                   .exhausted = true};
    struct render_bug b[2];
    struct render_input in[3];
    bugs_of(fx, b, in, &x);
    char *text = render_n(render_sarif, in, 3, &fx->opt);
    struct json_object *log = json_tokener_parse(text);
    assert_non_null(log);
    assert_int_equal(json_object_array_length(get(log, "runs")), 2);
    assert_string_equal(gets(log, "runs.0.automationDetails.id"), "interleave/explore/racy/");
    assert_string_equal(gets(log, "runs.1.automationDetails.id"), "interleave/racy.trace/");
    assert_int_equal(json_object_array_length(get(log, "runs.0.results")), 2);
    assert_int_equal(json_object_array_length(get(log, "runs.1.results")), 2);
    assert_int_equal(json_object_get_int(get(log, "runs.0.invocations.0.properties.executions")),
                     34);
    assert_string_equal(gets(log, "runs.0.results.0.ruleId"), "data-race");
    assert_string_equal(gets(log, "runs.0.results.0.properties.replayToken"), "ilv1-A");
    assert_non_null(strstr(gets(log, "runs.0.results.0.message.text"),
                           ". Replay: interleave replay ilv1-A -- ./racy"));
    assert_string_equal(gets(log, "runs.0.results.1.ruleId"), "assertion-failure");
    int idx = json_object_get_int(get(log, "runs.0.results.1.ruleIndex"));
    char path[64];
    snprintf(path, sizeof path, "runs.0.tool.driver.rules.%d.id", idx);
    assert_string_equal(gets(log, path), "assertion-failure");
    assert_string_equal(gets(log, "runs.0.results.1.properties.replayToken"), "ilv1-B");
    assert_int_equal(json_object_get_int(get(
                         log, "runs.0.results.1.locations.0.physicalLocation.region.startLine")),
                     22);
    assert_string_equal(
        gets(log, "runs.0.results.1.locations.0.physicalLocation.artifactLocation.uri"), "racy.c");
    /* the verdict's fingerprint is its place, not its thread or token */
    const char *fp = gets(log, "runs.0.results.1.partialFingerprints.interleave/v1");
    char fp1[17];
    snprintf(fp1, sizeof fp1, "%s", fp);
    b[1].tid = 3;
    b[1].token = "ilv1-C";
    char *again = render_n(render_sarif, in, 2, &fx->opt);
    struct json_object *log2 = json_tokener_parse(again);
    assert_string_equal(gets(log2, "runs.0.results.1.partialFingerprints.interleave/v1"), fp1);
    /* an exploration without bugs: its run, without results */
    struct render_bug none = {.x = &x, .none = true, .focus = -1};
    struct findings_run empty = {0};
    struct render_input nin = {&empty, &fx->res, "./racy", &none};
    char *nothing = render_n(render_sarif, &nin, 1, &fx->opt);
    struct json_object *log3 = json_tokener_parse(nothing);
    assert_int_equal(json_object_array_length(get(log3, "runs")), 1);
    assert_int_equal(json_object_array_length(get(log3, "runs.0.results")), 0);
    assert_string_equal(gets(log3, "runs.0.automationDetails.id"), "interleave/explore/racy/");
    json_object_put(log);
    json_object_put(log2);
    json_object_put(log3);
    free(text);
    free(again);
    free(nothing);
}

static void test_exploration_trace_html(void **state)
{
    struct fixture *fx = *state;
    struct render_exploration x = {.command = "./racy", .program = "./racy", .strategy = "dpor"};
    struct render_bug b[2];
    struct render_input in[3];
    bugs_of(fx, b, in, &x);
    char *text = render_n(render_trace, in, 2, &fx->opt);
    struct json_object *doc = json_tokener_parse(text);
    assert_non_null(doc);
    struct json_object *evs = get(doc, "traceEvents");
    int procs = 0, tokens = 0;
    for (size_t i = 0; i < json_object_array_length(evs); i++) {
        struct json_object *e = json_object_array_get_idx(evs, i);
        if (strcmp(gets(e, "name"), "process_name") == 0) {
            const char *n = gets(e, "args.name");
            procs++;
            assert_true(strncmp(n, procs == 1 ? "bug 1: data race" : "bug 2: assertion failure",
                                procs == 1 ? 16 : 24) == 0);
        }
        if (get(e, "args.replayToken"))
            tokens++;
    }
    assert_int_equal(procs, 2);
    assert_true(tokens >= 2);
    char *page = render_n(render_html, in, 2, &fx->opt);
    assert_non_null(strstr(page, "<section id=\"bug-1\">"));
    assert_non_null(strstr(page, "<section id=\"bug-2\">"));
    assert_non_null(strstr(page, "<b>replay:</b> <code>interleave replay ilv1-A -- ./racy</code>"));
    assert_non_null(strstr(page, "<b>replay:</b> <code>interleave replay ilv1-B -- ./racy</code>"));
    assert_non_null(strstr(page, "in this execution: <span class=\"kind\">data race</span>"));
    json_object_put(doc);
    free(text);
    free(page);
}

static void test_uri(void **state)
{
    (void)state;
    char buf[128];
    assert_true(explain_uri("/src/a b/c.c", "/src", buf, sizeof buf));
    assert_string_equal(buf, "a%20b/c.c");
    assert_true(explain_uri("/other/c.c", "/src", buf, sizeof buf));
    assert_string_equal(buf, "file:///other/c.c");
    assert_false(explain_uri(NULL, "/src", buf, sizeof buf));
    /* A ':' in the first segment of a relative reference would read as a scheme. */
    assert_true(explain_uri("/src/a:b/c:d.c", "/src", buf, sizeof buf));
    assert_string_equal(buf, "a%3Ab/c:d.c");
    assert_true(explain_uri("/src//c.c", "/src", buf, sizeof buf));
    assert_string_equal(buf, "c.c");
    assert_true(explain_uri("/a b:c", NULL, buf, sizeof buf));
    assert_string_equal(buf, "file:///a%20b:c");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sarif, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_fingerprint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarif_rules_and_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_html, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exploration_sarif, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exploration_trace_html, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_additions, setup, teardown),
        cmocka_unit_test(test_uri),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
