/* Message passing with a relaxed flag: the writer stores the plain
 * `payload` and then sets the atomic `published` with memory_order_relaxed;
 * the reader spins on a relaxed load and then reads payload. Relaxed
 * operations create no happens-before, so the two plain accesses of payload
 * race (not `published`, which is atomic). Under sequential consistency the
 * assert holds; weak hardware may make it fail. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

static int payload;
static atomic_int published;

static void *writer(void *unused)
{
    (void)unused;
    payload = 1234;
    atomic_store_explicit(&published, 1, memory_order_relaxed); /* needs release */
    return NULL;
}

static void *reader(void *unused)
{
    (void)unused;
    while (atomic_load_explicit(&published, memory_order_relaxed) == 0) /* needs acquire */
        sched_yield();
    assert(payload == 1234);
    return NULL;
}

int main(void)
{
    pthread_t w, r;
    pthread_create(&r, NULL, reader, NULL);
    pthread_create(&w, NULL, writer, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("payload = %d\n", payload);
    return 0;
}
