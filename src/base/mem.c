/* Word-at-a-time loops. This file is compiled with -fno-builtin
 * (CMakeLists.txt): otherwise gcc and clang recognize the loops as the
 * idioms they are and emit calls to memcpy/memset, our own interposers. */
#include "base/mem.h"

/* A u64 that may sit at any address (the loads and stores of one word). */
typedef u64 __attribute__((may_alias, aligned(1))) uword;

static ALWAYS_INLINE u64 load8(const u8 *p)
{
    return *(const uword *)p;
}

static ALWAYS_INLINE void store8(u8 *p, u64 v)
{
    *(uword *)p = v;
}

/* 16 bytes at any address: one vector register (SSE2, NEON). */
typedef u64 __attribute__((vector_size(16), may_alias, aligned(1))) chunk;

static ALWAYS_INLINE void copy64(u8 *d, const u8 *s)
{
    chunk a = *(const chunk *)s, b = *(const chunk *)(s + 16);
    chunk c = *(const chunk *)(s + 32), e = *(const chunk *)(s + 48);
    *(chunk *)d = a;
    *(chunk *)(d + 16) = b;
    *(chunk *)(d + 32) = c;
    *(chunk *)(d + 48) = e;
}

/* Copies of up to 64 bytes, the usual ones (the vector clock of a few
 * threads), take no loop: the first and the last chunks, overlapping in the
 * middle. Longer ones: 64 bytes at a time, the last 64 ending at the end. */
void *mem_copy(void *restrict dst, const void *restrict src, size_t n)
{
    u8 *d = dst;
    const u8 *s = src;
    if (n < 8) {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    } else if (n <= 16) {
        u64 a = load8(s), b = load8(s + n - 8);
        store8(d, a);
        store8(d + n - 8, b);
    } else if (n <= 32) {
        chunk a = *(const chunk *)s, b = *(const chunk *)(s + n - 16);
        *(chunk *)d = a;
        *(chunk *)(d + n - 16) = b;
    } else if (n <= 64) { /* 32 from the front, 32 from the back */
        chunk a = *(const chunk *)s, b = *(const chunk *)(s + 16);
        chunk c = *(const chunk *)(s + n - 32), e = *(const chunk *)(s + n - 16);
        *(chunk *)d = a;
        *(chunk *)(d + 16) = b;
        *(chunk *)(d + n - 32) = c;
        *(chunk *)(d + n - 16) = e;
    } else {
        u8 *end = d + n;
        const u8 *send = s + n;
        for (; n > 64; n -= 64, d += 64, s += 64)
            copy64(d, s);
        copy64(end - 64, send - 64); /* the last 64, some of them again */
    }
    return dst;
}

void *mem_move(void *dst, const void *src, size_t n)
{
    u8 *d = dst;
    const u8 *s = src;
    if ((uptr)d - (uptr)s >= n) {
        /* d before s (or apart): forwards, each word read before the store
         * that could overwrite it */
        for (; n >= 8; n -= 8, d += 8, s += 8)
            store8(d, load8(s));
        while (n--)
            *d++ = *s++;
        return dst;
    }
    /* d inside (s, s+n): backwards */
    for (; n >= 8; n -= 8)
        store8(d + n - 8, load8(s + n - 8));
    while (n--)
        d[n] = s[n];
    return dst;
}

void *mem_set(void *dst, int c, size_t n)
{
    u8 *d = dst;
    u64 w = 0x0101010101010101ull * (u8)c;
    if (n < 8) {
        while (n--)
            *d++ = (u8)c;
        return dst;
    }
    for (; n > 32; n -= 32, d += 32) {
        store8(d, w);
        store8(d + 8, w);
        store8(d + 16, w);
        store8(d + 24, w);
    }
    for (; n > 8; n -= 8, d += 8)
        store8(d, w);
    store8(d + n - 8, w); /* the last 1..8 bytes: a word ending at the end */
    return dst;
}

int mem_cmp(const void *a, const void *b, size_t n)
{
    const u8 *x = a, *y = b;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        if (*(const uword *)(x + i) != *(const uword *)(y + i))
            break; /* the bytes of this word decide */
    for (; i < n; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

void *mem_chr(const void *s, int c, size_t n)
{
    const u8 *p = s;
    for (size_t i = 0; i < n; i++)
        if (p[i] == (u8)c)
            return (void *)(uptr)(p + i);
    return NULL;
}

size_t str_len(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int str_ncmp(const char *a, const char *b, size_t n)
{
    const u8 *x = (const u8 *)a, *y = (const u8 *)b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
        if (!x[i])
            return 0;
    }
    return 0;
}

int str_cmp(const char *a, const char *b)
{
    return str_ncmp(a, b, (size_t)-1);
}

char *str_chr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)(uptr)s;
        if (!*s)
            return NULL;
    }
}

char *str_str(const char *hay, const char *needle)
{
    size_t nl = str_len(needle);
    if (!nl)
        return (char *)(uptr)hay;
    for (; *hay; hay++)
        if (*hay == *needle && str_ncmp(hay, needle, nl) == 0)
            return (char *)(uptr)hay;
    return NULL;
}
