/* The heap-block registry: every live block from the malloc family with its
 * size and where (thread, PC) it was allocated, so that a report can say
 * "heap block of 24 bytes allocated by T0 at ...". Keyed by block start;
 * looking up the block that contains an address is a cold linear scan. */
#ifndef ILV_RT_HEAP_H
#define ILV_RT_HEAP_H

#include "base/types.h"

struct hblock {
    uptr base;
    u64 size;
    uptr pc;
    tid_t tid;
};

void heap_add(uptr base, u64 size, tid_t tid, uptr pc);
/* The live block that starts at base, copied to *out (a hashed lookup). */
bool heap_lookup(uptr base, struct hblock *out);
/* Removes the block at base; returns its size through *size (0 if unknown). */
bool heap_remove(uptr base, u64 *size);
/* The live block containing addr, copied to *out. */
bool heap_find_containing(uptr addr, struct hblock *out);

#endif
