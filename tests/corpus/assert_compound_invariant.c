/* An invariant over two locks: stock in the `shelf` plus stock in the
 * `store_room` is always 50, but each has its own mutex. The restocker
 * moves 5 items at a time, first out of the store room (under its lock),
 * then onto the shelf (under the other). The counter reads both, one lock
 * at a time. No data race, yet the counter can look between the two halves
 * of a move: assert(seen == 50) fails. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t shelf_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t room_mutex = PTHREAD_MUTEX_INITIALIZER;
static int shelf = 0;       /* guarded by shelf_mutex */
static int store_room = 50; /* guarded by room_mutex */

static void *restock(void *unused)
{
    (void)unused;
    for (int k = 0; k < 4; k++) {
        pthread_mutex_lock(&room_mutex);
        store_room -= 5;
        pthread_mutex_unlock(&room_mutex);
        pthread_mutex_lock(&shelf_mutex);
        shelf += 5;
        pthread_mutex_unlock(&shelf_mutex);
    }
    return NULL;
}

static void *count_stock(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&room_mutex);
    int seen = store_room;
    pthread_mutex_unlock(&room_mutex);
    pthread_mutex_lock(&shelf_mutex);
    seen += shelf;
    pthread_mutex_unlock(&shelf_mutex);
    printf("counted %d items\n", seen);
    fflush(stdout);
    assert(seen == 50);
    return NULL;
}

int main(void)
{
    pthread_t r, c;
    pthread_create(&r, NULL, restock, NULL);
    pthread_create(&c, NULL, count_stock, NULL);
    pthread_join(r, NULL);
    pthread_join(c, NULL);
    return 0;
}
