/* The 2x2 racy counter of the tests of explore's report files: two threads, two plain
 * `x += 1` each. When T1 stops between its first load and store while T2 runs to the
 * end, x ends at 2: a data race, a lost update, and assert(x == 4) fails. `volatile`
 * keeps the increments from merging. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

static volatile int x;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2; i++)
        x += 1; /* racy read-modify-write */
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, NULL);
    pthread_create(&t2, NULL, worker, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("x = %d\n", x);
    fflush(stdout);
    assert(x == 4);
    return 0;
}
