/* The recent-event history: a ring of the last HIST_SIZE memory accesses in
 * global order, with the values read and written. Findings take their
 * schedule diagrams from it: the accesses to the racy location before the
 * finding, and (collected at every wrap of the ring) the ones after it.
 * One writer (the baton holder), no allocation per event. */
#ifndef ILV_RT_HISTORY_H
#define ILV_RT_HISTORY_H

#include "base/types.h"

#define HIST_BITS 15
#define HIST_SIZE (1u << HIST_BITS)
#define HIST_MASK (HIST_SIZE - 1)

enum hop { HOP_R = 'r', HOP_W = 'w', HOP_U = 'u' };

struct hev {
    uptr addr;
    u64 value;
    uptr pc;
    u16 tid;
    u8 op; /* enum hop */
    u8 size;
    u32 stack; /* stack depot id of the callers (0: none) */
};

extern struct hev *g_hist;
extern u64 g_seq; /* number of events recorded so far */

void history_init(void);
/* Called when the ring is about to overwrite old events. */
void history_wrapped(void);

static ALWAYS_INLINE u64 history_add(tid_t tid, enum hop op, uptr addr, u32 size, uptr pc,
                                     u64 value, u32 stack)
{
    u64 s = g_seq++;
    struct hev *e = &g_hist[s & HIST_MASK];
    e->addr = addr;
    e->value = value;
    e->pc = pc;
    e->tid = (u16)tid;
    e->op = (u8)op;
    e->size = (u8)size;
    e->stack = stack;
    if (UNLIKELY((s & HIST_MASK) == HIST_MASK))
        history_wrapped();
    return s;
}

/* The last recorded read of each location by one thread: HLAST_SIZE slots per
 * thread, direct-mapped by the location's 8-byte granule. A lost update's stale
 * read is always its thread's last recorded read of the location: a read the
 * detector decides without recording it (FastTrack's same-epoch read,
 * hb_read_seen's READ_SEEN) sees the value of the recorded read before it,
 * since any write in between, the thread's own or another's, makes the next
 * read recorded again. So a finding takes the stale read from here, with its
 * value, stack and place in time, however long ago it was.
 *
 * Cost: a recorded read stores only its event number (seq + 1; 0: none). The
 * event itself stays in the ring; when the ring wraps (every HIST_SIZE events)
 * history_wrapped copies the events of the slots that it is about to drop into
 * `saved`, for the live threads. The inline READ_SEEN path is unchanged. A slot
 * holding another granule was taken by a later read of this thread; the
 * finding then searches the ring. */
#define HLAST_BITS 6
#define HLAST_SIZE (1u << HLAST_BITS)

struct hlast {
    u64 seq[HLAST_SIZE];       /* the slot's last recorded read: its event number + 1 */
    u64 saved_seq[HLAST_SIZE]; /* seq[] of the event copied into saved[] */
    struct hev saved[HLAST_SIZE];
};

/* A thread's table, zeroed (process-lifetime arena memory). */
struct hlast *history_last_new(void);

static ALWAYS_INLINE u32 history_last_slot(uptr addr)
{
    return (u32)(addr >> 3) & (HLAST_SIZE - 1);
}

/* Records a read (history_add) and makes it its thread's last read of the location. */
static ALWAYS_INLINE u64 history_add_read(struct hlast *tab, tid_t tid, uptr addr, u32 size,
                                          uptr pc, u64 value, u32 stack)
{
    u64 s = history_add(tid, HOP_R, addr, size, pc, value, stack);
    /* slot i at byte offset 8 i, straight from addr: no value of the inline read
     * check (which shifts addr to find its shadow cell) stays live for it */
    *(u64 *)((char *)tab->seq + (addr & ((HLAST_SIZE - 1) << 3))) = s + 1;
    return s;
}

/* The last recorded read in tab of addr's slot, before event `before`: its event
 * number and a copy of it; false when there is none (or it is no longer known). */
bool history_last_read(const struct hlast *tab, uptr addr, u64 before, u64 *seq, struct hev *ev);

/* The event numbered seq, or NULL when the ring no longer holds it. */
static inline struct hev *history_get(u64 seq)
{
    if (seq >= g_seq || g_seq - seq > HIST_SIZE)
        return NULL;
    return &g_hist[seq & HIST_MASK];
}

/* Reads the value of a size-byte location (for the diagram). */
static ALWAYS_INLINE u64 history_load(uptr addr, u32 size)
{
    switch (size) {
    case 1:
        return *(volatile u8 *)addr;
    case 2:
        return *(volatile u16 *)addr;
    case 4:
        return *(volatile u32 *)addr;
    case 8:
        return *(volatile u64 *)addr;
    default:
        return 0;
    }
}

#endif
