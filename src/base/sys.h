/* How base reaches the system. In the runtime (INTERLEAVE_RUNTIME) libc's
 * write, syscall, _exit and signal are our own interposers (rt/icpt,
 * rt/core.c): base takes os/'s raw system calls there, its one way out of
 * the leaf. Everywhere else (the driver, the unit tests): libc. Private to
 * the files of base. */
#ifndef ILV_BASE_SYS_H
#define ILV_BASE_SYS_H

#ifdef INTERLEAVE_RUNTIME
#include "os/os.h"
#define sys_write os_write
#define sys_abort os_abort
#else
#include <stdlib.h>
#include <unistd.h>
#define sys_write write
#define sys_abort abort
#endif

#endif
