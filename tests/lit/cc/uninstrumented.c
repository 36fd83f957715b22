// A program that links the runtime but holds no instrumented code gets a clear
// one-line error from `interleave run`, not "no findings"; a plain object named
// on a link line gets a warning from the driver; -static is refused up front.
// REQUIRES: runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %gcc -O1 -g -pthread -c %s -o %t.dir/plain.o
// RUN: %icc %t.dir/plain.o -o %t.dir/plain 2>&1 | FileCheck --check-prefix=WARN %s
// WARN: interleave cc: warning: {{.*}}plain.o has no -fsanitize=thread instrumentation (it was not compiled with interleave cc): races in its code will not be seen
// RUN: not %interleave run %t.dir/plain > %t.dir/out 2> %t.dir/err
// RUN: FileCheck --check-prefix=ERR %s < %t.dir/err
// RUN: FileCheck --check-prefix=OUT %s < %t.dir/out
// ERR-NOT: no findings
// ERR: interleave run: {{.*}}plain contains no instrumented code (none of it was compiled with -fsanitize=thread), so no race can be seen: rebuild it with 'interleave cc'
// ERR-NOT: no findings
// OUT: hits=2
// RUN: not %interleave explore --budget 5 %t.dir/plain 2>&1 | FileCheck --check-prefix=XERR %s
// XERR: interleave explore: {{.*}}plain contains no instrumented code (none of it was compiled with -fsanitize=thread), so no race can be seen: rebuild it with 'interleave cc'
//
// An instrumented object links without a warning, and its run says nothing of this.
// RUN: %icc -O1 -c %s -o %t.dir/inst.o
// RUN: %icc %t.dir/inst.o -o %t.dir/inst 2>&1 | count 0
// RUN: not %interleave run %t.dir/inst 2>&1 | FileCheck --check-prefix=INST %s
// INST-NOT: no instrumented code
// INST: data race on `hits`
// INST-NOT: no instrumented code
//
// RUN: env INTERLEAVE_CC=gcc not %icc -static %s -o %t.dir/static 2>&1 | FileCheck --check-prefix=STATIC %s
// RUN: env INTERLEAVE_CC=clang not %icc -static-pie %s -o %t.dir/static 2>&1 | FileCheck --check-prefix=STATIC %s
// STATIC: interleave cc: -static is not supported: interleave's runtime reaches libc through the dynamic linker; link dynamically (-static-libgcc and -static-libstdc++ are fine)
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
