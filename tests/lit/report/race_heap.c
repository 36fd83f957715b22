// A data race on a heap object: shown as the block, its size and the offset of
// the access, plus where the block was allocated. T1 writes `s->bytes`, T2 reads
// it after a relaxed flag (no ordering). The report is written when the program
// has ended, by then main has freed the block: what the report says about it
// must be what was true at the race. -DKEEP leaves the block allocated.
// REQUIRES: runtime
// RUN: %icc -O1 -g -DKEEP %s -o %t.keep
// RUN: %not %interleave run %t.keep 2>%t.keep.err >/dev/null
// RUN: FileCheck %s < %t.keep.err
// RUN: %icc -O1 -g %s -o %t
// RUN: %not %interleave run %t 2>%t.err >/dev/null
// RUN: FileCheck %s < %t.err
// RUN: %not %interleave run --seed 2 %t 2>&1 >/dev/null | FileCheck %s
//
// CHECK: interleave: data race on heap block of 16 bytes, offset 8 (8 bytes)
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

struct stats {
    long packets;
    long bytes;
};

static struct stats *s;
static atomic_int published;
long seen;

static void *reader(void *arg)
{
    while (!atomic_load_explicit(&published, memory_order_relaxed))
        ;
    // CHECK-NEXT: read of 8 bytes by T2:
    // CHECK-NEXT: #0 reader {{.*}}race_heap.c:[[@LINE+1]]
    seen = s->bytes;
    return arg;
}

static void *writer(void *arg)
{
    // CHECK: previous write of 8 bytes by T1:
    // CHECK-NEXT: #0 writer {{.*}}race_heap.c:[[@LINE+1]]
    s->bytes = 1500;
    atomic_store_explicit(&published, 1, memory_order_relaxed);
    return arg;
}

int main(void)
{
    pthread_t w, r;
    // CHECK: heap block of 16 bytes allocated by T0 at main {{.*}}race_heap.c:[[@LINE+1]]
    s = calloc(1, sizeof *s);
    pthread_create(&w, NULL, writer, NULL);
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("%ld\n", seen);
#ifndef KEEP
    free(s);
#endif
    return 0;
}
// CHECK: accesses to heap block of 16 bytes, offset 8:
// CHECK: interleave: 1 finding (1 data race)
