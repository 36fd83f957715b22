/* interleave/sync.h: Rust-style thread safety for C, checked at compile time
 * by clang's -Wthread-safety. A mutex that owns its value (ILV_GUARDED), its
 * read-write variant (ILV_RW_GUARDED), scoped lock blocks that release on
 * every way out, condition variables, scoped threads that may borrow the
 * caller's data, and a thread-confined value (Rust's Cell: not Sync).
 * Header-only, POSIX threads, C11/C17 and C++17, gcc and clang.
 *
 * What is checked, and when (docs/sync.md has the details):
 *  - clang -Wthread-safety (on by default under `interleave cc` with clang):
 *    touching a guarded value without holding its lock, unlocking twice,
 *    unlocking what is not held, locking what is already held, leaving a
 *    function with a lock still held, waiting without the lock, writing
 *    through a read lock. Add -Werror to make them errors.
 *  - gcc: the attributes expand to nothing; the header compiles and works,
 *    with the run-time checks below only.
 *  - run time: unlocking a mutex this thread does not hold (unless NDEBUG,
 *    like assert), and a thread-confined value touched by a second thread
 *    (in every build), print one sentence on stderr and abort().
 *  - not at all: a pointer to guarded data kept past its lock block, or
 *    `&g.value` taken directly (an address is not an access for clang). C has
 *    no lifetimes; `interleave run` reports the resulting data race.
 *
 * Blocking: ilv_lock, ilv_read_lock, ilv_write_lock, ilv_wait*, ilv_scope_join
 * and the end of an ILV_THREAD_SCOPE block may block; nothing here is
 * async-signal-safe. Nothing here allocates except ilv_spawn. */
#ifndef INTERLEAVE_SYNC_H
#define INTERLEAVE_SYNC_H

/* Read-write locks and timed waits are POSIX: a strict -std=c11 hides them.
 * Ask for them there, when this header comes first and nobody chose (in the
 * gnu modes they are visible already, and defining the macro would hide the
 * default BSD and SVID extensions from the rest of the file). */
#if defined(__STRICT_ANSI__) && !defined(__cplusplus) && !defined(_POSIX_C_SOURCE) &&              \
    !defined(_XOPEN_SOURCE) && !defined(_GNU_SOURCE) && !defined(_DEFAULT_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

// clang-format off
#if defined(__GLIBC__) && !defined(__USE_XOPEN2K)
#error "interleave/sync.h needs POSIX.1-2008: #define _POSIX_C_SOURCE 200809L before the first #include, or compile with -std=gnu17"
#endif
// clang-format on

/* ---------------------------------------------------------------------------
 * Capability annotations (clang's Thread Safety Analysis). They expand to
 * nothing on compilers that do not know them, so that annotated code stays
 * portable. Public: use them on your own functions and fields too, e.g.
 *     void account_add(struct account *a, long v) ILV_REQUIRES(a->mu);
 * ------------------------------------------------------------------------- */
#if defined(__clang__) && !defined(SWIG)
#define ILV__TSA(x) __attribute__((x))
#else
#define ILV__TSA(x)
#endif

#define ILV_CAPABILITY(kind) ILV__TSA(capability(kind))
#define ILV_GUARDED_BY(cap) ILV__TSA(guarded_by(cap))
#define ILV_PT_GUARDED_BY(cap) ILV__TSA(pt_guarded_by(cap))
#define ILV_REQUIRES(...) ILV__TSA(requires_capability(__VA_ARGS__))
#define ILV_REQUIRES_SHARED(...) ILV__TSA(requires_shared_capability(__VA_ARGS__))
#define ILV_ACQUIRE(...) ILV__TSA(acquire_capability(__VA_ARGS__))
#define ILV_ACQUIRE_SHARED(...) ILV__TSA(acquire_shared_capability(__VA_ARGS__))
#define ILV_RELEASE(...) ILV__TSA(release_capability(__VA_ARGS__))
#define ILV_RELEASE_SHARED(...) ILV__TSA(release_shared_capability(__VA_ARGS__))
#define ILV_TRY_ACQUIRE(...) ILV__TSA(try_acquire_capability(__VA_ARGS__))
#define ILV_TRY_ACQUIRE_SHARED(...) ILV__TSA(try_acquire_shared_capability(__VA_ARGS__))
#define ILV_ASSERT_CAPABILITY(x) ILV__TSA(assert_capability(x))
#define ILV_ASSERT_SHARED_CAPABILITY(x) ILV__TSA(assert_shared_capability(x))
#define ILV_EXCLUDES(...) ILV__TSA(locks_excluded(__VA_ARGS__))
#define ILV_NO_THREAD_SAFETY_ANALYSIS ILV__TSA(no_thread_safety_analysis)

#if defined(__GNUC__)
#define ILV__CLEANUP(fn) __attribute__((cleanup(fn)))
#define ILV__UNUSED __attribute__((unused))
#define ILV__COLD __attribute__((cold, noinline, noreturn, unused))
#define ILV__LIKELY(x) __builtin_expect(!!(x), 1)
#else
#error "interleave/sync.h needs gcc or clang (__attribute__((cleanup)), __typeof__)"
#endif

#define ILV__CAT2(a, b) a##b
#define ILV__CAT(a, b) ILV__CAT2(a, b)
#define ILV__UNIQUE(prefix) ILV__CAT(prefix, __COUNTER__)

/* Run-time checks. The locks keep an owner word (ilv__self() of the holder,
 * written only by the holder, so that it never races nor looks like a lost
 * update); unlocking or waiting checks it, like assert(): on unless NDEBUG,
 * and kept on with NDEBUG by ILV_SYNC_CHECKS. The owner word is written on
 * every lock in every build, so that files built with and without NDEBUG
 * can share a lock without false alarms. The thread-confined check is the
 * feature itself: on in every build. ILV_SYNC_NO_CHECKS removes all of it
 * (the owner word too): define it alike in every file that shares a lock. */
#if defined(ILV_SYNC_NO_CHECKS)
#define ILV__OWNER 0
#define ILV__CHECKS 0
#define ILV__CONFINED_CHECKS 0
#elif defined(NDEBUG) && !defined(ILV_SYNC_CHECKS)
#define ILV__OWNER 1
#define ILV__CHECKS 0
#define ILV__CONFINED_CHECKS 1
#else
#define ILV__OWNER 1
#define ILV__CHECKS 1
#define ILV__CONFINED_CHECKS 1
#endif

/* Access tokens: capabilities that nobody ever holds. The value field of a
 * guarded or confined object is guarded by one of them, so that clang refuses
 * every direct `obj.value` and the message names the accessor to use instead
 * (clang 14 cannot name a sibling field in a C attribute, so `guarded_by(mu)`
 * is impossible; the accessors check `obj.mu` itself). Never defined: only
 * their names are used, inside attributes. */
struct ILV_CAPABILITY("guard") ilv_access_token {
    int unused;
};
extern const struct ilv_access_token ilv_only_through_ILV_WITH_LOCK_or_ILV_REF;
extern const struct ilv_access_token ilv_only_through_ILV_WITH_READ_or_ILV_WITH_WRITE;
extern const struct ilv_access_token ilv_only_through_ILV_CONFINED_REF;

/* The calling thread's identity for the checks: pthread_self(), read
 * inline on x86-64 (glibc and musl keep the thread's own pointer at %fs:0,
 * the value pthread_self returns), so that a check costs no call. Not
 * volatile: the compiler may reuse it within a function, as it is constant
 * for a thread. */
static inline uintptr_t ilv__self(void)
{
#if defined(__x86_64__) && defined(__linux__)
    uintptr_t self;
    __asm__("mov %%fs:0, %0" : "=r"(self));
    return self;
#else
    return (uintptr_t)pthread_self();
#endif
}

/* A misuse found at run time: one sentence, then abort(). Cold and out of
 * line, so that the checks cost a compare and a not-taken branch. */
static void ilv__fatal(const char *what) ILV__COLD;
static void ilv__fatal(const char *what)
{
    fprintf(stderr, "interleave sync.h: %s\n", what);
    fflush(stderr);
    abort();
}

/* ===========================================================================
 * Mutexes
 * ======================================================================== */

/* A mutex, and clang's capability "mutex". Not recursive. Plain data: may be
 * embedded anywhere, initialised statically with ILV_MUTEX_INIT or with
 * ilv_mutex_init. Must not be copied or moved while in use. */
struct ILV_CAPABILITY("mutex") ilv_mutex {
    uintptr_t owner; /* ilv__self() of the holder, or 0; run-time checks only */
    pthread_mutex_t m;
};

#define ILV_MUTEX_INIT                                                                             \
    {                                                                                              \
        0, PTHREAD_MUTEX_INITIALIZER                                                               \
    }

/* Returns 0 or a negative errno (pthread_mutex_init's error). */
static inline int ilv_mutex_init(struct ilv_mutex *m)
{
    m->owner = 0;
    return -pthread_mutex_init(&m->m, NULL);
}

/* The mutex must not be held. Returns 0 or a negative errno (-EBUSY). */
static inline int ilv_mutex_destroy(struct ilv_mutex *m) ILV_EXCLUDES(m);
static inline int ilv_mutex_destroy(struct ilv_mutex *m)
{
    return -pthread_mutex_destroy(&m->m);
}

/* Blocks until the calling thread holds m. Locking a mutex this thread
 * already holds deadlocks (clang reports it at compile time when it can see
 * it, `interleave run` reports the deadlock). */
static inline void ilv_lock(struct ilv_mutex *m) ILV_ACQUIRE(m) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv_lock(struct ilv_mutex *m)
{
    int rc = pthread_mutex_lock(&m->m);
    if (rc != 0)
        ilv__fatal("ilv_lock: pthread_mutex_lock failed (uninitialised or destroyed mutex?)");
    if (ILV__OWNER)
        __atomic_store_n(&m->owner, ilv__self(), __ATOMIC_RELAXED);
}

/* Never blocks: returns 1 with m held, or 0 (held by someone, this thread
 * included). Use it as a condition: `if (ilv_trylock(&g.mu)) { ... }`. */
static inline int ilv_trylock(struct ilv_mutex *m)
    ILV_TRY_ACQUIRE(1, m) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline int ilv_trylock(struct ilv_mutex *m)
{
    if (pthread_mutex_trylock(&m->m) != 0)
        return 0;
    if (ILV__OWNER)
        __atomic_store_n(&m->owner, ilv__self(), __ATOMIC_RELAXED);
    return 1;
}

/* m must be held by the calling thread: otherwise (unlocking twice,
 * unlocking what another thread holds) one sentence on stderr and abort(),
 * unless NDEBUG (then it is undefined behaviour, as with pthreads). */
static inline void ilv_unlock(struct ilv_mutex *m) ILV_RELEASE(m) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv_unlock(struct ilv_mutex *m)
{
    if (ILV__CHECKS) {
        if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != ilv__self())
            ilv__fatal("ilv_unlock: this thread does not hold the mutex "
                       "(unlocked twice, or locked by another thread)");
        __atomic_store_n(&m->owner, 0, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&m->m);
}

/* Tells clang that m is held here (a callback called with the lock held,
 * say), and checks it at run time (unless NDEBUG). */
static inline void ilv_assert_held(struct ilv_mutex *m)
    ILV_ASSERT_CAPABILITY(m) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv_assert_held(struct ilv_mutex *m)
{
    if (ILV__CHECKS && __atomic_load_n(&m->owner, __ATOMIC_RELAXED) != ilv__self())
        ilv__fatal("ilv_assert_held: this thread does not hold the mutex");
}

/* ---------------------------------------------------------------------------
 * ILV_GUARDED: a mutex that owns a value (Rust's Mutex<T>).
 *
 *     ILV_GUARDED(counter, long);                    // struct counter
 *     static struct counter hits = ILV_GUARDED_INIT(0);
 *
 *     ILV_WITH_LOCK(&hits, n) {                      // long *n, lock held
 *         *n += 1;
 *     }                                              // released here
 *
 *     ilv_lock(&hits.mu);                            // or by hand:
 *     ILV_REF(&hits) += 1;                           // checked: needs hits.mu
 *     ilv_unlock(&hits.mu);
 *
 * The value is reached only through ILV_WITH_LOCK's pointer, ILV_REF (which
 * clang checks against the lock) or ILV_GET_MUT (no other thread yet / any
 * more). A direct `hits.value` is refused by clang. T must be a type name
 * that can precede a field name (typedef arrays and function pointers).
 * ------------------------------------------------------------------------- */
#define ILV_GUARDED(name, T)                                                                       \
    struct name {                                                                                  \
        struct ilv_mutex mu;                                                                       \
        T value ILV_GUARDED_BY(ilv_only_through_ILV_WITH_LOCK_or_ILV_REF);                         \
    }

/* Static initialiser; the arguments initialise the value: ILV_GUARDED_INIT(0),
 * ILV_GUARDED_INIT({.head = NULL, .n = 0}). Dynamic objects: ilv_mutex_init(&g->mu)
 * and ILV_GET_MUT(g) = v before any other thread sees g. */
#define ILV_GUARDED_INIT(...)                                                                      \
    {                                                                                              \
        ILV_MUTEX_INIT, __VA_ARGS__                                                                \
    }

static inline void *ilv_guarded_ref(const struct ilv_mutex *m, void *value)
    ILV_REQUIRES(m) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void *ilv_guarded_ref(const struct ilv_mutex *m, void *value)
{
    (void)m;
    return value;
}

/* The value of guarded object g (a pointer) as an lvalue; clang requires
 * g->mu to be held. g is evaluated several times: no side effects. */
#define ILV_REF(g) (*(__typeof__((g)->value) *)ilv_guarded_ref(&(g)->mu, &(g)->value))

/* The value without locking, for when no other thread can reach the object:
 * before it is shared, after every other thread has been joined (Rust's
 * get_mut / into_inner, which the borrow checker proves; here you do, and
 * `interleave run` reports a data race when you are wrong). Works for
 * ILV_GUARDED and ILV_RW_GUARDED. */
#define ILV_GET_MUT(g) (*(__typeof__((g)->value) *)ilv__unshared_ref(&(g)->value))

static inline void *ilv__unshared_ref(void *value)
{
    return value;
}

/* The scoped lock block (Rust's `let p = g.lock();` for one block):
 *
 *     ILV_WITH_LOCK(g, p) { ... *p ... }
 *
 * locks g->mu, declares p, a pointer to the value, for the block, and
 * unlocks on every way out of the block: its end, break, continue, return,
 * goto (break and continue leave this block, not an enclosing loop). Clang
 * sees g->mu as held inside the block and not after it, and refuses a
 * nested ILV_WITH_LOCK of the same object (a self-deadlock). Do not call
 * ilv_unlock(&g->mu) inside the block. Do not keep p after the block: C
 * cannot stop you, `interleave run` reports the race.
 *
 * How: the outer loop variable has a cleanup that unlocks when it goes out
 * of scope, whatever the way out. Clang's analysis does not see cleanups, so
 * the analysis is told the truth in three steps it does see: acquire (a real
 * ilv_lock, so double locking is diagnosed), hand the capability over to the
 * block, and assert it in the inner loop's condition. An asserted capability
 * vanishes silently where paths join and at the function's end, which is
 * exactly what a block-scoped lock needs. */
#define ILV_WITH_LOCK(g, p) ILV__WITH_LOCK(g, p, ILV__UNIQUE(ilv__with_))
#define ILV__WITH_LOCK(g, p, s)                                                                    \
    for (struct ilv__scoped s ILV__CLEANUP(ilv__scoped_unlock) =                                   \
             (ilv_lock(&(g)->mu), ilv__scoped_begin(&(g)->mu));                                    \
         s.live; s.live = 0)                                                                       \
        for (__typeof__((g)->value) *p ILV__UNUSED = &(g)->value;                                  \
             ilv__scoped_held(&(g)->mu, s.live); s.live = 0)

struct ilv__scoped {
    void *lock; /* struct ilv_mutex or struct ilv_rwlock */
    int live;   /* 1 until the block has run once */
};

static inline struct ilv__scoped ilv__scoped_begin(struct ilv_mutex *m)
    ILV_RELEASE(m) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline struct ilv__scoped ilv__scoped_begin(struct ilv_mutex *m)
{
    struct ilv__scoped s = {m, 1};
    return s;
}

static inline int ilv__scoped_held(const struct ilv_mutex *m, int live)
    ILV_ASSERT_CAPABILITY(m) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline int ilv__scoped_held(const struct ilv_mutex *m, int live)
{
    (void)m;
    return live;
}

static inline void ilv__scoped_unlock(struct ilv__scoped *s) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv__scoped_unlock(struct ilv__scoped *s)
{
    ilv_unlock((struct ilv_mutex *)s->lock);
}

/* ===========================================================================
 * Read-write locks: ILV_RW_GUARDED (Rust's RwLock<T>)
 * ======================================================================== */

/* A read-write lock, clang's capability "rwlock": many readers or one
 * writer. Not recursive; a reader must not take the write lock. */
struct ILV_CAPABILITY("rwlock") ilv_rwlock {
    uintptr_t writer; /* ilv__self() of the writer, or 0; run-time checks only */
    pthread_rwlock_t rw;
};

#define ILV_RWLOCK_INIT                                                                            \
    {                                                                                              \
        0, PTHREAD_RWLOCK_INITIALIZER                                                              \
    }

/* Returns 0 or a negative errno. */
static inline int ilv_rwlock_init(struct ilv_rwlock *l)
{
    l->writer = 0;
    return -pthread_rwlock_init(&l->rw, NULL);
}

static inline int ilv_rwlock_destroy(struct ilv_rwlock *l) ILV_EXCLUDES(l);
static inline int ilv_rwlock_destroy(struct ilv_rwlock *l)
{
    return -pthread_rwlock_destroy(&l->rw);
}

/* Shared (read) lock; blocks while a writer holds it. */
static inline void ilv_read_lock(struct ilv_rwlock *l)
    ILV_ACQUIRE_SHARED(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv_read_lock(struct ilv_rwlock *l)
{
    if (pthread_rwlock_rdlock(&l->rw) != 0)
        ilv__fatal("ilv_read_lock: pthread_rwlock_rdlock failed (this thread holds the write "
                   "lock, or the lock is not initialised)");
}

static inline int ilv_try_read_lock(struct ilv_rwlock *l)
    ILV_TRY_ACQUIRE_SHARED(1, l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline int ilv_try_read_lock(struct ilv_rwlock *l)
{
    return pthread_rwlock_tryrdlock(&l->rw) == 0;
}

static inline void ilv_read_unlock(struct ilv_rwlock *l)
    ILV_RELEASE_SHARED(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv_read_unlock(struct ilv_rwlock *l)
{
    if (ILV__CHECKS && __atomic_load_n(&l->writer, __ATOMIC_RELAXED) == ilv__self())
        ilv__fatal("ilv_read_unlock: this thread holds the write lock (use ilv_write_unlock)");
    pthread_rwlock_unlock(&l->rw);
}

/* Exclusive (write) lock; blocks while anyone holds it. */
static inline void ilv_write_lock(struct ilv_rwlock *l)
    ILV_ACQUIRE(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv_write_lock(struct ilv_rwlock *l)
{
    if (pthread_rwlock_wrlock(&l->rw) != 0)
        ilv__fatal("ilv_write_lock: pthread_rwlock_wrlock failed (this thread already holds the "
                   "lock, or the lock is not initialised)");
    if (ILV__OWNER)
        __atomic_store_n(&l->writer, ilv__self(), __ATOMIC_RELAXED);
}

static inline int ilv_try_write_lock(struct ilv_rwlock *l)
    ILV_TRY_ACQUIRE(1, l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline int ilv_try_write_lock(struct ilv_rwlock *l)
{
    if (pthread_rwlock_trywrlock(&l->rw) != 0)
        return 0;
    if (ILV__OWNER)
        __atomic_store_n(&l->writer, ilv__self(), __ATOMIC_RELAXED);
    return 1;
}

/* The write lock must be held by the calling thread, otherwise abort()
 * (unless NDEBUG). */
static inline void ilv_write_unlock(struct ilv_rwlock *l)
    ILV_RELEASE(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv_write_unlock(struct ilv_rwlock *l)
{
    if (ILV__CHECKS && __atomic_load_n(&l->writer, __ATOMIC_RELAXED) != ilv__self())
        ilv__fatal("ilv_write_unlock: this thread does not hold the write lock");
    if (ILV__OWNER) /* in every build: ilv_read_unlock's check relies on it */
        __atomic_store_n(&l->writer, 0, __ATOMIC_RELAXED);
    pthread_rwlock_unlock(&l->rw);
}

/*     ILV_RW_GUARDED(config, struct settings);
 *     static struct config cfg = ILV_RW_GUARDED_INIT({0});
 *     ILV_WITH_READ(&cfg, c) { use(c->timeout); }    // const struct settings *c
 *     ILV_WITH_WRITE(&cfg, c) { c->timeout = 5; }    // struct settings *c
 *     ilv_read_lock(&cfg.mu); x = ILV_READ_REF(&cfg).timeout; ilv_read_unlock(&cfg.mu);
 */
#define ILV_RW_GUARDED(name, T)                                                                    \
    struct name {                                                                                  \
        struct ilv_rwlock mu;                                                                      \
        T value ILV_GUARDED_BY(ilv_only_through_ILV_WITH_READ_or_ILV_WITH_WRITE);                  \
    }

#define ILV_RW_GUARDED_INIT(...)                                                                   \
    {                                                                                              \
        ILV_RWLOCK_INIT, __VA_ARGS__                                                               \
    }

static inline const void *ilv_read_ref(const struct ilv_rwlock *l, const void *value)
    ILV_REQUIRES_SHARED(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline const void *ilv_read_ref(const struct ilv_rwlock *l, const void *value)
{
    (void)l;
    return value;
}

static inline void *ilv_write_ref(const struct ilv_rwlock *l, void *value)
    ILV_REQUIRES(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void *ilv_write_ref(const struct ilv_rwlock *l, void *value)
{
    (void)l;
    return value;
}

/* The value as a const lvalue (read or write lock held), or as a modifiable
 * lvalue (write lock held). */
#define ILV_READ_REF(g) (*(const __typeof__((g)->value) *)ilv_read_ref(&(g)->mu, &(g)->value))
#define ILV_WRITE_REF(g) (*(__typeof__((g)->value) *)ilv_write_ref(&(g)->mu, &(g)->value))

/* Scoped blocks as ILV_WITH_LOCK: p is a pointer to const for a read block. */
#define ILV_WITH_READ(g, p) ILV__WITH_READ(g, p, ILV__UNIQUE(ilv__with_))
#define ILV__WITH_READ(g, p, s)                                                                    \
    for (struct ilv__scoped s ILV__CLEANUP(ilv__scoped_read_unlock) =                              \
             (ilv_read_lock(&(g)->mu), ilv__scoped_read_begin(&(g)->mu));                          \
         s.live; s.live = 0)                                                                       \
        for (const __typeof__((g)->value) *p ILV__UNUSED = &(g)->value;                            \
             ilv__scoped_read_held(&(g)->mu, s.live); s.live = 0)

#define ILV_WITH_WRITE(g, p) ILV__WITH_WRITE(g, p, ILV__UNIQUE(ilv__with_))
#define ILV__WITH_WRITE(g, p, s)                                                                   \
    for (struct ilv__scoped s ILV__CLEANUP(ilv__scoped_write_unlock) =                             \
             (ilv_write_lock(&(g)->mu), ilv__scoped_write_begin(&(g)->mu));                        \
         s.live; s.live = 0)                                                                       \
        for (__typeof__((g)->value) *p ILV__UNUSED = &(g)->value;                                  \
             ilv__scoped_write_held(&(g)->mu, s.live); s.live = 0)

static inline struct ilv__scoped ilv__scoped_read_begin(struct ilv_rwlock *l)
    ILV_RELEASE_SHARED(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline struct ilv__scoped ilv__scoped_read_begin(struct ilv_rwlock *l)
{
    struct ilv__scoped s = {l, 1};
    return s;
}

static inline int ilv__scoped_read_held(const struct ilv_rwlock *l, int live)
    ILV_ASSERT_SHARED_CAPABILITY(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline int ilv__scoped_read_held(const struct ilv_rwlock *l, int live)
{
    (void)l;
    return live;
}

static inline void ilv__scoped_read_unlock(struct ilv__scoped *s) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv__scoped_read_unlock(struct ilv__scoped *s)
{
    ilv_read_unlock((struct ilv_rwlock *)s->lock);
}

static inline struct ilv__scoped ilv__scoped_write_begin(struct ilv_rwlock *l)
    ILV_RELEASE(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline struct ilv__scoped ilv__scoped_write_begin(struct ilv_rwlock *l)
{
    struct ilv__scoped s = {l, 1};
    return s;
}

static inline int ilv__scoped_write_held(const struct ilv_rwlock *l, int live)
    ILV_ASSERT_CAPABILITY(l) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline int ilv__scoped_write_held(const struct ilv_rwlock *l, int live)
{
    (void)l;
    return live;
}

static inline void ilv__scoped_write_unlock(struct ilv__scoped *s) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv__scoped_write_unlock(struct ilv__scoped *s)
{
    ilv_write_unlock((struct ilv_rwlock *)s->lock);
}

/* ===========================================================================
 * Condition variables (Rust's Condvar)
 * ======================================================================== */

/* Waiting takes the mutex the waiter holds, so that clang checks it is held:
 *
 *     ILV_WITH_LOCK(&q, p) {
 *         while (p->n == 0)                 // always a loop: wake-ups may be spurious
 *             ilv_wait(&q_nonempty, &q.mu);
 *         item = p->items[--p->n];
 *     }
 */
struct ilv_cond {
    pthread_cond_t c;
};

#define ILV_COND_INIT                                                                              \
    {                                                                                              \
        PTHREAD_COND_INITIALIZER                                                                   \
    }

static inline int ilv_cond_init(struct ilv_cond *cv)
{
    return -pthread_cond_init(&cv->c, NULL);
}

static inline int ilv_cond_destroy(struct ilv_cond *cv)
{
    return -pthread_cond_destroy(&cv->c);
}

/* Blocks: releases m, waits for a signal, takes m again before returning. */
static inline void ilv_wait(struct ilv_cond *cv, struct ilv_mutex *m)
    ILV_REQUIRES(m) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline void ilv_wait(struct ilv_cond *cv, struct ilv_mutex *m)
{
    if (ILV__CHECKS) {
        if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != ilv__self())
            ilv__fatal("ilv_wait: this thread does not hold the mutex");
        __atomic_store_n(&m->owner, 0, __ATOMIC_RELAXED);
    }
    if (pthread_cond_wait(&cv->c, &m->m) != 0)
        ilv__fatal("ilv_wait: pthread_cond_wait failed");
    if (ILV__OWNER)
        __atomic_store_n(&m->owner, ilv__self(), __ATOMIC_RELAXED);
}

/* As ilv_wait, until the CLOCK_REALTIME time *abstime. Returns 0, or
 * -ETIMEDOUT when the time has passed; m is held again either way. */
static inline int ilv_wait_until(struct ilv_cond *cv, struct ilv_mutex *m,
                                 const struct timespec *abstime)
    ILV_REQUIRES(m) ILV_NO_THREAD_SAFETY_ANALYSIS;
static inline int ilv_wait_until(struct ilv_cond *cv, struct ilv_mutex *m,
                                 const struct timespec *abstime)
{
    if (ILV__CHECKS) {
        if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != ilv__self())
            ilv__fatal("ilv_wait_until: this thread does not hold the mutex");
        __atomic_store_n(&m->owner, 0, __ATOMIC_RELAXED);
    }
    int rc = pthread_cond_timedwait(&cv->c, &m->m, abstime);
    if (ILV__OWNER)
        __atomic_store_n(&m->owner, ilv__self(), __ATOMIC_RELAXED);
    if (rc != 0 && rc != ETIMEDOUT)
        ilv__fatal("ilv_wait_until: pthread_cond_timedwait failed");
    return -rc;
}

/* Never block; with or without the mutex held. */
static inline void ilv_signal(struct ilv_cond *cv)
{
    pthread_cond_signal(&cv->c);
}

static inline void ilv_broadcast(struct ilv_cond *cv)
{
    pthread_cond_broadcast(&cv->c);
}

/* ===========================================================================
 * Scoped threads (Rust's std::thread::scope)
 * ======================================================================== */

/* Threads spawned into a scope are all joined before the scope ends, so they
 * may borrow the caller's locals:
 *
 *     int err = 0;
 *     ILV_THREAD_SCOPE(s, err) {                 // struct ilv_thread_scope *s
 *         for (int i = 0; i < 10; i++)
 *             ilv_spawn(s, worker, &counter);      // int worker(void *arg)
 *     }                                          // all joined here
 *     if (err) ...                               // first error, see ilv_scope_join
 *
 * The block may be left by its end, break, return or goto: the threads are
 * joined in every case (a return waits for them, as Rust's scope does).
 * What C cannot check: that a borrowed pointer is not kept by the worker
 * beyond its return, nor that the borrowed data is used in a thread-safe
 * way (use ILV_GUARDED, atomics or ILV_CONFINED for that). */
struct ilv__spawned {
    pthread_t thread;
    int (*fn)(void *);
    void *arg;
    int result;
    struct ilv__spawned *next; /* the previously spawned thread */
};

struct ilv_thread_scope {
    struct ilv__spawned *threads; /* owned; newest first */
    int error;                    /* sticky: the first error seen */
    int live;                     /* ILV_THREAD_SCOPE's loop control */
    int *result;                  /* ILV_THREAD_SCOPE's error variable, or NULL */
};

#define ILV_THREAD_SCOPE_INIT                                                                      \
    {                                                                                              \
        NULL, 0, 1, NULL                                                                           \
    }

static inline void ilv_scope_init(struct ilv_thread_scope *s)
{
    s->threads = NULL;
    s->error = 0;
    s->live = 1;
    s->result = NULL;
}

static inline void *ilv__spawned_main(void *arg)
{
    struct ilv__spawned *t = (struct ilv__spawned *)arg;
    t->result = t->fn(t->arg);
    return NULL;
}

/* Starts fn(arg) on a new thread owned by scope s. fn returns 0 for success,
 * anything else (a negative errno, say) for an error. arg is borrowed: it
 * must stay valid until s is joined, which the scope guarantees for data
 * declared outside it. Returns 0, or a negative errno when the thread could
 * not be started (nothing ran; the error is also kept for ilv_scope_join). */
static inline int ilv_spawn(struct ilv_thread_scope *s, int (*fn)(void *), void *arg)
{
    struct ilv__spawned *t = (struct ilv__spawned *)malloc(sizeof *t);
    int rc = t ? 0 : ENOMEM;
    if (t) {
        t->fn = fn;
        t->arg = arg;
        t->result = 0;
        t->next = s->threads;
        rc = pthread_create(&t->thread, NULL, ilv__spawned_main, t);
    }
    if (rc != 0) {
        free(t);
        if (s->error == 0)
            s->error = -rc;
        return -rc;
    }
    s->threads = t;
    return 0;
}

/* Blocks until every thread spawned into s so far has returned, and frees
 * them. Returns the first error: the non-zero result of the earliest spawned
 * failing worker, else the first spawn failure, else 0; sticky, so that a
 * later join (the end of ILV_THREAD_SCOPE) returns it again. s may be
 * reused afterwards. */
static inline int ilv_scope_join(struct ilv_thread_scope *s)
{
    int first = 0; /* newest first: the last one found is the earliest */
    while (s->threads) {
        struct ilv__spawned *t = s->threads;
        s->threads = t->next;
        if (pthread_join(t->thread, NULL) != 0)
            ilv__fatal("ilv_scope_join: pthread_join failed");
        if (t->result != 0)
            first = t->result;
        free(t);
    }
    if (first != 0 && (s->error == 0 || s->error == -EAGAIN || s->error == -ENOMEM))
        s->error = first;
    return s->error;
}

static inline void ilv__thread_scope_end(struct ilv_thread_scope *s)
{
    int err = ilv_scope_join(s);
    if (s->result)
        *s->result = err;
}

/* err: an int variable, set to ilv_scope_join's result after the block. */
#define ILV_THREAD_SCOPE(s, err) ILV__THREAD_SCOPE(s, err, ILV__UNIQUE(ilv__scope_))
#define ILV__THREAD_SCOPE(s, err, id)                                                              \
    for (struct ilv_thread_scope id ILV__CLEANUP(ilv__thread_scope_end) = {NULL, 0, 1, &(err)};    \
         id.live; id.live = 0)                                                                     \
        for (struct ilv_thread_scope *s ILV__UNUSED = &id; id.live; id.live = 0)

/* ===========================================================================
 * Thread-confined values (Rust's Cell<T>: Send but not Sync)
 * ======================================================================== */

/* A value that one thread at a time may use, without any lock:
 *
 *     ILV_CONFINED(tally, long);
 *     static struct tally t = ILV_CONFINED_INIT(0);
 *     ILV_CONFINED_REF(&t) += 1;       // claims t for this thread, or checks it
 *
 * The first thread that touches the value owns it. A second thread that
 * touches it gets one sentence on stderr ("thread-confined value `t` touched
 * by a second thread") and abort(): natively, and under `interleave run`.
 * ILV_CONFINED_SEND hands it over (Rust's Send): the owner gives it up (a
 * release), and the next thread to touch it owns it and sees the owner's
 * writes (an acquire); a thread that touches it before it was given up is a
 * second thread. Clang refuses a direct `t.value`. The check costs a
 * thread-id load and compare per access (and keeps the value out of
 * registers across accesses). */
#define ILV_CONFINED(name, T)                                                                      \
    struct name {                                                                                  \
        uintptr_t owner;                                                                           \
        T value ILV_GUARDED_BY(ilv_only_through_ILV_CONFINED_REF);                                 \
    }

#define ILV_CONFINED_INIT(...)                                                                     \
    {                                                                                              \
        0, __VA_ARGS__                                                                             \
    }

#define ILV_CONFINED_REF(c)                                                                        \
    (*(__typeof__((c)->value) *)ilv__confined_ref(&(c)->owner, &(c)->value, #c, __FILE__, __LINE__))

#define ILV_CONFINED_SEND(c) ilv__confined_send(&(c)->owner, #c, __FILE__, __LINE__)

static void ilv__confined_violation(const char *name, const char *file, int line) ILV__COLD;
static void ilv__confined_violation(const char *name, const char *file, int line)
{
    if (name[0] == '&')
        name++;
    fprintf(stderr,
            "interleave: thread-confined value `%s` touched by a second thread at %s:%d\n"
            "  it belongs to the first thread that touched it (ILV_CONFINED is Rust's Cell: not "
            "Sync);\n"
            "  share it with ILV_GUARDED (a mutex that owns it) or an atomic, or hand it over "
            "with ILV_CONFINED_SEND\n",
            name, file, line);
    fflush(stderr);
    abort();
}

static inline void *ilv__confined_ref(uintptr_t *owner, void *value, const char *name,
                                      const char *file, int line)
{
    if (!ILV__CONFINED_CHECKS)
        return value;
    /* Acquire: no access to the value may be moved above the check (an
     * optimiser would otherwise load it before a second thread is stopped),
     * and a claim after ILV_CONFINED_SEND's release sees the sender's writes. */
    uintptr_t self = ilv__self();
    uintptr_t seen = __atomic_load_n(owner, __ATOMIC_ACQUIRE);
    if (ILV__LIKELY(seen == self))
        return value;
    if (seen == 0 &&
        __atomic_compare_exchange_n(owner, &seen, self, 0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
        return value;
    ilv__confined_violation(name, file, line);
}

static inline void ilv__confined_send(uintptr_t *owner, const char *name, const char *file,
                                      int line)
{
    if (!ILV__CONFINED_CHECKS)
        return;
    uintptr_t seen = __atomic_load_n(owner, __ATOMIC_RELAXED);
    if (seen != 0 && seen != ilv__self())
        ilv__confined_violation(name, file, line);
    __atomic_store_n(owner, 0, __ATOMIC_RELEASE);
}

#endif /* INTERLEAVE_SYNC_H */
