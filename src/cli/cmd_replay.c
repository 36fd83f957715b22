/* cmd_replay: `interleave replay TOKEN [--] PROGRAM [ARGS...]`: runs exactly the
 * execution a token of `interleave explore` describes (one exec with the token's whole
 * decision prefix and policy=first), shows the program's output, and prints the same
 * verdict, schedule and diagrams as explore did. */
#define _GNU_SOURCE
#include <errno.h>
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

#define CMD "interleave replay"

enum replay_option { OPT_ADDRESSES, OPT_SAVE, OPT_HELP, OPT_COUNT };

static const struct arg_opt options[OPT_COUNT] = {
    [OPT_ADDRESSES] = {"--addresses", NULL, ARG_SWITCH, NULL, 0, 0, NULL,
                       "also show raw addresses"},
    [OPT_SAVE] = {"--save", NULL, ARG_TEXT, "FILE", 0, 0, NULL,
                  "write the bug as a result file (for 'interleave report')"},
    [OPT_HELP] = {"--help", "-h", ARG_SWITCH, NULL, 0, 0, NULL, "show this help"},
};

static void usage(FILE *out)
{
    fputs("usage: interleave replay [options] TOKEN [--] PROGRAM [ARGS...]\n"
          "\n"
          "Replays the execution of PROGRAM that TOKEN (printed by 'interleave explore')\n"
          "describes, decision by decision, with the program's output, and reports it as\n"
          "explore did. PROGRAM and ARGS must be those explore ran.\n"
          "\n"
          "options:\n",
          out);
    args_usage(out, options, OPT_COUNT, true);
    fputs("\n"
          "exit status: 66 the execution shows a bug, 0 it does not, 2 usage error, bad\n"
          "token, token of another program, or the program did not follow the schedule\n",
          out);
}

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

int cmd_replay(int argc, char **argv)
{
    bool addresses = false;
    struct outputs files = {0};
    const char *save = NULL;
    int i = 1;
    for (;;) {
        const char *v;
        uint64_t n;
        int o = args_next(CMD, options, OPT_COUNT, &files, argc, argv, &i, &v, &n);
        if (o == ARG_END)
            break;
        if (o == ARG_ERROR)
            return EXIT_USAGE;
        if (o == OPT_HELP) {
            usage(stdout);
            return 0;
        }
        if (o == OPT_ADDRESSES)
            addresses = true;
        if (o == OPT_SAVE)
            save = v;
    }
    if (i >= argc) {
        args_bad(CMD, "missing TOKEN");
        return EXIT_USAGE;
    }
    const char *token = argv[i++];
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc) {
        args_bad(CMD, "missing PROGRAM");
        return EXIT_USAGE;
    }
    if (args_check_env(CMD) < 0)
        return EXIT_USAGE;
    char **prog = &argv[i];
    struct xtoken tk;
    char err[512];
    if (xtoken_decode(token, &tk, err, sizeof err) < 0) {
        fprintf(stderr, "interleave replay: %s\n", err);
        return EXIT_USAGE;
    }
    char path[4096];
    uint64_t hash = 0;
    if (paths_find_program(prog[0], path, sizeof path) < 0 || program_hash(path, &hash) < 0) {
        fprintf(stderr, "interleave replay: cannot execute '%s'\n", prog[0]);
        free(tk.prefix);
        return EXIT_USAGE;
    }
    if (hash != tk.prog) {
        fprintf(stderr,
                "interleave replay: this token was made for another program (or another build "
                "of %s)\n",
                prog[0]);
        free(tk.prefix);
        return EXIT_USAGE;
    }
    struct forksrv_cfg fc = {
        .argv = prog, .show_output = true, .options = "server_output=1", .cpu = 0};
    struct xpool *pool;
    if (xpool_open(&fc, 1, &pool, err, sizeof err) < 0) {
        fprintf(stderr, "interleave replay: %s\n", err);
        free(tk.prefix);
        return EXIT_USAGE;
    }
    struct xexecutor ex = {pool_idle, pool_submit, pool_collect, pool};
    struct xreq q = {0};
    q.policy = XP_FIRST;
    q.steps = tk.steps ? tk.steps : 1000000;
    q.timeout_ms = 10000;
    q.prefix = tk.prefix;
    q.nprefix = tk.nprefix;
    struct xtrace t;
    fflush(NULL);
    int rc = explore_run_one(&ex, &q, &t, err, sizeof err);
    xpool_close(pool);
    xreq_clear(&q);
    if (rc < 0) {
        fprintf(stderr, "interleave replay: %s\n", err);
        return EXIT_USAGE;
    }
    if (t.verdict.kind == XV_DIVERGED) {
        fprintf(stderr,
                "interleave replay: %s did not follow the token's schedule (diverged at decision "
                "%llu): other arguments or input than when it was explored?\n",
                prog[0], (unsigned long long)t.verdict.step);
        xtrace_free(&t);
        return EXIT_USAGE;
    }
    /* the bug the token is about: a finding (focus) or the verdict */
    char key[512] = "";
    const char *kp = NULL;
    if (tk.focus)
        for (size_t k = 0; k < t.run.nfindings && !kp; k++) {
            explore_finding_key(&t, &t.run.findings[k], key, sizeof key);
            if (xtoken_focus(key) == tk.focus)
                kp = key;
        }
    if (!kp && t.verdict.kind == XV_STEPLIMIT)
        kp = "livelock";
    char vkey[512];
    explore_verdict_key(&t, vkey, sizeof vkey);
    bool bug = kp || (vkey[0] && xverdict_is_bug(&t.verdict)) || t.run.nfindings;
    char *cwd = getcwd(NULL, 0);
    char *command = NULL;
    size_t clen = 0;
    FILE *cf = open_memstream(&command, &clen);
    for (int k = 0; prog[k] && cf; k++)
        fprintf(cf, "%s%s", k ? " " : "", prog[k]);
    if (cf)
        fclose(cf);
    struct xreport_opts o = {
        .cwd = cwd, .command = command, .prog_hash = hash, .addresses = addresses};
    char *text = NULL;
    size_t tlen = 0;
    FILE *out = open_memstream(&text, &tlen);
    xreport_execution(&t, kp, NULL, token, &o, out ? out : stderr);
    if (out) {
        fclose(out);
        fwrite(text, 1, tlen, stderr);
    }
    /* the same bug for the report files: the token's, else the verdict's, else every
     * finding of the execution */
    const char *keys[16];
    char fkeys[16][512];
    size_t nkeys = 0;
    if (kp)
        keys[nkeys++] = kp;
    else if (vkey[0] && xverdict_is_bug(&t.verdict))
        keys[nkeys++] = vkey;
    else
        for (size_t k = 0; k < t.run.nfindings && nkeys < 16; k++) {
            explore_finding_key(&t, &t.run.findings[k], fkeys[nkeys], sizeof fkeys[nkeys]);
            keys[nkeys] = fkeys[nkeys];
            nkeys++;
        }
    struct xreport_entry e[16];
    for (size_t k = 0; k < nkeys; k++)
        e[k] = (struct xreport_entry){
            .key = keys[k],
            .trace = &t,
            .token = token,
            .text = text,
            .preemptions = xtrace_preemptions(&t),
            .steps = t.nsteps,
            .strategy = "replay",
        };
    rc = bug ? EXIT_FINDINGS : 0;
    if (save) {
        struct xreport_run run = {.strategy = "replay", .executions = 1};
        int src = xreport_save(save, &run, e, nkeys, &o);
        if (src < 0) {
            fprintf(stderr, "interleave replay: cannot write '%s': %s\n", save, strerror(-src));
            rc = EXIT_USAGE;
        }
    }
    struct render_exploration x = {.command = command, .program = prog[0], .executions = 1};
    if (outputs_write_bugs(&files, e, nkeys, &x, &o, "interleave replay") < 0)
        rc = EXIT_USAGE;
    free(text);
    free(cwd);
    free(command);
    xtrace_free(&t);
    return rc;
}
