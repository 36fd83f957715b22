/* The slots of REAL() (real.h): one section, walked by real_resolve_all. */
#include "rt/icpt/real.h"

extern struct real_slot __start_ilv_real[], __stop_ilv_real[];

void *real_resolve(struct real_slot *s)
{
    void *fn = s->version ? os_real_versioned(s->name, s->version) : os_real(s->name);
    __atomic_store_n(&s->fn, fn, __ATOMIC_RELAXED);
    if (!fn)
        __atomic_store_n(&s->absent, true, __ATOMIC_RELAXED);
    return fn;
}

static __thread bool resolving;

void *real_resolve_or_null(struct real_slot *s)
{
    if (resolving)
        return NULL;
    resolving = true;
    void *fn = real_resolve(s);
    resolving = false;
    return fn;
}

void real_resolve_all(void)
{
    for (struct real_slot *s = __start_ilv_real; s < __stop_ilv_real; s++)
        if (!s->fn && !s->absent)
            real_resolve(s);
}
