/* The plain-access part of the -fsanitize=thread ABI (gcc 12, clang 14):
 * one-line translations into rt_mem. The return address of the hook is the
 * access's PC. */
#include "rt/rt.h"

#define PC OS_CALLER_PC()
#include "os/os.h"

#define ACCESS_HOOKS(N)                                                                            \
    EXPORT void __tsan_read##N(void *a)                                                            \
    {                                                                                              \
        rt_mem((uptr)a, N, false, PC);                                                             \
    }                                                                                              \
    EXPORT void __tsan_write##N(void *a)                                                           \
    {                                                                                              \
        rt_mem((uptr)a, N, true, PC);                                                              \
    }                                                                                              \
    EXPORT void __tsan_unaligned_read##N(void *a)                                                  \
    {                                                                                              \
        rt_mem((uptr)a, N, false, PC);                                                             \
    }                                                                                              \
    EXPORT void __tsan_unaligned_write##N(void *a)                                                 \
    {                                                                                              \
        rt_mem((uptr)a, N, true, PC);                                                              \
    }                                                                                              \
    EXPORT void __tsan_volatile_read##N(void *a)                                                   \
    {                                                                                              \
        rt_mem((uptr)a, N, false, PC);                                                             \
    }                                                                                              \
    EXPORT void __tsan_volatile_write##N(void *a)                                                  \
    {                                                                                              \
        rt_mem((uptr)a, N, true, PC);                                                              \
    }                                                                                              \
    EXPORT void __tsan_unaligned_volatile_read##N(void *a)                                         \
    {                                                                                              \
        rt_mem((uptr)a, N, false, PC);                                                             \
    }                                                                                              \
    EXPORT void __tsan_unaligned_volatile_write##N(void *a)                                        \
    {                                                                                              \
        rt_mem((uptr)a, N, true, PC);                                                              \
    }                                                                                              \
    EXPORT void __tsan_read##N##_pc(void *a, void *pc)                                             \
    {                                                                                              \
        rt_mem((uptr)a, N, false, (uptr)pc);                                                       \
    }                                                                                              \
    EXPORT void __tsan_write##N##_pc(void *a, void *pc)                                            \
    {                                                                                              \
        rt_mem((uptr)a, N, true, (uptr)pc);                                                        \
    }                                                                                              \
    /* compound read-modify-write (x += 1) when the compiler reports it once */                    \
    EXPORT void __tsan_read_write##N(void *a)                                                      \
    {                                                                                              \
        uptr pc = PC;                                                                              \
        rt_mem((uptr)a, N, false, pc);                                                             \
        rt_mem((uptr)a, N, true, pc);                                                              \
    }                                                                                              \
    EXPORT void __tsan_unaligned_read_write##N(void *a)                                            \
    {                                                                                              \
        uptr pc = PC;                                                                              \
        rt_mem((uptr)a, N, false, pc);                                                             \
        rt_mem((uptr)a, N, true, pc);                                                              \
    }

ACCESS_HOOKS(1)
ACCESS_HOOKS(2)
ACCESS_HOOKS(4)
ACCESS_HOOKS(8)

/* 16-byte accesses are checked as a range (two granules). */
ACCESS_HOOKS(16)

EXPORT void __tsan_read_range(void *a, unsigned long size)
{
    rt_mem((uptr)a, (u32)size, false, PC);
}

EXPORT void __tsan_write_range(void *a, unsigned long size)
{
    rt_mem((uptr)a, (u32)size, true, PC);
}

EXPORT void __tsan_read_range_pc(void *a, unsigned long size, void *pc)
{
    rt_mem((uptr)a, (u32)size, false, (uptr)pc);
}

EXPORT void __tsan_write_range_pc(void *a, unsigned long size, void *pc)
{
    rt_mem((uptr)a, (u32)size, true, (uptr)pc);
}

/* C++ virtual-table pointer hooks: never emitted for C, harmless to define. */
EXPORT void __tsan_vptr_update(void **vptr, void *val)
{
    (void)val;
    rt_mem((uptr)vptr, sizeof(void *), true, PC);
}

EXPORT void __tsan_vptr_read(void **vptr)
{
    rt_mem((uptr)vptr, sizeof(void *), false, PC);
}
