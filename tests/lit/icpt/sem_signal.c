// A semaphore posted by a signal handler: T1 waits in sem_wait, main waits in
// pthread_join, and only SIGALRM's handler (armed by alarm) posts. Every thread
// is blocked in the model until the alarm comes, which is no deadlock: the
// runtime sees that an alarm is pending for a handler of the program's, waits
// for it, and finds the semaphore posted behind the model's back. Under
// explore too, every execution ends normally.
// NOHANDLER: the handler does not post: once the alarm has come and gone it is
// a hang, reported as such.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %timeout %interleave run %t 2>%t.err >%t.out
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=NONE %s < %t.err
// RUN: %timeout %interleave explore --strategy random --budget 3 --no-shrink -- %t 2>&1 | FileCheck --check-prefix=EXPLORE %s
// RUN: %icc -O1 -g -DNOHANDLER %s -o %t.nh
// RUN: %not %timeout %interleave run %t.nh 2>&1 >/dev/null | FileCheck --check-prefix=HANG %s
//
// OUT: worker woke
// OUT: done
// NONE: interleave: no findings
// EXPLORE: interleave explore: 0 bugs in 3 executions
// HANG: interleave: hang
// HANG: T1 waits for semaphore `s`
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static sem_t s;

static void on_alarm(int sig)
{
    (void)sig;
#ifndef NOHANDLER
    sem_post(&s); /* async-signal-safe */
#endif
}

static void *worker(void *arg)
{
    (void)arg;
    sem_wait(&s);
    puts("worker woke");
    return NULL;
}

int main(void)
{
    sem_init(&s, 0, 0);
    signal(SIGALRM, on_alarm);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    alarm(1);
    pthread_join(t, NULL);
    puts("done");
    return 0;
}
