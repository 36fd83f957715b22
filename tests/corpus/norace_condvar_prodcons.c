/* A three-slot ring between one producer and two consumers, with one mutex
 * and the condition variables `has_space` / `has_items`, every wait in a
 * `while` loop. The producer sends 1..COUNT and then a -1 per consumer to
 * stop it. No data race; the consumers' sums always add up to
 * COUNT * (COUNT + 1) / 2. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { SLOTS = 3, COUNT = 800, NCONSUMERS = 2 };

static pthread_mutex_t ring_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t has_space = PTHREAD_COND_INITIALIZER;
static pthread_cond_t has_items = PTHREAD_COND_INITIALIZER;
static int ring[SLOTS];
static int first, used; /* guarded by ring_mutex, like ring */

static void send(int v)
{
    pthread_mutex_lock(&ring_mutex);
    while (used == SLOTS)
        pthread_cond_wait(&has_space, &ring_mutex);
    ring[(first + used) % SLOTS] = v;
    used++;
    pthread_cond_signal(&has_items);
    pthread_mutex_unlock(&ring_mutex);
}

static int receive(void)
{
    pthread_mutex_lock(&ring_mutex);
    while (used == 0)
        pthread_cond_wait(&has_items, &ring_mutex);
    int v = ring[first];
    first = (first + 1) % SLOTS;
    used--;
    pthread_cond_signal(&has_space);
    pthread_mutex_unlock(&ring_mutex);
    return v;
}

static void *produce(void *unused)
{
    (void)unused;
    for (int v = 1; v <= COUNT; v++)
        send(v);
    for (int k = 0; k < NCONSUMERS; k++)
        send(-1);
    return NULL;
}

static void *consume(void *arg)
{
    long *sum = arg;
    for (int v = receive(); v != -1; v = receive())
        *sum += v;
    return NULL;
}

int main(void)
{
    pthread_t prod, cons[NCONSUMERS];
    long sums[NCONSUMERS] = {0};
    for (int k = 0; k < NCONSUMERS; k++)
        pthread_create(&cons[k], NULL, consume, &sums[k]);
    pthread_create(&prod, NULL, produce, NULL);
    pthread_join(prod, NULL);
    for (int k = 0; k < NCONSUMERS; k++)
        pthread_join(cons[k], NULL);
    printf("received %ld\n", sums[0] + sums[1]);
    assert(sums[0] + sums[1] == (long)COUNT * (COUNT + 1) / 2);
    return 0;
}
