/* source: the lines of source files, read on demand for reports (the line under an event,
 * the text in an HTML tooltip). Files are read once and kept until source_close; a file
 * that is absent, unreadable or larger than SOURCE_MAX_FILE is remembered as absent and
 * its lines are NULL: reports then show no source, silently. Not thread-safe. */
#ifndef INTERLEAVE_DRIVER_SOURCE_H
#define INTERLEAVE_DRIVER_SOURCE_H

#include "report/render.h"

#define SOURCE_MAX_FILE (16u << 20)

struct source_cache;

/* Returns a new, empty cache, or NULL when out of memory. */
struct source_cache *source_open(void);

void source_close(struct source_cache *s);

/* Line `line` (1-based) of file without its newline, borrowed until source_close; NULL
 * when the file or the line does not exist. May block on file I/O. */
const char *source_line(struct source_cache *s, const char *file, unsigned line);

/* The cache as the renderers see it (s may be NULL: no source lines). */
struct render_source source_render(struct source_cache *s);

#endif
