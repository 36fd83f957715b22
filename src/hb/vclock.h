/* Vector clocks for happens-before: one logical clock per thread id.
 * A vclock grows on demand (entries past `len` are 0); storage comes from the
 * runtime arena, never from the user's malloc. Semantics follow DJIT+/FastTrack:
 * a thread's own entry is incremented after each release it performs, and
 * A happens-before B iff A's epoch (tid, clock) is <= B's clock for tid. */
#ifndef ILV_HB_VCLOCK_H
#define ILV_HB_VCLOCK_H

#include "base/types.h"

struct vclock {
    u64 *c;
    u32 len; /* entries in use: c[0..len) */
    u32 cap;
};

static inline u64 vclock_get(const struct vclock *v, tid_t t)
{
    return t < v->len ? v->c[t] : 0;
}

void vclock_set(struct vclock *v, tid_t t, u64 value);
/* v := max(v, o) entrywise. */
void vclock_join(struct vclock *v, const struct vclock *o);
/* v := o. */
void vclock_copy(struct vclock *v, const struct vclock *o);
/* true iff every entry of a is <= the entry of b (a happens-before-or-equals b). */
bool vclock_leq(const struct vclock *a, const struct vclock *b);
void vclock_clear(struct vclock *v);
void vclock_free(struct vclock *v);

#endif
