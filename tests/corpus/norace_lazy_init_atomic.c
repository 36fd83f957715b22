/* Double-checked locking done right (the twin of race_dcl_no_atomics.c):
 * `shared_pool` is an atomic pointer, the unlocked fast path loads it with
 * memory_order_acquire, and the creator stores it with memory_order_release
 * while holding the lock. A thread that never takes the lock still sees a
 * fully built pool: no data race. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

enum { NTHREADS = 3 };

struct pool {
    int capacity;
};

static _Atomic(struct pool *) shared_pool;
static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;

static struct pool *get_pool(void)
{
    struct pool *p = atomic_load_explicit(&shared_pool, memory_order_acquire);
    if (p != NULL)
        return p;
    pthread_mutex_lock(&pool_mutex);
    p = atomic_load_explicit(&shared_pool, memory_order_relaxed);
    if (p == NULL) {
        p = malloc(sizeof *p);
        p->capacity = 16;
        atomic_store_explicit(&shared_pool, p, memory_order_release);
    }
    pthread_mutex_unlock(&pool_mutex);
    return p;
}

static void *client(void *unused)
{
    (void)unused;
    assert(get_pool()->capacity == 16);
    return NULL;
}

int main(void)
{
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, client, NULL);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    struct pool *p = atomic_load(&shared_pool);
    printf("pool of %d\n", p->capacity);
    free(p);
    return 0;
}
