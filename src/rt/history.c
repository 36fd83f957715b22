#include "rt/history.h"

#include "base/arena.h"

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
    return arena_alloc(HLAST_SIZE * sizeof(struct hlast));
}

void history_wrapped(void)
{
    findings_on_wrap();
}
