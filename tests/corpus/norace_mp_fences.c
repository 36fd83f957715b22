/* Message passing with standalone fences: the flag `go` is only ever
 * accessed with memory_order_relaxed, but the sender issues
 * atomic_thread_fence(memory_order_release) before setting it and the
 * receiver atomic_thread_fence(memory_order_acquire) after seeing it. In
 * C11 the two fences synchronise, which orders the plain `value`: no data
 * race. (ThreadSanitizer ignores standalone fences and reports one.) */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

static int value;
static atomic_int go;

static void *sender(void *unused)
{
    (void)unused;
    value = 99;
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&go, 1, memory_order_relaxed);
    return NULL;
}

static void *receiver(void *unused)
{
    (void)unused;
    while (atomic_load_explicit(&go, memory_order_relaxed) == 0)
        sched_yield();
    atomic_thread_fence(memory_order_acquire);
    assert(value == 99);
    return NULL;
}

int main(void)
{
    pthread_t s, r;
    pthread_create(&r, NULL, receiver, NULL);
    pthread_create(&s, NULL, sender, NULL);
    pthread_join(s, NULL);
    pthread_join(r, NULL);
    printf("value = %d\n", value);
    return 0;
}
