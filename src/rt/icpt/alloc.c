/* The malloc family. A new block's shadow is cleared (its memory has no
 * history), it is recorded with its allocation site for reports, and free()
 * counts as a write to the whole block, so that a free racing with a use is
 * reported. Never schedules: malloc is also called from inside libc. */
#define _GNU_SOURCE
#include "rt/icpt/alloc.h"

#include "rt/heap.h"
#include "rt/icpt/real.h"
#include "rt/rt.h"
#include "rt/sync.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);

static void on_alloc(void *p, size_t n, uptr pc)
{
    if (!p)
        return;
    struct ithread *t = rt_enter();
    if (!t)
        return;
    shadow_reset((uptr)p, n);
    heap_add((uptr)p, n, t->hb.tid, pc);
    rt_leave(t);
}

void alloc_record(void *p, size_t n, uptr pc)
{
    on_alloc(p, n, pc);
}

static void on_free(void *p, uptr pc)
{
    if (!p)
        return;
    struct ithread *t = rt_enter();
    if (!t)
        return;
    /* The write first, while the block is still known: a race it finds is
     * reported on "heap block of N bytes", with its allocation site. */
    struct hblock b;
    u64 size;
    if (heap_lookup((uptr)p, &b)) {
        if (b.size)
            hb_access(&t->hb, (uptr)p, b.size, ACC_WRITE, pc, g_seq);
        heap_remove((uptr)p, &size);
        if (b.size) {
            shadow_reset((uptr)p, b.size);
            sync_forget((uptr)p, b.size);
        }
    }
    rt_leave(t);
}

void alloc_forget(void *p, uptr pc)
{
    on_free(p, pc);
}

EXPORT void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    on_alloc(p, n, OS_CALLER_PC());
    return p;
}

EXPORT void *calloc(size_t n, size_t size)
{
    void *p = __libc_calloc(n, size);
    on_alloc(p, n * size, OS_CALLER_PC());
    return p;
}

EXPORT void *realloc(void *old, size_t n)
{
    uptr pc = OS_CALLER_PC();
    if (!old)
        return malloc(n);
    if (n == 0) {
        on_free(old, pc);
        return __libc_realloc(old, 0);
    }
    /* The old block's contents are read by the move; then it is gone. */
    struct ithread *t = tls_thread;
    void *p = __libc_realloc(old, n);
    if (!p)
        return NULL;
    if (t && !t->in_rt) {
        on_free(old, pc);
        on_alloc(p, n, pc);
    }
    return p;
}

EXPORT void *reallocarray(void *old, size_t n, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(n, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(old, total);
}

EXPORT void free(void *p)
{
    on_free(p, OS_CALLER_PC());
    __libc_free(p);
}

EXPORT void *memalign(size_t align, size_t n)
{
    void *p = __libc_memalign(align, n);
    on_alloc(p, n, OS_CALLER_PC());
    return p;
}

EXPORT void *aligned_alloc(size_t align, size_t n)
{
    void *p = __libc_memalign(align, n);
    on_alloc(p, n, OS_CALLER_PC());
    return p;
}

EXPORT int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    void *p = __libc_memalign(align, n);
    if (!p)
        return ENOMEM;
    on_alloc(p, n, OS_CALLER_PC());
    *out = p;
    return 0;
}

EXPORT void *valloc(size_t n)
{
    void *p = __libc_memalign(4096, n);
    on_alloc(p, n, OS_CALLER_PC());
    return p;
}

EXPORT void *pvalloc(size_t n)
{
    size_t r = (n + 4095) & ~(size_t)4095;
    void *p = __libc_memalign(4096, r ? r : 4096);
    on_alloc(p, r, OS_CALLER_PC());
    return p;
}
