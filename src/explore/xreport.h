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

struct xreport_opts {
    const char *cwd;     /* paths under it print relative */
    const char *command; /* "./prog args", shown in the replay line */
    uint64_t prog_hash;
    bool addresses;
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

/* --save: writes r's bugs and counters. 0 or -errno. */
int xreport_save(const char *path, const struct explore_result *r, const struct xreport_opts *o,
                 const char *strategy, unsigned shard_k, unsigned shard_n);

/* --merge: reads result files and prints one report (bugs deduplicated by key, the one
 * with the fewest preemptions then steps kept). Returns the exit status (0 none, 66 bugs,
 * 2 unreadable file, with a message on stderr). */
int xreport_merge(char **paths, int n, FILE *out);

#endif
