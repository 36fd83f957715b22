/* Three threads, two of them ordered. The first writes `stage1` and then
 * raises `handed_over` under a mutex; the second takes the mutex, and only
 * if the flag is up reads stage1 (ordered after the write by the mutex: no
 * race) to write `stage2`; the third reads stage1 and stage2 with no
 * synchronisation. Data races on stage1 (first vs third) and stage2 (second
 * vs third); the second thread's read of stage1 must NOT be reported. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t hand_mutex = PTHREAD_MUTEX_INITIALIZER;
static int handed_over; /* guarded by hand_mutex */
static int stage1, stage2;

static void *first(void *unused)
{
    (void)unused;
    stage1 = 10;
    pthread_mutex_lock(&hand_mutex);
    handed_over = 1;
    pthread_mutex_unlock(&hand_mutex);
    return NULL;
}

static void *second(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&hand_mutex);
    int ready = handed_over;
    pthread_mutex_unlock(&hand_mutex);
    stage2 = ready ? stage1 * 2 : 0;
    return NULL;
}

static void *third(void *arg)
{
    int *seen = arg;
    seen[0] = stage1;
    seen[1] = stage2;
    return NULL;
}

int main(void)
{
    pthread_t a, b, c;
    int seen[2];
    pthread_create(&a, NULL, first, NULL);
    pthread_create(&b, NULL, second, NULL);
    pthread_create(&c, NULL, third, seen);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    printf("third saw %d and %d; stage2 = %d\n", seen[0], seen[1], stage2);
    return 0;
}
