/* outputs: report files and text options shared by `run` and `report` (see outputs.h). */
#include "cli/outputs.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "explore/schedule.h"
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

#define BUILD_RECORD "module-build "

int outputs_save_trace(const char *path, const char *buf, size_t len,
                       const struct findings_run *run)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -errno;
    fwrite(buf, 1, len, f);
    if (len && buf[len - 1] != '\n')
        fputc('\n', f); /* a cut-off last line stays cut off, and ours start afresh */
    for (size_t i = 0; i < run->nmodules; i++) {
        const char *m = run->modules[i].path;
        uint64_t id;
        if (m && m[0] == '/' && program_hash(m, &id) == 0)
            fprintf(f, BUILD_RECORD "id=0x%016" PRIx64 " path=%s\n", id, m);
    }
    int rc = ferror(f) ? -EIO : 0;
    if (fclose(f) != 0 && rc == 0)
        rc = -errno;
    return rc;
}

/* The identity recorded for module path in buf; false when there is none. */
static bool recorded_id(const char *buf, size_t len, const char *path, uint64_t *id)
{
    size_t rl = strlen(BUILD_RECORD), pl = strlen(path);
    for (const char *p = buf, *end = buf + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *at;
        unsigned long long v;
        int n = 0;
        if ((size_t)(le - p) > rl && memcmp(p, BUILD_RECORD, rl) == 0 &&
            sscanf(p + rl, "id=0x%16llx path=%n", &v, &n) == 1 && n > 0 &&
            (at = p + rl + n) + pl == le && memcmp(at, path, pl) == 0) {
            *id = v;
            return true;
        }
        p = le + 1;
    }
    return false;
}

bool outputs_check_modules(const char *trace_path, const char *buf, size_t len,
                           const struct findings_run *run, bool *keep, const char *cmd)
{
    struct stat ts;
    bool have_ts = stat(trace_path, &ts) == 0, rebuilt = false;
    for (size_t i = 0; i < run->nmodules; i++) {
        const char *m = run->modules[i].path;
        keep[i] = true;
        if (!m || m[0] != '/')
            continue; /* the vDSO and other nameless mappings */
        struct stat ms;
        uint64_t then, now;
        if (stat(m, &ms) != 0) {
            fprintf(stderr,
                    "%s: %s: %s no longer exists; code locations in it show as unknown "
                    "(keep the program to symbolize a saved trace)\n",
                    cmd, trace_path, m);
            keep[i] = false;
        } else if (recorded_id(buf, len, m, &then)) {
            if (program_hash(m, &now) == 0 && now != then) {
                fprintf(stderr,
                        "%s: %s: %s was rebuilt after the trace was saved (its build ID "
                        "differs): its code and data are shown as raw addresses, not "
                        "symbolized against the new build\n",
                        cmd, trace_path, m);
                keep[i] = false;
                rebuilt = true;
            }
        } else if (have_ts && ms.st_mtime > ts.st_mtime) {
            fprintf(stderr,
                    "%s: %s: %s changed after the trace was saved (the trace records no build "
                    "ID to compare): its code and data are shown as raw addresses, not "
                    "symbolized against what may be another build\n",
                    cmd, trace_path, m);
            keep[i] = false;
            rebuilt = true;
        }
    }
    return rebuilt;
}

struct symbolizer *outputs_symbolize_kept(const struct findings_run *run, const bool *keep,
                                          struct findings_resolver *res)
{
    if (!keep)
        return outputs_symbolize(run, res);
    struct findings_run sub = *run;
    struct findings_module *mods = calloc(run->nmodules ? run->nmodules : 1, sizeof *mods);
    struct symbolizer *sym = NULL;
    *res = (struct findings_resolver){0};
    if (!mods)
        return NULL;
    sub.nmodules = 0;
    for (size_t i = 0; i < run->nmodules; i++)
        if (keep[i])
            mods[sub.nmodules++] = run->modules[i];
    sub.modules = mods;
    sym = sub.nmodules ? outputs_symbolize(&sub, res) : NULL;
    free(mods);
    return sym;
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
