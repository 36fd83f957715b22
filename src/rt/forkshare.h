/* Makes the fork server's code and constants anonymous memory so that fork()
 * hands them to every child with its page tables (src/rt/forkshare.c). */
#ifndef ILV_RT_FORKSHARE_H
#define ILV_RT_FORKSHARE_H

#include "base/types.h"

/* Replaces each read-only private file mapping of the process by an anonymous
 * copy at the same address. Once, in the server, before the first fork. */
void forkshare_code(void);

#endif
