#include "rt/heap.h"

#include "base/arena.h"

#define TOMB 1u

static struct hblock *tab;
static u64 cap, used, live;

static u64 hash(uptr a)
{
    u64 h = (u64)a * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 31);
}

static void grow(void)
{
    struct hblock *old = tab;
    u64 ocap = cap;
    cap = cap ? (live * 4 > cap ? cap * 2 : cap) : 4096;
    tab = arena_map(cap * sizeof *tab);
    used = live;
    for (u64 i = 0; i < ocap; i++) {
        if (old[i].base <= TOMB)
            continue;
        u64 j = hash(old[i].base) & (cap - 1);
        while (tab[j].base)
            j = (j + 1) & (cap - 1);
        tab[j] = old[i];
    }
    if (old)
        arena_free(old, ocap * sizeof *old);
}

void heap_add(uptr base, u64 size, tid_t tid, uptr pc)
{
    if ((used + 1) * 2 > cap)
        grow();
    u64 j = hash(base) & (cap - 1);
    while (tab[j].base > TOMB && tab[j].base != base)
        j = (j + 1) & (cap - 1);
    if (tab[j].base == 0)
        used++;
    if (tab[j].base != base)
        live++;
    tab[j] = (struct hblock){ .base = base, .size = size, .pc = pc, .tid = tid };
}

/* The slot of the live block at base, or NULL. */
static struct hblock *slot_of(uptr base)
{
    if (!cap)
        return NULL;
    for (u64 j = hash(base) & (cap - 1);; j = (j + 1) & (cap - 1)) {
        if (tab[j].base == 0)
            return NULL;
        if (tab[j].base == base)
            return &tab[j];
    }
}

bool heap_lookup(uptr base, struct hblock *out)
{
    struct hblock *b = slot_of(base);
    if (b)
        *out = *b;
    return b != NULL;
}

bool heap_remove(uptr base, u64 *size)
{
    struct hblock *b = slot_of(base);
    *size = b ? b->size : 0;
    if (!b)
        return false;
    b->base = TOMB;
    live--;
    return true;
}

bool heap_find_containing(uptr addr, struct hblock *out)
{
    for (u64 j = 0; j < cap; j++) {
        if (tab[j].base > TOMB && addr >= tab[j].base && addr < tab[j].base + tab[j].size) {
            *out = tab[j];
            return true;
        }
    }
    return false;
}
