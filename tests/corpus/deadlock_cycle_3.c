/* Three diners, three forks, each diner takes the fork on its left and then
 * the one on its right: diner k locks fork[k] then fork[(k + 1) % 3]. No
 * two diners can deadlock on their own; all three must hold their left fork
 * at once. One preemption is enough: diner 0 takes fork 0 and is stopped,
 * diner 2 takes fork 2 and blocks on fork 0, diner 1 takes fork 1 and blocks
 * on fork 2, and diner 0 then blocks on fork 1. No data race. */
#include <pthread.h>
#include <stdio.h>

enum { DINERS = 3 };

static pthread_mutex_t fork_mutex[DINERS] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                             PTHREAD_MUTEX_INITIALIZER};
static int meals[DINERS]; /* meals[k] guarded by fork_mutex[k] */

static void *dine(void *arg)
{
    int k = *(const int *)arg;
    int left = k, right = (k + 1) % DINERS;
    pthread_mutex_lock(&fork_mutex[left]);
    pthread_mutex_lock(&fork_mutex[right]);
    meals[left]++;
    meals[right]++;
    pthread_mutex_unlock(&fork_mutex[right]);
    pthread_mutex_unlock(&fork_mutex[left]);
    return NULL;
}

int main(void)
{
    pthread_t tid[DINERS];
    int seat[DINERS];
    for (int k = 0; k < DINERS; k++) {
        seat[k] = k;
        pthread_create(&tid[k], NULL, dine, &seat[k]);
    }
    for (int k = 0; k < DINERS; k++)
        pthread_join(tid[k], NULL);
    printf("meals: %d %d %d\n", meals[0], meals[1], meals[2]);
    return 0;
}
