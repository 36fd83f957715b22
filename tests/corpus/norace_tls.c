/* A _Thread_local counter: one name, one object per thread (main has its
 * own), so the threads' increments never touch the same memory. Each thread
 * copies its count into its own slot of `counted`, which main reads after
 * the joins. No data race: a tool must keep the per-thread copies apart. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { NTHREADS = 4, STEP = 700 };

static _Thread_local int my_count;
static int counted[NTHREADS];

static void count_up(int n)
{
    while (n-- > 0)
        my_count++;
}

static void *counter(void *arg)
{
    int *slot = arg;
    int id = (int)(slot - counted);
    count_up(STEP * (id + 1));
    *slot = my_count;
    return NULL;
}

int main(void)
{
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, counter, &counted[k]);
    count_up(3);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    for (int k = 0; k < NTHREADS; k++)
        assert(counted[k] == STEP * (k + 1));
    assert(my_count == 3);
    printf("main counted %d, the last thread %d\n", my_count, counted[NTHREADS - 1]);
    return 0;
}
