/* Litmus test SB (store buffering) with seq_cst atomics:
 *   P0: u = 1; seen0 = v        P1: v = 1; seen1 = u
 * seq_cst operations form one total order, so seen0 == 0 && seen1 == 0 is
 * forbidden by C11 itself. No data race, and the assert never fails under
 * any correct memory model: a weak-memory tool must not report it. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int u, v;
static int seen0, seen1;

static void *p0(void *unused)
{
    (void)unused;
    atomic_store(&u, 1);
    seen0 = atomic_load(&v);
    return NULL;
}

static void *p1(void *unused)
{
    (void)unused;
    atomic_store(&v, 1);
    seen1 = atomic_load(&u);
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
    assert(seen0 == 1 || seen1 == 1); /* both 0 is forbidden by seq_cst */
    return 0;
}
