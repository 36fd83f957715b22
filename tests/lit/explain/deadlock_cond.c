// main joins a thread that waits on a condition nobody signals: a deadlock in every
// schedule (reported as a hang). The help says to signal after changing the state and to wait in a loop.
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s cond.c
// RUN: %icc -O1 -g cond.c -o cond
// RUN: %not %timeout %interleave run --save cond.trace --sarif cond.sarif --trace cond.json --html cond.html ./cond 2> run.txt
// RUN: %FileCheck %s < run.txt
// RUN: %python %inputs/check_sarif.py cond.sarif 'deadlock|hang'
// RUN: %python %inputs/check_trace.py cond.json
// RUN: %python %inputs/check_html.py cond.html
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int ready;

static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    while (!ready)
        pthread_cond_wait(&c, &m);
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    pthread_join(t, NULL);
    return 0;
}

// The runtime calls this kind "hang" (a wait that nothing will end), not "deadlock".
// CHECK: interleave: {{deadlock|hang}}
// CHECK: T1 waits for
// CHECK: help: a thread waits on a condition that nobody signals
