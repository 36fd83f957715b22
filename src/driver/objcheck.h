/* objcheck: does an object file carry -fsanitize=thread instrumentation? The
 * compiler driver asks it of every object named on a link line, so that code
 * compiled without `interleave cc` is not silently left unchecked. Reads the
 * file's ELF symbol table with libelf; no other side effect. */
#ifndef INTERLEAVE_DRIVER_OBJCHECK_H
#define INTERLEAVE_DRIVER_OBJCHECK_H

enum objcheck_result {
    OBJCHECK_INSTRUMENTED, /* it refers to the __tsan_* entry points */
    OBJCHECK_PLAIN,        /* it defines functions and refers to no __tsan_* name */
    OBJCHECK_UNKNOWN,      /* not a relocatable ELF object, LTO bytecode (instrumented at
                              the link), no function of its own, or unreadable */
};

enum objcheck_result objcheck_file(const char *path);

#endif
