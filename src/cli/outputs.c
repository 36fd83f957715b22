/* outputs: report files and text options shared by `run` and `report` (see outputs.h). */
#include "cli/outputs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "explore/xreport.h"
#include "report/render_html.h"
#include "report/render_sarif.h"
#include "report/render_trace.h"

#ifndef INTERLEAVE_VERSION
#define INTERLEAVE_VERSION "0.0.0"
#endif

static const struct {
    const char *name;
    size_t offset;
    const char *help;
} files[] = {
    {"--sarif", offsetof(struct outputs, sarif), "write SARIF 2.1.0 (code scanning) to FILE"},
    {"--trace", offsetof(struct outputs, trace), "write a Chrome/Perfetto trace (JSON) to FILE"},
    {"--html", offsetof(struct outputs, html), "write a self-contained HTML report to FILE"},
};
#define NFILES (sizeof files / sizeof files[0])

static int (*const renderers[NFILES])(const struct render_input *, size_t,
                                      const struct render_options *,
                                      FILE *) = {render_sarif, render_trace, render_html};

int outputs_parse_arg(struct outputs *o, int argc, char **argv, int *i, const char *cmd)
{
    const char *arg = argv[*i];
    for (size_t k = 0; k < NFILES; k++) {
        size_t n = strlen(files[k].name);
        if (strncmp(arg, files[k].name, n) != 0 || (arg[n] != '\0' && arg[n] != '='))
            continue;
        const char *value = arg[n] == '=' ? arg + n + 1 : NULL;
        if (!value) {
            if (*i + 1 >= argc) {
                fprintf(stderr, "%s: option '%s' needs a FILE\nTry '%s --help'.\n", cmd, arg, cmd);
                return -1;
            }
            value = argv[++*i];
        }
        if (!*value) {
            fprintf(stderr, "%s: option '%s' needs a FILE\nTry '%s --help'.\n", cmd, arg, cmd);
            return -1;
        }
        *(const char **)((char *)o + files[k].offset) = value;
        return 1;
    }
    return 0;
}

void outputs_usage(FILE *out)
{
    for (size_t k = 0; k < NFILES; k++) {
        char left[40];
        snprintf(left, sizeof left, "%s FILE", files[k].name);
        fprintf(out, "  %-22s %s\n", left, files[k].help);
    }
}

int outputs_write(const struct outputs *o, const struct render_input *in, size_t n,
                  const struct render_options *opt, const char *cmd)
{
    int status = 0;
    struct render_options fopt = *opt;
    fopt.color = false;
    fopt.tool_version = INTERLEAVE_VERSION;
    for (size_t k = 0; k < NFILES; k++) {
        const char *path = *(const char *const *)((const char *)o + files[k].offset);
        if (!path)
            continue;
        bool std = strcmp(path, "-") == 0;
        FILE *f = std ? stdout : fopen(path, "w");
        if (!f) {
            fprintf(stderr, "%s: cannot write %s: %s\n", cmd, path, strerror(errno));
            status = -1;
            continue;
        }
        int rc = renderers[k](in, n, &fopt, f);
        if (std ? fflush(f) != 0 : fclose(f) != 0)
            rc = rc < 0 ? rc : -EIO;
        if (rc < 0) {
            fprintf(stderr, "%s: cannot write %s: %s\n", cmd, path, strerror(-rc));
            status = -1;
        }
    }
    return status;
}

int outputs_write_bugs(const struct outputs *o, const struct xreport_entry *e, size_t n,
                       const struct render_exploration *x, const struct xreport_opts *xo,
                       const char *cmd)
{
    if (!o->sarif && !o->trace && !o->html)
        return 0;
    struct xreport_files f;
    if (xreport_files_open(&f, e, n, x, xo) < 0) {
        fprintf(stderr, "%s: out of memory\n", cmd);
        return -1;
    }
    struct source_cache *src = source_open();
    struct render_source rs = source_render(src);
    struct render_options ro = {.addresses = xo->addresses, .cwd = xo->cwd};
    outputs_text_options(&ro, STDERR_FILENO, &rs);
    int rc = outputs_write(o, f.in, f.n, &ro, cmd);
    source_close(src);
    xreport_files_close(&f);
    return rc;
}

void outputs_text_options(struct render_options *opt, int fd, const struct render_source *src)
{
    const char *no_color = getenv("NO_COLOR");
    const char *force = getenv("CLICOLOR_FORCE");
    opt->color =
        (force && strcmp(force, "0") != 0 && *force) || (isatty(fd) && !(no_color && *no_color));
    if (no_color && *no_color)
        opt->color = false;
    opt->help = true;
    opt->source = src;
}

struct symbolizer *outputs_symbolize(const struct findings_run *run, struct findings_resolver *res)
{
    struct symbolizer *sym = NULL;
    *res = (struct findings_resolver){0};
    if (symbolizer_open(run->modules, run->nmodules, &sym) == 0)
        *res = symbolizer_resolver(sym);
    else
        sym = NULL;
    return sym;
}
