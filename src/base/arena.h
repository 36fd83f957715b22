/* Memory for the runtime: mmap-backed bump arenas that never call the
 * user's malloc. Blocks are never returned to the OS before exit; fixed-size
 * objects are recycled through per-size free lists. Not thread-safe: callers
 * hold the baton (or are single-threaded at init). */
#ifndef ILV_BASE_ARENA_H
#define ILV_BASE_ARENA_H

#include "base/types.h"

/* Returns zeroed memory of `size` bytes aligned to 16; aborts when the OS
 * refuses memory (the runtime cannot continue without it). */
void *arena_alloc(size_t size);
/* Returns a block from arena_alloc of the same size class for reuse. */
void arena_free(void *p, size_t size);
/* Large zeroed page-aligned block of a reserved range (else straight from the OS),
 * MAP_NORESERVE; may be given back with munmap; aborts on failure. Thread-safe. */
void *arena_map(size_t size);
u64 arena_bytes_in_use(void);

#endif
