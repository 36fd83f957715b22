/* args: option tables, their parser and messages, INTERLEAVE_OPTIONS (see args.h). */
#define _GNU_SOURCE
#include "cli/args.h"

#include "base/optval.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The runtime's options with their ranges, from the list the runtime is built from. */
static const struct rt_opt {
    const char *name, *type;
    uint64_t min, max;
} rt_opts[] = {
#define X(name, type, def, min, max, help) {#name, #type, (uint64_t)(min), (uint64_t)(max)},
#include "rt/options.def"
#undef X
};
#define NRT (sizeof rt_opts / sizeof rt_opts[0])

static const struct rt_opt *rt_find(const char *name, size_t n)
{
    for (size_t k = 0; k < NRT; k++)
        if (strlen(rt_opts[k].name) == n && memcmp(rt_opts[k].name, name, n) == 0)
            return &rt_opts[k];
    return NULL;
}

int args_bad(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", cmd);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help'.\n", cmd);
    return ARG_ERROR;
}

void args_number_words(uint64_t min, uint64_t max, char *buf, size_t len)
{
    if (min == 0 && max == UINT64_MAX)
        snprintf(buf, len, "a number");
    else if (max == UINT64_MAX)
        snprintf(buf, len, "a number of at least %llu", (unsigned long long)min);
    else
        snprintf(buf, len, "a number from %llu to %llu", (unsigned long long)min,
                 (unsigned long long)max);
}

static void range_of(const struct arg_opt *o, uint64_t *min, uint64_t *max)
{
    *min = o->min;
    *max = o->max;
    const struct rt_opt *r =
        o->rtkey && !o->min && !o->max ? rt_find(o->rtkey, strlen(o->rtkey)) : NULL;
    if (r) {
        *min = r->min;
        *max = r->max;
    }
}

int args_next(const char *cmd, const struct arg_opt *opts, size_t n, struct outputs *outputs,
              int argc, char **argv, int *i, const char **value, uint64_t *num)
{
    if (*i >= argc)
        return ARG_END;
    const char *arg = argv[*i];
    if (strcmp(arg, "--") == 0) {
        ++*i;
        return ARG_END;
    }
    if (arg[0] != '-' || arg[1] == '\0')
        return ARG_END;
    if (outputs) {
        int rc = outputs_parse_arg(outputs, argc, argv, i, cmd);
        if (rc != 0) {
            ++*i;
            return rc < 0 ? ARG_ERROR : ARG_OUTPUT;
        }
    }
    for (size_t k = 0; k < n; k++) {
        const struct arg_opt *o = &opts[k];
        size_t len = strlen(o->lng);
        const char *v = NULL;
        if (o->shrt && strcmp(arg, o->shrt) == 0)
            ;
        else if (strncmp(arg, o->lng, len) == 0 && arg[len] == '=' && o->kind != ARG_SWITCH)
            v = arg + len + 1;
        else if (strcmp(arg, o->lng) != 0)
            continue;
        ++*i;
        *value = NULL;
        if (o->kind == ARG_SWITCH)
            return (int)k;
        if (!v) {
            if (*i >= argc)
                return args_bad(cmd, "option '%s' needs a value", o->lng);
            v = argv[(*i)++];
        }
        *value = v;
        if (o->kind == ARG_NUMBER) {
            uint64_t min, max;
            range_of(o, &min, &max);
            if (!optval_number(v, strlen(v), min, max, num)) {
                char words[96];
                args_number_words(min, max, words, sizeof words);
                return args_bad(cmd, "%s needs %s, not '%s'", o->lng, words, v);
            }
        }
        return (int)k;
    }
    return args_bad(cmd, "unknown option '%s'", arg);
}

void args_usage(FILE *out, const struct arg_opt *opts, size_t n, bool outputs)
{
    for (size_t k = 0; k < n; k++) {
        char left[48];
        snprintf(left, sizeof left, "%s%s%s%s%s", opts[k].shrt ? opts[k].shrt : "",
                 opts[k].shrt ? ", " : "", opts[k].lng, opts[k].metavar ? " " : "",
                 opts[k].metavar ? opts[k].metavar : "");
        fprintf(out, "  %-22s", left);
        /* the help words, wrapped at 80 columns under the first */
        const char *h = opts[k].help;
        size_t col = 24;
        while (*h) {
            size_t w = strcspn(h, " ");
            if (col + 1 + w > 80 && col > 25) {
                fprintf(out, "\n%24s", "");
                col = 24;
            }
            fprintf(out, " %.*s", (int)w, h);
            col += 1 + w;
            h += w;
            h += strspn(h, " ");
        }
        fputc('\n', out);
    }
    if (outputs)
        outputs_usage(out);
}

static bool is_sep(char c)
{
    return c == ' ' || c == ',' || c == ':';
}

int args_check_env(const char *cmd)
{
    const char *p = getenv("INTERLEAVE_OPTIONS");
    while (p && *p) {
        while (is_sep(*p))
            p++;
        const char *word = p;
        while (*p && !is_sep(*p))
            p++;
        const char *eq = memchr(word, '=', (size_t)(p - word));
        const struct rt_opt *r = eq ? rt_find(word, (size_t)(eq - word)) : NULL;
        if (!r)
            continue; /* unknown keys: the runtime warns */
        const char *v = eq + 1;
        size_t vn = (size_t)(p - v);
        uint64_t x;
        char words[96];
        bool ok;
        if (strcmp(r->type, "flag") == 0) {
            bool f;
            ok = optval_flag(v, vn, &f);
            snprintf(words, sizeof words, "0 or 1");
        } else if (strcmp(r->type, "str") == 0) {
            ok = vn > 0 && vn < OPTVAL_STR_MAX;
            snprintf(words, sizeof words, "a value of 1 to %d characters", OPTVAL_STR_MAX - 1);
        } else {
            ok = optval_number(v, vn, r->min, r->max, &x);
            args_number_words(r->min, r->max, words, sizeof words);
        }
        if (!ok) {
            fprintf(stderr, "%s: INTERLEAVE_OPTIONS: %s needs %s, not '%.*s%s'\n", cmd, r->name,
                    words, vn > 80 ? 80 : (int)vn, v, vn > 80 ? "..." : "");
            return -1;
        }
    }
    return 0;
}
