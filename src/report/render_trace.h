/* render_trace: the Chrome trace-event format (JSON Object Format, {"traceEvents": [...]}),
 * which Perfetto (ui.perfetto.dev) and chrome://tracing open. One process per finding,
 * one track per thread (tid = our thread id, named "T1 (worker)" by thread_name metadata),
 * a complete event per diagram event at ts = its global sequence number (the runtime
 * records order, not time) with args {op, value, location}; the events that make up the
 * finding have category "finding". Written with json-c. */
#ifndef INTERLEAVE_REPORT_RENDER_TRACE_H
#define INTERLEAVE_REPORT_RENDER_TRACE_H

#include <stddef.h>
#include <stdio.h>

#include "report/render.h"

/* Writes one document for in[0..n) (several saved traces give one document) to out.
 * Borrows everything. Returns 0, -ENOMEM, or -EIO when out reports an error. */
int render_trace(const struct render_input *in, size_t n, const struct render_options *opt,
                 FILE *out);

#endif
