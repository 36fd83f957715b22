/* cmd_run: `interleave run [options] [--] PROGRAM [ARGS...]`. Runs the program once
 * under the runtime's scheduler, then reads, symbolizes and prints its findings on stderr
 * once it has exited (docs/internals/report.md). */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/outputs.h"
#include "driver/source.h"
#include "driver/spawn.h"
#include "driver/symbolize.h"
#include "model/findings.h"
#include "report/render_text.h"

#define EXIT_FINDINGS 66
#define EXIT_USAGE 2
#define MAX_STREAM (256u << 20)

/* X(id, long name, short name, kind, argument, runtime key, help); a number's range is
 * its runtime option's (src/rt/options.def). */
#define RUN_OPTIONS(X)                                                                             \
    X(SEED, "--seed", NULL, ARG_TEXT, "N", "seed",                                                 \
      "scheduler seed (default 1); 'random' takes one from the clock")                             \
    X(HISTORY, "--history", NULL, ARG_NUMBER, "N", "history",                                      \
      "events per diagram window (default 16)")                                                    \
    X(MAX_REPORTS, "--max-reports", NULL, ARG_NUMBER, "N", "max_reports",                          \
      "stop reporting after N findings (default 20)")                                              \
    X(NO_LOST_UPDATES, "--no-lost-updates", NULL, ARG_SWITCH, NULL, "lost_updates",                \
      "do not look for lost updates, only for data races")                                         \
    X(ADDRESSES, "--addresses", NULL, ARG_SWITCH, NULL, NULL,                                      \
      "also show raw code and data addresses")                                                     \
    X(SAVE, "--save", NULL, ARG_TEXT, "FILE", NULL,                                                \
      "save the findings stream (a trace for 'interleave report') to FILE")                        \
    X(QUIET, "--quiet", "-q", ARG_SWITCH, NULL, NULL, "no summary line when nothing was found")    \
    X(HELP, "--help", "-h", ARG_SWITCH, NULL, NULL, "show this help")

enum run_option {
#define X(id, l, s, kind, arg, key, help) OPT_##id,
    RUN_OPTIONS(X)
#undef X
        OPT_COUNT
};

static const struct arg_opt options[] = {
#define X(id, l, s, kind, arg, key, help) {l, s, kind, arg, 0, 0, key, help},
    RUN_OPTIONS(X)
#undef X
};

#define CMD "interleave run"

struct run_args {
    struct outputs outputs; /* --sarif, --trace, --html */
    bool given[OPT_COUNT];
    const char *value[OPT_COUNT];
    uint64_t seed;
    char **program; /* NULL-terminated */
};

static void usage(FILE *out)
{
    fputs("usage: interleave run [options] [--] PROGRAM [ARGS...]\n"
          "\n"
          "Runs PROGRAM, built with 'interleave cc', once under interleave's scheduler and\n"
          "reports its data races and lost updates on stderr after it has exited.\n"
          "\n"
          "options:\n",
          out);
    args_usage(out, options, OPT_COUNT, true);
    fputs("\n"
          "The same settings can be given to a program started without 'interleave run'\n"
          "in INTERLEAVE_OPTIONS, e.g. INTERLEAVE_OPTIONS='seed=7 history=32 max_reports=5\n"
          "lost_updates=0'. Options given here are appended to (and so override) those.\n"
          "\n"
          "exit status:\n"
          "  0    the program exited with 0 and nothing was found\n"
          "  66   at least one finding was reported (whatever the program's own status)\n"
          "  N    otherwise the program's own exit status, or 128+S if signal S killed it\n"
          "  2    usage error (also a bad value in INTERLEAVE_OPTIONS), or the program could\n"
          "       not be started or was not built with 'interleave cc', or a\n"
          "       --save/--sarif/--trace/--html file could not be written\n"
          "\n"
          "Colors when stderr is a terminal, unless NO_COLOR is set. A saved trace is rendered\n"
          "again later with 'interleave report FILE'.\n",
          out);
}

static bool decimal(const char *s, uint64_t *out)
{
    if (!*s)
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno || s[0] == '-' || s[0] == '+' || s[0] == ' ')
        return false;
    *out = v;
    return true;
}

/* Parses argv[1..]; returns 0, 1 for --help, -1 after a usage message. */
static int parse_args(int argc, char **argv, struct run_args *a)
{
    int i = 1;
    for (;;) {
        const char *v;
        uint64_t n;
        int o = args_next(CMD, options, OPT_COUNT, &a->outputs, argc, argv, &i, &v, &n);
        if (o == ARG_END)
            break;
        if (o == ARG_ERROR)
            return -1;
        if (o == ARG_OUTPUT)
            continue;
        if (o == OPT_HELP)
            return 1;
        a->given[o] = true;
        a->value[o] = v;
        if (o != OPT_SEED)
            continue;
        if (strcmp(v, "random") == 0) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            uint64_t x = (uint64_t)ts.tv_sec * 1000000007u ^ (uint64_t)ts.tv_nsec;
            a->seed = x % 4000000000u + 1;
        } else if (!decimal(v, &a->seed)) {
            args_bad(CMD, "--seed needs a number or 'random', not '%s'", v);
            return -1;
        }
    }
    if (i >= argc) {
        args_bad(CMD, "missing PROGRAM");
        return -1;
    }
    a->program = &argv[i];
    return 0;
}

/* The user's INTERLEAVE_OPTIONS followed by ours. Returns a malloc'd string or NULL. */
static char *runtime_options(const struct run_args *a, int report_fd)
{
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    if (!f)
        return NULL;
    const char *user = getenv("INTERLEAVE_OPTIONS");
    if (user && *user)
        fprintf(f, "%s ", user);
    for (int i = 0; i < OPT_COUNT; i++) {
        if (!a->given[i] || !options[i].rtkey)
            continue;
        if (i == OPT_SEED) /* "random" was resolved here, so the run can be replayed */
            fprintf(f, "%s=%" PRIu64 " ", options[i].rtkey, a->seed);
        else if (options[i].kind != ARG_SWITCH)
            fprintf(f, "%s=%s ", options[i].rtkey, a->value[i]);
        else
            fprintf(f, "%s=0 ", options[i].rtkey); /* the --no-... switches */
    }
    fprintf(f, "report_fd=%d", report_fd);
    if (fclose(f) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

static int exit_code(const struct findings_run *run, struct spawn_status st)
{
    if (run && run->nfindings)
        return EXIT_FINDINGS;
    return st.signaled ? 128 + st.code : st.code;
}

/* Symbolizes and renders every finding, then the notes and the summary, into out. */
static void report(const struct findings_run *run, int parse_rc, const struct findings_error *perr,
                   const struct run_args *a, struct spawn_status st, FILE *out, bool *write_failed)
{
    struct symbolizer *sym = NULL;
    struct findings_resolver res = {0};
    bool files = a->outputs.sarif || a->outputs.trace || a->outputs.html;
    if (run->nfindings || files)
        sym = outputs_symbolize(run, &res);
    char *cwd = getcwd(NULL, 0);
    struct source_cache *src = source_open();
    struct render_source rs = source_render(src);
    struct render_options ro = {.addresses = a->given[OPT_ADDRESSES], .cwd = cwd};
    outputs_text_options(&ro, STDERR_FILENO, &rs);
    for (size_t i = 0; i < run->nfindings; i++)
        render_text_finding(run, &run->findings[i], &res, &ro, out);
    if (files) {
        struct render_input in = {run, &res, a->program[0], NULL};
        *write_failed = outputs_write(&a->outputs, &in, 1, &ro, "interleave run") < 0;
    }
    symbolizer_close(sym);
    source_close(src);
    free(cwd);

    if (parse_rc == -EBADMSG)
        fprintf(out,
                "interleave: the findings stream is malformed at line %zu (%s); "
                "the reports above are what could be read\n",
                perr->line, perr->msg);
    else if (parse_rc == -EPROTONOSUPPORT)
        fprintf(out, "interleave: cannot read this findings stream: %s\n", perr->msg);
    else if (parse_rc == -ENOMEM)
        fputs("interleave: out of memory while reading the findings stream\n", out);
    else if (run->truncated)
        fputs("interleave: the findings stream was cut short (the program did not finish "
              "normally); the reports may be incomplete\n",
              out);
    if (!(a->given[OPT_QUIET] && run->nfindings == 0)) {
        uint64_t seed = run->has_run ? run->seed : a->given[OPT_SEED] ? a->seed : 1;
        render_text_summary(run, seed, (struct render_exit){st.signaled, st.code}, out);
    }
}

int cmd_run(int argc, char **argv)
{
    struct run_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc == 1) {
        usage(stdout);
        return 0;
    }
    if (rc < 0)
        return EXIT_USAGE;

    if (args_check_env(CMD) < 0)
        return EXIT_USAGE;
    int fd = spawn_findings_fd();
    if (fd < 0) {
        fprintf(stderr, "interleave run: cannot create the findings file: %s\n", strerror(-fd));
        return EXIT_USAGE;
    }
    char *opts = runtime_options(&a, fd);
    if (!opts) {
        fputs("interleave run: out of memory\n", stderr);
        close(fd);
        return EXIT_USAGE;
    }
    fflush(NULL); /* nothing of ours may be written twice by the child */
    struct spawn_status st;
    rc = spawn_run(a.program, opts, &st);
    free(opts);
    if (rc < 0) {
        fprintf(stderr, "interleave run: cannot execute '%s': %s\n", a.program[0], strerror(-rc));
        close(fd);
        return EXIT_USAGE;
    }

    char *buf = NULL;
    size_t len = 0;
    rc = spawn_read_all(fd, MAX_STREAM, &buf, &len);
    close(fd);
    if (rc < 0) {
        fprintf(stderr, "interleave run: cannot read the findings of '%s': %s\n", a.program[0],
                strerror(-rc));
        return EXIT_USAGE;
    }

    struct findings_run run;
    struct findings_error perr;
    int prc = findings_parse(buf, len, &run, &perr);
    /* The raw stream is the saved trace (docs/internals/wire.md): written as it came, so
     * that even a stream this driver cannot read can be looked at, then the identity of
     * each module, so that `report` knows a rebuilt program when it sees one. */
    bool write_failed = false;
    if (a.given[OPT_SAVE]) {
        int src = outputs_save_trace(a.value[OPT_SAVE], buf, len, &run);
        if (src < 0) {
            fprintf(stderr, CMD ": cannot write %s: %s\n", a.value[OPT_SAVE], strerror(-src));
            write_failed = true;
        }
    }
    free(buf);
    if (prc == -ENOMSG) {
        findings_free(&run);
        if (len == 0 && st.signaled) {
            /* Killed before the runtime could write anything: say how it ended. */
            const char *name = render_signal_name(st.code);
            fprintf(stderr, "interleave run: %s was killed by %s before writing any findings\n",
                    a.program[0], name ? name : "a signal");
            return 128 + st.code;
        }
        fprintf(stderr,
                "interleave run: %s wrote no findings stream; was it built with 'interleave "
                "cc'?\n",
                a.program[0]);
        return EXIT_USAGE;
    }

    /* A program can link the runtime without any instrumented code (objects compiled
     * without -fsanitize=thread, or a gcc -flto link that dropped it): then "no findings"
     * would be a false word. Findings of the interposers alone (a deadlock) still stand. */
    bool uninstrumented =
        run.has_summary && run.summary.has_instrumented && run.summary.instrumented == 0;
    if (uninstrumented && run.nfindings == 0 && prc == 0) {
        findings_free(&run);
        fprintf(stderr,
                "interleave run: %s contains no instrumented code (none of it was compiled "
                "with -fsanitize=thread), so no race can be seen: rebuild it with "
                "'interleave cc'\n",
                a.program[0]);
        return EXIT_USAGE;
    }

    /* Render into memory and write once: the program has exited, nothing interleaves. */
    char *text = NULL;
    size_t tlen = 0;
    FILE *out = open_memstream(&text, &tlen);
    if (out) {
        report(&run, prc, &perr, &a, st, out, &write_failed);
        fclose(out);
        fwrite(text, 1, tlen, stderr);
        free(text);
    } else {
        report(&run, prc, &perr, &a, st, stderr, &write_failed);
    }
    if (uninstrumented)
        fprintf(stderr,
                "interleave run: %s contains no instrumented code: only the reports above "
                "(made by the interposed libc) are possible; rebuild it with 'interleave cc'\n",
                a.program[0]);
    rc = write_failed ? EXIT_USAGE : exit_code(&run, st);
    findings_free(&run);
    return rc;
}
