/* cmd_explore: `interleave explore [options] -- PROGRAM [ARGS...]`: many controlled
 * executions of one program, chosen by a strategy (docs/internals/explore.md), each
 * distinct bug reported once, shrunk, with its schedule diagram and a replay token.
 * Also `interleave explore --merge FILE...` to merge the results of shards. */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/outputs.h"
#include "driver/paths.h"
#include "explore/explore.h"
#include "explore/forksrv.h"
#include "explore/xreport.h"

#define EXIT_FINDINGS 66
#define EXIT_USAGE 2

#define CMD "interleave explore"

/* X(id, long name, short name, kind, argument, min, max, help) */
#define EXPLORE_OPTIONS(X)                                                                         \
    X(STRATEGY, "--strategy", NULL, ARG_TEXT, "S", 0, 0,                                           \
      "auto (default), dpor, pct, random or bounded")                                              \
    X(BUDGET, "--budget", NULL, ARG_NUMBER, "N", 1, UINT64_MAX,                                    \
      "at most N executions (default 10000)")                                                      \
    X(TIME, "--time", NULL, ARG_TEXT, "S", 0, 0, "stop after S seconds (default: no limit)")       \
    X(JOBS, "--jobs", NULL, ARG_NUMBER, "J", 1, 256,                                               \
      "J fork servers in parallel (default: the number of cores), server K on the K-th "           \
      "processor")                                                                                 \
    X(NO_PIN, "--no-pin", NULL, ARG_SWITCH, NULL, 0, 0,                                            \
      "let the system place the servers (a machine busy with other work)")                         \
    X(SHARD, "--shard", NULL, ARG_TEXT, "K/N", 0, 0,                                               \
      "explore the K-th of N deterministic slices (1 <= K <= N)")                                  \
    X(SAVE, "--save", NULL, ARG_TEXT, "FILE", 0, 0,                                                \
      "also write the results to FILE (for --merge, and for 'interleave report', which renders "   \
      "them again)")                                                                               \
    X(MERGE, "--merge", NULL, ARG_SWITCH, "FILE...", 0, 0,                                         \
      "print the merged report of shard result files")                                             \
    X(STEPS, "--steps", NULL, ARG_NUMBER, "N", 1, UINT64_MAX,                                      \
      "step limit of one execution (default 1000000): livelock")                                   \
    X(TIMEOUT, "--timeout", NULL, ARG_NUMBER, "MS", 1, 86399999,                                   \
      "time limit of one execution (default 10000)")                                               \
    X(DEPTH, "--depth", NULL, ARG_NUMBER, "D", 1, 16,                                              \
      "PCT depth (default: cycle through 1, 2, 3)")                                                \
    X(BOUND, "--bound", NULL, ARG_NUMBER, "B", 0, 64,                                              \
      "bounded: at most B preemptions (default: no bound)")                                        \
    X(SEED, "--seed", NULL, ARG_NUMBER, "N", 0, UINT64_MAX,                                        \
      "first seed of random and PCT (default 1)")                                                  \
    X(NO_SHRINK, "--no-shrink", NULL, ARG_SWITCH, NULL, 0, 0, "report schedules as found")         \
    X(STOP_ON_BUG, "--stop-on-bug", NULL, ARG_SWITCH, NULL, 0, 0,                                  \
      "stop exploring at the first bug (then shrink and report it)")                               \
    X(ADDRESSES, "--addresses", NULL, ARG_SWITCH, NULL, 0, 0, "also show raw addresses")           \
    X(QUIET, "--quiet", "-q", ARG_SWITCH, NULL, 0, 0,                                              \
      "no progress line and no summary when nothing was found")                                    \
    X(HELP, "--help", "-h", ARG_SWITCH, NULL, 0, 0, "show this help")

enum explore_option {
#define X(id, l, s, kind, arg, min, max, help) OPT_##id,
    EXPLORE_OPTIONS(X)
#undef X
        OPT_COUNT
};

static const struct arg_opt options[] = {
#define X(id, l, s, kind, arg, min, max, help) {l, s, kind, arg, min, max, NULL, help},
    EXPLORE_OPTIONS(X)
#undef X
};

static void usage(FILE *out)
{
    fputs("usage: interleave explore [options] [--] PROGRAM [ARGS...]\n"
          "       interleave explore --merge FILE...\n"
          "\n"
          "Runs PROGRAM, built with 'interleave cc', many times under chosen schedules and\n"
          "reports each distinct bug once (assertion failures, crashes, deadlocks, hangs,\n"
          "livelocks, data races, lost updates) with a shrunk schedule, its diagram and a\n"
          "replay token for 'interleave replay'. The program's own output is discarded.\n"
          "The report files (--sarif, --trace, --html) have every bug, each with its token.\n"
          "\n"
          "options:\n",
          out);
    args_usage(out, options, OPT_COUNT, true);
    fputs("\n"
          "exit status: 0 nothing found, 66 bugs found, 2 usage or environment error\n",
          out);
}

static volatile int interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* The pool as an executor. */
static int pool_idle(void *ctx)
{
    return xpool_idle(ctx);
}
static int pool_submit(void *ctx, const struct xreq *r)
{
    return xpool_submit(ctx, r);
}
static int pool_collect(void *ctx, int ms, struct xreq *req, struct xtrace *t, char *err,
                        size_t errlen)
{
    return xpool_collect(ctx, ms, req, t, err, errlen);
}

static char *join_args(char **argv)
{
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    if (!f)
        return NULL;
    for (int i = 0; argv[i]; i++)
        fprintf(f, "%s%s", i ? " " : "", argv[i]);
    fclose(f);
    return s;
}

static void summary(const struct explore_result *r, const struct explore_cfg *c, FILE *out)
{
    size_t shown = r->nbugs;
    fprintf(out, "interleave explore: %zu bug%s", shown, shown == 1 ? "" : "s");
    if (shown) {
        fputs(" (", out);
        for (size_t i = 0; i < r->nbugs; i++)
            fprintf(out, "%s%s", i ? ", " : "", xreport_kind_words(r->bugs[i].key));
        fputc(')', out);
    }
    fprintf(out, " in %" PRIu64 " execution%s", r->executions, r->executions == 1 ? "" : "s");
    if (r->extra_execs)
        fprintf(out, " (+%" PRIu64 " to confirm and shrink)", r->extra_execs);
    fprintf(out, ", %.1f s, %.0f/s, strategy %s", r->seconds,
            r->seconds > 0 ? (double)(r->executions + r->extra_execs) / r->seconds : 0.0,
            c->strategy);
    if (r->first_bug_at)
        fprintf(out, "; first bug after %" PRIu64 " execution%s", r->first_bug_at,
                r->first_bug_at == 1 ? "" : "s");
    if (r->exhausted)
        fprintf(out,
                "; the schedule space is exhausted: every interleaving (up to "
                "reordering of independent steps) was explored in %" PRIu64 " executions",
                r->executions);
    else if (r->interrupted)
        fputs("; interrupted", out);
    else if (c->stop_on_bug && r->nbugs)
        fputs("; stopped at the first bug", out);
    else if (r->budget_spent)
        fprintf(out, "; budget of %" PRIu64 " executions spent", c->budget);
    else if (r->timed_out)
        fputs("; time limit reached", out);
    fputc('\n', out);
    if (r->diverged || r->timeouts || r->lost)
        fprintf(out,
                "interleave explore: note: %" PRIu64 " execution%s diverged from their schedule, "
                "%" PRIu64 " timed out, %" PRIu64 " were lost (server restarts)\n",
                r->diverged, r->diverged == 1 ? "" : "s", r->timeouts, r->lost);
}

int cmd_explore(int argc, char **argv)
{
    struct explore_cfg c = {
        .strategy = "auto",
        .p = {.steps = 1000000, .timeout_ms = 10000, .seed = 1},
        .budget = 10000,
        .shrink = true,
    };
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    const char *save = NULL;
    struct outputs files = {0};
    bool addresses = false, quiet = false, merge = false, pin = true;
    int i = 1;
    for (;;) {
        const char *v;
        uint64_t n = 0;
        int o = args_next(CMD, options, OPT_COUNT, &files, argc, argv, &i, &v, &n);
        if (o == ARG_END)
            break;
        if (o == ARG_ERROR)
            return EXIT_USAGE;
        if (o == ARG_OUTPUT)
            continue;
        switch ((enum explore_option)o) {
        case OPT_HELP:
            usage(stdout);
            return 0;
        case OPT_MERGE:
            merge = true;
            break;
        case OPT_STOP_ON_BUG:
            c.stop_on_bug = true;
            break;
        case OPT_NO_SHRINK:
            c.shrink = false;
            break;
        case OPT_ADDRESSES:
            addresses = true;
            break;
        case OPT_NO_PIN:
            pin = false;
            break;
        case OPT_QUIET:
            quiet = true;
            break;
        case OPT_STRATEGY:
            if (strcmp(v, "auto") && strcmp(v, "dpor") && strcmp(v, "pct") && strcmp(v, "random") &&
                strcmp(v, "bounded")) {
                args_bad(CMD, "unknown strategy '%s' (auto, dpor, pct, random, bounded)", v);
                return EXIT_USAGE;
            }
            c.strategy = v;
            break;
        case OPT_SAVE:
            save = v;
            break;
        case OPT_SHARD: {
            unsigned k, nn;
            char extra;
            if (sscanf(v, "%u/%u%c", &k, &nn, &extra) != 2 || nn == 0 || k == 0 || k > nn ||
                nn > 100000) {
                args_bad(CMD, "--shard needs K/N with 1 <= K <= N, not '%s'", v);
                return EXIT_USAGE;
            }
            c.p.shard_k = k - 1;
            c.p.shard_n = nn;
            break;
        }
        case OPT_TIME: {
            char *e;
            errno = 0;
            double t = strtod(v, &e);
            if (!*v || *e || errno || !(t > 0)) {
                args_bad(CMD, "--time needs a positive number of seconds, not '%s'", v);
                return EXIT_USAGE;
            }
            c.time_s = t;
            break;
        }
        case OPT_BUDGET:
            c.budget = n;
            break;
        case OPT_JOBS:
            jobs = (long)n;
            break;
        case OPT_STEPS:
            c.p.steps = n;
            break;
        case OPT_TIMEOUT:
            c.p.timeout_ms = (uint32_t)n;
            break;
        case OPT_DEPTH:
            c.p.depth = (uint32_t)n;
            break;
        case OPT_BOUND:
            c.p.bound = (uint32_t)n;
            break;
        case OPT_SEED:
            c.p.seed = n;
            break;
        case OPT_COUNT:
            break;
        }
        if (merge)
            break;
    }
    if (merge) {
        if (i >= argc) {
            args_bad(CMD, "--merge needs result files");
            return EXIT_USAGE;
        }
        return xreport_merge(&argv[i], argc - i, stderr);
    }
    if (i >= argc) {
        args_bad(CMD, "missing PROGRAM");
        return EXIT_USAGE;
    }
    if (args_check_env(CMD) < 0)
        return EXIT_USAGE;
    char **prog = &argv[i];

    char path[4096];
    uint64_t hash = 0;
    if (paths_find_program(prog[0], path, sizeof path) < 0) {
        fprintf(stderr, "interleave explore: cannot execute '%s': not found\n", prog[0]);
        return EXIT_USAGE;
    }
    int hrc = program_hash(path, &hash);
    if (hrc < 0) {
        fprintf(stderr, "interleave explore: cannot read '%s': %s\n", path, strerror(-hrc));
        return EXIT_USAGE;
    }

    /* as in replay (server_output=1), the program's output goes to the server's stdout and
     * stderr, which are /dev/null here: the same libc paths, the same schedule */
    struct forksrv_cfg fc = {.argv = prog, .options = "server_output=1", .cpu = pin ? 0 : -1};
    struct xpool *pool;
    char err[512];
    int rc = xpool_open(&fc, (int)jobs, &pool, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "interleave explore: %s\n", err);
        return EXIT_USAGE;
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    c.interrupted = &interrupted;
    c.progress = !quiet && isatty(2);

    struct xexecutor ex = {pool_idle, pool_submit, pool_collect, pool};
    struct explore_result r;
    rc = explore_run(&c, &ex, &r, err, sizeof err);
    xpool_close(pool);
    if (rc < 0) {
        fprintf(stderr, "interleave explore: %s\n", err);
        explore_result_free(&r);
        return EXIT_USAGE;
    }

    char *cwd = getcwd(NULL, 0);
    char *command = join_args(prog);
    struct xreport_opts o = {
        .cwd = cwd, .command = command, .prog_hash = hash, .addresses = addresses};
    struct xreport_entries bugs;
    if (xreport_entries_of(&r, &o, &bugs) < 0) {
        fputs("interleave explore: out of memory\n", stderr);
        explore_result_free(&r);
        free(cwd);
        free(command);
        return EXIT_USAGE;
    }
    char *text = NULL;
    size_t tlen = 0;
    FILE *out = open_memstream(&text, &tlen);
    if (!out)
        out = stderr;
    for (size_t b = 0; b < bugs.n; b++)
        fputs(bugs.e[b].text ? bugs.e[b].text : "", out);
    if (r.nbugs || !quiet)
        summary(&r, &c, out);
    if (out != stderr) {
        fclose(out);
        fwrite(text, 1, tlen, stderr);
        free(text);
    }
    bool failed = false;
    if (save) {
        struct xreport_run run = {
            .strategy = c.strategy,
            .shard_k = c.p.shard_k,
            .shard_n = c.p.shard_n,
            .executions = r.executions,
            .extra = r.extra_execs,
            .first_bug_at = r.first_bug_at,
            .seconds = r.seconds,
            .exhausted = r.exhausted,
        };
        int src = xreport_save(save, &run, bugs.e, bugs.n, &o);
        if (src < 0) {
            fprintf(stderr, "interleave explore: cannot write '%s': %s\n", save, strerror(-src));
            failed = true;
        }
    }
    struct render_exploration x = {
        .command = command,
        .program = prog[0],
        .strategy = c.strategy,
        .executions = r.executions,
        .exhausted = r.exhausted,
    };
    if (outputs_write_bugs(&files, bugs.e, bugs.n, &x, &o, "interleave explore") < 0)
        failed = true;
    xreport_entries_free(&bugs);
    free(cwd);
    free(command);
    rc = failed ? EXIT_USAGE : r.nbugs ? EXIT_FINDINGS : 0;
    explore_result_free(&r);
    return rc;
}
