#include "hb/detect.h"

#include "base/arena.h"
#include "base/mem.h"

hb_report_fn hb_report;
bool hb_lost_updates = true;

static ALWAYS_INLINE bool concurrent(const struct hb_thread *t, u64 ep)
{
    return ep_clk(ep) > vclock_get(&t->vc, ep_tid(ep));
}

static ALWAYS_INLINE bool conflicts(const struct hb_thread *t, u64 ep, bool atomic)
{
    return ep_tid(ep) != t->tid && !(atomic && (ep & EP_ATOMIC)) && concurrent(t, ep);
}

static COLD void report(struct hb_thread *t, enum hb_kind kind, uptr addr, u8 m, unsigned fl,
                        uptr pc, u64 pep, bool pwrite, u64 ppc, uptr read_pc);

void hb_check_one(struct hb_thread *t, uptr addr, uptr pc, bool write, u64 other_ep,
                  bool other_write, uptr other_pc)
{
    if (!other_ep || !(write || other_write) || !conflicts(t, other_ep, false))
        return;
    t->acc_addr = addr; /* what report() names */
    t->acc_size = 1;
    t->reported_in_range = false;
    report(t, HB_RACE, addr, 1, write ? ACC_WRITE : ACC_READ, pc, other_ep, other_write, other_pc,
           0);
}

static COLD void report(struct hb_thread *t, enum hb_kind kind, uptr addr, u8 m, unsigned fl,
                        uptr pc, u64 pep, bool pwrite, u64 ppc, uptr read_pc)
{
    if (!hb_report)
        return;
    if (kind == HB_RACE) {
        if (t->reported_in_range)
            return;
        t->reported_in_range = true;
    } else {
        if (t->lu_reported)
            return;
        t->lu_reported = true;
    }
    struct hb_finding f = {.kind = kind, .tid = t->tid, .flags = fl, .pc = pc};
    if (t->acc_size) { /* the whole access, even when a byte cell found it */
        f.addr = t->acc_addr;
        f.size = t->acc_size;
    } else { /* the part of a range access in this granule */
        int lo = __builtin_ctz(m), hi = 32 - __builtin_clz((unsigned)m);
        f.addr = (addr & ~(uptr)7) + (uptr)lo;
        f.size = (u32)(hi - lo);
    }
    f.ptid = ep_tid(pep);
    f.pwrite = pwrite;
    f.patomic = (pep & EP_ATOMIC) != 0;
    f.ppc = ppc & PC_MASK;
    f.read_pc = read_pc & PC_MASK;
    hb_report(&f);
}

static struct rshared *rshared_new(u8 mask, u32 cap)
{
    struct rshared *s = arena_alloc(shadow_rshared_size(cap));
    s->mask = mask;
    s->cap = cap;
    return s;
}

/* Sets t's entry of a shared-read set (indexed by thread id, like
 * FastTrack's read vector clock); returns the (maybe moved) set. */
static struct rshared *rshared_put(struct rshared *s, tid_t tid, u64 ep, u64 pc)
{
    if (tid >= s->cap) {
        u32 cap = s->cap * 2 > tid + 1 ? s->cap * 2 : tid + 1;
        struct rshared *n = rshared_new(s->mask, cap);
        mem_copy(n->e, s->e, s->n * sizeof(s->e[0]));
        n->n = s->n;
        arena_free(s, shadow_rshared_size(s->cap));
        s = n;
    }
    s->e[tid].ep = ep;
    s->e[tid].pc = pc;
    if (tid >= s->n)
        s->n = tid + 1;
    return s;
}

/* Same thread, same epoch, and both atomic or both plain: the two byte sets
 * may share one epoch word. */
static ALWAYS_INLINE bool same_kind_epoch(u64 a, u64 b)
{
    return ((a ^ b) & ~(MASK_BITS | EP_FLAGS)) == 0;
}

static ALWAYS_INLINE bool same_epoch(u64 a, u64 b)
{
    return ((a ^ b) & ~(MASK_BITS | EP_ATOMIC | EP_FLAGS)) == 0;
}

/* Whether the access (t, mask m) can be recorded in the cell as a whole.
 * A field (w or r) keeps one epoch for the bytes of its mask; it may take
 * the access if it is empty, if the bytes are the same, if the access is by
 * the same thread in the same epoch (the masks merge exactly), or if the
 * access covers all its bytes and comes after it. Otherwise the cell is
 * split into byte cells. */
static ALWAYS_INLINE bool fits(const struct hb_thread *t, const struct cell *c, u64 me, u8 m,
                               bool write)
{
    if (write) {
        u64 w = c->w;
        return !w || ep_mask(w) == m || same_kind_epoch(w, me) || covers(m, ep_mask(w));
    }
    u64 r = c->r;
    if (!r)
        return true;
    if (r_is_shared(r))
        return r_shared(r)->mask == m;
    return ep_mask(r) == m || same_kind_epoch(r, me) ||
           (covers(m, ep_mask(r)) && (ep_tid(r) == t->tid || !concurrent(t, r)));
}

static void access_cell(struct hb_thread *t, struct cell *c, uptr addr, u8 m, unsigned fl, uptr pc,
                        u64 evseq, bool word);

/* After a write: the readers' next reads must be recorded again. */

/* The lost-update check of a write by t (see detect.h): t's read of these
 * bytes in this epoch, dirtied by another thread's write and not consumed by
 * a write of t since, is what this write is based on. */
static ALWAYS_INLINE void lost_update_check(struct hb_thread *t, const struct cell *c, uptr addr,
                                            u8 m, unsigned fl, uptr pc)
{
    u64 w = c->w, r = c->r, rd;
    uptr rpc;
    if (!w || ep_tid(w) == t->tid || !(ep_mask(w) & m))
        return;
    if (r_is_shared(r)) {
        const struct rshared *s = r_shared(r);
        if (!(s->mask & m) || t->tid >= s->n)
            return;
        rd = s->e[t->tid].ep;
        rpc = s->e[t->tid].pc;
    } else {
        if (!r || ep_tid(r) != t->tid || !(ep_mask(r) & m))
            return;
        rd = r;
        rpc = c->rpc;
    }
    if ((rd & EP_DIRTY) && !(rd & EP_CONSUMED) && ep_clk(rd) == ep_clk(t->ep))
        report(t, HB_LOST_UPDATE, addr, m, fl, pc, w, true, c->wpc, rpc);
}

/* A mask mismatch, or an already split cell: go down to the parts. A word
 * cell splits into halves, a half into bytes. */
/* Whether every access recorded in c (and its parts) happened before t's
 * current access or is t's own, so a write covering all of c's bytes may
 * replace them all (nothing racing with them could escape that write). */
static bool all_ordered(const struct hb_thread *t, const struct cell *c)
{
    if (c->w >= CELL_HALVES) {
        const struct cell *sub = (const struct cell *)(uptr)c->r;
        int n = c->w == CELL_SPLIT ? 8 : 2;
        for (int i = 0; i < n; i++)
            if (!all_ordered(t, &sub[i]))
                return false;
        return true;
    }
    if (c->w && ep_tid(c->w) != t->tid && concurrent(t, c->w))
        return false;
    if (r_is_shared(c->r)) {
        const struct rshared *s = r_shared(c->r);
        for (u32 i = 0; i < s->n; i++)
            if (s->e[i].ep && ep_tid(s->e[i].ep) != t->tid && concurrent(t, s->e[i].ep))
                return false;
    } else if (c->r && ep_tid(c->r) != t->tid && concurrent(t, c->r)) {
        return false;
    }
    return true;
}

static NOINLINE void access_split(struct hb_thread *t, struct cell *c, uptr addr, u8 m, unsigned fl,
                                  uptr pc, u64 evseq, bool word)
{
    if (word && m == 0xff && (fl & ACC_WRITE) && c->w >= CELL_HALVES && all_ordered(t, c)) {
        /* a whole-word write after everything recorded: the word is one again
         * (memcpy over an array whose halves were written separately) */
        shadow_cell_clear(c);
        c->w = t->ep | ((fl & ACC_ATOMIC) ? EP_ATOMIC : 0) | (0xffull << EP_MASK_SHIFT);
        c->wpc = pc & PC_MASK;
        return;
    }
    if (c->w != CELL_SPLIT && (c->w == CELL_HALVES || word)) {
        struct cell *h = c->w == CELL_HALVES ? (struct cell *)(uptr)c->r : shadow_split_halves(c);
        if (m & 0x0f)
            access_cell(t, &h[0], addr, m & 0x0f, fl, pc, evseq, false);
        if (m & 0xf0)
            access_cell(t, &h[1], addr, m & 0xf0, fl, pc, evseq, false);
        return;
    }
    struct cell *sub = c->w == CELL_SPLIT ? (struct cell *)(uptr)c->r : shadow_split(c);
    for (int b = 0; b < 8; b++)
        if (m & (1u << b))
            access_cell(t, &sub[b], addr, (u8)(1u << b), fl, pc, evseq, false);
}

static void access_cell(struct hb_thread *t, struct cell *c, uptr addr, u8 m, unsigned fl, uptr pc,
                        u64 evseq, bool word)
{
    if (UNLIKELY(c->w >= CELL_HALVES)) {
        access_split(t, c, addr, m, fl, pc, evseq, word);
        return;
    }
    bool atomic = (fl & ACC_ATOMIC) != 0;
    u64 me = t->ep | (atomic ? EP_ATOMIC : 0) | ((u64)m << EP_MASK_SHIFT);
    u64 w = c->w, r = c->r;

    if (!(fl & ACC_WRITE)) {
        /* FastTrack's same-epoch read: a write since then would have checked us */
        if (LIKELY(((r ^ me) & ~MASK_BITS) == 0 && covers(ep_mask(r), m)))
            return;
        if (UNLIKELY(!fits(t, c, me, m, false))) {
            access_split(t, c, addr, m, fl, pc, evseq, word);
            return;
        }
        if (w && (ep_mask(w) & m) && conflicts(t, w, atomic))
            report(t, HB_RACE, addr, m, fl, pc, w, true, c->wpc, 0);
        if (r_is_shared(r)) {
            struct rshared *s = rshared_put(r_shared(r), t->tid, me & ~MASK_BITS, pc);
            c->r = (u64)(uptr)s;
            c->rpc = (me & ~MASK_BITS) | ((u64)s->mask << EP_MASK_SHIFT);
            return;
        }
        if (r && same_kind_epoch(r, me)) {
            /* same thread, same epoch, same kind: one epoch for both byte sets */
            c->r = (me & ~MASK_BITS) | ((u64)(ep_mask(r) | m) << EP_MASK_SHIFT);
            c->rpc = pc;
            return;
        }
        if (r && same_epoch(r, me) && ep_mask(r) == m) {
            /* the same bytes read plainly and atomically: the plain read is
             * not forgotten behind the atomic one */
            c->r = (me & ~EP_ATOMIC) | (r & me & EP_ATOMIC);
            c->rpc = pc;
            return;
        }
        if (!r || ep_tid(r) == t->tid || !concurrent(t, r)) {
            c->r = me;
            c->rpc = pc;
            return;
        }
        /* concurrent readers of the same bytes: keep them all */
        struct rshared *s = rshared_new(m, 8);
        s = rshared_put(s, ep_tid(r), r & ~MASK_BITS, c->rpc);
        s = rshared_put(s, t->tid, me & ~MASK_BITS, pc);
        c->r = (u64)(uptr)s;
        c->rpc = me; /* in shared mode: the last reader's epoch, for hb_read_seen */
        return;
    }

    /* write or read-modify-write */
    if (LIKELY(((w ^ me) & ~MASK_BITS) == 0 && covers(ep_mask(w), m))) {
        /* FastTrack's same-epoch write: a read or write since would have checked us */
        c->wpc = pc & PC_MASK;
        hb_mark_readers(c, t, m);
        return;
    }
    if (UNLIKELY(!fits(t, c, me, m, true))) {
        access_split(t, c, addr, m, fl, pc, evseq, word);
        return;
    }
    if (hb_lost_updates && t->acc_size && !(fl & ACC_RMW))
        lost_update_check(t, c, addr, m, fl, pc);
    if (w && (ep_mask(w) & m) && conflicts(t, w, atomic))
        report(t, HB_RACE, addr, m, fl, pc, w, true, c->wpc, 0);
    if (r_is_shared(r)) {
        struct rshared *s = r_shared(r);
        if (s->mask & m) {
            for (u32 i = 0; i < s->n; i++) {
                if (conflicts(t, s->e[i].ep, atomic)) {
                    report(t, HB_RACE, addr, m, fl, pc, s->e[i].ep, false, s->e[i].pc, 0);
                    break;
                }
            }
        }
        if (covers(m, s->mask)) {
            /* FastTrack forgets the reads that happen-before this write; the
             * concurrent ones stay (they were reported, or are atomic and may
             * still be the base of a lost update) */
            u32 keep = 0;
            for (u32 i = 0; i < s->n; i++) {
                u64 e = s->e[i].ep;
                if (e && (ep_tid(e) == t->tid || !concurrent(t, e)))
                    s->e[i].ep = 0;
                keep += s->e[i].ep != 0;
            }
            if (!keep) {
                arena_free(s, shadow_rshared_size(s->cap));
                c->r = 0;
                c->rpc = 0;
            }
        }
    } else if (r && (ep_mask(r) & m) && conflicts(t, r, atomic)) {
        report(t, HB_RACE, addr, m, fl, pc, r, false, c->rpc, 0);
    }
    u8 nm = m;
    if (w && same_kind_epoch(w, me))
        nm |= ep_mask(w);
    else if (w && same_epoch(w, me) && ep_mask(w) == m && !(w & EP_ATOMIC))
        me &= ~EP_ATOMIC; /* keep the memory of a plain write of these bytes in this epoch */
    c->w = (me & ~MASK_BITS) | ((u64)nm << EP_MASK_SHIFT);
    c->wpc = pc & PC_MASK;
    hb_mark_readers(c, t, m);
}

void hb_access_slow(struct hb_thread *t, uptr addr, size_t size, unsigned flags, uptr pc, u64 evseq)
{
    if (UNLIKELY(addr >> SHADOW_ADDR_BITS) || size == 0)
        return;
    uptr off = addr & 7;
    t->reported_in_range = false;
    t->lu_reported = false;
    if (LIKELY(off + size <= 8)) {
        u8 m = (u8)(((1u << size) - 1) << off);
        if (size == 8)
            m = 0xff;
        t->acc_addr = addr;
        t->acc_size = (u32)size;
        access_cell(t, shadow_cell(addr), addr, m, flags, pc, evseq, true);
        return;
    }
    /* lost updates are defined on single accesses, not on memcpy-like ranges */
    t->acc_size = 0;
    uptr end = addr + size;
    if (end > (1ull << SHADOW_ADDR_BITS))
        end = 1ull << SHADOW_ADDR_BITS;
    while (addr < end) {
        uptr g = addr & ~(uptr)7;
        uptr gend = g + 8 < end ? g + 8 : end;
        u8 m = (u8)(((1u << (gend - addr)) - 1) << (addr - g));
        if (gend - addr == 8)
            m = 0xff;
        access_cell(t, shadow_cell(addr), addr, m, flags, pc, evseq, true);
        addr = gend;
    }
}
