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

const char *xreport_kind_words(const char *key)
{
    static const struct {
        const char *prefix, *words;
    } k[] = {
        {"assert|", "assertion failure"}, {"crash|", "crash"},
        {"deadlock", "deadlock"},         {"hang", "hang"},
        {"exit|", "exit status"},         {"timeout", "timeout"},
        {"livelock", "livelock"},         {"race", "data race"},
        {"lost-update", "lost update"},
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        if (strncmp(key, k[i].prefix, strlen(k[i].prefix)) == 0)
            return k[i].words;
    return "finding";
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

static void put_headline(const struct xtrace *t, const char *key, struct findings_resolver *res,
                         const struct xreport_opts *o, FILE *out)
{
    const struct xverdict *v = &t->verdict;
    if (key && strncmp(key, "livelock", 8) == 0) {
        fprintf(out,
                "interleave explore: livelock: the execution below and every continuation "
                "tried from its prefix ran past %" PRIu64 " steps\n",
                v->steps);
        return;
    }
    switch (v->kind) {
    case XV_ASSERT:
        fprintf(out, "interleave explore: assertion failure: `%s` at %s:%u in %s (T%" PRIu32 ")\n",
                v->msg, render_path(v->file, o->cwd), v->line, v->func, v->tid);
        break;
    case XV_CRASH: {
        const char *sig = render_signal_name(v->signal);
        fprintf(out, "interleave explore: crash: signal %d%s%s%s", v->signal, sig ? " (" : "",
                sig ? sig : "", sig ? ")" : "");
        if (v->has_tid)
            fprintf(out, " in T%" PRIu32, v->tid);
        const struct findings_pcinfo *pi =
            v->pc && res->pc ? res->pc(res->ctx, v->pc, false) : NULL;
        if (pi && pi->nframes && pi->frames[0].file)
            fprintf(out, " at %s %s:%u", pi->frames[0].function ? pi->frames[0].function : "?",
                    render_path(pi->frames[0].file, o->cwd), pi->frames[0].line);
        fputc('\n', out);
        break;
    }
    case XV_DEADLOCK:
        fputs("interleave explore: deadlock: every live thread is blocked\n", out);
        break;
    case XV_HANG:
        fputs("interleave explore: hang: every live thread is blocked, and what one of them "
              "waits for (a condition, barrier, semaphore or once) can no longer come\n",
              out);
        break;
    case XV_TIMEOUT:
        fputs("interleave explore: timeout: the execution did not end in time (blocked or "
              "busy outside interleave's model)\n",
              out);
        break;
    case XV_EXIT:
        fprintf(out, "interleave explore: the program exited with status %d\n", v->status);
        break;
    default:
        fprintf(out, "interleave explore: %s\n", xverdict_words(v->kind));
        break;
    }
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

int xreport_save(const char *path, const struct explore_result *r, const struct xreport_opts *o,
                 const char *strategy, unsigned shard_k, unsigned shard_n)
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
            strategy, shard_k + 1, shard_n ? shard_n : 1, r->executions, r->extra_execs, r->seconds,
            r->exhausted, r->first_bug_at);
    for (size_t i = 0; i < r->nbugs; i++) {
        const struct xbug *b = &r->bugs[i];
        if (b->shown_with >= 0)
            continue;
        char *text = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        if (!m)
            continue;
        xreport_bug(r, i, o, m);
        fclose(m);
        char *tok = NULL;
        xreport_token(b, o->prog_hash, &tok);
        fputs("bug key=", f);
        put_word(f, b->key);
        fprintf(f,
                " preemptions=%zu steps=%zu found_at=%" PRIu64 " strategy=%s token=%s bytes=%zu\n",
                b->preemptions, b->trace.nsteps, b->found_at, b->strategy, tok ? tok : "-", len);
        fwrite(text, 1, len, f);
        fputs("end\n", f);
        free(tok);
        free(text);
    }
    int rc = ferror(f) ? -EIO : 0;
    if (fclose(f) != 0 && !rc)
        rc = -errno;
    return rc;
}

struct mbug {
    char key[512];
    size_t preemptions, steps;
    char *text;
};

int xreport_merge(char **paths, int n, FILE *out)
{
    struct mbug *bugs = NULL;
    size_t nb = 0;
    uint64_t execs = 0, prog = 0;
    int complete = 0, files = 0;
    double secs = 0;
    for (int i = 0; i < n; i++) {
        FILE *f = fopen(paths[i], "r");
        if (!f) {
            fprintf(stderr, "interleave explore: cannot read '%s': %s\n", paths[i],
                    strerror(errno));
            return 2;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t l = getline(&line, &cap, f);
        if (l < 0 || strncmp(line, "interleave-explore-results version=1", 36) != 0) {
            fprintf(stderr,
                    "interleave explore: '%s' is not a result file of interleave explore --save\n",
                    paths[i]);
            free(line);
            fclose(f);
            return 2;
        }
        files++;
        while ((l = getline(&line, &cap, f)) > 0) {
            uint64_t h;
            if (sscanf(line, "program hash=0x%" SCNx64, &h) == 1) {
                if (prog && h != prog)
                    fprintf(stderr,
                            "interleave explore: warning: '%s' was made for another build "
                            "of the program\n",
                            paths[i]);
                prog = h;
            } else if (strncmp(line, "run ", 4) == 0) {
                const char *p = strstr(line, " executions=");
                if (p)
                    execs += strtoull(p + 12, NULL, 10);
                p = strstr(line, " seconds=");
                if (p && strtod(p + 9, NULL) > secs)
                    secs = strtod(p + 9, NULL);
                p = strstr(line, " exhausted=1");
                complete += p != NULL;
            } else if (strncmp(line, "bug key=", 8) == 0) {
                struct mbug b = {0};
                char key[1024];
                size_t bytes = 0;
                if (sscanf(line, "bug key=%1023s preemptions=%zu steps=%zu", key, &b.preemptions,
                           &b.steps) != 3) {
                    fprintf(stderr, "interleave explore: malformed bug line in '%s'\n", paths[i]);
                    free(line);
                    fclose(f);
                    return 2;
                }
                get_word(key);
                snprintf(b.key, sizeof b.key, "%.511s", key);
                const char *p = strstr(line, " bytes=");
                if (p)
                    bytes = strtoull(p + 7, NULL, 10);
                b.text = malloc(bytes + 1);
                if (!b.text || fread(b.text, 1, bytes, f) != bytes) {
                    fprintf(stderr, "interleave explore: '%s' is cut short\n", paths[i]);
                    free(b.text);
                    free(line);
                    fclose(f);
                    return 2;
                }
                b.text[bytes] = '\0';
                size_t k = 0;
                while (k < nb && strcmp(bugs[k].key, b.key) != 0)
                    k++;
                if (k < nb) {
                    if (b.preemptions < bugs[k].preemptions ||
                        (b.preemptions == bugs[k].preemptions && b.steps < bugs[k].steps)) {
                        free(bugs[k].text);
                        bugs[k] = b;
                    } else {
                        free(b.text);
                    }
                } else {
                    bugs = realloc(bugs, (nb + 1) * sizeof *bugs);
                    bugs[nb++] = b;
                }
            }
        }
        free(line);
        fclose(f);
    }
    for (size_t i = 0; i < nb; i++) {
        fputs(bugs[i].text, out);
        free(bugs[i].text);
    }
    fprintf(out, "interleave explore: %zu bug%s in %" PRIu64 " executions over %d shard%s", nb,
            nb == 1 ? "" : "s", execs, files, files == 1 ? "" : "s");
    if (complete == files && files)
        fputs("; every shard explored its part of the schedule space completely", out);
    fputc('\n', out);
    free(bugs);
    return nb ? 66 : 0;
}
