/* The racy counter fixed with a mutex: each increment of `x` happens with
 * `x_mutex` held, so no two increments overlap and every access to x is
 * ordered by the lock. No data race, no lost update: x ends at
 * threads * iterations in every schedule.
 * Usage: seed_b_mutex_counter [threads=10] [iterations=1000000] */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS_MAX = 64 };

static pthread_mutex_t x_mutex = PTHREAD_MUTEX_INITIALIZER;
static long x; /* guarded by x_mutex */
static long rounds = 1000000;

static void *add_ones(void *unused)
{
    (void)unused;
    for (long n = 0; n < rounds; n++) {
        pthread_mutex_lock(&x_mutex);
        x += 1;
        pthread_mutex_unlock(&x_mutex);
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
    printf("x = %ld (expected %ld)\n", x, want);
    fflush(stdout);
    assert(x == want);
    return 0;
}
