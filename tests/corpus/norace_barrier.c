/* Phases separated by a pthread barrier: four threads smooth a ring of
 * values for a few rounds. In each round a thread computes out[me] from
 * in[me - 1], in[me] and in[me + 1], waits at the barrier, copies out[me]
 * back to in[me], and waits again. Every write is separated from the other
 * threads' reads by a barrier: no data race. main compares with a
 * sequential run of the same rounds. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { NTHREADS = 4, ROUNDS = 4 };

static pthread_barrier_t phase;
static long in[NTHREADS], out[NTHREADS];

static long smooth(const long *v, int k)
{
    return v[(k + NTHREADS - 1) % NTHREADS] + 2 * v[k] + v[(k + 1) % NTHREADS];
}

static void *step(void *arg)
{
    int me = *(const int *)arg;
    for (int r = 0; r < ROUNDS; r++) {
        out[me] = smooth(in, me);
        pthread_barrier_wait(&phase);
        in[me] = out[me];
        pthread_barrier_wait(&phase);
    }
    return NULL;
}

int main(void)
{
    long want[NTHREADS], next[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        in[k] = want[k] = k * k + 1;
    for (int r = 0; r < ROUNDS; r++) {
        for (int k = 0; k < NTHREADS; k++)
            next[k] = smooth(want, k);
        for (int k = 0; k < NTHREADS; k++)
            want[k] = next[k];
    }
    pthread_barrier_init(&phase, NULL, NTHREADS);
    pthread_t tid[NTHREADS];
    int ids[NTHREADS];
    for (int k = 0; k < NTHREADS; k++) {
        ids[k] = k;
        pthread_create(&tid[k], NULL, step, &ids[k]);
    }
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    pthread_barrier_destroy(&phase);
    for (int k = 0; k < NTHREADS; k++) {
        printf("%ld%c", in[k], k + 1 < NTHREADS ? ' ' : '\n');
        assert(in[k] == want[k]);
    }
    return 0;
}
