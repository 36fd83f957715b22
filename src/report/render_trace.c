/* render_trace: Chrome trace-event JSON (see render_trace.h). The runtime records the order
 * of events, not their time, so ts is the event's global sequence number (in the format's
 * microseconds) and every event lasts TICK_DUR: tracks stay readable and aligned across
 * threads. Deadlocks have no events; their notes become instant events on the waiting
 * thread's track. */
#include "report/render_trace.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "report/explain.h"
#include "report/render_text.h"

#define TICK 10    /* ts units per sequence number */
#define TICK_DUR 8 /* duration of one event, leaving a gap to the next */

static struct json_object *str(const char *s)
{
    return json_object_new_string(s ? s : "");
}

static struct json_object *event(const char *name, const char *cat, const char *ph, int64_t ts,
                                 int pid, uint32_t tid)
{
    struct json_object *e = json_object_new_object();
    json_object_object_add(e, "name", str(name));
    if (cat)
        json_object_object_add(e, "cat", str(cat));
    json_object_object_add(e, "ph", str(ph));
    json_object_object_add(e, "ts", json_object_new_int64(ts));
    json_object_object_add(e, "pid", json_object_new_int(pid));
    json_object_object_add(e, "tid", json_object_new_int64(tid));
    return e;
}

static void metadata(struct json_object *evs, const char *what, int pid, uint32_t tid,
                     const char *key, struct json_object *value)
{
    struct json_object *e = event(what, NULL, "M", 0, pid, tid);
    struct json_object *args = json_object_new_object();
    json_object_object_add(args, key, value);
    json_object_object_add(e, "args", args);
    json_object_array_add(evs, e);
}

/* The tid named by a note's first word "Tn", or false. */
static bool note_tid(const char *note, uint32_t *tid)
{
    if (note[0] != 'T' || note[1] < '0' || note[1] > '9')
        return false;
    char *end;
    unsigned long t = strtoul(note + 1, &end, 10);
    if (*end != ' ' && *end != '\0')
        return false;
    *tid = (uint32_t)t;
    return true;
}

/* Adds a thread_name/thread_sort_index pair for tid unless seen[] says it is done. */
static void name_thread(struct json_object *evs, const struct render_input *in, int pid,
                        uint32_t tid, uint32_t *seen, size_t *nseen, size_t cap)
{
    for (size_t i = 0; i < *nseen; i++)
        if (seen[i] == tid)
            return;
    if (*nseen < cap)
        seen[(*nseen)++] = tid;
    char name[64];
    explain_thread_name(in, (struct findings_tid){tid}, name, sizeof name);
    metadata(evs, "thread_name", pid, tid, "name", str(name));
    metadata(evs, "thread_sort_index", pid, tid, "sort_index", json_object_new_int64(tid));
}

/* The tracks of one process: every thread of the run gets its track, even one without
 * events in the window. */
struct tracks {
    uint32_t seen[256];
    size_t nseen;
};

static void process(struct json_object *evs, const struct render_input *in, int pid,
                    const char *name, struct tracks *tr)
{
    metadata(evs, "process_name", pid, 0, "name", str(name));
    metadata(evs, "process_sort_index", pid, 0, "sort_index", json_object_new_int(pid));
    tr->nseen = 0;
    name_thread(evs, in, pid, 0, tr->seen, &tr->nseen, 256);
    for (size_t i = 0; i < in->run->nthreads; i++)
        name_thread(evs, in, pid, in->run->threads[i].tid.n, tr->seen, &tr->nseen, 256);
}

/* An exploration's facts on an event of its bug: how to replay it. */
static void bug_args(struct json_object *args, const struct render_bug *b)
{
    if (!b)
        return;
    if (b->token)
        json_object_object_add(args, "replayToken", str(b->token));
    if (b->replay)
        json_object_object_add(args, "replay", str(b->replay));
}

/* The sequence numbers of the events already drawn in one process. */
struct done_seqs {
    uint64_t *seq;
    size_t n, cap;
};

static bool seq_done(struct done_seqs *d, uint64_t seq)
{
    if (!d)
        return false;
    for (size_t i = 0; i < d->n; i++)
        if (d->seq[i] == seq)
            return true;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 64;
        uint64_t *q = realloc(d->seq, cap * sizeof *q);
        if (!q)
            return false;
        d->seq = q;
        d->cap = cap;
    }
    d->seq[d->n++] = seq;
    return false;
}

/* The events of f on the tracks of process pid. Events that done (when not NULL) already
 * holds (another finding of the same execution showed them) are left out, and those drawn
 * are added. bug: the exploration's bug that f is, for its instant event. Returns the ts
 * of the finding's instant event. */
static int64_t finding_events(struct json_object *evs, const struct render_input *in,
                              const struct render_options *opt, const struct findings_finding *f,
                              int pid, struct tracks *tr, struct done_seqs *done,
                              const struct render_bug *bug)
{
    char title[512], obj[200];
    explain_title(in, f, title, sizeof title);
    explain_object(in, f, obj, sizeof obj);
    uint32_t *seen = tr->seen;
    size_t nseen = tr->nseen;

    const char *kind = explain_rule_id(f);
    int64_t last = 0;
    for (size_t i = 0; i < f->nevs; i++) {
        const struct findings_event *e = &f->evs[i];
        if ((int64_t)e->seq * TICK > last)
            last = (int64_t)e->seq * TICK;
        if (seq_done(done, e->seq))
            continue;
        name_thread(evs, in, pid, e->tid.n, seen, &nseen, 256);
        char text[48], name[300], where[512], val[48], what[200];
        if (i > 0 && e->gap) { /* accesses left out of the window: a mark between the two */
            snprintf(name, sizeof name, "more accesses to %s, left out", obj);
            int64_t before = (int64_t)f->evs[i - 1].seq * TICK + TICK_DUR;
            int64_t gts = before + ((int64_t)e->seq * TICK - before) / 2;
            struct json_object *g = event(name, "gap", "i", gts, pid, e->tid.n);
            json_object_object_add(g, "s", str("p"));
            json_object_array_add(evs, g);
        }
        explain_event_text(e, text, sizeof text);
        snprintf(name, sizeof name, "%s %s", text, obj);
        int64_t ts = (int64_t)e->seq * TICK;
        struct json_object *j = event(name, e->mark ? "finding" : "access", "X", ts, pid, e->tid.n);
        json_object_object_add(j, "dur", json_object_new_int(TICK_DUR));
        if (e->mark)
            json_object_object_add(j, "cname", str("terrible"));
        struct json_object *args = json_object_new_object();
        json_object_object_add(args, "op", str(explain_event_op(e)));
        snprintf(val, sizeof val, "%s", text + 2);
        val[strlen(val) ? strlen(val) - 1 : 0] = '\0'; /* "r(5)" -> "5" */
        json_object_object_add(args, "value", str(val));
        explain_location(in, e->pc, true, opt->cwd, where, sizeof where);
        json_object_object_add(args, "location", str(where));
        json_object_object_add(args, "seq", json_object_new_int64((int64_t)e->seq));
        if (e->mark)
            json_object_object_add(args, "finding", str(kind));
        const struct findings_access *a = e->mark ? explain_event_access(f, e) : NULL;
        if (a) { /* "stale read of 8 bytes by T2 (worker)" */
            explain_access(in, a, what, sizeof what);
            json_object_object_add(args, "access", str(what));
        }
        json_object_object_add(j, "args", args);
        json_object_array_add(evs, j);
        if (ts > last)
            last = ts;
    }
    /* The moment of the finding: an instant event on the reporting thread, at its last
     * marked event (or after everything for a deadlock). */
    const struct findings_access *p = explain_primary(f);
    int64_t at = last + TICK;
    for (size_t i = 0; i < f->nevs; i++)
        if (f->evs[i].mark && (!p || f->evs[i].tid.n == p->tid.n))
            at = (int64_t)f->evs[i].seq * TICK + TICK_DUR;
    if (p) {
        struct json_object *j = event(title, "finding", "i", at, pid, p->tid.n);
        json_object_object_add(j, "s", str("t"));
        struct json_object *args = json_object_new_object();
        json_object_object_add(args, "kind", str(kind));
        const char *help = explain_help(f);
        if (help)
            json_object_object_add(args, "help", str(help));
        bug_args(args, bug);
        json_object_object_add(j, "args", args);
        json_object_array_add(evs, j);
    }
    for (size_t i = 0; i < f->nnotes; i++) {
        uint32_t tid = 0;
        bool on_thread = note_tid(f->notes[i], &tid);
        if (on_thread)
            name_thread(evs, in, pid, tid, seen, &nseen, 256);
        struct json_object *j = event(f->notes[i], "finding", "i", at, pid, tid);
        json_object_object_add(j, "s", str(on_thread ? "t" : "p"));
        struct json_object *args = json_object_new_object();
        json_object_object_add(args, "kind", str(kind));
        const char *help = explain_help(f);
        if (help)
            json_object_object_add(args, "help", str(help));
        bug_args(args, bug);
        json_object_object_add(j, "args", args);
        json_object_array_add(evs, j);
    }
    tr->nseen = nseen;
    return at;
}

/* One process per finding of a run or a saved trace. */
static void run_events(struct json_object *evs, const struct render_input *in,
                       const struct render_options *opt, int *pid)
{
    for (size_t i = 0; i < in->run->nfindings; i++) {
        const struct findings_finding *f = &in->run->findings[i];
        char title[512], pname[600];
        explain_title(in, f, title, sizeof title);
        snprintf(pname, sizeof pname, "finding %llu: %s", (unsigned long long)f->id, title);
        struct tracks tr;
        process(evs, in, *pid, pname, &tr);
        finding_events(evs, in, opt, f, *pid, &tr, NULL, NULL);
        ++*pid;
    }
}

/* One process per bug of an exploration: its finding, or, for a verdict, the events of
 * every finding of its execution (each event once) and an instant event for the verdict
 * on the thread where it happened. */
static void bug_events(struct json_object *evs, const struct render_input *in,
                       const struct render_options *opt, size_t bugno, int *pid)
{
    const struct render_bug *b = in->bug;
    const struct findings_finding *focus = b->focus >= 0 && (size_t)b->focus < in->run->nfindings
                                               ? &in->run->findings[b->focus]
                                               : NULL;
    char title[512], pname[600];
    if (focus)
        explain_title(in, focus, title, sizeof title);
    snprintf(pname, sizeof pname, "bug %zu: %s", bugno, focus ? title : b->title);
    struct tracks tr;
    process(evs, in, *pid, pname, &tr);
    if (focus) {
        finding_events(evs, in, opt, focus, *pid, &tr, NULL, b);
        ++*pid;
        return;
    }
    struct done_seqs done = {0};
    int64_t at = TICK;
    for (size_t i = 0; i < in->run->nfindings; i++) {
        int64_t t = finding_events(evs, in, opt, &in->run->findings[i], *pid, &tr, &done, NULL);
        if (t + TICK > at)
            at = t + TICK;
    }
    free(done.seq);
    uint32_t tid = b->has_tid ? b->tid : 0;
    name_thread(evs, in, *pid, tid, tr.seen, &tr.nseen, 256);
    struct json_object *j = event(b->title, "finding", "i", at, *pid, tid);
    json_object_object_add(j, "s", str("t"));
    struct json_object *args = json_object_new_object();
    json_object_object_add(args, "kind", str(b->rule ? b->rule : "finding"));
    const char *help = explain_bug_help(in);
    if (help)
        json_object_object_add(args, "help", str(help));
    if (b->file) {
        char where[600];
        snprintf(where, sizeof where, "%s %s:%u", b->func ? b->func : "??",
                 render_path(b->file, opt->cwd), b->line);
        json_object_object_add(args, "location", str(where));
    }
    bug_args(args, b);
    json_object_object_add(j, "args", args);
    json_object_array_add(evs, j);
    ++*pid;
}

int render_trace(const struct render_input *in, size_t n, const struct render_options *opt,
                 FILE *out)
{
    static const struct render_options defaults = {0};
    if (!opt)
        opt = &defaults;
    struct json_object *doc = json_object_new_object();
    struct json_object *evs = json_object_new_array();
    if (!doc || !evs) {
        json_object_put(doc);
        json_object_put(evs);
        return -ENOMEM;
    }
    int pid = 1;
    size_t bugno = 0;
    for (size_t k = 0; k < n; k++) {
        if (!in[k].bug)
            run_events(evs, &in[k], opt, &pid);
        else if (!in[k].bug->none)
            bug_events(evs, &in[k], opt, ++bugno, &pid);
    }
    json_object_object_add(doc, "traceEvents", evs);
    json_object_object_add(doc, "displayTimeUnit", str("ns"));
    struct json_object *meta = json_object_new_object();
    json_object_object_add(meta, "tool", str("interleave"));
    json_object_object_add(meta, "ts", str("global event order (sequence number x 10), not time"));
    if (n == 1 && in[0].run->has_run)
        json_object_object_add(meta, "seed", json_object_new_int64((int64_t)in[0].run->seed));
    json_object_object_add(doc, "otherData", meta);
    const char *text = json_object_to_json_string_ext(
        doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
    int rc = 0;
    if (!text)
        rc = -ENOMEM;
    else if (fputs(text, out) == EOF || fputc('\n', out) == EOF)
        rc = -EIO;
    json_object_put(doc);
    return rc == 0 && ferror(out) ? -EIO : rc;
}
