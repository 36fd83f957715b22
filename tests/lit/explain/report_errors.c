// `interleave report` on files that are not good traces: one clear line each, never a
// crash. Missing file, not a trace, an unknown version, a corrupt line (what came before
// is still rendered), a truncated file (no summary), and a trace whose program is gone.
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s prog.c
// RUN: %icc -O1 -g prog.c -o prog
// RUN: %not %interleave run --save good.trace ./prog 2> /dev/null
// RUN: %not %interleave report missing.trace 2>&1 | %FileCheck --check-prefix=MISSING %s
// RUN: echo "hello" > notrace.txt
// RUN: %not %interleave report notrace.txt 2>&1 | %FileCheck --check-prefix=NOTRACE %s
// RUN: printf 'interleave-findings version=9\n' > v9.trace
// RUN: %not %interleave report v9.trace 2>&1 | %FileCheck --check-prefix=VERSION %s
// RUN: %python -c "import sys; l = open('good.trace').read().splitlines(True); i = [k for k, s in enumerate(l) if s.startswith('end ')][0]; open('corrupt.trace', 'w').write(''.join(l[:i+1]) + 'acc role=bogus\n' + ''.join(l[i+1:]))"
// RUN: %not %interleave report corrupt.trace > corrupt.out 2> corrupt.err
// RUN: %FileCheck --check-prefix=CORRUPT %s < corrupt.err
// RUN: %FileCheck --check-prefix=CORRUPT-OUT %s < corrupt.out
// RUN: %python -c "d = open('good.trace', 'rb').read(); open('cut.trace', 'wb').write(d[:len(d) * 2 // 3])"
// RUN: %not %interleave report cut.trace > cut.out 2> cut.err
// RUN: %FileCheck --check-prefix=CUT %s < cut.err
// RUN: head -c 0 good.trace > empty.trace
// RUN: %not %interleave report empty.trace 2>&1 | %FileCheck --check-prefix=EMPTY %s
// RUN: mv prog prog.gone
// RUN: %not %interleave report good.trace > gone.out 2> gone.err
// RUN: %FileCheck --check-prefix=GONE %s < gone.err
// RUN: %FileCheck --check-prefix=GONE-OUT %s < gone.out
// RUN: %not %interleave report 2>&1 | %FileCheck --check-prefix=USAGE %s
#include <pthread.h>

static int x;

static void *worker(void *arg)
{
    (void)arg;
    x++;
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

// MISSING: interleave report: cannot read missing.trace: No such file or directory
// NOTRACE: interleave report: notrace.txt is not a saved trace (it does not start with 'interleave-findings version=1')
// EMPTY: interleave report: empty.trace is not a saved trace
// VERSION: interleave report: cannot read v9.trace: findings stream version 9, expected 1
// CORRUPT: interleave report: corrupt.trace is corrupt at line {{[0-9]+}} ({{.*}}); rendering what came before it
// CORRUPT-OUT: interleave: data race on `x`
// CUT: interleave report: cut.trace was cut short (no summary line: the program did not finish normally); the reports may be incomplete
// GONE: interleave report: good.trace: {{.*}}prog no longer exists; code locations in it show as unknown (keep the program to symbolize a saved trace)
// GONE-OUT: interleave: data race on a global
// GONE-OUT: #0 ??
// USAGE: interleave report: missing FILE
