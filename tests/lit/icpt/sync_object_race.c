// Races on synchronisation objects themselves: a mutex (rwlock, spinlock,
// barrier) initialised or destroyed by one thread while another uses it
// without order is a data race on the object, as ThreadSanitizer reports it.
// The ordered versions (-DORDERED: the user is joined first) stay silent, and
// so does every ordinary use of locks (the corpus programs check that too).
// REQUIRES: runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g %s -o %t.dir/gcc
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.dir/clang
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g -DORDERED %s -o %t.dir/ordered
// RUN: not %interleave run %t.dir/gcc mutex 2>&1 | FileCheck --check-prefix=MUTEX %s
// RUN: not %interleave run %t.dir/clang mutex 2>&1 | FileCheck --check-prefix=MUTEX %s
// RUN: not %interleave run %t.dir/gcc rwlock 2>&1 | FileCheck --check-prefix=RW %s
// RUN: not %interleave run %t.dir/clang spin 2>&1 | FileCheck --check-prefix=SPIN %s
// RUN: not %interleave explore --budget 50 --time 20 %t.dir/gcc mutex 2>&1 | FileCheck --check-prefix=XMUTEX %s
// RUN: %interleave run %t.dir/ordered mutex 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/ordered rwlock 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/ordered spin 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave explore --budget 50 --time 20 %t.dir/ordered mutex 2>&1 | FileCheck --check-prefix=XOK %s
// MUTEX: data race on `mu`
// MUTEX-DAG: #0 main {{.*}}sync_object_race.c:[[@LINE+46]]
// MUTEX-DAG: #0 user {{.*}}sync_object_race.c:{{[0-9]+}}
// RW: data race on `rw`
// SPIN: data race on `sp`
// XMUTEX: interleave explore: {{[0-9]+}} bug{{s?}} ({{.*}}data race
// OK: interleave: no findings in 1 run
// XOK: interleave explore: 0 bugs in
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t sp;
static const char *mode;
static int counter;

static void *user(void *arg)
{
    (void)arg;
    if (strcmp(mode, "mutex") == 0) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
    } else if (strcmp(mode, "rwlock") == 0) {
        pthread_rwlock_wrlock(&rw);
        counter++;
        pthread_rwlock_unlock(&rw);
    } else {
        pthread_spin_lock(&sp);
        counter++;
        pthread_spin_unlock(&sp);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    mode = argc > 1 ? argv[1] : "mutex";
    pthread_spin_init(&sp, 0);
    pthread_t t;
    pthread_create(&t, NULL, user, NULL);
#ifdef ORDERED
    pthread_join(t, NULL);
#endif
    if (strcmp(mode, "mutex") == 0)
        pthread_mutex_destroy(&mu); /* while the user may still lock it */
    else if (strcmp(mode, "rwlock") == 0)
        pthread_rwlock_destroy(&rw);
    else
        pthread_spin_destroy(&sp);
#ifndef ORDERED
    pthread_join(t, NULL);
#endif
    printf("counter = %d\n", counter);
    return 0;
}
