/* A lost wakeup: the sleeper tests the atomic `woken` before it takes the
 * mutex and then waits without testing again. If the waker sets woken and
 * signals between that test and pthread_cond_wait, the signal wakes nobody
 * and the sleeper waits forever (main is blocked joining it): a hang. woken
 * is atomic, so there is no data race. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static pthread_mutex_t bell_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t bell = PTHREAD_COND_INITIALIZER;
static atomic_int woken;

static void *sleeper(void *unused)
{
    (void)unused;
    if (!atomic_load(&woken)) { /* the bug: tested outside the mutex, once */
        pthread_mutex_lock(&bell_mutex);
        pthread_cond_wait(&bell, &bell_mutex);
        pthread_mutex_unlock(&bell_mutex);
    }
    return NULL;
}

static void *waker(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&bell_mutex);
    atomic_store(&woken, 1);
    pthread_cond_signal(&bell);
    pthread_mutex_unlock(&bell_mutex);
    return NULL;
}

int main(void)
{
    pthread_t s, w;
    pthread_create(&s, NULL, sleeper, NULL);
    pthread_create(&w, NULL, waker, NULL);
    pthread_join(s, NULL);
    pthread_join(w, NULL);
    puts("awake");
    return 0;
}
