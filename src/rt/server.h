/* The fork server of `interleave explore` (docs/internals/explore.md): the
 * pristine process forks one child per requested execution; the child follows
 * the requested schedule and writes its verdict, decision trace and findings
 * to a result file that the server forwards to the driver. */
#ifndef ILV_RT_SERVER_H
#define ILV_RT_SERVER_H

#include "base/types.h"

/* Serves requests until `quit`; returns only in a forked child, configured to
 * run one execution. */
void server_run(void);
/* True in a child of the fork server. */
bool server_is_child(void);
/* The child's last words: verdict line fields (e.g. "kind=deadlock"), then the
 * decision trace and the findings stream; then, with exit_now, the process
 * ends (otherwise the caller lets it end with its own status). "kind=end"
 * asks the server to derive the verdict from the exit status.
 * Async-signal-tolerant. */
void server_child_finish(const char *verdict, int status, bool exit_now);
/* An assertion failure's details, kept for the verdict of the SIGABRT that follows. */
void server_note_assert(const char *msg, const char *file, unsigned line, const char *func,
                        tid_t tid);
void server_note_crash(int sig, uptr pc, tid_t tid);

#endif
