#include "rt/stackdepot.h"

#include "base/arena.h"
#include "base/mem.h"

#include <sys/mman.h>

struct stk {
    struct stk *next;
    u64 hash;
    u32 n, id;
    uptr pcs[];
};

#define BUCKETS (1u << 16)
static struct stk **buckets;
static struct stk **byid;
static u32 nids, capids;

u32 stackdepot_put(const uptr *pcs, u32 n)
{
    u64 h = 0xcbf29ce484222325ull ^ n;
    for (u32 i = 0; i < n; i++)
        h = (h ^ pcs[i]) * 0x100000001b3ull;
    if (!buckets)
        buckets = arena_map(BUCKETS * sizeof *buckets);
    struct stk **b = &buckets[(h ^ (h >> 29)) & (BUCKETS - 1)];
    for (struct stk *s = *b; s; s = s->next)
        if (s->hash == h && s->n == n && mem_cmp(s->pcs, pcs, n * sizeof(uptr)) == 0)
            return s->id;
    if (nids == capids) {
        u32 cap = capids ? capids * 2 : 4096;
        struct stk **nb = arena_map(cap * sizeof *nb);
        if (byid) {
            mem_copy(nb, byid, nids * sizeof *nb);
            munmap(byid, capids * sizeof *byid);
        }
        byid = nb;
        capids = cap;
    }
    struct stk *s = arena_alloc(sizeof *s + n * sizeof(uptr));
    s->hash = h;
    s->n = n;
    mem_copy(s->pcs, pcs, n * sizeof(uptr));
    byid[nids] = s;
    s->id = ++nids;
    s->next = *b;
    *b = s;
    return s->id;
}

u32 stackdepot_get(u32 id, const uptr **pcs)
{
    if (id == 0 || id > nids) {
        *pcs = NULL;
        return 0;
    }
    *pcs = byid[id - 1]->pcs;
    return byid[id - 1]->n;
}
