/* Double-checked locking with a plain pointer: get_pool() tests
 * `shared_pool` without the lock and only locks to create it. The unlocked
 * test races with the locked store, and a thread that finds the pointer set
 * reads shared_pool->capacity with nothing ordering it after the
 * initialisation: data races on shared_pool and shared_pool->capacity.
 * The correct version is norace_lazy_init_atomic.c. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { NTHREADS = 3 };

struct pool {
    int capacity;
};

static struct pool *shared_pool; /* the bug: not atomic */
static pthread_mutex_t pool_mutex = PTHREAD_MUTEX_INITIALIZER;

static struct pool *get_pool(void)
{
    if (shared_pool == NULL) { /* first check, without the lock */
        pthread_mutex_lock(&pool_mutex);
        if (shared_pool == NULL) {
            struct pool *p = malloc(sizeof *p);
            p->capacity = 16;
            shared_pool = p;
        }
        pthread_mutex_unlock(&pool_mutex);
    }
    return shared_pool;
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
    printf("pool of %d\n", shared_pool->capacity);
    free(shared_pool);
    return 0;
}
