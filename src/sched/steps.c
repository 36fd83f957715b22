#include "sched/steps.h"

#include "base/arena.h"
#include "base/fmt.h"
#include "base/mem.h"

#include <sys/mman.h>

struct step {
    u32 tid;
    u8 op;
    uptr obj;
    u32 first_en, nen; /* slice of the enabled array */
};

struct en {
    u32 tid;
    u8 op;
    uptr obj;
};

static struct step *steps;
static struct en *ens;
static u64 nsteps, capsteps, nens, capens;

const char *step_op_name(enum step_op op)
{
    static const char *const names[] = {
#define X(k, s) s,
        EVENT_OPS(X)
#undef X
    };
    return (unsigned)op < ARRAY_LEN(names) ? names[op] : "sync";
}

static void *grow(void *old, u64 *cap, u64 used, size_t elem)
{
    u64 ncap = *cap ? *cap * 2 : 4096;
    void *n = arena_map(ncap * elem);
    if (old) {
        mem_copy(n, old, used * elem);
        munmap(old, *cap * elem);
    }
    *cap = ncap;
    return n;
}

void steps_record(struct ithread *chosen, struct ithread **enabled, u32 n)
{
    if (nsteps == capsteps)
        steps = grow(steps, &capsteps, nsteps, sizeof *steps);
    while (nens + n > capens)
        ens = grow(ens, &capens, nens, sizeof *ens);
    struct step *s = &steps[nsteps++];
    s->tid = chosen->hb.tid;
    s->op = chosen->pend_op;
    s->obj = chosen->pend_obj;
    s->first_en = (u32)nens;
    s->nen = n;
    for (u32 i = 0; i < n; i++)
        ens[nens++] = (struct en){enabled[i]->hb.tid, enabled[i]->pend_op, enabled[i]->pend_obj};
}

u64 steps_count(void)
{
    return nsteps;
}

void steps_emit(int fd)
{
    enum { SIZE = 1 << 16 };
    static char *mem; /* mapped, not in the .bss: thread.h says why */
    if (!mem)
        mem = arena_map(SIZE);
    struct fmtbuf b = fmt_init(mem, SIZE);
    for (u64 i = 0; i < nsteps; i++) {
        const struct step *s = &steps[i];
        fmt_str(&b, "step i=");
        fmt_dec(&b, i);
        fmt_str(&b, " tid=");
        fmt_dec(&b, s->tid);
        fmt_str(&b, " op=");
        fmt_str(&b, step_op_name((enum step_op)s->op));
        fmt_str(&b, " obj=");
        fmt_hex(&b, s->obj);
        fmt_str(&b, " enabled=");
        for (u32 k = 0; k < s->nen; k++) {
            const struct en *e = &ens[s->first_en + k];
            if (k)
                fmt_char(&b, ',');
            fmt_dec(&b, e->tid);
            fmt_char(&b, ':');
            fmt_str(&b, step_op_name((enum step_op)e->op));
            fmt_char(&b, ':');
            fmt_hex(&b, e->obj);
        }
        fmt_char(&b, '\n');
        if (b.len > SIZE - 4096)
            fmt_flush(&b, fd);
    }
    fmt_flush(&b, fd);
}
