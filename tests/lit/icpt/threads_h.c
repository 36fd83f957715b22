// C11 <threads.h>: threads, mutexes, condition variables and call_once are
// modelled like their pthread counterparts (glibc builds them on pthread
// internals that the pthread interposers never see). A counter under mtx_t,
// a hand-off through cnd_t and a table built by call_once are race-free, and
// the thread results and status codes are C11's. The BUG variant drops the
// mutex from one thread's increments: a race in every schedule.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS="report_fd=2 seed=6" %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DBUG %s -o %t.bug && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -DBUG %s -o %t.bug.clang && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug.clang 2>&1 | FileCheck --check-prefix=RACE %s
//
// OUT: trylock while held: busy
// OUT: timedlock while held: timedout
// OUT: recursive: success success
// OUT: cnd_timedwait: timedout
// OUT: counter=4000 results=0+1+2+3 detached=success
// OUT: handed over 42, table 496 init 1
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
#include <stdio.h>
#include <threads.h>
#include <time.h>

#define N 4

static mtx_t lock;
static long counter;

static int worker(void *arg)
{
    int id = (int)(long)arg;
    for (int i = 0; i < 1000; i++) {
#ifdef BUG
        int locked = id != 0;
#else
        int locked = 1;
#endif
        if (locked)
            mtx_lock(&lock);
        counter++;
        if (locked)
            mtx_unlock(&lock);
    }
    return id;
}

static mtx_t m;
static cnd_t c;
static int ready, value;

static int producer(void *arg)
{
    (void)arg;
    mtx_lock(&m);
    value = 42;
    ready = 1;
    cnd_signal(&c);
    mtx_unlock(&m);
    return 0;
}

static once_flag flag = ONCE_FLAG_INIT;
static int table[32], inits;

static void init_table(void)
{
    inits++;
    for (int i = 0; i < 32; i++)
        table[i] = i;
}

static int reader(void *arg)
{
    call_once(&flag, init_table);
    int s = 0;
    for (int i = 0; i < 32; i++)
        s += table[i];
    *(int *)arg = s;
    return 0;
}

static int idle(void *arg)
{
    (void)arg;
    thrd_exit(7);
}

static struct timespec soon(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    ts.tv_nsec += 10 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    return ts;
}

int main(void)
{
    if (mtx_init(&lock, mtx_timed) != thrd_success)
        return 1;
    mtx_lock(&lock);
    printf("trylock while held: %s\n", mtx_trylock(&lock) == thrd_busy ? "busy" : "?");
    struct timespec ts = soon();
    printf("timedlock while held: %s\n",
           mtx_timedlock(&lock, &ts) == thrd_timedout ? "timedout" : "?");
    mtx_unlock(&lock);

    mtx_t rec;
    mtx_init(&rec, mtx_plain | mtx_recursive);
    int r1 = mtx_lock(&rec), r2 = mtx_lock(&rec);
    printf("recursive: %s %s\n", r1 == thrd_success ? "success" : "?",
           r2 == thrd_success ? "success" : "?");
    mtx_unlock(&rec);
    mtx_unlock(&rec);
    mtx_destroy(&rec);

    mtx_init(&m, mtx_plain);
    cnd_init(&c);
    mtx_lock(&m);
    ts = soon();
    printf("cnd_timedwait: %s\n", cnd_timedwait(&c, &m, &ts) == thrd_timedout ? "timedout" : "?");
    mtx_unlock(&m);

    thrd_t t[N];
    for (long i = 0; i < N; i++)
        thrd_create(&t[i], worker, (void *)i);
    int res[N];
    for (int i = 0; i < N; i++)
        thrd_join(t[i], &res[i]);
    thrd_t d;
    thrd_create(&d, idle, NULL);
    int det = thrd_detach(d);
    printf("counter=%ld results=%d+%d+%d+%d detached=%s\n", counter, res[0], res[1], res[2], res[3],
           det == thrd_success ? "success" : "?");
    mtx_destroy(&lock);

    thrd_t p, q[2];
    int sums[2];
    thrd_create(&p, producer, NULL);
    for (int i = 0; i < 2; i++)
        thrd_create(&q[i], reader, &sums[i]);
    mtx_lock(&m);
    while (!ready)
        cnd_wait(&c, &m);
    int got = value;
    mtx_unlock(&m);
    thrd_join(p, NULL);
    for (int i = 0; i < 2; i++)
        thrd_join(q[i], NULL);
    printf("handed over %d, table %d init %d\n", got, sums[0] == sums[1] ? sums[0] : -1, inits);
    cnd_destroy(&c);
    mtx_destroy(&m);
    return 0;
}
