/* Benchmark: two producers send `items` numbers in total through a bounded
 * queue of 1024 slots (one mutex, condition variables `room` and `ready`)
 * to two consumers; after the producers are joined, main sends one 0 per
 * consumer to stop it. Race-free; the printed count and sum do not depend
 * on the schedule. Usage: perf_bounded_queue [items=2000000] */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { SLOTS = 1024, NPRODUCERS = 2, NCONSUMERS = 2 };

static pthread_mutex_t q_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t room = PTHREAD_COND_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static long slots[SLOTS];
static size_t q_head, q_len; /* guarded by q_mutex, like slots */
static long each;            /* numbers per producer, set before the threads start */

static void enqueue(long v)
{
    pthread_mutex_lock(&q_mutex);
    while (q_len == SLOTS)
        pthread_cond_wait(&room, &q_mutex);
    slots[(q_head + q_len) % SLOTS] = v;
    q_len++;
    pthread_cond_signal(&ready);
    pthread_mutex_unlock(&q_mutex);
}

static long dequeue(void)
{
    pthread_mutex_lock(&q_mutex);
    while (q_len == 0)
        pthread_cond_wait(&ready, &q_mutex);
    long v = slots[q_head];
    q_head = (q_head + 1) % SLOTS;
    q_len--;
    pthread_cond_signal(&room);
    pthread_mutex_unlock(&q_mutex);
    return v;
}

static void *produce(void *arg)
{
    long base = *(const long *)arg;
    for (long k = 1; k <= each; k++)
        enqueue(base + k); /* never 0 */
    return NULL;
}

struct tally {
    long count, sum;
};

static void *consume(void *arg)
{
    struct tally *t = arg;
    for (long v = dequeue(); v != 0; v = dequeue()) {
        t->count++;
        t->sum += v;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    long items = argc > 1 ? atol(argv[1]) : 2000000;
    each = items / NPRODUCERS;
    long base[NPRODUCERS];
    struct tally tallies[NCONSUMERS] = {{0, 0}};
    pthread_t prod[NPRODUCERS], cons[NCONSUMERS];
    for (int k = 0; k < NCONSUMERS; k++)
        pthread_create(&cons[k], NULL, consume, &tallies[k]);
    for (int k = 0; k < NPRODUCERS; k++) {
        base[k] = k * each;
        pthread_create(&prod[k], NULL, produce, &base[k]);
    }
    for (int k = 0; k < NPRODUCERS; k++)
        pthread_join(prod[k], NULL);
    for (int k = 0; k < NCONSUMERS; k++)
        enqueue(0);
    long count = 0, sum = 0;
    for (int k = 0; k < NCONSUMERS; k++) {
        pthread_join(cons[k], NULL);
        count += tallies[k].count;
        sum += tallies[k].sum;
    }
    long n = each * NPRODUCERS;
    printf("%ld numbers through the queue, sum %ld\n", count, sum);
    assert(count == n && sum == n * (n + 1) / 2);
    return 0;
}
