/* A counter behind a POSIX spin lock. pthread_spin_lock / unlock exclude
 * and order like a mutex, so the plain `ticks` is race-free and no
 * increment is lost. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { NTHREADS = 4, ROUNDS = 5000 };

static pthread_spinlock_t ticks_lock;
static long ticks; /* guarded by ticks_lock */

static void *tick(void *unused)
{
    (void)unused;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_spin_lock(&ticks_lock);
        ticks++;
        pthread_spin_unlock(&ticks_lock);
    }
    return NULL;
}

int main(void)
{
    pthread_spin_init(&ticks_lock, PTHREAD_PROCESS_PRIVATE);
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, tick, NULL);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    pthread_spin_destroy(&ticks_lock);
    printf("ticks = %ld\n", ticks);
    assert(ticks == (long)NTHREADS * ROUNDS);
    return 0;
}
