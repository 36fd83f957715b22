/* Unit tests of the vector clocks (src/hb/vclock.c): get past the end, set and growth,
 * join, copy, leq and clear. Storage comes from the runtime arena (src/base/arena.c). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "hb/vclock.h"

/* v := the values given, entries 0..n-1. */
static void vc_of(struct vclock *v, const u64 *vals, u32 n)
{
    for (u32 i = 0; i < n; i++)
        vclock_set(v, (tid_t)i, vals[i]);
}

static void test_empty(void **state)
{
    (void)state;
    struct vclock v = {0};
    assert_int_equal(v.len, 0);
    assert_int_equal(vclock_get(&v, 0), 0);
    assert_int_equal(vclock_get(&v, 12345), 0);
    /* The empty clock is <= everything, and only the all-zero clocks are <= it. */
    struct vclock o = {0};
    assert_true(vclock_leq(&v, &o));
    vclock_set(&o, 3, 1);
    assert_true(vclock_leq(&v, &o));
    assert_false(vclock_leq(&o, &v));
    vclock_free(&o);
    vclock_free(&v);
}

static void test_get_beyond_len(void **state)
{
    (void)state;
    struct vclock v = {0};
    vclock_set(&v, 2, 7);
    assert_int_equal(v.len, 3);
    assert_int_equal(vclock_get(&v, 0), 0);
    assert_int_equal(vclock_get(&v, 1), 0);
    assert_int_equal(vclock_get(&v, 2), 7);
    /* Past len, even inside the capacity: 0, whatever the storage holds. */
    assert_true(v.cap > v.len);
    assert_int_equal(vclock_get(&v, 3), 0);
    assert_int_equal(vclock_get(&v, v.cap - 1), 0);
    assert_int_equal(vclock_get(&v, v.cap), 0);
    assert_int_equal(vclock_get(&v, 0xfffe), 0);
    vclock_free(&v);
}

static void test_set_and_growth(void **state)
{
    (void)state;
    struct vclock v = {0};
    vclock_set(&v, 0, 1);
    vclock_set(&v, 1, 2);
    assert_int_equal(v.len, 2);
    u32 cap0 = v.cap;
    assert_true(cap0 >= 2);
    /* Growing far past the capacity keeps the old entries and zero-fills the gap. */
    vclock_set(&v, 1000, 99);
    assert_int_equal(v.len, 1001);
    assert_true(v.cap >= 1001);
    assert_true(v.cap > cap0);
    assert_int_equal(vclock_get(&v, 0), 1);
    assert_int_equal(vclock_get(&v, 1), 2);
    for (tid_t t = 2; t < 1000; t++)
        assert_int_equal(vclock_get(&v, t), 0);
    assert_int_equal(vclock_get(&v, 1000), 99);
    /* Setting below len neither shrinks nor grows. */
    vclock_set(&v, 500, 5);
    assert_int_equal(v.len, 1001);
    assert_int_equal(vclock_get(&v, 500), 5);
    /* Overwrite, also with a smaller value (set is not a max). */
    vclock_set(&v, 1000, 3);
    assert_int_equal(vclock_get(&v, 1000), 3);
    /* Entries grow one at a time, too. */
    struct vclock w = {0};
    for (tid_t t = 0; t < 100; t++) {
        vclock_set(&w, t, (u64)t + 1);
        assert_int_equal(w.len, t + 1);
        for (tid_t u = 0; u <= t; u++)
            assert_int_equal(vclock_get(&w, u), (u64)u + 1);
    }
    vclock_free(&w);
    vclock_free(&v);
    assert_int_equal(v.len, 0);
    assert_int_equal(v.cap, 0);
    assert_null(v.c);
}

static void test_join(void **state)
{
    (void)state;
    struct vclock a = {0}, b = {0};
    vc_of(&a, (const u64[]){5, 1, 7}, 3);
    vc_of(&b, (const u64[]){2, 4, 7}, 3);
    vclock_join(&a, &b);
    assert_int_equal(a.len, 3);
    assert_int_equal(vclock_get(&a, 0), 5);
    assert_int_equal(vclock_get(&a, 1), 4);
    assert_int_equal(vclock_get(&a, 2), 7);
    /* b is unchanged. */
    assert_int_equal(vclock_get(&b, 0), 2);
    assert_int_equal(vclock_get(&b, 1), 4);
    assert_true(vclock_leq(&b, &a));
    vclock_free(&a);
    vclock_free(&b);
}

static void test_join_grows(void **state)
{
    (void)state;
    struct vclock a = {0}, b = {0};
    vc_of(&a, (const u64[]){3, 3}, 2);
    vclock_set(&b, 40, 9);
    vclock_set(&b, 0, 1);
    vclock_join(&a, &b);
    assert_int_equal(a.len, 41);
    assert_int_equal(vclock_get(&a, 0), 3);
    assert_int_equal(vclock_get(&a, 1), 3);
    for (tid_t t = 2; t < 40; t++)
        assert_int_equal(vclock_get(&a, t), 0);
    assert_int_equal(vclock_get(&a, 40), 9);

    /* Joining a shorter clock keeps the length and the entries past it. */
    struct vclock c = {0};
    vc_of(&c, (const u64[]){10}, 1);
    vclock_join(&a, &c);
    assert_int_equal(a.len, 41);
    assert_int_equal(vclock_get(&a, 0), 10);
    assert_int_equal(vclock_get(&a, 40), 9);

    /* Joining into an empty clock copies; joining an empty clock changes nothing. */
    struct vclock e = {0}, z = {0};
    vclock_join(&e, &c);
    assert_int_equal(e.len, 1);
    assert_int_equal(vclock_get(&e, 0), 10);
    vclock_join(&e, &z);
    assert_int_equal(e.len, 1);
    assert_int_equal(vclock_get(&e, 0), 10);

    /* A join after a shrinking copy must not resurrect stale entries. */
    struct vclock s = {0}, big = {0}, small = {0}, far = {0};
    vc_of(&big, (const u64[]){1, 2, 3, 4, 5, 6}, 6);
    vc_of(&small, (const u64[]){1}, 1);
    vclock_set(&far, 5, 1);
    vclock_copy(&s, &big);
    vclock_copy(&s, &small);
    vclock_join(&s, &far);
    assert_int_equal(s.len, 6);
    assert_int_equal(vclock_get(&s, 0), 1);
    for (tid_t t = 1; t < 5; t++)
        assert_int_equal(vclock_get(&s, t), 0);
    assert_int_equal(vclock_get(&s, 5), 1);

    vclock_free(&a);
    vclock_free(&b);
    vclock_free(&c);
    vclock_free(&e);
    vclock_free(&s);
    vclock_free(&big);
    vclock_free(&small);
    vclock_free(&far);
}

static void test_copy(void **state)
{
    (void)state;
    struct vclock a = {0}, b = {0};
    vc_of(&b, (const u64[]){4, 0, 6, 8}, 4);
    vclock_copy(&a, &b);
    assert_int_equal(a.len, 4);
    assert_ptr_not_equal(a.c, b.c); /* a copy, not an alias */
    for (tid_t t = 0; t < 4; t++)
        assert_int_equal(vclock_get(&a, t), vclock_get(&b, t));
    vclock_set(&b, 0, 100);
    assert_int_equal(vclock_get(&a, 0), 4);

    /* A copy of a shorter clock shrinks the length: the old entries are gone. */
    struct vclock s = {0};
    vc_of(&s, (const u64[]){1, 1}, 2);
    vclock_copy(&a, &s);
    assert_int_equal(a.len, 2);
    assert_int_equal(vclock_get(&a, 2), 0);
    assert_int_equal(vclock_get(&a, 3), 0);
    /* ... also when it grows again. */
    vclock_set(&a, 4, 1);
    assert_int_equal(vclock_get(&a, 2), 0);
    assert_int_equal(vclock_get(&a, 3), 0);
    assert_int_equal(vclock_get(&a, 4), 1);

    /* Copy of an empty clock. */
    struct vclock z = {0};
    vclock_copy(&a, &z);
    assert_int_equal(a.len, 0);
    assert_int_equal(vclock_get(&a, 0), 0);
    /* Copy into an empty clock of a long one. */
    struct vclock l = {0}, d = {0};
    vclock_set(&l, 300, 2);
    vclock_copy(&d, &l);
    assert_int_equal(d.len, 301);
    assert_int_equal(vclock_get(&d, 300), 2);
    assert_int_equal(vclock_get(&d, 299), 0);

    vclock_free(&a);
    vclock_free(&b);
    vclock_free(&s);
    vclock_free(&l);
    vclock_free(&d);
}

static void test_leq(void **state)
{
    (void)state;
    struct vclock a = {0}, b = {0};
    vc_of(&a, (const u64[]){1, 2, 3}, 3);
    vc_of(&b, (const u64[]){1, 2, 3}, 3);
    assert_true(vclock_leq(&a, &b)); /* reflexive on equal clocks */
    assert_true(vclock_leq(&b, &a));
    vclock_set(&b, 1, 5);
    assert_true(vclock_leq(&a, &b));
    assert_false(vclock_leq(&b, &a));
    /* Concurrent: neither is <= the other. */
    vclock_set(&a, 0, 9);
    assert_false(vclock_leq(&a, &b));
    assert_false(vclock_leq(&b, &a));

    /* Different lengths: missing entries are 0. */
    struct vclock s = {0}, l = {0};
    vc_of(&s, (const u64[]){1}, 1);
    vc_of(&l, (const u64[]){1, 0, 0, 0}, 4);
    assert_true(vclock_leq(&s, &l));
    assert_true(vclock_leq(&l, &s)); /* trailing zeros do not matter */
    vclock_set(&l, 3, 1);
    assert_true(vclock_leq(&s, &l));
    assert_false(vclock_leq(&l, &s));
    vclock_set(&s, 0, 2);
    assert_false(vclock_leq(&s, &l));

    vclock_free(&a);
    vclock_free(&b);
    vclock_free(&s);
    vclock_free(&l);
}

static void test_clear(void **state)
{
    (void)state;
    struct vclock v = {0};
    vc_of(&v, (const u64[]){3, 4, 5}, 3);
    vclock_clear(&v);
    assert_int_equal(v.len, 0);
    for (tid_t t = 0; t < 4; t++)
        assert_int_equal(vclock_get(&v, t), 0);
    struct vclock z = {0};
    assert_true(vclock_leq(&v, &z));
    /* Reuse after clear: entries not set again read as 0 (no stale values). */
    vclock_set(&v, 2, 1);
    assert_int_equal(v.len, 3);
    assert_int_equal(vclock_get(&v, 0), 0);
    assert_int_equal(vclock_get(&v, 1), 0);
    assert_int_equal(vclock_get(&v, 2), 1);
    vclock_clear(&v);
    struct vclock o = {0};
    vclock_set(&o, 1, 1);
    vclock_join(&v, &o);
    assert_int_equal(vclock_get(&v, 0), 0);
    assert_int_equal(vclock_get(&v, 1), 1);
    assert_int_equal(vclock_get(&v, 2), 0);
    vclock_free(&v);
    vclock_free(&o);
}

/* Storage comes from the arena and goes back to it. */
static void test_arena_accounting(void **state)
{
    (void)state;
    u64 before = arena_bytes_in_use();
    struct vclock v = {0};
    vclock_set(&v, 0, 1);
    assert_true(arena_bytes_in_use() > before);
    for (tid_t t = 1; t < 200; t++)
        vclock_set(&v, t, t);
    vclock_free(&v);
    assert_int_equal(arena_bytes_in_use(), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_get_beyond_len),
        cmocka_unit_test(test_set_and_growth),
        cmocka_unit_test(test_join),
        cmocka_unit_test(test_join_grows),
        cmocka_unit_test(test_copy),
        cmocka_unit_test(test_leq),
        cmocka_unit_test(test_clear),
        cmocka_unit_test(test_arena_accounting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
