/* A relay through the levels 0..5 with CAS steps that only succeed from the
 * expected level: the odd thread owns the steps 0->1, 2->3 and 4->5, the
 * even thread 1->2 and 3->4. Level 5 (asserted never to happen) is reached
 * only if the threads alternate odd, even, odd, even, odd exactly at those
 * steps: three preemptions, no fewer. Every access is atomic: no data race. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int level;

static void advance(int from)
{
    atomic_compare_exchange_strong(&level, &from, from + 1);
}

static void *odd_steps(void *unused)
{
    (void)unused;
    for (int from = 0; from <= 4; from += 2)
        advance(from);
    return NULL;
}

static void *even_steps(void *unused)
{
    (void)unused;
    for (int from = 1; from <= 3; from += 2)
        advance(from);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, odd_steps, NULL);
    pthread_create(&b, NULL, even_steps, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    int reached = atomic_load(&level);
    printf("level %d\n", reached);
    fflush(stdout);
    assert(reached != 5);
    return 0;
}
