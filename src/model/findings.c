/* findings: parser of the findings stream (docs/internals/wire.md). */
#include "model/findings.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 32

struct field {
    const char *key;
    const char *val;
};

/* One record split in place: name, then key=value fields. */
struct record {
    const char *name;
    struct field f[MAX_FIELDS];
    size_t n;
};

struct parser {
    struct findings_run *run;
    struct findings_error *err;
    size_t line;
    struct findings_finding *cur; /* open finding, NULL outside one */
};

static int fail(struct parser *p, const char *fmt, ...)
{
    if (p->err) {
        va_list ap;
        va_start(ap, fmt);
        p->err->line = p->line;
        vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
        va_end(ap);
    }
    return -EBADMSG;
}

/* Grows a dynamic array holding n elements so that one more fits. Capacity is implicit:
 * the array is reallocated whenever n is 0 or a power of two. */
static int reserve(void **arr, size_t n, size_t elem)
{
    if (n != 0 && (n & (n - 1)) != 0)
        return 0;
    size_t cap = n ? 2 * n : 1;
    void *q = realloc(*arr, cap * elem);
    if (!q)
        return -ENOMEM;
    *arr = q;
    return 0;
}

/* Splits line (modified in place) into a record. In `module`, `path=` runs to the end. */
static void split(char *line, struct record *r)
{
    r->n = 0;
    r->name = line;
    char *s = strchr(line, ' ');
    if (!s)
        return;
    *s++ = '\0';
    bool rest_is_path = strcmp(r->name, "module") == 0;
    while (*s) {
        if (*s == ' ') {
            s++;
            continue;
        }
        char *tok = s;
        if (rest_is_path && strncmp(tok, "path=", 5) == 0) {
            s = tok + strlen(tok);
        } else {
            s = strchr(tok, ' ');
            if (s)
                *s++ = '\0';
            else
                s = tok + strlen(tok);
        }
        char *eq = strchr(tok, '=');
        if (!eq || r->n == MAX_FIELDS)
            continue; /* a word without '=' is not a field: ignored like unknown keys */
        *eq = '\0';
        r->f[r->n].key = tok;
        r->f[r->n].val = eq + 1;
        r->n++;
    }
}

static const char *get(const struct record *r, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->f[i].key, key) == 0)
            return r->f[i].val;
    return NULL;
}

static int parse_u64(const char *s, bool hex, uint64_t *out)
{
    unsigned base = 10;
    if (hex) {
        if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
            return -1;
        s += 2;
        base = 16;
    }
    if (!*s)
        return -1;
    uint64_t v = 0;
    for (; *s; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (hex && *s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else if (hex && *s >= 'A' && *s <= 'F')
            d = (unsigned)(*s - 'A' + 10);
        else
            return -1;
        if (v > (UINT64_MAX - d) / base)
            return -1;
        v = v * base + d;
    }
    *out = v;
    return 0;
}

/* Required numeric field. */
static int num(struct parser *p, const struct record *r, const char *key, bool hex, uint64_t max,
               uint64_t *out)
{
    const char *v = get(r, key);
    if (!v)
        return fail(p, "`%s` line without `%s=`", r->name, key);
    uint64_t x;
    if (parse_u64(v, hex, &x) < 0 || x > max)
        return fail(p, "bad value `%s=%.32s` in `%s` line", key, v, r->name);
    *out = x;
    return 0;
}

/* Optional numeric field: absent leaves *out alone. */
static int opt_num(struct parser *p, const struct record *r, const char *key, bool hex,
                   uint64_t *out)
{
    if (!get(r, key))
        return 0;
    return num(p, r, key, hex, UINT64_MAX, out);
}

static int tid(struct parser *p, const struct record *r, const char *key, struct findings_tid *out)
{
    uint64_t v;
    int rc = num(p, r, key, false, UINT32_MAX, &v);
    if (rc == 0)
        out->n = (uint32_t)v;
    return rc;
}

static int flag(struct parser *p, const struct record *r, const char *key, bool *out)
{
    uint64_t v;
    int rc = num(p, r, key, false, 1, &v);
    if (rc == 0)
        *out = v != 0;
    return rc;
}

/* Looks s up in names[0..n); -1 when absent. */
static int lookup(const char *s, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return (int)i;
    return -1;
}

static int word(struct parser *p, const struct record *r, const char *key, const char *const *names,
                size_t n, int *out)
{
    const char *v = get(r, key);
    if (!v)
        return fail(p, "`%s` line without `%s=`", r->name, key);
    int i = lookup(v, names, n);
    if (i < 0)
        return fail(p, "bad value `%s=%.32s` in `%s` line", key, v, r->name);
    *out = i;
    return 0;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        int rc_ = (expr);                                                                          \
        if (rc_ < 0)                                                                               \
            return rc_;                                                                            \
    } while (0)

static int on_run(struct parser *p, const struct record *r)
{
    struct findings_run *run = p->run;
    TRY(opt_num(p, r, "pid", false, &run->pid));
    TRY(num(p, r, "seed", false, UINT64_MAX, &run->seed));
    const char *policy = get(r, "policy");
    if (policy) {
        free(run->policy);
        if (!(run->policy = dup(policy)))
            return -ENOMEM;
    }
    run->has_run = true;
    return 0;
}

static int on_module(struct parser *p, const struct record *r)
{
    struct findings_module m = {0};
    TRY(num(p, r, "base", true, UINT64_MAX, &m.base));
    const char *path = get(r, "path");
    if (!path)
        return fail(p, "`module` line without `path=`");
    TRY(reserve((void **)&p->run->modules, p->run->nmodules, sizeof m));
    if (!(m.path = dup(path)))
        return -ENOMEM;
    p->run->modules[p->run->nmodules++] = m;
    return 0;
}

static int on_thread(struct parser *p, const struct record *r)
{
    struct findings_thread t = {0};
    TRY(tid(p, r, "tid", &t.tid));
    TRY(tid(p, r, "parent", &t.parent));
    TRY(num(p, r, "create_pc", true, UINT64_MAX, &t.create_pc));
    TRY(opt_num(p, r, "start", true, &t.start));
    TRY(reserve((void **)&p->run->threads, p->run->nthreads, sizeof t));
    p->run->threads[p->run->nthreads++] = t;
    return 0;
}

static const char *const kind_wire[] = {
#define X(e, wire, words, plural) wire,
    FINDINGS_KIND_LIST(X)
#undef X
};

static int on_finding(struct parser *p, const struct record *r)
{
    if (p->cur)
        return fail(p, "`finding` inside finding %llu (no `end`)", (unsigned long long)p->cur->id);
    struct findings_finding f = {0};
    uint64_t size;
    TRY(num(p, r, "id", false, UINT64_MAX, &f.id));
    const char *kind = get(r, "kind");
    if (!kind)
        return fail(p, "`finding` line without `kind=`");
    int k = lookup(kind, kind_wire, sizeof kind_wire / sizeof kind_wire[0]);
    f.kind = k < 0 ? FINDINGS_KIND_OTHER : (enum findings_kind)k;
    TRY(opt_num(p, r, "addr", true, &f.addr));
    size = 0;
    TRY(opt_num(p, r, "size", false, &size));
    if (size > UINT32_MAX)
        return fail(p, "bad value `size` in `finding` line");
    f.size = (uint32_t)size;
    TRY(reserve((void **)&p->run->findings, p->run->nfindings, sizeof f));
    if (!(f.kind_name = dup(kind)))
        return -ENOMEM;
    p->run->findings[p->run->nfindings] = f;
    p->cur = &p->run->findings[p->run->nfindings++];
    return 0;
}

static const char *const obj_wire[] = {
#define X(e, wire) wire,
    FINDINGS_OBJ_LIST(X)
#undef X
};

static int on_obj(struct parser *p, const struct record *r)
{
    struct findings_obj o = {.present = true};
    const char *kind = get(r, "kind");
    if (!kind)
        return fail(p, "`obj` line without `kind=`");
    int k = lookup(kind, obj_wire, sizeof obj_wire / sizeof obj_wire[0]);
    o.kind = k < 0 ? FINDINGS_OBJ_UNKNOWN : (enum findings_obj_kind)k;
    TRY(opt_num(p, r, "base", true, &o.base));
    TRY(opt_num(p, r, "size", false, &o.size));
    if (get(r, "tid"))
        TRY(tid(p, r, "tid", &o.tid));
    TRY(opt_num(p, r, "pc", true, &o.pc));
    p->cur->obj = o;
    return 0;
}

static const char *const role_wire[] = {
#define X(e, wire) wire,
    FINDINGS_ROLE_LIST(X)
#undef X
};

static const char *const op_wire[] = {"read", "write", "rmw"};
static const char *const evop_wire[] = {"r", "w", "u"};

static int parse_stack(struct parser *p, const char *s, struct findings_access *a)
{
    if (strcmp(s, "missing") == 0) {
        a->stack_missing = true;
        return 0;
    }
    while (*s) {
        char buf[24];
        size_t n = strcspn(s, ",");
        if (n == 0 || n >= sizeof buf)
            return fail(p, "bad pc in `stack=`");
        memcpy(buf, s, n);
        buf[n] = '\0';
        uint64_t pc;
        if (parse_u64(buf, true, &pc) < 0)
            return fail(p, "bad pc `%s` in `stack=`", buf);
        TRY(reserve((void **)&a->stack, a->nstack, sizeof pc));
        a->stack[a->nstack++] = pc;
        s += n;
        if (*s == ',')
            s++;
    }
    return 0;
}

static int on_acc(struct parser *p, const struct record *r)
{
    struct findings_access a = {0};
    int role, op;
    uint64_t size;
    TRY(word(p, r, "role", role_wire, sizeof role_wire / sizeof role_wire[0], &role));
    TRY(tid(p, r, "tid", &a.tid));
    TRY(word(p, r, "op", op_wire, 3, &op));
    a.role = (enum findings_role)role;
    a.op = (enum findings_op)op;
    if (get(r, "atomic"))
        TRY(flag(p, r, "atomic", &a.atomic));
    TRY(num(p, r, "size", false, UINT32_MAX, &size));
    a.size = (uint32_t)size;
    TRY(opt_num(p, r, "addr", true, &a.addr));
    TRY(num(p, r, "pc", true, UINT64_MAX, &a.pc));
    if (get(r, "seq")) {
        a.has_seq = true;
        TRY(num(p, r, "seq", false, UINT64_MAX, &a.seq));
    }
    const char *stack = get(r, "stack");
    if (stack) {
        int rc = parse_stack(p, stack, &a);
        if (rc < 0) {
            free(a.stack);
            return rc;
        }
    }
    struct findings_finding *f = p->cur;
    int rc = reserve((void **)&f->accs, f->naccs, sizeof a);
    if (rc < 0) {
        free(a.stack);
        return rc;
    }
    f->accs[f->naccs++] = a;
    return 0;
}

static int on_ev(struct parser *p, const struct record *r)
{
    struct findings_event e = {0};
    int op;
    uint64_t size;
    TRY(num(p, r, "seq", false, UINT64_MAX, &e.seq));
    TRY(tid(p, r, "tid", &e.tid));
    TRY(word(p, r, "op", evop_wire, 3, &op));
    e.op = (enum findings_op)op;
    size = 0;
    TRY(opt_num(p, r, "size", false, &size));
    if (size > UINT32_MAX)
        return fail(p, "bad value `size` in `ev` line");
    e.size = (uint32_t)size;
    TRY(opt_num(p, r, "addr", true, &e.addr));
    TRY(num(p, r, "value", true, UINT64_MAX, &e.value));
    TRY(opt_num(p, r, "pc", true, &e.pc));
    if (get(r, "mark"))
        TRY(flag(p, r, "mark", &e.mark));
    if (get(r, "gap"))
        TRY(flag(p, r, "gap", &e.gap));
    struct findings_finding *f = p->cur;
    TRY(reserve((void **)&f->evs, f->nevs, sizeof e));
    f->evs[f->nevs++] = e;
    return 0;
}

static int on_note(struct parser *p, const struct record *r)
{
    const char *text = get(r, "text");
    if (!text)
        return fail(p, "`note` line without `text=`");
    struct findings_finding *f = p->cur;
    TRY(reserve((void **)&f->notes, f->nnotes, sizeof(char *)));
    char *t = dup(text);
    if (!t)
        return -ENOMEM;
    for (char *c = t; *c; c++)
        if (*c == '_')
            *c = ' ';
    f->notes[f->nnotes++] = t;
    return 0;
}

static int on_end(struct parser *p, const struct record *r)
{
    uint64_t id;
    TRY(num(p, r, "id", false, UINT64_MAX, &id));
    if (id != p->cur->id)
        return fail(p, "`end id=%llu` closes finding %llu", (unsigned long long)id,
                    (unsigned long long)p->cur->id);
    p->cur->complete = true;
    p->cur = NULL;
    return 0;
}

static int on_summary(struct parser *p, const struct record *r)
{
    struct findings_summary s = {0};
    uint64_t status;
    TRY(num(p, r, "findings", false, UINT64_MAX, &s.findings));
    TRY(opt_num(p, r, "events", false, &s.events));
    TRY(opt_num(p, r, "switches", false, &s.switches));
    TRY(opt_num(p, r, "threads", false, &s.threads));
    s.has_instrumented = get(r, "instrumented") != NULL;
    TRY(opt_num(p, r, "instrumented", false, &s.instrumented));
    /* The runtime may not know the status yet when it writes the summary: it writes -1. */
    const char *st = get(r, "status");
    if (st && strcmp(st, "-1") == 0)
        status = (uint64_t)-1;
    else
        TRY(num(p, r, "status", false, 255, &status));
    s.status = status == (uint64_t)-1 ? -1 : (int)status;
    p->run->summary = s;
    p->run->has_summary = true;
    return 0;
}

static int on_record(struct parser *p, const struct record *r)
{
    static const struct {
        const char *name;
        int (*fn)(struct parser *, const struct record *);
        int where; /* 0: outside a finding, 1: inside one, 2: either */
    } table[] = {
        {"run", on_run, 0},         {"module", on_module, 0}, {"thread", on_thread, 0},
        {"finding", on_finding, 2}, {"obj", on_obj, 1},       {"acc", on_acc, 1},
        {"ev", on_ev, 1},           {"note", on_note, 1},     {"end", on_end, 1},
        {"summary", on_summary, 0},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(r->name, table[i].name) != 0)
            continue;
        if (table[i].where == 1 && !p->cur)
            return fail(p, "`%s` outside a finding", r->name);
        if (table[i].where == 0 && p->cur)
            return fail(p, "`%s` inside finding %llu (no `end`)", r->name,
                        (unsigned long long)p->cur->id);
        return table[i].fn(p, r);
    }
    return 0; /* unknown record: ignored (forward compatibility) */
}

static int on_header(struct parser *p, const struct record *r)
{
    if (strcmp(r->name, "interleave-findings") != 0) {
        if (p->err) {
            p->err->line = p->line;
            snprintf(p->err->msg, sizeof p->err->msg, "no `interleave-findings` header");
        }
        return -ENOMSG;
    }
    uint64_t v;
    TRY(num(p, r, "version", false, UINT32_MAX, &v));
    p->run->has_header = true;
    p->run->version = (unsigned)v;
    if (v != 1) {
        if (p->err) {
            p->err->line = p->line;
            snprintf(p->err->msg, sizeof p->err->msg, "findings stream version %llu, expected 1",
                     (unsigned long long)v);
        }
        return -EPROTONOSUPPORT;
    }
    return 0;
}

int findings_parse(const char *buf, size_t len, struct findings_run *run,
                   struct findings_error *err)
{
    memset(run, 0, sizeof *run);
    if (err) {
        err->line = 0;
        err->msg[0] = '\0';
    }
    struct parser p = {.run = run, .err = err};
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        p.line++;
        if (!nl)
            break; /* cut off mid-line: keep what came before */
        size_t n = (size_t)(nl - (buf + pos));
        if (n + 1 > cap) {
            char *q = realloc(line, n + 1);
            if (!q) {
                rc = -ENOMEM;
                break;
            }
            line = q;
            cap = n + 1;
        }
        memcpy(line, buf + pos, n);
        line[n] = '\0';
        pos += n + 1;
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n == 0)
            continue;
        if (memchr(line, '\0', n)) {
            rc = fail(&p, "NUL byte in line");
            break;
        }
        struct record r;
        split(line, &r);
        rc = run->has_header ? on_record(&p, &r) : on_header(&p, &r);
        if (rc < 0)
            break;
    }
    free(line);
    if (rc == 0 && !run->has_header) {
        if (err) {
            err->line = 0;
            snprintf(err->msg, sizeof err->msg, "no `interleave-findings` header");
        }
        rc = -ENOMSG;
    }
    run->truncated = !run->has_summary;
    return rc;
}

static void finding_free(struct findings_finding *f)
{
    for (size_t i = 0; i < f->naccs; i++)
        free(f->accs[i].stack);
    for (size_t i = 0; i < f->nnotes; i++)
        free(f->notes[i]);
    free(f->accs);
    free(f->evs);
    free(f->notes);
    free(f->kind_name);
}

void findings_free(struct findings_run *run)
{
    for (size_t i = 0; i < run->nmodules; i++)
        free(run->modules[i].path);
    for (size_t i = 0; i < run->nfindings; i++)
        finding_free(&run->findings[i]);
    free(run->modules);
    free(run->threads);
    free(run->findings);
    free(run->policy);
    memset(run, 0, sizeof *run);
}

const char *findings_kind_words(const struct findings_finding *f, bool plural)
{
    static const char *const words[][2] = {
#define X(e, wire, w, pl) {w, pl},
        FINDINGS_KIND_LIST(X)
#undef X
    };
    if (f->kind < FINDINGS_KIND_OTHER)
        return words[f->kind][plural];
    return f->kind_name ? f->kind_name : "finding";
}

const struct findings_access *findings_access_find(const struct findings_finding *f,
                                                   enum findings_role role)
{
    for (size_t i = 0; i < f->naccs; i++)
        if (f->accs[i].role == role)
            return &f->accs[i];
    return NULL;
}

const struct findings_thread *findings_thread_find(const struct findings_run *run,
                                                   struct findings_tid t)
{
    for (size_t i = 0; i < run->nthreads; i++)
        if (run->threads[i].tid.n == t.n)
            return &run->threads[i];
    return NULL;
}
