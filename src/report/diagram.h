/* diagram: the schedule diagram of docs/internals/report.md, a pure function from events
 * (in global order) to lines of text. One row per thread, time flowing right, each event
 * in its own columns; marked events get a caret line under their row; "..." on every row
 * where accesses were left out (an event's gap). No colors, no symbols, no addresses: the
 * output depends only on (tid, op, value, size, mark, gap). */
#ifndef INTERLEAVE_REPORT_DIAGRAM_H
#define INTERLEAVE_REPORT_DIAGRAM_H

#include <stdint.h>
#include <stdio.h>

#include "model/findings.h"

#define DIAGRAM_DEFAULT_WIDTH 160

struct diagram_options {
    const char *indent; /* written before every line; NULL for none */
    unsigned width;     /* wrap into blocks so that no line exceeds it; 0 for the default */
};

/* Writes the diagram of evs[0..n) to out (nothing when n == 0). opt may be NULL.
 * Borrows everything. Returns 0, -ENOMEM, or -EIO when out reports an error. */
int diagram_render(const struct findings_event *evs, size_t n, const struct diagram_options *opt,
                   FILE *out);

/* Formats a value of `size` bytes as the diagram shows it: the value read as a signed
 * integer of that size (8 bytes unless size is 1, 2 or 4) in decimal when it lies in
 * -999999..999999, otherwise 0x-hex of its unsigned bits. Always NUL-terminates buf. */
void diagram_value(uint64_t value, uint32_t size, char *buf, size_t len);

#endif
