/* render_sarif: SARIF 2.1.0 log (see render_sarif.h). Only properties of the 2.1.0 schema
 * are written (most of its objects forbid additional properties); interleave's own facts
 * (seed, thread ids, values) go into property bags. What code scanning needs on top of the
 * schema: every result names its rule by ruleId and ruleIndex, carries partialFingerprints
 * that survive edits elsewhere in the file, and several runs in one log have distinct
 * automationDetails ids (one run per tool and category). */
#include "report/render_sarif.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/explain.h"

#define SARIF_SCHEMA                                                                               \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define SRCROOT "%SRCROOT%"

/* X(rule id, name, short description, full description) */
#define SARIF_RULES(X)                                                                             \
    X("data-race", "DataRace", "Data race",                                                        \
      "Two threads access the same memory without synchronisation and at least one access is a "   \
      "write. The accesses are not ordered by happens-before, so the program's behaviour is "      \
      "undefined.")                                                                                \
    X("lost-update", "LostUpdate", "Lost update",                                                  \
      "A thread read a location, another thread wrote it, and the first thread then wrote it "     \
      "from its stale read: the other thread's update is lost. Atomics do not prevent this.")      \
    X("deadlock", "Deadlock", "Deadlock",                                                          \
      "Every live thread is blocked waiting for another: the program hangs.")                      \
    X("hang", "Hang", "Hang",                                                                      \
      "Every live thread waits for something that no thread will do, such as a condition "         \
      "variable that nobody signals: the program hangs.")

struct rule_text {
    const char *id, *name, *brief, *full;
};
#define RULE_TEXT(id, name, brief, full) {id, name, brief, full},

static const struct rule_text rules[] = {SARIF_RULES(RULE_TEXT)};
#define NRULES (sizeof rules / sizeof rules[0])

/* The verdicts of an exploration's executions that are bugs of their own (deadlocks and
 * hangs are the rules above). X(rule id, name, short description, full description) */
#define SARIF_VERDICT_RULES(X)                                                                     \
    X("assertion-failure", "AssertionFailure", "Assertion failure",                                \
      "An assertion of the program failed in one execution: some interleaving of its threads "     \
      "breaks the property it states. The replay token runs that execution again.")                \
    X("crash", "Crash", "Crash",                                                                   \
      "The program was killed by a signal in one execution; other interleavings may not crash.")   \
    X("livelock", "Livelock", "Livelock",                                                          \
      "An execution and every continuation tried from its schedule ran past the step limit: "      \
      "threads keep running without making progress.")                                             \
    X("timeout", "Timeout", "Timeout",                                                             \
      "An execution did not end within the time limit (blocked or busy outside interleave's "      \
      "model).")                                                                                   \
    X("exit-status", "ExitStatus", "Non-zero exit status",                                         \
      "The program exited with a non-zero status in one execution.")

static const struct rule_text verdict_rules[] = {SARIF_VERDICT_RULES(RULE_TEXT)};
#define NVERDICT_RULES (sizeof verdict_rules / sizeof verdict_rules[0])

/* The rules of one run: the fixed ones above, then one for each other kind its results
 * have (an "error", a kind this driver does not know, an exploration's verdict), so that
 * the ruleIndex of every result names a rule. Entries borrow from the inputs. */
#define MAX_EXTRA_RULES 32
struct rule_set {
    struct extra_rule {
        const char *id;
        const struct findings_finding *f; /* the first finding of the kind, or NULL */
        size_t verdict;                   /* else its verdict_rules[] index */
    } extra[MAX_EXTRA_RULES];
    size_t nextra;
};

/* The index of rule id in the run's rules array, adding an extra rule (described by f or
 * by verdict rule v) for a new id; SIZE_MAX when there is no room (the result then has a
 * ruleId only). */
static size_t rule_add(struct rule_set *rs, const char *id, const struct findings_finding *f,
                       size_t v)
{
    for (size_t i = 0; i < NRULES; i++)
        if (strcmp(id, rules[i].id) == 0)
            return i;
    for (size_t i = 0; i < rs->nextra; i++)
        if (strcmp(id, rs->extra[i].id) == 0)
            return NRULES + i;
    if (rs->nextra == MAX_EXTRA_RULES)
        return SIZE_MAX;
    rs->extra[rs->nextra++] = (struct extra_rule){id, f, v};
    return NRULES + rs->nextra - 1;
}

static size_t rule_index(struct rule_set *rs, const struct findings_finding *f)
{
    if (f->kind == FINDINGS_KIND_RACE)
        return 0;
    if (f->kind == FINDINGS_KIND_LOST_UPDATE)
        return 1;
    if (f->kind == FINDINGS_KIND_DEADLOCK)
        return 2;
    return rule_add(rs, explain_rule_id(f), f, 0);
}

/* The rule of a bug's verdict (focus < 0). */
static size_t verdict_rule_index(struct rule_set *rs, const struct render_bug *b)
{
    const char *id = b->rule ? b->rule : "finding";
    size_t v = 0;
    while (v < NVERDICT_RULES && strcmp(verdict_rules[v].id, id) != 0)
        v++;
    return rule_add(rs, id, NULL, v);
}

/* The finding a bug input is about, or NULL for a verdict (and for inputs of a run). */
static const struct findings_finding *bug_finding(const struct render_input *in)
{
    const struct render_bug *b = in->bug;
    if (!b || b->focus < 0 || (size_t)b->focus >= in->run->nfindings)
        return NULL;
    return &in->run->findings[b->focus];
}

static struct json_object *str(const char *s)
{
    return json_object_new_string(s ? s : "");
}

static struct json_object *message(const char *text)
{
    struct json_object *m = json_object_new_object();
    json_object_object_add(m, "text", str(text));
    return m;
}

static struct json_object *rule_object(const char *id, const char *name, const char *brief,
                                       const char *full, const char *help)
{
    struct json_object *r = json_object_new_object();
    json_object_object_add(r, "id", str(id));
    if (name)
        json_object_object_add(r, "name", str(name));
    json_object_object_add(r, "shortDescription", message(brief));
    json_object_object_add(r, "fullDescription", message(full));
    if (help)
        json_object_object_add(r, "help", message(help));
    struct json_object *conf = json_object_new_object();
    json_object_object_add(conf, "level", str("error"));
    json_object_object_add(r, "defaultConfiguration", conf);
    struct json_object *props = json_object_new_object();
    struct json_object *tags = json_object_new_array();
    json_object_array_add(tags, str("concurrency"));
    json_object_object_add(props, "tags", tags);
    json_object_object_add(r, "properties", props);
    return r;
}

/* A location object for pc, with a message; NULL when nothing is known about pc. */
/* A location object for a source frame (NULL: nothing known), with a message. */
static struct json_object *frame_location(const struct render_options *opt,
                                          const struct findings_frame *fr, const char *text, int id)
{
    struct json_object *loc = json_object_new_object();
    if (id >= 0)
        json_object_object_add(loc, "id", json_object_new_int(id));
    char uri[4096];
    if (fr && fr->file && explain_uri(fr->file, opt->cwd, uri, sizeof uri)) {
        struct json_object *phys = json_object_new_object();
        struct json_object *art = json_object_new_object();
        json_object_object_add(art, "uri", str(uri));
        if (strncmp(uri, "file:", 5) != 0 && opt->cwd && opt->cwd[0] == '/')
            json_object_object_add(art, "uriBaseId", str(SRCROOT));
        json_object_object_add(phys, "artifactLocation", art);
        if (fr->line) {
            struct json_object *region = json_object_new_object();
            json_object_object_add(region, "startLine", json_object_new_int64(fr->line));
            if (fr->column)
                json_object_object_add(region, "startColumn", json_object_new_int64(fr->column));
            json_object_object_add(phys, "region", region);
        }
        json_object_object_add(loc, "physicalLocation", phys);
    }
    if (fr && fr->function) {
        struct json_object *logical = json_object_new_array();
        struct json_object *l = json_object_new_object();
        json_object_object_add(l, "name", str(fr->function));
        json_object_object_add(l, "kind", str("function"));
        json_object_array_add(logical, l);
        json_object_object_add(loc, "logicalLocations", logical);
    }
    if (text)
        json_object_object_add(loc, "message", message(text));
    return loc;
}

static struct json_object *location(const struct render_input *in, const struct render_options *opt,
                                    uint64_t pc, bool ret, const char *text, int id)
{
    return frame_location(opt, explain_frame(in, pc, ret), text, id);
}

/* Message of an access: "read of 4 bytes by T2 (worker) at worker seed_e.c:17". */
static void access_text(const struct render_input *in, const struct render_options *opt,
                        const struct findings_access *a, char *buf, size_t len)
{
    char what[160], where[512];
    explain_access(in, a, what, sizeof what);
    explain_location(in, a->pc, true, opt->cwd, where, sizeof where);
    snprintf(buf, len, "%s at %s", what, where);
}

/* codeFlows: one threadFlow per thread of the diagram, its events in global order. */
static struct json_object *code_flows(const struct render_input *in,
                                      const struct render_options *opt,
                                      const struct findings_finding *f)
{
    struct json_object *flows = json_object_new_array();
    struct json_object *cf = json_object_new_object();
    struct json_object *tfs = json_object_new_array();
    char obj[200];
    explain_object(in, f, obj, sizeof obj);
    for (size_t i = 0; i < f->nevs; i++) {
        bool first = true; /* first event of its thread? */
        for (size_t j = 0; j < i && first; j++)
            first = f->evs[j].tid.n != f->evs[i].tid.n;
        if (!first)
            continue;
        struct json_object *tf = json_object_new_object();
        char tname[64];
        explain_thread_name(in, f->evs[i].tid, tname, sizeof tname);
        json_object_object_add(tf, "id", str(tname));
        json_object_object_add(tf, "message", message(tname));
        struct json_object *locs = json_object_new_array();
        for (size_t j = i; j < f->nevs; j++) {
            const struct findings_event *e = &f->evs[j];
            if (e->tid.n != f->evs[i].tid.n)
                continue;
            char ev[48], text[320], val[48];
            explain_event_text(e, ev, sizeof ev);
            snprintf(text, sizeof text, "T%u %s %s: %s%s", (unsigned)e->tid.n, explain_event_op(e),
                     obj, ev, e->mark ? " (part of the finding)" : "");
            struct json_object *tfl = json_object_new_object();
            json_object_object_add(tfl, "location", location(in, opt, e->pc, true, text, -1));
            json_object_object_add(tfl, "executionOrder", json_object_new_int64((int64_t)e->seq));
            json_object_object_add(tfl, "importance", str(e->mark ? "essential" : "unimportant"));
            struct json_object *props = json_object_new_object();
            snprintf(val, sizeof val, "%s", ev);
            json_object_object_add(props, "event", str(val));
            json_object_object_add(tfl, "properties", props);
            json_object_array_add(locs, tfl);
        }
        json_object_object_add(tf, "locations", locs);
        json_object_array_add(tfs, tf);
    }
    json_object_object_add(cf, "message", message("the schedule that shows the finding"));
    json_object_object_add(cf, "threadFlows", tfs);
    json_object_array_add(flows, cf);
    return flows;
}

/* FNV-1a, 64 bits: a short stable digest, not a defence against collisions on purpose. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return (h ^ 0xff) * 0x100000001b3ULL; /* a separator, so that "ab","c" != "a","bc" */
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "write|racy.c|worker|x = tmp + 1;": what identifies where a finding's access or thread
 * is, without what changes from run to run (addresses, thread numbers, values) or with
 * edits elsewhere in the file (line numbers, when the source line is at hand). */
static char *place(const struct render_input *in, const struct render_options *opt,
                   const char *what, uint64_t pc, bool ret)
{
    const struct findings_frame *fr = explain_frame(in, pc, ret);
    char uri[1024], line[256];
    const char *text = NULL;
    if (fr && fr->file)
        explain_uri(fr->file, opt->cwd, uri, sizeof uri);
    else
        uri[0] = '\0';
    if (fr)
        text = explain_source_line(opt, fr, line, sizeof line);
    if (!text && fr && fr->line) {
        snprintf(line, sizeof line, "line %u", fr->line);
        text = line;
    }
    size_t n = strlen(what) + strlen(uri) + 512;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s|%s|%s|%s", what, uri, fr && fr->function ? fr->function : "??",
                 text ? text : "");
    return p;
}

/* partialFingerprints {"interleave/v1": 16 hex digits}: a digest of the rule, the object
 * and the places of the accesses (or, without accesses, of the threads' start routines),
 * sorted so that which thread came first does not matter. Code scanning matches results
 * across uploads by it. */
static struct json_object *fingerprints(const struct render_input *in,
                                        const struct render_options *opt,
                                        const struct findings_finding *f)
{
    static const char *const ops[] = {"read", "write", "update"};
    size_t n = f->naccs ? f->naccs : in->run->nthreads;
    char **places = calloc(n ? n : 1, sizeof *places);
    size_t k = 0;
    for (size_t i = 0; places && i < n; i++) {
        char what[32];
        if (f->naccs) {
            const struct findings_access *a = &f->accs[i];
            snprintf(what, sizeof what, "%s%s", a->atomic ? "atomic " : "",
                     a->op <= FINDINGS_OP_RMW ? ops[a->op] : "?");
            places[k] = place(in, opt, what, a->pc, true);
        } else if (in->run->threads[i].tid.n != 0) {
            places[k] = place(in, opt, "thread", in->run->threads[i].start, false);
        } else {
            continue;
        }
        k += places[k] != NULL;
    }
    if (places)
        qsort(places, k, sizeof *places, cmp_str);
    char obj[200];
    explain_object(in, f, obj, sizeof obj);
    uint64_t h = fnv1a(fnv1a(0xcbf29ce484222325ULL, explain_rule_id(f)), obj);
    for (size_t i = 0; i < k; i++) {
        h = fnv1a(h, places[i]);
        free(places[i]);
    }
    free(places);
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    struct json_object *fp = json_object_new_object();
    json_object_object_add(fp, "interleave/v1", str(hex));
    return fp;
}

static struct json_object *result(const struct render_input *in, const struct render_options *opt,
                                  const struct findings_finding *f, size_t rule)
{
    struct json_object *r = json_object_new_object();
    char title[512];
    explain_title(in, f, title, sizeof title);
    if (f->kind == FINDINGS_KIND_DEADLOCK && f->nnotes) {
        size_t n = strlen(title);
        for (size_t i = 0; i < f->nnotes && n + 4 < sizeof title; i++)
            n += (size_t)snprintf(title + n, sizeof title - n, "%s %s", i ? ";" : ":", f->notes[i]);
    }
    json_object_object_add(r, "ruleId", str(explain_rule_id(f)));
    if (rule != SIZE_MAX)
        json_object_object_add(r, "ruleIndex", json_object_new_int((int)rule));
    json_object_object_add(r, "level", str("error"));
    json_object_object_add(r, "message", message(title));

    struct json_object *locs = json_object_new_array();
    struct json_object *related = json_object_new_array();
    const struct findings_access *primary = explain_primary(f);
    char text[800];
    int id = 1;
    if (primary) {
        access_text(in, opt, primary, text, sizeof text);
        json_object_array_add(locs, location(in, opt, primary->pc, true, text, -1));
    }
    for (size_t i = 0; i < f->naccs; i++) {
        if (&f->accs[i] == primary)
            continue;
        access_text(in, opt, &f->accs[i], text, sizeof text);
        json_object_array_add(related, location(in, opt, f->accs[i].pc, true, text, id++));
    }
    /* Deadlocks have no accesses: the blocked threads' start routines are where to look,
     * and their creation sites come along. */
    for (size_t i = 0; i < in->run->nthreads && !f->naccs; i++) {
        const struct findings_thread *th = &in->run->threads[i];
        if (th->tid.n == 0)
            continue;
        char tname[64];
        explain_thread_name(in, th->tid, tname, sizeof tname);
        snprintf(text, sizeof text, "%s starts here", tname);
        if (json_object_array_length(locs) == 0 && explain_frame(in, th->start, false))
            json_object_array_add(locs, location(in, opt, th->start, false, text, -1));
        else
            json_object_array_add(related, location(in, opt, th->start, false, text, id++));
        snprintf(text, sizeof text, "%s created by T%u here", tname, (unsigned)th->parent.n);
        json_object_array_add(related, location(in, opt, th->create_pc, true, text, id++));
    }
    json_object_object_add(r, "locations", locs);
    if (json_object_array_length(related))
        json_object_object_add(r, "relatedLocations", related);
    else
        json_object_put(related);
    if (f->nevs)
        json_object_object_add(r, "codeFlows", code_flows(in, opt, f));
    json_object_object_add(r, "partialFingerprints", fingerprints(in, opt, f));

    struct json_object *props = json_object_new_object();
    json_object_object_add(props, "findingId", json_object_new_int64((int64_t)f->id));
    json_object_object_add(props, "seed", json_object_new_int64((int64_t)in->run->seed));
    char obj[200];
    explain_object(in, f, obj, sizeof obj);
    json_object_object_add(props, "object", str(obj));
    const char *help = explain_help(f);
    if (help)
        json_object_object_add(props, "help", str(help));
    if (!f->complete)
        json_object_object_add(props, "cutShort", json_object_new_boolean(1));
    json_object_object_add(r, "properties", props);
    return r;
}

/* What an exploration adds to a bug's result: the replay command in the message (code
 * scanning shows only the message), the token and the schedule in the properties. */
static void bug_facts(struct json_object *r, const struct render_bug *b)
{
    struct json_object *m = NULL, *props = NULL;
    if (b->replay && json_object_object_get_ex(r, "message", &m)) {
        const char *t = json_object_get_string(json_object_object_get(m, "text"));
        size_t n = strlen(t ? t : "") + strlen(b->replay) + 16;
        char *text = malloc(n);
        if (text) {
            snprintf(text, n, "%s. Replay: %s", t ? t : "", b->replay);
            json_object_object_add(m, "text", str(text));
            free(text);
        }
    }
    if (!json_object_object_get_ex(r, "properties", &props)) {
        props = json_object_new_object();
        json_object_object_add(r, "properties", props);
    }
    if (b->token)
        json_object_object_add(props, "replayToken", str(b->token));
    if (b->replay)
        json_object_object_add(props, "replay", str(b->replay));
    json_object_object_add(props, "preemptions", json_object_new_int64((int64_t)b->preemptions));
    json_object_object_add(props, "steps", json_object_new_int64((int64_t)b->steps));
    if (b->found)
        json_object_object_add(props, "found", str(b->found));
}

/* The result of a bug's verdict: reported where it happened (the assertion's line, the
 * crashing pc), else at the threads' start routines. The fingerprint digests the rule and
 * that place (file, function, source text), as for findings. */
static struct json_object *verdict_result(const struct render_input *in,
                                          const struct render_options *opt, size_t rule)
{
    const struct render_bug *b = in->bug;
    struct json_object *r = json_object_new_object();
    json_object_object_add(r, "ruleId", str(b->rule ? b->rule : "finding"));
    if (rule != SIZE_MAX)
        json_object_object_add(r, "ruleIndex", json_object_new_int((int)rule));
    json_object_object_add(r, "level", str("error"));
    json_object_object_add(r, "message", message(b->title));

    struct json_object *locs = json_object_new_array();
    struct json_object *related = json_object_new_array();
    char uri[4096], place_text[4600], line[256];
    const char *src = NULL;
    uint64_t h = fnv1a(0xcbf29ce484222325ULL, b->rule ? b->rule : "finding");
    if (b->file && explain_uri(b->file, opt->cwd, uri, sizeof uri)) {
        struct findings_frame fr = {.function = b->func, .file = b->file, .line = b->line};
        json_object_array_add(locs, frame_location(opt, &fr, b->title, -1));
        if (b->line)
            src = explain_source_line(opt, &fr, line, sizeof line);
        snprintf(place_text, sizeof place_text, "%s|%s|%s", uri, b->func ? b->func : "??",
                 src ? src : "");
        h = fnv1a(h, place_text);
    } else if (b->pc && explain_frame(in, b->pc, false)) {
        json_object_array_add(locs, location(in, opt, b->pc, false, b->title, -1));
        char *pl = place(in, opt, "at", b->pc, false);
        if (pl)
            h = fnv1a(h, pl);
        free(pl);
    }
    /* where the threads start: the places to look at for a livelock or a timeout, and
     * what tells two programs' verdicts without a location apart */
    int id = 1;
    char text[300];
    for (size_t i = 0; i < in->run->nthreads; i++) {
        const struct findings_thread *th = &in->run->threads[i];
        if (th->tid.n == 0 || !explain_frame(in, th->start, false))
            continue;
        char tname[64];
        explain_thread_name(in, th->tid, tname, sizeof tname);
        snprintf(text, sizeof text, "%s starts here", tname);
        if (json_object_array_length(locs) == 0) {
            json_object_array_add(locs, location(in, opt, th->start, false, text, -1));
            char *pl = place(in, opt, "thread", th->start, false);
            if (pl)
                h = fnv1a(h, pl);
            free(pl);
        } else {
            json_object_array_add(related, location(in, opt, th->start, false, text, id++));
        }
    }
    if (json_object_array_length(locs) == 0) /* nothing known: the message says it all */
        json_object_array_add(locs, location(in, opt, 0, false, b->title, -1));
    json_object_object_add(r, "locations", locs);
    if (json_object_array_length(related))
        json_object_object_add(r, "relatedLocations", related);
    else
        json_object_put(related);
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    struct json_object *fp = json_object_new_object();
    json_object_object_add(fp, "interleave/v1", str(hex));
    json_object_object_add(r, "partialFingerprints", fp);
    struct json_object *props = json_object_new_object();
    const char *help = explain_bug_help(in);
    if (help)
        json_object_object_add(props, "help", str(help));
    json_object_object_add(r, "properties", props);
    return r;
}

/* One run: a run of `interleave run` or a saved trace (k == 1, no bug), or every bug of
 * one exploration (in[0..k), each with its bug). */
static struct json_object *run_object(const struct render_input *in, size_t k,
                                      const struct render_options *opt, bool several)
{
    struct rule_set rs = {.nextra = 0};
    const struct render_exploration *x = in->bug ? in->bug->x : NULL;
    size_t nres = 0;
    for (size_t j = 0; j < k; j++)
        nres += in[j].bug ? !in[j].bug->none : in[j].run->nfindings;
    size_t *rule = calloc(nres ? nres : 1, sizeof *rule);
    for (size_t j = 0, m = 0; rule && j < k; j++) {
        const struct findings_finding *bf = bug_finding(&in[j]);
        if (in[j].bug && in[j].bug->none)
            continue;
        if (in[j].bug)
            rule[m++] = bf ? rule_index(&rs, bf) : verdict_rule_index(&rs, in[j].bug);
        else
            for (size_t i = 0; i < in[j].run->nfindings; i++)
                rule[m++] = rule_index(&rs, &in[j].run->findings[i]);
    }

    struct json_object *run = json_object_new_object();
    struct json_object *tool = json_object_new_object();
    struct json_object *driver = json_object_new_object();
    json_object_object_add(driver, "name", str("interleave"));
    if (opt->tool_version)
        json_object_object_add(driver, "version", str(opt->tool_version));
    struct json_object *rs_json = json_object_new_array();
    for (size_t i = 0; i < NRULES; i++) {
        struct findings_finding probe = {.kind =
                                             i < 3 ? (enum findings_kind)i : FINDINGS_KIND_OTHER,
                                         .kind_name = (char *)rules[i].id};
        /* the help of a rule is its generic advice; deadlock's depends on the notes */
        json_object_array_add(rs_json, rule_object(rules[i].id, rules[i].name, rules[i].brief,
                                                   rules[i].full, explain_help(&probe)));
    }
    for (size_t i = 0; i < rs.nextra; i++) {
        const struct extra_rule *e = &rs.extra[i];
        if (e->f) {
            char full[200];
            snprintf(full, sizeof full,
                     "A finding of kind \"%s\" reported by the runtime; its message and the "
                     "notes in it say what happened.",
                     e->id);
            json_object_array_add(rs_json,
                                  rule_object(e->id, NULL, findings_kind_words(e->f, false), full,
                                              explain_help(e->f)));
            continue;
        }
        struct render_bug probe_bug = {.focus = -1, .rule = e->id};
        struct render_input probe = {.bug = &probe_bug};
        if (e->verdict < NVERDICT_RULES)
            json_object_array_add(rs_json, rule_object(e->id, verdict_rules[e->verdict].name,
                                                       verdict_rules[e->verdict].brief,
                                                       verdict_rules[e->verdict].full,
                                                       explain_bug_help(&probe)));
        else
            json_object_array_add(rs_json, rule_object(e->id, NULL, e->id,
                                                       "A bug of an execution reported by "
                                                       "interleave explore.",
                                                       NULL));
    }
    json_object_object_add(driver, "rules", rs_json);
    json_object_object_add(tool, "driver", driver);
    json_object_object_add(run, "tool", tool);

    /* Code scanning takes one run per tool and category from an upload; an exploration
     * always names its category, so that its alerts stay apart from `interleave run`'s
     * and close when a later exploration no longer finds them. */
    if (several || x) {
        char id[4096];
        if (x) { /* the program's file name: the same category from any directory */
            const char *prog = x->program ? x->program : in->label ? in->label : "program";
            const char *slash = strrchr(prog, '/');
            snprintf(id, sizeof id, "interleave/explore/%s/", slash && slash[1] ? slash + 1 : prog);
        } else
            snprintf(id, sizeof id, "interleave/%s/", in->label ? in->label : "run");
        struct json_object *details = json_object_new_object();
        json_object_object_add(details, "id", str(id));
        if (x && x->command) {
            char d[4096];
            snprintf(d, sizeof d, "interleave explore of %s", x->command);
            json_object_object_add(details, "description", message(d));
        }
        json_object_object_add(run, "automationDetails", details);
    }

    if (opt->cwd && opt->cwd[0] == '/') {
        char uri[4096];
        struct json_object *bases = json_object_new_object();
        struct json_object *root = json_object_new_object();
        explain_uri(opt->cwd, NULL, uri, sizeof uri - 1);
        size_t n = strlen(uri);
        if (n && uri[n - 1] != '/') /* a base URI ends with a slash (SARIF 3.14.14) */
            memcpy(uri + n, "/", 2);
        json_object_object_add(root, "uri", str(uri));
        json_object_object_add(bases, SRCROOT, root);
        json_object_object_add(run, "originalUriBaseIds", bases);
    }

    /* The invocation is interleave's; the program's own exit status is a fact of the run,
     * not interleave's exit code. */
    struct json_object *inv = json_object_new_object();
    json_object_object_add(inv, "executionSuccessful", json_object_new_boolean(1));
    struct json_object *iprops = NULL;
    if (x) {
        iprops = json_object_new_object();
        if (x->command)
            json_object_object_add(iprops, "command", str(x->command));
        if (x->strategy)
            json_object_object_add(iprops, "strategy", str(x->strategy));
        json_object_object_add(iprops, "executions", json_object_new_int64((int64_t)x->executions));
        json_object_object_add(iprops, "exhausted", json_object_new_boolean(x->exhausted));
    } else if (in->run->has_summary && in->run->summary.status >= 0) {
        iprops = json_object_new_object();
        json_object_object_add(iprops, "programExitStatus",
                               json_object_new_int(in->run->summary.status));
    }
    if (iprops)
        json_object_object_add(inv, "properties", iprops);
    struct json_object *invs = json_object_new_array();
    json_object_array_add(invs, inv);
    json_object_object_add(run, "invocations", invs);

    struct json_object *results = json_object_new_array();
    for (size_t j = 0, m = 0; j < k; j++) {
        const struct render_input *ij = &in[j];
        if (ij->bug && ij->bug->none)
            continue;
        if (ij->bug) {
            const struct findings_finding *bf = bug_finding(ij);
            size_t ri = rule ? rule[m] : SIZE_MAX;
            m++;
            struct json_object *r = bf ? result(ij, opt, bf, ri) : verdict_result(ij, opt, ri);
            bug_facts(r, ij->bug);
            json_object_array_add(results, r);
            continue;
        }
        for (size_t i = 0; i < ij->run->nfindings; i++, m++)
            json_object_array_add(
                results, result(ij, opt, &ij->run->findings[i], rule ? rule[m] : SIZE_MAX));
    }
    free(rule);
    json_object_object_add(run, "results", results);

    struct json_object *props = json_object_new_object();
    if (!x) {
        json_object_object_add(props, "seed", json_object_new_int64((int64_t)in->run->seed));
        if (in->run->policy)
            json_object_object_add(props, "policy", str(in->run->policy));
        if (in->label)
            json_object_object_add(props, "trace", str(in->label));
        json_object_object_add(props, "complete", json_object_new_boolean(!in->run->truncated));
    } else {
        json_object_object_add(props, "bugs",
                               json_object_new_int64(k == 1 && in->bug->none ? 0 : (int64_t)k));
    }
    json_object_object_add(run, "properties", props);
    return run;
}

/* Inputs [i, end) that form one run: a run or trace alone, the bugs of one exploration
 * together. */
static size_t group_end(const struct render_input *in, size_t n, size_t i)
{
    size_t j = i + 1;
    while (in[i].bug && j < n && in[j].bug && in[j].bug->x == in[i].bug->x)
        j++;
    return j;
}

int render_sarif(const struct render_input *in, size_t n, const struct render_options *opt,
                 FILE *out)
{
    static const struct render_options defaults = {0};
    if (!opt)
        opt = &defaults;
    struct json_object *log = json_object_new_object();
    if (!log)
        return -ENOMEM;
    json_object_object_add(log, "$schema", str(SARIF_SCHEMA));
    json_object_object_add(log, "version", str("2.1.0"));
    struct json_object *runs = json_object_new_array();
    size_t nruns = 0;
    for (size_t i = 0; i < n; i = group_end(in, n, i))
        nruns++;
    for (size_t i = 0, e; i < n; i = e) {
        e = group_end(in, n, i);
        json_object_array_add(runs, run_object(&in[i], e - i, opt, nruns > 1));
    }
    json_object_object_add(log, "runs", runs);
    const char *text = json_object_to_json_string_ext(
        log, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
    int rc = 0;
    if (!text)
        rc = -ENOMEM;
    else if (fputs(text, out) == EOF || fputc('\n', out) == EOF)
        rc = -EIO;
    json_object_put(log);
    return rc == 0 && ferror(out) ? -EIO : rc;
}
