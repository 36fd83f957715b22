/* `requests` is meant to be guarded by stats_mutex, but the error path
 * counts under log_mutex instead. The two critical sections do not exclude
 * each other: data race on requests, and an increment can be lost, so
 * assert(requests == 2 * ROUNDS) fails. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { ROUNDS = 800 };

static pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;
static long requests; /* guarded by stats_mutex, in intention */

static void *serve_ok(void *unused)
{
    (void)unused;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_mutex_lock(&stats_mutex);
        requests++;
        pthread_mutex_unlock(&stats_mutex);
    }
    return NULL;
}

static void *serve_errors(void *unused)
{
    (void)unused;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_mutex_lock(&log_mutex); /* the bug: the wrong lock */
        requests++;
        pthread_mutex_unlock(&log_mutex);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, serve_ok, NULL);
    pthread_create(&b, NULL, serve_errors, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("requests = %ld\n", requests);
    fflush(stdout);
    assert(requests == 2 * ROUNDS);
    return 0;
}
