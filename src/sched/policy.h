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
};

extern const struct policy policy_readpreempt;
const struct policy *policy_find(const char *name);

#endif
