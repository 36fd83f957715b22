/* outputs: what `interleave run`, `report`, `explore` and `replay` share: the report files
 * (--sarif, --trace, --html), the text options of the terminal (colors, help and source
 * lines), and symbolizing a parsed stream for the renderers. Not a subcommand. */
#ifndef INTERLEAVE_CLI_OUTPUTS_H
#define INTERLEAVE_CLI_OUTPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "driver/source.h"
#include "driver/symbolize.h"
#include "report/render.h"

/* The report files asked for; NULL when not. "-" is standard output. */
struct outputs {
    const char *sarif, *trace, *html;
};

/* When argv[*i] is --sarif/--trace/--html (FILE next or after '='), stores it in *o,
 * advances *i past a separate value and returns 1; returns 0 when it is none of them, -1
 * when the value is missing (a message has been printed, prefixed with cmd). */
int outputs_parse_arg(struct outputs *o, int argc, char **argv, int *i, const char *cmd);

/* The help lines of those options, for usage(). */
void outputs_usage(FILE *out);

/* Writes every file asked for from in[0..n). Prints "<cmd>: cannot write FILE: reason"
 * for each failure and returns -1 if any failed, else 0. */
int outputs_write(const struct outputs *o, const struct render_input *in, size_t n,
                  const struct render_options *opt, const char *cmd);

struct xreport_entry;
struct xreport_opts;

/* Writes every file asked for from the bugs e[0..n) of exploration x (explore, replay, or
 * result files read back): one SARIF run, one page, a trace with a process per bug; an
 * exploration without bugs still gets its (empty) run and page. Symbolizes each bug's
 * execution. 0, or -1 after messages as outputs_write prints them. */
int outputs_write_bugs(const struct outputs *o, const struct xreport_entry *e, size_t n,
                       const struct render_exploration *x, const struct xreport_opts *xo,
                       const char *cmd);

/* Options for a text report on stream `fd`: colors when it is a terminal and NO_COLOR
 * is unset or empty (CLICOLOR_FORCE=1 forces them), help lines, source lines from src. */
void outputs_text_options(struct render_options *opt, int fd, const struct render_source *src);

/* Saved traces (`run --save`): the findings stream as the runtime wrote it, then one
 * `module-build id=0x<16 hex> path=<path>` record per module file (its identity:
 * program_hash of src/explore/schedule.c, from the ELF build ID), added by the driver so
 * that `report` can tell a rebuilt module from the one the addresses belong to. Readers
 * of version 1 ignore the record. 0 or -errno. */
int outputs_save_trace(const char *path, const char *buf, size_t len,
                       const struct findings_run *run);

/* Which modules of a saved trace (buf[0..len), parsed into run) may be symbolized:
 * keep[i] for run->modules[i]. A module that is gone, or whose identity differs from the
 * recorded one (or, in a trace without records, that is newer than the trace file at
 * trace_path), is not: one line says why, prefixed with cmd. Returns true when a module
 * is still there but was rebuilt (its addresses should then be shown). */
bool outputs_check_modules(const char *trace_path, const char *buf, size_t len,
                           const struct findings_run *run, bool *keep, const char *cmd);

/* A symbolizer for the modules of run that keep[] allows (all when keep is NULL). */
struct symbolizer *outputs_symbolize_kept(const struct findings_run *run, const bool *keep,
                                          struct findings_resolver *res);

/* A symbolizer for run's modules (NULL and an all-unknown resolver when it cannot open)
 * and the resolver the renderers use. */
struct symbolizer *outputs_symbolize(const struct findings_run *run, struct findings_resolver *res);

#endif
