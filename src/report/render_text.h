/* render_text: the terminal report, shaped like ThreadSanitizer's but with the schedule
 * diagram. Pure functions from parsed findings plus symbolic facts (asked through a
 * findings_resolver, so no DWARF here) to text on a FILE. Output is stable for FileCheck:
 * symbolic thread names, paths relative to cwd or basenames, no raw addresses unless
 * asked. Colors, `help:` lines and source lines only when render_options asks for them. */
#ifndef INTERLEAVE_REPORT_RENDER_TEXT_H
#define INTERLEAVE_REPORT_RENDER_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/findings.h"
#include "report/render.h"

/* How the program ended, as waitpid told the driver. */
struct render_exit {
    bool signaled; /* killed by signal `code`; otherwise exited with status `code` */
    int code;      /* -1 with !signaled: not known (a saved trace that was cut short) */
};

/* Writes one finding's report, framed by "==================" lines. Borrows everything;
 * res may have NULL callbacks (everything then prints as unknown). Returns 0 or -EIO. */
int render_text_finding(const struct findings_run *run, const struct findings_finding *f,
                        const struct findings_resolver *res, const struct render_options *opt,
                        FILE *out);

/* Writes the one-line summary, e.g.
 * "interleave: 2 findings (1 data race, 1 lost update) in 1 run, seed 1; program exited
 * with status 134 (SIGABRT)". Counts the findings of run. Returns 0 or -EIO. */
int render_text_summary(const struct findings_run *run, uint64_t seed, struct render_exit ex,
                        FILE *out);

/* The signal's name without its number ("SIGABRT"), or NULL for an unusual one. */
const char *render_signal_name(int sig);

/* The path as reports show it: relative to cwd when under it, else its basename. */
const char *render_path(const char *path, const char *cwd);

#endif
