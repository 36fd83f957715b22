/* The article's racy counter: every thread adds 1 to the global `x`, many
 * times, with no synchronisation at all. `x += 1` reads x and then writes
 * it back, so two threads can read the same value and one of the two
 * increments disappears: a data race on x, and a total below
 * threads * iterations. `volatile` is there only so that the optimiser keeps
 * one load and one store per increment instead of one addition per thread;
 * it makes nothing atomic and orders nothing.
 * Usage: seed_a_racy_counter [threads=10] [iterations=1000000] */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS_MAX = 64 };

static volatile long x;
static long rounds = 1000000;

static void *add_ones(void *unused)
{
    (void)unused;
    for (long n = 0; n < rounds; n++)
        x += 1; /* load, add, store: another thread may store in between */
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
    printf("x = %ld (expected %ld)\n", x, want);
    fflush(stdout);
    assert(x == want);
    return 0;
}
