/* A spin lock written by hand: atomic_flag_test_and_set with acquire takes
 * it (yielding while it is held), atomic_flag_clear with release gives it
 * back. Each release is read by the next acquire, so consecutive critical
 * sections are ordered and the plain `served` counter inside them is
 * race-free. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

enum { NTHREADS = 3, ROUNDS = 1500 };

static atomic_flag busy = ATOMIC_FLAG_INIT;
static long served; /* guarded by busy */

static void take(void)
{
    while (atomic_flag_test_and_set_explicit(&busy, memory_order_acquire))
        sched_yield();
}

static void give_back(void)
{
    atomic_flag_clear_explicit(&busy, memory_order_release);
}

static void *serve(void *unused)
{
    (void)unused;
    for (int k = 0; k < ROUNDS; k++) {
        take();
        served++;
        give_back();
    }
    return NULL;
}

int main(void)
{
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, serve, NULL);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    printf("served %ld\n", served);
    assert(served == (long)NTHREADS * ROUNDS);
    return 0;
}
