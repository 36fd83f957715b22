/* Unit tests of the compiler driver's planning (src/driver/cc.c): which
 * commands an `interleave cc` line becomes, without running any of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "driver/cc.h"

#define ARGS(...) ((char *[]){__VA_ARGS__, NULL})
#define NARGS(...) ((int)(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *)))

static char *const temps[] = {"/tmp/T0.o", "/tmp/T1.o", "/tmp/T2.o", "/tmp/T3.o"};

static const struct cc_config gcc_cfg = {"gcc", CC_COMPILER_GCC, "/rt"};
static const struct cc_config clang_cfg = {"clang", CC_COMPILER_CLANG, "/rt"};
static const struct cc_config gxx_cfg = {"g++", CC_COMPILER_GCC, "/rt"};
static const struct cc_config clangxx_cfg = {"clang++", CC_COMPILER_CLANG, "/rt"};

/* gcc links keep -fsanitize=thread (for -flto code) and find the empty libtsan first. */
#define GCC_LINK " -fsanitize=thread -B/rt/gcc-link/"

static const char *const runtime_flags =
    GCC_LINK " -Wl,--whole-archive /rt/libinterleave_rt.a -Wl,--no-whole-archive"
             " -Wl,--dynamic-list=/rt/libinterleave_rt.syms -lpthread -ldl -lrt";

/* Plans args and returns command i as one line (static buffer). */
static const char *line_of(const struct cc_plan *plan, int i)
{
    static char buf[4096];
    assert_true(i < plan->ncommands);
    size_t n = cc_command_format(&plan->commands[i], buf, sizeof(buf));
    assert_true(n < sizeof(buf));
    return buf;
}

static void plan_of(const struct cc_config *cfg, int nargs, char **args, struct cc_plan *plan)
{
    assert_int_equal(cc_plan_build(cfg, nargs, args, temps, plan), 0);
}

#define PLAN(cfg, plan, ...) plan_of(cfg, NARGS(__VA_ARGS__), ARGS(__VA_ARGS__), plan)

static bool contains(const struct cc_command *cmd, const char *arg)
{
    for (int i = 0; i < cmd->argc; i++)
        if (strcmp(cmd->argv[i], arg) == 0)
            return true;
    return false;
}

static void test_compile_only_gcc(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gcc_cfg, &plan, "-O1", "-c", "a.c", "-o", "a.o");
    assert_int_equal(plan.analysis.mode, CC_MODE_COMPILE);
    assert_false(plan.analysis.needs_runtime);
    assert_int_equal(plan.ncommands, 1);
    assert_string_equal(line_of(&plan, 0),
                        "gcc -O1 -c a.c -o a.o -fsanitize=thread -g -fno-omit-frame-pointer");
    cc_plan_free(&plan);
}

static void test_compile_only_clang(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&clang_cfg, &plan, "-c", "a.c");
    assert_int_equal(plan.ncommands, 1);
    assert_string_equal(line_of(&plan, 0),
                        "clang -c a.c -fsanitize=thread -g -fno-omit-frame-pointer -mllvm "
                        "-tsan-instrument-read-before-write=1 -Wthread-safety -gdwarf-aranges");
    cc_plan_free(&plan);
}

static void test_clang_user_read_before_write_not_doubled(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&clang_cfg, &plan, "-c", "a.c", "-mllvm", "-tsan-instrument-read-before-write=0");
    const struct cc_command *c = &plan.commands[0];
    int n = 0;
    for (int i = 0; i < c->argc; i++)
        n += strcmp(c->argv[i], "-mllvm") == 0;
    assert_int_equal(n, 1);
    cc_plan_free(&plan);
}

static void test_assembly_and_syntax_only_are_compiles(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gcc_cfg, &plan, "-S", "a.c");
    assert_int_equal(plan.analysis.mode, CC_MODE_COMPILE);
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-fsyntax-only", "a.c");
    assert_int_equal(plan.analysis.mode, CC_MODE_COMPILE);
    cc_plan_free(&plan);
}

static void test_preprocess_adds_only_sanitize(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&clang_cfg, &plan, "-E", "-dM", "a.c");
    assert_int_equal(plan.analysis.mode, CC_MODE_PREPROCESS);
    assert_string_equal(line_of(&plan, 0), "clang -E -dM a.c -fsanitize=thread");
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-MM", "a.c");
    assert_int_equal(plan.analysis.mode, CC_MODE_PREPROCESS);
    cc_plan_free(&plan);
}

static void test_passthrough_without_inputs(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gcc_cfg, &plan, "--version");
    assert_int_equal(plan.analysis.mode, CC_MODE_PASSTHROUGH);
    assert_string_equal(line_of(&plan, 0), "gcc --version");
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-v");
    assert_string_equal(line_of(&plan, 0), "gcc -v");
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-print-prog-name=ld");
    assert_string_equal(line_of(&plan, 0), "gcc -print-prog-name=ld");
    cc_plan_free(&plan);
}

static void test_link_objects_gets_runtime(void **state)
{
    (void)state;
    struct cc_plan plan;
    char expect[1024];
    PLAN(&gcc_cfg, &plan, "a.o", "b.o", "-o", "prog", "-L/x", "-lm");
    assert_int_equal(plan.analysis.mode, CC_MODE_LINK);
    assert_true(plan.analysis.needs_runtime);
    snprintf(expect, sizeof(expect), "gcc a.o b.o -o prog -L/x -lm%s", runtime_flags);
    assert_string_equal(line_of(&plan, 0), expect);
    cc_plan_free(&plan);
}

static void test_link_drops_user_tsan(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&clang_cfg, &plan, "-fsanitize=thread", "a.o", "-fsanitize=undefined,thread");
    assert_int_equal(plan.ncommands, 1);
    assert_false(contains(&plan.commands[0], "-fsanitize=thread"));
    assert_true(contains(&plan.commands[0], "-fsanitize=undefined"));
    cc_plan_free(&plan);
    /* gcc: the user's -fsanitize=thread goes, the driver's own (with -B) stays, once. */
    PLAN(&gcc_cfg, &plan, "-fsanitize=thread", "a.o", "-fsanitize=undefined,thread");
    const struct cc_command *c = &plan.commands[0];
    int n = 0;
    for (int i = 0; i < c->argc; i++)
        n += strcmp(c->argv[i], "-fsanitize=thread") == 0;
    assert_int_equal(n, 1);
    assert_true(contains(c, "-B/rt/gcc-link/"));
    assert_true(contains(c, "-fsanitize=undefined"));
    cc_plan_free(&plan);
}

static void test_lto_and_static(void **state)
{
    (void)state;
    struct cc_plan plan;
    /* clang generates LTO code at the link: it needs the aranges option there. */
    PLAN(&clang_cfg, &plan, "-O2", "-flto=thin", "a.o", "-o", "p");
    assert_true(plan.analysis.lto);
    assert_true(contains(&plan.commands[0], "-Wl,-plugin-opt=-generate-arange-section"));
    cc_plan_free(&plan);
    PLAN(&clang_cfg, &plan, "-flto", "-fno-lto", "a.o", "-o", "p");
    assert_false(plan.analysis.lto);
    assert_false(contains(&plan.commands[0], "-Wl,-plugin-opt=-generate-arange-section"));
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-flto", "a.c", "-o", "p");
    assert_true(plan.analysis.lto);
    assert_true(contains(&plan.commands[1], "-fsanitize=thread"));
    assert_true(contains(&plan.commands[1], "-flto"));
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-static", "a.o", "-o", "p");
    assert_true(plan.analysis.static_link);
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-static-libgcc", "a.o", "-o", "p");
    assert_false(plan.analysis.static_link);
    cc_plan_free(&plan);
}

static void test_compile_and_link_is_split(void **state)
{
    (void)state;
    struct cc_plan plan;
    char expect[1024];
    PLAN(&gcc_cfg, &plan, "-O1", "-DX=1", "-Iinc", "-pthread", "a.c", "b.c", "x.o", "-o", "prog",
         "-lm", "-Wl,-z,now");
    assert_int_equal(plan.analysis.mode, CC_MODE_COMPILE_LINK);
    assert_int_equal(plan.analysis.nsources, 2);
    assert_int_equal(plan.analysis.ninputs, 1);
    assert_int_equal(plan.ncommands, 3);
    assert_string_equal(line_of(&plan, 0), "gcc -O1 -DX=1 -Iinc -pthread a.c -c -o /tmp/T0.o "
                                           "-fsanitize=thread -g -fno-omit-frame-pointer");
    assert_string_equal(line_of(&plan, 1), "gcc -O1 -DX=1 -Iinc -pthread b.c -c -o /tmp/T1.o "
                                           "-fsanitize=thread -g -fno-omit-frame-pointer");
    snprintf(expect, sizeof(expect),
             "gcc -O1 -pthread /tmp/T0.o /tmp/T1.o x.o -o prog -lm -Wl,-z,now%s", runtime_flags);
    assert_string_equal(line_of(&plan, 2), expect);
    cc_plan_free(&plan);
}

static void test_split_link_never_sees_tsan(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&clang_cfg, &plan, "-fsanitize=thread", "a.c", "-o", "prog");
    assert_int_equal(plan.ncommands, 2);
    assert_true(contains(&plan.commands[0], "-fsanitize=thread"));
    assert_true(contains(&plan.commands[0], "-Wthread-safety"));
    assert_false(contains(&plan.commands[1], "-fsanitize=thread"));
    assert_false(contains(&plan.commands[1], "-mllvm"));
    assert_true(contains(&plan.commands[1], "/rt/libinterleave_rt.a"));
    cc_plan_free(&plan);
}

static void test_link_only_flags_stay_out_of_compile(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&clang_cfg, &plan, "a.c", "-L/lib", "-lfoo", "-rdynamic", "-Xlinker", "--foo",
         "-fuse-ld=bfd", "-static-libgcc", "-Tlink.ld", "-T", "other.ld");
    const struct cc_command *c = &plan.commands[0];
    for (int i = 0; i < c->argc; i++) {
        assert_true(strncmp(c->argv[i], "-L", 2) != 0);
        assert_true(strncmp(c->argv[i], "-l", 2) != 0);
    }
    assert_false(contains(c, "-rdynamic"));
    assert_false(contains(c, "--foo"));
    assert_false(contains(c, "-fuse-ld=bfd"));
    assert_false(contains(c, "-static-libgcc"));
    assert_false(contains(c, "-Tlink.ld"));
    assert_false(contains(c, "other.ld"));
    assert_true(contains(&plan.commands[1], "--foo"));
    assert_true(contains(&plan.commands[1], "-rdynamic"));
    cc_plan_free(&plan);
}

static void test_shared_has_no_runtime(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gcc_cfg, &plan, "-shared", "-fPIC", "lib.c", "-o", "libx.so");
    assert_int_equal(plan.analysis.mode, CC_MODE_COMPILE_LINK);
    assert_true(plan.analysis.shared);
    assert_false(plan.analysis.needs_runtime);
    assert_int_equal(plan.ncommands, 2);
    assert_string_equal(line_of(&plan, 0), "gcc -fPIC lib.c -c -o /tmp/T0.o -fsanitize=thread -g "
                                           "-fno-omit-frame-pointer");
    assert_string_equal(line_of(&plan, 1), "gcc -shared -fPIC /tmp/T0.o -o libx.so" GCC_LINK);
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-r", "a.o", "b.o", "-o", "ab.o");
    assert_false(plan.analysis.needs_runtime);
    cc_plan_free(&plan);
}

static void test_language_option(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gcc_cfg, &plan, "-x", "c", "prog.txt", "-x", "none", "z.o", "-o", "p");
    assert_int_equal(plan.analysis.nsources, 1);
    assert_int_equal(plan.analysis.ninputs, 1);
    assert_string_equal(line_of(&plan, 0), "gcc -x c prog.txt -c -o /tmp/T0.o -fsanitize=thread "
                                           "-g -fno-omit-frame-pointer");
    assert_false(contains(&plan.commands[1], "-x"));
    assert_true(contains(&plan.commands[1], "z.o"));
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-xc", "-", "-o", "p");
    assert_int_equal(plan.analysis.nsources, 1);
    assert_string_equal(line_of(&plan, 0), "gcc -x c - -c -o /tmp/T0.o -fsanitize=thread -g "
                                           "-fno-omit-frame-pointer");
    cc_plan_free(&plan);
}

static void test_stdin_source(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gcc_cfg, &plan, "-x", "c", "-E", "-");
    assert_int_equal(plan.analysis.mode, CC_MODE_PREPROCESS);
    assert_string_equal(line_of(&plan, 0), "gcc -x c -E - -fsanitize=thread");
    cc_plan_free(&plan);
}

static void test_dependency_flags_compile(void **state)
{
    (void)state;
    struct cc_plan plan;
    /* CMake's style: passed through unchanged. */
    PLAN(&gcc_cfg, &plan, "-MD", "-MT", "a.o", "-MF", "a.o.d", "-o", "a.o", "-c", "a.c");
    assert_string_equal(line_of(&plan, 0), "gcc -MD -MT a.o -MF a.o.d -o a.o -c a.c "
                                           "-fsanitize=thread -g -fno-omit-frame-pointer");
    cc_plan_free(&plan);
}

static void test_dependency_flags_split(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gcc_cfg, &plan, "-MMD", "-MP", "a.c", "-o", "out/prog.x");
    assert_string_equal(line_of(&plan, 0),
                        "gcc -MMD -MP a.c -c -o /tmp/T0.o -MF out/prog.d -MT out/prog.x "
                        "-fsanitize=thread -g -fno-omit-frame-pointer");
    assert_false(contains(&plan.commands[1], "-MMD"));
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-MD", "src/a.c");
    assert_string_equal(line_of(&plan, 0), "gcc -MD src/a.c -c -o /tmp/T0.o -MF a.d -MT a.o "
                                           "-fsanitize=thread -g -fno-omit-frame-pointer");
    cc_plan_free(&plan);
    PLAN(&gcc_cfg, &plan, "-MD", "-MF", "deps.d", "a.c", "-o", "p");
    assert_string_equal(line_of(&plan, 0), "gcc -MD -MF deps.d a.c -c -o /tmp/T0.o -MT p "
                                           "-fsanitize=thread -g -fno-omit-frame-pointer");
    cc_plan_free(&plan);
}

static void test_separate_values_are_not_files(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gcc_cfg, &plan, "-I", "inc.c", "-include", "pre.h", "-o", "x.c", "a.o");
    /* inc.c, pre.h and x.c are option values, not sources. */
    assert_int_equal(plan.analysis.nsources, 0);
    assert_int_equal(plan.analysis.mode, CC_MODE_LINK);
    cc_plan_free(&plan);
}

static void test_archives_and_shared_objects_are_inputs(void **state)
{
    (void)state;
    struct cc_analysis an;
    cc_analyze(3, ARGS("main.c", "libx.a", "liby.so.1"), &an);
    assert_int_equal(an.nsources, 1);
    assert_int_equal(an.ninputs, 2);
    assert_int_equal(an.mode, CC_MODE_COMPILE_LINK);
    assert_true(an.needs_runtime);
}

static void test_kind_from_version(void **state)
{
    (void)state;
    assert_int_equal(cc_kind_from_version("gcc (Debian 12.2.0-14) 12.2.0\n"), CC_COMPILER_GCC);
    assert_int_equal(cc_kind_from_version("Debian clang version 14.0.6\nTarget: x86_64"),
                     CC_COMPILER_CLANG);
    assert_int_equal(cc_kind_from_version(""), CC_COMPILER_GCC);
    assert_int_equal(cc_kind_from_version(NULL), CC_COMPILER_GCC);
}

static void test_format_quotes(void **state)
{
    (void)state;
    char *argv[] = {"gcc", "-DMSG=\"a b\"", "it's", "", NULL};
    struct cc_command cmd = {.argc = 4, .argv = argv};
    char buf[128];
    cc_command_format(&cmd, buf, sizeof(buf));
    assert_string_equal(buf, "gcc '-DMSG=\"a b\"' 'it'\\''s' ''");
    char small[8];
    size_t need = cc_command_format(&cmd, small, sizeof(small));
    assert_int_equal(need, strlen(buf));
    assert_string_equal(small, "gcc '-D");
}

/* --- C++ ------------------------------------------------------------------------- */

static void test_cxx_source_suffixes(void **state)
{
    (void)state;
    /* What g++ compiles by suffix: sources, preprocessed C++, headers to precompile. */
    static const char *const sources[] = {
        "a.cc", "a.cp", "a.cxx", "a.cpp", "a.CPP", "a.c++", "a.C",   "a.ii",        "a.hh",
        "a.H",  "a.hp", "a.hxx", "a.hpp", "a.HPP", "a.h++", "a.tcc", "dir.v2/a.cpp"};
    for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
        struct cc_analysis an;
        char *args[] = {(char *)sources[i], "-o", "prog", NULL};
        cc_analyze(3, args, &an);
        assert_int_equal(an.nsources, 1);
        assert_int_equal(an.ninputs, 0);
        assert_int_equal(an.mode, CC_MODE_COMPILE_LINK);
    }
    /* Not sources: objects, libraries, a dot in a directory name only, a bare dot. */
    static const char *const inputs[] = {"a.o",          "liba.a", "liba.so",
                                         "dir.cpp/prog", ".cpp",   "a.cppm"};
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        struct cc_analysis an;
        char *args[] = {(char *)inputs[i], "-o", "prog", NULL};
        cc_analyze(3, args, &an);
        assert_int_equal(an.nsources, 0);
        assert_int_equal(an.ninputs, 1);
        assert_int_equal(an.mode, CC_MODE_LINK);
    }
}

static void test_cxx_compile_and_link_gxx(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gxx_cfg, &plan, "-std=c++17", "-O1", "main.cpp", "part.cc", "c_part.o", "-o", "prog",
         "-static-libstdc++");
    assert_int_equal(plan.analysis.mode, CC_MODE_COMPILE_LINK);
    assert_int_equal(plan.analysis.nsources, 2);
    assert_int_equal(plan.ncommands, 3);
    assert_string_equal(line_of(&plan, 0), "g++ -std=c++17 -O1 main.cpp -c -o /tmp/T0.o "
                                           "-fsanitize=thread -g -fno-omit-frame-pointer");
    assert_string_equal(line_of(&plan, 1), "g++ -std=c++17 -O1 part.cc -c -o /tmp/T1.o "
                                           "-fsanitize=thread -g -fno-omit-frame-pointer");
    /* g++ links libstdc++ itself; -std= stays out of the link, -static-libstdc++ in it */
    char want[1024];
    snprintf(want, sizeof(want), "g++ -O1 /tmp/T0.o /tmp/T1.o c_part.o -o prog -static-libstdc++%s",
             runtime_flags);
    assert_string_equal(line_of(&plan, 2), want);
    cc_plan_free(&plan);
}

static void test_cxx_compile_clangxx(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&clangxx_cfg, &plan, "-stdlib=libstdc++", "-nostdinc++", "-c", "a.cpp");
    assert_int_equal(plan.analysis.mode, CC_MODE_COMPILE);
    assert_string_equal(line_of(&plan, 0),
                        "clang++ -stdlib=libstdc++ -nostdinc++ -c a.cpp -fsanitize=thread -g "
                        "-fno-omit-frame-pointer -mllvm -tsan-instrument-read-before-write=1 "
                        "-Wthread-safety -gdwarf-aranges");
    cc_plan_free(&plan);
}

static void test_cxx_only_flags_split(void **state)
{
    (void)state;
    struct cc_plan plan;
    /* -nostdinc++ is for the compile, -nostdlib++ for the link; -x c++ names the language */
    PLAN(&clangxx_cfg, &plan, "-nostdinc++", "-x", "c++", "prog.txt", "-nostdlib++", "-lstdc++",
         "-o", "p");
    assert_int_equal(plan.analysis.nsources, 1);
    assert_int_equal(plan.ncommands, 2);
    assert_true(contains(&plan.commands[0], "-nostdinc++"));
    assert_false(contains(&plan.commands[0], "-nostdlib++"));
    assert_false(contains(&plan.commands[0], "-lstdc++"));
    assert_true(contains(&plan.commands[0], "c++"));
    assert_false(contains(&plan.commands[1], "-nostdinc++"));
    assert_true(contains(&plan.commands[1], "-nostdlib++"));
    assert_true(contains(&plan.commands[1], "-lstdc++"));
    assert_false(contains(&plan.commands[1], "-fsanitize=thread"));
    cc_plan_free(&plan);
}

static void test_languages(void **state)
{
    (void)state;
    assert_string_equal(cc_language_c.name, "cc");
    assert_string_equal(cc_language_c.link_name, "interleave-cc");
    assert_string_equal(cc_language_c.env, "INTERLEAVE_CC");
    assert_string_equal(cc_language_c.defaults[0], "gcc");
    assert_string_equal(cc_language_c.defaults[1], "clang");
    assert_string_equal(cc_language_cxx.name, "c++");
    assert_string_equal(cc_language_cxx.link_name, "interleave-c++");
    assert_string_equal(cc_language_cxx.env, "INTERLEAVE_CXX");
    assert_string_equal(cc_language_cxx.make_var, "CXX");
    assert_string_equal(cc_language_cxx.cmake_lang, "CXX");
    assert_string_equal(cc_language_cxx.defaults[0], "g++");
    assert_string_equal(cc_language_cxx.defaults[1], "clang++");
    assert_string_equal(cc_language_cxx.defaults[2], "c++");
}

static void test_plan_free_twice(void **state)
{
    (void)state;
    struct cc_plan plan;
    PLAN(&gcc_cfg, &plan, "a.c");
    cc_plan_free(&plan);
    cc_plan_free(&plan);
    assert_int_equal(plan.ncommands, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compile_only_gcc),
        cmocka_unit_test(test_compile_only_clang),
        cmocka_unit_test(test_clang_user_read_before_write_not_doubled),
        cmocka_unit_test(test_assembly_and_syntax_only_are_compiles),
        cmocka_unit_test(test_preprocess_adds_only_sanitize),
        cmocka_unit_test(test_passthrough_without_inputs),
        cmocka_unit_test(test_link_objects_gets_runtime),
        cmocka_unit_test(test_link_drops_user_tsan),
        cmocka_unit_test(test_compile_and_link_is_split),
        cmocka_unit_test(test_split_link_never_sees_tsan),
        cmocka_unit_test(test_link_only_flags_stay_out_of_compile),
        cmocka_unit_test(test_shared_has_no_runtime),
        cmocka_unit_test(test_language_option),
        cmocka_unit_test(test_stdin_source),
        cmocka_unit_test(test_dependency_flags_compile),
        cmocka_unit_test(test_dependency_flags_split),
        cmocka_unit_test(test_separate_values_are_not_files),
        cmocka_unit_test(test_archives_and_shared_objects_are_inputs),
        cmocka_unit_test(test_kind_from_version),
        cmocka_unit_test(test_lto_and_static),
        cmocka_unit_test(test_format_quotes),
        cmocka_unit_test(test_plan_free_twice),
        cmocka_unit_test(test_cxx_source_suffixes),
        cmocka_unit_test(test_cxx_compile_and_link_gxx),
        cmocka_unit_test(test_cxx_compile_clangxx),
        cmocka_unit_test(test_cxx_only_flags_split),
        cmocka_unit_test(test_languages),
    };
    return cmocka_run_group_tests_name("cc_args", tests, NULL, NULL);
}
