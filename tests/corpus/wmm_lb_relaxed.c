/* Litmus test LB (load buffering), relaxed:
 *   P0: seen0 = v; u = 1        P1: seen1 = u; v = 1
 * Under sequential consistency some load runs first and reads 0, so
 * seen0 == 1 && seen1 == 1 is impossible; C11 relaxed allows it (a load may
 * take its value from a store that comes later in the other thread). Not seen
 * on x86, rare on ARM. No data race. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int u, v;
static int seen0, seen1;

static void *p0(void *unused)
{
    (void)unused;
    seen0 = atomic_load_explicit(&v, memory_order_relaxed);
    atomic_store_explicit(&u, 1, memory_order_relaxed);
    return NULL;
}

static void *p1(void *unused)
{
    (void)unused;
    seen1 = atomic_load_explicit(&u, memory_order_relaxed);
    atomic_store_explicit(&v, 1, memory_order_relaxed);
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
    assert(!(seen0 == 1 && seen1 == 1)); /* only under weak memory */
    return 0;
}
