// A thread-confined value (Rust's Cell) touched by a second thread: the
// header's run-time check says so in one sentence and aborts, natively and
// under `interleave run`. Handing it over with ILV_CONFINED_SEND is fine.
// RUN: %gcc -O1 -g -pthread -I%srcroot/include %s -o %t.gcc
// RUN: not --crash %t.gcc 2>&1 | FileCheck --check-prefix=SHARED %s
// RUN: %t.gcc send 2>&1 | FileCheck --check-prefix=SEND %s
// RUN: %gcc -O1 -g -pthread -DNDEBUG -I%srcroot/include %s -o %t.ndebug
// RUN: not --crash %t.ndebug 2>&1 | FileCheck --check-prefix=SHARED %s
// RUN: %clang -O1 -g -pthread -Wthread-safety -Werror -I%srcroot/include %s -o %t.clang
// RUN: not --crash %t.clang 2>&1 | FileCheck --check-prefix=SHARED %s
// REQUIRES: runtime
// RUN: %icc -O1 -g -I%srcroot/include %s -o %t.icc
// RUN: not %interleave run %t.icc 2>&1 | FileCheck --check-prefixes=SHARED,UNDER %s
// RUN: %interleave run %t.icc send 2>&1 | FileCheck --check-prefixes=SEND,SILENT %s
// SHARED: interleave: thread-confined value `tally` touched by a second thread at {{.*}}run_confined.c:[[#@LINE+18]]
// SHARED-NEXT: it belongs to the first thread that touched it (ILV_CONFINED is Rust's Cell: not Sync);
// SHARED-NEXT: share it with ILV_GUARDED (a mutex that owns it) or an atomic, or hand it over with ILV_CONFINED_SEND
// UNDER: program exited with status 134 (SIGABRT)
// SEND: tally = 3
// SILENT: interleave: no findings
#include <interleave/sync.h>

#include <string.h>

ILV_CONFINED(counter_cell, long);
static struct counter_cell tally = ILV_CONFINED_INIT(0);

static int send;

static int bump(void *arg)
{
    (void)arg;
    ILV_CONFINED_REF(&tally) += 1;
    if (send)
        ILV_CONFINED_SEND(&tally); /* give it up: the next toucher owns it */
    return 0;
}

int main(int argc, char **argv)
{
    send = argc > 1 && strcmp(argv[1], "send") == 0;
    int err = 0;
    ILV_THREAD_SCOPE(s, err)
    {
        for (int i = 0; i < 3; i++) {
            ilv_spawn(s, bump, NULL);
            if (send)
                ilv_scope_join(s); /* orders the hand-over */
        }
    }
    printf("tally = %ld\n", ILV_CONFINED_REF(&tally));
    return err;
}
