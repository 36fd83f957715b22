/* Range accesses: what the interposed memory and string functions of libc
 * (memfn.c, string.c) read and write, which no compiler instrumented. Each
 * range is one event in the history (size 0 when longer than a byte field
 * holds) and one access for the detector. */
#ifndef ILV_RT_ICPT_RANGE_H
#define ILV_RT_ICPT_RANGE_H

#include "rt/rt.h"

/* t holds the baton (inside rt_enter/rt_leave); n may be 0. */
static inline void range_read(struct ithread *t, const void *p, size_t n, uptr pc)
{
    if (!n)
        return;
    u64 seq =
        history_add(t->hb.tid, HOP_R, (uptr)p, (u32)(n > 0xff ? 0 : n), pc, 0, rt_stack_id(t));
    hb_access(&t->hb, (uptr)p, n, ACC_READ, pc, seq);
}

static inline void range_write(struct ithread *t, void *p, size_t n, uptr pc)
{
    if (!n)
        return;
    u64 seq =
        history_add(t->hb.tid, HOP_W, (uptr)p, (u32)(n > 0xff ? 0 : n), pc, 0, rt_stack_id(t));
    hb_access(&t->hb, (uptr)p, n, ACC_WRITE, pc, seq);
}

/* A copy of n bytes from src (NULL: a fill) to dst; enters the runtime
 * itself and does nothing when the caller is inside it. */
static inline void ranges(const void *src, void *dst, size_t n, uptr pc)
{
    if (!n)
        return;
    struct ithread *t = rt_enter();
    if (!t)
        return;
    if (src)
        range_read(t, src, n, pc);
    range_write(t, dst, n, pc);
    rt_leave(t);
}

#endif
