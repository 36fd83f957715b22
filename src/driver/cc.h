/* The compiler driver's logic: turns an `interleave cc` or `interleave c++`
 * command line into the command line(s) of the real compiler (gcc or clang,
 * g++ or clang++). One logic for both languages: they differ only in which
 * compiler is driven (struct cc_language), and g++/clang++ link the C++
 * libraries themselves, as they do for -fsanitize=thread. Pure: no processes, no
 * files, no environment; src/cli/cmd_cc.c does the I/O. Invariant: a source is
 * always compiled with -fsanitize=thread, and a program link gets our runtime,
 * never the compiler's libtsan. clang links without -fsanitize=thread. gcc links
 * with it, because gcc instruments -flto code at the link (its lto-wrapper takes
 * the link's options), and with -B<rtlib_dir>/gcc-link/, where gcc finds an
 * empty libtsan.so and libtsan_preinit.o before its own. */
#ifndef INTERLEAVE_DRIVER_CC_H
#define INTERLEAVE_DRIVER_CC_H

#include <stdbool.h>
#include <stddef.h>

enum cc_compiler_kind {
    CC_COMPILER_GCC,
    CC_COMPILER_CLANG,
};

/* A language the driver compiles: how its subcommand is called, which
 * environment variable names the real compiler, and the compilers tried in
 * order when it is unset. */
struct cc_language {
    const char *name;        /* the subcommand: "cc" or "c++" */
    const char *link_name;   /* the program link: "interleave-cc", "interleave-c++" */
    const char *env;         /* "INTERLEAVE_CC" or "INTERLEAVE_CXX" */
    const char *make_var;    /* the Make variable it serves as: "CC" or "CXX" */
    const char *cmake_lang;  /* CMAKE_<lang>_COMPILER: "C" or "CXX" */
    const char *defaults[3]; /* e.g. gcc, clang, cc */
};

extern const struct cc_language cc_language_c;
extern const struct cc_language cc_language_cxx;

/* What the command line asks the compiler to do. */
enum cc_mode {
    CC_MODE_PASSTHROUGH,  /* no input at all (--version, -v, -dumpmachine): unchanged */
    CC_MODE_PREPROCESS,   /* -E, -M or -MM: only -fsanitize=thread is added (its macros) */
    CC_MODE_COMPILE,      /* -c, -S or -fsyntax-only: one instrumented compile, no link */
    CC_MODE_LINK,         /* objects and libraries only: one link, with the runtime */
    CC_MODE_COMPILE_LINK, /* sources and a link: each source to a temporary object, then link */
};

struct cc_analysis {
    enum cc_mode mode;
    int nsources;       /* source files on the line ("-" for stdin counts) */
    int ninputs;        /* other input files: objects, archives, shared libraries */
    bool shared;        /* -shared or -r: the output is not a program, no runtime */
    bool static_link;   /* -static or -static-pie: refused (the runtime needs the dynamic linker) */
    bool lto;           /* -flto or -flto=...: code generation (for clang) happens at the link */
    bool needs_runtime; /* the (last) command links a program with libinterleave_rt.a */
};

/* Classifies args[0..nargs-1] (the arguments, without the program name). Never
 * fails: malformed command lines are left for the real compiler to reject. */
void cc_analyze(int nargs, char *const args[], struct cc_analysis *out);

struct cc_config {
    const char *compiler;       /* borrowed: what to exec, a path or a name */
    enum cc_compiler_kind kind; /* decides the clang-only flags */
    const char *rtlib_dir;      /* borrowed: holds libinterleave_rt.a, .syms and gcc-link/ */
};

struct cc_command {
    int argc;
    char **argv; /* argv[0] is the compiler, argv[argc] is NULL; strings owned by the plan */
};

struct cc_plan {
    struct cc_analysis analysis;
    int ncommands; /* run in order; stop at the first that fails */
    struct cc_command *commands;
    char **owned; /* strings built by the plan, freed with it */
    int nowned;
    int cap_owned;
};

/* Builds the commands for args[0..nargs-1]. In CC_MODE_COMPILE_LINK,
 * temp_objects[i] (borrowed, at least analysis.nsources of them) is where the
 * i-th source is compiled; the caller creates and removes those files.
 * Returns 0, or -ENOMEM with *plan left empty. */
int cc_plan_build(const struct cc_config *cfg, int nargs, char *const args[],
                  char *const temp_objects[], struct cc_plan *plan);

/* Frees what cc_plan_build allocated; the plan may be zero-filled or freed twice. */
void cc_plan_free(struct cc_plan *plan);

/* Calls fn(path, ctx) for each linker input of args[0..nargs-1] whose name ends
 * in .o (the objects named on the line, not libraries). */
void cc_each_object(int nargs, char *const args[], void (*fn)(const char *path, void *ctx),
                    void *ctx);

/* Tells the compiler's kind from the output of `<compiler> --version`. */
enum cc_compiler_kind cc_kind_from_version(const char *version_text);

/* Writes cmd as one shell-readable line (arguments quoted when needed) into
 * buf, truncated and NUL-terminated; returns the length it needed, like snprintf. */
size_t cc_command_format(const struct cc_command *cmd, char *buf, size_t size);

#endif
