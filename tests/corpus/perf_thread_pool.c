/* Benchmark: a pool of four workers serves tasks from a shared queue (one
 * mutex; condition variables for work, room and completion). main fills an
 * input array, submits one task per 10000 items, waits until every task is
 * done, then stops the pool. Each task hashes its items and adds the result
 * under the lock. Race-free; the printed sum is the same in every run.
 * Usage: perf_thread_pool [items=5000000] */
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { NWORKERS = 4, PER_TASK = 10000, QUEUE = 32 };

struct task {
    long first, end;
};

static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;
static pthread_cond_t space = PTHREAD_COND_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static struct task queue[QUEUE];
static int q_first, q_count, unfinished, stopping; /* guarded by pool_mutex */
static uint64_t result;                            /* guarded by pool_mutex */
static uint64_t *input;                            /* filled before the workers start */

static uint64_t hash(uint64_t v)
{
    for (int round = 0; round < 40; round++) {
        v += 0x632be59bd9b4e019ull;
        v = (v ^ (v >> 27)) * 0x94d049bb133111ebull;
    }
    return v >> 48;
}

static void *worker(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&pool_mutex);
    for (;;) {
        while (q_count == 0 && !stopping)
            pthread_cond_wait(&work, &pool_mutex);
        if (q_count == 0)
            break;
        struct task t = queue[q_first];
        q_first = (q_first + 1) % QUEUE;
        q_count--;
        pthread_cond_signal(&space);
        pthread_mutex_unlock(&pool_mutex);
        uint64_t part = 0;
        for (long k = t.first; k < t.end; k++)
            part += hash(input[k]);
        pthread_mutex_lock(&pool_mutex);
        result += part;
        if (--unfinished == 0)
            pthread_cond_signal(&finished);
    }
    pthread_mutex_unlock(&pool_mutex);
    return NULL;
}

static void submit(long first, long end)
{
    pthread_mutex_lock(&pool_mutex);
    while (q_count == QUEUE)
        pthread_cond_wait(&space, &pool_mutex);
    queue[(q_first + q_count) % QUEUE] = (struct task){first, end};
    q_count++;
    unfinished++;
    pthread_cond_signal(&work);
    pthread_mutex_unlock(&pool_mutex);
}

int main(int argc, char **argv)
{
    long items = argc > 1 ? atol(argv[1]) : 5000000;
    if (items < 0)
        items = 0;
    input = malloc(sizeof *input * (size_t)(items + 1));
    for (long k = 0; k < items; k++)
        input[k] = (uint64_t)k * 0x9e3779b97f4a7c15ull;
    pthread_t tid[NWORKERS];
    for (int k = 0; k < NWORKERS; k++)
        pthread_create(&tid[k], NULL, worker, NULL);
    for (long first = 0; first < items; first += PER_TASK)
        submit(first, first + PER_TASK < items ? first + PER_TASK : items);
    pthread_mutex_lock(&pool_mutex);
    while (unfinished > 0)
        pthread_cond_wait(&finished, &pool_mutex);
    stopping = 1;
    pthread_cond_broadcast(&work);
    uint64_t total = result;
    pthread_mutex_unlock(&pool_mutex);
    for (int k = 0; k < NWORKERS; k++)
        pthread_join(tid[k], NULL);
    uint64_t sample = 0;
    for (long k = 0; k < items && k < PER_TASK; k++)
        sample += hash(input[k]);
    assert(total >= sample);
    printf("%ld items hashed, sum %llu\n", items, (unsigned long long)total);
    free(input);
    return 0;
}
