/* Fixed-width integer shorthands and the few attributes the runtime uses.
 * Leaf header: no dependencies beyond the C library's <stdint.h>. */
#ifndef ILV_BASE_TYPES_H
#define ILV_BASE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef uintptr_t uptr;

/* A thread's detector id: T0 is main, then creation order. */
typedef u32 tid_t;
#define TID_NONE ((tid_t)0xffffu)

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define HIDDEN __attribute__((visibility("hidden")))
#define EXPORT __attribute__((visibility("default")))
#define NOINLINE __attribute__((noinline))
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define COLD __attribute__((cold, noinline))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
