#include "base/check.h"

#include "base/fmt.h"
#include "base/sys.h"

void check_fail(const char *file, int line, const char *cond)
{
    char mem[512];
    struct fmtbuf b = fmt_init(mem, sizeof mem);
    fmt_str(&b, "interleave: internal error: ");
    fmt_str(&b, file);
    fmt_str(&b, ":");
    fmt_dec(&b, (u64)line);
    fmt_str(&b, ": CHECK(");
    fmt_str(&b, cond);
    fmt_str(&b, ") failed; please report this bug\n");
    fmt_flush(&b, 2);
    sys_abort();
}
