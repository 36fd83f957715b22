/* Scheduling policies for `interleave run`: which thread runs next when the
 * running thread blocks, yields, or is preempted, and when preemptions happen.
 * A policy sees only the candidates and its own seeded generator, so a run is
 * a deterministic function of the program, its input and the seed. */
#ifndef ILV_SCHED_POLICY_H
#define ILV_SCHED_POLICY_H

#include "base/rng.h"
#include "sched/thread.h"

struct policy {
    const char *name;
    void (*init)(u64 seed);
    /* How many preemption points (reads, synchronisation) to let pass before
     * the next preemption; called after each preemption. */
    u64 (*next_gap)(void);
    /* Picks one of n > 0 runnable candidates. */
    struct ithread *(*choose)(struct ithread **cand, u32 n);
    /* When set, every scheduling point is a decision (exploration): picks one
     * of the n > 0 enabled threads; `current` is the thread that reached the
     * point (possibly blocked or finished, then not among them). */
    struct ithread *(*decide)(struct ithread **enabled, u32 n, struct ithread *current);
};

extern const struct policy policy_readpreempt;
extern const struct policy policy_explore;

/* The schedule an explored execution follows (docs/internals/explore.md):
 * a prefix of thread choices, then a fallback policy. */
enum explore_fallback { FALLBACK_FIRST, FALLBACK_RANDOM, FALLBACK_PCT };
struct explore_cfg {
    /* the thread chosen at each of the first decisions, run-length encoded as on the
     * wire ("1*5,2*3", the text may go on after a space); borrowed for the whole
     * execution: it is read as the decisions are taken, never decoded into memory of
     * its own, so that the address space of the execution does not depend on it */
    const char *prefix;
    u64 prefix_len; /* set by policy_explore_configure */
    enum explore_fallback fallback;
    u64 seed;
    u64 max_steps; /* 0: unbounded */
    u32 pct_depth;
    u64 pct_length;
};
void policy_explore_configure(const struct explore_cfg *cfg);
/* Called when an execution leaves its schedule: the prefix names a thread
 * that is not enabled (kind "diverged") or the step bound was reached. Must
 * not return. */
extern void (*policy_explore_stop)(const char *kind, u64 step);
const struct policy *policy_find(const char *name);

#endif
