/* render_html: the self-contained HTML report (see render_html.h). Everything is inline:
 * CSS in <style>, the timeline as inline SVG; no script, no font, no image, no link to
 * anything outside the page. Hover shows an event's <title> (source line and stack);
 * clicking an event jumps to its row in the event table below the timeline (:target). */
#include "report/render_html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/explain.h"
#include "report/render_text.h"

#define COL_W 64 /* horizontal step between events */
#define ROW_H 40
#define LABEL_W 130
#define TOP 20
#define MAX_ROWS 256

static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;"
    "color:#1b1b1b;background:#fff}\n"
    "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em}\n"
    "code,pre{font-family:ui-monospace,monospace}\n"
    "pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em}\n"
    ".kind{color:#b00020;font-weight:bold}\n"
    ".help{background:#eef6ee;border-left:4px solid #2e7d32;padding:.4em .8em}\n"
    ".meta{color:#555}\n"
    "svg{display:block;max-width:100%;height:auto;overflow:visible}\n"
    "svg text{font-family:ui-monospace,monospace;font-size:13px}\n"
    ".row{stroke:#bbb;stroke-width:1}\n"
    ".ev rect{fill:#e8eef9;stroke:#5b7bb5}\n"
    ".ev.mark rect{fill:#fde0e0;stroke:#c62828;stroke-width:2.5}\n"
    ".ev.mark text{font-weight:bold;fill:#b00020}\n"
    ".ev:hover rect{stroke-width:3}\n"
    ".blocked rect{fill:#fff3cd;stroke:#b8860b}\n"
    ".gap text{fill:#555;font-weight:bold;font-size:20px}\n"
    "tr.gap td{color:#555;font-style:italic}\n"
    ".link{stroke:#c62828;stroke-width:1.5;stroke-dasharray:4 3;fill:none}\n"
    "table{border-collapse:collapse;font-size:.85em}\n"
    "td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}\n"
    "tr.mark td{background:#fde0e0}\n"
    "tr:target td{outline:2px solid #5b7bb5}\n";

static void esc(FILE *out, const char *s)
{
    explain_html_escape(out, s);
}

/* Sorted distinct thread ids of the finding's events and notes; returns how many. */
static size_t rows_of(const struct findings_finding *f, uint32_t *rows)
{
    size_t n = 0;
    for (size_t i = 0; i < f->nevs + f->nnotes; i++) {
        uint32_t t;
        if (i < f->nevs) {
            t = f->evs[i].tid.n;
        } else {
            const char *note = f->notes[i - f->nevs];
            char *end;
            if (note[0] != 'T' || note[1] < '0' || note[1] > '9')
                continue;
            t = (uint32_t)strtoul(note + 1, &end, 10);
        }
        size_t k = 0;
        while (k < n && rows[k] != t)
            k++;
        if (k == n && n < MAX_ROWS)
            rows[n++] = t;
    }
    for (size_t i = 1; i < n; i++) /* insertion sort: few rows */
        for (size_t j = i; j > 0 && rows[j - 1] > rows[j]; j--) {
            uint32_t x = rows[j];
            rows[j] = rows[j - 1];
            rows[j - 1] = x;
        }
    return n;
}

static size_t row_index(const uint32_t *rows, size_t n, uint32_t t)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i] == t)
            return i;
    return 0;
}

/* Frames of pc, one per line, "#k function file:line", continuing the numbering in *k. */
static void frames(FILE *out, const struct render_input *in, const struct render_options *opt,
                   uint64_t pc, size_t *k)
{
    const struct findings_pcinfo *pi =
        in->res && in->res->pc && pc ? in->res->pc(in->res->ctx, pc, true) : NULL;
    size_t n = pi && pi->nframes ? pi->nframes : 1;
    for (size_t i = 0; i < n; i++, (*k)++) {
        const struct findings_frame *fr = pi && pi->nframes ? &pi->frames[i] : NULL;
        char line[600];
        snprintf(line, sizeof line, "\n#%zu %s", *k, fr && fr->function ? fr->function : "??");
        esc(out, line);
        if (fr && fr->file) {
            snprintf(line, sizeof line, " %s:%u", render_path(fr->file, opt->cwd), fr->line);
            esc(out, line);
        }
    }
}

/* The hover text of an event: what, where, the source line, and the stack if known. */
static void event_title(FILE *out, const struct render_input *in, const struct render_options *opt,
                        const struct findings_finding *f, const struct findings_event *e,
                        const char *obj)
{
    char tname[64], text[48], where[512], src[512], line[900];
    explain_thread_name(in, e->tid, tname, sizeof tname);
    explain_event_text(e, text, sizeof text);
    explain_location(in, e->pc, true, opt->cwd, where, sizeof where);
    snprintf(line, sizeof line, "%s: %s %s %s%s\nat %s", tname, explain_event_op(e), obj, text,
             e->mark ? " (part of the finding)" : "", where);
    esc(out, line);
    const struct findings_frame *fr = explain_frame(in, e->pc, true);
    if (explain_source_line(opt, fr, src, sizeof src)) {
        snprintf(line, sizeof line, "\n%5u | %s", fr->line, src);
        esc(out, line);
    }
    const struct findings_access *a = explain_event_access(f, e);
    if (a) {
        size_t k = 0;
        esc(out, "\nstack:");
        frames(out, in, opt, a->pc, &k);
        for (size_t i = 0; i < a->nstack; i++)
            frames(out, in, opt, a->stack[i], &k);
        if (a->stack_missing)
            esc(out, "\n(callers no longer recorded)");
    }
}

/* The column of event i: its index, plus one for each gap ("accesses left out") up to it. */
static size_t column(const struct findings_finding *f, size_t i)
{
    size_t c = i;
    for (size_t k = 1; k <= i && k < f->nevs; k++)
        c += f->evs[k].gap;
    return c;
}

static const char gap_title[] = "more accesses to %s here, left out of this window";

/* The head of a timeline: the <svg> element with its title, and a labelled line per
 * thread of rows[0..nrows). */
static void svg_rows(FILE *out, const struct render_input *in, const uint32_t *rows, size_t nrows,
                     unsigned width, unsigned height, const char *what)
{
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%u\" height=\"%u\" "
            "viewBox=\"0 0 %u %u\">\n<title>%s</title>\n",
            width, height, width, height, what);
    for (size_t r = 0; r < nrows; r++) {
        char tname[64];
        unsigned y = TOP + (unsigned)r * ROW_H + ROW_H / 2;
        explain_thread_name(in, (struct findings_tid){rows[r]}, tname, sizeof tname);
        fprintf(out, "<text x=\"4\" y=\"%u\">", y + 4);
        esc(out, tname);
        fprintf(out, "</text><line class=\"row\" x1=\"%u\" y1=\"%u\" x2=\"%u\" y2=\"%u\"/>\n",
                LABEL_W - 6, y, width - 10, y);
    }
}

static void timeline(FILE *out, const struct render_input *in, const struct render_options *opt,
                     const struct findings_finding *f, size_t fno, const char *obj)
{
    uint32_t rows[MAX_ROWS];
    size_t nrows = rows_of(f, rows);
    if (nrows == 0)
        return;
    size_t ncols = f->nevs ? column(f, f->nevs - 1) + 1 : 1;
    bool deadlock = f->nevs == 0;
    unsigned width = LABEL_W + (unsigned)ncols * COL_W + (deadlock ? 520 : 40);
    unsigned height = TOP + (unsigned)nrows * ROW_H + 30;
    char what[64];
    snprintf(what, sizeof what, "schedule of finding %zu", fno);
    svg_rows(out, in, rows, nrows, width, height, what);
    /* Dashed links between the marked events, in order: the conflict at a glance. */
    int px = -1, py = -1;
    for (size_t i = 0; i < f->nevs; i++) {
        if (!f->evs[i].mark)
            continue;
        int x = LABEL_W + (int)column(f, i) * COL_W + (COL_W - 8) / 2;
        int y = TOP + (int)row_index(rows, nrows, f->evs[i].tid.n) * ROW_H + ROW_H / 2;
        if (px >= 0)
            fprintf(out, "<path class=\"link\" d=\"M%d %d L%d %d\"/>\n", px, py, x, y);
        px = x;
        py = y;
    }
    for (size_t i = 0; i < f->nevs; i++) {
        const struct findings_event *e = &f->evs[i];
        unsigned x = LABEL_W + (unsigned)column(f, i) * COL_W;
        unsigned y = TOP + (unsigned)row_index(rows, nrows, e->tid.n) * ROW_H + 6;
        char text[48];
        if (i > 0 && e->gap) { /* "..." on every row, in the column before this event */
            char t[300];
            snprintf(t, sizeof t, gap_title, obj);
            fputs("<g class=\"gap\"><title>", out);
            esc(out, t);
            fputs("</title>", out);
            for (size_t r = 0; r < nrows; r++)
                fprintf(out, "<text x=\"%u\" y=\"%u\" text-anchor=\"middle\">&#8230;</text>",
                        x - COL_W + (COL_W - 8) / 2, TOP + (unsigned)r * ROW_H + ROW_H / 2 + 5);
            fputs("</g>\n", out);
        }
        explain_event_text(e, text, sizeof text);
        fprintf(out, "<a href=\"#f%zu-e%zu\"><g class=\"ev%s\"><title>", fno, i,
                e->mark ? " mark" : "");
        event_title(out, in, opt, f, e, obj);
        fprintf(out,
                "</title><rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" rx=\"4\"/>"
                "<text x=\"%u\" y=\"%u\" text-anchor=\"middle\">",
                x, y, COL_W - 8, ROW_H - 12, x + (COL_W - 8) / 2, y + (ROW_H - 12) / 2 + 5);
        esc(out, text);
        fputs("</text></g></a>\n", out);
    }
    for (size_t i = 0; i < f->nnotes; i++) { /* deadlock: what each thread waits for */
        const char *note = f->notes[i];
        if (note[0] != 'T' || note[1] < '0' || note[1] > '9')
            continue;
        uint32_t t = (uint32_t)strtoul(note + 1, NULL, 10);
        unsigned y = TOP + (unsigned)row_index(rows, nrows, t) * ROW_H + 6;
        fputs("<g class=\"blocked\"><title>", out);
        esc(out, note);
        fprintf(out,
                "</title><rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" rx=\"4\"/>"
                "<text x=\"%u\" y=\"%u\">",
                LABEL_W, y, width - LABEL_W - 14, ROW_H - 12, LABEL_W + 8,
                y + (ROW_H - 12) / 2 + 5);
        esc(out, note);
        fputs("</text></g>\n", out);
    }
    unsigned ay = TOP + (unsigned)nrows * ROW_H + 10;
    fprintf(out,
            "<line class=\"row\" x1=\"%u\" y1=\"%u\" x2=\"%u\" y2=\"%u\"/>"
            "<text x=\"%u\" y=\"%u\" text-anchor=\"end\">%s</text>\n</svg>\n",
            LABEL_W - 6, ay, width - 10, ay, width - 10, ay + 16,
            deadlock ? "blocked forever" : "time &#8594;");
}

static void event_table(FILE *out, const struct render_input *in, const struct render_options *opt,
                        const struct findings_finding *f, size_t fno, const char *obj)
{
    if (!f->nevs)
        return;
    fputs("<table>\n<tr><th>#</th><th>thread</th><th>event</th><th>location</th>"
          "<th>source</th></tr>\n",
          out);
    for (size_t i = 0; i < f->nevs; i++) {
        const struct findings_event *e = &f->evs[i];
        char tname[64], text[48], where[512], src[512];
        explain_thread_name(in, e->tid, tname, sizeof tname);
        explain_event_text(e, text, sizeof text);
        explain_location(in, e->pc, true, opt->cwd, where, sizeof where);
        const struct findings_frame *fr = explain_frame(in, e->pc, true);
        const char *s = explain_source_line(opt, fr, src, sizeof src);
        if (i > 0 && e->gap) {
            char t[300];
            snprintf(t, sizeof t, gap_title, obj);
            fputs("<tr class=\"gap\"><td>&#8230;</td><td colspan=\"4\">", out);
            esc(out, t);
            fputs("</td></tr>\n", out);
        }
        fprintf(out, "<tr id=\"f%zu-e%zu\"%s><td>%llu</td><td>", fno, i,
                e->mark ? " class=\"mark\"" : "", (unsigned long long)e->seq);
        esc(out, tname);
        fputs("</td><td><code>", out);
        esc(out, text);
        fputs("</code></td><td>", out);
        esc(out, where);
        fputs("</td><td><code>", out);
        esc(out, s ? s : "");
        fputs("</code></td></tr>\n", out);
    }
    fputs("</table>\n", out);
}

/* A heading: prefix, then title whose first wn characters (the kind's words) are red. */
static void heading(FILE *out, const char *tag, const char *prefix, const char *title, size_t wn)
{
    char head[512];
    snprintf(head, sizeof head, "%.*s", (int)wn, title);
    fprintf(out, "<%s>%s<span class=\"kind\">", tag, prefix);
    esc(out, head);
    fputs("</span>", out);
    esc(out, title + wn);
    fprintf(out, "</%s>\n", tag);
}

/* The length of the kind's words at the start of f's title ("data race on ..."). */
static size_t kind_len(const struct findings_finding *f, const char *title)
{
    const char *words = findings_kind_words(f, false);
    return strncmp(title, words, strlen(words)) == 0 ? strlen(words) : 0;
}

static void help_para(FILE *out, const char *help)
{
    if (!help)
        return;
    fputs("<p class=\"help\"><b>help:</b> ", out);
    esc(out, help);
    fputs("</p>\n", out);
}

/* The text report in a <pre>, verbatim: f's as `interleave run` prints it (no colors), or
 * text as given. */
static int text_report(FILE *out, const struct render_input *in, const struct render_options *opt,
                       const struct findings_finding *f, const char *given)
{
    char *text = NULL;
    size_t len = 0;
    if (!given && !f)
        return 0; /* a verdict without its text report */
    if (!given) {
        FILE *mem = open_memstream(&text, &len);
        if (!mem)
            return -ENOMEM;
        struct render_options topt = *opt;
        topt.color = false;
        topt.help = false; /* already above */
        render_text_finding(in->run, f, in->res, &topt, mem);
        if (fclose(mem) != 0) {
            free(text);
            return -ENOMEM;
        }
    }
    fputs("<details open><summary>text report</summary>\n<pre>", out);
    esc(out, given ? given : text);
    fputs("</pre></details>\n", out);
    free(text);
    return 0;
}

static int section(FILE *out, const struct render_input *in, const struct render_options *opt,
                   const struct findings_finding *f, size_t fno)
{
    char title[512], obj[200];
    explain_title(in, f, title, sizeof title);
    explain_object(in, f, obj, sizeof obj);
    fprintf(out, "<section id=\"finding-%zu\">\n", fno);
    heading(out, "h2", "", title, kind_len(f, title));
    help_para(out, explain_help(f));
    timeline(out, in, opt, f, fno, obj);
    event_table(out, in, opt, f, fno, obj);
    int rc = text_report(out, in, opt, f, NULL);
    fputs("</section>\n", out);
    return rc;
}

/* The timeline of a verdict: a row per thread of the execution, the verdict marked on the
 * thread where it happened (its schedule is in the text report below). */
static void verdict_timeline(FILE *out, const struct render_input *in, const struct render_bug *b,
                             size_t bugno)
{
    uint32_t rows[MAX_ROWS];
    size_t nrows = 0;
    rows[nrows++] = 0;
    for (size_t i = 0; i < in->run->nthreads && nrows < MAX_ROWS; i++)
        if (in->run->threads[i].tid.n != 0)
            rows[nrows++] = in->run->threads[i].tid.n;
    uint32_t at = b->has_tid ? b->tid : 0;
    size_t r = 0;
    while (r < nrows && rows[r] != at)
        r++;
    if (r == nrows && nrows < MAX_ROWS)
        rows[nrows++] = at;
    unsigned box = 300;
    unsigned width = LABEL_W + box + 40, height = TOP + (unsigned)nrows * ROW_H + 30;
    char what[64];
    snprintf(what, sizeof what, "where bug %zu happened", bugno);
    svg_rows(out, in, rows, nrows, width, height, what);
    for (size_t k = 0; k < nrows; k++) {
        unsigned y = TOP + (unsigned)k * ROW_H + ROW_H / 2;
        if (rows[k] != at)
            continue;
        fputs("<g class=\"ev mark\"><title>", out);
        esc(out, b->title);
        fprintf(out,
                "</title><rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" rx=\"4\"/>"
                "<text x=\"%u\" y=\"%u\" text-anchor=\"middle\">",
                LABEL_W, y - ROW_H / 2 + 6, box, ROW_H - 12, LABEL_W + box / 2, y + 5);
        esc(out, b->rule ? b->rule : "bug");
        fputs("</text></g>\n", out);
    }
    fputs("</svg>\n", out);
}

/* A bug of an exploration: its title, how it was found, the replay command, then the
 * finding's timeline and events (for a verdict: where it happened, then every finding of
 * the execution), and explore's text report. *fno numbers the findings' timelines. */
static int bug_section(FILE *out, const struct render_input *in, const struct render_options *opt,
                       size_t bugno, size_t *fno)
{
    const struct render_bug *b = in->bug;
    const struct findings_finding *focus = b->focus >= 0 && (size_t)b->focus < in->run->nfindings
                                               ? &in->run->findings[b->focus]
                                               : NULL;
    char title[512], obj[200];
    if (focus)
        explain_title(in, focus, title, sizeof title);
    else
        snprintf(title, sizeof title, "%s", b->title ? b->title : "bug");
    const char *colon = strstr(title, ": ");
    fprintf(out, "<section id=\"bug-%zu\">\n", bugno);
    heading(out, "h2", "", title,
            focus   ? kind_len(focus, title)
            : colon ? (size_t)(colon - title)
                    : strlen(title));
    fputs("<p class=\"meta\">", out);
    if (b->found) {
        esc(out, b->found);
        fputs("; ", out);
    }
    fprintf(out, "schedule: %zu preemption%s, %zu step%s</p>\n", b->preemptions,
            b->preemptions == 1 ? "" : "s", b->steps, b->steps == 1 ? "" : "s");
    if (b->replay) {
        fputs("<p class=\"replay\"><b>replay:</b> <code>", out);
        esc(out, b->replay);
        fputs("</code></p>\n", out);
    }
    help_para(out, explain_bug_help(in));
    if (focus) {
        explain_object(in, focus, obj, sizeof obj);
        timeline(out, in, opt, focus, *fno, obj);
        event_table(out, in, opt, focus, *fno, obj);
        ++*fno;
    } else {
        verdict_timeline(out, in, b, bugno);
        for (size_t i = 0; i < in->run->nfindings; i++) {
            const struct findings_finding *f = &in->run->findings[i];
            explain_title(in, f, title, sizeof title);
            heading(out, "h3", "in this execution: ", title, kind_len(f, title));
            explain_object(in, f, obj, sizeof obj);
            timeline(out, in, opt, f, *fno, obj);
            event_table(out, in, opt, f, *fno, obj);
            ++*fno;
        }
    }
    int rc = text_report(out, in, opt, focus, b->text);
    fputs("</section>\n", out);
    return rc;
}

/* The head of an exploration's part of the page: what was explored, and its bugs. */
static void exploration_head(FILE *out, const struct render_input *in, size_t k, size_t bugno)
{
    const struct render_exploration *x = in->bug->x;
    size_t nbugs = k == 1 && in->bug->none ? 0 : k;
    fputs("<p class=\"meta\">", out);
    if (x && x->command) {
        fputs(x->strategy ? "interleave explore of <code>" : "interleave replay of <code>", out);
        esc(out, x->command);
        fputs("</code>: ", out);
    }
    fprintf(out, "%zu bug%s", nbugs, nbugs == 1 ? "" : "s");
    if (x && x->strategy) {
        fprintf(out, " in %llu execution%s, strategy ", (unsigned long long)x->executions,
                x->executions == 1 ? "" : "s");
        esc(out, x->strategy);
        if (x->exhausted)
            fputs("; the schedule space was explored completely", out);
    }
    fputs("</p>\n", out);
    if (!nbugs)
        return;
    fputs("<ul>\n", out);
    for (size_t i = 0; i < k; i++) {
        const struct render_bug *b = in[i].bug;
        char title[512];
        if (b->focus >= 0 && (size_t)b->focus < in[i].run->nfindings)
            explain_title(&in[i], &in[i].run->findings[b->focus], title, sizeof title);
        else
            snprintf(title, sizeof title, "%s", b->title ? b->title : "bug");
        fprintf(out, "<li><a href=\"#bug-%zu\">", bugno + i);
        esc(out, title);
        fputs("</a></li>\n", out);
    }
    fputs("</ul>\n", out);
}

int render_html(const struct render_input *in, size_t n, const struct render_options *opt,
                FILE *out)
{
    static const struct render_options defaults = {0};
    if (!opt)
        opt = &defaults;
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>interleave report</title>\n<style>\n%s</style>\n</head>\n<body>\n"
            "<h1>interleave report</h1>\n",
            style);
    size_t fno = 1, bugno = 1;
    for (size_t k = 0; k < n; k++) {
        const struct findings_run *run = in[k].run;
        if (in[k].bug) { /* the bugs of one exploration, together */
            size_t e = k + 1;
            while (e < n && in[e].bug && in[e].bug->x == in[k].bug->x)
                e++;
            exploration_head(out, &in[k], e - k, bugno);
            for (; k < e; k++) {
                if (in[k].bug->none)
                    continue;
                int rc = bug_section(out, &in[k], opt, bugno++, &fno);
                if (rc < 0)
                    return rc;
            }
            k--;
            continue;
        }
        fputs("<p class=\"meta\">", out);
        if (in[k].label) {
            fputs("<code>", out);
            esc(out, in[k].label);
            fputs("</code>: ", out);
        }
        fprintf(out, "%zu finding%s, seed %llu", run->nfindings, run->nfindings == 1 ? "" : "s",
                (unsigned long long)run->seed);
        if (run->has_summary && run->summary.status >= 0)
            fprintf(out, ", program exit status %d", run->summary.status);
        if (run->truncated)
            fputs(" (the trace was cut short; reports may be incomplete)", out);
        fputs("</p>\n", out);
        if (run->nfindings) {
            fputs("<ul>\n", out);
            for (size_t i = 0; i < run->nfindings; i++) {
                char title[512];
                explain_title(&in[k], &run->findings[i], title, sizeof title);
                fprintf(out, "<li><a href=\"#finding-%zu\">", fno + i);
                esc(out, title);
                fputs("</a></li>\n", out);
            }
            fputs("</ul>\n", out);
        }
        for (size_t i = 0; i < run->nfindings; i++) {
            int rc = section(out, &in[k], opt, &run->findings[i], fno++);
            if (rc < 0)
                return rc;
        }
    }
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? -EIO : 0;
}
