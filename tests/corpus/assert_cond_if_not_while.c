/* A condition wait under `if` instead of `while`: two consumers each wait
 * for a job with `if (jobs == 0) pthread_cond_wait(...)`, two producers
 * post one job each. When the first consumer is woken but the second takes
 * the job before the first gets the mutex back (a stolen wakeup; a spurious
 * one does the same), the first goes on with jobs == 0 and
 * assert(jobs > 0) fails. No preemption is needed, and there is no data
 * race: everything happens under the mutex. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t jobs_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_posted = PTHREAD_COND_INITIALIZER;
static int jobs; /* guarded by jobs_mutex */

static void *post_job(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&jobs_mutex);
    jobs++;
    pthread_cond_signal(&job_posted);
    pthread_mutex_unlock(&jobs_mutex);
    return NULL;
}

static void *run_job(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&jobs_mutex);
    if (jobs == 0) /* the bug: a wakeup does not mean a job is there */
        pthread_cond_wait(&job_posted, &jobs_mutex);
    assert(jobs > 0);
    jobs--;
    pthread_mutex_unlock(&jobs_mutex);
    return NULL;
}

int main(void)
{
    pthread_t c1, c2, p1, p2;
    pthread_create(&c1, NULL, run_job, NULL);
    pthread_create(&c2, NULL, run_job, NULL);
    pthread_create(&p1, NULL, post_job, NULL);
    pthread_create(&p2, NULL, post_job, NULL);
    pthread_join(c1, NULL);
    pthread_join(c2, NULL);
    pthread_join(p1, NULL);
    pthread_join(p2, NULL);
    printf("jobs left: %d\n", jobs);
    return 0;
}
