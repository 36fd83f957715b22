/* The article's racy counter: threads add 1 to a shared global with no
 * synchronisation. `x += 1` is a load and a separate store, so increments of
 * different threads overwrite each other (a data race and lost updates).
 * `volatile` keeps -O1 from folding the loop into one addition.
 * Usage: racy_counter [threads] [iterations] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static volatile long x;
static long iterations = 1000;

static void *worker(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++)
        x += 1;
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
    printf("x = %ld (expected %ld)\n", x, n * iterations);
    return 0;
}
