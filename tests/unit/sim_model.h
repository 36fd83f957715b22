/* sim_model: a tiny interpreter of hand-written thread models that answers exec requests
 * like the runtime's fork server would (docs/internals/explore.md): a prefix, then the
 * `first` policy (or a seeded random walk), one `step` per decision with the enabled
 * threads' next events, and a verdict. Used by the explorer's unit tests; header-only. */
#ifndef INTERLEAVE_TESTS_SIM_MODEL_H
#define INTERLEAVE_TESTS_SIM_MODEL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore/schedule.h"
#include "explore/trace.h"

#define SIM_MAXT 8
#define SIM_MAXOPS 32

/* One model operation. R loads obj into the thread's register, W stores reg + 1
 * (an increment split in two), LOCK/UNLOCK a mutex, CREATE/JOIN thread arg, CHECK
 * asserts that obj holds arg (reads it). */
enum sim_kind { S_R, S_W, S_LOCK, S_UNLOCK, S_CREATE, S_JOIN, S_CHECK };

struct sim_op {
    enum sim_kind k;
    uint64_t obj;
    uint32_t arg;
};

struct sim_model {
    uint32_t nthreads;
    struct sim_op ops[SIM_MAXT][SIM_MAXOPS];
    uint32_t nops[SIM_MAXT];
};

struct sim_state {
    uint32_t pc[SIM_MAXT]; /* 0: START pending; k+1: op k pending; nops+1: exit pending */
    int created[SIM_MAXT], finished[SIM_MAXT];
    int64_t reg[SIM_MAXT];
    int64_t mem[16];
    int owner[16]; /* mutex owner + 1 */
};

/* The next event of thread t (op, obj) and whether it is enabled. */
static int sim_next(const struct sim_model *m, const struct sim_state *s, uint32_t t,
                    struct xev *ev)
{
    if (!s->created[t] || s->finished[t])
        return 0;
    ev->tid = t;
    uint32_t pc = s->pc[t];
    if (pc == 0) {
        ev->op = XOP_START;
        ev->obj = 0;
        return 1;
    }
    if (pc == m->nops[t] + 1) {
        ev->op = XOP_EXIT;
        ev->obj = t;
        return 1;
    }
    const struct sim_op *o = &m->ops[t][pc - 1];
    ev->obj = 0x1000 + o->obj * 8; /* addresses, apart from thread ids */
    switch (o->k) {
    case S_R:
    case S_CHECK:
        ev->op = XOP_R;
        return 1;
    case S_W:
        ev->op = XOP_W;
        return 1;
    case S_LOCK:
        ev->op = XOP_LOCK;
        return s->owner[o->obj] == 0;
    case S_UNLOCK:
        ev->op = XOP_UNLOCK;
        return 1;
    case S_CREATE:
        ev->op = XOP_CREATE;
        ev->obj = o->arg;
        return 1;
    case S_JOIN:
        ev->op = XOP_JOIN;
        ev->obj = o->arg;
        return s->finished[o->arg];
    }
    return 0;
}

/* Performs t's next event; returns 1 when a CHECK failed. */
static int sim_do(const struct sim_model *m, struct sim_state *s, uint32_t t)
{
    uint32_t pc = s->pc[t]++;
    if (pc == 0)
        return 0;
    if (pc == m->nops[t] + 1) {
        s->finished[t] = 1;
        return 0;
    }
    const struct sim_op *o = &m->ops[t][pc - 1];
    switch (o->k) {
    case S_R:
        s->reg[t] = s->mem[o->obj];
        break;
    case S_W:
        s->mem[o->obj] = s->reg[t] + 1;
        break;
    case S_LOCK:
        s->owner[o->obj] = (int)t + 1;
        break;
    case S_UNLOCK:
        s->owner[o->obj] = 0;
        break;
    case S_CREATE:
        s->created[o->arg] = 1;
        break;
    case S_JOIN:
        break;
    case S_CHECK:
        return s->mem[o->obj] != (int64_t)o->arg;
    }
    return 0;
}

/* Runs the request and writes the result payload (verdict + steps) into a malloc'd
 * buffer, exactly as a fork server would. */
static char *sim_run(const struct sim_model *m, const struct xreq *r, size_t *len)
{
    struct sim_state s;
    memset(&s, 0, sizeof s);
    s.created[0] = 1;
    char *out = NULL;
    size_t olen = 0;
    FILE *f = open_memstream(&out, &olen);
    char *steps = NULL;
    size_t slen = 0;
    FILE *sf = open_memstream(&steps, &slen);
    uint64_t rng = r->seed * 2654435761u + 1;
    const char *verdict = "kind=ok";
    char vbuf[128];
    uint32_t cur = 0;
    for (uint64_t i = 0;; i++) {
        struct xev en[SIM_MAXT];
        uint32_t nen = 0;
        for (uint32_t t = 0; t < m->nthreads; t++)
            if (sim_next(m, &s, t, &en[nen]))
                nen++;
        if (nen == 0) {
            int live = 0;
            for (uint32_t t = 0; t < m->nthreads; t++)
                live += s.created[t] && !s.finished[t];
            if (live)
                verdict = "kind=deadlock";
            break;
        }
        if (r->steps && i >= r->steps) {
            snprintf(vbuf, sizeof vbuf, "kind=steplimit steps=%llu", (unsigned long long)i);
            verdict = vbuf;
            break;
        }
        uint32_t pick = UINT32_MAX;
        if (i < r->nprefix) {
            for (uint32_t k = 0; k < nen; k++)
                if (en[k].tid == r->prefix[i])
                    pick = en[k].tid;
            if (pick == UINT32_MAX) {
                snprintf(vbuf, sizeof vbuf, "kind=diverged step=%llu", (unsigned long long)i);
                verdict = vbuf;
                break;
            }
        } else if (r->policy == XP_FIRST) {
            for (uint32_t k = 0; k < nen; k++)
                if (en[k].tid == cur)
                    pick = cur;
            if (pick == UINT32_MAX)
                pick = en[0].tid;
        } else {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            pick = en[(rng >> 33) % nen].tid;
        }
        struct xev chosen = en[0];
        fprintf(sf, "step i=%llu tid=%u", (unsigned long long)i, pick);
        for (uint32_t k = 0; k < nen; k++)
            if (en[k].tid == pick)
                chosen = en[k];
        fprintf(sf, " op=%s obj=0x%llx enabled=", xop_name((enum xop)chosen.op),
                (unsigned long long)chosen.obj);
        for (uint32_t k = 0; k < nen; k++)
            fprintf(sf, "%s%u:%s:0x%llx", k ? "," : "", en[k].tid, xop_name((enum xop)en[k].op),
                    (unsigned long long)en[k].obj);
        fputc('\n', sf);
        cur = pick;
        if (sim_do(m, &s, pick)) {
            snprintf(vbuf, sizeof vbuf,
                     "kind=assert msg=x%%20==%%204 file=model.c line=9 func=main tid=%u", pick);
            verdict = vbuf;
            break;
        }
    }
    fclose(sf);
    fprintf(f, "verdict %s\n%s", verdict, steps);
    free(steps);
    fclose(f);
    *len = olen;
    return out;
}

/* seed_e: two workers, two increments each (load; store), main joins and checks 4. */
static inline void sim_seed_e(struct sim_model *m)
{
    memset(m, 0, sizeof *m);
    m->nthreads = 3;
    struct sim_op main_ops[] = {
        {S_CREATE, 0, 1}, {S_CREATE, 0, 2}, {S_JOIN, 0, 1}, {S_JOIN, 0, 2}, {S_CHECK, 1, 4}};
    memcpy(m->ops[0], main_ops, sizeof main_ops);
    m->nops[0] = 5;
    for (uint32_t t = 1; t <= 2; t++) {
        struct sim_op w[] = {{S_R, 1, 0}, {S_W, 1, 0}, {S_R, 1, 0}, {S_W, 1, 0}};
        memcpy(m->ops[t], w, sizeof w);
        m->nops[t] = 4;
    }
}

#endif
