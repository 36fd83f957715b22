/* Where interleave's own files are: the running executable, the runtime
 * library directory (<prefix>/bin/.. -> <prefix>/lib, or $INTERLEAVE_RTLIB_DIR),
 * and programs on PATH. Reads /proc and the environment; never allocates.
 * Every function writes a NUL-terminated path into buf only on success. */
#ifndef INTERLEAVE_DRIVER_PATHS_H
#define INTERLEAVE_DRIVER_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* The absolute path of the running executable, symlinks resolved.
 * Returns 0, -ENAMETOOLONG, or the negative errno of readlink. */
int paths_self_exe(char *buf, size_t size);

/* The directory of libinterleave_rt.a: $INTERLEAVE_RTLIB_DIR when set and not
 * empty, else the lib/ beside the bin/ directory of the running executable.
 * Does not check that the library is there. Returns 0 or a negative errno. */
int paths_rtlib_dir(char *buf, size_t size);

/* Does dir/name exist as a regular file? */
bool paths_file_exists(const char *dir, const char *name);

/* Finds an executable: a name containing '/' is taken as it is, otherwise each
 * directory of $PATH is tried. Returns 0 or -ENOENT. */
int paths_find_program(const char *name, char *buf, size_t size);

#endif
