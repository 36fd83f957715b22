/* Benchmark: four threads each draw values from their own xorshift
 * generator and count them in their own row of `rows` (no sharing while
 * they count); at the end each adds its row into `histogram` under a
 * mutex. Race-free; the printed checksum is the same in every run.
 * Usage: perf_histogram [values_per_thread=12000000] */
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { NTHREADS = 4, BINS = 128 };

static pthread_mutex_t hist_mutex = PTHREAD_MUTEX_INITIALIZER;
static long histogram[BINS];      /* guarded by hist_mutex */
static long rows[NTHREADS][BINS]; /* row k belongs to thread k */
static long draws = 12000000;

static void *count(void *arg)
{
    long *row = arg;
    uint32_t me = (uint32_t)((row - rows[0]) / BINS);
    uint32_t s = 0x12345u + 7919u * me;
    for (long k = 0; k < draws; k++) {
        for (int step = 0; step < 3; step++) { /* a value is three generator steps */
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
        }
        row[s % BINS]++;
    }
    pthread_mutex_lock(&hist_mutex);
    for (int b = 0; b < BINS; b++)
        histogram[b] += row[b];
    pthread_mutex_unlock(&hist_mutex);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        draws = atol(argv[1]);
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, count, rows[k]);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    long total = 0;
    unsigned long long check = 1469598103934665603ull;
    for (int b = 0; b < BINS; b++) {
        total += histogram[b];
        check = (check ^ (unsigned long long)histogram[b]) * 1099511628211ull;
    }
    assert(total == draws * NTHREADS);
    printf("%ld values in %d bins, checksum %llu\n", total, BINS, check);
    return 0;
}
