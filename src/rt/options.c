#include "rt/options.h"

#include "base/fmt.h"

#include <string.h>

struct rt_options g_opt;

static char optbuf[4096];

static u64 parse_num(const char *s)
{
    u64 v = 0;
    if (s[0] == '-')
        return (u64)-1;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (u64)(*s++ - '0');
    return v;
}

static void set_default(void)
{
#define num(v) (u64)(v)
#define flag(v) (v) != 0
#define str(v) v
#define X(name, type, def, help) g_opt.name = type(def);
#include "rt/options.def"
#undef X
#undef num
#undef flag
#undef str
}

static void unknown(const char *key)
{
    char mem[256];
    struct fmtbuf b = fmt_init(mem, sizeof mem);
    fmt_str(&b, "interleave: unknown option '");
    fmt_str(&b, key);
    fmt_str(&b, "' in INTERLEAVE_OPTIONS (ignored; see 'interleave run --help')\n");
    fmt_flush(&b, 2);
}

void options_parse(const char *env)
{
    set_default();
    if (!env)
        return;
    size_t n = strlen(env);
    if (n >= sizeof optbuf)
        n = sizeof optbuf - 1;
    memcpy(optbuf, env, n);
    optbuf[n] = 0;
    char *p = optbuf;
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == ':')
            p++;
        if (!*p)
            break;
        char *key = p;
        while (*p && *p != ' ' && *p != ',' && *p != ':')
            p++;
        if (*p)
            *p++ = 0;
        char *val = strchr(key, '=');
        if (!val) {
            unknown(key);
            continue;
        }
        *val++ = 0;
#define num(v) parse_num(v)
#define flag(v) ((v)[0] == '1' || (v)[0] == 't' || (v)[0] == 'y')
#define str(v) (v)
#define X(name, type, def, help)                                                                   \
    if (strcmp(key, #name) == 0) {                                                                 \
        g_opt.name = type(val);                                                                    \
        continue;                                                                                  \
    }
#include "rt/options.def"
#undef X
#undef num
#undef flag
#undef str
        unknown(key);
    }
}
