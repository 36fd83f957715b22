// Golden files, one per renderer, for a fixed program, compiler and seed: the text report,
// SARIF, the Chrome trace and HTML of `interleave report` on a saved trace, compared after
// golden.py has replaced the temporary directory and the tool version. After an intended
// change: INTERLEAVE_UPDATE_GOLDEN=1 lit ... rewrites them; review the diff.
// REQUIRES: runtime, gcc
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s golden.c
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g golden.c -o golden
// RUN: %not %interleave run --seed 1 --save golden.trace ./golden 2> /dev/null
// RUN: %not %interleave report --text --sarif golden.sarif --trace golden.json --html golden.html golden.trace > golden.txt
// RUN: %python %inputs/golden.py %inputs/golden.txt.golden golden.txt %t
// RUN: %python %inputs/golden.py %inputs/golden.sarif.golden golden.sarif %t
// RUN: %python %inputs/golden.py %inputs/golden.json.golden golden.json %t
// RUN: %python %inputs/golden.py %inputs/golden.html.golden golden.html %t
#include <pthread.h>

static long balance;

static void deposit(long amount)
{
    balance += amount;
}

static void *worker(void *arg)
{
    deposit((long)arg);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, (void *)10);
    pthread_create(&t2, NULL, worker, (void *)20);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return balance == 30 ? 0 : 1;
}
