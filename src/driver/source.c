/* source: a small cache of source files split into lines (see source.h). */
#include "driver/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct source_file {
    char *path;
    char *text;   /* whole file, '\n' turned into '\0'; NULL when absent */
    char **lines; /* lines[i] is line i+1 */
    size_t nlines;
};

struct source_cache {
    struct source_file *files;
    size_t n, cap;
};

struct source_cache *source_open(void)
{
    return calloc(1, sizeof(struct source_cache));
}

void source_close(struct source_cache *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->files[i].path);
        free(s->files[i].text);
        free(s->files[i].lines);
    }
    free(s->files);
    free(s);
}

/* Reads path into f (text and lines stay NULL when it cannot be read). */
static void load(struct source_file *f, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return;
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? 2 * cap : 8192;
            if (cap > SOURCE_MAX_FILE + 8192)
                goto fail;
            char *q = realloc(text, cap);
            if (!q)
                goto fail;
            text = q;
        }
        size_t got = fread(text + len, 1, cap - len - 1, in);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(in))
        goto fail;
    fclose(in);
    text[len] = '\0';
    size_t nl = 1;
    for (size_t i = 0; i < len; i++)
        nl += text[i] == '\n';
    char **lines = malloc(nl * sizeof *lines);
    if (!lines) {
        free(text);
        return;
    }
    size_t k = 0;
    lines[k++] = text;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            text[i] = '\0';
            if (i + 1 < len)
                lines[k++] = text + i + 1;
        }
    }
    f->text = text;
    f->lines = lines;
    f->nlines = k;
    return;
fail:
    free(text);
    fclose(in);
}

const char *source_line(struct source_cache *s, const char *file, unsigned line)
{
    if (!s || !file || !line)
        return NULL;
    struct source_file *f = NULL;
    for (size_t i = 0; i < s->n && !f; i++)
        if (strcmp(s->files[i].path, file) == 0)
            f = &s->files[i];
    if (!f) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? 2 * s->cap : 8;
            struct source_file *q = realloc(s->files, cap * sizeof *q);
            if (!q)
                return NULL;
            s->files = q;
            s->cap = cap;
        }
        f = &s->files[s->n];
        memset(f, 0, sizeof *f);
        if (!(f->path = strdup(file)))
            return NULL;
        s->n++;
        load(f, file);
    }
    return f->lines && line <= f->nlines ? f->lines[line - 1] : NULL;
}

static const char *line_cb(void *ctx, const char *file, unsigned line)
{
    return source_line(ctx, file, line);
}

struct render_source source_render(struct source_cache *s)
{
    return (struct render_source){s ? line_cb : NULL, s};
}
