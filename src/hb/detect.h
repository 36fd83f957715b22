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
 * epoch) and T did not access L in between. Decided from the cell alone: T's
 * read stays in the cell's read state (FastTrack keeps it), a foreign write
 * marks it dirty, an own write marks it consumed; T's write finding its own
 * read of this epoch dirty and not consumed is the pattern. An atomic
 * read-modify-write is one access and never ends such a pattern as a write. */
#ifndef ILV_HB_DETECT_H
#define ILV_HB_DETECT_H

#include "hb/shadow.h"
#include "hb/vclock.h"

/* The detector's view of one thread. */
struct hb_thread {
    tid_t tid;
    u64 ep; /* ep_make(tid, own clock, 0, 0), kept in step with vc */
    struct vclock vc;
    bool reported_in_range; /* one report per range access */
    uptr acc_addr;          /* the access being checked (acc_size 0: a range) */
    u32 acc_size;
    bool lu_reported; /* one lost-update report per access */
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
    /* lost update: the pc of tid's stale read, the first read of these bytes in
     * this epoch since they were last written; a later read of the same stretch
     * decided by hb_read_seen as READ_SEEN saw the same value. The runtime finds
     * the read's value, stack and event from its own record (rt/history.h). */
    uptr read_pc;
};

typedef void (*hb_report_fn)(const struct hb_finding *f);
extern hb_report_fn hb_report;
extern bool hb_lost_updates;

void hb_access_slow(struct hb_thread *t, uptr addr, size_t size, unsigned flags, uptr pc,
                    u64 evseq);

/* An access of one byte at addr by t (pc; a write when `write`) against one
 * access kept outside the shadow (epoch other_ep, a write when other_write, at
 * other_pc): reported as a race when they conflict and the other does not
 * happen-before this one. For the memory of synchronisation objects, whose
 * uses are ordered by the object itself (rt/sync.h sync_use). */
void hb_check_one(struct hb_thread *t, uptr addr, uptr pc, bool write, u64 other_ep,
                  bool other_write, uptr other_pc);

#define MASK_BITS (0xffull << EP_MASK_SHIFT)

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
 * recorded read saw). It still becomes the read that a later write of this
 * thread is checked against for a lost update (without an event number: its
 * value is the last recorded one). */
enum { READ_NEW = 0, READ_SEEN = 1, READ_AGAIN = 2 };

static ALWAYS_INLINE int hb_read_seen(struct hb_thread *t, uptr addr, size_t size, bool atomic,
                                      uptr pc)
{
    if (UNLIKELY((addr & 7) + size > 8 || (addr >> SHADOW_ADDR_BITS)))
        return false;
    u8 m = size == 8 ? 0xff : (u8)(((1u << size) - 1) << (addr & 7));
    struct cell *c = shadow_cell_part(addr, m);
    if (UNLIKELY(c->w >= CELL_HALVES))
        return false; /* the access spans parts of a split word */
    u64 r = c->r, me = t->ep | (atomic ? EP_ATOMIC : 0);
    if (LIKELY(((r ^ me) & ~(MASK_BITS | EP_CONSUMED)) == 0 && covers(ep_mask(r), m))) {
        if (LIKELY(!(r & EP_CONSUMED)))
            return READ_SEEN;
        /* read again after its own write: the base of a later write again */
        c->r = r & ~EP_CONSUMED;
        c->rpc = pc;
        return READ_AGAIN;
    }
    if (!r_is_shared(r))
        return READ_NEW;
    /* the last reader is cached in rpc; else look t up in the set */
    u64 last = c->rpc;
    if (((last ^ me) & ~MASK_BITS) == 0 && covers(ep_mask(last), m))
        return READ_SEEN;
    struct rshared *s = r_shared(r);
    if (!covers(s->mask, m) || t->tid >= s->n || (s->e[t->tid].ep & ~EP_CONSUMED) != me)
        return READ_NEW;
    int again = (s->e[t->tid].ep & EP_CONSUMED) ? READ_AGAIN : READ_SEEN;
    s->e[t->tid].ep = me;
    if (again == READ_AGAIN)
        s->e[t->tid].pc = pc;
    c->rpc = me | ((u64)s->mask << EP_MASK_SHIFT);
    return again;
}

/* The common first read of a location in an epoch, decided without the full
 * check: one word (or part) whose last read happened before this one (or is
 * t's own) and whose last write is t's own or happened before. Anything else
 * (a race, concurrent readers, a split, a range) takes hb_access_slow. */
static ALWAYS_INLINE void hb_read_new(struct hb_thread *t, uptr addr, size_t size, uptr pc,
                                      u64 evseq)
{
    if (LIKELY((addr & 7) + size <= 8 && !(addr >> SHADOW_ADDR_BITS))) {
        u8 m = size == 8 ? 0xff : (u8)(((1u << size) - 1) << (addr & 7));
        struct cell *c = shadow_cell_part(addr, m);
        u64 r = c->r, w = c->w;
        if (LIKELY(w < CELL_HALVES && !r_is_shared(r) &&
                   (!r || (ep_mask(r) == m &&
                           (ep_tid(r) == t->tid || ep_clk(r) <= vclock_get(&t->vc, ep_tid(r))))) &&
                   (!w || ep_tid(w) == t->tid || !(ep_mask(w) & m) ||
                    ep_clk(w) <= vclock_get(&t->vc, ep_tid(w))))) {
            c->r = t->ep | ((u64)m << EP_MASK_SHIFT);
            c->rpc = pc;
            return;
        }
    }
    hb_access_slow(t, addr, size, ACC_READ, pc, evseq);
}

/* After a write by t of the bytes m: the reads of those bytes by other
 * threads become dirty (their next read must be recorded again, and their
 * next write without it is a lost update); t's own read is consumed. */
static ALWAYS_INLINE void hb_mark_readers(struct cell *c, const struct hb_thread *t, u8 m)
{
    u64 r = c->r;
    if (!r)
        return;
    if (!r_is_shared(r)) {
        if (!(ep_mask(r) & m))
            return;
        c->r = ep_tid(r) == t->tid ? (r | EP_CONSUMED) & ~EP_DIRTY : r | EP_DIRTY;
        return;
    }
    struct rshared *s = r_shared(r);
    if (!(s->mask & m))
        return;
    c->rpc = 0; /* the cached last reader (see hb_read_seen) */
    for (u32 i = 0; i < s->n; i++) {
        u64 e = s->e[i].ep;
        if (e)
            s->e[i].ep = ep_tid(e) == t->tid ? (e | EP_CONSUMED) & ~EP_DIRTY : e | EP_DIRTY;
    }
}

static ALWAYS_INLINE bool hb_before(const struct hb_thread *t, u64 ep)
{
    return ep_tid(ep) == t->tid || ep_clk(ep) <= vclock_get(&t->vc, ep_tid(ep));
}

/* The common plain write, decided without the full check: one word (or part)
 * whose last write and last read happened before it (or are t's own), and
 * that covers the bytes of that write. The readers' marks (dirty, consumed)
 * are kept as the full path keeps them; a possible lost update, a race,
 * concurrent readers or a split take hb_access_slow. */
static ALWAYS_INLINE void hb_write_new(struct hb_thread *t, uptr addr, size_t size, uptr pc,
                                       u64 evseq)
{
    if (LIKELY((addr & 7) + size <= 8 && !(addr >> SHADOW_ADDR_BITS))) {
        u8 m = size == 8 ? 0xff : (u8)(((1u << size) - 1) << (addr & 7));
        struct cell *c = shadow_cell_part(addr, m);
        u64 r = c->r, w = c->w;
        if (LIKELY(w < CELL_HALVES && !r_is_shared(r) && (!w || covers(m, ep_mask(w))) &&
                   (!w || hb_before(t, w)) && (!r || !(ep_mask(r) & m) || hb_before(t, r)) &&
                   !(r && ep_tid(r) == t->tid && (r & EP_DIRTY)))) {
            c->w = t->ep | ((u64)m << EP_MASK_SHIFT);
            c->wpc = pc & PC_MASK;
            hb_mark_readers(c, t, m);
            return;
        }
    }
    hb_access_slow(t, addr, size, ACC_WRITE, pc, evseq);
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
    /* readers other than t must be marked; the full path does that */
    if (r && (r_is_shared(r) || ep_tid(r) != t->tid))
        return false;
    hb_mark_readers(c, t, m); /* t's own read is consumed by this write */
    c->wpc = pc & PC_MASK;
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
