/* render: what every renderer of src/report shares: the options, the input (one parsed
 * findings stream with the symbolizer that resolves its addresses) and the way source
 * lines are asked for. Renderers are pure functions from these to bytes on a FILE: no
 * DWARF, no file reading of their own (source lines come through render_source). */
#ifndef INTERLEAVE_REPORT_RENDER_H
#define INTERLEAVE_REPORT_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "model/findings.h"

/* How a renderer asks for the text of a source line. line() returns the line without its
 * newline, borrowed until the owner is closed, or NULL when the file or line is absent
 * (renderers then show nothing). */
struct render_source {
    const char *(*line)(void *ctx, const char *file, unsigned line);
    void *ctx;
};

/* Zero-initialised options give the plain text report of docs/internals/report.md. */
struct render_options {
    bool addresses;  /* also show raw code and data addresses */
    const char *cwd; /* source paths under it print relative to it; others as basenames */
    unsigned width;  /* diagram wrap width, 0 for the default */
    bool color;      /* ANSI colors in the text report (the driver decides: tty, NO_COLOR) */
    bool help;       /* a `help:` line suggesting the fix, in the text report */
    const struct render_source *source; /* source lines under events; NULL for none */
    const char *tool_version;           /* for SARIF's tool.driver.version; NULL: omitted */
};

/* One findings stream to render: a run of `interleave run` or a saved trace. */
struct render_input {
    const struct findings_run *run;
    const struct findings_resolver *res; /* may have NULL callbacks: all unknown */
    const char *label;                   /* the saved file or the program, for titles */
};

#endif
