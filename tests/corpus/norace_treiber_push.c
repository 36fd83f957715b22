/* A lock-free stack that is only pushed to: four threads push nodes from
 * their own part of a pool with a compare-and-swap loop on the atomic
 * `head` (release on success). A node's plain fields are written by its
 * pusher before the CAS that publishes it, and main walks the stack after
 * the joins. No data race and, since nothing is popped, no ABA: all nodes
 * end up on the stack. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { NTHREADS = 4, EACH = 400, TOTAL = NTHREADS * EACH };

struct item {
    int key;
    struct item *below; /* plain: set before the item is published */
};

static struct item items[TOTAL];
static _Atomic(struct item *) head;

static void push(struct item *it)
{
    struct item *seen = atomic_load_explicit(&head, memory_order_relaxed);
    do
        it->below = seen;
    while (!atomic_compare_exchange_weak_explicit(&head, &seen, it, memory_order_release,
                                                  memory_order_relaxed));
}

static void *push_mine(void *arg)
{
    struct item *mine = arg;
    for (int k = 0; k < EACH; k++) {
        mine[k].key = (int)(&mine[k] - items);
        push(&mine[k]);
    }
    return NULL;
}

int main(void)
{
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, push_mine, &items[k * EACH]);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    long n = 0, keys = 0;
    for (struct item *it = atomic_load(&head); it != NULL; it = it->below) {
        n++;
        keys += it->key;
    }
    printf("%ld items on the stack, keys sum %ld\n", n, keys);
    assert(n == TOTAL && keys == (long)TOTAL * (TOTAL - 1) / 2);
    return 0;
}
