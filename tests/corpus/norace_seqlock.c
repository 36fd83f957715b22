/* A sequence lock that is race-free in C11: the version counter and both
 * protected values are atomics (the values accessed relaxed), with a
 * release fence after the writer makes the version odd and an acquire fence
 * before the reader re-reads the version. A reader retries until it saw
 * the same even version before and after, and must then see
 * hi == lo + 1000. Every shared access is atomic: no data race. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

enum { NREADERS = 2, WRITES = 400, READS = 400 };

static atomic_uint version;
static atomic_long lo, hi = 1000; /* hi == lo + 1000 whenever version is even */

static void *write_pairs(void *unused)
{
    (void)unused;
    for (long k = 1; k <= WRITES; k++) {
        unsigned v = atomic_load_explicit(&version, memory_order_relaxed);
        atomic_store_explicit(&version, v + 1, memory_order_relaxed);
        atomic_thread_fence(memory_order_release);
        atomic_store_explicit(&lo, k, memory_order_relaxed);
        atomic_store_explicit(&hi, k + 1000, memory_order_relaxed);
        atomic_store_explicit(&version, v + 2, memory_order_release);
    }
    return NULL;
}

static void *read_pairs(void *unused)
{
    (void)unused;
    for (int k = 0; k < READS; k++) {
        long a, b;
        unsigned before, after;
        do {
            before = atomic_load_explicit(&version, memory_order_acquire);
            a = atomic_load_explicit(&lo, memory_order_relaxed);
            b = atomic_load_explicit(&hi, memory_order_relaxed);
            atomic_thread_fence(memory_order_acquire);
            after = atomic_load_explicit(&version, memory_order_relaxed);
            if (before != after || (before & 1u))
                sched_yield();
        } while (before != after || (before & 1u));
        assert(b == a + 1000);
    }
    return NULL;
}

int main(void)
{
    pthread_t w, r[NREADERS];
    for (int k = 0; k < NREADERS; k++)
        pthread_create(&r[k], NULL, read_pairs, NULL);
    pthread_create(&w, NULL, write_pairs, NULL);
    pthread_join(w, NULL);
    for (int k = 0; k < NREADERS; k++)
        pthread_join(r[k], NULL);
    printf("version %u: lo %ld hi %ld\n", atomic_load(&version), atomic_load(&lo),
           atomic_load(&hi));
    return 0;
}
