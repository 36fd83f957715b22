/* Litmus test SB (store buffering), relaxed:
 *   P0: u = 1; seen0 = v        P1: v = 1; seen1 = u
 * Under sequential consistency one of the stores comes first, so
 * seen0 == 0 && seen1 == 0 cannot happen; C11 relaxed atomics allow it, and
 * x86 store buffers produce it. All shared accesses are atomic (no data
 * race); the assert can fail only under a weak memory model. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int u, v;
static int seen0, seen1; /* each written by one thread, read by main after join */

static void *p0(void *unused)
{
    (void)unused;
    atomic_store_explicit(&u, 1, memory_order_relaxed);
    seen0 = atomic_load_explicit(&v, memory_order_relaxed);
    return NULL;
}

static void *p1(void *unused)
{
    (void)unused;
    atomic_store_explicit(&v, 1, memory_order_relaxed);
    seen1 = atomic_load_explicit(&u, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, p0, NULL);
    pthread_create(&b, NULL, p1, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("seen0 = %d, seen1 = %d\n", seen0, seen1);
    fflush(stdout);
    assert(seen0 == 1 || seen1 == 1); /* both 0: only under weak memory */
    return 0;
}
