// A data race and a lost update on one counter, rendered by every renderer: the text
// report (with source lines and a help line), SARIF, the Chrome trace and HTML, both by
// `interleave run` and later from the saved trace by `interleave report`.
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s race.c
// RUN: %icc -O1 -g race.c -o race
// RUN: %not %interleave run --save race.trace --sarif run.sarif --trace run.json --html run.html ./race 2> run.txt
// RUN: %FileCheck --check-prefix=TEXT %s < run.txt
// RUN: %python %inputs/check_sarif.py run.sarif data-race lost-update
// RUN: %python %inputs/check_trace.py run.json
// RUN: %python %inputs/check_html.py run.html
// RUN: %not %interleave report race.trace > report.txt
// RUN: %FileCheck --check-prefix=TEXT %s < report.txt
// RUN: %not %interleave report --sarif rep.sarif --trace rep.json --html rep.html race.trace
// RUN: cmp run.json rep.json
// RUN: %FileCheck --check-prefix=SARIF %s < rep.sarif
// RUN: %FileCheck --check-prefix=TRACE %s < rep.json
// RUN: %FileCheck --check-prefix=HTML %s < rep.html
// RUN: env NO_COLOR=1 CLICOLOR_FORCE=1 %not %interleave report race.trace | %FileCheck --check-prefix=TEXT %s
// RUN: env CLICOLOR_FORCE=1 %not %interleave report race.trace | %FileCheck --check-prefix=COLOR %s
#include <pthread.h>
#include <stdio.h>

static volatile int counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2; i++)
        counter += 1;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, NULL);
    pthread_create(&t2, NULL, worker, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", counter);
    return 0;
}

// TEXT: interleave: data race on `counter` (global, 4 bytes at race.c:[[#DECL:]])
// TEXT:      #0 worker race.c:[[#LINE:]]
// TEXT-NEXT:    [[#LINE]] | counter += 1;
// TEXT:      help: protect every access to it with the same mutex, make it _Atomic
// TEXT:      interleave: lost update on `counter`
// TEXT:      help: make the read and the write one step
// TEXT:      interleave: 2 findings (1 data race, 1 lost update) in 1 run, seed 1;

// SARIF:      "version": "2.1.0"
// SARIF:      "id": "data-race"
// SARIF:      "id": "lost-update"
// SARIF:      "id": "deadlock"
// SARIF:      "ruleId": "data-race"
// SARIF:      "uri": "race.c"
// SARIF-NEXT: "uriBaseId": "%SRCROOT%"
// SARIF:      "startLine": [[#LINE:]]
// SARIF:      "relatedLocations"
// SARIF:      "codeFlows"
// SARIF:      "ruleId": "lost-update"

// TRACE: "name": "thread_name"
// TRACE: "name": "T1 (worker)"
// TRACE: "cat": "finding"
// TRACE: "location": "worker race.c:

// HTML: <svg
// HTML: <g class="ev mark"><title>T{{[12]}} (worker): {{read|write}} `counter`
// HTML: race.c:
// HTML: counter += 1;
// HTML: </svg>

// COLOR: {{.}}[1minterleave: {{.}}[1;31mdata race{{.}}[0m{{.}}[1m on `counter`
// COLOR: {{.}}[1;36mhelp:{{.}}[0m
