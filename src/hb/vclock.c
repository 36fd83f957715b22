#include "hb/vclock.h"

#include "base/arena.h"
#include "base/mem.h"

static void grow(struct vclock *v, u32 need)
{
    if (need <= v->cap)
        return;
    u32 cap = v->cap ? v->cap : 8;
    while (cap < need)
        cap *= 2;
    u64 *c = arena_alloc(cap * sizeof(u64));
    if (v->len)
        mem_copy(c, v->c, v->len * sizeof(u64));
    if (v->cap)
        arena_free(v->c, v->cap * sizeof(u64));
    v->c = c;
    v->cap = cap;
}

void vclock_set(struct vclock *v, tid_t t, u64 value)
{
    if (t >= v->len) {
        grow(v, t + 1);
        mem_set(v->c + v->len, 0, (t + 1 - v->len) * sizeof(u64));
        v->len = t + 1;
    }
    v->c[t] = value;
}

void vclock_join(struct vclock *v, const struct vclock *o)
{
    if (o->len > v->len) {
        grow(v, o->len);
        mem_set(v->c + v->len, 0, (o->len - v->len) * sizeof(u64));
        v->len = o->len;
    }
    for (u32 i = 0; i < o->len; i++)
        if (o->c[i] > v->c[i])
            v->c[i] = o->c[i];
}

void vclock_copy(struct vclock *v, const struct vclock *o)
{
    grow(v, o->len);
    if (o->len)
        mem_copy(v->c, o->c, o->len * sizeof(u64));
    v->len = o->len;
}

bool vclock_leq(const struct vclock *a, const struct vclock *b)
{
    for (u32 i = 0; i < a->len; i++)
        if (a->c[i] > vclock_get(b, (tid_t)i))
            return false;
    return true;
}

void vclock_clear(struct vclock *v)
{
    v->len = 0;
}

void vclock_free(struct vclock *v)
{
    if (v->cap)
        arena_free(v->c, v->cap * sizeof(u64));
    *v = (struct vclock){0};
}
