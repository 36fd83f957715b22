#include "rt/history.h"

#include "base/arena.h"
#include "sched/thread.h"

struct hev *g_hist;
u64 g_seq;

void findings_on_wrap(void);

void history_init(void)
{
    if (!g_hist)
        g_hist = arena_map(HIST_SIZE * sizeof(struct hev));
}

struct hlast *history_last_new(void)
{
    return arena_alloc(sizeof(struct hlast));
}

bool history_last_read(const struct hlast *tab, uptr addr, u64 before, u64 *seq, struct hev *ev)
{
    u32 i = history_last_slot(addr);
    u64 q = tab->seq[i];
    if (!q || q - 1 >= before)
        return false;
    const struct hev *e = history_get(q - 1);
    if (!e && tab->saved_seq[i] == q)
        e = &tab->saved[i];
    if (!e)
        return false;
    *seq = q - 1;
    *ev = *e;
    return true;
}

/* The ring is full: the next HIST_SIZE events overwrite all it holds. The last
 * reads that threads may still write back from are copied out first; a
 * finished thread writes no more. */
static void save_last_reads(void)
{
    u64 lo = g_seq > HIST_SIZE ? g_seq - HIST_SIZE : 0;
    for (u32 t = 0; t < g_nthreads; t++) {
        struct ithread *th = g_threads[t];
        struct hlast *tab = th->last_read;
        if (!tab || th->state == TS_FINISHED)
            continue;
        for (u32 i = 0; i < HLAST_SIZE; i++) {
            u64 q = tab->seq[i];
            if (q && q - 1 >= lo && tab->saved_seq[i] != q) {
                tab->saved[i] = g_hist[(q - 1) & HIST_MASK];
                tab->saved_seq[i] = q;
            }
        }
    }
}

void history_wrapped(void)
{
    save_last_reads();
    findings_on_wrap();
}
