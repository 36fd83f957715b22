/* An order violation: main starts the worker and only afterwards installs
 * the `limits` the worker depends on. Both sides hold the mutex (no data
 * race), but nothing makes the worker wait: if it runs right after
 * pthread_create it finds limits still NULL and assert(limits != NULL)
 * fails. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

struct limits {
    int max_open;
};

static pthread_mutex_t limits_mutex = PTHREAD_MUTEX_INITIALIZER;
static const struct limits *limits; /* guarded by limits_mutex */
static int opened;                  /* guarded by limits_mutex */

static void *open_files(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&limits_mutex);
    assert(limits != NULL); /* assumes main has installed them */
    opened = limits->max_open;
    pthread_mutex_unlock(&limits_mutex);
    return NULL;
}

int main(void)
{
    static const struct limits defaults = {8};
    pthread_t t;
    pthread_create(&t, NULL, open_files, NULL);
    pthread_mutex_lock(&limits_mutex);
    limits = &defaults; /* too late when the worker ran first */
    pthread_mutex_unlock(&limits_mutex);
    pthread_join(t, NULL);
    printf("opened %d\n", opened);
    return 0;
}
