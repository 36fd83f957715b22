// `interleave report` never states what the saved file does not say: a trace (or an
// exploration's results) of a program rebuilt since is shown with raw addresses and the
// reason, not symbolized against the new build (which would name a variable the traced
// program did not have); random bytes are "not a saved trace" and nothing else, also
// after a valid first line.
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s prog.c
// RUN: %icc -O1 -g prog.c -o prog
// RUN: %not %interleave run --save good.trace ./prog 2> /dev/null
// RUN: %not %interleave explore --save good.res ./prog 2> /dev/null
// RUN: FileCheck --check-prefix=SAVED %s < good.trace
// RUN: %not %interleave report good.trace > same.out 2> same.err
// RUN: FileCheck --check-prefix=SAME %s < same.out
// RUN: FileCheck --allow-empty --check-prefix=QUIET %s < same.err
// From another directory, the results (of ./prog) still name the same, unchanged build:
// RUN: cd .. && %not %interleave report --sarif %t/same.sarif %t/good.res 2> %t/elsewhere.err
// RUN: cd %t && FileCheck --allow-empty --check-prefix=QUIET %s < elsewhere.err
// RUN: FileCheck --check-prefix=SAME-SARIF %s < same.sarif
//
// RUN: %icc -O1 -g -DREBUILT prog.c -o prog
// RUN: %not %interleave report good.trace > rebuilt.out 2> rebuilt.err
// RUN: FileCheck --check-prefix=REBUILT %s < rebuilt.err
// RUN: FileCheck --check-prefix=REBUILT-OUT %s < rebuilt.out
// RUN: %not %interleave report --sarif r.sarif good.res 2> res.err
// RUN: FileCheck --check-prefix=RESULTS %s < res.err
// RUN: FileCheck --check-prefix=RESULTS-SARIF %s < r.sarif
//
// RUN: %python -c "import random; random.seed(7); open('random.bin', 'wb').write(bytes(random.randrange(256) for _ in range(4096)))"
// RUN: %not %interleave report random.bin > random.out 2> random.err
// RUN: FileCheck --check-prefix=RANDOM %s < random.err
// RUN: FileCheck --allow-empty --check-prefix=NOTHING %s < random.out
// RUN: %python -c "import random; random.seed(7); open('header.trace', 'wb').write(b'interleave-findings version=1\n' + bytes(random.randrange(256) for _ in range(4096)))"
// RUN: %not %interleave report header.trace > header.out 2> header.err
// RUN: FileCheck --check-prefix=HEADER %s < header.err
// RUN: FileCheck --allow-empty --check-prefix=NOTHING %s < header.out
#include <pthread.h>

#ifdef REBUILT
static volatile int shifted[1024]; /* moves x: its old address is inside this array now */
#endif
static volatile int x;

static void *worker(void *arg)
{
    (void)arg;
    x++;
#ifdef REBUILT
    shifted[3]++;
#endif
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, NULL);
    pthread_create(&t2, NULL, worker, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}

// SAVED: summary findings=
// SAVED: module-build id=0x{{[0-9a-f]+}} path={{.*}}prog
// SAME: interleave: data race on `x`
// QUIET-NOT: rebuilt
// QUIET-NOT: no longer exists
// SAME-SARIF: "text": "data race on `x`
// REBUILT: interleave report: good.trace: {{.*}}prog was rebuilt after the trace was saved (its build ID differs): its code and data are shown as raw addresses, not symbolized against the new build
// REBUILT-OUT-NOT: shifted
// REBUILT-OUT: interleave: data race on a global (4 bytes, 0x{{[0-9a-f]+}})
// REBUILT-OUT-NOT: shifted
// RESULTS: interleave report: {{.*}}prog was rebuilt after the results were saved (its build ID differs)
// RESULTS-SARIF-NOT: shifted
// RESULTS-SARIF: "text": "data race on a global
// RESULTS-SARIF-NOT: shifted
// RANDOM: interleave report: random.bin is not a saved trace
// RANDOM-NOT: corrupt
// NOTHING-NOT: {{.}}
// HEADER: interleave report: header.trace is not a saved trace (its first line is a trace header, but line {{[0-9]+}} is not a trace record
// HEADER-NOT: corrupt
