/* A thread locks a mutex it already holds: record_pair() holds log_mutex
 * and calls record(), which locks it again. A default mutex would block on
 * itself forever; log_mutex is PTHREAD_MUTEX_ERRORCHECK, so the second lock
 * fails with EDEADLK and assert(rc == 0) fails instead, in every schedule.
 * No data race. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t log_mutex;
static int records; /* guarded by log_mutex */

static void record(void)
{
    int rc = pthread_mutex_lock(&log_mutex);
    if (rc == EDEADLK)
        fputs("record: log_mutex is already held by this thread (EDEADLK)\n", stderr);
    assert(rc == 0);
    records++;
    pthread_mutex_unlock(&log_mutex);
}

static void record_pair(void)
{
    pthread_mutex_lock(&log_mutex);
    record(); /* the bug: log_mutex is held here */
    record();
    pthread_mutex_unlock(&log_mutex);
}

static void *logger(void *unused)
{
    (void)unused;
    record();
    record_pair();
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&log_mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_t t;
    pthread_create(&t, NULL, logger, NULL);
    pthread_join(t, NULL);
    printf("%d records\n", records);
    return 0;
}
