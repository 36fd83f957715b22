// Named semaphores (sem_open) are modelled like unnamed ones, keyed by the
// address of the process's mapping; their initial value is read from the
// real semaphore. A detached worker publishes its results and posts; main
// waits before reading them: race-free. The BUG variant posts before the
// last write: that write and main's read are unordered in every schedule
// (main also waits for the worker's end there, so the write always happens).
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS="report_fd=2 seed=2" %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DBUG %s -o %t.bug && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug 2>&1 | FileCheck --check-prefix=RACE %s
//
// OUT: initial value 1
// OUT: results 100 sum 14850
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

static int results[100];
static int nresults;
static sem_t *done;
#ifdef BUG
static sem_t fin;
#endif

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        results[i] = 3 * i;
#ifdef BUG
    sem_post(done);
    nresults = 100;
    sem_post(&fin);
#else
    nresults = 100;
    sem_post(done);
#endif
    return NULL;
}

int main(void)
{
    char name[64];
    snprintf(name, sizeof name, "/interleave-lit-%d", (int)getpid());
    done = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
    if (done == SEM_FAILED) {
        perror("sem_open");
        return 1;
    }
    sem_unlink(name);
    int v = -1;
    sem_getvalue(done, &v);
    printf("initial value %d\n", v);
    sem_wait(done); /* takes the initial 1 */
#ifdef BUG
    sem_init(&fin, 0, 0);
#endif
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_detach(t);
    sem_wait(done);
    long sum = 0;
    for (int i = 0; i < nresults; i++)
        sum += results[i];
#ifdef BUG
    sem_wait(&fin);
#endif
    printf("results %d sum %ld\n", nresults, sum);
    sem_close(done);
    return 0;
}
