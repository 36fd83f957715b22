/* A barrier set up for one participant too many: it waits for three
 * threads, but only the two workers call pthread_barrier_wait. Both block
 * there forever: a hang in every schedule (run it with a timeout). No data
 * race: each worker writes only its own slots. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

enum { NWORKERS = 2 };

static pthread_barrier_t meet;
static int before[NWORKERS], after[NWORKERS];

static void *work(void *arg)
{
    int me = *(const int *)arg;
    before[me] = 10 * (me + 1);
    pthread_barrier_wait(&meet); /* waits for a third thread that never comes */
    after[me] = before[(me + 1) % NWORKERS];
    return NULL;
}

int main(void)
{
    pthread_barrier_init(&meet, NULL, NWORKERS + 1); /* the bug: should be NWORKERS */
    pthread_t tid[NWORKERS];
    int ids[NWORKERS];
    for (int k = 0; k < NWORKERS; k++) {
        ids[k] = k;
        pthread_create(&tid[k], NULL, work, &ids[k]);
    }
    for (int k = 0; k < NWORKERS; k++)
        pthread_join(tid[k], NULL);
    printf("%d %d\n", after[0], after[1]);
    return 0;
}
