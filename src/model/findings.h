/* findings: the driver's in-memory view of one findings stream (docs/internals/wire.md)
 * and its parser, plus the symbolic facts the driver attaches to its addresses.
 * Data only: no DWARF, no formatting. Every array is malloc'd and owned by the run;
 * findings_free releases all of it. Addresses are the runtime's (load-biased) addresses.
 * The runtime never links this file: it writes the stream, the driver reads it. */
#ifndef INTERLEAVE_MODEL_FINDINGS_H
#define INTERLEAVE_MODEL_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A thread as named in the stream: tid 0 is the main thread, shown as T0. */
struct findings_tid {
    uint32_t n;
};

/* X(ENUM, wire name, words for people, plural) */
#define FINDINGS_KIND_LIST(X)                                                                      \
    X(RACE, "race", "data race", "data races")                                                     \
    X(LOST_UPDATE, "lost-update", "lost update", "lost updates")                                   \
    X(DEADLOCK, "deadlock", "deadlock", "deadlocks")                                               \
    X(ERROR, "error", "error", "errors")

enum findings_kind {
#define X(e, wire, words, plural) FINDINGS_KIND_##e,
    FINDINGS_KIND_LIST(X)
#undef X
        FINDINGS_KIND_OTHER, /* a kind this driver does not know yet; kind_name keeps it */
    FINDINGS_KIND_COUNT
};

#define FINDINGS_OBJ_LIST(X)                                                                       \
    X(UNKNOWN, "unknown")                                                                          \
    X(GLOBAL, "global")                                                                            \
    X(HEAP, "heap")                                                                                \
    X(STACK, "stack")                                                                              \
    X(FD, "fd") /* a file descriptor: base is its number */

enum findings_obj_kind {
#define X(e, wire) FINDINGS_OBJ_##e,
    FINDINGS_OBJ_LIST(X)
#undef X
};

#define FINDINGS_ROLE_LIST(X)                                                                      \
    X(CURRENT, "current")                                                                          \
    X(PREVIOUS, "previous")                                                                        \
    X(READ, "read")                                                                                \
    X(OVERWRITE, "overwrite")                                                                      \
    X(WRITE, "write")

enum findings_role {
#define X(e, wire) FINDINGS_ROLE_##e,
    FINDINGS_ROLE_LIST(X)
#undef X
};

/* Access operations of `acc` (read|write|rmw); events use r|w|u for the same three. */
enum findings_op { FINDINGS_OP_READ, FINDINGS_OP_WRITE, FINDINGS_OP_RMW };

struct findings_module {
    uint64_t base; /* load bias from dl_iterate_phdr */
    char *path;
};

struct findings_thread {
    struct findings_tid tid, parent;
    uint64_t create_pc; /* return address of the create call */
    uint64_t start;     /* start routine (an exact address, not a return address) */
};

struct findings_obj {
    bool present; /* false when the finding had no `obj` line */
    enum findings_obj_kind kind;
    uint64_t base, size;
    struct findings_tid tid; /* heap: allocating thread; stack: owning thread */
    uint64_t pc;             /* heap: allocation return address */
};

struct findings_access {
    enum findings_role role;
    struct findings_tid tid;
    enum findings_op op;
    bool atomic;
    uint32_t size;
    uint64_t addr, pc;  /* pc: return address of the instrumentation call */
    bool has_seq;       /* seq: the event of this access (in evs when the window holds it) */
    uint64_t seq;
    bool stack_missing; /* the runtime no longer had the caller stack */
    uint64_t *stack;    /* caller return addresses, innermost first, pc not repeated */
    size_t nstack;
};

struct findings_event {
    uint64_t seq;
    struct findings_tid tid;
    enum findings_op op; /* READ = r, WRITE = w, RMW = u */
    uint32_t size;
    uint64_t addr, value, pc;
    bool mark; /* part of what constitutes the finding */
    bool gap;  /* accesses to the location were left out just before this one */
};

struct findings_finding {
    uint64_t id;
    enum findings_kind kind;
    char *kind_name; /* as on the wire */
    uint64_t addr;
    uint32_t size;
    bool complete; /* its `end` line was seen */
    struct findings_obj obj;
    struct findings_access *accs;
    size_t naccs;
    struct findings_event *evs;
    size_t nevs;
    char **notes; /* note texts with '_' turned back into spaces */
    size_t nnotes;
};

struct findings_summary {
    uint64_t findings, events, switches, threads;
    /* modules whose instrumentation called __tsan_init; has_instrumented is false
     * for a stream of a runtime that did not count them */
    uint64_t instrumented;
    bool has_instrumented;
    int status; /* 0..255, or -1 when the runtime did not know it */
};

struct findings_run {
    bool has_header; /* `interleave-findings version=...` was the first line */
    unsigned version;
    bool has_run;
    uint64_t pid, seed;
    char *policy;
    struct findings_module *modules;
    size_t nmodules;
    struct findings_thread *threads;
    size_t nthreads;
    struct findings_finding *findings;
    size_t nfindings;
    bool has_summary;
    struct findings_summary summary;
    bool truncated; /* no summary line: the program was cut short */
};

/* Where parsing stopped and why. line is 1-based, 0 when the error is not about a line. */
struct findings_error {
    size_t line;
    char msg[96];
};

/* Parses the stream in buf[0..len) into *run (zeroed first; the caller owns it and must
 * call findings_free even on error). Unknown records and keys are ignored. A last line
 * without its newline is treated as cut off, not as malformed. Returns 0, or:
 *   -ENOMSG     the stream does not start with the `interleave-findings` header (or is empty)
 *   -EPROTONOSUPPORT  a version this parser does not read
 *   -EBADMSG    a malformed line; *err says which; *run keeps everything before it
 *   -ENOMEM
 * err may be NULL. Never blocks, never reads past len. */
int findings_parse(const char *buf, size_t len, struct findings_run *run,
                   struct findings_error *err);

/* Releases everything findings_parse allocated in *run and zeroes it. */
void findings_free(struct findings_run *run);

/* Names for people: "data race"; plural "data races"; kind_name for OTHER. */
const char *findings_kind_words(const struct findings_finding *f, bool plural);

/* The access with the given role, or NULL. Borrows from f. */
const struct findings_access *findings_access_find(const struct findings_finding *f,
                                                   enum findings_role role);

/* The thread record for tid, or NULL. Borrows from run. */
const struct findings_thread *findings_thread_find(const struct findings_run *run,
                                                   struct findings_tid tid);

/*
 * Symbolic facts about addresses, produced by the driver's symbolizer and consumed by
 * renderers. They live here so that renderers depend on the model only, never on DWARF.
 */

/* One source frame. A PC inside inlined code resolves to several frames. */
struct findings_frame {
    const char *function; /* NULL when unknown */
    const char *file;     /* absolute or as recorded in DWARF; NULL when unknown */
    unsigned line, column;
    bool inlined; /* this frame was inlined into the next (outer) one */
};

/* A code address resolved: frames innermost first (may be 0 frames). */
struct findings_pcinfo {
    uint64_t pc;
    const char *module; /* path of the ELF object containing pc, NULL when none */
    uint64_t module_offset;
    const struct findings_frame *frames;
    size_t nframes;
};

/* A data address resolved to a named object. */
struct findings_datainfo {
    const char *symbol; /* the containing variable or ELF symbol, NULL when unknown */
    const char *name;   /* "x", "c.unguarded", "arr[250]", or "sym+12"; NULL when unknown */
    uint64_t offset;    /* addr - start of symbol */
    const char *decl_file;
    unsigned decl_line;
};

/* How a renderer asks for symbolic facts. Results are borrowed and stay valid as long as
 * the resolver's owner lives. A NULL callback or NULL result means "unknown". */
struct findings_resolver {
    const struct findings_pcinfo *(*pc)(void *ctx, uint64_t pc, bool is_return_address);
    const struct findings_datainfo *(*data)(void *ctx, uint64_t addr);
    void *ctx;
};

#endif
