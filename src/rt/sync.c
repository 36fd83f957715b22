#include "rt/sync.h"

#include "base/arena.h"
#include "base/check.h"

#include <string.h>

enum { MO_RELAXED, MO_CONSUME, MO_ACQUIRE, MO_RELEASE, MO_ACQ_REL, MO_SEQ_CST };

static bool mo_acquires(int mo)
{
    mo &= 0xff;
    return mo == MO_CONSUME || mo == MO_ACQUIRE || mo == MO_ACQ_REL || mo >= MO_SEQ_CST;
}

static bool mo_releases(int mo)
{
    mo &= 0xff;
    return mo == MO_RELEASE || mo == MO_ACQ_REL || mo >= MO_SEQ_CST;
}

/* Open addressing, linear probing; TOMB marks deleted slots. */
#define TOMB ((struct syncobj *)1)
static struct syncobj **table;
static u64 cap, used, live;

static u64 hash(uptr a)
{
    u64 h = (u64)a * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 29);
}

static void rehash(u64 ncap)
{
    struct syncobj **old = table;
    u64 ocap = cap;
    table = arena_map(ncap * sizeof *table);
    cap = ncap;
    used = live;
    for (u64 i = 0; i < ocap; i++) {
        struct syncobj *s = old[i];
        if (!s || s == TOMB)
            continue;
        u64 j = hash(s->addr) & (cap - 1);
        while (table[j])
            j = (j + 1) & (cap - 1);
        table[j] = s;
    }
    if (old)
        arena_free(old, ocap * sizeof *old);
}

struct syncobj *sync_find(uptr addr)
{
    if (!cap)
        return NULL;
    for (u64 j = hash(addr) & (cap - 1);; j = (j + 1) & (cap - 1)) {
        struct syncobj *s = table[j];
        if (!s)
            return NULL;
        if (s != TOMB && s->addr == addr)
            return s;
    }
}

struct syncobj *sync_get(uptr addr, enum so_kind kind)
{
    struct syncobj *s = sync_find(addr);
    if (s) {
        if (s->kind == SO_ATOMIC && kind != SO_ATOMIC)
            s->kind = (u8)kind;
        return s;
    }
    if ((used + 1) * 2 > cap)
        rehash(cap ? (live * 4 > cap ? cap * 2 : cap) : 1024);
    s = arena_alloc(sizeof *s);
    s->addr = addr;
    s->kind = (u8)kind;
    s->owner = TID_NONE;
    s->head = TID_NONE;
    u64 j = hash(addr) & (cap - 1);
    while (table[j] && table[j] != TOMB)
        j = (j + 1) & (cap - 1);
    if (!table[j])
        used++;
    table[j] = s;
    live++;
    return s;
}

void sync_forget(uptr addr, size_t size)
{
    if (!live)
        return;
    if (size <= 512) {
        for (uptr a = addr; a < addr + size; a++) {
            if (a != addr && (a & 3))
                continue; /* sync objects are at least 4-byte aligned */
            struct syncobj *s = sync_find(a);
            if (!s)
                continue;
            for (u64 j = hash(a) & (cap - 1);; j = (j + 1) & (cap - 1)) {
                if (table[j] == s) {
                    table[j] = TOMB;
                    break;
                }
            }
            vclock_free(&s->vc);
            arena_free(s, sizeof *s);
            live--;
        }
        return;
    }
    for (u64 j = 0; j < cap; j++) {
        struct syncobj *s = table[j];
        if (s && s != TOMB && s->addr >= addr && s->addr < addr + size) {
            table[j] = TOMB;
            vclock_free(&s->vc);
            arena_free(s, sizeof *s);
            live--;
        }
    }
}

void sync_acquire(struct ithread *t, struct syncobj *so)
{
    if (!so->vc.len)
        return;
    if (so->vc_single && vclock_get(&t->hb.vc, so->head) >= vclock_get(&so->vc, so->head))
        return; /* t already knows everything that release published */
    vclock_join(&t->hb.vc, &so->vc);
}

void sync_life(struct ithread *t, uptr addr, uptr pc)
{
    struct syncobj *so = sync_find(addr);
    if (so && so->use_ep) {
        hb_check_one(&t->hb, addr, pc, true, so->use_ep, false, so->use_pc);
        so->use_ep = 0;
    }
}

void sync_life_done(struct ithread *t, uptr addr, enum so_kind kind, uptr pc)
{
    struct syncobj *so = sync_get(addr, kind);
    so->life_ep = t->hb.ep;
    so->life_pc = pc;
}

void sync_release(struct ithread *t, struct syncobj *so)
{
    if (so->vc.len == 0) {
        vclock_copy(&so->vc, &t->hb.vc);
        so->vc_single = true;
        so->head = t->hb.tid;
    } else {
        vclock_join(&so->vc, &t->hb.vc);
        so->vc_single = false;
    }
    hb_tick(&t->hb);
}

void sync_release_store(struct ithread *t, struct syncobj *so)
{
    vclock_copy(&so->vc, &t->hb.vc);
    so->vc_single = true;
    so->head = t->hb.tid;
    hb_tick(&t->hb);
}

/* Fence state per thread, indexed by tid: kept out of struct ithread so the
 * hot fields stay together. */
struct fence_state {
    struct vclock rel; /* clock at the last release fence */
    struct vclock acq; /* what relaxed loads saw since the last acquire fence */
    bool has_rel;
};
static struct fence_state **fences; /* MAX_THREADS entries (thread.h says why) */

void sync_thread_init(struct ithread *t)
{
    if (!fences)
        fences = arena_map(MAX_THREADS * sizeof *fences);
    fences[t->hb.tid] = arena_alloc(sizeof(struct fence_state));
}

void sync_atomic_load(struct ithread *t, uptr addr, int mo)
{
    struct syncobj *so = sync_find(addr);
    if (!so || !so->vc.len)
        return;
    if (mo_acquires(mo)) {
        sync_acquire(t, so);
    } else {
        struct fence_state *f = fences[t->hb.tid];
        vclock_join(&f->acq, &so->vc);
    }
}

void sync_atomic_store(struct ithread *t, uptr addr, int mo)
{
    struct fence_state *f = fences[t->hb.tid];
    if (mo_releases(mo)) {
        sync_release_store(t, sync_get(addr, SO_ATOMIC));
        return;
    }
    struct syncobj *so = f->has_rel ? sync_get(addr, SO_ATOMIC) : sync_find(addr);
    if (!so)
        return;
    if (f->has_rel) {
        /* a relaxed store after a release fence publishes the fence's clock */
        vclock_copy(&so->vc, &f->rel);
        so->vc_single = true;
        so->head = t->hb.tid;
    } else if (so->head != t->hb.tid) {
        vclock_clear(&so->vc); /* another thread's relaxed store ends the release sequence */
        so->head = TID_NONE;
    }
}

void sync_atomic_rmw(struct ithread *t, uptr addr, int mo)
{
    struct fence_state *f = fences[t->hb.tid];
    struct syncobj *so = sync_get(addr, SO_ATOMIC);
    if (mo_acquires(mo))
        sync_acquire(t, so);
    else if (so->vc.len)
        vclock_join(&f->acq, &so->vc);
    if (mo_releases(mo)) {
        sync_release(t, so); /* an RMW continues the release sequence: join */
    } else if (f->has_rel) {
        vclock_join(&so->vc, &f->rel);
        so->vc_single = false;
    }
}

void sync_fence(struct ithread *t, int mo)
{
    struct fence_state *f = fences[t->hb.tid];
    if (mo_acquires(mo) && f->acq.len) {
        vclock_join(&t->hb.vc, &f->acq);
        vclock_clear(&f->acq);
    }
    if (mo_releases(mo)) {
        vclock_copy(&f->rel, &t->hb.vc);
        f->has_rel = true;
        hb_tick(&t->hb);
    }
}
