/* The racy counter fixed with one atomic read-modify-write: each increment
 * is atomic_fetch_add_explicit(&x, 1, memory_order_relaxed). Relaxed order
 * suffices: the addition itself is indivisible, and main's final read comes
 * after pthread_join, which orders it after every increment. No data race,
 * no lost update.
 * Usage: seed_c_atomic_relaxed_counter [threads=10] [iterations=1000000] */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS_MAX = 64 };

static atomic_long x;
static long rounds = 1000000;

static void *add_ones(void *unused)
{
    (void)unused;
    for (long n = 0; n < rounds; n++)
        atomic_fetch_add_explicit(&x, 1, memory_order_relaxed);
    return NULL;
}

int main(int argc, char **argv)
{
    int nthreads = argc > 1 ? atoi(argv[1]) : 10;
    if (argc > 2)
        rounds = atol(argv[2]);
    if (nthreads < 1 || nthreads > THREADS_MAX || rounds < 0) {
        fprintf(stderr, "usage: %s [threads 1..%d] [iterations >= 0]\n", argv[0], THREADS_MAX);
        return 2;
    }
    pthread_t tid[THREADS_MAX];
    for (int k = 0; k < nthreads; k++)
        pthread_create(&tid[k], NULL, add_ones, NULL);
    for (int k = 0; k < nthreads; k++)
        pthread_join(tid[k], NULL);
    long want = rounds * nthreads;
    long got = atomic_load_explicit(&x, memory_order_relaxed);
    printf("x = %ld (expected %ld)\n", got, want);
    fflush(stdout);
    assert(got == want);
    return 0;
}
