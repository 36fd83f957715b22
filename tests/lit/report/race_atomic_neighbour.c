// No false report on an atomic field next to a plain one. A message is
// published with the usual pattern: T1 writes the plain `m.data`, then stores
// the atomic `m.ready` with release; T2 loads `m.ready` with acquire, then reads
// `m.data`. Both fields share one 8-byte word. This program has no data race:
// the atomic accesses to `m.ready` never race with each other, and the plain
// ones are ordered by the release/acquire pair. (Unit test of the same:
// test_atomic_and_plain_neighbours in tests/unit/test_detect.c.)
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %interleave run %t 2>%t.err >%t.out
// RUN: FileCheck %s < %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: %interleave run --seed 2 %t 2>&1 >/dev/null | FileCheck --check-prefix=SEED2 %s
// With -DRELAXED the flag orders nothing: the race on `m.data`, and only that.
// RUN: %icc -O1 -g -DRELAXED %s -o %t.relaxed
// RUN: %not %interleave run %t.relaxed 2>&1 >/dev/null | FileCheck --check-prefix=RELAXED %s
//
// CHECK-NOT: data race
// CHECK: interleave: no findings in 1 run, seed 1; program exited with status 0
// SEED2-NOT: data race
// SEED2: interleave: no findings in 1 run, seed 2; program exited with status 0
// OUT: data 42
// RELAXED-NOT: data race on `m.ready`
// RELAXED: interleave: data race on `m.data`
// RELAXED-NOT: data race on `m.ready`
// RELAXED: interleave: 1 finding (1 data race)
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#ifdef RELAXED
#define PUBLISH memory_order_relaxed
#define OBSERVE memory_order_relaxed
#else
#define PUBLISH memory_order_release
#define OBSERVE memory_order_acquire
#endif

struct msg {
    int data;
    atomic_int ready;
};
struct msg m __attribute__((aligned(8)));
int got;

static void *consumer(void *arg)
{
    while (!atomic_load_explicit(&m.ready, OBSERVE))
        ;
    got = m.data;
    return arg;
}

static void *producer(void *arg)
{
    m.data = 42;
    atomic_store_explicit(&m.ready, 1, PUBLISH);
    return arg;
}

int main(void)
{
    pthread_t p, c;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("data %d\n", got);
    return 0;
}
