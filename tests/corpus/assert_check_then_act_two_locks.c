/* Ticket sales that check and act in two separate critical sections: a
 * buyer locks, sees enough seats, unlocks, then locks again to take them.
 * Every access to `seats` holds the mutex (no data race), but two buyers
 * can both see 10 >= 7 before either takes: assert(seats >= 0) fails. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t seats_mutex = PTHREAD_MUTEX_INITIALIZER;
static int seats = 10; /* guarded by seats_mutex */

static void *buy_seven(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&seats_mutex);
    int enough = seats >= 7;
    pthread_mutex_unlock(&seats_mutex);
    if (enough) {
        pthread_mutex_lock(&seats_mutex);
        seats -= 7; /* the check above may be stale by now */
        pthread_mutex_unlock(&seats_mutex);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, buy_seven, NULL);
    pthread_create(&b, NULL, buy_seven, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("seats left: %d\n", seats);
    fflush(stdout);
    assert(seats >= 0);
    return 0;
}
