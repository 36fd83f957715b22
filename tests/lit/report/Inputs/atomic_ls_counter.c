/* The atomic load/store counter: every access to x is atomic (no data race),
 * but the load and the store of an increment are two steps, and another
 * thread's store can fall in between: updates are lost as with the racy one.
 * Usage: atomic_ls_counter [threads] [iterations] */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static atomic_long x;
static long iterations = 1000;

static void *worker(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++) {
        long v = atomic_load(&x);
        atomic_store(&x, v + 1);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4;
    if (argc > 2)
        iterations = atol(argv[2]);
    if (n < 1 || n > 64)
        return 2;
    pthread_t t[64];
    for (int i = 0; i < n; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    printf("x = %ld (expected %ld)\n", atomic_load(&x), n * iterations);
    return 0;
}
