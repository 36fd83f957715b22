/* memcpy, memmove and memset: the compiler calls them (struct copies,
 * zeroing) instead of instrumenting the bytes, so they are range accesses.
 * The runtime itself calls them too; those calls pass straight through. */
#define _GNU_SOURCE
#include "rt/icpt/range.h"
#include "rt/icpt/real.h"
#include "rt/rt.h"

#include <string.h>

typedef void *(*copy_fn)(void *, const void *, size_t);
typedef void *(*set_fn)(void *, int, size_t);
static copy_fn real_memcpy, real_memmove;
static set_fn real_memset;

/* Until dlsym has answered (it may itself copy memory): byte loops that no
 * compiler turns back into a memcpy call. */
static void *slow_move(void *d, const void *s, size_t n)
{
    volatile char *dd = d;
    const volatile char *ss = s;
    if (dd < ss)
        for (size_t i = 0; i < n; i++)
            dd[i] = ss[i];
    else
        for (size_t i = n; i-- > 0;)
            dd[i] = ss[i];
    return d;
}

static void *slow_set(void *d, int c, size_t n)
{
    volatile char *dd = d;
    for (size_t i = 0; i < n; i++)
        dd[i] = (char)c;
    return d;
}

static void resolve(void)
{
    static int busy;
    if (busy)
        return;
    busy = 1;
    copy_fn cpy = (copy_fn)os_real("memcpy");
    copy_fn mv = (copy_fn)os_real("memmove");
    set_fn st = (set_fn)os_real("memset");
    real_memmove = mv;
    real_memset = st;
    real_memcpy = cpy;
    busy = 0;
}

void *rt_memcpy(void *d, const void *s, size_t n, uptr pc)
{
    ranges(s, d, n, pc);
    if (UNLIKELY(!real_memcpy))
        resolve();
    return real_memcpy ? real_memcpy(d, s, n) : slow_move(d, s, n);
}

void *rt_memmove(void *d, const void *s, size_t n, uptr pc)
{
    ranges(s, d, n, pc);
    if (UNLIKELY(!real_memmove))
        resolve();
    return real_memmove ? real_memmove(d, s, n) : slow_move(d, s, n);
}

void *rt_memset(void *d, int c, size_t n, uptr pc)
{
    ranges(NULL, d, n, pc);
    if (UNLIKELY(!real_memset))
        resolve();
    return real_memset ? real_memset(d, c, n) : slow_set(d, c, n);
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
