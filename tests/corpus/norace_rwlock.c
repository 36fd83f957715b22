/* A reader-writer lock around a pair that must always add up to 64: one
 * writer updates both halves under the write lock, three readers check the
 * sum under the read lock at the same time as each other. Readers together
 * are not a race, and the write lock excludes them all while the pair is
 * changed: no data race, the assert holds. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { NREADERS = 3, ROUNDS = 600 };

static pthread_rwlock_t pair_lock = PTHREAD_RWLOCK_INITIALIZER;
static int left = 64, right = 0; /* guarded by pair_lock */

static void *update(void *unused)
{
    (void)unused;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_rwlock_wrlock(&pair_lock);
        left = k % 65;
        right = 64 - left;
        pthread_rwlock_unlock(&pair_lock);
    }
    return NULL;
}

static void *check(void *arg)
{
    int *checked = arg;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_rwlock_rdlock(&pair_lock);
        assert(left + right == 64);
        pthread_rwlock_unlock(&pair_lock);
        ++*checked;
    }
    return NULL;
}

int main(void)
{
    pthread_t w, r[NREADERS];
    int checked[NREADERS] = {0};
    for (int k = 0; k < NREADERS; k++)
        pthread_create(&r[k], NULL, check, &checked[k]);
    pthread_create(&w, NULL, update, NULL);
    pthread_join(w, NULL);
    for (int k = 0; k < NREADERS; k++)
        pthread_join(r[k], NULL);
    printf("left %d right %d after %d checks\n", left, right, checked[0] + checked[1] + checked[2]);
    return 0;
}
