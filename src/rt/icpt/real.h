/* The real libc functions behind our interposers, resolved with
 * dlsym(RTLD_NEXT). Each REAL(name) has a slot in the section ilv_real: it
 * resolves itself on first use (an interposer called before start-up still
 * works), and real_resolve_all() resolves every slot at once, which the fork
 * server does before its first fork so that no execution looks a symbol up
 * (or writes a slot, a page it would have to copy). Interposers are the only
 * callers of REAL(). */
#ifndef ILV_RT_ICPT_REAL_H
#define ILV_RT_ICPT_REAL_H

#include "os/os.h"

struct real_slot {
    const char *name;
    const char *version; /* NULL: the default version */
    void *fn;
    bool absent; /* looked up and not found (no libstdc++.so): not looked up again */
};

void *real_resolve(struct real_slot *s);
/* real_resolve, or NULL (the slot left unresolved) when this thread is already
 * inside it: dlsym itself may copy memory or measure a string, and the
 * interposers of those names (memfn.c, string.c) then take the fallback of
 * REAL_OR, base/mem.h's functions, rather than recurse. */
void *real_resolve_or_null(struct real_slot *s);
void real_resolve_all(void);

#define REAL_SLOT(name, ver, resolve)                                                              \
    ({                                                                                             \
        static struct real_slot slot_##name                                                        \
            __attribute__((section("ilv_real"), aligned(8), used)) = {#name, ver, NULL, false};    \
        void *fn_ = __atomic_load_n(&slot_##name.fn, __ATOMIC_RELAXED);                            \
        (__typeof__(&name))(LIKELY(fn_) ? fn_                                                      \
                            : __atomic_load_n(&slot_##name.absent, __ATOMIC_RELAXED)               \
                                ? NULL                                                             \
                                : resolve(&slot_##name));                                          \
    })

#define REAL(name) REAL_SLOT(name, NULL, real_resolve)
#define REAL_V(name, version) REAL_SLOT(name, version, real_resolve)
/* REAL(name), or `fallback` (a function of the same type) while the real one
 * is being looked up or is absent. */
#define REAL_OR(name, fallback)                                                                    \
    ({                                                                                             \
        __typeof__(&name) real_ = REAL_SLOT(name, NULL, real_resolve_or_null);                     \
        LIKELY(real_ != NULL) ? real_ : (fallback);                                                \
    })

#endif
