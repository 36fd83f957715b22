#include "hb/shadow.h"

#include "base/arena.h"
#include "base/check.h"
#include "base/mem.h"

#include <sys/mman.h>

struct cell **shadow_l1;
static u64 mapped;

#define L1_ENTRIES (1ull << (SHADOW_ADDR_BITS - SHADOW_L2_SHIFT))
#define L2_BYTES ((size_t)SHADOW_L2_CELLS * sizeof(struct cell))

void shadow_init(void)
{
    if (!shadow_l1)
        shadow_l1 = arena_map(L1_ENTRIES * sizeof(struct cell *));
}

struct cell *shadow_l2_alloc(uptr addr)
{
    struct cell **slot = &shadow_l1[addr >> SHADOW_L2_SHIFT];
    if (!*slot) {
        *slot = arena_map(L2_BYTES);
        mapped += L2_BYTES;
    }
    return *slot;
}

size_t shadow_rshared_size(u32 cap)
{
    return sizeof(struct rshared) + cap * sizeof(((struct rshared *)0)->e[0]);
}

void shadow_cell_clear(struct cell *c)
{
    if (c->w == CELL_SPLIT || c->w == CELL_HALVES) {
        int n = c->w == CELL_SPLIT ? 8 : 2;
        struct cell *sub = (struct cell *)(uptr)c->r;
        for (int i = 0; i < n; i++)
            shadow_cell_clear(&sub[i]);
        arena_free(sub, (size_t)n * sizeof(struct cell));
    } else if (r_is_shared(c->r)) {
        struct rshared *s = r_shared(c->r);
        arena_free(s, shadow_rshared_size(s->cap));
    }
    *c = (struct cell){0};
}

static bool cell_owns_memory(const struct cell *c)
{
    return c->w == CELL_SPLIT || c->w == CELL_HALVES || r_is_shared(c->r);
}

static void free_owned(struct cell *c, struct cell *ce)
{
    for (struct cell *p = c; p < ce; p++)
        if (cell_owns_memory(p))
            shadow_cell_clear(p);
}

/* Clears [c, ce). Shadow pages that are not resident have never been written
 * and are zero already: over a few pages, one mincore() call costs less than
 * the two page faults (read, then write) of clearing one of them, and most
 * blocks a program allocates lie on shadow nobody has written yet. Ranges of
 * 64 KiB and more give their whole pages back to the kernel. */
static void reset_cells(struct cell *c, struct cell *ce)
{
    enum { PAGE = 4096, BATCH = 64 };
    uptr lo = (uptr)c, hi = (uptr)ce;
    uptr plo = lo & ~(uptr)(PAGE - 1), phi = (hi + PAGE - 1) & ~(uptr)(PAGE - 1);
    bool release = hi - lo >= 64 * 1024;
    if (phi - plo < 3 * PAGE) {
        free_owned(c, ce);
        mem_set(c, 0, hi - lo);
        return;
    }
    for (uptr b = plo; b < phi; b += BATCH * PAGE) {
        uptr be = phi - b < BATCH * PAGE ? phi : b + BATCH * PAGE;
        unsigned char vec[BATCH];
        bool known = mincore((void *)b, be - b, vec) == 0;
        for (uptr pg = b; pg < be; pg += PAGE) {
            if (known && !(vec[(pg - b) / PAGE] & 1))
                continue;
            uptr from = pg > lo ? pg : lo, to = pg + PAGE < hi ? pg + PAGE : hi;
            free_owned((struct cell *)from, (struct cell *)to);
            if (!release)
                mem_set((void *)from, 0, to - from);
        }
    }
    if (release) {
        uptr ib = (lo + PAGE - 1) & ~(uptr)(PAGE - 1), ie = hi & ~(uptr)(PAGE - 1);
        mem_set((void *)lo, 0, ib - lo);
        madvise((void *)ib, ie - ib, MADV_DONTNEED);
        mem_set((void *)ie, 0, hi - ie);
    }
}

void shadow_reset(uptr addr, size_t size)
{
    uptr end = addr + size;
    if (end <= addr || end > (1ull << SHADOW_ADDR_BITS))
        return;
    addr &= ~(uptr)7;
    while (addr < end) {
        uptr block = addr >> SHADOW_L2_SHIFT;
        uptr block_end = (block + 1) << SHADOW_L2_SHIFT;
        uptr stop = end < block_end ? end : block_end;
        struct cell *l2 = shadow_l1[block];
        if (l2) {
            struct cell *c = &l2[(addr >> 3) & (SHADOW_L2_CELLS - 1)];
            reset_cells(c, c + ((stop - addr + 7) >> 3));
        }
        addr = stop;
    }
}

/* Splits c into n sub-cells, sub-cell i describing the bytes of part[i]. */
static struct cell *split(struct cell *c, int n, const u8 *part, u64 tag)
{
    struct cell *sub = arena_alloc((size_t)n * sizeof(struct cell));
    u64 keep = ~(0xffull << EP_MASK_SHIFT);
    bool shared = r_is_shared(c->r);
    u8 wm = c->w ? ep_mask(c->w) : 0;
    u8 rm = shared ? r_shared(c->r)->mask : (c->r ? ep_mask(c->r) : 0);
    for (int i = 0; i < n; i++) {
        struct cell *s = &sub[i];
        s->wpc = c->wpc; /* every part keeps the word's write count */
        if (wm & part[i])
            s->w = (c->w & keep) | ((u64)(wm & part[i]) << EP_MASK_SHIFT);
        u8 sm = rm & part[i];
        if (!sm)
            continue;
        s->rpc = shared ? 0 : c->rpc; /* shared: a cache of the last reader */
        if (shared) {
            struct rshared *o = r_shared(c->r);
            struct rshared *nw = arena_alloc(shadow_rshared_size(o->cap));
            mem_copy(nw, o, shadow_rshared_size(o->n));
            nw->cap = o->cap;
            nw->mask = sm;
            s->r = (u64)(uptr)nw;
        } else {
            s->r = (c->r & keep) | ((u64)sm << EP_MASK_SHIFT);
        }
    }
    if (shared) {
        struct rshared *o = r_shared(c->r);
        arena_free(o, shadow_rshared_size(o->cap));
    }
    c->w = tag;
    c->r = (u64)(uptr)sub;
    c->wpc = c->rpc = 0;
    return sub;
}

struct cell *shadow_split(struct cell *c)
{
    static const u8 bytes[8] = {1, 2, 4, 8, 16, 32, 64, 128};
    return split(c, 8, bytes, CELL_SPLIT);
}

struct cell *shadow_split_halves(struct cell *c)
{
    static const u8 halves[2] = {0x0f, 0xf0};
    return split(c, 2, halves, CELL_HALVES);
}

u64 shadow_bytes_mapped(void)
{
    return mapped;
}
