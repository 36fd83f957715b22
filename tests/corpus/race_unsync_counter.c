/* Four workers clamp their own quarter of `samples` (disjoint slices: no
 * race there) and count what they handled in one shared plain counter,
 * `items_done`, with `items_done++`. Data race on items_done; two workers
 * can read the same count and one increment is lost, so
 * assert(items_done == NSAMPLES) can fail. The slices must not be reported. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { NWORKERS = 4, NSAMPLES = 4000, SLICE = NSAMPLES / NWORKERS };

static int samples[NSAMPLES];
static long items_done; /* shared by all workers, never locked */

static void *clamp_slice(void *arg)
{
    int *slice = arg;
    for (int k = 0; k < SLICE; k++) {
        if (slice[k] > 50)
            slice[k] = 50;
        items_done++;
    }
    return NULL;
}

int main(void)
{
    for (int k = 0; k < NSAMPLES; k++)
        samples[k] = (k * 37) % 101;
    pthread_t tid[NWORKERS];
    for (int w = 0; w < NWORKERS; w++)
        pthread_create(&tid[w], NULL, clamp_slice, &samples[w * SLICE]);
    for (int w = 0; w < NWORKERS; w++)
        pthread_join(tid[w], NULL);
    printf("%ld of %d samples counted\n", items_done, NSAMPLES);
    fflush(stdout);
    assert(items_done == NSAMPLES);
    return 0;
}
