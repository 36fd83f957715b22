/* The 2x2 counter with atomics that do not help: each of the two increments
 * per thread is an atomic load of `x` and then a separate atomic store. No
 * access races (all are atomic), yet the schedule of the racy version still
 * applies: T1 loads 0 and is stopped, T2 does both increments, T1 stores 1
 * and 2 over them, so the final value is 2 and assert(got == 4) fails. A
 * tool must show the lost update and report no data race. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int x;

static void *add_twice(void *unused)
{
    (void)unused;
    for (int n = 0; n < 2; n++) {
        int seen = atomic_load(&x);
        atomic_store(&x, seen + 1);
    }
    return NULL;
}

int main(void)
{
    pthread_t one, two;
    pthread_create(&one, NULL, add_twice, NULL);
    pthread_create(&two, NULL, add_twice, NULL);
    pthread_join(one, NULL);
    pthread_join(two, NULL);
    int got = atomic_load(&x);
    printf("x = %d\n", got);
    fflush(stdout);
    assert(got == 4);
    return 0;
}
