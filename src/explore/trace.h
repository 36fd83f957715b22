/* trace: one execution of `interleave explore` as the driver sees it: the verdict, the
 * sequence of scheduling decisions (`step` records, each with the enabled threads and
 * their next events) and the findings stream, parsed from a fork server's `result`
 * payload (docs/internals/explore.md). Also the dependency relation between events that
 * every systematic strategy shares. Data only: no processes, no rendering.
 * Invariant: steps[i].en[0..nen) always contains steps[i].ev.tid when the runtime
 * reported it as enabled; nothing here trusts that. */
#ifndef INTERLEAVE_EXPLORE_TRACE_H
#define INTERLEAVE_EXPLORE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/findings.h"
#include "model/ops.h"

/* Event operations of `step` records: the list of model/ops.h. */
enum xop {
#define X(e, w) XOP_##e,
    EVENT_OPS(X)
#undef X
        XOP_OTHER, /* unknown to this driver: dependent with everything */
    XOP_COUNT
};

/* Verdicts of an execution: X(ENUM, wire name, words for people). */
#define XVERDICT_LIST(X)                                                                           \
    X(OK, "ok", "ok")                                                                              \
    X(EXIT, "exit", "exit status")                                                                 \
    X(ASSERT, "assert", "assertion failure")                                                       \
    X(CRASH, "crash", "crash")                                                                     \
    X(DEADLOCK, "deadlock", "deadlock")                                                            \
    X(HANG, "hang", "hang")                                                                        \
    X(STEPLIMIT, "steplimit", "livelock")                                                          \
    X(TIMEOUT, "timeout", "timeout")                                                               \
    X(DIVERGED, "diverged", "diverged")

enum xverdict_kind {
#define X(e, w, p) XV_##e,
    XVERDICT_LIST(X)
#undef X
        XV_OTHER,
    XV_COUNT
};

/* A thread's event: what it did (steps) or will do next (enabled lists). */
struct xev {
    uint32_t tid;
    uint8_t op; /* enum xop */
    uint64_t obj;
};

struct xstep {
    struct xev ev;
    uint32_t en_off, nen; /* its enabled list: trace.en[en_off .. en_off+nen) */
};

struct xverdict {
    enum xverdict_kind kind;
    char wire[16]; /* the kind as on the wire (for XV_OTHER) */
    int status;    /* exit */
    int signal;    /* crash */
    uint64_t pc;   /* crash */
    uint32_t tid;  /* assert, crash */
    bool has_tid;
    char msg[160];  /* assert, %XX-decoded */
    char file[256]; /* assert */
    char func[96];  /* assert */
    unsigned line;  /* assert */
    uint64_t steps; /* steplimit */
    uint64_t step;  /* diverged */
};

struct xtrace {
    struct xverdict verdict;
    struct xstep *steps;
    size_t nsteps;
    struct xev *en; /* all enabled lists, back to back */
    size_t nen;
    bool has_findings; /* the findings stream parsed (possibly partially) */
    int findings_rc;   /* findings_parse's return value */
    struct findings_run run;
    char *stream; /* the findings stream as received (malloc'd), for result files */
    size_t nstream;
};

/* Parses a `result` payload buf[0..len). Returns 0 (the caller owns *t and frees it with
 * xtrace_free, also on error), -EBADMSG when there is no verdict line or a step line is
 * malformed (err says which), -ENOMEM. A payload cut short keeps what it has. */
int xtrace_parse(const char *buf, size_t len, struct xtrace *t, char *err, size_t errlen);

void xtrace_free(struct xtrace *t);

const char *xop_name(enum xop op);
enum xop xop_parse(const char *s);
const char *xverdict_name(enum xverdict_kind k);  /* wire name */
const char *xverdict_words(enum xverdict_kind k); /* for people */

/* Does the verdict, with the trace's findings, make this execution a bug report?
 * (ok, exit 0, diverged and steplimit are not, by themselves). */
bool xverdict_is_bug(const struct xverdict *v);

/* Memory access ops (r w u ar aw) and those of them that write. */
bool xop_is_mem(enum xop op);
bool xop_writes(enum xop op);

/* The dependency relation of explore.md: events of different threads are dependent when
 * they touch the same object and at least one writes, when both are synchronisation on
 * the same object, or exit/join of the same thread; yields are independent of all;
 * unknown ops are dependent with all; start (a thread's first event) is ordered by its
 * create, not by dependencies. Same thread: always dependent (program order). */
bool xev_dependent(const struct xev *a, const struct xev *b);

/* The enabled entry of tid at step i, or NULL. Borrows from t. */
const struct xev *xtrace_next_of(const struct xtrace *t, size_t i, uint32_t tid);

/* Number of preemptions of steps[0..n): switches away from a thread that was still
 * enabled and did not just yield. */
size_t xtrace_preemptions(const struct xtrace *t);

/* Is step i (i >= 1) a preemption? */
bool xtrace_is_preemption(const struct xtrace *t, size_t i);

#endif
