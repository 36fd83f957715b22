/* Unit tests of the runtime's memory and string functions (src/base/mem.c): each
 * against libc's, over every length 0..200 and every alignment 0..7 of both sides
 * (the word loops, their tails and unaligned words), overlapping moves both ways,
 * and the string functions' edge cases (empty strings, the terminator, a needle
 * at the very end). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/mem.h"

enum { MAXN = 200, PAD = 16, BUF = MAXN + 2 * PAD };

static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed * 131u + i * 7u + 1u);
}

static void test_copy_set(void **state)
{
    (void)state;
    unsigned char src[BUF], a[BUF], b[BUF];
    for (size_t n = 0; n <= MAXN; n++)
        for (size_t da = 0; da < 8; da++)
            for (size_t sa = 0; sa < 8; sa++) {
                fill_pattern(src, BUF, (unsigned)(n + sa));
                mem_set(a, 0xee, BUF);
                memset(b, 0xee, BUF);
                assert_ptr_equal(mem_copy(a + PAD + da, src + sa, n), a + PAD + da);
                memcpy(b + PAD + da, src + sa, n);
                assert_memory_equal(a, b, BUF); /* and nothing outside [d, d+n) */
                assert_ptr_equal(mem_set(a + PAD + da, (int)(n + 0x100), n), a + PAD + da);
                memset(b + PAD + da, (int)(n + 0x100), n); /* c converts to unsigned char */
                assert_memory_equal(a, b, BUF);
            }
}

static void test_move_overlap(void **state)
{
    (void)state;
    unsigned char a[BUF], b[BUF];
    for (size_t n = 0; n <= MAXN; n++)
        for (int shift = -(PAD - 1); shift < PAD; shift++) {
            fill_pattern(a, BUF, (unsigned)n);
            fill_pattern(b, BUF, (unsigned)n);
            assert_ptr_equal(mem_move(a + PAD + shift, a + PAD, n), a + PAD + shift);
            memmove(b + PAD + shift, b + PAD, n);
            assert_memory_equal(a, b, BUF);
        }
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void test_cmp_chr(void **state)
{
    (void)state;
    unsigned char x[BUF], y[BUF];
    for (size_t n = 0; n <= MAXN; n++)
        for (size_t at = 0; at <= n; at++) { /* at == n: equal */
            fill_pattern(x, BUF, 3);
            fill_pattern(y, BUF, 3);
            if (at < n)
                y[1 + at] = (unsigned char)(x[1 + at] ^ (at & 1 ? 0x80 : 0x01)); /* both orders */
            assert_int_equal(sign(mem_cmp(x + 1, y + 1, n)), sign(memcmp(x + 1, y + 1, n)));
            assert_int_equal(sign(mem_cmp(y + 1, x + 1, n)), sign(memcmp(y + 1, x + 1, n)));
            x[1 + at] = 0xfe;
            assert_ptr_equal(mem_chr(x + 1, 0xfe, n), memchr(x + 1, 0xfe, n));
            assert_ptr_equal(mem_chr(x + 1, 0x1fe, n), memchr(x + 1, 0x1fe, n));
        }
}

static void test_strings(void **state)
{
    (void)state;
    static const char *const words[] = {"",  "a",  "ab",         "abc",  "abd",
                                        "b", "ba", "abcdefghij", "\xff", "\x7f"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *a = words[i];
        assert_int_equal(str_len(a), strlen(a));
        for (int c = 0; c < 256; c += 1)
            assert_ptr_equal(str_chr(a, c), strchr(a, c));
        for (size_t j = 0; j < sizeof words / sizeof words[0]; j++) {
            const char *b = words[j];
            assert_int_equal(sign(str_cmp(a, b)), sign(strcmp(a, b)));
            for (size_t n = 0; n < 5; n++)
                assert_int_equal(sign(str_ncmp(a, b, n)), sign(strncmp(a, b, n)));
            assert_ptr_equal(str_str(a, b), strstr(a, b));
        }
    }
    const char *hay = "kind=crash status=134 step=7";
    assert_ptr_equal(str_str(hay, "step="), strstr(hay, "step="));
    assert_ptr_equal(str_str(hay, "=7"), hay + strlen(hay) - 2); /* at the very end */
    assert_null(str_str(hay, "step=77"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_set),
        cmocka_unit_test(test_move_overlap),
        cmocka_unit_test(test_cmp_chr),
        cmocka_unit_test(test_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
