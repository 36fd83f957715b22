/* Word-at-a-time loops. This file is compiled with -fno-builtin
 * (CMakeLists.txt): otherwise gcc and clang recognize the loops as the
 * idioms they are and emit calls to memcpy/memset, our own interposers. */
#include "base/mem.h"

/* A u64 that may sit at any address (the loads and stores of one word). */
typedef u64 __attribute__((may_alias, aligned(1))) uword;

/* Forwards: also right for an overlap with dst before src, as every word is
 * read before the store that could overwrite it. */
static void *forwards(void *dst, const void *src, size_t n)
{
    u8 *d = dst;
    const u8 *s = src;
    for (; n >= 32; n -= 32, d += 32, s += 32) {
        u64 w0 = ((const uword *)s)[0], w1 = ((const uword *)s)[1];
        u64 w2 = ((const uword *)s)[2], w3 = ((const uword *)s)[3];
        ((uword *)d)[0] = w0;
        ((uword *)d)[1] = w1;
        ((uword *)d)[2] = w2;
        ((uword *)d)[3] = w3;
    }
    for (; n >= 8; n -= 8, d += 8, s += 8)
        *(uword *)d = *(const uword *)s;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *mem_copy(void *restrict dst, const void *restrict src, size_t n)
{
    return forwards(dst, src, n);
}

void *mem_move(void *dst, const void *src, size_t n)
{
    u8 *d = dst;
    const u8 *s = src;
    if ((uptr)d - (uptr)s >= n) /* d before s, or no overlap: forwards is safe */
        return forwards(dst, src, n);
    /* d inside (s, s+n): backwards, a word at a time, each word read before written */
    for (; n >= 8; n -= 8)
        *(uword *)(d + n - 8) = *(const uword *)(s + n - 8);
    while (n--)
        d[n] = s[n];
    return dst;
}

void *mem_set(void *dst, int c, size_t n)
{
    u8 *d = dst;
    u64 w = 0x0101010101010101ull * (u8)c;
    for (; n >= 32; n -= 32, d += 32) {
        ((uword *)d)[0] = w;
        ((uword *)d)[1] = w;
        ((uword *)d)[2] = w;
        ((uword *)d)[3] = w;
    }
    for (; n >= 8; n -= 8, d += 8)
        *(uword *)d = w;
    while (n--)
        *d++ = (u8)c;
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
