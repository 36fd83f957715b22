/* render: what every renderer of src/report shares: the options, the input (one parsed
 * findings stream with the symbolizer that resolves its addresses) and the way source
 * lines are asked for. Renderers are pure functions from these to bytes on a FILE: no
 * DWARF, no file reading of their own (source lines come through render_source). */
#ifndef INTERLEAVE_REPORT_RENDER_H
#define INTERLEAVE_REPORT_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* An exploration (`interleave explore`, `replay`, or their result files): what its bugs
 * share. Inputs whose bugs point to the same exploration make one SARIF run, one part
 * of the HTML page, consecutive processes of the trace. */
struct render_exploration {
    const char *command;  /* "./prog args" as explored */
    const char *program;  /* the program as given, for the SARIF category */
    const char *strategy; /* NULL for a replay */
    uint64_t executions;  /* 0 for a replay */
    bool exhausted;       /* the whole schedule space was explored */
};

/* One bug of an exploration: the execution that shows it is the input's run. A bug is
 * either one finding of that run (focus >= 0: a data race, a lost update, or the
 * deadlock finding of a deadlock) or the execution's verdict (focus < 0: an assertion
 * failure, a crash, a livelock, ...), described by the fields below. An exploration that
 * found nothing is one input with an empty run and a bug that is `none`: the SARIF run
 * (without results, so that code scanning closes the alerts it had) and the page still
 * say what was explored. */
struct render_bug {
    const struct render_exploration *x;
    bool none;          /* the exploration found no bug: this input only carries x */
    long focus;         /* index into run->findings, or -1 for the verdict */
    const char *rule;   /* verdict: "assertion-failure", "crash", "livelock", ... */
    const char *title;  /* verdict: "assertion failure: `x == 4` in main (T0)" */
    const char *file;   /* verdict: where it happened (assertions), or NULL */
    unsigned line;      /* with file */
    const char *func;   /* with file */
    uint64_t pc;        /* verdict: a code address (crashes), or 0 */
    bool has_tid;       /* the verdict happened in thread tid */
    uint32_t tid;       /* with has_tid */
    const char *token;  /* the replay token */
    const char *replay; /* "interleave replay TOKEN -- ./prog args" */
    const char *found;  /* "found after 2 executions (dpor); ...", NULL for a replay */
    size_t preemptions; /* of the (shrunk) schedule */
    size_t steps;       /* decisions of the schedule */
    const char *text;   /* the bug's text report as explore prints it */
};

/* One findings stream to render: a run of `interleave run` or a saved trace, or the
 * execution of one bug of an exploration (bug != NULL). */
struct render_input {
    const struct findings_run *run;
    const struct findings_resolver *res; /* may have NULL callbacks: all unknown */
    const char *label;                   /* the saved file or the program, for titles */
    const struct render_bug *bug;        /* NULL except for an exploration's bug */
};

#endif
