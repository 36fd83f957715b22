/* main hands each new thread the address of its own loop variable `idx`
 * and then increments it for the next thread. The child's read of *arg and
 * main's `idx++` are not ordered: data race on idx (on main's stack). The
 * children see wrong or repeated numbers, so the check that each number
 * was taken exactly once fails, even when main runs until it blocks in
 * pthread_join before any child starts. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { NCHILDREN = 4 };

static atomic_int taken[NCHILDREN + 1]; /* taken[NCHILDREN]: idx already past the end */

static void *child(void *arg)
{
    int mine = *(int *)arg;
    if (mine >= 0 && mine <= NCHILDREN)
        atomic_fetch_add(&taken[mine], 1);
    return NULL;
}

int main(void)
{
    pthread_t tid[NCHILDREN];
    int idx = 0;
    while (idx < NCHILDREN) {
        pthread_create(&tid[idx], NULL, child, &idx);
        idx++;
    }
    for (int k = 0; k < NCHILDREN; k++)
        pthread_join(tid[k], NULL);
    int ok = 1;
    for (int k = 0; k <= NCHILDREN; k++) {
        printf("number %d taken %d time(s)\n", k, atomic_load(&taken[k]));
        ok &= atomic_load(&taken[k]) == (k < NCHILDREN);
    }
    fflush(stdout);
    assert(ok);
    return 0;
}
