/* A race that only a rare schedule shows. Each thread raises its own atomic
 * flag, looks at the other's, touches the plain `cell` only when the other
 * flag is up too, and lowers its flag. Both threads touch cell only if each
 * is stopped while its flag is up and the other then checks: two
 * preemptions. In every other schedule at most one thread touches cell, so
 * most runs see no race; the ones that do race on cell. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int left_up, right_up;
static int cell;
static int right_saw = -1; /* the right thread's, read by main after join */

static void *left(void *unused)
{
    (void)unused;
    atomic_store(&left_up, 1);
    if (atomic_load(&right_up))
        cell = 5;
    atomic_store(&left_up, 0);
    return NULL;
}

static void *right(void *unused)
{
    (void)unused;
    atomic_store(&right_up, 1);
    if (atomic_load(&left_up))
        right_saw = cell;
    atomic_store(&right_up, 0);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, left, NULL);
    pthread_create(&b, NULL, right, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("cell = %d, right saw %d\n", cell, right_saw);
    return 0;
}
