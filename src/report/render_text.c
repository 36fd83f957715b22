/* render_text: terminal reports (see docs/internals/report.md for the format). */
#include "report/render_text.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "report/diagram.h"
#include "report/explain.h"

#define RULE "=================="
#define MAX_TIDS 64
#define PLURAL(n) ((n) == 1 ? "" : "s")

/* ANSI SGR sequences, written only when render_options.color is set. */
#define SGR_BOLD "\033[1m"
#define SGR_RED "\033[1;31m"
#define SGR_CYAN "\033[1;36m"
#define SGR_BLUE "\033[1;34m"
#define SGR_RESET "\033[0m"

/* What a finding is about, as words: `long` for the header, `brief` inside sentences. */
struct what {
    char name[160];  /* "`c.unguarded`", "heap block of 16 bytes, offset 8" */
    char brief[160]; /* "c.unguarded", "[heap+8]" */
    char detail[256];
};

struct ctx {
    const struct findings_run *run;
    const struct findings_finding *f;
    const struct findings_resolver *res;
    const struct render_options *opt;
    FILE *out;
};

/* The escape sequence when colors are on, "" otherwise. */
static const char *sgr(const struct ctx *c, const char *seq)
{
    return c->opt->color ? seq : "";
}

const char *render_path(const char *path, const char *cwd)
{
    if (!path)
        return NULL;
    if (cwd && cwd[0] == '/' && path[0] == '/') {
        size_t n = strlen(cwd);
        while (n > 1 && cwd[n - 1] == '/')
            n--;
        if (n == 1)
            return path + 1;
        if (strncmp(path, cwd, n) == 0 && path[n] == '/')
            return path + n + 1;
    }
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

const char *render_signal_name(int sig)
{
    static const struct {
        int sig;
        const char *name;
    } names[] = {
        {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},
        {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
        {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
        {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"}, {SIGXCPU, "SIGXCPU"},
        {SIGXFSZ, "SIGXFSZ"}, {SIGSYS, "SIGSYS"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].sig == sig)
            return names[i].name;
    return NULL;
}

static const struct findings_pcinfo *pcinfo(const struct ctx *c, uint64_t pc, bool ret)
{
    return c->res && c->res->pc && pc ? c->res->pc(c->res->ctx, pc, ret) : NULL;
}

static const struct findings_datainfo *datainfo(const struct ctx *c, uint64_t addr)
{
    return c->res && c->res->data ? c->res->data(c->res->ctx, addr) : NULL;
}

/* "worker file.c:21" for one frame; "??" parts for what is unknown. */
static void put_frame(const struct ctx *c, const struct findings_pcinfo *pi,
                      const struct findings_frame *fr, uint64_t pc)
{
    FILE *out = c->out;
    if (c->opt->addresses)
        fprintf(out, "0x%llx ", (unsigned long long)pc);
    fputs(fr && fr->function ? fr->function : "??", out);
    if (fr && fr->file) {
        fprintf(out, " %s", render_path(fr->file, c->opt->cwd));
        if (fr->line)
            fprintf(out, ":%u", fr->line);
    } else if (pi && pi->module) {
        fprintf(out, " (%s", render_path(pi->module, NULL));
        if (c->opt->addresses)
            fprintf(out, "+0x%llx", (unsigned long long)pi->module_offset);
        fputc(')', out);
    }
}

/* The innermost frame of a pc on the current line ("main file.c:36"). */
static void put_location(const struct ctx *c, uint64_t pc, bool ret)
{
    const struct findings_pcinfo *pi = pcinfo(c, pc, ret);
    put_frame(c, pi, pi && pi->nframes ? &pi->frames[0] : NULL, pc);
}

/* A frame inlined from the C++ standard library's headers (std::thread's
 * constructor, std::allocator): ".../include/c++/12/bits/std_thread.h". */
static bool in_cxx_library(const struct findings_frame *fr)
{
    return fr->file && strstr(fr->file, "/include/c++/");
}

/* Where a thread was created or a block allocated, on the current line: the
 * innermost frame of pc outside the C++ library's headers when pc has one
 * (the user's line that a std::thread constructor or a `new` in a container
 * was inlined into), else the innermost. */
static void put_site(const struct ctx *c, uint64_t pc)
{
    const struct findings_pcinfo *pi = pcinfo(c, pc, true);
    size_t k = 0;
    while (pi && k + 1 < pi->nframes && in_cxx_library(&pi->frames[k]))
        k++;
    put_frame(c, pi, pi && pi->nframes ? &pi->frames[k] : NULL, pc);
}

/* Numbered frames of pc (expanded into its inlined frames), from frame number *k on. */
static void put_frames_of(const struct ctx *c, uint64_t pc, size_t *k, size_t skip)
{
    const struct findings_pcinfo *pi = pcinfo(c, pc, true);
    size_t n = pi && pi->nframes ? pi->nframes : 1;
    for (size_t i = 0; i < n; i++, (*k)++) {
        if (*k < skip)
            continue;
        fprintf(c->out, "    #%zu ", *k);
        put_frame(c, pi, pi && pi->nframes ? &pi->frames[i] : NULL, pc);
        fputc('\n', c->out);
    }
}

/* The stack of an access: pc, then its callers; frames numbered from `skip` on. */
static void put_stack(const struct ctx *c, const struct findings_access *a, size_t skip)
{
    size_t k = 0;
    put_frames_of(c, a->pc, &k, skip);
    for (size_t i = 0; i < a->nstack; i++)
        put_frames_of(c, a->stack[i], &k, skip);
    if (a->stack_missing && a->role == FINDINGS_ROLE_PREVIOUS)
        fputs("    (stack of the earlier access is no longer recorded)\n", c->out);
    else if (a->stack_missing)
        fputs("    (the callers of this access are no longer recorded)\n", c->out);
}

static const char *thread_start_name(const struct ctx *c, struct findings_tid t)
{
    if (t.n == 0)
        return "main";
    const struct findings_thread *th = findings_thread_find(c->run, t);
    const struct findings_pcinfo *pi = th ? pcinfo(c, th->start, false) : NULL;
    return pi && pi->nframes && pi->frames[pi->nframes - 1].function
               ? pi->frames[pi->nframes - 1].function
               : "??";
}

static void describe(const struct ctx *c, struct what *w)
{
    const struct findings_finding *f = c->f;
    const struct findings_obj *o = &f->obj;
    char addr[40] = "";
    if (c->opt->addresses)
        snprintf(addr, sizeof addr, ", 0x%llx", (unsigned long long)f->addr);
    enum findings_obj_kind kind = o->present ? o->kind : FINDINGS_OBJ_UNKNOWN;
    const struct findings_datainfo *d = NULL;
    if (kind == FINDINGS_OBJ_GLOBAL || kind == FINDINGS_OBJ_UNKNOWN)
        d = datainfo(c, f->addr);
    if (d && d->name) {
        snprintf(w->name, sizeof w->name, "`%s`", d->name);
        snprintf(w->brief, sizeof w->brief, "%s", d->name);
        int n = snprintf(w->detail, sizeof w->detail, "global, %u byte%s", (unsigned)f->size,
                         PLURAL(f->size));
        if (d->decl_file && n > 0 && (size_t)n < sizeof w->detail)
            n += snprintf(w->detail + n, sizeof w->detail - (size_t)n, " at %s:%u",
                          render_path(d->decl_file, c->opt->cwd), d->decl_line);
        if (n > 0 && (size_t)n < sizeof w->detail)
            snprintf(w->detail + n, sizeof w->detail - (size_t)n, "%s", addr);
        return;
    }
    switch (kind) {
    case FINDINGS_OBJ_GLOBAL:
        snprintf(w->name, sizeof w->name, "a global");
        snprintf(w->brief, sizeof w->brief, "[global]");
        snprintf(w->detail, sizeof w->detail, "%u byte%s%s", (unsigned)f->size, PLURAL(f->size),
                 addr);
        break;
    case FINDINGS_OBJ_HEAP:
        snprintf(w->name, sizeof w->name, "heap block of %llu byte%s, offset %llu",
                 (unsigned long long)o->size, PLURAL(o->size),
                 (unsigned long long)(f->addr - o->base));
        snprintf(w->brief, sizeof w->brief, "[heap+%llu]", (unsigned long long)(f->addr - o->base));
        snprintf(w->detail, sizeof w->detail, "%u byte%s%s", (unsigned)f->size, PLURAL(f->size),
                 addr);
        break;
    case FINDINGS_OBJ_FD:
        snprintf(w->name, sizeof w->name, "file descriptor %llu", (unsigned long long)o->base);
        snprintf(w->brief, sizeof w->brief, "[fd %llu]", (unsigned long long)o->base);
        snprintf(w->detail, sizeof w->detail, "used and closed%s", addr);
        break;
    case FINDINGS_OBJ_STACK:
        snprintf(w->name, sizeof w->name, "stack of T%u (%s)", (unsigned)o->tid.n,
                 thread_start_name(c, o->tid));
        snprintf(w->brief, sizeof w->brief, "[stack of T%u]", (unsigned)o->tid.n);
        snprintf(w->detail, sizeof w->detail, "%u byte%s%s", (unsigned)f->size, PLURAL(f->size),
                 addr);
        break;
    default:
        snprintf(w->name, sizeof w->name, "unknown memory");
        snprintf(w->brief, sizeof w->brief, "[memory]");
        snprintf(w->detail, sizeof w->detail, "%u byte%s%s", (unsigned)f->size, PLURAL(f->size),
                 addr);
        break;
    }
}

static void add_tid(uint32_t *tids, size_t *n, uint32_t t)
{
    for (size_t i = 0; i < *n; i++)
        if (tids[i] == t)
            return;
    if (*n < MAX_TIDS)
        tids[(*n)++] = t;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* "T1 created by T0 at main file.c:36" for the threads named, and their creators. */
static void put_threads(const struct ctx *c, uint32_t *tids, size_t n)
{
    for (size_t i = 0; i < n; i++) { /* n grows: ancestors are appended */
        const struct findings_thread *th =
            findings_thread_find(c->run, (struct findings_tid){tids[i]});
        if (th && tids[i] != 0)
            add_tid(tids, &n, th->parent.n);
    }
    qsort(tids, n, sizeof *tids, cmp_u32);
    for (size_t i = 0; i < n; i++) {
        if (tids[i] == 0)
            continue;
        const struct findings_thread *th =
            findings_thread_find(c->run, (struct findings_tid){tids[i]});
        if (!th)
            continue;
        fprintf(c->out, "  T%u created by T%u at ", (unsigned)tids[i], (unsigned)th->parent.n);
        put_site(c, th->create_pc);
        fputc('\n', c->out);
    }
}

static const char *op_words(const struct findings_access *a)
{
    static const char *const plain[] = {"read", "write", "read-modify-write"};
    static const char *const atomic[] = {"atomic read", "atomic write", "atomic read-modify-write"};
    unsigned op = a->op < 3 ? (unsigned)a->op : 0;
    return a->atomic ? atomic[op] : plain[op];
}

/* The source line of pc's innermost frame, "      17 | x += 1;", when there is one. */
static void put_source(const struct ctx *c, uint64_t pc)
{
    const struct findings_pcinfo *pi = pcinfo(c, pc, true);
    const struct findings_frame *fr = pi && pi->nframes ? &pi->frames[0] : NULL;
    char src[512];
    if (!explain_source_line(c->opt, fr, src, sizeof src))
        return;
    fprintf(c->out, "    %s%5u |%s %s\n", sgr(c, SGR_BLUE), fr->line, sgr(c, SGR_RESET), src);
}

static void put_access(const struct ctx *c, const struct findings_access *a, const char *lead)
{
    fprintf(c->out, "  %s%s of %u byte%s by T%u", lead, op_words(a), (unsigned)a->size,
            PLURAL(a->size), (unsigned)a->tid.n);
    if (c->opt->addresses)
        fprintf(c->out, " at 0x%llx", (unsigned long long)a->addr);
    fputs(":\n", c->out);
    put_stack(c, a, 0);
    put_source(c, a->pc);
}

/* "T1 read x == 0 at worker file.c:15" and the remaining frames below it. */
static void put_lost_step(const struct ctx *c, const struct what *w,
                          const struct findings_access *a, bool write, const char *tail)
{
    const struct findings_event *e = explain_access_event(c->f, a);
    fprintf(c->out, "  T%u %s %s", (unsigned)a->tid.n, write ? "wrote" : "read", w->brief);
    if (e) {
        char v[32];
        diagram_value(e->value, e->size ? e->size : a->size, v, sizeof v);
        fprintf(c->out, write ? " = %s" : " == %s", v);
    }
    fputs(" at ", c->out);
    put_location(c, a->pc, true);
    fprintf(c->out, "%s\n", tail);
    put_stack(c, a, 1);
    put_source(c, a->pc);
}

/* A note with the addresses in it named when they are globals, and the threads it names. */
static void put_note(const struct ctx *c, const char *note, uint32_t *tids, size_t *ntids)
{
    fputs("  ", c->out);
    const char *s = note;
    while (*s) {
        size_t n = strcspn(s, " ");
        char word[64];
        const struct findings_datainfo *d = NULL;
        if (n < sizeof word) {
            memcpy(word, s, n);
            word[n] = '\0';
            char *end;
            if (n > 2 && word[0] == '0' && word[1] == 'x') {
                unsigned long long a = strtoull(word, &end, 16);
                if (!*end && !c->opt->addresses)
                    d = datainfo(c, a);
            } else if (n > 1 && word[0] == 'T') {
                unsigned long t = strtoul(word + 1, &end, 10);
                if (!*end && end != word + 1)
                    add_tid(tids, ntids, (uint32_t)t);
            }
        }
        if (d && d->name)
            fprintf(c->out, "`%s`", d->name);
        else
            fwrite(s, 1, n, c->out);
        s += n;
        while (*s == ' ')
            fputc(*s++, c->out);
    }
    fputc('\n', c->out);
}

/* The diagram with its caret lines (the finding's events) in red. */
static int put_colored_diagram(const struct ctx *c, const struct diagram_options *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return -ENOMEM;
    int rc = diagram_render(c->f->evs, c->f->nevs, d, mem);
    if (fclose(mem) != 0 && rc == 0)
        rc = -ENOMEM;
    for (char *line = text; rc == 0 && line && *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        bool carets = memchr(line, '^', n) && strspn(line, " ^") >= n;
        if (carets) {
            size_t lead = strspn(line, " ");
            fprintf(c->out, "%.*s%s%.*s%s\n", (int)lead, line, SGR_RED, (int)(n - lead),
                    line + lead, SGR_RESET);
        } else {
            fprintf(c->out, "%.*s\n", (int)n, line);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return rc;
}

int render_text_finding(const struct findings_run *run, const struct findings_finding *f,
                        const struct findings_resolver *res, const struct render_options *opt,
                        FILE *out)
{
    static const struct render_options defaults = {0};
    struct ctx c = {run, f, res, opt ? opt : &defaults, out};
    struct what w;
    uint32_t tids[MAX_TIDS];
    size_t ntids = 0;
    describe(&c, &w);

    fputs(RULE "\n", out);
    const struct findings_access *a;
    switch (f->kind) {
    case FINDINGS_KIND_RACE:
    case FINDINGS_KIND_LOST_UPDATE:
        fprintf(out, "%sinterleave: %s%s%s on %s%s%s (%s)\n", sgr(&c, SGR_BOLD), sgr(&c, SGR_RED),
                findings_kind_words(f, false), sgr(&c, SGR_RESET SGR_BOLD), w.name,
                sgr(&c, SGR_RESET), "", w.detail);
        break;
    case FINDINGS_KIND_DEADLOCK:
        fprintf(out, "%sinterleave: %sdeadlock%s: every live thread is blocked%s\n",
                sgr(&c, SGR_BOLD), sgr(&c, SGR_RED), sgr(&c, SGR_RESET SGR_BOLD),
                sgr(&c, SGR_RESET));
        break;
    default:
        fprintf(out, "interleave: %s\n", findings_kind_words(f, false));
        break;
    }

    if (f->kind == FINDINGS_KIND_LOST_UPDATE) {
        const struct findings_access *rd = findings_access_find(f, FINDINGS_ROLE_READ);
        const struct findings_access *ow = findings_access_find(f, FINDINGS_ROLE_OVERWRITE);
        const struct findings_access *wr = findings_access_find(f, FINDINGS_ROLE_WRITE);
        char tail[64] = "";
        if (ow)
            snprintf(tail, sizeof tail, ", overwriting T%u's update", (unsigned)ow->tid.n);
        if (rd)
            put_lost_step(&c, &w, rd, false, "");
        if (ow)
            put_lost_step(&c, &w, ow, true, "");
        if (wr)
            put_lost_step(&c, &w, wr, true, tail);
    } else if (f->kind == FINDINGS_KIND_RACE) {
        if ((a = findings_access_find(f, FINDINGS_ROLE_CURRENT)))
            put_access(&c, a, "");
        if ((a = findings_access_find(f, FINDINGS_ROLE_PREVIOUS)))
            put_access(&c, a, "previous ");
    } else {
        for (size_t i = 0; i < f->naccs; i++)
            put_access(&c, &f->accs[i], "");
    }
    for (size_t i = 0; i < f->nnotes; i++)
        put_note(&c, f->notes[i], tids, &ntids);

    if (f->obj.present && f->obj.kind == FINDINGS_OBJ_HEAP) {
        fprintf(out, "  heap block of %llu byte%s allocated by T%u at ",
                (unsigned long long)f->obj.size, PLURAL(f->obj.size), (unsigned)f->obj.tid.n);
        put_site(&c, f->obj.pc);
        fputc('\n', out);
        add_tid(tids, &ntids, f->obj.tid.n);
    }
    for (size_t i = 0; i < f->naccs; i++)
        add_tid(tids, &ntids, f->accs[i].tid.n);
    put_threads(&c, tids, ntids);

    if (f->nevs) {
        fprintf(out, "\n  accesses to %s:\n",
                f->kind == FINDINGS_KIND_RACE || f->kind == FINDINGS_KIND_LOST_UPDATE
                    ? w.name
                    : "the location");
        struct diagram_options d = {.indent = "    ", .width = c.opt->width};
        int rc =
            c.opt->color ? put_colored_diagram(&c, &d) : diagram_render(f->evs, f->nevs, &d, out);
        if (rc < 0)
            return rc;
    }
    const char *help = c.opt->help ? explain_help(f) : NULL;
    if (help)
        fprintf(out, "  %shelp:%s %s\n", sgr(&c, SGR_CYAN), sgr(&c, SGR_RESET), help);
    if (!f->complete)
        fputs("  (this report was cut short: the program ended while writing it)\n", out);
    fputs(RULE "\n", out);
    return ferror(out) ? -EIO : 0;
}

int render_text_summary(const struct findings_run *run, uint64_t seed, struct render_exit ex,
                        FILE *out)
{
    size_t count[FINDINGS_KIND_COUNT] = {0};
    for (size_t i = 0; i < run->nfindings; i++)
        count[run->findings[i].kind]++;
    if (run->nfindings == 0) {
        fputs("interleave: no findings", out);
    } else {
        fprintf(out, "interleave: %zu finding%s (", run->nfindings, run->nfindings == 1 ? "" : "s");
        const char *sep = "";
        for (int k = 0; k < FINDINGS_KIND_COUNT; k++) {
            if (!count[k])
                continue;
            struct findings_finding probe = {.kind = (enum findings_kind)k, .kind_name = "other"};
            for (size_t i = 0; k == FINDINGS_KIND_OTHER && i < run->nfindings; i++)
                if (run->findings[i].kind == FINDINGS_KIND_OTHER)
                    probe.kind_name = run->findings[i].kind_name;
            fprintf(out, "%s%zu %s", sep, count[k], findings_kind_words(&probe, count[k] != 1));
            sep = ", ";
        }
        fputc(')', out);
    }
    fprintf(out, " in 1 run, seed %llu; ", (unsigned long long)seed);
    if (!ex.signaled && ex.code < 0) {
        fputs("the program's exit status is not known\n", out);
    } else if (ex.signaled) {
        const char *name = render_signal_name(ex.code);
        if (name)
            fprintf(out, "program exited with status %d (%s)\n", 128 + ex.code, name);
        else
            fprintf(out, "program exited with status %d (signal %d)\n", 128 + ex.code, ex.code);
    } else {
        fprintf(out, "program exited with status %d\n", ex.code);
    }
    return ferror(out) ? -EIO : 0;
}
