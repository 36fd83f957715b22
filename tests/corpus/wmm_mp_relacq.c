/* Litmus test MP (message passing) with a release store and an acquire load
 * of the signal:
 *   P0: msg = 1 (relaxed); sig = 1 (release)
 *   P1: got_sig = sig (acquire); got_msg = msg (relaxed)
 * Reading sig == 1 synchronises with the release store, so P1 must then see
 * msg == 1: got_sig == 1 && got_msg == 0 is forbidden by C11. No data race,
 * the assert never fails (the correct twin of wmm_mp_relaxed.c). */
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
    atomic_store_explicit(&sig, 1, memory_order_release);
    return NULL;
}

static void *p1(void *unused)
{
    (void)unused;
    got_sig = atomic_load_explicit(&sig, memory_order_acquire);
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
    assert(!(got_sig == 1 && got_msg == 0)); /* forbidden by release/acquire */
    return 0;
}
