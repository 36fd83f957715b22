/* symbolize: maps the runtime's code and data addresses to source names with elfutils
 * (libdwfl for modules, lines and ELF symbols; libdw for inlined frames, variables, types).
 * Offline only: it reads the files named by the stream's `module` lines, never the target
 * process. Results are cached and owned by the symbolizer; they stay valid until
 * symbolizer_close. Not thread-safe; may block on file I/O. */
#ifndef INTERLEAVE_DRIVER_SYMBOLIZE_H
#define INTERLEAVE_DRIVER_SYMBOLIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/findings.h"

struct symbolizer;

/* Reports modules[0..n) at their load biases. Modules without a readable ELF file (the
 * vDSO, deleted files) are skipped, not errors. Borrows modules only during the call.
 * Returns 0 and *out, or -ENOMEM / -EIO when libdwfl cannot even start. */
int symbolizer_open(const struct findings_module *modules, size_t n, struct symbolizer **out);

void symbolizer_close(struct symbolizer *s);

/* Source frames of a code address, innermost (possibly inlined) first. A return address
 * (is_return_address) is looked up at pc - 1, inside the call instruction. Returns NULL
 * only when out of memory; an unknown pc gives 0 frames. */
const struct findings_pcinfo *symbolizer_pc(struct symbolizer *s, uint64_t pc,
                                            bool is_return_address);

/* The global containing a data address, named down to the struct member and array
 * element with DWARF types where they exist ("c.unguarded", "arr[250]"), else ELF
 * "sym+off". Returns NULL when nothing contains addr or when out of memory. */
const struct findings_datainfo *symbolizer_data(struct symbolizer *s, uint64_t addr);

/* The symbolizer as the renderers see it. */
struct findings_resolver symbolizer_resolver(struct symbolizer *s);

#endif
