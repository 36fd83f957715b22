/* render_html: one self-contained HTML page (no network, no script): per finding a
 * section with an SVG timeline of every thread and event (the events of the finding
 * highlighted; source line and stack in an SVG <title>, shown on hover without
 * JavaScript), the help line, and the text report in a <pre>. */
#ifndef INTERLEAVE_REPORT_RENDER_HTML_H
#define INTERLEAVE_REPORT_RENDER_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "report/render.h"

/* Writes one document for in[0..n) (several saved traces give one document) to out.
 * Borrows everything. Returns 0, -ENOMEM, or -EIO when out reports an error. */
int render_html(const struct render_input *in, size_t n, const struct render_options *opt,
                FILE *out);

#endif
