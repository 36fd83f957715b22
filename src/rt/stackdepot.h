/* The stack depot: call stacks interned once and named by a 32-bit id, so
 * that every recorded event can say where it came from for the price of an
 * id (the stack of an earlier access in a report comes from here). Ids start
 * at 1; 0 means no stack. Mutated by the baton holder only. */
#ifndef ILV_RT_STACKDEPOT_H
#define ILV_RT_STACKDEPOT_H

#include "base/types.h"

/* Interns the n return addresses pcs (innermost first); returns its id. */
u32 stackdepot_put(const uptr *pcs, u32 n);
/* The frames of id (innermost first) through *pcs; returns their number. */
u32 stackdepot_get(u32 id, const uptr **pcs);

#endif
