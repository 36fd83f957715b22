/* explore_three: a three-thread program for bench/explore_throughput.sh: three workers,
 * each adding to a shared counter under a mutex twice and to a private one. Correct. */
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int shared;
static int mine[3];

static void *worker(void *arg)
{
    int id = *(int *)arg;
    for (int i = 0; i < 2; i++) {
        pthread_mutex_lock(&m);
        shared++;
        pthread_mutex_unlock(&m);
        mine[id]++;
    }
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    int ids[3] = {0, 1, 2};
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, &ids[i]);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    assert(shared == 6 && mine[0] + mine[1] + mine[2] == 6);
    return 0;
}
