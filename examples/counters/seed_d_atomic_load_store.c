/* The counter "fixed" with atomics the wrong way: each increment is an
 * atomic load of `x` followed by a separate atomic store of that value + 1.
 * Every access is atomic, so there is no data race for a detector to report,
 * but another thread can store between the load and the store, and its
 * update is then overwritten: lost updates exactly as in the racy counter,
 * and the final assert fails.
 * Usage: seed_d_atomic_load_store [threads=10] [iterations=1000000] */
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
    for (long n = 0; n < rounds; n++) {
        long seen = atomic_load(&x);
        atomic_store(&x, seen + 1); /* overwrites whatever was stored since the load */
    }
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
    long got = atomic_load(&x);
    printf("x = %ld (expected %ld)\n", got, want);
    fflush(stdout);
    assert(got == want);
    return 0;
}
