/* Unit tests of shadow memory (src/hb/shadow.c): the cell of each 8-byte granule,
 * lazily mapped 4 MiB blocks, reset of small and large ranges (also across a block
 * boundary and over whole blocks), and the split of a cell into eight byte cells or
 * two four-byte halves.
 * Shadow only uses application addresses as numbers, so most tests use addresses
 * far away from anything mapped; one uses a static array as application memory. */
#define _GNU_SOURCE /* mincore */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "base/arena.h"
#include "hb/shadow.h"

/* Any bits above the PC (bits 48..63 of wpc): a split must carry them over too. */
#define STAMP_ONE (1ull << 48)

#define BLOCK ((uptr)1 << SHADOW_L2_SHIFT) /* 4 MiB of application space */

/* Distinct, otherwise unused 4 MiB blocks per test (well below 2^47). */
static uptr region(unsigned k)
{
    return ((uptr)0x300000000000) + (uptr)k * 64 * BLOCK;
}

static int setup(void **state)
{
    (void)state;
    shadow_init();
    return 0;
}

static bool cell_is_zero(const struct cell *c)
{
    return c->w == 0 && c->r == 0 && c->wpc == 0 && c->rpc == 0;
}

/* Marks a cell as used with a recognisable plain write epoch. */
static void touch(uptr addr, u64 tag)
{
    struct cell *c = shadow_cell(addr);
    c->w = ep_make(1, tag, false, 0xff);
    c->wpc = tag;
}

static void test_epoch_layout(void **state)
{
    (void)state;
    u64 e = ep_make(0x1234, EP_CLK_MASK, true, 0xa5);
    assert_int_equal(ep_tid(e), 0x1234);
    assert_int_equal(ep_clk(e), EP_CLK_MASK);
    /* the fields do not overlap: the largest clock leaves the others alone */
    assert_int_equal(ep_clk(ep_make(0xffff, 0, true, 0xff)), 0);
    assert_int_equal(ep_tid(ep_make(0, EP_CLK_MASK, true, 0xff)), 0);
    assert_int_equal(ep_mask(ep_make(0xffff, EP_CLK_MASK, true, 0)), 0);
    assert_false(ep_make(0xffff, EP_CLK_MASK, false, 0xff) & EP_ATOMIC);
    assert_int_equal(ep_mask(e), 0xa5);
    assert_true(e & EP_ATOMIC);
    u64 p = ep_make(3, 9, false, 0x0f);
    assert_int_equal(ep_tid(p), 3);
    assert_int_equal(ep_clk(p), 9);
    assert_int_equal(ep_mask(p), 0x0f);
    assert_false(p & EP_ATOMIC);
    /* A plain epoch with a mask is never mistaken for a shared-read set. */
    assert_false(r_is_shared(p));
    assert_false(r_is_shared(0));
}

static void test_neighbouring_cells(void **state)
{
    (void)state;
    static _Alignas(64) unsigned char app[256]; /* "application memory" */
    uptr a = (uptr)app;
    struct cell *c0 = shadow_cell(a);
    assert_non_null(c0);
    /* All eight bytes of a granule share one cell. */
    for (int i = 1; i < 8; i++)
        assert_ptr_equal(shadow_cell(a + (uptr)i), c0);
    /* The next granules have the next cells. */
    for (int g = 1; g < 32; g++) {
        assert_ptr_equal(shadow_cell(a + (uptr)g * 8), c0 + g);
        assert_ptr_equal(shadow_cell(a + (uptr)g * 8 + 7), c0 + g);
    }
    assert_ptr_not_equal(shadow_cell(a + 7), shadow_cell(a + 8));
    /* Cells are 32 bytes. */
    assert_int_equal(sizeof(struct cell), 32);
    /* Cells are zero before first use (freshly mapped). */
    uptr far = region(0) + 12345 * 8;
    assert_true(cell_is_zero(shadow_cell(far)));
    /* Stable: the same address gives the same cell again, and what is stored stays. */
    touch(far, 77);
    assert_ptr_equal(shadow_cell(far), shadow_cell(far + 3));
    assert_int_equal(ep_clk(shadow_cell(far)->w), 77);
}

static void test_block_boundary_and_lazy_mapping(void **state)
{
    (void)state;
    uptr b = region(1) + BLOCK; /* start of a block */
    u64 before = shadow_bytes_mapped();
    struct cell *last = shadow_cell(b - 8);
    u64 after_one = shadow_bytes_mapped();
    assert_int_equal(after_one - before, (u64)SHADOW_L2_CELLS * sizeof(struct cell));
    /* The same block again maps nothing. */
    shadow_cell(b - BLOCK);
    shadow_cell(b - 1);
    assert_int_equal(shadow_bytes_mapped(), after_one);
    struct cell *first = shadow_cell(b);
    assert_int_equal(shadow_bytes_mapped() - after_one, (u64)SHADOW_L2_CELLS * sizeof(struct cell));
    /* The last cell of one block and the first of the next are distinct cells in
     * different second-level tables; the first cell of a block is its table's index 0. */
    assert_ptr_not_equal(last, first);
    assert_ptr_equal(shadow_cell(b - BLOCK), last - (SHADOW_L2_CELLS - 1));
    assert_ptr_equal(first, shadow_l1[b >> SHADOW_L2_SHIFT]);
    /* The highest address shadow covers. */
    uptr top = ((uptr)1 << SHADOW_ADDR_BITS) - 1;
    struct cell *ct = shadow_cell(top);
    assert_ptr_equal(ct, &shadow_l1[top >> SHADOW_L2_SHIFT][SHADOW_L2_CELLS - 1]);
}

static void test_reset_small(void **state)
{
    (void)state;
    uptr a = region(2) + 4096;
    for (int g = -2; g < 12; g++)
        touch(a + (uptr)(g * 8), (u64)(100 + g));
    /* [a, a+80): granules 0..9 are forgotten, -2, -1, 10, 11 are kept. */
    shadow_reset(a, 80);
    for (int g = 0; g < 10; g++)
        assert_true(cell_is_zero(shadow_cell(a + (uptr)(g * 8))));
    for (int g = -2; g < 0; g++)
        assert_int_equal(ep_clk(shadow_cell(a + (uptr)(g * 8))->w), (u64)(100 + g));
    for (int g = 10; g < 12; g++)
        assert_int_equal(ep_clk(shadow_cell(a + (uptr)(g * 8))->w), (u64)(100 + g));

    /* Unaligned ends: every granule the range touches is forgotten, the rest kept. */
    for (int g = 0; g < 12; g++)
        touch(a + (uptr)(g * 8), (u64)(200 + g));
    shadow_reset(a + 8 + 3, 8 * 3); /* bytes 11..34: granules 1..4 */
    assert_int_equal(ep_clk(shadow_cell(a)->w), 200);
    for (int g = 1; g <= 4; g++)
        assert_true(cell_is_zero(shadow_cell(a + (uptr)(g * 8))));
    for (int g = 5; g < 12; g++)
        assert_int_equal(ep_clk(shadow_cell(a + (uptr)(g * 8))->w), (u64)(200 + g));

    /* One byte. */
    shadow_reset(a + 5 * 8 + 7, 1);
    assert_true(cell_is_zero(shadow_cell(a + 5 * 8)));
    assert_int_equal(ep_clk(shadow_cell(a + 6 * 8)->w), 206);

    /* Size 0 and a wrapping range change nothing. */
    shadow_reset(a + 6 * 8, 0);
    assert_int_equal(ep_clk(shadow_cell(a + 6 * 8)->w), 206);
    shadow_reset(a + 6 * 8, ~(size_t)0);
    assert_int_equal(ep_clk(shadow_cell(a + 6 * 8)->w), 206);
}

static void test_reset_unmapped_maps_nothing(void **state)
{
    (void)state;
    uptr a = region(3);
    u64 before = shadow_bytes_mapped();
    shadow_reset(a, 3 * BLOCK + 100);
    assert_int_equal(shadow_bytes_mapped(), before);
    assert_null(shadow_l1[a >> SHADOW_L2_SHIFT]);
    assert_null(shadow_l1[(a + BLOCK) >> SHADOW_L2_SHIFT]);
}

/* A large range (the madvise path) inside one block: exact edges. */
static void test_reset_large(void **state)
{
    (void)state;
    uptr a = region(4) + 8 * 1000 + 8; /* not page aligned in shadow either */
    size_t size = 1u << 20;            /* 128 Ki cells, 4 MiB of shadow */
    uptr end = a + size;
    touch(a - 8, 1);
    touch(end, 2);
    for (uptr p = a; p < end; p += 8 * 97)
        touch(p, 3);
    touch(a, 4);
    touch(end - 8, 5);
    shadow_reset(a, size);
    assert_int_equal(ep_clk(shadow_cell(a - 8)->w), 1);
    assert_int_equal(ep_clk(shadow_cell(end)->w), 2);
    for (uptr p = a; p < end; p += 8)
        assert_true(cell_is_zero(shadow_cell(p)));
}

static bool shadow_page_resident(uptr app)
{
    unsigned char v = 0;
    uptr page = (uptr)shadow_cell(app) & ~(uptr)4095;
    assert_int_equal(mincore((void *)page, 4096, &v), 0);
    return v & 1;
}

/* A middle-sized range (below the madvise path) over shadow pages of which only
 * some were ever written: those are cleared, the others are not even touched. */
static void test_reset_skips_untouched_pages(void **state)
{
    (void)state;
    const uptr app_per_page = 4096 / sizeof(struct cell) * 8; /* 1 KiB */
    uptr a = region(6) + 3 * app_per_page + 24;
    uptr end = a + 12 * app_per_page; /* 13 shadow pages, 48 KiB of shadow */
    touch(a - 8, 21);
    touch(end, 22);
    touch(a, 23);
    touch(a + 5 * app_per_page, 24);
    touch(end - 8, 25);
    uptr never = a + 8 * app_per_page;
    assert_false(shadow_page_resident(never));
    shadow_reset(a, end - a);
    assert_false(shadow_page_resident(never));
    assert_int_equal(ep_clk(shadow_cell(a - 8)->w), 21);
    assert_int_equal(ep_clk(shadow_cell(end)->w), 22);
    for (uptr p = a; p < end; p += 8)
        assert_true(cell_is_zero(shadow_cell(p)));
}

/* A range across a block boundary, and one covering whole blocks. */
static void test_reset_across_blocks(void **state)
{
    (void)state;
    uptr b = region(5) + 2 * BLOCK; /* a block boundary */
    uptr a = b - 64 * 1024 - 40;
    uptr end = b + 128 * 1024 + 24;
    touch(a - 8, 11);
    touch(end, 12);
    for (uptr p = a; p < end; p += 8 * 31)
        touch(p, 13);
    touch(b - 8, 14);
    touch(b, 15);
    shadow_reset(a, end - a);
    for (uptr p = a; p < end; p += 8)
        assert_true(cell_is_zero(shadow_cell(p)));
    assert_int_equal(ep_clk(shadow_cell(a - 8)->w), 11);
    assert_int_equal(ep_clk(shadow_cell(end)->w), 12);

    /* Whole blocks: [b - BLOCK, b + 2 BLOCK) plus a little on both sides. */
    uptr s = b - BLOCK - 8, e = b + 2 * BLOCK + 8;
    touch(s - 8, 21);
    touch(e, 22);
    for (uptr p = s; p < e; p += BLOCK / 4 + 8)
        touch(p, 23);
    touch(s, 24);
    touch(b - BLOCK, 25);
    touch(b + BLOCK - 8, 26);
    touch(b + BLOCK, 27);
    touch(e - 8, 28);
    shadow_reset(s, e - s);
    for (uptr p = s; p < e; p += BLOCK / 4 + 8)
        assert_true(cell_is_zero(shadow_cell(p)));
    assert_true(cell_is_zero(shadow_cell(s)));
    assert_true(cell_is_zero(shadow_cell(b - BLOCK)));
    assert_true(cell_is_zero(shadow_cell(b + BLOCK - 8)));
    assert_true(cell_is_zero(shadow_cell(b + BLOCK)));
    assert_true(cell_is_zero(shadow_cell(e - 8)));
    assert_int_equal(ep_clk(shadow_cell(s - 8)->w), 21);
    assert_int_equal(ep_clk(shadow_cell(e)->w), 22);
    /* The cells are usable again afterwards. */
    touch(b + 8, 30);
    assert_int_equal(ep_clk(shadow_cell(b + 8)->w), 30);
}

/* A reset frees what cells own: sub-cells of split cells and shared-read sets. */
static void test_reset_frees_owned(void **state)
{
    (void)state;
    uptr a = region(6) + 8 * 64;
    u64 before = arena_bytes_in_use();
    /* a split cell (with a shared-read set in one of its sub-cells) */
    struct cell *c = shadow_cell(a);
    c->w = ep_make(1, 1, false, 0xff);
    shadow_split(c);
    struct cell *sub = (struct cell *)(uptr)c->r;
    struct rshared *s = arena_alloc(shadow_rshared_size(4));
    s->mask = 0x01;
    s->cap = 4;
    s->n = 2;
    s->e[0].ep = ep_make(1, 1, false, 0);
    s->e[1].ep = ep_make(2, 1, false, 0);
    sub[0].r = (u64)(uptr)s;
    /* a cell with a shared-read set, in a large range */
    uptr big = region(6) + BLOCK / 2;
    struct cell *d = shadow_cell(big + 8 * 5000);
    struct rshared *s2 = arena_alloc(shadow_rshared_size(8));
    s2->mask = 0xff;
    s2->cap = 8;
    s2->n = 1;
    s2->e[0].ep = ep_make(3, 4, false, 0);
    d->r = (u64)(uptr)s2;
    assert_true(arena_bytes_in_use() > before);

    shadow_reset(a, 8);
    assert_true(cell_is_zero(shadow_cell(a)));
    shadow_reset(big, 1u << 20);
    assert_true(cell_is_zero(d));
    assert_int_equal(arena_bytes_in_use(), before);
}

static void test_split_write_and_read(void **state)
{
    (void)state;
    uptr a = region(7) + 8 * 10;
    struct cell *c = shadow_cell(a);
    /* a 4-byte write at offset 4 by T2 at clock 9, a 4-byte read by T3 at clock 5 */
    c->w = ep_make(2, 9, false, 0xf0);
    c->r = ep_make(3, 5, true, 0xf0);
    c->wpc = 0x1234 | (3 * STAMP_ONE);
    c->rpc = 0x5678;
    struct cell *sub = shadow_split(c);
    assert_non_null(sub);
    assert_int_equal(c->w, CELL_SPLIT);
    assert_ptr_equal((struct cell *)(uptr)c->r, sub);
    /* Bytes outside the old masks have no history (the cell's write count may stay). */
    for (int b = 0; b < 4; b++) {
        assert_int_equal(sub[b].w, 0);
        assert_int_equal(sub[b].r, 0);
    }
    /* Each byte of the mask keeps the history, with its own one-byte mask. */
    for (int b = 4; b < 8; b++) {
        assert_int_equal(ep_tid(sub[b].w), 2);
        assert_int_equal(ep_clk(sub[b].w), 9);
        assert_int_equal(ep_mask(sub[b].w), 1u << b);
        assert_false(sub[b].w & EP_ATOMIC);
        assert_int_equal(ep_tid(sub[b].r), 3);
        assert_int_equal(ep_clk(sub[b].r), 5);
        assert_int_equal(ep_mask(sub[b].r), 1u << b);
        assert_true(sub[b].r & EP_ATOMIC);
        assert_int_equal(sub[b].wpc, 0x1234 | (3 * STAMP_ONE)); /* pc and write count */
        assert_int_equal(sub[b].rpc, 0x5678);
    }
    /* shadow_cell still finds the parent; clearing it frees the sub-cells. */
    assert_ptr_equal(shadow_cell(a + 5), c);
    shadow_cell_clear(c);
    assert_true(cell_is_zero(c));
}

static void test_split_write_only_and_empty(void **state)
{
    (void)state;
    uptr a = region(7) + 8 * 20;
    struct cell *c = shadow_cell(a);
    c->w = ep_make(1, 2, true, 0x3c); /* bytes 2..5, atomic */
    struct cell *sub = shadow_split(c);
    for (int b = 0; b < 8; b++) {
        if (b >= 2 && b <= 5) {
            assert_int_equal(ep_mask(sub[b].w), 1u << b);
            assert_int_equal(ep_tid(sub[b].w), 1);
            assert_int_equal(ep_clk(sub[b].w), 2);
            assert_true(sub[b].w & EP_ATOMIC);
        } else {
            assert_int_equal(sub[b].w, 0);
        }
        assert_int_equal(sub[b].r, 0);
    }
    shadow_cell_clear(c);

    /* The write and the read describe different bytes: each byte gets what covers it. */
    c->w = ep_make(1, 3, false, 0x0f); /* bytes 0..3 written by T1 */
    c->r = ep_make(2, 4, false, 0x3c); /* bytes 2..5 read by T2 */
    sub = shadow_split(c);
    for (int b = 0; b < 8; b++) {
        if (b <= 3) {
            assert_int_equal(ep_tid(sub[b].w), 1);
            assert_int_equal(ep_mask(sub[b].w), 1u << b);
        } else {
            assert_int_equal(sub[b].w, 0);
        }
        if (b >= 2 && b <= 5) {
            assert_int_equal(ep_tid(sub[b].r), 2);
            assert_int_equal(ep_clk(sub[b].r), 4);
            assert_int_equal(ep_mask(sub[b].r), 1u << b);
        } else {
            assert_int_equal(sub[b].r, 0);
        }
    }
    shadow_cell_clear(c);

    /* A read-only cell (no write yet): the read's mask decides. */
    c->r = ep_make(4, 1, false, 0x01);
    sub = shadow_split(c);
    assert_int_equal(ep_tid(sub[0].r), 4);
    assert_int_equal(ep_mask(sub[0].r), 0x01);
    for (int b = 0; b < 8; b++)
        assert_int_equal(sub[b].w, 0);
    for (int b = 1; b < 8; b++)
        assert_int_equal(sub[b].r, 0);
    shadow_cell_clear(c);

    /* An empty cell splits into eight empty cells. */
    sub = shadow_split(c);
    for (int b = 0; b < 8; b++)
        assert_true(cell_is_zero(&sub[b]));
    shadow_cell_clear(c);
}

static void test_split_shared_reads(void **state)
{
    (void)state;
    uptr a = region(7) + 8 * 30;
    u64 before = arena_bytes_in_use();
    struct cell *c = shadow_cell(a);
    struct rshared *s = arena_alloc(shadow_rshared_size(4));
    s->mask = 0x03; /* a 2-byte object read by three threads */
    s->cap = 4;
    s->n = 3;
    for (u32 i = 0; i < 3; i++) {
        s->e[i].ep = ep_make(i + 1, 10 + i, false, 0);
        s->e[i].pc = 0x100 + i;
    }
    c->r = (u64)(uptr)s;
    c->w = ep_make(5, 1, false, 0x03);
    assert_true(r_is_shared(c->r));
    struct cell *sub = shadow_split(c);
    for (int b = 0; b < 2; b++) {
        assert_true(r_is_shared(sub[b].r));
        struct rshared *t = r_shared(sub[b].r);
        assert_ptr_not_equal(t, s);
        assert_int_equal(t->mask, 1u << b);
        assert_int_equal(t->n, 3);
        assert_int_equal(t->cap, 4);
        for (u32 i = 0; i < 3; i++) {
            assert_int_equal(ep_tid(t->e[i].ep), i + 1);
            assert_int_equal(ep_clk(t->e[i].ep), 10 + i);
            assert_int_equal(t->e[i].pc, 0x100 + i);
        }
        assert_int_equal(ep_mask(sub[b].w), 1u << b);
    }
    /* Each byte's set is its own: changing one does not change the other. */
    r_shared(sub[0].r)->e[0].pc = 0x999;
    assert_int_equal(r_shared(sub[1].r)->e[0].pc, 0x100);
    for (int b = 2; b < 8; b++) {
        assert_int_equal(sub[b].w, 0);
        assert_int_equal(sub[b].r, 0);
    }
    shadow_cell_clear(c);
    assert_true(cell_is_zero(c));
    assert_int_equal(arena_bytes_in_use(), before);
}

/* A word cell splits into two four-byte halves first; masks stay in the word's frame. */
static void test_split_halves(void **state)
{
    (void)state;
    uptr a = region(7) + 8 * 40;
    u64 before = arena_bytes_in_use();
    struct cell *c = shadow_cell(a);
    c->w = ep_make(2, 9, false, 0xf0); /* int at offset 4 written by T2 */
    c->r = ep_make(3, 5, true, 0x3c);  /* bytes 2..5 read (atomically) by T3 */
    c->wpc = 0x1234 | (2 * STAMP_ONE);
    c->rpc = 0x5678;
    struct cell *sub = shadow_split_halves(c);
    assert_int_equal(c->w, CELL_HALVES);
    assert_ptr_equal((struct cell *)(uptr)c->r, sub);
    /* low half: no write, the read of bytes 2..3 */
    assert_int_equal(sub[0].w, 0);
    assert_int_equal(ep_tid(sub[0].r), 3);
    assert_int_equal(ep_clk(sub[0].r), 5);
    assert_int_equal(ep_mask(sub[0].r), 0x0c);
    assert_true(sub[0].r & EP_ATOMIC);
    assert_int_equal(sub[0].rpc, 0x5678);
    /* high half: the write of bytes 4..7 and the read of bytes 4..5 */
    assert_int_equal(ep_tid(sub[1].w), 2);
    assert_int_equal(ep_clk(sub[1].w), 9);
    assert_int_equal(ep_mask(sub[1].w), 0xf0);
    assert_int_equal(ep_mask(sub[1].r), 0x30);
    /* both keep the word's write count (the lost-update check compares it) */
    assert_int_equal(sub[0].wpc >> 48, 2);
    assert_int_equal(sub[1].wpc >> 48, 2);
    assert_ptr_equal(shadow_cell(a + 6), c);
    shadow_cell_clear(c);
    assert_true(cell_is_zero(c));
    assert_int_equal(arena_bytes_in_use(), before);

    /* a half with a shared-read set; reset frees it all */
    struct rshared *s = arena_alloc(shadow_rshared_size(4));
    s->mask = 0xff;
    s->cap = 4;
    s->n = 3;
    s->e[1].ep = ep_make(1, 1, false, 0);
    s->e[2].ep = ep_make(2, 1, false, 0);
    c->r = (u64)(uptr)s;
    sub = shadow_split_halves(c);
    for (int h = 0; h < 2; h++) {
        assert_true(r_is_shared(sub[h].r));
        assert_int_equal(r_shared(sub[h].r)->mask, h ? 0xf0 : 0x0f);
        assert_int_equal(r_shared(sub[h].r)->n, 3);
        assert_int_equal(ep_tid(r_shared(sub[h].r)->e[2].ep), 2);
    }
    shadow_reset(a, 8);
    assert_true(cell_is_zero(c));
    assert_int_equal(arena_bytes_in_use(), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch_layout),
        cmocka_unit_test(test_neighbouring_cells),
        cmocka_unit_test(test_block_boundary_and_lazy_mapping),
        cmocka_unit_test(test_reset_small),
        cmocka_unit_test(test_reset_unmapped_maps_nothing),
        cmocka_unit_test(test_reset_large),
        cmocka_unit_test(test_reset_skips_untouched_pages),
        cmocka_unit_test(test_reset_across_blocks),
        cmocka_unit_test(test_reset_frees_owned),
        cmocka_unit_test(test_split_write_and_read),
        cmocka_unit_test(test_split_write_only_and_empty),
        cmocka_unit_test(test_split_shared_reads),
        cmocka_unit_test(test_split_halves),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
