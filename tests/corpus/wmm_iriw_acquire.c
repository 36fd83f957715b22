/* Litmus test IRIW (independent reads of independent writes), release
 * stores and acquire loads, four threads:
 *   W0: u = 1     W1: v = 1     R0: a = u; b = v     R1: c = v; d = u
 * a == 1, b == 0, c == 1, d == 0 means the two readers saw the two writes
 * in opposite orders: impossible under sequential consistency and with
 * seq_cst, allowed by C11 release/acquire (seen only on hardware that is
 * not multi-copy atomic, such as POWER). No data race. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int u, v;
static int a, b, c, d;

static void *w0(void *unused)
{
    (void)unused;
    atomic_store_explicit(&u, 1, memory_order_release);
    return NULL;
}

static void *w1(void *unused)
{
    (void)unused;
    atomic_store_explicit(&v, 1, memory_order_release);
    return NULL;
}

static void *r0(void *unused)
{
    (void)unused;
    a = atomic_load_explicit(&u, memory_order_acquire);
    b = atomic_load_explicit(&v, memory_order_acquire);
    return NULL;
}

static void *r1(void *unused)
{
    (void)unused;
    c = atomic_load_explicit(&v, memory_order_acquire);
    d = atomic_load_explicit(&u, memory_order_acquire);
    return NULL;
}

int main(void)
{
    void *(*role[4])(void *) = {r0, r1, w0, w1};
    pthread_t tid[4];
    for (int k = 0; k < 4; k++)
        pthread_create(&tid[k], NULL, role[k], NULL);
    for (int k = 0; k < 4; k++)
        pthread_join(tid[k], NULL);
    printf("a = %d, b = %d, c = %d, d = %d\n", a, b, c, d);
    fflush(stdout);
    assert(!(a == 1 && b == 0 && c == 1 && d == 0)); /* only under weak memory */
    return 0;
}
