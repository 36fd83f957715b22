/* memcpy, memmove and memset: the compiler calls them (struct copies,
 * zeroing) instead of instrumenting the bytes, so they are range accesses.
 * The runtime itself never calls them (base/mem.h; checked by
 * scripts/check_runtime_symbols.sh). */
#define _GNU_SOURCE
#include "base/mem.h"
#include "rt/icpt/range.h"
#include "rt/icpt/real.h"
#include "rt/rt.h"

#include <string.h>

/* The real ones are IFUNCs: dlsym returns the implementation selected for this
 * processor. While dlsym runs (it may copy memory itself), base/mem.h's. */
void *rt_memcpy(void *d, const void *s, size_t n, uptr pc)
{
    ranges(s, d, n, pc);
    return REAL_OR(memcpy, mem_copy)(d, s, n);
}

void *rt_memmove(void *d, const void *s, size_t n, uptr pc)
{
    ranges(s, d, n, pc);
    return REAL_OR(memmove, mem_move)(d, s, n);
}

void *rt_memset(void *d, int c, size_t n, uptr pc)
{
    ranges(NULL, d, n, pc);
    return REAL_OR(memset, mem_set)(d, c, n);
}

EXPORT void *memcpy(void *d, const void *s, size_t n)
{
    return rt_memcpy(d, s, n, OS_CALLER_PC());
}

EXPORT void *memmove(void *d, const void *s, size_t n)
{
    return rt_memmove(d, s, n, OS_CALLER_PC());
}

EXPORT void *memset(void *d, int c, size_t n)
{
    return rt_memset(d, c, n, OS_CALLER_PC());
}

EXPORT void *__tsan_memcpy(void *d, const void *s, size_t n)
{
    return rt_memcpy(d, s, n, OS_CALLER_PC());
}

EXPORT void *__tsan_memmove(void *d, const void *s, size_t n)
{
    return rt_memmove(d, s, n, OS_CALLER_PC());
}

EXPORT void *__tsan_memset(void *d, int c, size_t n)
{
    return rt_memset(d, c, n, OS_CALLER_PC());
}
