/* Always-on invariant checks for our own code: a broken invariant prints
 * file:line and the condition on stderr with a raw write, then aborts.
 * Safe in signal handlers and inside the runtime (no stdio, no malloc). */
#ifndef ILV_BASE_CHECK_H
#define ILV_BASE_CHECK_H

#include "base/types.h"

__attribute__((noreturn)) void check_fail(const char *file, int line, const char *cond);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (UNLIKELY(!(cond)))                                                                     \
            check_fail(__FILE__, __LINE__, #cond);                                                 \
    } while (0)

#endif
