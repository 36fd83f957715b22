/* pthread_once builds a lookup table on first use: every thread calls
 * pthread_once(&cubes_once, fill_cubes) before reading the plain `cubes`.
 * pthread_once runs fill_cubes once and orders it before every call's
 * return, so all threads read a complete table: no data race. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { NTHREADS = 4, SIZE = 32 };

static pthread_once_t cubes_once = PTHREAD_ONCE_INIT;
static long cubes[SIZE];
static int fills; /* only touched inside fill_cubes */

static void fill_cubes(void)
{
    fills++;
    for (int k = 0; k < SIZE; k++)
        cubes[k] = (long)k * k * k;
}

static void *lookup(void *arg)
{
    long *sum = arg;
    pthread_once(&cubes_once, fill_cubes);
    for (int k = 0; k < SIZE; k++)
        *sum += cubes[k];
    return NULL;
}

int main(void)
{
    pthread_t tid[NTHREADS];
    long sums[NTHREADS] = {0};
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, lookup, &sums[k]);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    long want = (long)(SIZE - 1) * (SIZE - 1) * SIZE * SIZE / 4; /* sum of the cubes below SIZE */
    for (int k = 0; k < NTHREADS; k++)
        assert(sums[k] == want);
    assert(fills == 1);
    printf("each thread summed %ld; table filled %d time(s)\n", sums[0], fills);
    return 0;
}
