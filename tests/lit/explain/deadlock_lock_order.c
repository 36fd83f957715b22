// Two threads take two mutexes in opposite orders; seed 1 deadlocks (seed 2 does not: if the
// scheduler changes, pick another seed that does). Every renderer
// reports the deadlock; the help says to take the mutexes in one order.
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s dl.c
// RUN: %icc -O1 -g dl.c -o dl
// RUN: %not %timeout %interleave run --seed 1 --save dl.trace --sarif dl.sarif --trace dl.json --html dl.html ./dl 2> run.txt
// RUN: %FileCheck %s < run.txt
// RUN: %python %inputs/check_sarif.py dl.sarif deadlock
// RUN: %python %inputs/check_trace.py dl.json
// RUN: %python %inputs/check_html.py dl.html
// RUN: %FileCheck --check-prefix=SARIF %s < dl.sarif
// RUN: %FileCheck --check-prefix=TRACE %s < dl.json
// RUN: %FileCheck --check-prefix=HTML %s < dl.html
// RUN: %not %interleave report dl.trace | %FileCheck --check-prefix=REPORT %s
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void *ab(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock_a);
    pthread_mutex_lock(&lock_b);
    shared++;
    pthread_mutex_unlock(&lock_b);
    pthread_mutex_unlock(&lock_a);
    return NULL;
}

static void *ba(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock_b);
    pthread_mutex_lock(&lock_a);
    shared++;
    pthread_mutex_unlock(&lock_a);
    pthread_mutex_unlock(&lock_b);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, ab, NULL);
    pthread_create(&b, NULL, ba, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("shared = %d\n", shared);
    return 0;
}

// CHECK: interleave: deadlock: every live thread is blocked
// CHECK: waits for mutex
// CHECK: help: take the mutexes in one global order in every thread
// CHECK: interleave: 1 finding (1 deadlock)

// SARIF: "ruleId": "deadlock"
// SARIF: "message": {
// SARIF-NEXT: "text": "deadlock: every live thread is blocked: T0 waits for thread T1;
// SARIF: "text": "T1 (ab) starts here"

// TRACE: "name": "T1 waits for mutex
// TRACE: "cat": "finding"

// HTML: <span class="kind">deadlock</span>
// HTML: <g class="blocked"><title>T1 waits for mutex

// REPORT: interleave: deadlock: every live thread is blocked
// REPORT: help: take the mutexes
// REPORT: interleave: 1 finding (1 deadlock) in 1 run, seed 1; the program's exit status is not known
