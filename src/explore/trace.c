/* trace: parser of fork-server results and the dependency relation (explore.md). */
#include "explore/trace.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const op_names[] = {
#define X(e, w) w,
    EVENT_OPS(X)
#undef X
};

static const char *const verdict_names[] = {
#define X(e, w, p) w,
    XVERDICT_LIST(X)
#undef X
};

static const char *const verdict_words[] = {
#define X(e, w, p) p,
    XVERDICT_LIST(X)
#undef X
};

const char *xop_name(enum xop op)
{
    return op < XOP_OTHER ? op_names[op] : "?";
}

enum xop xop_parse(const char *s)
{
    for (int i = 0; i < XOP_OTHER; i++)
        if (strcmp(s, op_names[i]) == 0)
            return (enum xop)i;
    return XOP_OTHER;
}

const char *xverdict_name(enum xverdict_kind k)
{
    return k < XV_OTHER ? verdict_names[k] : "other";
}

const char *xverdict_words(enum xverdict_kind k)
{
    return k < XV_OTHER ? verdict_words[k] : "unexpected verdict";
}

bool xverdict_is_bug(const struct xverdict *v)
{
    switch (v->kind) {
    case XV_ASSERT:
    case XV_CRASH:
    case XV_DEADLOCK:
    case XV_HANG:
    case XV_TIMEOUT:
        return true;
    case XV_EXIT:
        return v->status != 0;
    default:
        return false;
    }
}

bool xop_is_mem(enum xop op)
{
    return op == XOP_R || op == XOP_W || op == XOP_U || op == XOP_AR || op == XOP_AW;
}

bool xop_writes(enum xop op)
{
    return op == XOP_W || op == XOP_U || op == XOP_AW;
}

/* A `sync` on object 0 is a scheduling point the runtime could not describe (string
 * functions, thread exit, once...): dependent with everything, to stay sound. */
static bool opaque(const struct xev *e)
{
    return e->op == XOP_OTHER || (e->op == XOP_SYNC && e->obj == 0);
}

bool xev_dependent(const struct xev *a, const struct xev *b)
{
    if (a->tid == b->tid)
        return true;
    enum xop x = a->op, y = b->op;
    if (x == XOP_YIELD || y == XOP_YIELD || x == XOP_START || y == XOP_START)
        return false;
    /* create(t) and join(t) are ordered with t's events by happens-before edges that
     * the explorer adds from the thread ids (obj = tid); they touch no shared object */
    if (x == XOP_CREATE || y == XOP_CREATE || x == XOP_JOIN || y == XOP_JOIN)
        return opaque(a) || opaque(b);
    if (opaque(a) || opaque(b))
        return true;
    if (a->obj != b->obj)
        return false;
    if (xop_is_mem(x) && xop_is_mem(y))
        return xop_writes(x) || xop_writes(y);
    return true; /* synchronisation (or exit) on the same object */
}

const struct xev *xtrace_next_of(const struct xtrace *t, size_t i, uint32_t tid)
{
    if (i >= t->nsteps)
        return NULL;
    const struct xstep *s = &t->steps[i];
    for (uint32_t k = 0; k < s->nen; k++)
        if (t->en[s->en_off + k].tid == tid)
            return &t->en[s->en_off + k];
    return NULL;
}

bool xtrace_is_preemption(const struct xtrace *t, size_t i)
{
    if (i == 0 || i >= t->nsteps)
        return false;
    const struct xev *prev = &t->steps[i - 1].ev;
    if (t->steps[i].ev.tid == prev->tid)
        return false;
    if (prev->op == XOP_YIELD || prev->op == XOP_EXIT || prev->op == XOP_WAIT)
        return false;
    return xtrace_next_of(t, i, prev->tid) != NULL;
}

size_t xtrace_preemptions(const struct xtrace *t)
{
    size_t n = 0;
    for (size_t i = 1; i < t->nsteps; i++)
        n += xtrace_is_preemption(t, i);
    return n;
}

/* ---- parsing ---------------------------------------------------------------------------- */

/* Value of key in a line of `key=value` words (NULL when absent); copies it into buf. */
static const char *field(const char *line, const char *end, const char *key, char *buf, size_t len)
{
    size_t kl = strlen(key);
    const char *p = line;
    while (p < end) {
        while (p < end && *p == ' ')
            p++;
        const char *w = p;
        while (p < end && *p != ' ')
            p++;
        if ((size_t)(p - w) > kl && memcmp(w, key, kl) == 0 && w[kl] == '=') {
            size_t n = (size_t)(p - w) - kl - 1;
            if (n >= len)
                n = len - 1;
            memcpy(buf, w + kl + 1, n);
            buf[n] = '\0';
            return buf;
        }
    }
    return NULL;
}

static bool num_field(const char *line, const char *end, const char *key, uint64_t *out)
{
    char b[64];
    if (!field(line, end, key, b, sizeof b))
        return false;
    char *e;
    errno = 0;
    unsigned long long v = strtoull(b, &e, 0);
    if (*e || errno || !b[0])
        return false;
    *out = v;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Values are percent-encoded by the runtime (%20 for a space). */
static void unescape(char *s)
{
    char *d = s;
    for (; *s; s++) {
        int hi, lo;
        if (s[0] == '%' && (hi = hexval(s[1])) >= 0 && (lo = hexval(s[2])) >= 0) {
            *d++ = (char)(hi << 4 | lo);
            s += 2;
        } else {
            *d++ = *s;
        }
    }
    *d = '\0';
}

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*arr, c * elem);
    if (!q)
        return -ENOMEM;
    *arr = q;
    *cap = c;
    return 0;
}

static int parse_verdict(const char *l, const char *e, struct xverdict *v)
{
    char b[512];
    if (!field(l, e, "kind", b, sizeof b))
        return -1;
    snprintf(v->wire, sizeof v->wire, "%.15s", b);
    v->kind = XV_OTHER;
    for (int i = 0; i < XV_OTHER; i++)
        if (strcmp(b, verdict_names[i]) == 0)
            v->kind = (enum xverdict_kind)i;
    uint64_t x;
    if (num_field(l, e, "status", &x))
        v->status = (int)x;
    if (num_field(l, e, "signal", &x))
        v->signal = (int)x;
    if (num_field(l, e, "pc", &x))
        v->pc = x;
    if (num_field(l, e, "tid", &x)) {
        v->tid = (uint32_t)x;
        v->has_tid = true;
    }
    if (num_field(l, e, "line", &x))
        v->line = (unsigned)x;
    if (num_field(l, e, "steps", &x))
        v->steps = x;
    if (num_field(l, e, "step", &x))
        v->step = x;
    if (field(l, e, "msg", v->msg, sizeof v->msg))
        unescape(v->msg);
    if (field(l, e, "file", v->file, sizeof v->file))
        unescape(v->file);
    if (field(l, e, "func", v->func, sizeof v->func))
        unescape(v->func);
    return 0;
}

/* "t1:op1:0xaddr1,t2:op2:0xaddr2" */
static int parse_enabled(const char *s, struct xtrace *t, size_t *cap)
{
    while (*s) {
        char *e;
        unsigned long tid = strtoul(s, &e, 10);
        if (e == s || *e != ':')
            return -1;
        s = e + 1;
        const char *colon = strchr(s, ':');
        if (!colon || colon - s >= 15)
            return -1;
        char op[16];
        memcpy(op, s, (size_t)(colon - s));
        op[colon - s] = '\0';
        s = colon + 1;
        unsigned long long obj = strtoull(s, &e, 0);
        if (e == s)
            return -1;
        s = e;
        if (grow((void **)&t->en, cap, t->nen + 1, sizeof *t->en) < 0)
            return -2;
        t->en[t->nen++] = (struct xev){(uint32_t)tid, (uint8_t)xop_parse(op), obj};
        if (*s == ',')
            s++;
        else if (*s)
            return -1;
    }
    return 0;
}

int xtrace_parse(const char *buf, size_t len, struct xtrace *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    size_t scap = 0, ecap = 0;
    bool have_verdict = false;
    const char *p = buf, *end = buf + len;
    size_t lineno = 0;
    char tmp[8192];
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        if ((size_t)(le - p) >= 19 && memcmp(p, "interleave-findings", 19) == 0) {
            t->findings_rc = findings_parse(p, (size_t)(end - p), &t->run, NULL);
            t->has_findings = t->findings_rc != -ENOMSG;
            t->nstream = (size_t)(end - p);
            t->stream = malloc(t->nstream + 1);
            if (!t->stream)
                return -ENOMEM;
            memcpy(t->stream, p, t->nstream);
            t->stream[t->nstream] = '\0';
            break;
        }
        if ((size_t)(le - p) > 8 && memcmp(p, "verdict ", 8) == 0) {
            if (parse_verdict(p + 8, le, &t->verdict) < 0) {
                snprintf(err, errlen, "line %zu: verdict without kind=", lineno);
                return -EBADMSG;
            }
            have_verdict = true;
        } else if ((size_t)(le - p) > 5 && memcmp(p, "step ", 5) == 0) {
            uint64_t tid, obj = 0;
            char op[16];
            if (!num_field(p + 5, le, "tid", &tid) || !field(p + 5, le, "op", op, sizeof op)) {
                snprintf(err, errlen, "line %zu: step without tid= or op=", lineno);
                return -EBADMSG;
            }
            num_field(p + 5, le, "obj", &obj);
            if (grow((void **)&t->steps, &scap, t->nsteps + 1, sizeof *t->steps) < 0)
                return -ENOMEM;
            struct xstep *s = &t->steps[t->nsteps];
            s->ev = (struct xev){(uint32_t)tid, (uint8_t)xop_parse(op), obj};
            s->en_off = (uint32_t)t->nen;
            const char *en = NULL;
            char *big = NULL;
            size_t need = (size_t)(le - p) + 1;
            char *fb = need <= sizeof tmp ? tmp : (big = malloc(need));
            if (!fb)
                return -ENOMEM;
            en = field(p + 5, le, "enabled", fb, need);
            int rc = en ? parse_enabled(en, t, &ecap) : 0;
            free(big);
            if (rc == -2)
                return -ENOMEM;
            if (rc < 0) {
                snprintf(err, errlen, "line %zu: malformed enabled= list", lineno);
                return -EBADMSG;
            }
            s->nen = (uint32_t)(t->nen - s->en_off);
            t->nsteps++;
        }
        /* anything else: unknown records are ignored */
        p = nl ? nl + 1 : end;
    }
    if (!have_verdict) {
        snprintf(err, errlen, "no verdict line");
        return -EBADMSG;
    }
    return 0;
}

void xtrace_free(struct xtrace *t)
{
    free(t->steps);
    free(t->en);
    free(t->stream);
    if (t->has_findings || t->run.modules || t->run.findings)
        findings_free(&t->run);
    memset(t, 0, sizeof *t);
}
