#include "base/fmt.h"

#include "base/sys.h"

#include <errno.h>

void fmt_char(struct fmtbuf *b, char c)
{
    if (b->len < b->cap)
        b->p[b->len++] = c;
    else
        b->overflow = true;
}

void fmt_str(struct fmtbuf *b, const char *s)
{
    while (*s)
        fmt_char(b, *s++);
}

void fmt_dec(struct fmtbuf *b, u64 v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        fmt_char(b, tmp[--n]);
}

void fmt_hex(struct fmtbuf *b, u64 v)
{
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    fmt_str(b, "0x");
    while (n)
        fmt_char(b, tmp[--n]);
}

void fmt_flush(struct fmtbuf *b, int fd)
{
    size_t off = 0;
    int saved = errno;
    while (off < b->len) {
        long n = sys_write(fd, b->p + off, b->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    b->len = 0;
    errno = saved;
}
