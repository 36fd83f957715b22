// A program written with sync.h (a bounded queue with two condition
// variables, a read-mostly configuration, a counter, scoped threads, and a
// thread-confined tally handed back to main) is correct: `interleave run`
// finds nothing, with gcc and clang builds and several seeds.
// (`interleave explore` on a smaller program: explore.c.)
// REQUIRES: runtime
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g -I%srcroot/include %s -o %t.gcc
// RUN: %interleave run %t.gcc 2>&1 | FileCheck %s
// RUN: %interleave run --seed 7 %t.gcc 2>&1 | FileCheck %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -Werror -I%srcroot/include %s -o %t.clang
// RUN: %interleave run %t.clang 2>&1 | FileCheck %s
// RUN: %interleave run --seed 3 %t.clang 2>&1 | FileCheck %s
// CHECK: consumed=200 sum=20100 produced=200 reads=60 level=3 tally=200 err=0
// CHECK-NEXT: interleave: no findings in 1 run
#include <interleave/sync.h>

#define CAP 4

struct ring {
    int items[CAP];
    int head, n, closed;
};
ILV_GUARDED(queue, struct ring);
ILV_GUARDED(counter, long);
ILV_RW_GUARDED(config, int);
ILV_CONFINED(tally, long);

static struct queue q = ILV_GUARDED_INIT({{0}, 0, 0, 0});
static struct ilv_cond not_empty = ILV_COND_INIT, not_full = ILV_COND_INIT;
static struct counter produced = ILV_GUARDED_INIT(0);
static struct config level = ILV_RW_GUARDED_INIT(1);
static struct counter reads = ILV_GUARDED_INIT(0);

struct consumer {
    struct tally mine; /* touched by its consumer only, then by main after the join */
    long sum;
};

static int produce(void *arg)
{
    int base = *(const int *)arg;
    for (int i = 1; i <= 100; i++) {
        ILV_WITH_LOCK(&q, r)
        {
            while (r->n == CAP)
                ilv_wait(&not_full, &q.mu);
            r->items[(r->head + r->n++) % CAP] = base + i;
            ilv_signal(&not_empty);
        }
        ILV_WITH_LOCK(&produced, p) { *p += 1; }
    }
    return 0;
}

static int consume(void *arg)
{
    struct consumer *c = (struct consumer *)arg;
    for (;;) {
        int item = -1;
        ILV_WITH_LOCK(&q, r)
        {
            while (r->n == 0 && !r->closed)
                ilv_wait(&not_empty, &q.mu);
            if (r->n == 0)
                break; /* closed and drained; the break releases the lock */
            item = r->items[r->head];
            r->head = (r->head + 1) % CAP;
            r->n--;
            ilv_signal(&not_full);
        }
        if (item < 0)
            break;
        ILV_CONFINED_REF(&c->mine) += 1;
        c->sum += item;
    }
    ILV_CONFINED_SEND(&c->mine); /* main reads it after the join */
    return 0;
}

static int read_config(void *arg)
{
    (void)arg;
    for (int i = 0; i < 30; i++) {
        int seen = 0;
        ILV_WITH_READ(&level, l) { seen = *l; }
        if (seen < 1)
            return -EINVAL;
        ILV_WITH_LOCK(&reads, n) { *n += 1; }
    }
    return 0;
}

int main(void)
{
    static const int bases[2] = {0, 100};
    struct consumer cons[2] = {{ILV_CONFINED_INIT(0), 0}, {ILV_CONFINED_INIT(0), 0}};
    int err = 0, cerr = 0;
    ILV_THREAD_SCOPE(cs, cerr)
    {
        for (int i = 0; i < 2; i++)
            ilv_spawn(cs, consume, &cons[i]);
        ILV_THREAD_SCOPE(s, err)
        {
            for (int i = 0; i < 2; i++)
                ilv_spawn(s, produce, (void *)&bases[i]);
            for (int i = 0; i < 2; i++)
                ilv_spawn(s, read_config, NULL);
            ILV_WITH_WRITE(&level, l) { *l = 2; }
            ILV_WITH_WRITE(&level, l) { *l += 1; }
        }
        ILV_WITH_LOCK(&q, r)
        {
            r->closed = 1;
            ilv_broadcast(&not_empty);
        }
    }
    long consumed = 0, sum = 0;
    for (int i = 0; i < 2; i++) {
        consumed += ILV_CONFINED_REF(&cons[i].mine);
        sum += cons[i].sum;
    }
    int lv;
    ilv_read_lock(&level.mu);
    lv = ILV_READ_REF(&level);
    ilv_read_unlock(&level.mu);
    printf("consumed=%ld sum=%ld produced=%ld reads=%ld level=%d tally=%ld err=%d\n", consumed, sum,
           ILV_GET_MUT(&produced), ILV_GET_MUT(&reads), lv, consumed, err | cerr);
    fflush(stdout);
    return 0;
}
