/* xreport: what `interleave explore` and `interleave replay` print for a bug, and the
 * shard result files of --save / --merge (format in docs/internals/explore.md). A bug
 * report is: a headline (verdict and source location, or the finding's own header), how
 * it was found and its schedule (preemptions, steps, the run of each thread), the shared
 * events of the execution as a schedule diagram, the findings of that execution rendered
 * like `interleave run` does (with their value diagrams), and the replay command.
 * Symbolization: src/driver/symbolize.c over the trace's module list. */
#ifndef INTERLEAVE_EXPLORE_XREPORT_H
#define INTERLEAVE_EXPLORE_XREPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "explore/explore.h"
#include "report/render.h"

struct xreport_opts {
    const char *cwd;     /* paths under it print relative */
    const char *command; /* "./prog args", shown in the replay line */
    uint64_t prog_hash;
    bool addresses;
    const char *stale; /* a module file rebuilt since (not symbolized), or NULL */
};

/* The replay token of b (malloc'd). 0 or -ENOMEM. */
int xreport_token(const struct xbug *b, uint64_t prog_hash, char **out);

/* Writes the report of bug i of r. found: the "found after" line (NULL for replay). */
int xreport_bug(const struct explore_result *r, size_t i, const struct xreport_opts *o, FILE *out);

/* The report of one execution with the bug of key (or of its verdict when key is NULL):
 * used by replay, which must print what explore printed. */
int xreport_execution(const struct xtrace *t, const char *key, const char *found_line,
                      const char *token, const struct xreport_opts *o, FILE *out);

/* Words for a bug key's kind: "assertion failure", "data race", ... */
const char *xreport_kind_words(const char *key);

/* ---- result files (--save) and the file reports ---------------------------------------- */

/* One bug as the reports see it, whoever has it: explore's result, a replay, or a record
 * read back from a result file. Borrowed pointers; trace may be NULL (a record of a file
 * written before executions were saved: it is reported from its key alone). */
struct xreport_entry {
    const char *key;
    const struct xtrace *trace;
    const char *token;
    const char *found; /* "found after ..." or NULL */
    const char *text;  /* the bug's text report, as printed */
    size_t preemptions, steps;
    uint64_t found_at;
    const char *strategy;
};

/* The entries of r's bugs that have their own report, in the order explore prints them
 * (verdicts first, then races and lost updates). Strings are malloc'd and owned by the
 * list: xreport_entries_free. 0 or -ENOMEM. */
struct xreport_entries {
    struct xreport_entry *e;
    size_t n;
};
int xreport_entries_of(const struct explore_result *r, const struct xreport_opts *o,
                       struct xreport_entries *out);
void xreport_entries_free(struct xreport_entries *l);

/* --save: writes a result file: a header, the exploration's counters (x: strategy,
 * executions; NULL for a replay), and per entry its text report and its execution (the
 * verdict and the findings stream), so that `interleave report` can render it again.
 * 0 or -errno. */
struct xreport_run {
    const char *strategy; /* "replay" for a replay */
    unsigned shard_k, shard_n;
    uint64_t executions, extra, first_bug_at;
    double seconds;
    bool exhausted;
};
int xreport_save(const char *path, const struct xreport_run *run, const struct xreport_entry *e,
                 size_t n, const struct xreport_opts *o);

/* Result files read back: the bugs of every file, merged by key (the one with the fewest
 * preemptions then steps kept), with the counters of all shards. */
struct xreport_set {
    struct xreport_record {
        char key[512];
        size_t preemptions, steps;
        uint64_t found_at;
        char strategy[16];
        char *token, *text, *found;
        bool has_trace;
        struct xtrace trace;
    } * recs;
    size_t n;
    uint64_t prog, executions;
    int files, complete;
    double seconds;
    char *command;
    char strategy[16];
};

/* Is buf (the start of a file) a result file? */
bool xreport_is_results(const char *buf, size_t len);

/* Adds the result file path to *s. 0, or -1 after a one-line message on stderr prefixed
 * with cmd (unreadable, not a result file, malformed, cut short). */
int xreport_set_load(struct xreport_set *s, const char *path, const char *cmd);

/* The set's bugs as entries (borrowing from s; free l->e only). 0 or -ENOMEM. */
int xreport_set_entries(const struct xreport_set *s, struct xreport_entries *l);

/* Prints every bug's text report and the summary of the shards. */
void xreport_set_print(const struct xreport_set *s, FILE *out);

void xreport_set_free(struct xreport_set *s);

/* --merge: reads result files and prints one report. Returns the exit status (0 none, 66
 * bugs, 2 unreadable file, with a message on stderr). */
int xreport_merge(char **paths, int n, FILE *out);

/* What the file renderers (SARIF, HTML, Perfetto trace: src/report) get for entries of
 * one exploration: one render_input per bug (an exploration without bugs gives one input
 * that says so), each symbolized against its own execution's modules. Owns all of it. */
struct xreport_files {
    struct render_exploration x;
    struct render_input *in;
    size_t n;
    struct xfile_bug *bugs; /* private */
};
int xreport_files_open(struct xreport_files *f, const struct xreport_entry *e, size_t n,
                       const struct render_exploration *x, const struct xreport_opts *o);
void xreport_files_close(struct xreport_files *f);

#endif
