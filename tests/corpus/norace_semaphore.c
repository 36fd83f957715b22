/* A one-value hand-over between two threads with two POSIX semaphores:
 * `slot_free` starts at 1, `slot_full` at 0. The plain `slot` is written only
 * after sem_wait(&slot_free) and read only after sem_wait(&slot_full), and
 * each sem_post orders what came before it: no data race, every value
 * arrives in order. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

enum { VALUES = 400 };

static sem_t slot_free, slot_full;
static int slot;

static void *give(void *unused)
{
    (void)unused;
    for (int v = 1; v <= VALUES; v++) {
        sem_wait(&slot_free);
        slot = v * 3;
        sem_post(&slot_full);
    }
    return NULL;
}

static void *take(void *arg)
{
    long *sum = arg;
    for (int v = 1; v <= VALUES; v++) {
        sem_wait(&slot_full);
        assert(slot == v * 3);
        *sum += slot;
        sem_post(&slot_free);
    }
    return NULL;
}

int main(void)
{
    long sum = 0;
    sem_init(&slot_free, 0, 1);
    sem_init(&slot_full, 0, 0);
    pthread_t g, t;
    pthread_create(&t, NULL, take, &sum);
    pthread_create(&g, NULL, give, NULL);
    pthread_join(g, NULL);
    pthread_join(t, NULL);
    sem_destroy(&slot_free);
    sem_destroy(&slot_full);
    printf("sum %ld\n", sum);
    assert(sum == 3L * VALUES * (VALUES + 1) / 2);
    return 0;
}
