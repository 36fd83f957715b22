/* The heap as the runtime sees it: blocks allocated by interposers other
 * than the malloc family itself (strdup, strndup) are recorded the same way.
 * Never schedules. */
#ifndef ILV_RT_ICPT_ALLOC_H
#define ILV_RT_ICPT_ALLOC_H

#include "base/types.h"

/* Records a new block [p, p+n) allocated at pc: clears its shadow and keeps
 * its allocation site for reports. No-op for p == NULL or inside the runtime.
 * Must be called outside the runtime (it enters it). */
void alloc_record(void *p, size_t n, uptr pc);

/* Forgets the block at p as free() does, freed at pc: a write to all of it
 * (a free racing with a use is a race), then its shadow and sync objects are
 * gone. No-op for p == NULL, unknown blocks or inside the runtime. The caller
 * then gives the memory back itself. */
void alloc_forget(void *p, uptr pc);

#endif
