/* options: INTERLEAVE_OPTIONS read in place, of any length: words are found by pointer
 * and length, never copied except the values of str options (into fixed slots), so
 * nothing is allocated and no word is cut off. A bad value stops the program with one
 * line, exit status 2: running with seed 0 instead of `seed=abc` would be a false run. */
#include "rt/options.h"

#include "base/fmt.h"
#include "base/mem.h"
#include "base/optval.h"
#include "os/os.h"

#include <stdint.h>
#include <unistd.h>

struct rt_options g_opt;

#define STR_MAX OPTVAL_STR_MAX

#define slot_num(name)
#define slot_flag(name)
#define slot_str(name) static char str_##name[STR_MAX];
#define X(name, type, def, min, max, help) slot_##type(name)
#include "rt/options.def"
#undef X

static void set_default(void)
{
#define num(v) (u64)(v)
#define flag(v) (v) != 0
#define str(v) v
#define X(name, type, def, min, max, help) g_opt.name = type(def);
#include "rt/options.def"
#undef X
#undef num
#undef flag
#undef str
}

static bool is_sep(char c)
{
    return c == ' ' || c == ',' || c == ':';
}

static void put_n(struct fmtbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n && i < 80; i++)
        fmt_char(b, s[i]);
    if (n > 80)
        fmt_str(b, "...");
}

static void unknown(const char *key, size_t n)
{
    char mem[256];
    struct fmtbuf b = fmt_init(mem, sizeof mem);
    fmt_str(&b, "interleave: unknown option '");
    put_n(&b, key, n);
    fmt_str(&b, "' in INTERLEAVE_OPTIONS (ignored; see 'interleave run --help')\n");
    fmt_flush(&b, 2);
}

/* "interleave: INTERLEAVE_OPTIONS: history needs a number from 1 to 1000000, not '-1'"
 * (the words of src/cli/args.c), then exit status 2. */
static void refuse(const char *name, const char *type, u64 min, u64 max, const char *v, size_t n)
{
    char mem[512];
    struct fmtbuf b = fmt_init(mem, sizeof mem);
    fmt_str(&b, "interleave: INTERLEAVE_OPTIONS: ");
    fmt_str(&b, name);
    if (str_cmp(type, "flag") == 0) {
        fmt_str(&b, " needs 0 or 1");
    } else if (str_cmp(type, "str") == 0) {
        fmt_str(&b, " needs a value of 1 to ");
        fmt_dec(&b, STR_MAX - 1);
        fmt_str(&b, " characters");
    } else if (min == 0 && max == UINT64_MAX) {
        fmt_str(&b, " needs a number");
    } else {
        fmt_str(&b, " needs a number from ");
        fmt_dec(&b, min);
        fmt_str(&b, " to ");
        fmt_dec(&b, max);
    }
    fmt_str(&b, ", not '");
    put_n(&b, v, n);
    fmt_str(&b, "'\n");
    fmt_flush(&b, 2);
    os_exit(2);
}

static bool get_str(const char *s, size_t n, char *slot, const char **out)
{
    if (n == 0 || n >= STR_MAX)
        return false;
    mem_copy(slot, s, n);
    slot[n] = 0;
    *out = slot;
    return true;
}

/* Sets the option key[0..kn) from v[0..vn); false when no option has that name. */
static bool set(const char *key, size_t kn, const char *v, size_t vn)
{
#define get_num_(name, min, max) optval_number(v, vn, (u64)(min), (u64)(max), &g_opt.name)
#define get_flag_(name, min, max) optval_flag(v, vn, &g_opt.name)
#define get_str_(name, min, max) get_str(v, vn, str_##name, &g_opt.name)
#define X(name, type, def, min, max, help)                                                         \
    if (optval_is(key, kn, #name)) {                                                               \
        if (!get_##type##_(name, min, max))                                                        \
            refuse(#name, #type, (u64)(min), (u64)(max), v, vn);                                   \
        return true;                                                                               \
    }
#include "rt/options.def"
#undef X
#undef get_num_
#undef get_flag_
#undef get_str_
    return false;
}

void options_parse(const char *env)
{
    set_default();
    if (!env)
        return;
    const char *p = env;
    while (*p) {
        while (is_sep(*p))
            p++;
        if (!*p)
            break;
        const char *word = p;
        while (*p && !is_sep(*p))
            p++;
        const char *eq = mem_chr(word, '=', (size_t)(p - word));
        if (!eq) {
            unknown(word, (size_t)(p - word));
            continue;
        }
        if (!set(word, (size_t)(eq - word), eq + 1, (size_t)(p - eq - 1)))
            unknown(word, (size_t)(eq - word));
    }
}
