// No data race report: race.c with the flag stored with release and loaded with
// acquire, which orders the write of `data` before its read. The report is empty,
// the exit status 0 (or the program's own status), stdout untouched.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %interleave run %t 2>%t.err >%t.out
// RUN: FileCheck %s < %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: %interleave run --seed 2 %t 2>&1 >/dev/null | FileCheck --check-prefix=SEED2 %s
// RUN: %interleave run --seed 3 %t 2>&1 >/dev/null | FileCheck --check-prefix=SEED3 %s
// RUN: sh -c '%interleave run %t >/dev/null 2>&1; echo status=$?' | FileCheck --check-prefix=STATUS %s
// -q: not even the summary line.
// RUN: %interleave run -q %t 2>&1 >/dev/null | count 0
// Without a finding, the exit status is the program's own.
// RUN: %icc -O1 -g -DEXIT=3 %s -o %t.exit3
// RUN: sh -c '%interleave run %t.exit3 >/dev/null 2>&1; echo status=$?' | FileCheck --check-prefix=STATUS3 %s
// RUN: %not %interleave run %t.exit3 2>&1 >/dev/null | FileCheck --check-prefix=EXIT3 %s
//
// CHECK-NOT: data race
// CHECK: interleave: no findings in 1 run, seed 1; program exited with status 0
// CHECK-NOT: {{.}}
// SEED2: interleave: no findings in 1 run, seed 2; program exited with status 0
// SEED3: interleave: no findings in 1 run, seed 3; program exited with status 0
// OUT: start
// OUT-NEXT: seen 42
// OUT-NOT: {{.}}
// STATUS: status=0{{$}}
// STATUS3: status=3{{$}}
// EXIT3: interleave: no findings in 1 run, seed 1; program exited with status 3
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#ifndef EXIT
#define EXIT 0
#endif

int data __attribute__((aligned(64)));
int seen;
static atomic_int published __attribute__((aligned(64)));

static void *reader(void *arg)
{
    while (!atomic_load_explicit(&published, memory_order_acquire))
        ;
    seen = data;
    return arg;
}

static void *writer(void *arg)
{
    data = 42;
    atomic_store_explicit(&published, 1, memory_order_release);
    return arg;
}

int main(void)
{
    pthread_t w, r;
    printf("start\n");
    pthread_create(&w, NULL, writer, NULL);
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("seen %d\n", seen);
    return EXIT;
}
