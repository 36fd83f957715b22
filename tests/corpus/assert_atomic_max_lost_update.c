/* A running maximum kept with an atomic load, a comparison and a separate
 * atomic store instead of a compare-and-swap loop. Every access is atomic
 * (no data race), but a thread can load, be stopped, and then store its
 * smaller value over a larger one stored in the meantime:
 * assert(highest == 70) fails. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { NTHREADS = 3 };

static atomic_int highest;

static void *offer(void *arg)
{
    int mine = *(const int *)arg;
    if (mine > atomic_load(&highest))
        atomic_store(&highest, mine); /* not a CAS: may lower the maximum */
    return NULL;
}

int main(void)
{
    int offers[NTHREADS] = {40, 70, 55};
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, offer, &offers[k]);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    int h = atomic_load(&highest);
    printf("highest = %d\n", h);
    fflush(stdout);
    assert(h == 70);
    return 0;
}
