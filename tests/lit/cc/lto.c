// Link-time optimisation keeps the instrumentation: gcc instruments -flto code
// at the link, so the driver's link must carry -fsanitize=thread (without
// taking gcc's libtsan). Each build must report the race on `hits` at line 19.
// REQUIRES: runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env INTERLEAVE_CC=gcc %icc -O2 -g -flto %s -o %t.dir/gcc
// RUN: not %interleave run %t.dir/gcc 2>&1 | FileCheck %s
// RUN: env INTERLEAVE_CC=gcc %icc -O2 -g -flto=auto -c %s -o %t.dir/gcc.o
// RUN: env INTERLEAVE_CC=gcc %icc -O2 %t.dir/gcc.o -o %t.dir/gcc2
// RUN: not %interleave run %t.dir/gcc2 2>&1 | FileCheck %s
// RUN: env INTERLEAVE_CC=clang %icc -O2 -g -flto %s -o %t.dir/clang
// RUN: not %interleave run %t.dir/clang 2>&1 | FileCheck %s
// RUN: nm %t.dir/gcc | FileCheck --check-prefix=NOTSAN %s
// CHECK: data race on `hits`
// CHECK: lto.c:[[@LINE+10]]
// NOTSAN-NOT: __tsan_{{.*}}@
#include <pthread.h>
#include <stdio.h>

int hits;

static void *worker(void *arg)
{
    (void)arg;
    hits++;
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("hits=%d\n", hits);
    return 0;
}
