// With the real runtime built, programs linked by the driver run, whichever
// compiler built their objects.
// REQUIRES: runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env INTERLEAVE_CC=gcc %icc -O1 %s -o %t.dir/gcc && %t.dir/gcc | FileCheck %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 %s -o %t.dir/clang && %t.dir/clang | FileCheck %s
// RUN: env INTERLEAVE_CC=gcc %icc -DPART=1 -c %s -o %t.dir/a.o
// RUN: env INTERLEAVE_CC=clang %icc -DPART=2 -c %s -o %t.dir/b.o
// RUN: %icc %t.dir/a.o %t.dir/b.o -o %t.dir/mixed && %t.dir/mixed | FileCheck %s
// CHECK: sum=6
#include <pthread.h>
#include <stdio.h>

#if PART != 2
int add(int a, int b);
static void *worker(void *arg)
{
    int *v = arg;
    *v = add(*v, 1);
    return NULL;
}
int main(void)
{
    int v[2] = {1, 2};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, &v[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("sum=%d\n", v[0] + v[1] + 1);
    return 0;
}
#endif
#if PART != 1
int add(int a, int b)
{
    return a + b;
}
#endif
