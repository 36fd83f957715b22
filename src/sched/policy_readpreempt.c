/* The default policy of `interleave run`: run each thread until it blocks,
 * yields or exits, and preempt it right after a read or a synchronisation
 * operation at random points whose density decays with the run's length:
 * after n such points the next gap is uniform in [1, 2n/C + 1], so a run of N
 * points sees about C·ln N preemptions. Early reads of a short program are
 * preempted often (that is where the smallest lost updates hide: between a
 * read and the write that follows it); a long program is not slowed down by
 * constant switching. Like PCT (Burckhardt et al., ASPLOS 2010) the choice of
 * the next thread is random, but priorities are redrawn at every switch. */
#include "sched/policy.h"

#include "base/mem.h"

#define DENSITY 6

static struct rng rng;
static u64 points; /* preemption points passed so far (approximate) */

static void rp_init(u64 seed)
{
    rng_seed(&rng, seed ^ 0x696e7465726c6561ull);
    points = 0;
}

static u64 rp_next_gap(void)
{
    u64 span = 2 * points / DENSITY + 2;
    u64 gap = 1 + rng_below(&rng, span);
    points += gap;
    return gap;
}

static struct ithread *rp_choose(struct ithread **cand, u32 n)
{
    return cand[rng_below(&rng, n)];
}

const struct policy policy_readpreempt = {
    .name = "readpreempt",
    .init = rp_init,
    .next_gap = rp_next_gap,
    .choose = rp_choose,
};

const struct policy *policy_find(const char *name)
{
    if (!name || !*name || str_cmp(name, "readpreempt") == 0 || str_cmp(name, "random") == 0)
        return &policy_readpreempt;
    return NULL;
}
