/* Start-up and the shadow call stack of the -fsanitize=thread ABI. Function
 * entry and exit need no baton: they only touch the calling thread's own
 * stack array. */
#include "rt/rt.h"

#include "os/os.h"

EXPORT void __tsan_init(void)
{
    __atomic_fetch_add(&g_tsan_inits, 1, __ATOMIC_RELAXED);
    rt_init();
}

EXPORT void __tsan_func_entry(void *call_pc)
{
    struct ithread *t = tls_thread;
    if (UNLIKELY(!t))
        return;
    if (UNLIKELY(t->cs_depth == t->cs_cap))
        thread_cs_grow(t);
    t->cs[t->cs_depth++] = (uptr)call_pc;
    t->cs_dirty = true;
}

EXPORT void __tsan_func_exit(void)
{
    struct ithread *t = tls_thread;
    if (LIKELY(t && t->cs_depth)) {
        t->cs_depth--;
        t->cs_dirty = true;
    }
}

/* Annotations that some code calls by hand (tsan_interface.h). */
EXPORT void __tsan_ignore_thread_begin(void)
{
}

EXPORT void __tsan_ignore_thread_end(void)
{
}
