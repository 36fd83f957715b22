// A lost update with atomics only (no data race): separate atomic load and store.
// Every renderer says lost-update, and the help suggests one atomic read-modify-write.
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s lu.c
// RUN: %icc -O1 -g lu.c -o lu
// RUN: %not %interleave run --save lu.trace ./lu 2> run.txt
// RUN: %FileCheck %s < run.txt
// RUN: %not %interleave report --sarif lu.sarif --trace lu.json --html lu.html lu.trace
// RUN: %python %inputs/check_sarif.py lu.sarif lost-update
// RUN: %python %inputs/check_trace.py lu.json
// RUN: %python %inputs/check_html.py lu.html
// RUN: %FileCheck --check-prefix=SARIF %s < lu.sarif
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static _Atomic int counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2; i++) {
        int v = atomic_load(&counter);
        atomic_store(&counter, v + 1);
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, NULL);
    pthread_create(&t2, NULL, worker, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", atomic_load(&counter));
    return 0;
}

// CHECK-NOT: data race
// CHECK:     interleave: lost update on `counter`
// CHECK:     help: separate atomic load and store let another thread's update fall in between
// CHECK:     interleave: 1 finding (1 lost update)

// SARIF-NOT: "ruleId": "data-race"
// SARIF:     "ruleId": "lost-update"
// SARIF:     "codeFlows"
