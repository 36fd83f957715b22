/* The full path of a plain memory access (see rt_mem in rt.h for the inline
 * fast path): the scheduling point comes first, because the hook runs just
 * before the access, so a switch here lets other threads run between this
 * access and the previous one of the thread (between the load and the store
 * of `x += 1`), and the value recorded for a read is the one it will see. */
#include "rt/rt.h"

NOINLINE void rt_mem_slow(uptr addr, u32 size, bool write, uptr pc)
{
    struct ithread *t = rt_enter_mem();
    if (!t)
        return;
    sched_point_ev(t, write ? OP_W : OP_R, addr);
    if (write) {
        u64 seq = history_add(t->hb.tid, HOP_W, addr, size, pc, 0, rt_stack_id(t));
        if (size <= 8)
            t->pending_w = seq + 1;
        t->spin_count = 0;
        t->nowrite = 0;
        if (!hb_write_seen(&t->hb, addr, size, pc))
            hb_write_new(&t->hb, addr, size, pc, seq);
    } else {
        rt_spin_check_plain(t);
        int seen = hb_read_seen(&t->hb, addr, size, false, pc);
        if (seen != READ_SEEN) {
            u64 val = size <= 8 ? history_load(addr, size) : 0;
            u64 seq =
                history_add_read(t->last_read, t->hb.tid, addr, size, pc, val, rt_stack_id(t));
            if (seen == READ_NEW)
                hb_read_new(&t->hb, addr, size, pc, seq);
        }
    }
    rt_leave(t);
}
