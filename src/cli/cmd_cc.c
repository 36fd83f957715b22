/* `interleave cc ARGS...` and `interleave c++ ARGS...` (also `interleave-cc`,
 * `interleave-c++`): drop-in C and C++ compilers that instrument with
 * -fsanitize=thread and link interleave's runtime. One driver for both
 * languages; struct cc_language (src/driver/cc.h) says which compiler to run.
 * This file does the I/O: picks the real compiler, finds the runtime, creates
 * the temporary objects, and runs the commands that src/driver/cc.c plans. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/commands.h"
#include "driver/cc.h"
#include "driver/objcheck.h"
#include "driver/paths.h"

#define EXIT_USAGE 2
#define DRY_RUN_FLAG "--interleave-dry-run"

/* The language of this invocation, for the messages. */
static const struct cc_language *lang = &cc_language_c;

static void help(void)
{
    printf("usage: interleave %s [compiler arguments]   (or: %s ...)\n"
           "\n"
           "Compiles like %s or %s, adding -fsanitize=thread -g, and links the program\n"
           "with interleave's runtime instead of ThreadSanitizer's (%s links its own\n"
           "libraries as usual). Use it as %s= in Make, or -DCMAKE_%s_COMPILER=%s\n"
           "with CMake; then run the program with `interleave run`.\n"
           "\n"
           "  --interleave-dry-run  print the compiler commands, one per line, and stop\n"
           "  --help                this text (`interleave %s -v --help` asks the compiler)\n"
           "\n"
           "environment:\n"
           "  %-21s the real compiler (default: %s, else %s, else %s)\n"
           "  INTERLEAVE_RTLIB_DIR  directory of libinterleave_rt.a and libinterleave_rt.syms\n"
           "                        (default: the lib/ beside this program's bin/)\n"
           "  INTERLEAVE_CC_DRYRUN  1: like --interleave-dry-run\n",
           lang->name, lang->link_name, lang->defaults[0], lang->defaults[1], lang->defaults[0],
           lang->make_var, lang->cmake_lang, lang->link_name, lang->name, lang->env,
           lang->defaults[0], lang->defaults[1], lang->defaults[2]);
}

/* One line on stderr, prefixed; returns the exit status for it. */
__attribute__((format(printf, 1, 2))) static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "interleave %s: ", lang->name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_USAGE;
}

/* The real compiler, as a path. Refuses to be its own compiler. */
static int choose_compiler(char *buf, size_t size)
{
    const char *env = getenv(lang->env);
    if (env && *env) {
        if (paths_find_program(env, buf, size) < 0)
            return fail("%s=%s: no such program", lang->env, env);
    } else {
        size_t n = sizeof(lang->defaults) / sizeof(lang->defaults[0]), i;
        for (i = 0; i < n; i++)
            if (paths_find_program(lang->defaults[i], buf, size) == 0)
                break;
        if (i == n)
            return fail("no compiler found on PATH (%s, %s or %s)", lang->defaults[0],
                        lang->defaults[1], lang->defaults[2]);
    }
    char self[4096], self_real[4096], real[4096];
    if (paths_self_exe(self, sizeof(self)) == 0 && realpath(self, self_real) &&
        realpath(buf, real) && strcmp(self_real, real) == 0)
        return fail("the real compiler %s is interleave itself: set %s to %s or %s", buf, lang->env,
                    lang->defaults[0], lang->defaults[1]);
    return 0;
}

/* Runs `<compiler> --version` and looks for "clang" in what it prints. */
static enum cc_compiler_kind detect_kind(const char *compiler)
{
    int fds[2];
    if (pipe(fds) < 0)
        return CC_COMPILER_GCC;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return CC_COMPILER_GCC;
    }
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        FILE *null = freopen("/dev/null", "w", stderr);
        (void)null;
        execl(compiler, compiler, "--version", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char text[8192];
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fds[0], text + len, sizeof(text) - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == sizeof(text) - 1)
            break;
    }
    text[len] = '\0';
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return cc_kind_from_version(text);
}

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

/* While children run, a signal is passed on to the child and acted upon once
 * the temporary objects are removed. */
static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaction(sigs[i], &sa, NULL);
}

/* Runs one command to its end; returns its exit status, 128+N for signal N. */
static int run_command(const struct cc_command *cmd)
{
    pid_t pid = fork();
    if (pid < 0) {
        fail("cannot start %s: %s", cmd->argv[0], strerror(errno));
        return EXIT_USAGE;
    }
    if (pid == 0) {
        execvp(cmd->argv[0], cmd->argv);
        fprintf(stderr, "interleave %s: cannot run %s: %s\n", lang->name, cmd->argv[0],
                strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            fail("waiting for %s: %s", cmd->argv[0], strerror(errno));
            return EXIT_USAGE;
        }
        if (got_signal)
            kill(pid, got_signal);
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return EXIT_USAGE;
}

static void print_plan(const struct cc_plan *plan)
{
    for (int i = 0; i < plan->ncommands; i++) {
        size_t need = cc_command_format(&plan->commands[i], NULL, 0);
        char *line = malloc(need + 1);
        if (!line)
            return;
        cc_command_format(&plan->commands[i], line, need + 1);
        puts(line);
        free(line);
    }
    fflush(stdout);
}

/* Creates the temporary objects of a compile-and-link (names only when dry). */
static int make_temps(int n, bool dry, char **temps)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    for (int i = 0; i < n; i++) {
        char name[4096];
        if (dry)
            snprintf(name, sizeof(name), "%s/interleave-cc-XXXXXX-%d.o", dir, i);
        else
            snprintf(name, sizeof(name), "%s/interleave-cc-XXXXXX.o", dir);
        temps[i] = strdup(name);
        if (!temps[i])
            return fail("out of memory");
        if (dry)
            continue;
        int fd = mkstemps(temps[i], 2);
        if (fd < 0) {
            int err = errno;
            free(temps[i]);
            temps[i] = NULL;
            return fail("cannot create a temporary object in %s: %s", dir, strerror(err));
        }
        close(fd);
    }
    return 0;
}

static void remove_temps(int n, bool dry, char **temps)
{
    for (int i = 0; i < n; i++) {
        if (temps[i] && !dry)
            unlink(temps[i]);
        free(temps[i]);
        temps[i] = NULL;
    }
}

/* An object compiled without instrumentation links and runs, and its races go
 * unseen: say so (a warning: mixing in plain objects can be deliberate). */
static void warn_plain_object(const char *path, void *ctx)
{
    (void)ctx;
    if (objcheck_file(path) == OBJCHECK_PLAIN)
        fprintf(stderr,
                "interleave cc: warning: %s has no -fsanitize=thread instrumentation (it was "
                "not compiled with interleave cc): races in its code will not be seen\n",
                path);
}

static bool env_true(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

/* Both subcommands: argv as cmd_cc's, language says which one. */
static int drive(const struct cc_language *language, int argc, char **argv)
{
    lang = language;
    int nargs = 0;
    bool dry = env_true("INTERLEAVE_CC_DRYRUN");
    char **args = calloc((size_t)(argc > 0 ? argc : 1), sizeof(*args));
    if (!args)
        return fail("out of memory");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], DRY_RUN_FLAG) == 0)
            dry = true;
        else if (strcmp(argv[i], "--interleave-help") == 0 ||
                 (argc == 2 && strcmp(argv[i], "--help") == 0)) {
            help();
            free(args);
            return 0;
        } else
            args[nargs++] = argv[i];
    }

    int rc = 0, ntemps = 0;
    char compiler[4096], rtlib[4096] = "";
    char **temps = NULL;
    struct cc_plan plan = {0};
    struct cc_analysis an;
    if ((rc = choose_compiler(compiler, sizeof(compiler))) != 0)
        goto out;
    cc_analyze(nargs, args, &an);
    if (an.needs_runtime && an.static_link) {
        rc = fail("-static is not supported: interleave's runtime reaches libc through the "
                  "dynamic linker; link dynamically (-static-libgcc and -static-libstdc++ are "
                  "fine)");
        goto out;
    }
    bool links = an.mode == CC_MODE_LINK || an.mode == CC_MODE_COMPILE_LINK;
    if (links) {
        if (paths_rtlib_dir(rtlib, sizeof(rtlib)) < 0) {
            rc = fail("cannot locate interleave's lib directory: set INTERLEAVE_RTLIB_DIR");
            goto out;
        }
        if ((an.needs_runtime && (!paths_file_exists(rtlib, "libinterleave_rt.a") ||
                                  !paths_file_exists(rtlib, "libinterleave_rt.syms"))) ||
            !paths_file_exists(rtlib, "gcc-link/libtsan.so")) {
            rc = fail("runtime library not found in %s: run `make` first (or set "
                      "INTERLEAVE_RTLIB_DIR)",
                      rtlib);
            goto out;
        }
    }
    ntemps = an.mode == CC_MODE_COMPILE_LINK ? an.nsources : 0;
    temps = calloc((size_t)(ntemps > 0 ? ntemps : 1), sizeof(*temps));
    if (!temps) {
        rc = fail("out of memory");
        goto out;
    }
    if ((rc = make_temps(ntemps, dry, temps)) != 0)
        goto out;
    struct cc_config cfg = {
        .compiler = compiler,
        .kind = detect_kind(compiler),
        .rtlib_dir = rtlib,
    };
    if (cc_plan_build(&cfg, nargs, args, temps, &plan) < 0) {
        rc = fail("out of memory");
        goto out;
    }
    if (dry) {
        print_plan(&plan);
        goto out;
    }
    if (links)
        cc_each_object(nargs, args, warn_plain_object, NULL);
    if (plan.ncommands == 1 && ntemps == 0) {
        execvp(plan.commands[0].argv[0], plan.commands[0].argv);
        rc = fail("cannot run %s: %s", compiler, strerror(errno));
        goto out;
    }
    catch_signals();
    for (int i = 0; i < plan.ncommands && rc == 0 && !got_signal; i++)
        rc = run_command(&plan.commands[i]);
out:
    if (temps)
        remove_temps(ntemps, dry, temps);
    free(temps);
    cc_plan_free(&plan);
    free(args);
    if (got_signal) {
        signal(got_signal, SIG_DFL);
        raise(got_signal);
    }
    return rc;
}

int cmd_cc(int argc, char **argv)
{
    return drive(&cc_language_c, argc, argv);
}

int cmd_cxx(int argc, char **argv)
{
    return drive(&cc_language_cxx, argc, argv);
}
