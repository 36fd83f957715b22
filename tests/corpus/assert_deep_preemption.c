/* A bug deep in the run. The transfer thread moves one unit from `from` to
 * `to` per step, each step in one critical section, except step LATE_STEP
 * of STEPS, which takes a slow path with two critical sections. The checker
 * reads from + to once, under the lock. No data race; the assert fails only
 * if the transfer thread is preempted between those two critical sections:
 * a single preemption, but about 10^4 events into the run, which a search
 * that prefers early preemptions finds late. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { STEPS = 2000, LATE_STEP = 1985 };

static pthread_mutex_t move_mutex = PTHREAD_MUTEX_INITIALIZER;
static int from = STEPS, to = 0; /* guarded by move_mutex; from + to == STEPS */

static void *transfer(void *unused)
{
    (void)unused;
    for (int k = 0; k < STEPS; k++) {
        pthread_mutex_lock(&move_mutex);
        from--;
        if (k == LATE_STEP) { /* slow path: the sum is off until the next section */
            pthread_mutex_unlock(&move_mutex);
            pthread_mutex_lock(&move_mutex);
        }
        to++;
        pthread_mutex_unlock(&move_mutex);
    }
    return NULL;
}

static void *check(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&move_mutex);
    int sum = from + to;
    pthread_mutex_unlock(&move_mutex);
    assert(sum == STEPS);
    return NULL;
}

int main(void)
{
    pthread_t t, c;
    pthread_create(&t, NULL, transfer, NULL);
    pthread_create(&c, NULL, check, NULL);
    pthread_join(t, NULL);
    pthread_join(c, NULL);
    printf("from %d, to %d\n", from, to);
    return 0;
}
