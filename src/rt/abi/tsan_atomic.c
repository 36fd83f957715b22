/* The atomic part of the -fsanitize=thread ABI: 8- to 128-bit loads,
 * stores, exchanges, fetch-ops and compare-exchanges with their memory
 * orders, and fences. The runtime performs each operation itself (so it
 * knows the values for the diagram), then tells the detector (an atomic
 * access, a read-modify-write being one indivisible access) and the
 * synchronisation model (release sequences, fences). Execution is
 * serialized, so performing every operation as seq_cst is always allowed. */
#include "os/os.h"
#include "rt/rt.h"
#include "rt/sync.h"

typedef unsigned char a8;
typedef unsigned short a16;
typedef unsigned int a32;
typedef unsigned long long a64;
typedef unsigned __int128 a128;

#define SC __ATOMIC_SEQ_CST

/* The scheduling point of an atomic operation comes before it is performed
 * (see rt_mem); a spinning load yields before it loads again. */
static ALWAYS_INLINE struct ithread *atomic_enter(const volatile void *a, u32 size, bool load,
                                                  u8 op)
{
    struct ithread *t = rt_enter();
    if (t) {
        sched_point_ev(t, op, (uptr)a);
        if (load && size <= 8)
            rt_spin_check(t, (uptr)a, history_load((uptr)a, size));
    }
    return t;
}

static ALWAYS_INLINE void after_load(struct ithread *t, uptr a, u32 size, u64 v, int mo, uptr pc)
{
    int seen = hb_read_seen(&t->hb, a, size, true, pc);
    if (seen != READ_SEEN) {
        u64 seq = history_add_read(t->last_read, t->hb.tid, a, size, pc, v, rt_stack_id(t));
        if (seen == READ_NEW)
            hb_access(&t->hb, a, size, ACC_READ | ACC_ATOMIC, pc, seq);
    }
    sync_atomic_load(t, a, mo);
}

static ALWAYS_INLINE void before_store(struct ithread *t, uptr a, u32 size, u64 v, int mo, uptr pc)
{
    u64 seq = history_add(t->hb.tid, HOP_W, a, size, pc, v, rt_stack_id(t));
    hb_access(&t->hb, a, size, ACC_WRITE | ACC_ATOMIC, pc, seq);
    sync_atomic_store(t, a, mo);
    t->spin_count = 0;
    t->nowrite = 0;
}

static ALWAYS_INLINE void after_rmw(struct ithread *t, uptr a, u32 size, u64 newv, int mo, uptr pc)
{
    u64 seq = history_add(t->hb.tid, HOP_U, a, size, pc, newv, rt_stack_id(t));
    hb_access(&t->hb, a, size, ACC_WRITE | ACC_ATOMIC | ACC_RMW, pc, seq);
    sync_atomic_rmw(t, a, mo);
    t->spin_count = 0;
    t->nowrite = 0;
}

/* 128-bit operations are performed as plain memory operations: only the baton
 * holder runs, and this avoids depending on libatomic. */
#define LD(T, a) (sizeof(T) == 16 ? *(const volatile T *)(a) : __atomic_load_n((a), SC))
#define ST(T, a, v)                                                                                \
    do {                                                                                           \
        if (sizeof(T) == 16)                                                                       \
            *(volatile T *)(a) = (v);                                                              \
        else                                                                                       \
            __atomic_store_n((a), (v), SC);                                                        \
    } while (0)

#define FETCH_OP(N, T, name, expr)                                                                 \
    EXPORT T __tsan_atomic##N##_##name(volatile T *a, T v, int mo)                                 \
    {                                                                                              \
        uptr pc = OS_CALLER_PC();                                                                  \
        struct ithread *t = atomic_enter(a, sizeof(T), false, OP_U);                               \
        T old = LD(T, a);                                                                          \
        T nv = (expr);                                                                             \
        ST(T, a, nv);                                                                              \
        if (t) {                                                                                   \
            after_rmw(t, (uptr)a, sizeof(T), (u64)nv, mo, pc);                                     \
            rt_leave(t);                                                                           \
        }                                                                                          \
        return old;                                                                                \
    }

#define ATOMIC_HOOKS(N, T)                                                                         \
    EXPORT T __tsan_atomic##N##_load(const volatile T *a, int mo)                                  \
    {                                                                                              \
        uptr pc = OS_CALLER_PC();                                                                  \
        struct ithread *t = atomic_enter(a, sizeof(T), true, OP_AR);                               \
        T v = LD(T, a);                                                                            \
        if (t) {                                                                                   \
            after_load(t, (uptr)a, sizeof(T), (u64)v, mo, pc);                                     \
            rt_leave(t);                                                                           \
        }                                                                                          \
        return v;                                                                                  \
    }                                                                                              \
    EXPORT void __tsan_atomic##N##_store(volatile T *a, T v, int mo)                               \
    {                                                                                              \
        uptr pc = OS_CALLER_PC();                                                                  \
        struct ithread *t = atomic_enter(a, sizeof(T), false, OP_AW);                              \
        if (t)                                                                                     \
            before_store(t, (uptr)a, sizeof(T), (u64)v, mo, pc);                                   \
        ST(T, a, v);                                                                               \
        if (t)                                                                                     \
            rt_leave(t);                                                                           \
    }                                                                                              \
    FETCH_OP(N, T, exchange, v)                                                                    \
    FETCH_OP(N, T, fetch_add, (T)(old + v))                                                        \
    FETCH_OP(N, T, fetch_sub, (T)(old - v))                                                        \
    FETCH_OP(N, T, fetch_and, (T)(old & v))                                                        \
    FETCH_OP(N, T, fetch_or, (T)(old | v))                                                         \
    FETCH_OP(N, T, fetch_xor, (T)(old ^ v))                                                        \
    FETCH_OP(N, T, fetch_nand, (T) ~(old & v))                                                     \
    static ALWAYS_INLINE int cas##N(volatile T *a, T *c, T v, int mo, int fmo, uptr pc)            \
    {                                                                                              \
        struct ithread *t = atomic_enter(a, sizeof(T), true, OP_U);                                \
        T cur = LD(T, a);                                                                          \
        int ok = cur == *c;                                                                        \
        if (ok)                                                                                    \
            ST(T, a, v);                                                                           \
        else                                                                                       \
            *c = cur;                                                                              \
        if (t) {                                                                                   \
            if (ok)                                                                                \
                after_rmw(t, (uptr)a, sizeof(T), (u64)v, mo, pc);                                  \
            else                                                                                   \
                after_load(t, (uptr)a, sizeof(T), (u64)cur, fmo, pc);                              \
            rt_leave(t);                                                                           \
        }                                                                                          \
        return ok;                                                                                 \
    }                                                                                              \
    EXPORT int __tsan_atomic##N##_compare_exchange_strong(volatile T *a, T *c, T v, int mo,        \
                                                          int fmo)                                 \
    {                                                                                              \
        return cas##N(a, c, v, mo, fmo, OS_CALLER_PC());                                           \
    }                                                                                              \
    EXPORT int __tsan_atomic##N##_compare_exchange_weak(volatile T *a, T *c, T v, int mo,          \
                                                        int fmo)                                   \
    {                                                                                              \
        return cas##N(a, c, v, mo, fmo, OS_CALLER_PC());                                           \
    }                                                                                              \
    EXPORT T __tsan_atomic##N##_compare_exchange_val(volatile T *a, T c, T v, int mo, int fmo)     \
    {                                                                                              \
        cas##N(a, &c, v, mo, fmo, OS_CALLER_PC());                                                 \
        return c;                                                                                  \
    }

ATOMIC_HOOKS(8, a8)
ATOMIC_HOOKS(16, a16)
ATOMIC_HOOKS(32, a32)
ATOMIC_HOOKS(64, a64)
ATOMIC_HOOKS(128, a128)

EXPORT void __tsan_atomic_thread_fence(int mo)
{
    struct ithread *t = rt_enter();
    __atomic_thread_fence(SC);
    if (t) {
        sync_fence(t, mo);
        rt_leave(t);
    }
}

EXPORT void __tsan_atomic_signal_fence(int mo)
{
    (void)mo;
    __atomic_signal_fence(SC);
}

/* Hand annotations (tsan_interface.h): addr acts as a synchronisation object. */
EXPORT void __tsan_acquire(void *addr)
{
    struct ithread *t = rt_enter();
    if (t) {
        sync_acquire(t, sync_get((uptr)addr, SO_ATOMIC));
        rt_leave(t);
    }
}

EXPORT void __tsan_release(void *addr)
{
    struct ithread *t = rt_enter();
    if (t) {
        sync_release(t, sync_get((uptr)addr, SO_ATOMIC));
        rt_leave(t);
    }
}
