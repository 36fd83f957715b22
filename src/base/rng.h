/* The runtime's one source of randomness: xoshiro256** seeded through
 * splitmix64. Deterministic for a given seed on every platform; not for
 * cryptography. All scheduling randomness must come from here. */
#ifndef ILV_BASE_RNG_H
#define ILV_BASE_RNG_H

#include "base/types.h"

struct rng {
    u64 s[4];
};

static inline u64 rng_splitmix(u64 *x)
{
    u64 z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline void rng_seed(struct rng *r, u64 seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = rng_splitmix(&seed);
}

static inline u64 rng_rotl(u64 x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline u64 rng_next(struct rng *r)
{
    u64 *s = r->s;
    u64 result = rng_rotl(s[1] * 5, 7) * 9;
    u64 t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rng_rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n), n > 0 (Lemire's multiply-shift; bias < 2^-32 for our n). */
static inline u64 rng_below(struct rng *r, u64 n)
{
    return (u64)(((unsigned __int128)rng_next(r) * n) >> 64);
}

#endif
