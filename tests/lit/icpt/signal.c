// Signal handlers run with the hooks passing through: nothing schedules and
// nothing is recorded inside a handler, even though it runs instrumented
// code, and the thread is controlled again once the handler returns.
// sigaction and signal give back the user's own previous handler, never the
// runtime's wrapper. NEGATIVE: the handlers' accesses are not reported.
// POSITIVE (BUG): a race after the handlers ran is still found.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS=report_fd=2 %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DBUG %s -o %t.bug && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug 2>&1 | FileCheck --check-prefix=RACE %s
//
// OUT: old handler is the user's: yes
// OUT: signal() returned the user's: yes
// OUT: default not wrapped: yes
// OUT: handled 4 info 1
// OUT: counter 2000
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static int handled, info_seen; /* written by handlers in two threads, unordered */
static long counter;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
}

static void on_usr2(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    handled++;
    info_seen = si != NULL && si->si_signo == sig;
}

static void *worker(void *arg)
{
    (void)arg;
    raise(SIGUSR1); /* the handler's accesses race with main's, unrecorded */
    for (int i = 0; i < 1000; i++) {
#ifndef BUG
        pthread_mutex_lock(&m);
#endif
        counter++;
#ifndef BUG
        pthread_mutex_unlock(&m);
#endif
    }
    return NULL;
}

int main(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    sa.sa_handler = on_usr1;
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, NULL, &old);
    printf("old handler is the user's: %s\n",
           old.sa_sigaction == on_usr2 && (old.sa_flags & SA_SIGINFO) ? "yes" : "no");
    printf("signal() returned the user's: %s\n", signal(SIGUSR1, on_usr1) == on_usr1 ? "yes" : "no");
    signal(SIGHUP, SIG_IGN);
    printf("default not wrapped: %s\n", signal(SIGHUP, SIG_DFL) == SIG_IGN ? "yes" : "no");

    raise(SIGUSR1);
    raise(SIGUSR2);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("handled %d info %d\n", handled, info_seen);
    printf("counter %ld\n", counter);
    return 0;
}
