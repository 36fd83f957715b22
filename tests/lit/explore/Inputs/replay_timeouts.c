/* Timeouts in explored executions are choices, not the clock: the sleeper and the timed
 * wait end at a decision of the schedule, so that replay, on a machine of any speed,
 * wakes them at the same decision as explore did. */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

int g_x;
volatile int g_count;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;

static void *worker(void *arg)
{
    usleep(1000); /* "let main go first" */
    g_x = 1;
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    for (int i = 0; i < 3000; i++)
        g_count++;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 1000000;
    if (ts.tv_nsec >= 1000000000)
        ts.tv_sec++, ts.tv_nsec -= 1000000000;
    pthread_mutex_lock(&m);
    pthread_cond_timedwait(&c, &m, &ts); /* nobody signals: it times out */
    pthread_mutex_unlock(&m);
    int seen = g_x;
    pthread_join(t, NULL);
    return seen;
}
