/* explain: the words and facts that every renderer (text, SARIF, trace, HTML) says the
 * same way about a finding: thread names ("T1 (worker)"), the object ("`x`"), where an
 * access or event is in the source, the accesses involved and the fix to suggest. Pure:
 * symbolic facts come from the input's resolver. Buffers are the caller's; every
 * function NUL-terminates them and truncates rather than overflowing. */
#ifndef INTERLEAVE_REPORT_EXPLAIN_H
#define INTERLEAVE_REPORT_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/findings.h"
#include "report/render.h"

/* The SARIF rule / trace category of a finding kind: "data-race", "lost-update",
 * "deadlock", "error", or the wire name of a kind this driver does not know. */
const char *explain_rule_id(const struct findings_finding *f);

/* The innermost source frame of pc, or NULL when unknown. Borrows from the resolver. */
const struct findings_frame *explain_frame(const struct render_input *in, uint64_t pc,
                                           bool is_return_address);

/* The function a thread started in: "main" for T0, "??" when unknown. */
const char *explain_thread_start(const struct render_input *in, struct findings_tid t);

/* "T1 (worker)", "T0 (main)". */
void explain_thread_name(const struct render_input *in, struct findings_tid t, char *buf,
                         size_t len);

/* What the finding is about: "`x`", "heap block of 16 bytes, offset 8", "stack of T1",
 * "unknown memory"; for a deadlock "every live thread". */
void explain_object(const struct render_input *in, const struct findings_finding *f, char *buf,
                    size_t len);

/* One sentence for people: "data race on `x` between T2 (worker) and T1 (worker)". */
void explain_title(const struct render_input *in, const struct findings_finding *f, char *buf,
                   size_t len);

/* "worker seed_e.c:17" for pc, paths as render_path shows them; "??" when unknown. */
void explain_location(const struct render_input *in, uint64_t pc, bool is_return_address,
                      const char *cwd, char *buf, size_t len);

/* What an access did, for people: "read of 4 bytes by T2 (worker)", with role words:
 * "previous write ...", "stale read ...", "overwriting write ...". */
void explain_access(const struct render_input *in, const struct findings_access *a, char *buf,
                    size_t len);

/* The access of f that the finding is reported at (the current access of a race, the
 * lost write of a lost update), or NULL (deadlocks have none). */
const struct findings_access *explain_primary(const struct findings_finding *f);

/* The suggested fix, one sentence without the "help: " prefix. Deadlocks are told apart
 * by their notes (mutex cycle, condition variable, join). */
const char *explain_help(const struct findings_finding *f);

/* The fix to suggest for a bug of an exploration: the help of its finding (focus), else
 * advice for its verdict rule (an assertion failure, a crash, a livelock...); NULL when
 * there is none. */
const char *explain_bug_help(const struct render_input *in);

/* "r(0)", "w(1)", "u(3)": the diagram's text of an event. */
void explain_event_text(const struct findings_event *e, char *buf, size_t len);

/* "read", "write", "atomic update": the operation of an event in words. */
const char *explain_event_op(const struct findings_event *e);

/* The access that an event shows (the access of its seq; for a stream without seq on
 * accesses, a marked event of the same thread and pc), or NULL. Used to give events the stack of
 * their access. */
const struct findings_access *explain_event_access(const struct findings_finding *f,
                                                   const struct findings_event *e);

/* The event that shows access a: the one of its seq (NULL when the window does not hold
 * it); for a stream without seq on accesses, the best match by thread, kind, mark and pc. */
const struct findings_event *explain_access_event(const struct findings_finding *f,
                                                  const struct findings_access *a);

/* A URI reference for path: relative to cwd when path is under it (with '/'-separated
 * segments percent-encoded as RFC 3986 requires), else "file://" + the absolute path, else
 * path itself. Returns false (buf holds "") when path is NULL. */
bool explain_uri(const char *path, const char *cwd, char *buf, size_t len);

/* Escapes s for HTML text and attributes (& < > " '), writing to out. */
void explain_html_escape(FILE *out, const char *s);

/* The source line of a frame with leading and trailing white space removed, or NULL. */
const char *explain_source_line(const struct render_options *opt, const struct findings_frame *fr,
                                char *buf, size_t len);

#endif
