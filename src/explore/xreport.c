/* xreport: bug reports, replay lines, shard result files. */
#define _GNU_SOURCE
#include "explore/xreport.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "driver/source.h"
#include "driver/symbolize.h"
#include "report/render_text.h"

#define RULE "=================="
#define MAX_COLS 64

int xreport_token(const struct xbug *b, uint64_t prog_hash, char **out)
{
    struct xtoken t = {
        .prog = prog_hash,
        .policy = b->req.policy,
        .seed = b->req.seed,
        .depth = b->req.depth,
        .steps = b->req.steps,
        .focus = b->cls == XBUG_FINDING ? xtoken_focus(b->key) : 0,
        .prefix = b->decisions,
        .nprefix = b->ndecisions,
    };
    return xtoken_encode(&t, out);
}

/* X(key prefix, words for people, rule id of the reports) */
#define BUG_KINDS(X)                                                                               \
    X("assert|", "assertion failure", "assertion-failure")                                         \
    X("crash|", "crash", "crash")                                                                  \
    X("deadlock", "deadlock", "deadlock")                                                          \
    X("hang", "hang", "hang")                                                                      \
    X("exit|", "exit status", "exit-status")                                                       \
    X("timeout", "timeout", "timeout")                                                             \
    X("livelock", "livelock", "livelock")                                                          \
    X("race", "data race", "data-race")                                                            \
    X("lost-update", "lost update", "lost-update")

static const struct {
    const char *prefix, *words, *rule;
} bug_kinds[] = {
#define X(prefix, words, rule) {prefix, words, rule},
    BUG_KINDS(X)
#undef X
};

static size_t bug_kind(const char *key)
{
    size_t i = 0;
    while (i < sizeof bug_kinds / sizeof bug_kinds[0] &&
           strncmp(key, bug_kinds[i].prefix, strlen(bug_kinds[i].prefix)) != 0)
        i++;
    return i;
}

const char *xreport_kind_words(const char *key)
{
    size_t i = bug_kind(key);
    return i < sizeof bug_kinds / sizeof bug_kinds[0] ? bug_kinds[i].words : "finding";
}

static const char *kind_rule(const char *key)
{
    size_t i = bug_kind(key);
    return i < sizeof bug_kinds / sizeof bug_kinds[0] ? bug_kinds[i].rule : "finding";
}

/* ---- the schedule ------------------------------------------------------------------------- */

static void put_schedule(const struct xtrace *t, FILE *out)
{
    size_t p = xtrace_preemptions(t);
    fprintf(out, "  schedule: %zu preemption%s, %zu step%s:", p, p == 1 ? "" : "s", t->nsteps,
            t->nsteps == 1 ? "" : "s");
    size_t col = 40, runs = 0;
    for (size_t i = 0; i < t->nsteps;) {
        size_t j = i;
        while (j < t->nsteps && t->steps[j].ev.tid == t->steps[i].ev.tid)
            j++;
        char w[48];
        int n = snprintf(w, sizeof w, " %sT%" PRIu32 "x%zu", xtrace_is_preemption(t, i) ? ">" : "",
                         t->steps[i].ev.tid, j - i);
        if (col + (size_t)n > 96) {
            fputs("\n           ", out);
            col = 11;
        }
        fputs(w, out);
        col += (size_t)n;
        runs++;
        i = j;
    }
    fputs(p ? "   ('>': preemption)\n" : "\n", out);
    (void)runs;
}

struct names {
    uint64_t obj[256];
    size_t n;
};

static void obj_name(struct symbolizer *sym, struct names *nm, uint64_t obj, bool addresses,
                     char *buf, size_t len)
{
    const struct findings_datainfo *di = sym ? symbolizer_data(sym, obj) : NULL;
    if (di && di->name) {
        snprintf(buf, len, "%s", di->name);
        return;
    }
    if (addresses) {
        snprintf(buf, len, "0x%" PRIx64, obj);
        return;
    }
    size_t k = 0;
    while (k < nm->n && nm->obj[k] != obj)
        k++;
    if (k == nm->n && nm->n < 256)
        nm->obj[nm->n++] = obj;
    snprintf(buf, len, "o%zu", k + 1);
}

static const struct xtrace *sort_trace;

static int by_obj(const void *x, const void *y)
{
    uint64_t a = sort_trace->steps[*(const size_t *)x].ev.obj;
    uint64_t b = sort_trace->steps[*(const size_t *)y].ev.obj;
    return a < b ? -1 : a > b;
}

/* The schedule diagram of the execution's shared events: one row per thread, one column
 * per event, the last MAX_COLS of them; `^` under the event where a preemption happened. */
static void put_diagram(const struct xtrace *t, struct symbolizer *sym, bool addresses, FILE *out)
{
    size_t n = t->nsteps;
    if (!n)
        return;
    bool *show = calloc(n, sizeof *show);
    if (!show)
        return;
    /* shared objects: touched by two threads or more (memory ops sorted by object) */
    size_t *ord = malloc(n * sizeof *ord);
    size_t nmem = 0;
    if (!ord) {
        free(show);
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (xop_is_mem((enum xop)t->steps[i].ev.op))
            ord[nmem++] = i;
    sort_trace = t;
    qsort(ord, nmem, sizeof *ord, by_obj);
    for (size_t a = 0; a < nmem;) {
        size_t b = a;
        bool multi = false;
        while (b < nmem && t->steps[ord[b]].ev.obj == t->steps[ord[a]].ev.obj) {
            multi |= t->steps[ord[b]].ev.tid != t->steps[ord[a]].ev.tid;
            b++;
        }
        for (size_t k = a; k < b; k++)
            show[ord[k]] = multi;
        a = b;
    }
    free(ord);
    for (size_t i = 0; i < n; i++) {
        const struct xev *e = &t->steps[i].ev;
        switch (e->op) {
        case XOP_LOCK:
        case XOP_UNLOCK:
        case XOP_WAIT:
        case XOP_SIGNAL:
        case XOP_CREATE:
        case XOP_JOIN:
            show[i] = true;
            break;
        case XOP_SYNC:
            show[i] = e->obj != 0;
            break;
        default:
            break;
        }
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += show[i];
    size_t skip = total > MAX_COLS ? total - MAX_COLS : 0;
    uint32_t maxt = 0;
    for (size_t i = 0; i < n; i++)
        if (t->steps[i].ev.tid > maxt)
            maxt = t->steps[i].ev.tid;
    if (maxt > 63)
        maxt = 63;
    char *rows[64] = {0};
    size_t rlen[64] = {0};
    FILE *rf[64] = {0};
    char *pre = NULL;
    size_t plen = 0;
    FILE *pf = open_memstream(&pre, &plen);
    for (uint32_t r = 0; r <= maxt; r++)
        rf[r] = open_memstream(&rows[r], &rlen[r]);
    struct names nm = {0};
    size_t col = 0, seen = 0;
    bool pending_mark = false;
    for (size_t i = 0; i < n; i++) {
        if (xtrace_is_preemption(t, i))
            pending_mark = true;
        if (!show[i] || seen++ < skip)
            continue;
        const struct xev *e = &t->steps[i].ev;
        char name[96], label[128];
        if (e->op == XOP_CREATE || e->op == XOP_JOIN)
            snprintf(label, sizeof label, "%s(T%" PRIu64 ")", xop_name((enum xop)e->op), e->obj);
        else {
            obj_name(sym, &nm, e->obj, addresses, name, sizeof name);
            snprintf(label, sizeof label, "%s(%s)", xop_name((enum xop)e->op), name);
        }
        size_t w = strlen(label) + 1;
        for (uint32_t r = 0; r <= maxt; r++) {
            if (!rf[r])
                continue;
            if (r == e->tid)
                fprintf(rf[r], "%s ", label);
            else
                fprintf(rf[r], "%*s", (int)w, "");
        }
        if (pf) {
            if (pending_mark) {
                fputc('^', pf);
                fprintf(pf, "%*s", (int)(w - 1), "");
            } else {
                fprintf(pf, "%*s", (int)w, "");
            }
        }
        pending_mark = false;
        col += w;
    }
    fputs("\n  schedule of the shared events", out);
    if (skip)
        fprintf(out, " (the last %d of %zu)", MAX_COLS, total);
    fputs(":\n", out);
    bool marks = false;
    for (uint32_t r = 0; r <= maxt; r++) {
        if (!rf[r])
            continue;
        fclose(rf[r]);
        rf[r] = NULL;
        bool any = false;
        for (size_t i = 0; rows[r] && rows[r][i]; i++)
            any |= rows[r][i] != ' ';
        if (any) {
            size_t l = strlen(rows[r]);
            while (l && rows[r][l - 1] == ' ')
                rows[r][--l] = '\0';
            fprintf(out, "    T%-2" PRIu32 "| %s\n", r, rows[r]);
        }
        free(rows[r]);
    }
    if (pf) {
        fclose(pf);
        for (size_t i = 0; pre && pre[i]; i++)
            marks |= pre[i] == '^';
        fprintf(out, "        +");
        for (size_t i = 0; i < col + 1; i++)
            fputc('-', out);
        fputs("> time\n", out);
        if (marks) {
            size_t l = strlen(pre);
            while (l && pre[l - 1] == ' ')
                pre[--l] = '\0';
            fprintf(out, "          %s  (^: after a preemption)\n", pre);
        }
        free(pre);
    }
    free(show);
}

/* ---- headlines ---------------------------------------------------------------------------- */

/* What a verdict bug is, in one line for people (without "interleave explore: "). */
static void headline(const struct xtrace *t, const char *key, const struct findings_resolver *res,
                     const char *cwd, char *buf, size_t len)
{
    const struct xverdict *v = &t->verdict;
    if (key && strncmp(key, "livelock", 8) == 0) {
        snprintf(buf, len,
                 "livelock: the execution below and every continuation tried from its prefix "
                 "ran past %" PRIu64 " steps",
                 v->steps);
        return;
    }
    switch (v->kind) {
    case XV_ASSERT:
        snprintf(buf, len, "assertion failure: `%s` at %s:%u in %s (T%" PRIu32 ")", v->msg,
                 render_path(v->file, cwd), v->line, v->func, v->tid);
        break;
    case XV_CRASH: {
        const char *sig = render_signal_name(v->signal);
        int n = snprintf(buf, len, "crash: signal %d%s%s%s", v->signal, sig ? " (" : "",
                         sig ? sig : "", sig ? ")" : "");
        if (v->has_tid && n > 0 && (size_t)n < len)
            n += snprintf(buf + n, len - (size_t)n, " in T%" PRIu32, v->tid);
        const struct findings_pcinfo *pi =
            v->pc && res->pc ? res->pc(res->ctx, v->pc, false) : NULL;
        if (pi && pi->nframes && pi->frames[0].file && n > 0 && (size_t)n < len)
            snprintf(buf + n, len - (size_t)n, " at %s %s:%u",
                     pi->frames[0].function ? pi->frames[0].function : "?",
                     render_path(pi->frames[0].file, cwd), pi->frames[0].line);
        break;
    }
    case XV_DEADLOCK:
        snprintf(buf, len, "deadlock: every live thread is blocked");
        break;
    case XV_HANG:
        snprintf(buf, len,
                 "hang: every live thread is blocked, and what one of them waits for "
                 "(a condition, barrier, semaphore or once) can no longer come");
        break;
    case XV_TIMEOUT:
        snprintf(buf, len,
                 "timeout: the execution did not end in time (blocked or busy outside "
                 "interleave's model)");
        break;
    case XV_EXIT:
        snprintf(buf, len, "the program exited with status %d", v->status);
        break;
    default:
        snprintf(buf, len, "%s", xverdict_words(v->kind));
        break;
    }
}

static void put_headline(const struct xtrace *t, const char *key, struct findings_resolver *res,
                         const struct xreport_opts *o, FILE *out)
{
    char line[1024];
    headline(t, key, res, o->cwd, line, sizeof line);
    fprintf(out, "interleave explore: %s\n", line);
}

/* Renders a finding into a string without its closing rule line. */
static char *finding_text(const struct xtrace *t, const struct findings_finding *f,
                          struct findings_resolver *res, const struct render_options *ro)
{
    char *s = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&s, &len);
    if (!m)
        return NULL;
    render_text_finding(&t->run, f, res, ro, m);
    fclose(m);
    size_t rl = strlen(RULE "\n");
    if (len >= rl && strcmp(s + len - rl, RULE "\n") == 0)
        s[len - rl] = '\0';
    return s;
}

int xreport_execution(const struct xtrace *t, const char *key, const char *found_line,
                      const char *token, const struct xreport_opts *o, FILE *out)
{
    struct symbolizer *sym = NULL;
    struct findings_resolver res = {0};
    if (t->run.nmodules && symbolizer_open(t->run.modules, t->run.nmodules, &sym) == 0)
        res = symbolizer_resolver(sym);
    struct source_cache *src = source_open();
    struct render_source rs = source_render(src);
    struct render_options ro = {.addresses = o->addresses, .cwd = o->cwd, .source = &rs};
    char vkey[512];
    explore_verdict_key(t, vkey, sizeof vkey);
    bool verdict_bug = !key || strcmp(key, vkey) == 0 || strncmp(key, "livelock", 8) == 0;
    /* the finding this report is about, when it is one */
    const struct findings_finding *main_f = NULL;
    if (!verdict_bug)
        for (size_t i = 0; i < t->run.nfindings && !main_f; i++) {
            char k[512];
            explore_finding_key(t, &t->run.findings[i], k, sizeof k);
            if (strcmp(k, key) == 0)
                main_f = &t->run.findings[i];
        }
    if (main_f) {
        char *s = finding_text(t, main_f, &res, &ro);
        if (s)
            fputs(s, out);
        free(s);
    } else {
        fputs(RULE "\n", out);
        put_headline(t, key, &res, o, out);
    }
    if (found_line)
        fprintf(out, "  %s\n", found_line);
    put_schedule(t, out);
    put_diagram(t, sym, o->addresses, out);
    if (!main_f) {
        /* the findings of this execution: why the verdict happened */
        for (size_t i = 0; i < t->run.nfindings; i++) {
            char *s = finding_text(t, &t->run.findings[i], &res, &ro);
            if (!s)
                continue;
            /* indent the nested report by two spaces, without its opening rule */
            const char *p = s;
            if (strncmp(p, RULE "\n", strlen(RULE) + 1) == 0)
                p += strlen(RULE) + 1;
            fputs("\n  in this execution:\n", out);
            while (*p) {
                const char *nl = strchr(p, '\n');
                size_t l = nl ? (size_t)(nl - p) : strlen(p);
                fprintf(out, "  %.*s\n", (int)l, p);
                p += l + (nl ? 1 : 0);
            }
            free(s);
        }
    }
    if (token)
        fprintf(out, "  replay: interleave replay %s -- %s\n", token,
                o->command ? o->command : "PROGRAM");
    fputs(RULE "\n", out);
    source_close(src);
    symbolizer_close(sym);
    return ferror(out) ? -EIO : 0;
}

int xreport_bug(const struct explore_result *r, size_t i, const struct xreport_opts *o, FILE *out)
{
    const struct xbug *b = &r->bugs[i];
    char found[256];
    int n = snprintf(found, sizeof found, "found after %" PRIu64 " execution%s (%s)", b->found_at,
                     b->found_at == 1 ? "" : "s", b->strategy);
    if (b->shrunk && n > 0 && (size_t)n < sizeof found)
        snprintf(found + n, sizeof found - (size_t)n,
                 "; shrunk from %zu preemption%s and %zu steps in %" PRIu64 " executions",
                 b->orig_preemptions, b->orig_preemptions == 1 ? "" : "s", b->orig_steps,
                 b->shrink_execs);
    char *tok = NULL;
    if (xreport_token(b, o->prog_hash, &tok) < 0)
        return -ENOMEM;
    int rc = xreport_execution(&b->trace, b->key, found, tok, o, out);
    free(tok);
    return rc;
}

/* ---- result files ------------------------------------------------------------------------- */

static void put_word(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= ' ' || c == '%' || c == '=' || c >= 0x7f)
            fprintf(f, "%%%02X", c);
        else
            fputc(c, f);
    }
}

static void get_word(char *s)
{
    char *d = s;
    for (; *s; s++) {
        unsigned v;
        if (s[0] == '%' && sscanf(s + 1, "%2x", &v) == 1) {
            *d++ = (char)v;
            s += 2;
        } else {
            *d++ = *s;
        }
    }
    *d = '\0';
}

static char *dup_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

int xreport_entries_of(const struct explore_result *r, const struct xreport_opts *o,
                       struct xreport_entries *out)
{
    *out = (struct xreport_entries){0};
    out->e = calloc(r->nbugs ? r->nbugs : 1, sizeof *out->e);
    if (!out->e)
        return -ENOMEM;
    /* verdicts (assertions, crashes, deadlocks...) first, then races and lost updates */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < r->nbugs; i++) {
            const struct xbug *b = &r->bugs[i];
            if (b->shown_with >= 0 || (b->cls == XBUG_FINDING) != (pass == 1))
                continue;
            struct xreport_entry *e = &out->e[out->n++];
            char *tok = NULL, *text = NULL, found[96];
            size_t len = 0;
            xreport_token(b, o->prog_hash, &tok);
            FILE *m = open_memstream(&text, &len);
            if (m) {
                xreport_bug(r, i, o, m);
                fclose(m);
            }
            snprintf(found, sizeof found, "found after %" PRIu64 " execution%s (%s)", b->found_at,
                     b->found_at == 1 ? "" : "s", b->strategy);
            *e = (struct xreport_entry){
                .key = b->key,
                .trace = &b->trace,
                .token = tok,
                .found = dup_str(found),
                .text = text,
                .preemptions = b->preemptions,
                .steps = b->trace.nsteps,
                .found_at = b->found_at,
                .strategy = b->strategy,
            };
        }
    return 0;
}

void xreport_entries_free(struct xreport_entries *l)
{
    for (size_t i = 0; l->e && i < l->n; i++) {
        free((char *)l->e[i].token);
        free((char *)l->e[i].found);
        free((char *)l->e[i].text);
    }
    free(l->e);
    *l = (struct xreport_entries){0};
}

/* The verdict line of a result payload (docs/internals/explore.md) for v: what
 * xtrace_parse reads back. */
static void put_verdict(FILE *f, const struct xverdict *v)
{
    fprintf(f, "verdict kind=%s",
            v->kind == XV_OTHER && v->wire[0] ? v->wire : xverdict_name(v->kind));
    if (v->kind == XV_EXIT)
        fprintf(f, " status=%d", v->status);
    if (v->kind == XV_CRASH)
        fprintf(f, " signal=%d pc=0x%" PRIx64, v->signal, v->pc);
    if (v->has_tid)
        fprintf(f, " tid=%" PRIu32, v->tid);
    if (v->kind == XV_ASSERT) {
        fputs(" msg=", f);
        put_word(f, v->msg);
        fputs(" file=", f);
        put_word(f, v->file);
        fprintf(f, " line=%u func=", v->line);
        put_word(f, v->func);
    }
    if (v->kind == XV_STEPLIMIT)
        fprintf(f, " steps=%" PRIu64, v->steps);
    fputc('\n', f);
}

int xreport_save(const char *path, const struct xreport_run *run, const struct xreport_entry *e,
                 size_t n, const struct xreport_opts *o)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -errno;
    fprintf(f, "interleave-explore-results version=1\n");
    fprintf(f, "program hash=0x%016" PRIx64 " command=", o->prog_hash);
    put_word(f, o->command ? o->command : "");
    fprintf(f,
            "\nrun strategy=%s shard=%u/%u executions=%" PRIu64 " extra=%" PRIu64
            " seconds=%.3f exhausted=%d first_bug_at=%" PRIu64 "\n",
            run->strategy, run->shard_k + 1, run->shard_n ? run->shard_n : 1, run->executions,
            run->extra, run->seconds, run->exhausted, run->first_bug_at);
    for (size_t i = 0; i < n; i++) {
        size_t len = e[i].text ? strlen(e[i].text) : 0;
        fputs("bug key=", f);
        put_word(f, e[i].key);
        fprintf(f,
                " preemptions=%zu steps=%zu found_at=%" PRIu64 " strategy=%s token=%s bytes=%zu\n",
                e[i].preemptions, e[i].steps, e[i].found_at, e[i].strategy ? e[i].strategy : "-",
                e[i].token ? e[i].token : "-", len);
        fwrite(e[i].text ? e[i].text : "", 1, len, f);
        /* the execution, for the file reports of `interleave report`: its verdict line
         * and findings stream, as the fork server sent them */
        if (e[i].trace) {
            char *x = NULL;
            size_t xlen = 0;
            FILE *m = open_memstream(&x, &xlen);
            if (m) {
                put_verdict(m, &e[i].trace->verdict);
                if (e[i].trace->stream)
                    fwrite(e[i].trace->stream, 1, e[i].trace->nstream, m);
                fclose(m);
                fprintf(f, "execution bytes=%zu\n", xlen);
                fwrite(x, 1, xlen, f);
                free(x);
            }
        }
        fputs("end\n", f);
    }
    int rc = ferror(f) ? -EIO : 0;
    if (fclose(f) != 0 && !rc)
        rc = -errno;
    return rc;
}

#define RESULTS_MAGIC "interleave-explore-results version=1"

bool xreport_is_results(const char *buf, size_t len)
{
    size_t m = strlen(RESULTS_MAGIC);
    return len >= m && memcmp(buf, RESULTS_MAGIC, m) == 0;
}

/* Reads n bytes into a malloc'd string; NULL when the file ends first. */
static char *read_bytes(FILE *f, size_t n)
{
    char *b = malloc(n + 1);
    if (b && fread(b, 1, n, f) != n) {
        free(b);
        return NULL;
    }
    if (b)
        b[n] = '\0';
    return b;
}

static void record_free(struct xreport_record *r)
{
    free(r->token);
    free(r->text);
    free(r->found);
    if (r->has_trace)
        xtrace_free(&r->trace);
}

/* Keeps rec in s unless s has its key with a simpler schedule (fewest preemptions, then
 * steps); takes ownership of rec. */
static int keep(struct xreport_set *s, struct xreport_record *rec)
{
    for (size_t k = 0; k < s->n; k++) {
        struct xreport_record *o = &s->recs[k];
        if (strcmp(o->key, rec->key) != 0)
            continue;
        if (rec->preemptions < o->preemptions ||
            (rec->preemptions == o->preemptions && rec->steps < o->steps)) {
            record_free(o);
            *o = *rec;
        } else {
            record_free(rec);
        }
        return 0;
    }
    struct xreport_record *q = realloc(s->recs, (s->n + 1) * sizeof *q);
    if (!q) {
        record_free(rec);
        return -ENOMEM;
    }
    s->recs = q;
    s->recs[s->n++] = *rec;
    return 0;
}

int xreport_set_load(struct xreport_set *s, const char *path, const char *cmd)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot read '%s': %s\n", cmd, path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t l = getline(&line, &cap, f);
    const char *bad = NULL;
    if (l < 0 || !xreport_is_results(line, (size_t)l)) {
        fprintf(stderr, "%s: '%s' is not a result file of interleave explore --save\n", cmd, path);
        free(line);
        fclose(f);
        return -1;
    }
    s->files++;
    while (!bad && (l = getline(&line, &cap, f)) > 0) {
        uint64_t h;
        if (sscanf(line, "program hash=0x%" SCNx64, &h) == 1) {
            if (s->prog && h != s->prog)
                fprintf(stderr, "%s: warning: '%s' was made for another build of the program\n",
                        cmd, path);
            s->prog = h;
            const char *c = strstr(line, " command=");
            if (c && !s->command) {
                s->command = strdup(c + 9);
                if (s->command) {
                    s->command[strcspn(s->command, "\n")] = '\0';
                    get_word(s->command);
                }
            }
        } else if (strncmp(line, "run ", 4) == 0) {
            const char *p = strstr(line, " executions=");
            if (p)
                s->executions += strtoull(p + 12, NULL, 10);
            p = strstr(line, " seconds=");
            if (p && strtod(p + 9, NULL) > s->seconds)
                s->seconds = strtod(p + 9, NULL);
            s->complete += strstr(line, " exhausted=1") != NULL;
            p = strstr(line, "strategy=");
            if (p && !s->strategy[0])
                sscanf(p + 9, "%15s", s->strategy);
        } else if (strncmp(line, "bug key=", 8) == 0) {
            struct xreport_record rec = {0};
            char key[1024], strategy[16] = "", token[512] = "-";
            size_t bytes = 0;
            if (sscanf(line, "bug key=%1023s preemptions=%zu steps=%zu", key, &rec.preemptions,
                       &rec.steps) != 3) {
                bad = "malformed bug line in";
                break;
            }
            get_word(key);
            snprintf(rec.key, sizeof rec.key, "%.511s", key);
            const char *p = strstr(line, " found_at=");
            if (p)
                rec.found_at = strtoull(p + 10, NULL, 10);
            if ((p = strstr(line, " strategy=")))
                sscanf(p + 10, "%15s", strategy);
            snprintf(rec.strategy, sizeof rec.strategy, "%s", strategy);
            if ((p = strstr(line, " token=")))
                sscanf(p + 7, "%511s", token);
            if (strcmp(token, "-") != 0)
                rec.token = strdup(token);
            if ((p = strstr(line, " bytes=")))
                bytes = strtoull(p + 7, NULL, 10);
            if (!(rec.text = read_bytes(f, bytes))) {
                bad = "cut short:";
                record_free(&rec);
                break;
            }
            if (rec.found_at) {
                char found[96];
                snprintf(found, sizeof found, "found after %" PRIu64 " execution%s (%s)",
                         rec.found_at, rec.found_at == 1 ? "" : "s", rec.strategy);
                rec.found = strdup(found);
            }
            /* the record's execution, when the file has it (files of older drivers do not) */
            long at = ftell(f);
            size_t xb = 0;
            if (getline(&line, &cap, f) > 0 && sscanf(line, "execution bytes=%zu", &xb) == 1) {
                char *x = read_bytes(f, xb);
                char err[128];
                if (!x) {
                    bad = "cut short:";
                    record_free(&rec);
                    break;
                }
                rec.has_trace = xtrace_parse(x, xb, &rec.trace, err, sizeof err) == 0;
                if (!rec.has_trace)
                    xtrace_free(&rec.trace);
                free(x);
            } else if (at >= 0) {
                fseek(f, at, SEEK_SET);
            }
            if (keep(s, &rec) < 0)
                bad = "out of memory reading";
        }
    }
    free(line);
    fclose(f);
    if (bad) {
        fprintf(stderr, "%s: %s '%s'\n", cmd, bad, path);
        return -1;
    }
    return 0;
}

int xreport_set_entries(const struct xreport_set *s, struct xreport_entries *l)
{
    *l = (struct xreport_entries){0};
    l->e = calloc(s->n ? s->n : 1, sizeof *l->e);
    if (!l->e)
        return -ENOMEM;
    for (size_t i = 0; i < s->n; i++) {
        const struct xreport_record *r = &s->recs[i];
        l->e[l->n++] = (struct xreport_entry){
            .key = r->key,
            .trace = r->has_trace ? &r->trace : NULL,
            .token = r->token,
            .found = r->found,
            .text = r->text,
            .preemptions = r->preemptions,
            .steps = r->steps,
            .found_at = r->found_at,
            .strategy = r->strategy,
        };
    }
    return 0;
}

void xreport_set_print(const struct xreport_set *s, FILE *out)
{
    for (size_t i = 0; i < s->n; i++)
        fputs(s->recs[i].text, out);
    fprintf(out, "interleave explore: %zu bug%s in %" PRIu64 " executions over %d shard%s", s->n,
            s->n == 1 ? "" : "s", s->executions, s->files, s->files == 1 ? "" : "s");
    if (s->complete == s->files && s->files)
        fputs("; every shard explored its part of the schedule space completely", out);
    fputc('\n', out);
}

void xreport_set_free(struct xreport_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        record_free(&s->recs[i]);
    free(s->recs);
    free(s->command);
    *s = (struct xreport_set){0};
}

int xreport_merge(char **paths, int n, FILE *out)
{
    struct xreport_set s = {0};
    for (int i = 0; i < n; i++)
        if (xreport_set_load(&s, paths[i], "interleave explore") < 0) {
            xreport_set_free(&s);
            return 2;
        }
    xreport_set_print(&s, out);
    int rc = s.n ? 66 : 0;
    xreport_set_free(&s);
    return rc;
}

/* ---- the file reports --------------------------------------------------------------------- */

struct xfile_bug {
    struct render_bug b;
    struct findings_run empty; /* the run of an entry without an execution */
    struct symbolizer *sym;
    struct findings_resolver res;
    char title[1024];
    char *replay;
};

/* The finding of t that the bug key names: a race or a lost update, or the deadlock
 * finding that tells who waits for what in a deadlock or a hang; -1 when none. */
static long focus_of(const struct xtrace *t, const char *key)
{
    bool blocked = strcmp(key, "deadlock") == 0 || strcmp(key, "hang") == 0;
    for (size_t i = 0; i < t->run.nfindings; i++) {
        const struct findings_finding *f = &t->run.findings[i];
        if (blocked) {
            if (f->kind == FINDINGS_KIND_DEADLOCK ||
                (f->kind_name && strcmp(f->kind_name, key) == 0))
                return (long)i;
            continue;
        }
        char k[512];
        explore_finding_key(t, f, k, sizeof k);
        if (strcmp(k, key) == 0)
            return (long)i;
    }
    return -1;
}

int xreport_files_open(struct xreport_files *f, const struct xreport_entry *e, size_t n,
                       const struct render_exploration *x, const struct xreport_opts *o)
{
    *f = (struct xreport_files){.x = *x};
    size_t m = n ? n : 1;
    f->in = calloc(m, sizeof *f->in);
    f->bugs = calloc(m, sizeof *f->bugs);
    if (!f->in || !f->bugs) {
        free(f->in);
        free(f->bugs);
        return -ENOMEM;
    }
    f->n = m;
    if (!n) { /* nothing found: one input that says what was explored */
        f->bugs[0].b = (struct render_bug){.x = &f->x, .none = true, .focus = -1};
        f->in[0] =
            (struct render_input){&f->bugs[0].empty, &f->bugs[0].res, x->program, &f->bugs[0].b};
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        struct xfile_bug *fb = &f->bugs[i];
        const struct xtrace *t = e[i].trace;
        const struct findings_run *run = t ? &t->run : &fb->empty;
        struct findings_module *mods = calloc(run->nmodules ? run->nmodules : 1, sizeof *mods);
        size_t nm = 0;
        for (size_t k = 0; mods && k < run->nmodules; k++)
            if (!o->stale || !run->modules[k].path || strcmp(run->modules[k].path, o->stale) != 0)
                mods[nm++] = run->modules[k];
        if (nm && symbolizer_open(mods, nm, &fb->sym) == 0)
            fb->res = symbolizer_resolver(fb->sym);
        else
            fb->sym = NULL;
        free(mods);
        struct render_bug *b = &fb->b;
        *b = (struct render_bug){
            .x = &f->x,
            .focus = t ? focus_of(t, e[i].key) : -1,
            .rule = kind_rule(e[i].key),
            .token = e[i].token,
            .found = e[i].found,
            .preemptions = e[i].preemptions,
            .steps = e[i].steps,
            .text = e[i].text,
        };
        if (t) {
            const struct xverdict *v = &t->verdict;
            headline(t, e[i].key, &fb->res, o->cwd, fb->title, sizeof fb->title);
            if (v->kind == XV_ASSERT && v->file[0]) {
                b->file = v->file;
                b->line = v->line;
                b->func = v->func[0] ? v->func : NULL;
            }
            b->pc = v->kind == XV_CRASH ? v->pc : 0;
            b->has_tid = v->has_tid;
            b->tid = v->tid;
        } else {
            snprintf(fb->title, sizeof fb->title, "%s (%s)", xreport_kind_words(e[i].key),
                     e[i].key);
        }
        b->title = fb->title;
        if (e[i].token) {
            size_t len = strlen(e[i].token) + strlen(o->command ? o->command : "PROGRAM") + 32;
            fb->replay = malloc(len);
            if (fb->replay)
                snprintf(fb->replay, len, "interleave replay %s -- %s", e[i].token,
                         o->command ? o->command : "PROGRAM");
            b->replay = fb->replay;
        }
        f->in[i] = (struct render_input){run, &fb->res, x->program, b};
    }
    return 0;
}

void xreport_files_close(struct xreport_files *f)
{
    for (size_t i = 0; f->bugs && i < f->n; i++) {
        symbolizer_close(f->bugs[i].sym);
        free(f->bugs[i].replay);
    }
    free(f->bugs);
    free(f->in);
    *f = (struct xreport_files){0};
}
