/* The string and memory functions of libc that read or write user memory
 * (memcpy, memmove and memset are in memfn.c). The compiler instruments none
 * of their bytes, so each call is one scheduling point followed by range
 * accesses: the extent is computed first (with the real functions, or a scan
 * for the comparisons), recorded, and then the real function runs. The
 * extents follow ThreadSanitizer's interceptors: a search reads up to the
 * byte where it stopped, a comparison up to the first difference (memcmp and
 * bcmp: all n bytes), a copy reads the source string with its terminator and
 * writes as many bytes.
 *
 * The real functions are IFUNCs; dlsym(RTLD_NEXT) returns the selected
 * implementation (REAL(), real.h). While dlsym runs (in case it needs one of
 * these itself), base/mem.h's functions stand in. strdup and strndup allocate with the
 * real malloc and record the block like the malloc interposer does. */
#define _GNU_SOURCE
#include "base/mem.h"
#include "os/os.h"
#include "rt/icpt/alloc.h"
#include "rt/icpt/range.h"
#include "rt/icpt/real.h"
#include "rt/rt.h"

#include <string.h>
#include <strings.h>

extern void *__libc_malloc(size_t n);

/* ---- stand-ins while dlsym runs --------------------------------------- */

/* dlsym may itself call one of these: REAL_OR then gives base/mem.h's
 * function of the same name, or one of these, built from them. */
static size_t fb_strnlen(const char *s, size_t max)
{
    const char *z = mem_chr(s, 0, max);
    return z ? (size_t)(z - s) : max;
}

static char *fb_stpcpy(char *d, const char *s)
{
    size_t n = str_len(s);
    mem_copy(d, s, n + 1);
    return d + n;
}

static char *fb_strcpy(char *d, const char *s)
{
    fb_stpcpy(d, s);
    return d;
}

static char *fb_strncpy(char *d, const char *s, size_t n)
{
    size_t l = fb_strnlen(s, n);
    mem_copy(d, s, l);
    mem_set(d + l, 0, n - l);
    return d;
}

static char *fb_strcat(char *d, const char *s)
{
    fb_stpcpy(d + str_len(d), s);
    return d;
}

static char *fb_strncat(char *d, const char *s, size_t n)
{
    size_t dl = str_len(d), l = fb_strnlen(s, n);
    mem_copy(d + dl, s, l);
    d[dl + l] = 0;
    return d;
}

static void *fb_memrchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = n; i-- > 0;)
        if (p[i] == (unsigned char)c)
            return (void *)(uptr)(p + i);
    return NULL;
}

static char *fb_strrchr(const char *s, int c)
{
    return fb_memrchr(s, c, str_len(s) + 1);
}

static void fb_bzero(void *d, size_t n)
{
    mem_set(d, 0, n);
}

/* The real function, or its stand-in above (fb_NAME). */
#define REAL_S(name) REAL_OR(name, fb_##name)
#define fb_strlen str_len
#define fb_memchr mem_chr
#define fb_strchr str_chr
#define fb_strstr str_str
#define fb_strcmp str_cmp
#define fb_strncmp str_ncmp
#define fb_memcmp mem_cmp
#define fb_bcmp mem_cmp
#define fb_memcpy mem_copy
#define fb_explicit_bzero fb_bzero

/* ---- extents ----------------------------------------------------------- */

/* Bytes a comparison of at most n bytes reads from each side: up to and
 * including the first difference or terminator. */
static size_t cmp_extent(const char *a, const char *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    size_t i = 0;
    while (i < n && x[i] == y[i] && x[i])
        i++;
    return i < n ? i + 1 : n;
}

/* ---- lengths and searches ---------------------------------------------- */

EXPORT size_t strlen(const char *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strlen)(s);
    sched_point(t);
    size_t n = REAL_S(strlen)(s);
    range_read(t, s, n + 1, OS_CALLER_PC());
    rt_leave(t);
    return n;
}

EXPORT size_t strnlen(const char *s, size_t max)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strnlen)(s, max);
    sched_point(t);
    size_t n = REAL_S(strnlen)(s, max);
    range_read(t, s, n < max ? n + 1 : max, OS_CALLER_PC());
    rt_leave(t);
    return n;
}

EXPORT void *memchr(const void *s, int c, size_t n)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(memchr)(s, c, n);
    sched_point(t);
    void *r = REAL_S(memchr)(s, c, n);
    range_read(t, s, r ? (size_t)((const char *)r - (const char *)s) + 1 : n, OS_CALLER_PC());
    rt_leave(t);
    return r;
}

EXPORT void *memrchr(const void *s, int c, size_t n)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(memrchr)(s, c, n);
    sched_point(t);
    void *r = REAL_S(memrchr)(s, c, n);
    range_read(t, s, n, OS_CALLER_PC());
    rt_leave(t);
    return r;
}

EXPORT char *strchr(const char *s, int c)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strchr)(s, c);
    sched_point(t);
    char *r = REAL_S(strchr)(s, c);
    range_read(t, s, r ? (size_t)(r - s) + 1 : REAL_S(strlen)(s) + 1, OS_CALLER_PC());
    rt_leave(t);
    return r;
}

EXPORT char *strrchr(const char *s, int c)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strrchr)(s, c);
    sched_point(t);
    char *r = REAL_S(strrchr)(s, c);
    range_read(t, s, REAL_S(strlen)(s) + 1, OS_CALLER_PC());
    rt_leave(t);
    return r;
}

EXPORT char *strstr(const char *h, const char *n)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strstr)(h, n);
    sched_point(t);
    char *r = REAL_S(strstr)(h, n);
    size_t nl = REAL_S(strlen)(n);
    uptr pc = OS_CALLER_PC();
    range_read(t, h, r ? (size_t)(r - h) + nl : REAL_S(strlen)(h) + 1, pc);
    range_read(t, n, nl + 1, pc);
    rt_leave(t);
    return r;
}

/* ---- comparisons ------------------------------------------------------- */

EXPORT int strcmp(const char *a, const char *b)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strcmp)(a, b);
    sched_point(t);
    size_t n = cmp_extent(a, b, (size_t)-1);
    uptr pc = OS_CALLER_PC();
    range_read(t, a, n, pc);
    range_read(t, b, n, pc);
    int r = REAL_S(strcmp)(a, b);
    rt_leave(t);
    return r;
}

EXPORT int strncmp(const char *a, const char *b, size_t max)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strncmp)(a, b, max);
    sched_point(t);
    size_t n = cmp_extent(a, b, max);
    uptr pc = OS_CALLER_PC();
    range_read(t, a, n, pc);
    range_read(t, b, n, pc);
    int r = REAL_S(strncmp)(a, b, max);
    rt_leave(t);
    return r;
}

EXPORT int memcmp(const void *a, const void *b, size_t n)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(memcmp)(a, b, n);
    sched_point(t);
    uptr pc = OS_CALLER_PC();
    range_read(t, a, n, pc);
    range_read(t, b, n, pc);
    int r = REAL_S(memcmp)(a, b, n);
    rt_leave(t);
    return r;
}

EXPORT int bcmp(const void *a, const void *b, size_t n)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(bcmp)(a, b, n);
    sched_point(t);
    uptr pc = OS_CALLER_PC();
    range_read(t, a, n, pc);
    range_read(t, b, n, pc);
    int r = REAL_S(bcmp)(a, b, n);
    rt_leave(t);
    return r;
}

/* ---- copies ------------------------------------------------------------ */

EXPORT char *strcpy(char *d, const char *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strcpy)(d, s);
    sched_point(t);
    size_t n = REAL_S(strlen)(s) + 1;
    uptr pc = OS_CALLER_PC();
    range_read(t, s, n, pc);
    range_write(t, d, n, pc);
    char *r = REAL_S(strcpy)(d, s);
    rt_leave(t);
    return r;
}

EXPORT char *stpcpy(char *d, const char *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(stpcpy)(d, s);
    sched_point(t);
    size_t n = REAL_S(strlen)(s) + 1;
    uptr pc = OS_CALLER_PC();
    range_read(t, s, n, pc);
    range_write(t, d, n, pc);
    char *r = REAL_S(stpcpy)(d, s);
    rt_leave(t);
    return r;
}

EXPORT char *strncpy(char *d, const char *s, size_t n)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strncpy)(d, s, n);
    sched_point(t);
    size_t l = REAL_S(strnlen)(s, n);
    uptr pc = OS_CALLER_PC();
    range_read(t, s, l < n ? l + 1 : n, pc);
    range_write(t, d, n, pc);
    char *r = REAL_S(strncpy)(d, s, n);
    rt_leave(t);
    return r;
}

EXPORT char *strcat(char *d, const char *s)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strcat)(d, s);
    sched_point(t);
    size_t dl = REAL_S(strlen)(d), sl = REAL_S(strlen)(s);
    uptr pc = OS_CALLER_PC();
    range_read(t, d, dl, pc);
    range_read(t, s, sl + 1, pc);
    range_write(t, d + dl, sl + 1, pc);
    char *r = REAL_S(strcat)(d, s);
    rt_leave(t);
    return r;
}

EXPORT char *strncat(char *d, const char *s, size_t n)
{
    struct ithread *t = rt_enter();
    if (!t)
        return REAL_S(strncat)(d, s, n);
    sched_point(t);
    size_t dl = REAL_S(strlen)(d), sl = REAL_S(strnlen)(s, n);
    uptr pc = OS_CALLER_PC();
    range_read(t, d, dl, pc);
    range_read(t, s, sl < n ? sl + 1 : n, pc);
    range_write(t, d + dl, sl + 1, pc);
    char *r = REAL_S(strncat)(d, s, n);
    rt_leave(t);
    return r;
}

/* A copy of n bytes of s and a terminator in a new block, recorded as the
 * caller's allocation and written by the caller. */
static char *dup_block(const char *s, size_t n, uptr pc)
{
    char *p = __libc_malloc(n + 1);
    if (!p)
        return NULL; /* errno is ENOMEM */
    alloc_record(p, n + 1, pc);
    struct ithread *t = rt_enter();
    if (t) {
        range_write(t, p, n + 1, pc);
        rt_leave(t);
    }
    REAL_S(memcpy)(p, s, n);
    p[n] = 0;
    return p;
}

EXPORT char *strdup(const char *s)
{
    uptr pc = OS_CALLER_PC();
    struct ithread *t = rt_enter();
    if (!t)
        return dup_block(s, REAL_S(strlen)(s), pc);
    sched_point(t);
    size_t n = REAL_S(strlen)(s);
    range_read(t, s, n + 1, pc);
    rt_leave(t);
    return dup_block(s, n, pc);
}

EXPORT char *strndup(const char *s, size_t max)
{
    uptr pc = OS_CALLER_PC();
    struct ithread *t = rt_enter();
    if (!t)
        return dup_block(s, REAL_S(strnlen)(s, max), pc);
    sched_point(t);
    size_t n = REAL_S(strnlen)(s, max);
    range_read(t, s, n < max ? n + 1 : max, pc);
    rt_leave(t);
    return dup_block(s, n, pc);
}

/* ---- fills ------------------------------------------------------------- */

EXPORT void bzero(void *d, size_t n)
{
    struct ithread *t = rt_enter();
    if (!t) {
        REAL_S(bzero)(d, n);
        return;
    }
    sched_point(t);
    range_write(t, d, n, OS_CALLER_PC());
    REAL_S(bzero)(d, n);
    rt_leave(t);
}

EXPORT void explicit_bzero(void *d, size_t n)
{
    struct ithread *t = rt_enter();
    if (!t) {
        REAL_S(explicit_bzero)(d, n);
        return;
    }
    sched_point(t);
    range_write(t, d, n, OS_CALLER_PC());
    REAL_S(explicit_bzero)(d, n);
    rt_leave(t);
}
