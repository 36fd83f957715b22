/* The two racing accesses are far apart in time: the first thread writes
 * `mode` at its very start and then does 100000 lock/unlock pairs on its own
 * private mutex and data; the second does the same amount of private work
 * first and reads `mode` at its very end. The private locks order nothing
 * between the threads: data race on mode. A detector that keeps only a short
 * history of recent accesses, or that lets the mutex operations in between
 * stand for synchronisation, misses it. */
#include <pthread.h>
#include <stdio.h>

enum { WORK = 100000, SCRATCH = 512 };

struct workspace {
    pthread_mutex_t mutex; /* private to one thread */
    unsigned scratch[SCRATCH];
    int seen_mode;
};

static int mode;

static void grind(struct workspace *w)
{
    for (int k = 0; k < WORK; k++) {
        pthread_mutex_lock(&w->mutex);
        w->scratch[k % SCRATCH] ^= (unsigned)k * 2654435761u;
        pthread_mutex_unlock(&w->mutex);
    }
}

static void *set_then_grind(void *arg)
{
    mode = 3;
    grind(arg);
    return NULL;
}

static void *grind_then_read(void *arg)
{
    struct workspace *w = arg;
    grind(w);
    w->seen_mode = mode;
    return NULL;
}

static struct workspace ws1 = {.mutex = PTHREAD_MUTEX_INITIALIZER};
static struct workspace ws2 = {.mutex = PTHREAD_MUTEX_INITIALIZER};

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, set_then_grind, &ws1);
    pthread_create(&b, NULL, grind_then_read, &ws2);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("mode seen: %d (scratch %u %u)\n", ws2.seen_mode, ws1.scratch[7], ws2.scratch[7]);
    return 0;
}
