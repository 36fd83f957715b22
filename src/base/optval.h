/* optval: the values of `key=value` options as both sides read them: the runtime
 * (INTERLEAVE_OPTIONS, src/rt/options.c) and the driver (its flags and its check of
 * INTERLEAVE_OPTIONS, src/cli/args.c), so that both accept and refuse the same words.
 * Pure, async-signal-safe, no locale: the runtime calls it before main. */
#ifndef ILV_BASE_OPTVAL_H
#define ILV_BASE_OPTVAL_H

#include "base/types.h"

/* s[0..n): decimal digits only (no sign, no blank), no overflow, within [min, max]. */
static inline bool optval_number(const char *s, size_t n, u64 min, u64 max, u64 *out)
{
    u64 v = 0;
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        u64 d = (u64)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (v < min || v > max)
        return false;
    *out = v;
    return true;
}

static inline bool optval_is(const char *s, size_t n, const char *word)
{
    size_t k = 0;
    while (k < n && word[k] && s[k] == word[k])
        k++;
    return k == n && word[k] == '\0';
}

/* s[0..n): 1/true/yes or 0/false/no. */
static inline bool optval_flag(const char *s, size_t n, bool *out)
{
    if (optval_is(s, n, "1") || optval_is(s, n, "true") || optval_is(s, n, "yes"))
        *out = true;
    else if (optval_is(s, n, "0") || optval_is(s, n, "false") || optval_is(s, n, "no"))
        *out = false;
    else
        return false;
    return true;
}

/* The longest value of a str option, and its slot with the NUL. */
#define OPTVAL_STR_MAX 64

#endif
