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

#include "cli/commands.h"
#include "cli/outputs.h"
#include "driver/paths.h"
#include "explore/explore.h"
#include "explore/forksrv.h"
#include "explore/xreport.h"

#define EXIT_FINDINGS 66
#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fputs("usage: interleave explore [options] [--] PROGRAM [ARGS...]\n"
          "       interleave explore --merge FILE...\n"
          "\n"
          "Runs PROGRAM, built with 'interleave cc', many times under chosen schedules and\n"
          "reports each distinct bug once (assertion failures, crashes, deadlocks, hangs,\n"
          "livelocks, data races, lost updates) with a shrunk schedule, its diagram and a\n"
          "replay token for 'interleave replay'. The program's own output is discarded.\n"
          "\n"
          "options:\n"
          "  --strategy S      auto (default), dpor, pct, random or bounded\n"
          "  --budget N        at most N executions (default 10000)\n"
          "  --time S          stop after S seconds (default: no limit)\n"
          "  --jobs J          J fork servers in parallel (default: the number of cores),\n"
          "                    server K on the K-th processor\n"
          "  --no-pin          let the system place the servers (a machine busy with other work)\n"
          "  --shard K/N       explore the K-th of N deterministic slices (1 <= K <= N)\n"
          "  --save FILE       also write the results to FILE (for --merge and for\n"
          "                    'interleave report', which renders them again)\n"
          "  --merge FILE...   print the merged report of shard result files\n"
          "  --steps N         step limit of one execution (default 1000000): livelock\n"
          "  --timeout MS      time limit of one execution (default 10000)\n"
          "  --depth D         PCT depth (default: cycle through 1, 2, 3)\n"
          "  --bound B         bounded: at most B preemptions (default: no bound)\n"
          "  --seed N          first seed of random and PCT (default 1)\n"
          "  --no-shrink       report schedules as found\n"
          "  --stop-on-bug     stop exploring at the first bug (then shrink and report it)\n"
          "  --addresses       also show raw addresses\n"
          "  --quiet, -q       no progress line and no summary when nothing was found\n",
          out);
    outputs_usage(out);
    fputs("  (every bug found, each with its replay token; see 'man interleave')\n"
          "\n"
          "exit status: 0 nothing found, 66 bugs found, 2 usage or environment error\n",
          out);
}

static int bad(const char *fmt, const char *arg)
{
    fputs("interleave explore: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'interleave explore --help'.\n", stderr);
    return EXIT_USAGE;
}

static bool number(const char *s, uint64_t *out)
{
    char *e;
    if (!s || !*s || *s == '-' || *s == '+')
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, &e, 10);
    if (*e || errno)
        return false;
    *out = v;
    return true;
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
    for (; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t n;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-')
            break;
        int orc = outputs_parse_arg(&files, argc, argv, &i, "interleave explore");
        if (orc < 0)
            return EXIT_USAGE;
        if (orc > 0)
            continue;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--merge") == 0) {
            merge = true;
            i++;
            break;
        } else if (strcmp(a, "--stop-on-bug") == 0) {
            c.stop_on_bug = true;
        } else if (strcmp(a, "--no-shrink") == 0) {
            c.shrink = false;
        } else if (strcmp(a, "--addresses") == 0) {
            addresses = true;
        } else if (strcmp(a, "--no-pin") == 0) {
            pin = false;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = true;
        } else if (!v) {
            return bad("option '%s' needs a value", a);
        } else if (strcmp(a, "--strategy") == 0) {
            if (strcmp(v, "auto") && strcmp(v, "dpor") && strcmp(v, "pct") && strcmp(v, "random") &&
                strcmp(v, "bounded"))
                return bad("unknown strategy '%s' (auto, dpor, pct, random, bounded)", v);
            c.strategy = v;
            i++;
        } else if (strcmp(a, "--save") == 0) {
            save = v;
            i++;
        } else if (strcmp(a, "--shard") == 0) {
            unsigned k, nn;
            char extra;
            if (sscanf(v, "%u/%u%c", &k, &nn, &extra) != 2 || nn == 0 || k == 0 || k > nn ||
                nn > 100000)
                return bad("--shard needs K/N with 1 <= K <= N, not '%s'", v);
            c.p.shard_k = k - 1;
            c.p.shard_n = nn;
            i++;
        } else if (strcmp(a, "--time") == 0) {
            char *e;
            double t = strtod(v, &e);
            if (*e || t <= 0)
                return bad("--time needs a positive number of seconds, not '%s'", v);
            c.time_s = t;
            i++;
        } else if (!number(v, &n)) {
            return bad("option needs a number, not '%s'", v);
        } else if (strcmp(a, "--budget") == 0 && n > 0) {
            c.budget = n;
            i++;
        } else if (strcmp(a, "--jobs") == 0 && n > 0 && n <= 256) {
            jobs = (long)n;
            i++;
        } else if (strcmp(a, "--steps") == 0 && n > 0) {
            c.p.steps = n;
            i++;
        } else if (strcmp(a, "--timeout") == 0 && n > 0 && n < 86400000) {
            c.p.timeout_ms = (uint32_t)n;
            i++;
        } else if (strcmp(a, "--depth") == 0 && n > 0 && n <= 16) {
            c.p.depth = (uint32_t)n;
            i++;
        } else if (strcmp(a, "--bound") == 0 && n <= 64) {
            c.p.bound = (uint32_t)n;
            i++;
        } else if (strcmp(a, "--seed") == 0) {
            c.p.seed = n;
            i++;
        } else {
            return bad("unknown option or bad value: '%s'", a);
        }
    }
    if (merge) {
        if (i >= argc)
            return bad("--merge needs %s", "result files");
        return xreport_merge(&argv[i], argc - i, stderr);
    }
    if (i >= argc)
        return bad("missing %s", "PROGRAM");
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
