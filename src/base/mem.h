/* The runtime's own memory and string functions. Inside the user's program
 * libc's memcpy, strlen and the rest are our interposers (rt/icpt), which
 * turn each call into a scheduling point and range accesses: the runtime,
 * the driver and the pure engines call these instead, so that a clock copy
 * is a plain loop and never an event. The compiler's implicit calls (struct
 * copies, zeroing) are renamed to mem_copy/mem_move/mem_set in the runtime's
 * objects at its link (scripts/link_runtime.sh), hence libc's signatures.
 * Pure functions of their arguments: async-signal-safe, no errno. */
#ifndef ILV_BASE_MEM_H
#define ILV_BASE_MEM_H

#include "base/types.h"

void *mem_copy(void *restrict dst, const void *restrict src, size_t n);
void *mem_move(void *dst, const void *src, size_t n); /* the ranges may overlap */
void *mem_set(void *dst, int c, size_t n);
/* <0, 0 or >0 as the first differing byte (unsigned) compares. */
int mem_cmp(const void *a, const void *b, size_t n);
/* The first byte c in [s, s+n), or NULL. */
void *mem_chr(const void *s, int c, size_t n);

size_t str_len(const char *s);
int str_cmp(const char *a, const char *b);
int str_ncmp(const char *a, const char *b, size_t n);
/* The first c in s (c may be 0: the terminator), or NULL. */
char *str_chr(const char *s, int c);
/* The first occurrence of needle in hay, or NULL; an empty needle is at hay. */
char *str_str(const char *hay, const char *needle);

#endif
