/* schedule: what the driver sends to run one execution and how a schedule travels.
 * - exec requests of the fork-server protocol (docs/internals/explore.md): the policy,
 *   its parameters and the decision prefix, written as run-length `tid*count` pairs;
 * - replay tokens: a compact printable form of (format version, program identity,
 *   policy/seed, full decision prefix): "ilv1-" + base64url of LEB128 varints, with a
 *   16-bit checksum so that a mangled token is refused rather than misread;
 * - the program's identity: its ELF build-id when it has one, else size, mtime and a
 *   hash of its first 64 KiB.
 * Pure except program_hash (reads the file). */
#ifndef INTERLEAVE_EXPLORE_SCHEDULE_H
#define INTERLEAVE_EXPLORE_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* X(ENUM, wire name) */
#define XPOLICY_LIST(X)                                                                            \
    X(FIRST, "first")                                                                              \
    X(RANDOM, "random")                                                                            \
    X(PCT, "pct")

enum xpolicy {
#define X(e, w) XP_##e,
    XPOLICY_LIST(X)
#undef X
        XP_COUNT
};

const char *xpolicy_name(enum xpolicy p);

/* One exec request. prefix is owned by whoever filled the request (xreq_clear frees). */
struct xreq {
    uint64_t id;
    enum xpolicy policy;
    uint64_t seed;
    uint32_t depth;
    uint64_t length;
    uint64_t steps;
    uint32_t timeout_ms;
    uint32_t *prefix;
    size_t nprefix;
    uint64_t tag; /* for the strategy that made it; never sent */
    int origin;   /* who made it (enum in explore.h); never sent */
};

void xreq_clear(struct xreq *r);
/* Deep copy; returns 0 or -ENOMEM. */
int xreq_copy(struct xreq *dst, const struct xreq *src);

/* Writes the request line, newline included, into a malloc'd string. 0 or -ENOMEM. */
int xreq_format(const struct xreq *r, char **line, size_t *len);

/* Parses an `exec` request line (for tests and fake servers). 0 or -EBADMSG/-ENOMEM. */
int xreq_parse(const char *line, struct xreq *r);

/* Run-length form of a prefix: "1*5,2*3" or "-" for none, into a malloc'd string. */
int prefix_format(const uint32_t *p, size_t n, char **out);
/* Inverse of prefix_format: 0, -EBADMSG, -ENOMEM, -E2BIG (over max decisions). */
int prefix_parse(const char *s, size_t max, uint32_t **out, size_t *n);

struct xtoken {
    uint64_t prog;       /* program identity (program_hash) */
    enum xpolicy policy; /* how the execution was found (replay always uses first) */
    uint64_t seed;
    uint32_t depth;
    uint64_t steps; /* step limit it ran with */
    uint32_t focus; /* which bug of the execution (hash of its key), 0: its verdict */
    uint32_t *prefix;
    size_t nprefix;
};

#define XTOKEN_VERSION 1

/* The focus value of a bug key (never 0). */
uint32_t xtoken_focus(const char *key);

/* Encodes into a malloc'd NUL-terminated string. 0 or -ENOMEM. */
int xtoken_encode(const struct xtoken *t, char **out);
/* Decodes s; on error returns -EBADMSG and a one-line reason in err. The caller frees
 * t->prefix. */
int xtoken_decode(const char *s, struct xtoken *t, char *err, size_t errlen);

/* The identity of the ELF file at path. 0 or -errno. */
int program_hash(const char *path, uint64_t *out);

#endif
