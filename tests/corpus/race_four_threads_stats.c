/* Three workers record events, each in its own slot of `per_worker` (no
 * race: one writer per slot) and in the shared plain `grand_total`; a
 * fourth thread samples grand_total while they run. Data race on
 * grand_total (worker against worker, and against the sampler); lost
 * updates make assert(grand_total == sum of the slots) fail. The slots must
 * not be reported. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

enum { NWORKERS = 3, EVENTS = 240, SAMPLES = 4 };

static int per_worker[NWORKERS];
static long grand_total;

static void *record(void *arg)
{
    int *slot = arg;
    for (int k = 0; k < EVENTS; k++) {
        (*slot)++;
        grand_total++;
        if (k % 60 == 0)
            sched_yield();
    }
    return NULL;
}

static void *sample(void *arg)
{
    long *latest = arg;
    for (int k = 0; k < SAMPLES; k++) {
        *latest = grand_total;
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t workers[NWORKERS], sampler;
    long latest = 0;
    pthread_create(&sampler, NULL, sample, &latest);
    for (int k = 0; k < NWORKERS; k++)
        pthread_create(&workers[k], NULL, record, &per_worker[k]);
    for (int k = 0; k < NWORKERS; k++)
        pthread_join(workers[k], NULL);
    pthread_join(sampler, NULL);
    long sum = 0;
    for (int k = 0; k < NWORKERS; k++)
        sum += per_worker[k];
    printf("grand total %ld, slots %ld, sampled %ld\n", grand_total, sum, latest);
    fflush(stdout);
    assert(grand_total == sum);
    return 0;
}
