/* Litmus test MP (message passing), all relaxed:
 *   P0: msg = 1; sig = 1        P1: got_sig = sig; got_msg = msg
 * got_sig == 1 && got_msg == 0 is impossible under sequential consistency
 * but allowed by C11 relaxed order (the stores or the loads may be
 * reordered: ARM and POWER do, x86 does not). Both variables are atomic, so
 * no data race; the assert can fail only under a weak memory model. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int msg, sig;
static int got_sig, got_msg;

static void *p0(void *unused)
{
    (void)unused;
    atomic_store_explicit(&msg, 1, memory_order_relaxed);
    atomic_store_explicit(&sig, 1, memory_order_relaxed);
    return NULL;
}

static void *p1(void *unused)
{
    (void)unused;
    got_sig = atomic_load_explicit(&sig, memory_order_relaxed);
    got_msg = atomic_load_explicit(&msg, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&b, NULL, p1, NULL);
    pthread_create(&a, NULL, p0, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("got_sig = %d, got_msg = %d\n", got_sig, got_msg);
    fflush(stdout);
    assert(!(got_sig == 1 && got_msg == 0)); /* only under weak memory */
    return 0;
}
