/* C++ operator new and delete, every replaceable form: plain, array, nothrow,
 * sized, aligned (std::align_val_t) and their combinations. Defined here so
 * that a block's allocation site is the user's `new`, not the malloc call
 * inside libstdc++: each form allocates from glibc directly and records the
 * block as the malloc family does (icpt/alloc.c), and each delete counts as a
 * write to the whole block, like free().
 *
 * Out of memory: the forms defer to libstdc++'s own operator of the same name
 * (dlsym(RTLD_NEXT)), which calls the new_handler in a loop and throws
 * std::bad_alloc, or returns NULL for nothrow; its block, if it gets one, is
 * then recorded at the user's call again. The names are the Itanium C++ ABI's
 * for LP64 (size_t is `unsigned long`, "m"). Never schedules, as malloc. */
#define _GNU_SOURCE
#include "rt/icpt/alloc.h"
#include "rt/icpt/real.h"
#include "rt/rt.h"

#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_memalign(size_t align, size_t n);
extern void __libc_free(void *p);

struct nothrow; /* std::nothrow_t, only ever by reference */

/* Out of memory without a libstdc++ to call the new_handler or throw
 * std::bad_alloc (a C program that loaded a C++ library without it). */
__attribute__((noreturn)) static void no_real_new(void)
{
    static const char msg[] = "interleave: out of memory in operator new, and no libstdc++ to "
                              "call the new_handler or throw std::bad_alloc\n";
    (void)!write(2, msg, sizeof msg - 1);
    os_syscall(SYS_exit_group, 134);
    __builtin_unreachable();
}

/* One allocating form: glibc first; on failure the real operator `name`,
 * called with the same arguments. */
#define NEW_BODY(name, alloc_expr, real_args)                                                      \
    {                                                                                              \
        uptr pc = OS_CALLER_PC();                                                                  \
        void *p = (alloc_expr);                                                                    \
        if (UNLIKELY(!p)) {                                                                        \
            __typeof__(&name) real = REAL(name);                                                   \
            if (!real)                                                                             \
                no_real_new();                                                                     \
            p = real real_args;                                                                    \
        }                                                                                          \
        alloc_record(p, n, pc);                                                                    \
        return p;                                                                                  \
    }

#define MALLOC(n) __libc_malloc((n) ? (n) : 1)
#define MEMALIGN(a, n) __libc_memalign((size_t)(a), (n) ? (n) : 1)

/* operator new(size_t), new[](size_t) */
EXPORT void *_Znwm(size_t n) NEW_BODY(_Znwm, MALLOC(n), (n));
EXPORT void *_Znam(size_t n) NEW_BODY(_Znam, MALLOC(n), (n));
/* operator new(size_t, const std::nothrow_t &), and [] */
EXPORT void *_ZnwmRKSt9nothrow_t(size_t n, const struct nothrow *nt)
    NEW_BODY(_ZnwmRKSt9nothrow_t, MALLOC(n), (n, nt));
EXPORT void *_ZnamRKSt9nothrow_t(size_t n, const struct nothrow *nt)
    NEW_BODY(_ZnamRKSt9nothrow_t, MALLOC(n), (n, nt));
/* operator new(size_t, std::align_val_t), and [] */
EXPORT void *_ZnwmSt11align_val_t(size_t n, size_t al)
    NEW_BODY(_ZnwmSt11align_val_t, MEMALIGN(al, n), (n, al));
EXPORT void *_ZnamSt11align_val_t(size_t n, size_t al)
    NEW_BODY(_ZnamSt11align_val_t, MEMALIGN(al, n), (n, al));
/* operator new(size_t, std::align_val_t, const std::nothrow_t &), and [] */
EXPORT void *_ZnwmSt11align_val_tRKSt9nothrow_t(size_t n, size_t al, const struct nothrow *nt)
    NEW_BODY(_ZnwmSt11align_val_tRKSt9nothrow_t, MEMALIGN(al, n), (n, al, nt));
EXPORT void *_ZnamSt11align_val_tRKSt9nothrow_t(size_t n, size_t al, const struct nothrow *nt)
    NEW_BODY(_ZnamSt11align_val_tRKSt9nothrow_t, MEMALIGN(al, n), (n, al, nt));

/* Every delete is free(): the size and alignment arguments only repeat what
 * the block registry knows, and glibc's free takes memalign's blocks too. */
#define DELETE_BODY                                                                                \
    {                                                                                              \
        alloc_forget(p, OS_CALLER_PC());                                                           \
        __libc_free(p);                                                                            \
    }

/* A delete with one or two arguments after the pointer, which it ignores. */
#define DELETE_WITH1(name, T1)                                                                     \
    EXPORT void name(void *p, T1 a1)                                                               \
    {                                                                                              \
        (void)a1;                                                                                  \
        DELETE_BODY;                                                                               \
    }
#define DELETE_WITH2(name, T1, T2)                                                                 \
    EXPORT void name(void *p, T1 a1, T2 a2)                                                        \
    {                                                                                              \
        (void)a1, (void)a2;                                                                        \
        DELETE_BODY;                                                                               \
    }

/* operator delete(void *) and [], then with nothrow, size, alignment */
EXPORT void _ZdlPv(void *p) DELETE_BODY;
EXPORT void _ZdaPv(void *p) DELETE_BODY;
DELETE_WITH1(_ZdlPvRKSt9nothrow_t, const struct nothrow *)
DELETE_WITH1(_ZdaPvRKSt9nothrow_t, const struct nothrow *)
DELETE_WITH1(_ZdlPvm, size_t)
DELETE_WITH1(_ZdaPvm, size_t)
DELETE_WITH1(_ZdlPvSt11align_val_t, size_t)
DELETE_WITH1(_ZdaPvSt11align_val_t, size_t)
DELETE_WITH2(_ZdlPvSt11align_val_tRKSt9nothrow_t, size_t, const struct nothrow *)
DELETE_WITH2(_ZdaPvSt11align_val_tRKSt9nothrow_t, size_t, const struct nothrow *)
DELETE_WITH2(_ZdlPvmSt11align_val_t, size_t, size_t)
DELETE_WITH2(_ZdaPvmSt11align_val_t, size_t, size_t)
