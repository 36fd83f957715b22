/* A bounded text formatter over a caller-owned buffer: strings, decimals,
 * hex. Async-signal-safe (no malloc, no locale, no stdio); output past the
 * buffer is dropped and remembered in `overflow`. Used by the runtime to write
 * the findings stream and diagnostics. */
#ifndef ILV_BASE_FMT_H
#define ILV_BASE_FMT_H

#include "base/types.h"

struct fmtbuf {
    char *p;
    size_t len;
    size_t cap;
    bool overflow;
};

static inline struct fmtbuf fmt_init(char *mem, size_t cap)
{
    return (struct fmtbuf){ .p = mem, .len = 0, .cap = cap, .overflow = false };
}

void fmt_str(struct fmtbuf *b, const char *s);
void fmt_char(struct fmtbuf *b, char c);
void fmt_dec(struct fmtbuf *b, u64 v);
void fmt_hex(struct fmtbuf *b, u64 v); /* with 0x prefix */
/* Writes the buffer to fd (retrying short writes, EINTR) and empties it. */
void fmt_flush(struct fmtbuf *b, int fd);

#endif
