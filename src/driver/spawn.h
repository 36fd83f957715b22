/* spawn: starts the target program for `interleave run` and collects its findings stream.
 * The program inherits stdin/stdout/stderr untouched and an anonymous file (memfd) that
 * the runtime writes its findings to; the driver reads the file after the program exits.
 * spawn_run blocks until the program has exited; it forwards SIGINT and SIGTERM sent to
 * the driver (not those the terminal already sent to the whole process group). */
#ifndef INTERLEAVE_DRIVER_SPAWN_H
#define INTERLEAVE_DRIVER_SPAWN_H

#include <stdbool.h>
#include <stddef.h>

struct spawn_status {
    bool signaled; /* killed by signal `code`; otherwise exited with status `code` */
    int code;
};

/* Creates the anonymous findings file, inheritable across exec (no CLOEXEC).
 * Returns its fd (owned by the caller), or a negative errno. */
int spawn_findings_fd(void);

/* Runs argv[0] (searched in PATH) with argv, with the environment variable
 * INTERLEAVE_OPTIONS set to `options` in the child only, and waits for it.
 * Returns 0 and *st; -errno when the program could not be started (the exec error of the
 * child, e.g. -ENOENT, or a fork/pipe error). Borrows everything. */
int spawn_run(char *const argv[], const char *options, struct spawn_status *st);

/* Reads the whole file fd from its start into a malloc'd buffer (NUL-terminated, owned by
 * the caller). Returns 0, -ENOMEM, -EFBIG beyond max bytes, or -errno of lseek/read. */
int spawn_read_all(int fd, size_t max, char **buf, size_t *len);

#endif
