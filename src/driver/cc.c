/* The compiler driver's logic; see cc.h. The command line is cut into tokens
 * (an option with its separate value is one token) and each token gets a class
 * that says which step it belongs to when a compile-and-link line has to be
 * split: gcc and clang apply -fsanitize=thread to both the compile and the link,
 * and the link must not see it, so sources are compiled on their own first. */
#include "driver/cc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tok_class {
    TOK_SOURCE,  /* a file to compile */
    TOK_INPUT,   /* an object, archive, shared library or any other linker input */
    TOK_OUTPUT,  /* -o FILE */
    TOK_LANG,    /* -x LANG */
    TOK_LINK,    /* only meaningful to the link: -l, -L, -Wl, -shared, ... */
    TOK_COMPILE, /* only meaningful to the compile: -D, -I, -std, -c, ... */
    TOK_DEP,     /* dependency output: -MD, -MMD, -MF F, -MT T, -MQ T, -MP, -MG */
    TOK_TSAN,    /* the user's own -fsanitize=...thread...: kept to compile, cut from link */
    TOK_MLLVM,   /* -mllvm OPT: compile only (unused at a link) */
    TOK_COMMON,  /* everything else goes to both steps: -O, -g, -f, -m, -pthread, -v */
};

struct tok {
    int at; /* index of the option or file in args */
    int n;  /* 1, or 2 when the value is the next argument */
    enum tok_class cls;
    const char *lang; /* for TOK_SOURCE: the -x language in force, or NULL */
};

/* Options whose value may be the next argument when it is not joined. */
/* clang-format off */
static const char *const with_value[] = {
    "-o", "-x", "-I", "-D", "-U", "-L", "-l", "-B", "-A", "-include", "-imacros",
    "-isystem", "-iquote", "-idirafter", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
    "-isysroot", "-imultilib", "-MF", "-MT", "-MQ", "-MJ", "-Xlinker", "-Xassembler",
    "-Xpreprocessor", "-Xclang", "-mllvm", "-T", "-u", "-z", "-e", "-aux-info", "--param",
    "-target", "-arch", "--sysroot", "-dumpbase", "-dumpdir", "-dumpbase-ext",
};

static const char *const link_exact[] = {
    "-shared", "-static", "-static-libgcc", "-static-libstdc++", "-static-pie",
    "-shared-libgcc", "-rdynamic", "-nostdlib", "-nostartfiles", "-nodefaultlibs",
    "-nolibc", "-nostdlib++", "-pie", "-no-pie", "-s", "-r", "-symbolic", "-Xlinker", "-u", "-z", "-e",
};

static const char *const link_prefix[] = {
    "-l", "-L", "-Wl,", "-T", "-fuse-ld=", "--ld-path=",
};

static const char *const compile_exact[] = {
    "-c", "-S", "-E", "-M", "-MM", "-fsyntax-only", "-ansi", "-C", "-CC", "-P", "-H",
    "-trigraphs", "-traditional-cpp", "-undef", "-nostdinc", "-nostdinc++", "-Xassembler",
    "-Xpreprocessor", "-Xclang", "-MJ", "-imultilib", "-iprefix", "-iwithprefix",
    "-iwithprefixbefore",
};

static const char *const compile_prefix[] = {
    "-D", "-U", "-I", "-include", "-imacros", "-isystem", "-iquote", "-idirafter",
    "-std=", "-Wa,", "-Wp,",
};

static const char *const dep_exact[] = {"-MD", "-MMD", "-MP", "-MG"};

/* What gcc compiles by its suffix: C, assembly, C++ (sources, preprocessed,
 * headers to precompile, module units), Objective-C/C++. */
static const char *const source_ext[] = {
    "c", "i", "h", "s", "S", "sx",
    "cc", "cp", "cxx", "cpp", "CPP", "c++", "C", "ii",
    "hh", "H", "hp", "hxx", "hpp", "HPP", "h++", "tcc",
    "m", "mi", "mm", "M", "mii",
};
/* clang-format on */

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static bool in_list(const char *s, const char *const *list, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool prefix_in_list(const char *s, const char *const *list, int n)
{
    for (int i = 0; i < n; i++)
        if (has_prefix(s, list[i]))
            return true;
    return false;
}

static bool is_source_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return false;
    return in_list(dot + 1, source_ext, COUNT(source_ext));
}

/* Does a -fsanitize= list name thread? */
static bool names_thread(const char *list)
{
    const char *p = list;
    size_t len = strlen("thread");
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == len && strncmp(p, "thread", len) == 0)
            return true;
        if (!comma)
            break;
        p = comma + 1;
    }
    return false;
}

static enum tok_class option_class(const char *a)
{
    if (strcmp(a, "-x") == 0 || (has_prefix(a, "-x") && a[2]))
        return TOK_LANG;
    if (has_prefix(a, "-o"))
        return TOK_OUTPUT;
    if (strcmp(a, "-mllvm") == 0)
        return TOK_MLLVM;
    if (has_prefix(a, "-fsanitize=") && names_thread(a + strlen("-fsanitize=")))
        return TOK_TSAN;
    if (in_list(a, dep_exact, COUNT(dep_exact)) || has_prefix(a, "-MF") || has_prefix(a, "-MT") ||
        has_prefix(a, "-MQ"))
        return TOK_DEP;
    if (in_list(a, link_exact, COUNT(link_exact)) ||
        prefix_in_list(a, link_prefix, COUNT(link_prefix)))
        return TOK_LINK;
    if (in_list(a, compile_exact, COUNT(compile_exact)) ||
        prefix_in_list(a, compile_prefix, COUNT(compile_prefix)))
        return TOK_COMPILE;
    return TOK_COMMON;
}

/* Cuts args into tokens; toks has room for nargs. Returns the token count. */
static int tokenize(int nargs, char *const args[], struct tok *toks)
{
    const char *lang = NULL;
    int ntok = 0;
    for (int i = 0; i < nargs; i++) {
        const char *a = args[i];
        struct tok t = {.at = i, .n = 1, .cls = TOK_COMMON, .lang = NULL};
        if (a[0] != '-' || a[1] == '\0') {
            bool src =
                (lang && strcmp(lang, "none") != 0) || strcmp(a, "-") == 0 || is_source_name(a);
            t.cls = src ? TOK_SOURCE : TOK_INPUT;
            t.lang = src ? lang : NULL;
        } else {
            t.cls = option_class(a);
            if (in_list(a, with_value, COUNT(with_value)) && i + 1 < nargs)
                t.n = 2;
            if (t.cls == TOK_LANG)
                lang = t.n == 2 ? args[i + 1] : a + 2;
        }
        toks[ntok++] = t;
        i += t.n - 1;
    }
    return ntok;
}

static void analyze_tokens(int nargs, char *const args[], const struct tok *toks, int ntok,
                           struct cc_analysis *out)
{
    bool compile = false, preprocess = false;
    struct cc_analysis an = {0};
    for (int k = 0; k < ntok; k++) {
        const char *a = args[toks[k].at];
        switch (toks[k].cls) {
        case TOK_SOURCE:
            an.nsources++;
            break;
        case TOK_INPUT:
            an.ninputs++;
            break;
        case TOK_LINK:
            if (strcmp(a, "-shared") == 0 || strcmp(a, "-r") == 0)
                an.shared = true;
            if (strcmp(a, "-static") == 0 || strcmp(a, "-static-pie") == 0)
                an.static_link = true;
            break;
        case TOK_COMMON:
            if (strcmp(a, "-flto") == 0 || has_prefix(a, "-flto="))
                an.lto = true;
            else if (strcmp(a, "-fno-lto") == 0)
                an.lto = false;
            break;
        case TOK_COMPILE:
            if (strcmp(a, "-c") == 0 || strcmp(a, "-S") == 0 || strcmp(a, "-fsyntax-only") == 0)
                compile = true;
            if (strcmp(a, "-E") == 0 || strcmp(a, "-M") == 0 || strcmp(a, "-MM") == 0)
                preprocess = true;
            break;
        default:
            break;
        }
    }
    (void)nargs;
    if (an.nsources + an.ninputs == 0)
        an.mode = CC_MODE_PASSTHROUGH;
    else if (preprocess)
        an.mode = CC_MODE_PREPROCESS;
    else if (compile)
        an.mode = CC_MODE_COMPILE;
    else if (an.nsources > 0)
        an.mode = CC_MODE_COMPILE_LINK;
    else
        an.mode = CC_MODE_LINK;
    an.needs_runtime = (an.mode == CC_MODE_LINK || an.mode == CC_MODE_COMPILE_LINK) && !an.shared;
    *out = an;
}

void cc_analyze(int nargs, char *const args[], struct cc_analysis *out)
{
    struct tok *toks = calloc((size_t)(nargs > 0 ? nargs : 1), sizeof(*toks));
    if (!toks) {
        /* Without memory the plan cannot be built either; say "unchanged". */
        *out = (struct cc_analysis){.mode = CC_MODE_PASSTHROUGH};
        return;
    }
    int ntok = tokenize(nargs, args, toks);
    analyze_tokens(nargs, args, toks, ntok, out);
    free(toks);
}

void cc_each_object(int nargs, char *const args[], void (*fn)(const char *path, void *ctx),
                    void *ctx)
{
    struct tok *toks = calloc((size_t)(nargs > 0 ? nargs : 1), sizeof(*toks));
    if (!toks)
        return;
    int ntok = tokenize(nargs, args, toks);
    for (int k = 0; k < ntok; k++) {
        const char *a = args[toks[k].at];
        size_t len = strlen(a);
        if (toks[k].cls == TOK_INPUT && len > 2 && strcmp(a + len - 2, ".o") == 0)
            fn(a, ctx);
    }
    free(toks);
}

const struct cc_language cc_language_c = {
    .name = "cc",
    .link_name = "interleave-cc",
    .env = "INTERLEAVE_CC",
    .make_var = "CC",
    .cmake_lang = "C",
    .defaults = {"gcc", "clang", "cc"},
};

const struct cc_language cc_language_cxx = {
    .name = "c++",
    .link_name = "interleave-c++",
    .env = "INTERLEAVE_CXX",
    .make_var = "CXX",
    .cmake_lang = "CXX",
    .defaults = {"g++", "clang++", "c++"},
};

enum cc_compiler_kind cc_kind_from_version(const char *version_text)
{
    return version_text && strstr(version_text, "clang") ? CC_COMPILER_CLANG : CC_COMPILER_GCC;
}

/* --- Building commands ------------------------------------------------------------ */

struct argv_buf {
    char **v;
    int n;
    int cap;
    bool failed;
};

static void push(struct argv_buf *b, const char *s)
{
    if (b->failed)
        return;
    if (b->n + 2 > b->cap) {
        int cap = b->cap ? b->cap * 2 : 32;
        char **v = realloc(b->v, (size_t)cap * sizeof(*v));
        if (!v) {
            b->failed = true;
            return;
        }
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = (char *)s;
    b->v[b->n] = NULL;
}

static void push_tok(struct argv_buf *b, char *const args[], const struct tok *t)
{
    for (int j = 0; j < t->n; j++)
        push(b, args[t->at + j]);
}

/* A string owned by the plan; NULL when out of memory. */
static char *own(struct cc_plan *plan, char *s)
{
    if (!s)
        return NULL;
    if (plan->nowned == plan->cap_owned) {
        int cap = plan->cap_owned ? plan->cap_owned * 2 : 16;
        char **v = realloc(plan->owned, (size_t)cap * sizeof(*v));
        if (!v) {
            free(s);
            return NULL;
        }
        plan->owned = v;
        plan->cap_owned = cap;
    }
    plan->owned[plan->nowned++] = s;
    return s;
}

static char *own_printf(struct cc_plan *plan, const char *fmt, const char *a, const char *b)
{
    int len = snprintf(NULL, 0, fmt, a, b);
    if (len < 0)
        return NULL;
    char *s = malloc((size_t)len + 1);
    if (!s)
        return NULL;
    snprintf(s, (size_t)len + 1, fmt, a, b);
    return own(plan, s);
}

static void push_owned(struct argv_buf *b, char *s)
{
    if (!s)
        b->failed = true;
    else
        push(b, s);
}

/* The link keeps what the user asked of the sanitizers except thread. */
static void push_link_tsan(struct argv_buf *b, struct cc_plan *plan, const char *opt)
{
    const char *list = opt + strlen("-fsanitize=");
    size_t len = strlen(list);
    char *rest = malloc(len + 1);
    if (!rest) {
        b->failed = true;
        return;
    }
    rest[0] = '\0';
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n > 0 && !(n == 6 && strncmp(p, "thread", 6) == 0)) {
            if (rest[0])
                strcat(rest, ",");
            strncat(rest, p, n);
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    if (rest[0])
        push_owned(b, own_printf(plan, "-fsanitize=%s%s", rest, ""));
    free(rest);
}

static bool user_set_read_before_write(int nargs, char *const args[])
{
    for (int i = 0; i + 1 < nargs; i++)
        if (strcmp(args[i], "-mllvm") == 0 &&
            has_prefix(args[i + 1], "-tsan-instrument-read-before-write"))
            return true;
    return false;
}

static void push_instrumentation(struct argv_buf *b, const struct cc_config *cfg, int nargs,
                                 char *const args[])
{
    push(b, "-fsanitize=thread");
    push(b, "-g");
    push(b, "-fno-omit-frame-pointer");
    if (cfg->kind == CC_COMPILER_CLANG) {
        /* Without it clang leaves out the read of `x += 1`, and lost updates go unseen. */
        if (!user_set_read_before_write(nargs, args)) {
            push(b, "-mllvm");
            push(b, "-tsan-instrument-read-before-write=1");
        }
        push(b, "-Wthread-safety");
        /* clang emits no .debug_aranges by default; libdw finds the code's
         * compilation unit through them (no source lines otherwise). */
        push(b, "-gdwarf-aranges");
    }
}

static void push_runtime(struct argv_buf *b, struct cc_plan *plan, const struct cc_config *cfg)
{
    const char *dir = cfg->rtlib_dir ? cfg->rtlib_dir : ".";
    push(b, "-Wl,--whole-archive");
    push_owned(b, own_printf(plan, "%s/%s", dir, "libinterleave_rt.a"));
    push(b, "-Wl,--no-whole-archive");
    push_owned(b, own_printf(plan, "-Wl,--dynamic-list=%s/%s", dir, "libinterleave_rt.syms"));
    push(b, "-lpthread");
    push(b, "-ldl");
    push(b, "-lrt");
}

/* gcc runs the instrumentation of -flto code in lto-wrapper, at the link, with
 * the link's options: without -fsanitize=thread there, LTO objects come out
 * uninstrumented. With it, gcc's link spec adds libtsan_preinit.o and -ltsan;
 * gcc-link/ (searched first through -B) has empty stand-ins for both, so the
 * program keeps our runtime alone. */
static void push_gcc_link_instrumentation(struct argv_buf *b, struct cc_plan *plan,
                                          const struct cc_config *cfg)
{
    const char *dir = cfg->rtlib_dir ? cfg->rtlib_dir : ".";
    push(b, "-fsanitize=thread");
    push_owned(b, own_printf(plan, "-B%s/%s", dir, "gcc-link/"));
}

/* path without its last suffix (in the last component), plan-owned. */
static char *own_stem(struct cc_plan *plan, const char *path, bool basename_only)
{
    const char *base = strrchr(path, '/');
    const char *start = basename_only && base ? base + 1 : path;
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - start) : strlen(start);
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    memcpy(s, start, n);
    s[n] = '\0';
    return own(plan, s);
}

struct line_facts {
    const char *output; /* the -o value, or NULL */
    bool deps;          /* -MD or -MMD */
    bool dep_file;      /* -MF given */
    bool dep_target;    /* -MT or -MQ given */
};

static struct line_facts line_facts(char *const args[], const struct tok *toks, int ntok)
{
    struct line_facts f = {0};
    for (int k = 0; k < ntok; k++) {
        const char *a = args[toks[k].at];
        if (toks[k].cls == TOK_OUTPUT)
            f.output = toks[k].n == 2 ? args[toks[k].at + 1] : a + 2;
        if (toks[k].cls != TOK_DEP)
            continue;
        if (strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0)
            f.deps = true;
        if (has_prefix(a, "-MF"))
            f.dep_file = true;
        if (has_prefix(a, "-MT") || has_prefix(a, "-MQ"))
            f.dep_target = true;
    }
    return f;
}

/* gcc names the dependency file of a compile-and-link after -o (prog.d, target
 * prog), or without -o after the source (a.d, target a.o): keep those names,
 * not the ones of our temporary object. */
static void push_dep_names(struct argv_buf *b, struct cc_plan *plan, const struct line_facts *f,
                           const char *source)
{
    if (!f->deps)
        return;
    const char *stem = f->output ? own_stem(plan, f->output, false) : own_stem(plan, source, true);
    if (!stem) {
        b->failed = true;
        return;
    }
    if (!f->dep_file) {
        push(b, "-MF");
        push_owned(b, own_printf(plan, "%s%s", stem, ".d"));
    }
    if (!f->dep_target) {
        push(b, "-MT");
        if (f->output)
            push(b, f->output);
        else
            push_owned(b, own_printf(plan, "%s%s", stem, ".o"));
    }
}

static int add_command(struct cc_plan *plan, struct argv_buf *b)
{
    if (b->failed || b->n == 0) {
        free(b->v);
        *b = (struct argv_buf){0};
        return -ENOMEM;
    }
    struct cc_command *v =
        realloc(plan->commands, (size_t)(plan->ncommands + 1) * sizeof(*plan->commands));
    if (!v) {
        free(b->v);
        *b = (struct argv_buf){0};
        return -ENOMEM;
    }
    plan->commands = v;
    plan->commands[plan->ncommands++] = (struct cc_command){.argc = b->n, .argv = b->v};
    *b = (struct argv_buf){0};
    return 0;
}

static int build_compile_step(struct cc_plan *plan, const struct cc_config *cfg, int nargs,
                              char *const args[], const struct tok *toks, int ntok,
                              const struct tok *src, const char *object,
                              const struct line_facts *facts)
{
    struct argv_buf b = {0};
    push(&b, cfg->compiler);
    for (int k = 0; k < ntok; k++) {
        switch (toks[k].cls) {
        case TOK_COMPILE:
        case TOK_DEP:
        case TOK_TSAN:
        case TOK_MLLVM:
        case TOK_COMMON:
            push_tok(&b, args, &toks[k]);
            break;
        default:
            break;
        }
    }
    if (src->lang) {
        push(&b, "-x");
        push(&b, src->lang);
    }
    push(&b, args[src->at]);
    push(&b, "-c");
    push(&b, "-o");
    push(&b, object);
    push_dep_names(&b, plan, facts, args[src->at]);
    push_instrumentation(&b, cfg, nargs, args);
    return add_command(plan, &b);
}

static int build_link_step(struct cc_plan *plan, const struct cc_config *cfg, char *const args[],
                           const struct tok *toks, int ntok, char *const temp_objects[])
{
    struct argv_buf b = {0};
    int isrc = 0;
    push(&b, cfg->compiler);
    for (int k = 0; k < ntok; k++) {
        switch (toks[k].cls) {
        case TOK_SOURCE:
            push(&b, temp_objects[isrc++]);
            break;
        case TOK_TSAN:
            push_link_tsan(&b, plan, args[toks[k].at]);
            break;
        case TOK_INPUT:
        case TOK_OUTPUT:
        case TOK_LINK:
        case TOK_COMMON:
            push_tok(&b, args, &toks[k]);
            break;
        default: /* compile-only, dependencies, -x, -mllvm */
            break;
        }
    }
    if (cfg->kind == CC_COMPILER_GCC)
        push_gcc_link_instrumentation(&b, plan, cfg);
    else if (plan->analysis.lto)
        /* -gdwarf-aranges for the code clang generates at an LTO link (see
         * push_instrumentation): without it, no source lines. */
        push(&b, "-Wl,-plugin-opt=-generate-arange-section");
    if (plan->analysis.needs_runtime)
        push_runtime(&b, plan, cfg);
    return add_command(plan, &b);
}

int cc_plan_build(const struct cc_config *cfg, int nargs, char *const args[],
                  char *const temp_objects[], struct cc_plan *plan)
{
    *plan = (struct cc_plan){0};
    struct tok *toks = calloc((size_t)(nargs > 0 ? nargs : 1), sizeof(*toks));
    if (!toks)
        return -ENOMEM;
    int ntok = tokenize(nargs, args, toks);
    analyze_tokens(nargs, args, toks, ntok, &plan->analysis);

    int rc = 0;
    struct argv_buf b = {0};
    switch (plan->analysis.mode) {
    case CC_MODE_PASSTHROUGH:
    case CC_MODE_PREPROCESS:
    case CC_MODE_COMPILE:
        push(&b, cfg->compiler);
        for (int i = 0; i < nargs; i++)
            push(&b, args[i]);
        if (plan->analysis.mode == CC_MODE_PREPROCESS)
            push(&b, "-fsanitize=thread"); /* only for its predefined macros */
        else if (plan->analysis.mode == CC_MODE_COMPILE)
            push_instrumentation(&b, cfg, nargs, args);
        rc = add_command(plan, &b);
        break;
    case CC_MODE_LINK:
        rc = build_link_step(plan, cfg, args, toks, ntok, temp_objects);
        break;
    case CC_MODE_COMPILE_LINK: {
        struct line_facts facts = line_facts(args, toks, ntok);
        int isrc = 0;
        for (int k = 0; k < ntok && rc == 0; k++)
            if (toks[k].cls == TOK_SOURCE)
                rc = build_compile_step(plan, cfg, nargs, args, toks, ntok, &toks[k],
                                        temp_objects[isrc++], &facts);
        if (rc == 0)
            rc = build_link_step(plan, cfg, args, toks, ntok, temp_objects);
        break;
    }
    }
    free(toks);
    if (rc < 0)
        cc_plan_free(plan);
    return rc;
}

void cc_plan_free(struct cc_plan *plan)
{
    for (int i = 0; i < plan->ncommands; i++)
        free(plan->commands[i].argv);
    free(plan->commands);
    for (int i = 0; i < plan->nowned; i++)
        free(plan->owned[i]);
    free(plan->owned);
    struct cc_analysis an = plan->analysis;
    *plan = (struct cc_plan){.analysis = an};
}

/* --- Printing -------------------------------------------------------------------------- */

static bool needs_quotes(const char *s)
{
    if (!*s)
        return true;
    for (const char *p = s; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                    "-_=+,./:@%^",
                    *p))
            return true;
    return false;
}

size_t cc_command_format(const struct cc_command *cmd, char *buf, size_t size)
{
    size_t len = 0;
#define PUTC(c)                                                                                    \
    do {                                                                                           \
        if (len + 1 < size)                                                                        \
            buf[len] = (c);                                                                        \
        len++;                                                                                     \
    } while (0)
    for (int i = 0; i < cmd->argc; i++) {
        const char *a = cmd->argv[i];
        if (i > 0)
            PUTC(' ');
        bool q = needs_quotes(a);
        if (q)
            PUTC('\'');
        for (const char *p = a; *p; p++) {
            if (*p == '\'') {
                PUTC('\'');
                PUTC('\\');
                PUTC('\'');
            }
            PUTC(*p);
        }
        if (q)
            PUTC('\'');
    }
#undef PUTC
    if (size > 0)
        buf[len < size ? len : size - 1] = '\0';
    return len;
}
