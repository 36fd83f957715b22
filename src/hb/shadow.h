/* Shadow memory: one 32-byte cell per 8-byte granule of application memory,
 * found through a two-level table (4 MiB of application space per lazily
 * mapped second-level block), so no fixed address layout is assumed.
 *
 * The last write (w) and the last read(s) (r) of a cell each carry the mask
 * of the bytes they describe. Accesses by one thread in one epoch merge their
 * masks exactly; an access that could only be recorded by forgetting history
 * (other bytes, another thread or epoch) splits the cell for good into eight
 * one-byte cells, so that accesses to neighbouring fields never conflict and
 * nothing is forgotten (exact, unlike a fixed-slot scheme). A word cell first
 * splits into two four-byte halves (arrays of ints need no more), a half into
 * bytes. Sub-cells keep their masks in the word's 8-bit frame.
 *
 * Epoch word layout (w, and r when not shared):
 *   bits  0..36 clock, 37 consumed and 38 dirty (r only), 39..54 thread id,
 *   55 atomic,
 *   56..63 byte mask; 0 = none.
 * r with mask 0 and non-zero holds a pointer to a shared-read set (several
 * concurrent readers). w == CELL_SPLIT marks a split cell, r then points to
 * its eight sub-cells. In shared-read mode rpc caches the epoch of the last
 * reader (a hint for the fast path), else it is the last read's PC. wpc holds
 * the last write's PC (bits 0..47; a split copies the whole word to its parts). */
#ifndef ILV_HB_SHADOW_H
#define ILV_HB_SHADOW_H

#include "base/types.h"

struct cell {
    u64 w;
    u64 r;
    u64 wpc;
    u64 rpc;
};

#define EP_CLK_BITS 37
#define EP_CLK_MASK ((1ull << EP_CLK_BITS) - 1)
/* On a read epoch: the reading thread wrote these bytes since (its read is no
 * longer the base of its next write). */
#define EP_CONSUMED (1ull << 37)
/* On a read epoch: another thread wrote these bytes since; the next read by
 * the same thread in the same epoch must be recorded again (its value may
 * differ), and a write by it without that read is a lost update. */
#define EP_DIRTY (1ull << 38)
#define EP_FLAGS (EP_DIRTY | EP_CONSUMED)
#define EP_TID_SHIFT 39
#define EP_ATOMIC (1ull << 55)
#define EP_MASK_SHIFT 56
#define CELL_SPLIT (~0ull)  /* r points to 8 one-byte cells */
#define CELL_HALVES (~1ull) /* r points to 2 four-byte cells */
#define PC_MASK ((1ull << 48) - 1)

static inline tid_t ep_tid(u64 e)
{
    return (tid_t)((e >> EP_TID_SHIFT) & 0xffff);
}
static inline u64 ep_clk(u64 e)
{
    return e & EP_CLK_MASK;
}
static inline u8 ep_mask(u64 e)
{
    return (u8)(e >> EP_MASK_SHIFT);
}
static inline u64 ep_make(tid_t t, u64 clk, bool atomic, u8 mask)
{
    return (clk & EP_CLK_MASK) | ((u64)t << EP_TID_SHIFT) | (atomic ? EP_ATOMIC : 0) |
           ((u64)mask << EP_MASK_SHIFT);
}

/* A set of concurrent reads of one cell (FastTrack's read vector clock). */
struct rshared {
    u8 mask;
    u32 n, cap;
    struct {
        u64 ep; /* epoch word, mask bits unused */
        u64 pc;
    } e[];
};

static ALWAYS_INLINE bool covers(u8 outer, u8 inner)
{
    return (outer | inner) == outer;
}

static inline bool r_is_shared(u64 r)
{
    return r != 0 && ep_mask(r) == 0;
}
static inline struct rshared *r_shared(u64 r)
{
    return (struct rshared *)(uptr)r;
}

#define SHADOW_L2_SHIFT 22
#define SHADOW_L2_CELLS (1u << (SHADOW_L2_SHIFT - 3))
#define SHADOW_ADDR_BITS 47

extern struct cell **shadow_l1;

void shadow_init(void);
struct cell *shadow_l2_alloc(uptr addr);

/* The cell of the granule that holds addr; addr must be < 2^47. */
static ALWAYS_INLINE struct cell *shadow_cell(uptr addr)
{
    struct cell *l2 = shadow_l1[addr >> SHADOW_L2_SHIFT];
    if (UNLIKELY(!l2))
        l2 = shadow_l2_alloc(addr);
    return &l2[(addr >> 3) & (SHADOW_L2_CELLS - 1)];
}

/* The cell that describes the bytes m of addr's granule, going down into a
 * split word when the bytes lie within one of its parts (the fast paths
 * then work on the part as on a word). */
static ALWAYS_INLINE struct cell *shadow_cell_part(uptr addr, u8 m)
{
    struct cell *c = shadow_cell(addr);
    if (UNLIKELY(c->w >= CELL_HALVES)) {
        struct cell *sub = (struct cell *)(uptr)c->r;
        if (c->w == CELL_SPLIT)
            return (m & (m - 1)) ? c : &sub[__builtin_ctz(m)];
        if (covers(0x0f, m))
            c = &sub[0];
        else if (covers(0xf0, m))
            c = &sub[1];
        else
            return c;
        if (UNLIKELY(c->w == CELL_SPLIT))
            return (m & (m - 1)) ? c : &((struct cell *)(uptr)c->r)[__builtin_ctz(m)];
    }
    return c;
}

/* Forgets all history of [addr, addr+size) (new heap block, new stack).
 * Whole 4 MiB blocks are returned to the OS instead of being cleared. */
void shadow_reset(uptr addr, size_t size);
/* Turns a cell into eight byte cells, or a word cell into two halves (the
 * cold part of a mask mismatch). */
struct cell *shadow_split(struct cell *c);
struct cell *shadow_split_halves(struct cell *c);
/* Frees what a cell owns (shared-read set, sub-cells) and zeroes it. */
void shadow_cell_clear(struct cell *c);
u64 shadow_bytes_mapped(void);
size_t shadow_rshared_size(u32 cap);

#endif
