/* Unit tests of the happens-before detector and the lost-update check (src/hb/detect.c),
 * driven by hand-built event sequences: each "thread" is a struct hb_thread, no real
 * threads run. Synchronisation is modelled the way the runtime does it: a release joins
 * the thread's clock into the sync object's clock and ticks the thread (hb_tick); an
 * acquire joins the sync object's clock into the thread's. "Application memory" is a
 * static array of this test; findings go through hb_report into an array. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/rng.h"
#include "hb/detect.h"

/* ---- harness ------------------------------------------------------------------------ */

#define NTHREADS 6
#define MAX_FOUND 64

static struct hb_thread th[NTHREADS]; /* th[i] has tid i; T0 is main */
static struct hb_finding found[MAX_FOUND];
static int nfound;
static u64 evseq;

static _Alignas(64) unsigned char mem[8192]; /* application memory */

static void collect(const struct hb_finding *f)
{
    if (nfound < MAX_FOUND)
        found[nfound] = *f;
    nfound++;
}

static void threads_fresh(void)
{
    for (int i = 0; i < NTHREADS; i++) {
        vclock_free(&th[i].vc);
        memset(&th[i], 0, sizeof th[i]);
        hb_thread_init(&th[i], (tid_t)i);
    }
}

static int setup(void **state)
{
    (void)state;
    shadow_init();
    shadow_reset((uptr)mem, sizeof mem);
    threads_fresh();
    nfound = 0;
    evseq = 0;
    hb_report = collect;
    hb_lost_updates = true;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < NTHREADS; i++)
        vclock_free(&th[i].vc);
    hb_report = NULL;
    return 0;
}

#define PC(n) ((uptr)0x401000 + (uptr)(n))

static u64 acc(int t, const void *p, size_t size, unsigned flags, uptr pc)
{
    hb_access(&th[t], (uptr)p, size, flags, pc, ++evseq);
    return evseq;
}
/* plain read/write, atomic load/store, atomic read-modify-write */
#define RD(t, p, n) acc(t, p, n, ACC_READ, PC(__LINE__))
#define WR(t, p, n) acc(t, p, n, ACC_WRITE, PC(__LINE__))
#define ALD(t, p, n) acc(t, p, n, ACC_READ | ACC_ATOMIC, PC(__LINE__))
#define AST(t, p, n) acc(t, p, n, ACC_WRITE | ACC_ATOMIC, PC(__LINE__))
#define RMW(t, p, n) acc(t, p, n, ACC_RMW | ACC_WRITE | ACC_ATOMIC, PC(__LINE__))

/* A sync object (mutex, atomic with release/acquire, ...): its clock. */
struct sync {
    struct vclock vc;
};
static void release(int t, struct sync *s)
{
    vclock_join(&s->vc, &th[t].vc);
    hb_tick(&th[t]);
}
static void acquire(int t, struct sync *s)
{
    vclock_join(&th[t].vc, &s->vc);
}
static void sync_free(struct sync *s)
{
    vclock_free(&s->vc);
}
/* pthread_create: the child starts with the parent's history. */
static void spawn(int parent, int child)
{
    vclock_join(&th[child].vc, &th[parent].vc);
    hb_tick(&th[parent]);
}
/* pthread_join: the joiner gets the child's history. */
static void join(int joiner, int child)
{
    vclock_join(&th[joiner].vc, &th[child].vc);
    hb_tick(&th[child]);
}

static int count(enum hb_kind k)
{
    int n = 0;
    for (int i = 0; i < nfound && i < MAX_FOUND; i++)
        n += found[i].kind == k;
    return n;
}
static const struct hb_finding *first(enum hb_kind k)
{
    for (int i = 0; i < nfound && i < MAX_FOUND; i++)
        if (found[i].kind == k)
            return &found[i];
    return NULL;
}
/* Whether the finding's bytes [addr, addr+size) include [p, p+n). */
static bool names(const struct hb_finding *f, const void *p, size_t n)
{
    return f->addr <= (uptr)p && (uptr)p + n <= f->addr + f->size;
}
static bool overlaps(const struct hb_finding *f, const void *p, size_t n)
{
    return f->addr < (uptr)p + n && (uptr)p < f->addr + f->size;
}

static void dump(void)
{
    for (int i = 0; i < nfound && i < MAX_FOUND; i++) {
        const struct hb_finding *f = &found[i];
        fprintf(stderr,
                "  finding %d: %s at mem+%ld size %u T%u (flags %u, pc %#lx) vs T%u (%s%s)\n", i,
                f->kind == HB_RACE ? "race" : "lost-update", (long)(f->addr - (uptr)mem), f->size,
                f->tid, f->flags, (unsigned long)f->pc, f->ptid, f->patomic ? "atomic " : "",
                f->pwrite ? "write" : "read");
    }
}
#define EXPECT(kind, n)                                                                            \
    do {                                                                                           \
        if (count(kind) != (n))                                                                    \
            dump();                                                                                \
        assert_int_equal(count(kind), (n));                                                        \
    } while (0)
#define EXPECT_NONE()                                                                              \
    do {                                                                                           \
        if (nfound)                                                                                \
            dump();                                                                                \
        assert_int_equal(nfound, 0);                                                               \
    } while (0)

/* ---- data races --------------------------------------------------------------------- */

static void test_write_write_race(void **state)
{
    (void)state;
    int *x = (int *)mem;
    uptr pc1 = PC(__LINE__);
    acc(1, x, 4, ACC_WRITE, pc1);
    uptr pc2 = PC(__LINE__);
    acc(2, x, 4, ACC_WRITE, pc2);
    EXPECT(HB_RACE, 1);
    EXPECT(HB_LOST_UPDATE, 0);
    const struct hb_finding *f = first(HB_RACE);
    assert_int_equal(f->tid, 2);
    assert_int_equal(f->ptid, 1);
    assert_true(f->pwrite);
    assert_false(f->patomic);
    assert_int_equal(f->flags & (ACC_WRITE | ACC_ATOMIC), ACC_WRITE);
    assert_int_equal(f->addr, (uptr)x);
    assert_int_equal(f->size, 4);
    assert_int_equal(f->pc, pc2);
    assert_int_equal(f->ppc, pc1);
}

static void test_read_write_race(void **state)
{
    (void)state;
    long *x = (long *)mem;
    uptr pc1 = PC(__LINE__);
    acc(1, x, 8, ACC_READ, pc1);
    WR(2, x, 8);
    EXPECT(HB_RACE, 1);
    const struct hb_finding *f = first(HB_RACE);
    assert_int_equal(f->tid, 2);
    assert_int_equal(f->ptid, 1);
    assert_false(f->pwrite);
    assert_int_equal(f->ppc, pc1);
    assert_int_equal(f->addr, (uptr)x);
    assert_int_equal(f->size, 8);

    /* write, then a concurrent read */
    short *y = (short *)(mem + 64);
    WR(3, y, 2);
    RD(4, y, 2);
    EXPECT(HB_RACE, 2);
    f = &found[1];
    assert_int_equal(f->tid, 4);
    assert_int_equal(f->ptid, 3);
    assert_true(f->pwrite);
    assert_int_equal(f->flags & ACC_WRITE, 0);
    assert_int_equal(f->addr, (uptr)y);
    assert_int_equal(f->size, 2);
}

static void test_no_race_same_thread_or_reads(void **state)
{
    (void)state;
    int *x = (int *)mem;
    WR(1, x, 4);
    RD(1, x, 4);
    WR(1, x, 4);
    hb_tick(&th[1]);
    RD(1, x, 4);
    WR(1, x, 4);
    /* concurrent reads never race with each other */
    int *y = (int *)(mem + 64);
    RD(1, y, 4);
    RD(2, y, 4);
    RD(3, y, 4);
    RD(2, y, 4);
    EXPECT_NONE();
}

/* Ordered by a release/acquire pair (a mutex, a release store read by an acquire load). */
static void test_ordered_no_race(void **state)
{
    (void)state;
    struct sync m = {0};
    int *x = (int *)mem, *y = (int *)(mem + 64);
    WR(1, x, 4);
    RD(1, y, 4);
    release(1, &m);
    acquire(2, &m);
    WR(2, x, 4);
    WR(2, y, 4);
    RD(2, x, 4);
    /* transitively: T2 -> T3 */
    release(2, &m);
    acquire(3, &m);
    WR(3, x, 4);
    RD(3, y, 4);
    EXPECT_NONE();

    /* A release orders only what came before it: T1's next write races with T3's. */
    WR(1, x, 4);
    EXPECT(HB_RACE, 1);
    assert_int_equal(found[0].tid, 1);
    assert_int_equal(found[0].ptid, 3);
    sync_free(&m);
}

/* An acquire before the release does not order anything. */
static void test_acquire_too_early(void **state)
{
    (void)state;
    struct sync m = {0};
    int *x = (int *)mem;
    acquire(2, &m);
    WR(1, x, 4);
    release(1, &m);
    WR(2, x, 4);
    EXPECT(HB_RACE, 1);
    sync_free(&m);
}

/* Thread creation and join order the parent's and the child's accesses. */
static void test_create_join(void **state)
{
    (void)state;
    int *x = (int *)mem;
    WR(0, x, 4);
    spawn(0, 1);
    RD(1, x, 4);
    WR(1, x, 4);
    join(0, 1);
    RD(0, x, 4);
    WR(0, x, 4);
    EXPECT_NONE();
    /* without the join: a race between main and T2 */
    spawn(0, 2);
    WR(2, x, 4);
    WR(0, x, 4);
    EXPECT(HB_RACE, 1);
    assert_int_equal(found[0].tid, 0);
    assert_int_equal(found[0].ptid, 2);
}

static void test_two_atomics_no_race(void **state)
{
    (void)state;
    int *x = (int *)mem;
    AST(1, x, 4);
    AST(2, x, 4);
    ALD(3, x, 4);
    RMW(4, x, 4);
    ALD(1, x, 4);
    RMW(2, x, 4);
    AST(5, x, 4);
    EXPECT_NONE();
}

static void test_atomic_vs_plain(void **state)
{
    (void)state;
    int *a = (int *)mem, *b = (int *)(mem + 64), *c = (int *)(mem + 128), *d = (int *)(mem + 192);
    /* atomic store, plain read */
    AST(1, a, 4);
    RD(2, a, 4);
    EXPECT(HB_RACE, 1);
    assert_int_equal(found[0].tid, 2);
    assert_true(found[0].patomic);
    assert_true(found[0].pwrite);
    assert_int_equal(found[0].flags & ACC_ATOMIC, 0);
    /* plain write, atomic load */
    WR(1, b, 4);
    ALD(2, b, 4);
    EXPECT(HB_RACE, 2);
    assert_false(found[1].patomic);
    assert_true(found[1].flags & ACC_ATOMIC);
    assert_true(names(&found[1], b, 4));
    /* atomic load, plain write */
    ALD(1, c, 4);
    WR(2, c, 4);
    EXPECT(HB_RACE, 3);
    assert_true(found[2].patomic);
    assert_false(found[2].pwrite);
    /* plain write, atomic read-modify-write */
    WR(3, d, 4);
    RMW(4, d, 4);
    EXPECT(HB_RACE, 4);
    assert_int_equal(found[3].tid, 4);
    assert_int_equal(found[3].ptid, 3);
    assert_true(names(&found[3], d, 4));
}

/* A plain access is not forgotten behind an atomic one of the same thread and epoch. */
static void test_plain_then_atomic_same_epoch(void **state)
{
    (void)state;
    int *x = (int *)mem, *y = (int *)(mem + 64);
    WR(1, x, 4);
    AST(1, x, 4);
    ALD(2, x, 4); /* still races with the plain write */
    EXPECT(HB_RACE, 1);
    RD(1, y, 4);
    ALD(1, y, 4);
    AST(2, y, 4); /* still races with the plain read */
    EXPECT(HB_RACE, 2);
    assert_false(found[1].pwrite);
}

/* A plain field and an atomic field in one 8-byte word, both accessed by one thread in
 * one epoch (struct { int data; atomic_int flag; }: write data, then publish with a
 * relaxed store). The atomic field stays atomic: another thread's atomic load of the flag
 * is not a race; its plain read of data is. Likewise for reads. */
static void test_atomic_and_plain_neighbours(void **state)
{
    (void)state;
    struct msg {
        int data;
        int flag; /* only accessed atomically */
    } *m = (struct msg *)(mem + 256), *n = (struct msg *)(mem + 320),
      *o = (struct msg *)(mem + 384);
    /* write data, store flag; load flag, read data */
    WR(1, &m->data, 4);
    AST(1, &m->flag, 4);
    ALD(2, &m->flag, 4);
    for (int i = 0; i < nfound; i++) {
        if (overlaps(&found[i], &m->flag, 4))
            dump();
        assert_false(overlaps(&found[i], &m->flag, 4));
    }
    RD(2, &m->data, 4);
    EXPECT(HB_RACE, 1);
    assert_true(names(&found[0], &m->data, 4));
    assert_false(overlaps(&found[0], &m->flag, 4));

    /* the other order: store flag first, then write data */
    AST(1, &n->flag, 4);
    WR(1, &n->data, 4);
    ALD(2, &n->flag, 4);
    AST(3, &n->flag, 4);
    RMW(4, &n->flag, 4);
    EXPECT(HB_RACE, 1);

    /* reads: read data, load flag; another thread stores flag */
    RD(1, &o->data, 4);
    ALD(1, &o->flag, 4);
    AST(2, &o->flag, 4);
    EXPECT(HB_RACE, 1);
    WR(2, &o->data, 4);
    EXPECT(HB_RACE, 2);
    assert_true(names(&found[1], &o->data, 4));
}

/* Several concurrent readers, then a write that is ordered after all of them but one:
 * it races with that one, whichever it is. */
static void test_read_shared(void **state)
{
    (void)state;
    for (int skip = 1; skip <= 3; skip++) {
        setup(NULL);
        struct sync s[4] = {0};
        int *x = (int *)(mem + 64 * skip);
        uptr rpc[4];
        for (int t = 1; t <= 3; t++) {
            rpc[t] = PC(1000 + t);
            acc(t, x, 4, ACC_READ, rpc[t]);
        }
        EXPECT_NONE();
        for (int t = 1; t <= 3; t++)
            release(t, &s[t]);
        for (int t = 1; t <= 3; t++)
            if (t != skip)
                acquire(4, &s[t]);
        WR(4, x, 4);
        EXPECT(HB_RACE, 1);
        assert_int_equal(found[0].tid, 4);
        assert_int_equal(found[0].ptid, (tid_t)skip);
        assert_false(found[0].pwrite);
        assert_int_equal(found[0].ppc, rpc[skip]);
        assert_true(names(&found[0], x, 4));
        for (int t = 1; t <= 3; t++)
            sync_free(&s[t]);
    }
}

/* The same, with the writer ordered after every reader: no race; then readers again. */
static void test_read_shared_then_ordered_write(void **state)
{
    (void)state;
    struct sync s = {0};
    int *x = (int *)mem;
    WR(0, x, 4);
    for (int t = 1; t <= 4; t++)
        spawn(0, t);
    for (int t = 1; t <= 4; t++)
        RD(t, x, 4);
    for (int t = 1; t <= 4; t++)
        release(t, &s);
    acquire(5, &s);
    WR(5, x, 4);
    EXPECT_NONE();
    /* A reader that has not synchronised with T5 races with its write. */
    RD(2, x, 4);
    EXPECT(HB_RACE, 1);
    assert_int_equal(found[0].tid, 2);
    assert_int_equal(found[0].ptid, 5);
    sync_free(&s);
}

/* A read-shared set that outgrows its first capacity, then a racing write. */
static void test_many_readers(void **state)
{
    (void)state;
    static struct hb_thread many[20];
    int *x = (int *)mem;
    for (int i = 0; i < 20; i++) {
        memset(&many[i], 0, sizeof many[i]);
        hb_thread_init(&many[i], (tid_t)(10 + i));
        hb_access(&many[i], (uptr)x, 4, ACC_READ, PC(2000 + i), ++evseq);
    }
    EXPECT_NONE();
    /* T1 ordered after readers 0..18, not after reader 19 */
    for (int i = 0; i < 19; i++)
        vclock_join(&th[1].vc, &many[i].vc);
    WR(1, x, 4);
    EXPECT(HB_RACE, 1);
    assert_int_equal(found[0].ptid, 29);
    assert_int_equal(found[0].ppc, PC(2000 + 19));
    for (int i = 0; i < 20; i++)
        vclock_free(&many[i].vc);
}

/* Two ints in one 8-byte word: `guarded` always under the mutex, `unguarded` never.
 * Only `unguarded` may be reported. */
static void test_neighbouring_fields(void **state)
{
    (void)state;
    struct pair {
        int guarded;
        int unguarded;
    } *c = (struct pair *)(mem + 256);
    struct sync m = {0};
    for (int round = 0; round < 3; round++) {
        for (int t = 1; t <= 2; t++) {
            acquire(t, &m);
            RD(t, &c->guarded, 4);
            WR(t, &c->guarded, 4);
            release(t, &m);
            RD(t, &c->unguarded, 4);
            WR(t, &c->unguarded, 4);
        }
    }
    if (count(HB_RACE) < 1)
        dump();
    assert_true(count(HB_RACE) >= 1);
    for (int i = 0; i < nfound; i++) {
        if (found[i].kind != HB_RACE)
            continue;
        if (overlaps(&found[i], &c->guarded, 4))
            dump();
        assert_false(overlaps(&found[i], &c->guarded, 4));
        assert_true(names(&found[i], &c->unguarded, 4));
    }
    /* The first report is about the whole int, not one of its bytes. */
    const struct hb_finding *f = first(HB_RACE);
    assert_int_equal(f->addr, (uptr)&c->unguarded);
    assert_int_equal(f->size, 4);
    sync_free(&m);
}

/* The same with the unguarded field first and 2-byte fields: an access that merges or
 * splits the word must never make the guarded bytes conflict. */
static void test_neighbouring_fields_small(void **state)
{
    (void)state;
    struct quad {
        short a, b, c, d; /* b and d guarded, a and c not */
    } *q = (struct quad *)(mem + 512);
    struct sync m = {0};
    for (int t = 1; t <= 3; t++) {
        WR(t, &q->a, 2);
        acquire(t, &m);
        WR(t, &q->b, 2);
        RD(t, &q->d, 2);
        WR(t, &q->d, 2);
        release(t, &m);
        RD(t, &q->c, 2);
    }
    WR(1, &q->c, 2);
    assert_true(count(HB_RACE) >= 2);
    bool saw_a = false, saw_c = false;
    for (int i = 0; i < nfound; i++) {
        if (found[i].kind != HB_RACE)
            continue;
        if (overlaps(&found[i], &q->b, 2) || overlaps(&found[i], &q->d, 2))
            dump();
        assert_false(overlaps(&found[i], &q->b, 2));
        assert_false(overlaps(&found[i], &q->d, 2));
        saw_a |= overlaps(&found[i], &q->a, 2);
        saw_c |= overlaps(&found[i], &q->c, 2);
    }
    assert_true(saw_a);
    assert_true(saw_c);
    sync_free(&m);
}

/* A one-byte write and a four-byte read of the same word. */
static void test_byte_vs_word(void **state)
{
    (void)state;
    unsigned char *a = mem + 64;
    WR(1, a + 2, 1);
    RD(2, a, 4); /* covers byte 2 */
    EXPECT(HB_RACE, 1);
    assert_int_equal(found[0].tid, 2);
    assert_int_equal(found[0].ptid, 1);
    assert_true(overlaps(&found[0], a + 2, 1));
    assert_true(names(&found[0], a + 2, 1));
    assert_true(found[0].addr >= (uptr)a && found[0].addr + found[0].size <= (uptr)a + 4);

    /* the other way round: a word read first, then a byte written inside it */
    unsigned char *b = mem + 128;
    RD(1, b, 4);
    WR(2, b + 3, 1);
    EXPECT(HB_RACE, 2);
    assert_int_equal(found[1].addr, (uptr)b + 3);
    assert_int_equal(found[1].size, 1);

    /* no common byte: no race */
    unsigned char *c = mem + 192;
    WR(1, c + 5, 1);
    RD(2, c, 4);
    WR(3, c + 4, 1);
    RD(2, c + 6, 2);
    EXPECT(HB_RACE, 2);
    /* ... but a later unordered byte read of byte 5 does race */
    RD(4, c + 5, 1);
    EXPECT(HB_RACE, 3);
    assert_int_equal(found[2].ptid, 1);
}

/* memcpy-like range accesses. */
static void test_range_accesses(void **state)
{
    (void)state;
    unsigned char *buf = mem + 1024;
    /* a 256-byte range write, then a 4-byte write inside it */
    acc(1, buf, 256, ACC_WRITE, PC(1));
    WR(2, buf + 100, 4);
    EXPECT(HB_RACE, 1);
    assert_int_equal(found[0].tid, 2);
    assert_int_equal(found[0].ptid, 1);
    assert_int_equal(found[0].ppc, PC(1));
    assert_int_equal(found[0].addr, (uptr)buf + 100);
    assert_int_equal(found[0].size, 4);

    /* a 4-byte write, then a range read over it: one report for the whole range */
    unsigned char *b2 = mem + 2048;
    WR(1, b2 + 100, 4);
    acc(2, b2, 256, ACC_READ, PC(2));
    EXPECT(HB_RACE, 2);
    assert_int_equal(found[1].tid, 2);
    assert_int_equal(found[1].pc, PC(2));
    assert_true(overlaps(&found[1], b2 + 100, 4));

    /* a range with racing bytes in many granules still gives one report */
    unsigned char *b3 = mem + 3072;
    acc(1, b3, 256, ACC_WRITE, PC(3));
    acc(2, b3, 256, ACC_WRITE, PC(4));
    EXPECT(HB_RACE, 3);
    assert_true(overlaps(&found[2], b3, 256));

    /* unaligned range [b4+3, b4+253): its edges are exact */
    unsigned char *b4 = mem + 4096;
    acc(1, b4 + 3, 250, ACC_READ, PC(5));
    WR(2, b4 + 2, 1);   /* just before */
    WR(2, b4 + 253, 1); /* just after */
    EXPECT(HB_RACE, 3);
    WR(3, b4 + 252, 1); /* its last byte */
    EXPECT(HB_RACE, 4);
    assert_int_equal(found[3].addr, (uptr)b4 + 252);
    WR(3, b4 + 3, 1); /* its first byte */
    EXPECT(HB_RACE, 5);
    assert_int_equal(found[4].addr, (uptr)b4 + 3);

    /* two ranges sharing one byte */
    unsigned char *b5 = mem + 5120;
    acc(1, b5, 101, ACC_WRITE, PC(6));
    acc(2, b5 + 100, 50, ACC_READ, PC(7));
    EXPECT(HB_RACE, 6);
    assert_true(overlaps(&found[5], b5 + 100, 1));

    /* ordered ranges: none */
    struct sync m = {0};
    unsigned char *b6 = mem + 6144;
    acc(1, b6, 512, ACC_WRITE, PC(8));
    release(1, &m);
    acquire(2, &m);
    acc(2, b6, 512, ACC_READ, PC(9));
    WR(2, b6 + 300, 8);
    EXPECT(HB_RACE, 6);
    sync_free(&m);
}

/* hb_read_seen: the inline same-epoch read check of the runtime's hot path. */
static void test_read_seen(void **state)
{
    (void)state;
    int *x = (int *)mem;
    assert_false(hb_read_seen(&th[1], (uptr)x, 4, false, 0)); /* never read */
    RD(1, x, 4);
    assert_true(hb_read_seen(&th[1], (uptr)x, 4, false, 0));
    assert_true(hb_read_seen(&th[1], (uptr)x + 1, 2, false, 0)); /* bytes it covers */
    assert_false(hb_read_seen(&th[1], (uptr)x, 8, false, 0));    /* bytes it does not */
    assert_false(hb_read_seen(&th[2], (uptr)x, 4, false, 0));    /* another thread */
    /* (after an own write, the next read may or may not be seen: thread-private data
     * keeps the fast path; test_lost_update_through_fast_paths says what it must not
     * lose) */
    WR(1, x, 4);
    RD(1, x, 4);
    /* another thread's write since: the next read must be recorded again (it may see
     * another value) */
    WR(2, x, 4); /* racing */
    assert_false(hb_read_seen(&th[1], (uptr)x, 4, false, 0));
    RD(1, x, 4);
    /* a new epoch */
    hb_tick(&th[1]);
    assert_false(hb_read_seen(&th[1], (uptr)x, 4, false, 0));
    /* concurrent readers (a shared-read set): each sees its own read */
    int *y = (int *)(mem + 64);
    RD(3, y, 4);
    RD(4, y, 4);
    assert_true(hb_read_seen(&th[3], (uptr)y, 4, false, 0));
    assert_true(hb_read_seen(&th[4], (uptr)y, 4, false, 0));
    assert_false(hb_read_seen(&th[5], (uptr)y, 4, false, 0));
    /* a range that crosses a granule is never "seen" */
    assert_false(hb_read_seen(&th[3], (uptr)y + 6, 4, false, 0));
    /* an atomic read does not stand for a plain one */
    int *z = (int *)(mem + 128);
    ALD(1, z, 4);
    assert_false(hb_read_seen(&th[1], (uptr)z, 4, false, 0));
}

/* ---- lost updates ------------------------------------------------------------------- */

/* T1 reads x, T2 writes x, T1 writes x from its stale read. */
static void test_lost_update(void **state)
{
    (void)state;
    int *x = (int *)mem;
    uptr rpc = PC(__LINE__), opc = PC(__LINE__ + 1), wpc = PC(__LINE__ + 2);
    acc(1, x, 4, ACC_READ, rpc);
    acc(2, x, 4, ACC_WRITE, opc);
    acc(1, x, 4, ACC_WRITE, wpc);
    EXPECT(HB_LOST_UPDATE, 1);
    const struct hb_finding *f = first(HB_LOST_UPDATE);
    assert_int_equal(f->tid, 1);   /* the thread that lost the update */
    assert_int_equal(f->ptid, 2);  /* the thread whose update was lost */
    assert_int_equal(f->pc, wpc);  /* the stale write */
    assert_int_equal(f->ppc, opc); /* the overwritten write */
    /* the stale read: its pc (its value is found in the history by the runtime) */
    assert_int_equal(f->read_pc, rpc);
    assert_int_equal(f->addr, (uptr)x);
    assert_int_equal(f->size, 4);
    assert_true(f->pwrite);
    /* and the plain accesses race, too */
    assert_true(count(HB_RACE) >= 1);
}

/* seed_d: all three accesses atomic: no race, but the lost update. */
static void test_lost_update_all_atomic(void **state)
{
    (void)state;
    long *x = (long *)mem;
    ALD(1, x, 8);
    AST(2, x, 8);
    AST(1, x, 8);
    EXPECT(HB_RACE, 0);
    EXPECT(HB_LOST_UPDATE, 1);
    assert_int_equal(found[0].tid, 1);
    assert_int_equal(found[0].ptid, 2);
    assert_true(found[0].patomic);
}

/* The overwritten update may be an atomic read-modify-write (a fetch_add lost). */
static void test_lost_update_of_an_rmw(void **state)
{
    (void)state;
    int *x = (int *)mem;
    ALD(1, x, 4);
    RMW(2, x, 4);
    AST(1, x, 4);
    EXPECT(HB_LOST_UPDATE, 1);
    assert_int_equal(found[0].tid, 1);
    assert_int_equal(found[0].ptid, 2);
}

/* seed_e: two threads, two increments each, T1 preempted between load and store. */
static void test_lost_update_2x2(void **state)
{
    (void)state;
    int *x = (int *)mem;
    RD(1, x, 4);              /* T1 r(0) */
    int rline = __LINE__ + 1; /* the next line: clang-format keeps them apart */
    RD(2, x, 4);              /* T2 r(0) */
    WR(1, x, 4);              /* T1 w(1) */
    RD(1, x, 4);              /* T1 r(1) */
    WR(1, x, 4);              /* T1 w(2) */
    WR(2, x, 4);              /* T2 w(1): overwrites T1's two increments */
    RD(2, x, 4);
    WR(2, x, 4);
    EXPECT(HB_LOST_UPDATE, 1);
    const struct hb_finding *f = first(HB_LOST_UPDATE);
    assert_int_equal(f->tid, 2);
    assert_int_equal(f->ptid, 1);
    assert_int_equal(f->read_pc, PC(rline)); /* T2's read r(0) */
}

/* The runtime calls hb_access only when its inline checks (hb_read_seen, hb_write_seen)
 * say the access is not already covered (src/rt/mem.c, src/rt/abi/tsan_atomic.c). */
static u64 rt_read(int t, const void *p, size_t n, bool atomic, uptr pc)
{
    if (hb_read_seen(&th[t], (uptr)p, n, atomic, pc))
        return 0;
    return acc(t, p, n, ACC_READ | (atomic ? ACC_ATOMIC : 0), pc);
}
static void rt_write(int t, const void *p, size_t n, bool atomic, uptr pc)
{
    if (!atomic && hb_write_seen(&th[t], (uptr)p, n, pc)) {
        ++evseq;
        return;
    }
    acc(t, p, n, ACC_WRITE | (atomic ? ACC_ATOMIC : 0), pc);
}

/* The same lost updates through the runtime's fast paths, also in a thread's second
 * increment: T1 does x++ twice and is stopped between the load and the store of the
 * second, while T2 does x++. The second load comes right after T1's own store. */
static void test_lost_update_through_fast_paths(void **state)
{
    (void)state;
    int lost[2];
    for (int atomic = 0; atomic <= 1; atomic++) {
        setup(NULL);
        int *x = (int *)mem;
        rt_read(1, x, 4, atomic, PC(1)); /* first increment */
        rt_write(1, x, 4, atomic, PC(2));
        rt_read(1, x, 4, atomic, PC(1)); /* second increment: the load */
        rt_read(2, x, 4, atomic, PC(1)); /* T2: x++ */
        rt_write(2, x, 4, atomic, PC(2));
        rt_write(1, x, 4, atomic, PC(2)); /* T1's store from its stale load */
        lost[atomic] = count(HB_LOST_UPDATE);
        if (lost[atomic] != 1) {
            fprintf(stderr, "  with %s accesses:\n", atomic ? "atomic" : "plain");
            dump();
        } else {
            const struct hb_finding *f = first(HB_LOST_UPDATE);
            assert_int_equal(f->tid, 1);
            assert_int_equal(f->ptid, 2);
            assert_int_equal(f->pc, PC(2));
        }
        teardown(NULL);
    }
    assert_int_equal(lost[0], 1);
    assert_int_equal(lost[1], 1);
}

/* The stale read was decided inline: T1's second load comes right after its own store,
 * so hb_read_seen takes it (READ_AGAIN: recorded by the runtime, without the full check).
 * The finding names that load, not the first one; a load after it that hb_read_seen
 * skips (READ_SEEN: not recorded, it sees the same value) does not change the answer. */
static void test_lost_update_inline_read(void **state)
{
    (void)state;
    for (int atomic = 0; atomic <= 1; atomic++) {
        setup(NULL);
        int *x = (int *)mem;
        unsigned fl = atomic ? ACC_ATOMIC : 0;
        assert_int_equal(hb_read_seen(&th[1], (uptr)x, 4, atomic, PC(1)), READ_NEW);
        acc(1, x, 4, ACC_READ | fl, PC(1));
        acc(1, x, 4, ACC_WRITE | fl, PC(2));
        assert_int_equal(hb_read_seen(&th[1], (uptr)x, 4, atomic, PC(3)), READ_AGAIN);
        assert_int_equal(hb_read_seen(&th[1], (uptr)x, 4, atomic, PC(4)), READ_SEEN);
        acc(2, x, 4, ACC_READ | fl, PC(5));
        acc(2, x, 4, ACC_WRITE | fl, PC(6));
        acc(1, x, 4, ACC_WRITE | fl, PC(7));
        EXPECT(HB_LOST_UPDATE, 1);
        const struct hb_finding *f = first(HB_LOST_UPDATE);
        assert_int_equal(f->tid, 1);
        assert_int_equal(f->ptid, 2);
        assert_int_equal(f->read_pc, PC(3)); /* the inline load after T1's own store */
        assert_int_equal(f->ppc, PC(6));
        assert_int_equal(f->pc, PC(7));
        teardown(NULL);
    }
}

/* What the runtime relies on to name the stale read (src/rt/history.h): it records a read
 * unless hb_read_seen says READ_SEEN, and takes a lost update's stale read to be the
 * thread's last recorded read of the location. A property over random schedules of
 * counters (each thread: load x, sometimes load it again, store the last value + 1,
 * through the runtime's entry points, plain or atomic): at every lost update, the
 * thread's last recorded read of x has the pc the detector names and saw the value its
 * last read saw, and the overwritten update came after it. At the first lost update of a
 * run (the one the runtime reports: one per location) that update also wrote more than
 * the stale read saw; a later one may overwrite a stale write itself. */
static void test_lost_update_stale_read_is_last_recorded(void **state)
{
    (void)state;
    enum { NT = 4, STEPS = 400 };
    int checked = 0, firsts = 0;
    for (u64 seed = 1; seed <= 60; seed++) {
        bool atomic = seed % 2 == 0;
        setup(NULL);
        struct rng r;
        rng_seed(&r, seed);
        long *x = (long *)mem;
        *x = 0;
        int phase[NT + 1] = {0};                /* 0: load next, 1: maybe load again, 2: store */
        uptr rec_pc[NT + 1] = {0};              /* its last recorded read of x */
        long rec_val[NT + 1], last_val[NT + 1]; /* what that read and its last read saw */
        u64 rec_seq[NT + 1], wr_seq = 0; /* event numbers: its recorded read, the last store */
        long wr_val = 0;
        bool lost = false;
        uptr pc = 0x1000;
        for (int step = 0; step < STEPS; step++) {
            int t = 1 + (int)rng_below(&r, NT);
            pc += 4; /* every access its own pc */
            if (phase[t] < 2) {
                int seen = hb_read_seen(&th[t], (uptr)x, 8, atomic, pc);
                if (seen != READ_SEEN) { /* the runtime records it */
                    evseq++;
                    rec_pc[t] = pc;
                    rec_val[t] = *x;
                    rec_seq[t] = evseq;
                    if (seen == READ_NEW) {
                        if (atomic)
                            hb_access(&th[t], (uptr)x, 8, ACC_READ | ACC_ATOMIC, pc, evseq);
                        else
                            hb_read_new(&th[t], (uptr)x, 8, pc, evseq);
                    }
                }
                last_val[t] = *x;
                phase[t] = phase[t] == 0 && rng_below(&r, 3) == 0 ? 1 : 2;
                continue;
            }
            int before = nfound;
            if (atomic)
                hb_access(&th[t], (uptr)x, 8, ACC_WRITE | ACC_ATOMIC, pc, ++evseq);
            else if (!hb_write_seen(&th[t], (uptr)x, 8, pc))
                hb_write_new(&th[t], (uptr)x, 8, pc, ++evseq);
            for (int i = before; i < nfound && i < MAX_FOUND; i++) {
                const struct hb_finding *f = &found[i];
                if (f->kind != HB_LOST_UPDATE)
                    continue;
                assert_int_equal(f->tid, t);
                assert_int_equal(f->read_pc, rec_pc[t]);
                assert_int_equal(rec_val[t], last_val[t]);
                assert_true(wr_seq > rec_seq[t]);
                if (!lost) {
                    assert_true(wr_val > rec_val[t]);
                    firsts++;
                }
                lost = true;
                checked++;
            }
            *x = last_val[t] + 1;
            wr_seq = evseq;
            wr_val = *x;
            phase[t] = 0;
        }
        teardown(NULL);
    }
    assert_true(firsts > 50 && checked > 200); /* the schedules did lose updates */
}

/* T1 synchronised between its read and its write (another epoch): not a lost update. */
static void test_no_lost_update_across_epochs(void **state)
{
    (void)state;
    int *x = (int *)mem;
    RD(1, x, 4);
    hb_tick(&th[1]); /* e.g. T1 unlocked a mutex */
    WR(2, x, 4);
    WR(1, x, 4);
    EXPECT(HB_LOST_UPDATE, 0);
    assert_true(count(HB_RACE) >= 1); /* the race is still there */

    /* the same with a full release/acquire: read under one lock, write under the next */
    struct sync m = {0};
    int *y = (int *)(mem + 64);
    acquire(3, &m);
    RD(3, y, 4);
    release(3, &m);
    acquire(4, &m);
    WR(4, y, 4);
    release(4, &m);
    acquire(3, &m);
    WR(3, y, 4);
    release(3, &m);
    EXPECT(HB_LOST_UPDATE, 0);
    sync_free(&m);
}

/* T1 accessed the location again in between: its write is not based on the stale read. */
static void test_no_lost_update_when_reaccessed(void **state)
{
    (void)state;
    int *x = (int *)mem, *y = (int *)(mem + 64);
    RD(1, x, 4);
    WR(2, x, 4);
    RD(1, x, 4); /* re-read: sees T2's value */
    WR(1, x, 4);
    EXPECT(HB_LOST_UPDATE, 0);
    /* T1's own write ended the read-write pair before T2 wrote */
    RD(1, y, 4);
    WR(1, y, 4);
    WR(2, y, 4);
    WR(1, y, 4);
    EXPECT(HB_LOST_UPDATE, 0);
}

/* Nobody else wrote between the read and the write; or another thread only read. */
static void test_no_lost_update_without_other_writer(void **state)
{
    (void)state;
    int *x = (int *)mem;
    RD(1, x, 4);
    RD(2, x, 4);
    WR(1, x, 4);
    EXPECT(HB_LOST_UPDATE, 0);
}

/* The other thread wrote a different location of the same 8-byte word (per-thread
 * slots such as `int partial[2]`): nothing was lost, there must be no report at all. */
static void test_no_lost_update_from_neighbour_write(void **state)
{
    (void)state;
    struct {
        int a, b;
    } *p = (void *)(mem + 64);
    RD(1, &p->a, 4);
    WR(2, &p->b, 4);
    WR(1, &p->a, 4);
    EXPECT_NONE();
    /* the same once the word is already split into byte cells */
    RD(1, &p->a, 4);
    WR(2, &p->b, 4);
    WR(1, &p->a, 4);
    EXPECT_NONE();
    /* 2-byte slots, four threads: t reads and writes slot t only */
    short *s = (short *)(mem + 128);
    for (int t = 1; t <= 4; t++)
        RD(t, &s[t - 1], 2);
    for (int t = 1; t <= 4; t++)
        WR(t, &s[t - 1], 2);
    EXPECT_NONE();
}

/* An atomic read-modify-write is one access: it never starts a lost update. */
static void test_rmw_never_starts_lost_update(void **state)
{
    (void)state;
    int *x = (int *)mem;
    RMW(1, x, 4);
    AST(2, x, 4);
    AST(1, x, 4);
    EXPECT(HB_LOST_UPDATE, 0);
    int *y = (int *)(mem + 64);
    RMW(1, y, 4);
    RMW(2, y, 4);
    RMW(1, y, 4);
    EXPECT(HB_LOST_UPDATE, 0);
    /* seed_c: relaxed fetch_add counters, 2 threads x 2 */
    int *z = (int *)(mem + 128);
    RMW(1, z, 4);
    RMW(2, z, 4);
    RMW(1, z, 4);
    RMW(2, z, 4);
    EXPECT_NONE();
}

/* A lost update on one field of a word whose other field is in use too (a split word). */
static void test_lost_update_on_a_field(void **state)
{
    (void)state;
    struct {
        int guarded, unguarded;
    } *c = (void *)(mem + 256);
    struct sync m = {0};
    acquire(1, &m);
    WR(1, &c->guarded, 4);
    release(1, &m);
    uptr rpc = PC(__LINE__);
    acc(1, &c->unguarded, 4, ACC_READ, rpc);
    acquire(2, &m);
    RD(2, &c->guarded, 4);
    WR(2, &c->guarded, 4);
    release(2, &m);
    RD(2, &c->unguarded, 4);
    WR(2, &c->unguarded, 4);
    WR(1, &c->unguarded, 4);
    EXPECT(HB_LOST_UPDATE, 1);
    const struct hb_finding *f = first(HB_LOST_UPDATE);
    assert_int_equal(f->tid, 1);
    assert_int_equal(f->ptid, 2);
    assert_int_equal(f->read_pc, rpc);
    assert_int_equal(f->addr, (uptr)&c->unguarded);
    assert_int_equal(f->size, 4);
    for (int i = 0; i < nfound; i++)
        assert_false(overlaps(&found[i], &c->guarded, 4));
    sync_free(&m);
}

static void test_lost_updates_off(void **state)
{
    (void)state;
    hb_lost_updates = false;
    long *x = (long *)mem;
    ALD(1, x, 8);
    AST(2, x, 8);
    AST(1, x, 8);
    hb_lost_updates = true;
    EXPECT_NONE();
}

/* Without a callback, findings are dropped silently. */
static void test_no_callback(void **state)
{
    (void)state;
    hb_report = NULL;
    int *x = (int *)mem;
    RD(1, x, 4);
    WR(2, x, 4);
    WR(1, x, 4);
    hb_report = collect;
    EXPECT_NONE();
    /* and detection still works afterwards */
    WR(3, x, 4);
    EXPECT(HB_RACE, 1);
}

/* The callback sees each finding once, in program order. */
static void test_callback_order(void **state)
{
    (void)state;
    int *x = (int *)mem, *y = (int *)(mem + 64), *z = (int *)(mem + 128);
    WR(1, x, 4);
    WR(1, y, 4);
    WR(1, z, 4);
    RD(2, z, 4);
    RD(2, x, 4);
    RD(2, y, 4);
    assert_int_equal(nfound, 3);
    assert_int_equal(found[0].addr, (uptr)z);
    assert_int_equal(found[1].addr, (uptr)x);
    assert_int_equal(found[2].addr, (uptr)y);
    /* a second racing read of the same thread in the same epoch is not a new report */
    RD(2, x, 4);
    assert_int_equal(nfound, 3);
}

/* Objects whose uses are kept outside the shadow (a mutex's last lock, its
 * init or destroy: rt/sync.h): hb_check_one reports a destroy unordered with
 * the last use, and a use unordered with the last init, once; joined, silent. */
static void test_check_one_object_uses(void **state)
{
    (void)state;
    spawn(0, 1);
    u64 use = th[1].ep;                                                   /* T1 locks the object */
    hb_check_one(&th[0], (uptr)&mem[64], PC(1), true, use, false, PC(2)); /* T0 destroys */
    assert_int_equal(count(HB_RACE), 1);
    assert_int_equal(found[0].addr, (uptr)&mem[64]);
    assert_int_equal(found[0].size, 1);
    assert_int_equal(found[0].ptid, 1);
    assert_false(found[0].pwrite);
    assert_int_equal(found[0].ppc, PC(2));
    /* the same thread, or two reads: never a race */
    hb_check_one(&th[1], (uptr)&mem[64], PC(3), true, use, false, PC(2));
    hb_check_one(&th[0], (uptr)&mem[64], PC(3), false, use, false, PC(2));
    assert_int_equal(count(HB_RACE), 1);
    /* T0 inits after joining T1: ordered */
    join(0, 1);
    hb_check_one(&th[0], (uptr)&mem[64], PC(4), true, use, false, PC(2));
    assert_int_equal(count(HB_RACE), 1);
    /* a use by a thread started before the init: a read after an unordered write */
    u64 init = th[0].ep;
    hb_check_one(&th[2], (uptr)&mem[64], PC(5), false, init, true, PC(4));
    assert_int_equal(count(HB_RACE), 2);
    assert_true(found[1].pwrite);
    assert_int_equal(found[1].tid, 2);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_write_write_race),
        T(test_check_one_object_uses),
        T(test_read_write_race),
        T(test_no_race_same_thread_or_reads),
        T(test_ordered_no_race),
        T(test_acquire_too_early),
        T(test_create_join),
        T(test_two_atomics_no_race),
        T(test_atomic_vs_plain),
        T(test_plain_then_atomic_same_epoch),
        T(test_atomic_and_plain_neighbours),
        T(test_read_shared),
        T(test_read_shared_then_ordered_write),
        T(test_many_readers),
        T(test_neighbouring_fields),
        T(test_neighbouring_fields_small),
        T(test_byte_vs_word),
        T(test_range_accesses),
        T(test_read_seen),
        T(test_lost_update),
        T(test_lost_update_all_atomic),
        T(test_lost_update_of_an_rmw),
        T(test_lost_update_2x2),
        T(test_lost_update_through_fast_paths),
        T(test_lost_update_inline_read),
        T(test_lost_update_stale_read_is_last_recorded),
        T(test_no_lost_update_across_epochs),
        T(test_no_lost_update_when_reaccessed),
        T(test_no_lost_update_without_other_writer),
        T(test_no_lost_update_from_neighbour_write),
        T(test_rmw_never_starts_lost_update),
        T(test_lost_update_on_a_field),
        T(test_lost_updates_off),
        T(test_no_callback),
        T(test_callback_order),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
