/* diagram: schedule diagram layout. The layout rule reproduces the article's diagram
 * exactly: the first event of a block starts in column 0; every later event starts right
 * after the previous event's text, plus one space when both are on the same row. So each
 * event owns its columns, and a thread's consecutive events read like words. An event
 * after left-out accesses (`gap`) is preceded by "..." on every row, in columns of its own
 * with a space on each side. */
#include "report/diagram.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define AXIS_LABEL " time"

#define GAP_TEXT "..."
#define ALL_ROWS SIZE_MAX

/* An event's text, or a gap's "..." (row ALL_ROWS, ev SIZE_MAX) written on every row. */
struct cell {
    char text[32];
    size_t col, width; /* columns relative to the end of the row prefix */
    size_t row;
    size_t block;
    size_t ev;
};

void diagram_value(uint64_t value, uint32_t size, char *buf, size_t len)
{
    int64_t v;
    uint64_t bits = value;
    switch (size) {
    case 1:
        bits &= 0xff;
        v = (int8_t)bits;
        break;
    case 2:
        bits &= 0xffff;
        v = (int16_t)bits;
        break;
    case 4:
        bits &= 0xffffffff;
        v = (int32_t)bits;
        break;
    default:
        v = (int64_t)bits;
        break;
    }
    if (v >= -999999 && v <= 999999)
        snprintf(buf, len, "%lld", (long long)v);
    else
        snprintf(buf, len, "0x%llx", (unsigned long long)bits);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Writes s without its trailing spaces, then a newline. */
static void put_line(FILE *out, const char *indent, char *s, size_t n)
{
    while (n && s[n - 1] == ' ')
        n--;
    fprintf(out, "%s%.*s\n", indent, (int)n, s);
}

int diagram_render(const struct findings_event *evs, size_t n, const struct diagram_options *opt,
                   FILE *out)
{
    if (n == 0)
        return 0;
    const char *indent = opt && opt->indent ? opt->indent : "";
    size_t width = opt && opt->width ? opt->width : DIAGRAM_DEFAULT_WIDTH;

    uint32_t *tids = malloc(n * sizeof *tids);
    struct cell *cells = malloc(2 * n * sizeof *cells);
    char *buf = NULL;
    int rc = -ENOMEM;
    if (!tids || !cells)
        goto out;

    /* Rows: the distinct tids, sorted. */
    for (size_t i = 0; i < n; i++)
        tids[i] = evs[i].tid.n;
    qsort(tids, n, sizeof *tids, cmp_u32);
    size_t nrows = 0;
    for (size_t i = 0; i < n; i++)
        if (nrows == 0 || tids[nrows - 1] != tids[i])
            tids[nrows++] = tids[i];
    size_t labelw = 0;
    for (size_t r = 0; r < nrows; r++) {
        size_t w = (size_t)snprintf(NULL, 0, "T%u", (unsigned)tids[r]);
        if (w > labelw)
            labelw = w;
    }
    size_t prefix = labelw + 3; /* "T1 | " */

    /* Columns and blocks. A gap stands between two events, a space on each side. */
    static const char opchar[] = {'r', 'w', 'u'};
    size_t nblocks = 1, end = 0, ncells = 0;
    for (size_t i = 0; i < n; i++) {
        struct cell evc;
        char val[24];
        diagram_value(evs[i].value, evs[i].size, val, sizeof val);
        unsigned op = evs[i].op < 3 ? (unsigned)evs[i].op : 0;
        evc.width = (size_t)snprintf(evc.text, sizeof evc.text, "%c(%s)", opchar[op], val);
        const uint32_t *row = bsearch(&evs[i].tid.n, tids, nrows, sizeof *tids, cmp_u32);
        evc.row = (size_t)(row - tids);
        evc.ev = i;
        for (int gap = evs[i].gap && i > 0; gap >= 0; gap--) {
            struct cell *c = &cells[ncells];
            if (gap) {
                c->width = (size_t)snprintf(c->text, sizeof c->text, GAP_TEXT);
                c->row = ALL_ROWS;
                c->ev = SIZE_MAX;
            } else {
                *c = evc;
            }
            const struct cell *prev = ncells ? &cells[ncells - 1] : NULL;
            bool space = prev && (prev->row == c->row || prev->row == ALL_ROWS || gap);
            c->col = prev ? end + (space ? 1 : 0) : 0;
            /* a gap stays in the block of the event after it */
            size_t need = c->width + (gap ? 1 + evc.width : 0);
            if (prev && prefix + c->col + need + strlen(AXIS_LABEL) > width) {
                nblocks++;
                c->col = 0;
            }
            c->block = nblocks - 1;
            end = c->col + c->width;
            ncells++;
        }
    }

    size_t linecap = prefix + end + 64;
    for (size_t i = 0; i < ncells; i++)
        if (prefix + cells[i].col + cells[i].width + 64 > linecap)
            linecap = prefix + cells[i].col + cells[i].width + 64;
    buf = malloc(linecap);
    if (!buf)
        goto out;

    size_t first = 0;
    for (size_t b = 0; b < nblocks; b++) {
        size_t last = first;
        while (last < ncells && cells[last].block == b)
            last++;
        size_t rowlen = 0; /* widest row of this block, prefix included */
        for (size_t i = first; i < last; i++)
            if (prefix + cells[i].col + cells[i].width > rowlen)
                rowlen = prefix + cells[i].col + cells[i].width;
        if (b > 0)
            fputc('\n', out);
        for (size_t r = 0; r < nrows; r++) {
            memset(buf, ' ', linecap);
            int lw = snprintf(buf, linecap, "T%u", (unsigned)tids[r]);
            buf[lw] = ' ';
            buf[labelw + 1] = '|';
            size_t len = prefix;
            bool marked = false;
            for (size_t i = first; i < last; i++) {
                if (cells[i].row != r && cells[i].row != ALL_ROWS)
                    continue;
                memcpy(buf + prefix + cells[i].col, cells[i].text, cells[i].width);
                len = prefix + cells[i].col + cells[i].width;
                marked |= cells[i].ev != SIZE_MAX && evs[cells[i].ev].mark;
            }
            put_line(out, indent, buf, len);
            if (!marked)
                continue;
            memset(buf, ' ', linecap);
            len = 0;
            for (size_t i = first; i < last; i++) {
                if (cells[i].row != r || !evs[cells[i].ev].mark)
                    continue;
                memset(buf + prefix + cells[i].col, '^', cells[i].width);
                len = prefix + cells[i].col + cells[i].width;
            }
            put_line(out, indent, buf, len);
        }
        /* The axis: '+' under the '|', '>' under the last column of the widest row. */
        memset(buf, ' ', labelw + 1);
        buf[labelw + 1] = '+';
        size_t arrow = rowlen > labelw + 3 ? rowlen - 1 : labelw + 3;
        memset(buf + labelw + 2, '-', arrow - (labelw + 2));
        buf[arrow] = '>';
        fprintf(out, "%s%.*s%s\n", indent, (int)(arrow + 1), buf, AXIS_LABEL);
        first = last;
    }
    rc = ferror(out) ? -EIO : 0;
out:
    free(buf);
    free(cells);
    free(tids);
    return rc;
}
