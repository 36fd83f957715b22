/* The smallest lost update, as in the article's diagram: two threads, each
 * does `x += 1` twice on a plain int. One bad schedule is enough: T1 reads
 * 0 and is stopped before its store; T2 does both of its increments (x = 2);
 * T1 then stores 1 and 2 over them:
 *   T1 | r(0)                      w(1) r(1) w(2)
 *   T2 |      r(0) w(1) r(1) w(2)
 * x ends at 2 and assert(x == 4) fails. Every schedule races on x.
 * (`volatile` keeps the two increments two loads and two stores.) */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

static volatile int x;

static void *add_twice(void *unused)
{
    (void)unused;
    for (int n = 0; n < 2; n++)
        x += 1;
    return NULL;
}

int main(void)
{
    pthread_t one, two;
    pthread_create(&one, NULL, add_twice, NULL);
    pthread_create(&two, NULL, add_twice, NULL);
    pthread_join(one, NULL);
    pthread_join(two, NULL);
    printf("x = %d\n", x);
    fflush(stdout);
    assert(x == 4);
    return 0;
}
