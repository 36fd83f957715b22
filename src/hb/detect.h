/* The happens-before race detector and the lost-update check, over shadow
 * cells and vector clocks. Pure: no threads, no scheduling, no I/O; findings
 * go to a callback. FastTrack (Flanagan & Freund, PLDI 2009): a location keeps
 * the epoch of its last write and the epoch of its last read, or a set of
 * reads when several threads read it concurrently.
 *
 * Two accesses conflict when they touch a common byte, one of them writes,
 * and not both are atomic; they race when neither happens-before the other.
 *
 * Lost update: thread T reads L, another thread writes L, then T writes L
 * while T's read and write lie in one synchronisation-free stretch of T (same
 * epoch) and T did not access L in between. The read is remembered in a small
 * per-thread direct-mapped table; an atomic read-modify-write is one access
 * and never starts or ends such a pattern as a read. */
#ifndef ILV_HB_DETECT_H
#define ILV_HB_DETECT_H

#include "hb/shadow.h"
#include "hb/vclock.h"

#define LU_SLOTS 256

struct lu_entry {
    uptr addr;
    u64 clk_stamp; /* T's own clock at the read | the cell's write count << 48 */
    u64 evseq;     /* the read's event number (its value and pc are in the history) */
};

/* The detector's view of one thread. */
struct hb_thread {
    tid_t tid;
    u64 ep; /* ep_make(tid, own clock, 0, 0), kept in step with vc */
    struct vclock vc;
    bool reported_in_range; /* one report per range access */
    uptr acc_addr;          /* the access being checked (acc_size 0: a range) */
    u32 acc_size;
    struct lu_entry lu[LU_SLOTS];
};

enum {
    ACC_READ = 0,
    ACC_WRITE = 1,
    ACC_ATOMIC = 2,
    ACC_RMW = 4, /* an atomic read-modify-write: also set ACC_WRITE|ACC_ATOMIC */
};

enum hb_kind { HB_RACE, HB_LOST_UPDATE };

struct hb_finding {
    enum hb_kind kind;
    uptr addr; /* first byte of the conflict */
    u32 size;  /* bytes of the current access inside that granule */
    tid_t tid;
    unsigned flags; /* ACC_* of the current access */
    uptr pc;
    /* race: the earlier access; lost update: the overwriting write */
    tid_t ptid;
    bool pwrite, patomic;
    uptr ppc;
    /* lost update: the stale read of tid (its pc: from the history) */
    u64 read_evseq;
};

typedef void (*hb_report_fn)(const struct hb_finding *f);
extern hb_report_fn hb_report;
extern bool hb_lost_updates;

void hb_access_slow(struct hb_thread *t, uptr addr, size_t size, unsigned flags, uptr pc,
                    u64 evseq);

#define MASK_BITS (0xffull << EP_MASK_SHIFT)


static ALWAYS_INLINE void lu_note_read(struct hb_thread *t, const struct cell *c, uptr addr,
                                       uptr pc, u64 evseq)
{
    (void)pc;
    struct lu_entry *e = &t->lu[(addr >> 3) & (LU_SLOTS - 1)];
    e->addr = addr;
    e->clk_stamp = ep_clk(t->ep) | (c->wpc & ~PC_MASK);
    e->evseq = evseq;
}

/* One access of `size` bytes (1..8 for plain accesses; any for ranges).
 * evseq: the event number given to this access by the trace. */
static inline void hb_access(struct hb_thread *t, uptr addr, size_t size, unsigned flags, uptr pc,
                             u64 evseq)
{
    hb_access_slow(t, addr, size, flags, pc, evseq);
}

/* FastTrack's same-epoch read, decided inline: true when this thread already
 * read these bytes in this epoch and nobody wrote them since, so the read
 * needs no check, and no new history event either (it sees the value the
 * recorded read saw). Nor does the lost-update table: a write since would have
 * made the read dirty, so the entry of the recorded read is still the right
 * one (unless the direct-mapped table evicted it, as it may anyway). */
static ALWAYS_INLINE bool hb_read_seen(struct hb_thread *t, uptr addr, size_t size, bool atomic)
{
    if (UNLIKELY((addr & 7) + size > 8 || (addr >> SHADOW_ADDR_BITS)))
        return false;
    u8 m = size == 8 ? 0xff : (u8)(((1u << size) - 1) << (addr & 7));
    struct cell *c = shadow_cell_part(addr, m);
    u64 r = c->r, me = t->ep | (atomic ? EP_ATOMIC : 0);
    bool seen = ((r ^ me) & ~MASK_BITS) == 0 && covers(ep_mask(r), m);
    if (!seen && r_is_shared(r)) {
        /* the last reader is cached in rpc; else look t up in the set */
        u64 last = c->rpc;
        seen = ((last ^ me) & ~MASK_BITS) == 0 && covers(ep_mask(last), m);
        if (!seen) {
            struct rshared *s = r_shared(r);
            seen = covers(s->mask, m) && t->tid < s->n && s->e[t->tid].ep == me;
            if (seen)
                c->rpc = me | ((u64)s->mask << EP_MASK_SHIFT);
        }
    }
    return seen;
}

/* FastTrack's same-epoch write, decided inline: this thread already wrote
 * these bytes in this epoch and has no read of them pending for the
 * lost-update check; only the write count and the readers' dirty marks
 * change. Returns false when the full check is needed. */
static ALWAYS_INLINE bool hb_write_seen(struct hb_thread *t, uptr addr, size_t size, uptr pc)
{
    if (UNLIKELY((addr & 7) + size > 8 || (addr >> SHADOW_ADDR_BITS)))
        return false;
    u8 m = size == 8 ? 0xff : (u8)(((1u << size) - 1) << (addr & 7));
    struct cell *c = shadow_cell_part(addr, m);
    u64 w = c->w, r = c->r;
    if (((w ^ t->ep) & ~MASK_BITS) != 0 || !covers(ep_mask(w), m))
        return false;
    struct lu_entry *e = &t->lu[(addr >> 3) & (LU_SLOTS - 1)];
    if (hb_lost_updates && e->addr == addr) {
        /* a read of t is pending: nobody else wrote since (w is t's own), so
         * there is no lost update; the read is consumed */
        e->addr = 0;
    }
    /* readers other than t must record their next read again */
    if (r && (r_is_shared(r) || ep_tid(r) != t->tid))
        return false;
    c->wpc = ((c->wpc & ~PC_MASK) + STAMP_ONE) | (pc & PC_MASK);
    return true;
}

/* Own-clock increment after a release operation. */
static inline void hb_tick(struct hb_thread *t)
{
    u64 c = vclock_get(&t->vc, t->tid) + 1;
    vclock_set(&t->vc, t->tid, c);
    t->ep = ep_make(t->tid, c, false, 0);
}

static inline void hb_thread_init(struct hb_thread *t, tid_t tid)
{
    t->tid = tid;
    hb_tick(t);
}

#endif
