/* explain: shared words of the renderers (see explain.h). */
#include "report/explain.h"

#include <string.h>

#include "report/diagram.h"
#include "report/render_text.h"

#define PLURAL(n) ((n) == 1 ? "" : "s")

const char *explain_rule_id(const struct findings_finding *f)
{
    switch (f->kind) {
    case FINDINGS_KIND_RACE:
        return "data-race";
    case FINDINGS_KIND_LOST_UPDATE:
        return "lost-update";
    case FINDINGS_KIND_DEADLOCK:
        return "deadlock";
    case FINDINGS_KIND_ERROR:
        return "error";
    default:
        return f->kind_name && *f->kind_name ? f->kind_name : "finding";
    }
}

const struct findings_frame *explain_frame(const struct render_input *in, uint64_t pc,
                                           bool is_return_address)
{
    if (!in->res || !in->res->pc || !pc)
        return NULL;
    const struct findings_pcinfo *pi = in->res->pc(in->res->ctx, pc, is_return_address);
    return pi && pi->nframes ? &pi->frames[0] : NULL;
}

const char *explain_thread_start(const struct render_input *in, struct findings_tid t)
{
    if (t.n == 0)
        return "main";
    const struct findings_thread *th = findings_thread_find(in->run, t);
    if (!th || !th->start || !in->res || !in->res->pc)
        return "??";
    const struct findings_pcinfo *pi = in->res->pc(in->res->ctx, th->start, false);
    /* The outermost frame is the function itself, not code inlined into its entry. */
    return pi && pi->nframes && pi->frames[pi->nframes - 1].function
               ? pi->frames[pi->nframes - 1].function
               : "??";
}

void explain_thread_name(const struct render_input *in, struct findings_tid t, char *buf,
                         size_t len)
{
    snprintf(buf, len, "T%u (%s)", (unsigned)t.n, explain_thread_start(in, t));
}

void explain_object(const struct render_input *in, const struct findings_finding *f, char *buf,
                    size_t len)
{
    if (f->kind == FINDINGS_KIND_DEADLOCK) {
        snprintf(buf, len, "every live thread");
        return;
    }
    enum findings_obj_kind kind = f->obj.present ? f->obj.kind : FINDINGS_OBJ_UNKNOWN;
    const struct findings_datainfo *d = NULL;
    if ((kind == FINDINGS_OBJ_GLOBAL || kind == FINDINGS_OBJ_UNKNOWN) && in->res && in->res->data)
        d = in->res->data(in->res->ctx, f->addr);
    if (d && d->name) {
        snprintf(buf, len, "`%s`", d->name);
        return;
    }
    switch (kind) {
    case FINDINGS_OBJ_GLOBAL:
        snprintf(buf, len, "a global");
        break;
    case FINDINGS_OBJ_HEAP:
        snprintf(buf, len, "heap block of %llu byte%s, offset %llu",
                 (unsigned long long)f->obj.size, PLURAL(f->obj.size),
                 (unsigned long long)(f->addr - f->obj.base));
        break;
    case FINDINGS_OBJ_STACK:
        snprintf(buf, len, "stack of T%u", (unsigned)f->obj.tid.n);
        break;
    case FINDINGS_OBJ_FD:
        snprintf(buf, len, "file descriptor %llu", (unsigned long long)f->obj.base);
        break;
    default:
        snprintf(buf, len, "unknown memory");
        break;
    }
}

const struct findings_access *explain_primary(const struct findings_finding *f)
{
    const struct findings_access *a = NULL;
    if (f->kind == FINDINGS_KIND_RACE)
        a = findings_access_find(f, FINDINGS_ROLE_CURRENT);
    else if (f->kind == FINDINGS_KIND_LOST_UPDATE)
        a = findings_access_find(f, FINDINGS_ROLE_WRITE);
    return a ? a : f->naccs ? &f->accs[0] : NULL;
}

void explain_title(const struct render_input *in, const struct findings_finding *f, char *buf,
                   size_t len)
{
    char obj[200];
    explain_object(in, f, obj, sizeof obj);
    if (f->kind == FINDINGS_KIND_DEADLOCK) {
        snprintf(buf, len, "deadlock: every live thread is blocked");
        return;
    }
    if (f->kind == FINDINGS_KIND_OTHER && f->nnotes) {
        snprintf(buf, len, "%s: %s", findings_kind_words(f, false), f->notes[0]);
        return;
    }
    if (f->kind != FINDINGS_KIND_RACE && f->kind != FINDINGS_KIND_LOST_UPDATE) {
        snprintf(buf, len, "%s", findings_kind_words(f, false));
        return;
    }
    const struct findings_access *a = NULL, *b = NULL;
    if (f->kind == FINDINGS_KIND_RACE) {
        a = findings_access_find(f, FINDINGS_ROLE_CURRENT);
        b = findings_access_find(f, FINDINGS_ROLE_PREVIOUS);
    } else {
        a = findings_access_find(f, FINDINGS_ROLE_WRITE);
        b = findings_access_find(f, FINDINGS_ROLE_OVERWRITE);
    }
    if (!a || !b) {
        snprintf(buf, len, "%s on %s", findings_kind_words(f, false), obj);
        return;
    }
    char ta[64], tb[64];
    explain_thread_name(in, a->tid, ta, sizeof ta);
    explain_thread_name(in, b->tid, tb, sizeof tb);
    if (f->kind == FINDINGS_KIND_RACE)
        snprintf(buf, len, "data race on %s between %s and %s", obj, ta, tb);
    else
        snprintf(buf, len, "lost update on %s: %s overwrote the update of %s", obj, ta, tb);
}

void explain_location(const struct render_input *in, uint64_t pc, bool is_return_address,
                      const char *cwd, char *buf, size_t len)
{
    const struct findings_frame *fr = explain_frame(in, pc, is_return_address);
    if (!fr) {
        snprintf(buf, len, "??");
        return;
    }
    const char *fn = fr->function ? fr->function : "??";
    if (fr->file && fr->line)
        snprintf(buf, len, "%s %s:%u", fn, render_path(fr->file, cwd), fr->line);
    else if (fr->file)
        snprintf(buf, len, "%s %s", fn, render_path(fr->file, cwd));
    else
        snprintf(buf, len, "%s", fn);
}

void explain_access(const struct render_input *in, const struct findings_access *a, char *buf,
                    size_t len)
{
    static const char *const ops[] = {"read", "write", "read-modify-write"};
    const char *role = "";
    switch (a->role) {
    case FINDINGS_ROLE_PREVIOUS:
        role = "previous ";
        break;
    case FINDINGS_ROLE_READ:
        role = "stale ";
        break;
    case FINDINGS_ROLE_OVERWRITE:
        role = "overwritten ";
        break;
    case FINDINGS_ROLE_WRITE:
        role = "lost-update ";
        break;
    default:
        break;
    }
    char t[64];
    explain_thread_name(in, a->tid, t, sizeof t);
    snprintf(buf, len, "%s%s%s of %u byte%s by %s", role, a->atomic ? "atomic " : "",
             ops[a->op < 3 ? a->op : 0], (unsigned)a->size, PLURAL(a->size), t);
}

static bool any_note_has(const struct findings_finding *f, const char *word)
{
    for (size_t i = 0; i < f->nnotes; i++)
        if (strstr(f->notes[i], word))
            return true;
    return false;
}

const char *explain_help(const struct findings_finding *f)
{
    bool atomic = false;
    for (size_t i = 0; i < f->naccs; i++)
        atomic |= f->accs[i].atomic;
    switch (f->kind) {
    case FINDINGS_KIND_RACE:
        if (f->obj.present && f->obj.kind == FINDINGS_OBJ_FD)
            return "one thread closes the descriptor while another may still use it (or the "
                   "number, reused, names another file): close it only after every user is "
                   "done (join them, or hand it over through a lock)";
        return "protect every access to it with the same mutex, make it _Atomic (<stdatomic.h>), "
               "or keep it in a guarded value (include/interleave/sync.h)";
    case FINDINGS_KIND_LOST_UPDATE:
        if (atomic)
            return "separate atomic load and store let another thread's update fall in between: "
                   "use one atomic read-modify-write (atomic_fetch_add, or a "
                   "compare-exchange loop)";
        return "make the read and the write one step: hold one mutex across both, use "
               "atomic_fetch_add on an _Atomic, or keep it in a guarded value "
               "(include/interleave/sync.h)";
    case FINDINGS_KIND_DEADLOCK:
    blocked:
        if (any_note_has(f, "cond"))
            return "a thread waits on a condition that nobody signals: signal or broadcast "
                   "after changing the state, under the mutex, and wait in a while loop on "
                   "that state";
        if (any_note_has(f, "mutex") || any_note_has(f, "lock"))
            return "take the mutexes in one global order in every thread (or take them "
                   "together with a scoped guard of include/interleave/sync.h)";
        return "a thread waits for another that can never finish: make sure every wait has "
               "a thread that will end it";
    default:
        /* A kind this driver does not know (the runtime's "hang") whose notes say who
         * waits for what is explained like a deadlock. */
        if (any_note_has(f, "waits for"))
            goto blocked;
        return NULL;
    }
}

const char *explain_bug_help(const struct render_input *in)
{
    static const struct {
        const char *rule, *help;
    } verdicts[] = {
        {"assertion-failure",
         "some order of the threads' steps breaks what the assertion states: replay the token to "
         "see that schedule, then make each read-check-write of the shared state one step (one "
         "mutex around it, or one atomic read-modify-write)"},
        {"crash", "replay the token under a debugger to stop at the crash in that schedule"},
        {"livelock",
         "threads keep running without progress: a spin loop needs a yield or a blocking "
         "wait, and retries need an end"},
        {"timeout", "the execution blocked or ran outside interleave's model: replay the token "
                    "to see where it stopped"},
        {"exit-status", "replay the token to see the schedule under which the program fails"},
    };
    const struct render_bug *b = in->bug;
    if (!b)
        return NULL;
    if (b->focus >= 0 && (size_t)b->focus < in->run->nfindings)
        return explain_help(&in->run->findings[b->focus]);
    for (size_t i = 0; b->rule && i < sizeof verdicts / sizeof verdicts[0]; i++)
        if (strcmp(b->rule, verdicts[i].rule) == 0)
            return verdicts[i].help;
    return NULL;
}

void explain_event_text(const struct findings_event *e, char *buf, size_t len)
{
    static const char opchar[] = {'r', 'w', 'u'};
    char v[32];
    diagram_value(e->value, e->size, v, sizeof v);
    snprintf(buf, len, "%c(%s)", opchar[e->op < 3 ? e->op : 0], v);
}

const char *explain_event_op(const struct findings_event *e)
{
    static const char *const ops[] = {"read", "write", "atomic update"};
    return ops[e->op < 3 ? e->op : 0];
}

const struct findings_access *explain_event_access(const struct findings_finding *f,
                                                   const struct findings_event *e)
{
    for (size_t i = 0; i < f->naccs; i++) {
        const struct findings_access *a = &f->accs[i];
        if (a->has_seq ? a->seq == e->seq : a->tid.n == e->tid.n && a->pc == e->pc && e->mark)
            return a;
    }
    return NULL;
}

const struct findings_event *explain_access_event(const struct findings_finding *f,
                                                  const struct findings_access *a)
{
    if (a->has_seq) {
        for (size_t i = 0; i < f->nevs; i++)
            if (f->evs[i].seq == a->seq)
                return &f->evs[i];
        return NULL;
    }
    /* a stream without seq= on its accesses: the best match, marked and from the same
     * pc if possible, the newest for the access a finding is reported at */
    bool write = a->op != FINDINGS_OP_READ;
    bool last = a->role == FINDINGS_ROLE_WRITE || a->role == FINDINGS_ROLE_CURRENT;
    const struct findings_event *best = NULL;
    int best_score = 0;
    for (size_t i = 0; i < f->nevs; i++) {
        const struct findings_event *e = &f->evs[i];
        bool is_write = e->op != FINDINGS_OP_READ;
        bool is_read = e->op != FINDINGS_OP_WRITE;
        if (e->tid.n != a->tid.n || (write ? !is_write : !is_read))
            continue;
        int score = 1 + (e->mark ? 2 : 0) + (e->pc == a->pc ? 1 : 0);
        if (score > best_score || (score == best_score && last)) {
            best = e;
            best_score = score;
        }
    }
    return best;
}

bool explain_uri(const char *path, const char *cwd, char *buf, size_t len)
{
    if (len)
        buf[0] = '\0';
    if (!path || !len)
        return false;
    const char *rel = NULL;
    if (cwd && cwd[0] == '/' && path[0] == '/') {
        size_t n = strlen(cwd);
        while (n > 1 && cwd[n - 1] == '/')
            n--;
        if (n == 1)
            rel = path + 1;
        else if (strncmp(path, cwd, n) == 0 && path[n] == '/')
            rel = path + n + 1;
    }
    while (rel && *rel == '/') /* "/src//a.c" under "/src": "a.c", not "/a.c" */
        rel++;
    const char *s = rel ? rel : path;
    size_t o = 0;
    if (!rel && path[0] == '/')
        o = (size_t)snprintf(buf, len, "file://");
    /* In the first segment of a relative reference a ':' would make "a:b.c" a URI of
     * scheme "a" (RFC 3986, 4.2): it is percent-encoded there. */
    bool first_segment = s[0] != '/';
    for (; *s && o + 4 < len; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("/-._~+,;=@", c) || (c == ':' && !first_segment))
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, len - o, "%%%02X", c);
        first_segment &= c != '/';
    }
    buf[o < len ? o : len - 1] = '\0';
    return true;
}

void explain_html_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
                fputc('?', out);
            else
                fputc(*s, out);
        }
    }
}

const char *explain_source_line(const struct render_options *opt, const struct findings_frame *fr,
                                char *buf, size_t len)
{
    if (!opt || !opt->source || !opt->source->line || !fr || !fr->file || !fr->line || !len)
        return NULL;
    const char *l = opt->source->line(opt->source->ctx, fr->file, fr->line);
    if (!l)
        return NULL;
    while (*l == ' ' || *l == '\t')
        l++;
    size_t n = strlen(l);
    while (n && (l[n - 1] == ' ' || l[n - 1] == '\t' || l[n - 1] == '\r'))
        n--;
    if (n == 0)
        return NULL;
    if (n >= len)
        n = len - 1;
    memcpy(buf, l, n);
    buf[n] = '\0';
    return buf;
}
