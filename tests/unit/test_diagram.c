/* Unit tests of the schedule diagram renderer (src/report/diagram.c). */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/diagram.h"

static struct findings_event ev(uint32_t tid, char op, uint64_t value)
{
    struct findings_event e = {.tid = {tid}, .size = 8, .value = value};
    e.op = op == 'r' ? FINDINGS_OP_READ : op == 'w' ? FINDINGS_OP_WRITE : FINDINGS_OP_RMW;
    return e;
}

/* Renders into a string owned by the caller. */
static char *render(const struct findings_event *evs, size_t n, const struct diagram_options *o)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(diagram_render(evs, n, o, f), 0);
    fclose(f);
    return text;
}

/* The article's lost update, 2 threads x 2 increments, reproduced byte for byte. */
static void test_article(void **state)
{
    (void)state;
    struct findings_event e[] = {ev(1, 'r', 0), ev(2, 'r', 0), ev(1, 'w', 1), ev(1, 'r', 1),
                                 ev(1, 'w', 2), ev(2, 'w', 1), ev(2, 'r', 1), ev(2, 'w', 2)};
    char *t = render(e, 8, NULL);
    assert_string_equal(t, "T1 | r(0)    w(1) r(1) w(2)\n"
                           "T2 |     r(0)              w(1) r(1) w(2)\n"
                           "   +------------------------------------> time\n");
    free(t);
}

static void test_marks_and_indent(void **state)
{
    (void)state;
    struct findings_event e[] = {ev(1, 'r', 0), ev(2, 'r', 0), ev(1, 'w', 1), ev(2, 'w', 1)};
    e[0].mark = e[2].mark = e[3].mark = 1;
    struct diagram_options o = {.indent = "    "};
    char *t = render(e, 4, &o);
    assert_string_equal(t, "    T1 | r(0)    w(1)\n"
                           "         ^^^^    ^^^^\n"
                           "    T2 |     r(0)    w(1)\n"
                           "                     ^^^^\n"
                           "       +----------------> time\n");
    free(t);
}

/* Rows sorted by tid whatever the order of appearance; wider labels pad every row;
 * atomic updates show as u(); values as signed decimal or hex. */
static void test_three_threads(void **state)
{
    (void)state;
    struct findings_event e[] = {ev(10, 'w', 5), ev(0, 'r', 5), ev(2, 'u', 6),
                                 ev(0, 'w', (uint64_t)-1), ev(2, 'r', 0x7ffd1234)};
    char *t = render(e, 5, NULL);
    assert_string_equal(t, "T0  |     r(5)    w(-1)\n"
                           "T2  |         u(6)     r(0x7ffd1234)\n"
                           "T10 | w(5)\n"
                           "    +------------------------------> time\n");
    free(t);
}

static void test_values(void **state)
{
    (void)state;
    char b[32];
    diagram_value(0xff, 1, b, sizeof b);
    assert_string_equal(b, "-1");
    diagram_value(0xffffffff, 4, b, sizeof b);
    assert_string_equal(b, "-1");
    diagram_value(0x1ffff, 2, b, sizeof b);
    assert_string_equal(b, "-1");
    diagram_value(999999, 8, b, sizeof b);
    assert_string_equal(b, "999999");
    diagram_value(1000000, 8, b, sizeof b);
    assert_string_equal(b, "0xf4240");
    diagram_value((uint64_t)-1000000, 8, b, sizeof b);
    assert_string_equal(b, "0xfffffffffff0bdc0");
    diagram_value(0x80000000, 4, b, sizeof b);
    assert_string_equal(b, "0x80000000");
}

/* A diagram wider than the limit continues in blocks, each with its own axis. */
static void test_wrap(void **state)
{
    (void)state;
    struct findings_event e[6];
    for (int i = 0; i < 6; i++)
        e[i] = ev((uint32_t)(1 + i % 2), i % 2 ? 'w' : 'r', (uint64_t)i);
    struct diagram_options o = {.width = 24};
    char *t = render(e, 6, &o);
    assert_string_equal(t, "T1 | r(0)    r(2)\n"
                           "T2 |     w(1)\n"
                           "   +------------> time\n"
                           "\n"
                           "T1 |     r(4)\n"
                           "T2 | w(3)    w(5)\n"
                           "   +------------> time\n");
    /* No line is longer than the limit. */
    for (char *l = t; *l;) {
        char *nl = strchr(l, '\n');
        assert_true(nl - l <= 24);
        l = nl + 1;
    }
    free(t);
}

/* A lost update whose stale read lies far back: "..." on every row where accesses were
 * left out, in columns of its own; the marks stay under their events. */
static void test_gap(void **state)
{
    (void)state;
    struct findings_event e[] = {ev(2, 'r', 2),  ev(3, 'r', 2),  ev(3, 'w', 3),
                                 ev(4, 'r', 13), ev(4, 'w', 14), ev(2, 'w', 3)};
    e[0].mark = e[4].mark = e[5].mark = 1;
    e[3].gap = 1;
    char *t = render(e, 6, NULL);
    assert_string_equal(t, "T2 | r(2)          ...            w(3)\n"
                           "     ^^^^                         ^^^^\n"
                           "T3 |     r(2) w(3) ...\n"
                           "T4 |               ... r(13) w(14)\n"
                           "                             ^^^^^\n"
                           "   +---------------------------------> time\n");
    free(t);
    /* a gap on the first event has nothing to stand between: ignored */
    e[0].gap = 1;
    e[3].gap = 0;
    t = render(e, 1, NULL);
    assert_string_equal(t, "T2 | r(2)\n"
                           "     ^^^^\n"
                           "   +----> time\n");
    free(t);
}

/* A gap that does not fit on the line starts the next block, like an event. */
static void test_gap_wrap(void **state)
{
    (void)state;
    struct findings_event e[] = {ev(1, 'r', 0), ev(2, 'w', 1), ev(1, 'w', 1)};
    e[2].gap = 1;
    struct diagram_options o = {.width = 24};
    char *t = render(e, 3, &o);
    assert_string_equal(t, "T1 | r(0)\n"
                           "T2 |     w(1)\n"
                           "   +--------> time\n"
                           "\n"
                           "T1 | ... w(1)\n"
                           "T2 | ...\n"
                           "   +--------> time\n");
    free(t);
}

static void test_empty(void **state)
{
    (void)state;
    char *t = render(NULL, 0, NULL);
    assert_string_equal(t, "");
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article),       cmocka_unit_test(test_marks_and_indent),
        cmocka_unit_test(test_three_threads), cmocka_unit_test(test_values),
        cmocka_unit_test(test_wrap),          cmocka_unit_test(test_empty),
        cmocka_unit_test(test_gap),           cmocka_unit_test(test_gap_wrap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
