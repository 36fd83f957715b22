/* The correct twin of race_detached_exit.c: a detached thread fills
 * `squares` and its count, and only then posts the semaphore `filled`; main
 * waits for it before reading and returning. sem_post follows the last
 * shared write, so every write happens before main's reads, and the thread
 * touches nothing shared afterwards: no data race. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

enum { N = 80 };

static int squares[N];
static int nsquares;
static sem_t filled;

static void *fill(void *unused)
{
    (void)unused;
    for (int k = 0; k < N; k++)
        squares[k] = k * k;
    nsquares = N;
    sem_post(&filled);
    return NULL;
}

int main(void)
{
    pthread_t t;
    sem_init(&filled, 0, 0);
    pthread_create(&t, NULL, fill, NULL);
    pthread_detach(t);
    sem_wait(&filled);
    long sum = 0;
    for (int k = 0; k < nsquares; k++)
        sum += squares[k];
    printf("%d squares, sum %ld\n", nsquares, sum);
    assert(nsquares == N && sum == (long)(N - 1) * N * (2 * N - 1) / 6);
    return 0;
}
