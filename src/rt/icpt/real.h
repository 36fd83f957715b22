/* The real libc functions behind our interposers, resolved once with
 * dlsym(RTLD_NEXT) (REAL(name) resolves lazily on first use, so an
 * interposer called before start-up still works). Interposers are the only
 * callers of REAL(). */
#ifndef ILV_RT_ICPT_REAL_H
#define ILV_RT_ICPT_REAL_H

#include "os/os.h"

#define REAL(name)                                                                                 \
    ({                                                                                             \
        static __typeof__(&name) real_##name;                                                      \
        if (UNLIKELY(!real_##name))                                                                \
            real_##name = (__typeof__(&name))os_real(#name);                                       \
        real_##name;                                                                               \
    })

#define REAL_V(name, version)                                                                      \
    ({                                                                                             \
        static __typeof__(&name) real_##name;                                                      \
        if (UNLIKELY(!real_##name))                                                                \
            real_##name = (__typeof__(&name))os_real_versioned(#name, version);                    \
        real_##name;                                                                               \
    })

#endif
