/* explore: the engine of `interleave explore`: it asks a strategy for exec requests, runs
 * them on an executor (the fork-server pool, or an in-memory simulator in tests), feeds
 * the traces back, and collects the bugs: one per distinct verdict location or finding,
 * each with the execution that first showed it. Then it confirms livelocks (a step limit
 * counts only if every extension of its prefix also hits it), shrinks every bug's
 * schedule (shrink.c) and hands the result to the renderers (xreport.c).
 * Single-threaded: parallelism is in the executor. */
#ifndef INTERLEAVE_EXPLORE_EXPLORE_H
#define INTERLEAVE_EXPLORE_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "explore/schedule.h"
#include "explore/strategy.h"
#include "explore/trace.h"

/* Where executions run. collect: 1 with *req and *t (both owned by the caller), 0 when
 * nothing finished within timeout_ms, negative errno on a fatal error (err says why). */
struct xexecutor {
    int (*idle)(void *ctx);
    int (*submit)(void *ctx, const struct xreq *r);
    int (*collect)(void *ctx, int timeout_ms, struct xreq *req, struct xtrace *t, char *err,
                   size_t errlen);
    void *ctx;
};

enum xbug_class { XBUG_VERDICT, XBUG_FINDING, XBUG_LIVELOCK };

/* One distinct bug and the (shrunk) execution that shows it. */
struct xbug {
    char key[512]; /* dedupe key: kind + location (module-relative pcs) */
    enum xbug_class cls;
    uint64_t found_at;   /* executions run when it was first seen (1-based) */
    char strategy[16];   /* which strategy made that execution */
    struct xreq req;     /* the request of the representative execution */
    struct xtrace trace; /* the representative execution (owned) */
    uint32_t *decisions; /* its full decision list (owned) */
    size_t ndecisions;
    size_t preemptions;
    size_t orig_preemptions, orig_steps; /* before shrinking */
    uint64_t shrink_execs;
    bool shrunk;
    long shown_with; /* >= 0: no trace of its own, shown in that bug's report */
};

struct explore_cfg {
    const char *strategy; /* auto, dpor, pct, random, bounded */
    struct xparams p;
    uint64_t budget; /* executions; 0: none */
    double time_s;   /* wall-clock bound; 0: none */
    bool shrink;
    uint64_t shrink_budget;    /* executions per bug */
    bool progress;             /* a status line on stderr (the caller checks isatty) */
    bool stop_on_bug;          /* stop dispatching once a bug was found */
    volatile int *interrupted; /* set by a signal handler: stop dispatching */
};

struct explore_result {
    struct xbug *bugs;
    size_t nbugs;
    uint64_t executions;   /* exploration (not shrinking) */
    uint64_t extra_execs;  /* shrinking and confirmation */
    uint64_t first_bug_at; /* executions until the first bug, 0 none */
    bool exhausted;        /* the strategy covered the whole space */
    bool budget_spent, timed_out, interrupted;
    double seconds;
    uint64_t diverged, timeouts, lost;
    char strategy[16];
    char status[128]; /* the strategy's last status line */
};

/* Runs the exploration. 0, or negative errno on a fatal executor error (err says why).
 * The result is owned by the caller: explore_result_free. */
int explore_run(const struct explore_cfg *c, const struct xexecutor *ex, struct explore_result *out,
                char *err, size_t errlen);

void explore_result_free(struct explore_result *r);

/* The bug key of a verdict, or "" when the verdict is not a bug. */
void explore_verdict_key(const struct xtrace *t, char *key, size_t len);
/* The bug key of finding f of t's findings stream. */
void explore_finding_key(const struct xtrace *t, const struct findings_finding *f, char *key,
                         size_t len);
/* Does t show the bug with this key? Never when t diverged from its prefix or was lost:
 * a bug's trace must be an execution that its decisions reproduce. */
bool explore_shows(const struct xtrace *t, const char *key);

/* Runs one request and waits for it (shrinking, replay, confirmation). 1 with *t, or
 * negative errno. */
int explore_run_one(const struct xexecutor *ex, struct xreq *r, struct xtrace *t, char *err,
                    size_t errlen);

/* Shrinks b's schedule (shrink.c): fewest preemptions, then fewest steps, still showing
 * the same bug. Uses at most max_execs executions; returns how many it used. */
uint64_t shrink_bug(struct xbug *b, const struct xexecutor *ex, const struct xparams *p,
                    uint64_t max_execs, double max_seconds);

#endif
