/* A lock-order inversion between two threads: `deposit` takes
 * ledger_mutex and then audit_mutex, `review` takes audit_mutex and then
 * ledger_mutex. If deposit is preempted while it holds only the first lock
 * and review takes the other, each waits for the other forever. No data
 * race: the counters are touched with both locks held. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t ledger_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t audit_mutex = PTHREAD_MUTEX_INITIALIZER;
static int entries, reviews; /* guarded by both mutexes */

static void *deposit(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&ledger_mutex);
    pthread_mutex_lock(&audit_mutex);
    entries++;
    pthread_mutex_unlock(&audit_mutex);
    pthread_mutex_unlock(&ledger_mutex);
    return NULL;
}

static void *review(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&audit_mutex);
    pthread_mutex_lock(&ledger_mutex); /* the other order */
    reviews++;
    pthread_mutex_unlock(&ledger_mutex);
    pthread_mutex_unlock(&audit_mutex);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, deposit, NULL);
    pthread_create(&b, NULL, review, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("%d entries, %d reviews\n", entries, reviews);
    return 0;
}
