/* cmd_report: `interleave report [options] FILE...`. Renders saved traces (findings streams
 * written by `interleave run --save`, docs/internals/wire.md) again, as text, SARIF, a
 * Chrome/Perfetto trace or HTML. Code addresses are symbolized against the module files
 * named in the trace, which must still exist (and be the same builds) for source
 * locations; the command says so when they do not. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/outputs.h"
#include "driver/source.h"
#include "driver/spawn.h"
#include "driver/symbolize.h"
#include "explore/schedule.h"
#include "explore/xreport.h"
#include "model/findings.h"
#include "report/render_text.h"

#define EXIT_FINDINGS 66
#define EXIT_USAGE 2
#define MAX_STREAM (256u << 20)
#define CMD "interleave report"

struct report_args {
    struct outputs outputs;
    bool text, addresses;
    char **files;
    int nfiles;
};

/* One saved trace, read and parsed. */
struct trace {
    const char *path;
    struct findings_run run;
    bool ok;      /* parsed (possibly partly): it is rendered */
    bool results; /* a result file of `interleave explore --save` (not parsed here) */
    struct symbolizer *sym;
    struct findings_resolver res;
    char *buf; /* the file, for its module-build records */
    size_t len;
    bool rebuilt; /* a module was rebuilt: addresses are shown */
};

enum report_option { OPT_TEXT, OPT_ADDRESSES, OPT_HELP, OPT_COUNT };

static const struct arg_opt options[OPT_COUNT] = {
    [OPT_TEXT] = {"--text", NULL, ARG_SWITCH, NULL, 0, 0, NULL,
                  "the text report on stdout (default when no FILE output)"},
    [OPT_ADDRESSES] = {"--addresses", NULL, ARG_SWITCH, NULL, 0, 0, NULL,
                       "also show raw code and data addresses"},
    [OPT_HELP] = {"--help", "-h", ARG_SWITCH, NULL, 0, 0, NULL, "show this help"},
};

static void usage(FILE *out)
{
    fputs("usage: interleave report [options] FILE...\n"
          "\n"
          "Renders saved traces (written by 'interleave run --save FILE') and result files\n"
          "(written by 'interleave explore --save FILE' or 'interleave replay --save FILE')\n"
          "again: as text on stdout (the default, or with --text), and into the files asked\n"
          "for. Source locations come from the program and libraries named in the trace,\n"
          "which must still exist, unchanged, at the same paths.\n"
          "\n"
          "options:\n",
          out);
    args_usage(out, options, OPT_COUNT, true);
    fputs("\n"
          "exit status:\n"
          "  0    every trace was read and none has a finding\n"
          "  66   at least one finding was rendered\n"
          "  2    usage error; a trace could not be read, is not a trace, or is corrupt\n"
          "       (what came before the damage is still rendered); an output could not be\n"
          "       written\n",
          out);
}

/* Options may come before and after the files (`interleave report t.trace --html t.html`);
 * after "--" every word is a file. Returns 0, 1 for --help, -1 after a usage message. */
static int parse_args(int argc, char **argv, struct report_args *a)
{
    a->files = &argv[1]; /* compacted in place: files[k] is never ahead of argv[i] */
    a->nfiles = 0;
    bool dashdash = false;
    for (int i = 1; i < argc;) {
        if (!dashdash && strcmp(argv[i], "--") == 0) {
            dashdash = true;
            i++;
            continue;
        }
        if (!dashdash) {
            const char *v;
            uint64_t n;
            int o = args_next(CMD, options, OPT_COUNT, &a->outputs, argc, argv, &i, &v, &n);
            if (o == ARG_ERROR)
                return -1;
            if (o == OPT_HELP)
                return 1;
            if (o == OPT_TEXT)
                a->text = true;
            if (o == OPT_ADDRESSES)
                a->addresses = true;
            if (o != ARG_END)
                continue;
        }
        a->files[a->nfiles++] = argv[i++];
    }
    if (a->nfiles == 0) {
        args_bad(CMD, "missing FILE (a trace saved with 'interleave run --save FILE', or "
                      "results of 'interleave explore --save FILE')");
        return -1;
    }
    if (!a->outputs.sarif && !a->outputs.trace && !a->outputs.html)
        a->text = true;
    return 0;
}

/* Reads and parses t->path; prints one line per problem. Returns 0, or -1 when the
 * file is unusable or damaged (t->ok says whether something can still be rendered). */
static int load(struct trace *t)
{
    int fd = open(t->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, CMD ": cannot read %s: %s\n", t->path, strerror(errno));
        return -1;
    }
    char *buf = NULL;
    size_t len = 0;
    int rc = spawn_read_all(fd, MAX_STREAM, &buf, &len);
    close(fd);
    if (rc < 0) {
        fprintf(stderr, CMD ": cannot read %s: %s\n", t->path,
                rc == -EFBIG ? "larger than 256 MiB" : strerror(-rc));
        return -1;
    }
    if (xreport_is_results(buf, len)) { /* explore --save: read by xreport */
        free(buf);
        t->results = true;
        return 0;
    }
    struct findings_error err;
    rc = findings_parse(buf, len, &t->run, &err);
    t->buf = buf;
    t->len = len;
    switch (rc) {
    case 0:
        t->ok = true;
        if (t->run.truncated)
            fprintf(stderr,
                    CMD ": %s was cut short (no summary line: the program did not finish "
                        "normally); the reports may be incomplete\n",
                    t->path);
        return 0;
    case -ENOMSG:
        fprintf(stderr,
                CMD ": %s is not a saved trace (it does not start with "
                    "'interleave-findings version=1') nor a result file of 'interleave "
                    "explore --save'\n",
                t->path);
        return -1;
    case -EPROTONOSUPPORT:
        fprintf(stderr, CMD ": cannot read %s: %s\n", t->path, err.msg);
        return -1;
    case -EBADMSG:
        if (!t->run.has_run && t->run.nfindings == 0) {
            /* only the first line looked like a trace: nothing to render, no summary */
            fprintf(stderr,
                    CMD ": %s is not a saved trace (its first line is a trace header, but "
                        "line %zu is not a trace record: %s)\n",
                    t->path, err.line, err.msg);
            return -1;
        }
        fprintf(stderr, CMD ": %s is corrupt at line %zu (%s); rendering what came before it\n",
                t->path, err.line, err.msg);
        t->ok = true;
        return -1;
    default:
        fprintf(stderr, CMD ": cannot read %s: %s\n", t->path, strerror(-rc));
        return -1;
    }
}

/* The exit status recorded by the runtime, as render_text_summary takes it. */
static struct render_exit recorded_exit(const struct findings_run *run)
{
    if (!run->has_summary || run->summary.status < 0)
        return (struct render_exit){false, -1};
    int st = run->summary.status;
    if (st > 128 && render_signal_name(st - 128))
        return (struct render_exit){true, st - 128};
    return (struct render_exit){false, st};
}

/* The file outputs when result files of `interleave explore --save` are among the inputs:
 * the traces' runs (in[0..nin)) and the exploration's bugs, in one SARIF log, one page,
 * one trace. */
static int write_results(const struct report_args *a, const struct xreport_set *set,
                         const struct render_input *in, size_t nin, const char *cwd)
{
    const struct outputs *o = &a->outputs;
    if (!o->sarif && !o->trace && !o->html)
        return 0;
    struct xreport_entries bugs;
    if (xreport_set_entries(set, &bugs) < 0) {
        fputs(CMD ": out of memory\n", stderr);
        return -1;
    }
    char program[4096];
    snprintf(program, sizeof program, "%s", set->command ? set->command : "program");
    program[strcspn(program, " ")] = '\0';
    struct render_exploration x = {
        .command = set->command,
        .program = program,
        .strategy = set->strategy[0] && strcmp(set->strategy, "replay") != 0 ? set->strategy : NULL,
        .executions = set->executions,
        .exhausted = set->files && set->complete == set->files,
    };
    /* The program, as its executions recorded it (their first module: an absolute path,
     * whatever the current directory): gone, or rebuilt since the exploration, its
     * addresses stay raw. */
    const char *main_module = NULL;
    for (size_t i = 0; i < set->n && !main_module; i++)
        if (set->recs[i].has_trace && set->recs[i].trace.run.nmodules)
            main_module = set->recs[i].trace.run.modules[0].path;
    char *real = NULL;
    uint64_t now;
    if (main_module && main_module[0] == '/') {
        int hrc = program_hash(main_module, &now);
        if (hrc < 0 || now != set->prog) {
            real = strdup(main_module);
            if (hrc < 0)
                fprintf(stderr,
                        CMD ": %s no longer exists; code locations in it show as unknown in "
                            "the SARIF, HTML and trace outputs\n",
                        main_module);
            else
                fprintf(stderr,
                        CMD ": %s was rebuilt after the results were saved (its build ID "
                            "differs): its code and data in the SARIF, HTML and trace outputs "
                            "are shown as raw addresses, not symbolized against the new "
                            "build\n",
                        main_module);
        }
    }
    struct xreport_opts xo = {
        .cwd = cwd, .command = set->command, .addresses = a->addresses || real, .stale = real};
    struct xreport_files f;
    int rc = xreport_files_open(&f, bugs.e, bugs.n, &x, &xo);
    struct render_input *all = rc == 0 ? calloc(nin + f.n, sizeof *all) : NULL;
    if (!all) {
        fputs(CMD ": out of memory\n", stderr);
        if (rc == 0)
            xreport_files_close(&f);
        free(bugs.e);
        free(real);
        return -1;
    }
    memcpy(all, in, nin * sizeof *in);
    memcpy(all + nin, f.in, f.n * sizeof *f.in);
    struct source_cache *src = source_open();
    struct render_source rs = source_render(src);
    struct render_options ro = {.addresses = xo.addresses, .cwd = cwd};
    outputs_text_options(&ro, STDOUT_FILENO, &rs);
    rc = outputs_write(o, all, nin + f.n, &ro, CMD);
    source_close(src);
    free(all);
    xreport_files_close(&f);
    free(bugs.e);
    free(real);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    struct report_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc == 1) {
        usage(stdout);
        return 0;
    }
    if (rc < 0)
        return EXIT_USAGE;

    struct trace *ts = calloc((size_t)a.nfiles, sizeof *ts);
    struct render_input *in = calloc((size_t)a.nfiles, sizeof *in);
    if (!ts || !in) {
        fputs(CMD ": out of memory\n", stderr);
        free(ts);
        free(in);
        return EXIT_USAGE;
    }
    bool failed = false;
    size_t nin = 0, nfindings = 0;
    struct xreport_set set = {0};
    bool rebuilt = false;
    for (int i = 0; i < a.nfiles; i++) {
        struct trace *t = &ts[i];
        t->path = a.files[i];
        failed |= load(t) < 0;
        if (t->results) {
            failed |= xreport_set_load(&set, t->path, CMD) < 0;
            continue;
        }
        if (!t->ok)
            continue;
        bool *keep = calloc(t->run.nmodules ? t->run.nmodules : 1, sizeof *keep);
        if (keep)
            t->rebuilt = outputs_check_modules(t->path, t->buf, t->len, &t->run, keep, CMD);
        t->sym = outputs_symbolize_kept(&t->run, keep, &t->res);
        free(keep);
        rebuilt |= t->rebuilt;
        in[nin++] = (struct render_input){&t->run, &t->res, t->path, NULL};
        nfindings += t->run.nfindings;
    }
    nfindings += set.n;

    char *cwd = getcwd(NULL, 0);
    struct source_cache *src = source_open();
    struct render_source rs = source_render(src);
    struct render_options ro = {.addresses = a.addresses || rebuilt, .cwd = cwd};
    outputs_text_options(&ro, STDOUT_FILENO, &rs);
    if (a.text) {
        for (size_t k = 0; k < nin; k++) {
            const struct findings_run *run = in[k].run;
            if (nin > 1)
                printf("%s%s:\n", k ? "\n" : "", in[k].label);
            for (size_t i = 0; i < run->nfindings; i++)
                render_text_finding(run, &run->findings[i], in[k].res, &ro, stdout);
            render_text_summary(run, run->seed, recorded_exit(run), stdout);
        }
        if (set.files) {
            if (nin)
                puts("");
            xreport_set_print(&set, stdout);
        }
        fflush(stdout);
    }
    if (set.files)
        failed |= write_results(&a, &set, in, nin, cwd) < 0;
    else if (nin && outputs_write(&a.outputs, in, nin, &ro, CMD) < 0)
        failed = true;
    xreport_set_free(&set);

    source_close(src);
    free(cwd);
    for (int i = 0; i < a.nfiles; i++) {
        symbolizer_close(ts[i].sym);
        findings_free(&ts[i].run);
        free(ts[i].buf);
    }
    free(ts);
    free(in);
    return failed ? EXIT_USAGE : nfindings ? EXIT_FINDINGS : 0;
}
