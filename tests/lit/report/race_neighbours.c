// Two racy variables in one 8-byte word are two reports. T1 writes both fields
// of `pair`; T2 reads both after a relaxed flag that orders nothing. The races
// on `pair.left` and `pair.right` are distinct (different variables, different
// code): reporting one must not hide the other. A third field `pair.other` in the
// next word is written and read under a mutex: never reported.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %not %interleave run %t 2>%t.err >/dev/null
// RUN: FileCheck %s < %t.err
// RUN: %not %interleave run --seed 2 %t 2>&1 >/dev/null | FileCheck %s
//
// CHECK-NOT: pair.other
// CHECK-DAG: interleave: data race on `pair.left` (global, 4 bytes at
// CHECK-DAG: interleave: data race on `pair.right` (global, 4 bytes at
// CHECK-NOT: pair.other
// CHECK: interleave: 2 findings (2 data races)
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

struct {
    int left;
    int right;
    long other;
} pair __attribute__((aligned(8)));
static atomic_int published __attribute__((aligned(64)));
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
int sum;

static void *reader(void *arg)
{
    while (!atomic_load_explicit(&published, memory_order_relaxed))
        ;
    int l = pair.left;
    int r = pair.right;
    pthread_mutex_lock(&mu);
    sum = l + r + (int)pair.other;
    pthread_mutex_unlock(&mu);
    return arg;
}

static void *writer(void *arg)
{
    pthread_mutex_lock(&mu);
    pair.other = 3;
    pthread_mutex_unlock(&mu);
    pair.left = 1;
    pair.right = 2;
    atomic_store_explicit(&published, 1, memory_order_relaxed);
    return arg;
}

int main(void)
{
    pthread_t w, r;
    pthread_create(&w, NULL, writer, NULL);
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("sum %d\n", sum);
    return 0;
}
