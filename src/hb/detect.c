#include "hb/detect.h"

#include "base/arena.h"

#include <string.h>

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
                        uptr pc, u64 pep, bool pwrite, u64 ppc, const struct lu_entry *lu)
{
    if (!hb_report)
        return;
    if (kind == HB_RACE) {
        if (t->reported_in_range)
            return;
        t->reported_in_range = true;
    }
    struct hb_finding f = { .kind = kind, .tid = t->tid, .flags = fl, .pc = pc };
    int lo = __builtin_ctz(m), hi = 32 - __builtin_clz((unsigned)m);
    f.addr = (addr & ~(uptr)7) + (uptr)lo;
    f.size = (u32)(hi - lo);
    f.ptid = ep_tid(pep);
    f.pwrite = pwrite;
    f.patomic = (pep & EP_ATOMIC) != 0;
    f.ppc = ppc & PC_MASK;
    if (lu) {
        f.read_evseq = lu->evseq;
        f.read_pc = lu->pc;
    }
    hb_report(&f);
}

static struct rshared *rshared_new(u8 mask, u32 cap)
{
    struct rshared *s = arena_alloc(shadow_rshared_size(cap));
    s->mask = mask;
    s->cap = cap;
    return s;
}

/* Adds or updates t's entry of a shared-read set; returns the (maybe moved) set. */
static struct rshared *rshared_put(struct rshared *s, tid_t tid, u64 ep, u64 pc)
{
    for (u32 i = 0; i < s->n; i++) {
        if (ep_tid(s->e[i].ep) == tid) {
            s->e[i].ep = ep;
            s->e[i].pc = pc;
            return s;
        }
    }
    if (s->n == s->cap) {
        struct rshared *n = rshared_new(s->mask, s->cap * 2);
        memcpy(n->e, s->e, s->n * sizeof(s->e[0]));
        n->n = s->n;
        arena_free(s, shadow_rshared_size(s->cap));
        s = n;
    }
    s->e[s->n].ep = ep;
    s->e[s->n].pc = pc;
    s->n++;
    return s;
}

static inline u8 cell_mask(const struct cell *c)
{
    if (c->w)
        return ep_mask(c->w);
    if (r_is_shared(c->r))
        return r_shared(c->r)->mask;
    return ep_mask(c->r);
}

static void access_cell(struct hb_thread *t, struct cell *c, uptr addr, u8 m, unsigned fl, uptr pc,
                        u64 evseq);

static NOINLINE void access_split(struct hb_thread *t, struct cell *c, uptr addr, u8 m,
                                  unsigned fl, uptr pc, u64 evseq)
{
    struct cell *sub = c->w == CELL_SPLIT ? (struct cell *)(uptr)c->r : shadow_split(c);
    uptr base = addr & ~(uptr)7;
    for (int b = 0; b < 8; b++)
        if (m & (1u << b))
            access_cell(t, &sub[b], base + (uptr)b, (u8)(1u << b), fl, pc, evseq);
}

static ALWAYS_INLINE void lu_note_read(struct hb_thread *t, const struct cell *c, uptr addr,
                                       uptr pc, u64 evseq)
{
    struct lu_entry *e = &t->lu[(addr >> 3) & (LU_SLOTS - 1)];
    e->addr = addr;
    e->clk = ep_clk(t->ep);
    e->evseq = evseq;
    e->pc = pc;
    e->stamp = (u16)(c->wpc >> 48);
}

static void access_cell(struct hb_thread *t, struct cell *c, uptr addr, u8 m, unsigned fl, uptr pc,
                        u64 evseq)
{
    if (c->w == CELL_SPLIT) {
        access_split(t, c, addr, m, fl, pc, evseq);
        return;
    }
    u8 cm = cell_mask(c);
    if (UNLIKELY(cm && cm != m)) {
        access_split(t, c, addr, m, fl, pc, evseq);
        return;
    }
    bool atomic = (fl & ACC_ATOMIC) != 0;
    u64 me = t->ep | (atomic ? EP_ATOMIC : 0) | ((u64)m << EP_MASK_SHIFT);
    u64 w = c->w, r = c->r;

    if (!(fl & ACC_WRITE)) {
        if (LIKELY(r == me)) {
            if (hb_lost_updates)
                lu_note_read(t, c, addr, pc, evseq);
            return;
        }
        if (w && conflicts(t, w, atomic))
            report(t, HB_RACE, addr, m, fl, pc, w, true, c->wpc, NULL);
        if (!r_is_shared(r)) {
            if (r && ep_tid(r) == t->tid && ep_clk(r) == ep_clk(me) && !(r & EP_ATOMIC))
                me &= ~EP_ATOMIC; /* keep the memory of a plain read in this epoch */
            if (!r || ep_tid(r) == t->tid || !concurrent(t, r)) {
                c->r = me;
                c->rpc = pc;
            } else {
                struct rshared *s = rshared_new(m, 4);
                s = rshared_put(s, ep_tid(r), r & ~(0xffull << EP_MASK_SHIFT), c->rpc);
                s = rshared_put(s, t->tid, me & ~(0xffull << EP_MASK_SHIFT), pc);
                c->r = (u64)(uptr)s;
            }
        } else {
            struct rshared *s = rshared_put(r_shared(r), t->tid, me & ~(0xffull << EP_MASK_SHIFT), pc);
            c->r = (u64)(uptr)s;
        }
        if (hb_lost_updates)
            lu_note_read(t, c, addr, pc, evseq);
        return;
    }

    /* write or read-modify-write */
    if (w && conflicts(t, w, atomic))
        report(t, HB_RACE, addr, m, fl, pc, w, true, c->wpc, NULL);
    if (r_is_shared(r)) {
        struct rshared *s = r_shared(r);
        for (u32 i = 0; i < s->n; i++) {
            if (conflicts(t, s->e[i].ep, atomic)) {
                report(t, HB_RACE, addr, m, fl, pc, s->e[i].ep, false, s->e[i].pc, NULL);
                break;
            }
        }
        arena_free(s, shadow_rshared_size(s->cap));
        c->r = 0; /* FastTrack: every read now happens-before this write (or was reported) */
    } else if (r && conflicts(t, r, atomic)) {
        report(t, HB_RACE, addr, m, fl, pc, r, false, c->rpc, NULL);
    }
    struct lu_entry *e = &t->lu[(addr >> 3) & (LU_SLOTS - 1)];
    if (e->addr == addr) {
        if (!(fl & ACC_RMW) && hb_lost_updates && e->clk == ep_clk(t->ep) &&
            e->stamp != (u16)(c->wpc >> 48) && w && ep_tid(w) != t->tid)
            report(t, HB_LOST_UPDATE, addr, m, fl, pc, w, true, c->wpc, e);
        e->addr = 0;
    }
    if (w && ep_tid(w) == t->tid && ep_clk(w) == ep_clk(me) && !(w & EP_ATOMIC))
        me &= ~EP_ATOMIC;
    c->w = me;
    c->wpc = ((c->wpc & ~PC_MASK) + STAMP_ONE) | (pc & PC_MASK);
    if (c->r && ep_mask(c->r) == 0)
        c->r = 0;
    /* r keeps its mask: the cell's mask invariant holds because m == cm */
}

void hb_access(struct hb_thread *t, uptr addr, size_t size, unsigned flags, uptr pc, u64 evseq)
{
    if (UNLIKELY(addr >> SHADOW_ADDR_BITS) || size == 0)
        return;
    uptr off = addr & 7;
    if (LIKELY(off + size <= 8)) {
        u8 m = (u8)(((1u << size) - 1) << off);
        if (size == 8)
            m = 0xff;
        t->reported_in_range = false;
        access_cell(t, shadow_cell(addr), addr, m, flags, pc, evseq);
        return;
    }
    t->reported_in_range = false;
    uptr end = addr + size;
    if (end > (1ull << SHADOW_ADDR_BITS))
        end = 1ull << SHADOW_ADDR_BITS;
    while (addr < end) {
        uptr g = addr & ~(uptr)7;
        uptr gend = g + 8 < end ? g + 8 : end;
        u8 m = (u8)(((1u << (gend - addr)) - 1) << (addr - g));
        if (gend - addr == 8)
            m = 0xff;
        /* lost updates are defined on single accesses, not on memcpy-like ranges */
        access_cell(t, shadow_cell(addr), addr, m, flags, pc, evseq);
        addr = gend;
    }
}
