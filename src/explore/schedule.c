/* schedule: exec requests, prefixes, replay tokens, program identity. */
#define _GNU_SOURCE
#include "explore/schedule.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const policy_names[] = {
#define X(e, w) w,
    XPOLICY_LIST(X)
#undef X
};

const char *xpolicy_name(enum xpolicy p)
{
    return p < XP_COUNT ? policy_names[p] : "first";
}

void xreq_clear(struct xreq *r)
{
    free(r->prefix);
    memset(r, 0, sizeof *r);
}

int xreq_copy(struct xreq *dst, const struct xreq *src)
{
    *dst = *src;
    dst->prefix = NULL;
    if (src->nprefix) {
        dst->prefix = malloc(src->nprefix * sizeof *dst->prefix);
        if (!dst->prefix)
            return -ENOMEM;
        memcpy(dst->prefix, src->prefix, src->nprefix * sizeof *dst->prefix);
    }
    return 0;
}

int prefix_format(const uint32_t *p, size_t n, char **out)
{
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    if (!f)
        return -ENOMEM;
    if (n == 0)
        fputc('-', f);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && p[j] == p[i])
            j++;
        fprintf(f, "%s%" PRIu32 "*%zu", i ? "," : "", p[i], j - i);
        i = j;
    }
    if (fclose(f) != 0) {
        free(s);
        return -ENOMEM;
    }
    *out = s;
    return 0;
}

int prefix_parse(const char *s, size_t max, uint32_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (strcmp(s, "-") == 0 || !*s)
        return 0;
    uint32_t *p = NULL;
    size_t np = 0, cap = 0;
    while (*s) {
        char *e;
        errno = 0;
        unsigned long t = strtoul(s, &e, 10);
        if (e == s || *e != '*' || errno || t > UINT32_MAX)
            goto bad;
        s = e + 1;
        unsigned long long c = strtoull(s, &e, 10);
        if (e == s || c == 0 || errno)
            goto bad;
        s = e;
        if (*s == ',')
            s++;
        else if (*s)
            goto bad;
        if (np + c > max) {
            free(p);
            return -E2BIG;
        }
        if (np + c > cap) {
            size_t nc = cap ? cap : 64;
            while (nc < np + c)
                nc *= 2;
            uint32_t *q = realloc(p, nc * sizeof *q);
            if (!q) {
                free(p);
                return -ENOMEM;
            }
            p = q;
            cap = nc;
        }
        for (unsigned long long k = 0; k < c; k++)
            p[np++] = (uint32_t)t;
    }
    *out = p;
    *n = np;
    return 0;
bad:
    free(p);
    return -EBADMSG;
}

int xreq_format(const struct xreq *r, char **line, size_t *len)
{
    char *pre;
    if (prefix_format(r->prefix, r->nprefix, &pre) < 0)
        return -ENOMEM;
    char *s = NULL;
    int n = asprintf(&s,
                     "exec id=%" PRIu64 " policy=%s seed=%" PRIu64 " steps=%" PRIu64
                     " timeout_ms=%" PRIu32 " depth=%" PRIu32 " length=%" PRIu64 " prefix=%s\n",
                     r->id, xpolicy_name(r->policy), r->seed, r->steps, r->timeout_ms, r->depth,
                     r->length, pre);
    free(pre);
    if (n < 0)
        return -ENOMEM;
    *line = s;
    *len = (size_t)n;
    return 0;
}

static const char *word(const char *line, const char *key, char *buf, size_t len)
{
    size_t kl = strlen(key);
    for (const char *p = line; (p = strstr(p, key)); p++) {
        if ((p == line || p[-1] == ' ') && p[kl] == '=') {
            const char *v = p + kl + 1;
            size_t n = strcspn(v, " \n");
            if (n >= len)
                return NULL;
            memcpy(buf, v, n);
            buf[n] = '\0';
            return buf;
        }
    }
    return NULL;
}

int xreq_parse(const char *line, struct xreq *r)
{
    memset(r, 0, sizeof *r);
    if (strncmp(line, "exec ", 5) != 0)
        return -EBADMSG;
    char b[64];
    const char *keys[] = {"id", "seed", "steps", "timeout_ms", "depth", "length"};
    uint64_t v[6] = {0};
    for (int i = 0; i < 6; i++)
        if (word(line, keys[i], b, sizeof b))
            v[i] = strtoull(b, NULL, 10);
    r->id = v[0];
    r->seed = v[1];
    r->steps = v[2];
    r->timeout_ms = (uint32_t)v[3];
    r->depth = (uint32_t)v[4];
    r->length = v[5];
    if (word(line, "policy", b, sizeof b))
        for (int i = 0; i < XP_COUNT; i++)
            if (strcmp(b, policy_names[i]) == 0)
                r->policy = (enum xpolicy)i;
    const char *p = strstr(line, " prefix=");
    if (!p)
        return 0;
    p += 8;
    size_t n = strcspn(p, " \n");
    char *s = strndup(p, n);
    if (!s)
        return -ENOMEM;
    int rc = prefix_parse(s, (size_t)1 << 30, &r->prefix, &r->nprefix);
    free(s);
    return rc == -E2BIG ? -EBADMSG : rc;
}

/* ---- tokens: LEB128 varints, base64url without padding ----------------------------------- */

struct buf {
    uint8_t *p;
    size_t n, cap;
    bool oom;
};

static void put_byte(struct buf *b, uint8_t x)
{
    if (b->n == b->cap) {
        size_t c = b->cap ? b->cap * 2 : 64;
        uint8_t *q = realloc(b->p, c);
        if (!q) {
            b->oom = true;
            return;
        }
        b->p = q;
        b->cap = c;
    }
    b->p[b->n++] = x;
}

static void put_varint(struct buf *b, uint64_t v)
{
    do {
        uint8_t x = v & 0x7f;
        v >>= 7;
        put_byte(b, (uint8_t)(x | (v ? 0x80 : 0)));
    } while (v);
}

static int get_varint(const uint8_t *p, size_t n, size_t *pos, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*pos >= n)
            return -1;
        uint8_t x = p[(*pos)++];
        v |= (uint64_t)(x & 0x7f) << shift;
        if (!(x & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

static uint16_t check16(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return (uint16_t)(h ^ (h >> 16));
}

uint32_t xtoken_focus(const char *key)
{
    uint32_t h = 2166136261u;
    for (; *key; key++)
        h = (h ^ (uint8_t)*key) * 16777619u;
    return h ? h : 1;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#define TOKEN_MAGIC "ilv1-"

int xtoken_encode(const struct xtoken *t, char **out)
{
    struct buf b = {0};
    put_varint(&b, XTOKEN_VERSION);
    put_varint(&b, t->prog);
    put_varint(&b, (uint64_t)t->policy);
    put_varint(&b, t->seed);
    put_varint(&b, t->depth);
    put_varint(&b, t->steps);
    put_varint(&b, t->focus);
    size_t runs = 0;
    for (size_t i = 0; i < t->nprefix; i++)
        runs += i == 0 || t->prefix[i] != t->prefix[i - 1];
    put_varint(&b, runs);
    for (size_t i = 0; i < t->nprefix;) {
        size_t j = i;
        while (j < t->nprefix && t->prefix[j] == t->prefix[i])
            j++;
        put_varint(&b, t->prefix[i]);
        put_varint(&b, j - i);
        i = j;
    }
    uint16_t c = b.oom ? 0 : check16(b.p, b.n);
    put_byte(&b, (uint8_t)(c & 0xff));
    put_byte(&b, (uint8_t)(c >> 8));
    if (b.oom) {
        free(b.p);
        return -ENOMEM;
    }
    size_t olen = strlen(TOKEN_MAGIC) + (b.n * 4 + 2) / 3 + 1;
    char *s = malloc(olen);
    if (!s) {
        free(b.p);
        return -ENOMEM;
    }
    size_t k = (size_t)sprintf(s, "%s", TOKEN_MAGIC);
    for (size_t i = 0; i < b.n; i += 3) {
        uint32_t v = (uint32_t)b.p[i] << 16;
        if (i + 1 < b.n)
            v |= (uint32_t)b.p[i + 1] << 8;
        if (i + 2 < b.n)
            v |= b.p[i + 2];
        s[k++] = b64[(v >> 18) & 63];
        s[k++] = b64[(v >> 12) & 63];
        if (i + 1 < b.n)
            s[k++] = b64[(v >> 6) & 63];
        if (i + 2 < b.n)
            s[k++] = b64[v & 63];
    }
    s[k] = '\0';
    free(b.p);
    *out = s;
    return 0;
}

static int b64val(char c)
{
    const char *p = c ? strchr(b64, c) : NULL;
    return p ? (int)(p - b64) : -1;
}

int xtoken_decode(const char *s, struct xtoken *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    size_t ml = strlen(TOKEN_MAGIC);
    if (strncmp(s, "ilv", 3) == 0 && strncmp(s, TOKEN_MAGIC, ml) != 0 && strchr(s, '-')) {
        snprintf(err, errlen, "this replay token was made by another version of interleave");
        return -EBADMSG;
    }
    if (strncmp(s, TOKEN_MAGIC, ml) != 0) {
        snprintf(err, errlen, "not a replay token (they start with '%s')", TOKEN_MAGIC);
        return -EBADMSG;
    }
    s += ml;
    size_t n = strlen(s);
    if (n % 4 == 1) {
        snprintf(err, errlen, "malformed replay token (bad length)");
        return -EBADMSG;
    }
    uint8_t *p = malloc(n * 3 / 4 + 3);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -ENOMEM;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i += 4) {
        uint32_t v = 0;
        size_t k;
        for (k = 0; k < 4 && i + k < n; k++) {
            int d = b64val(s[i + k]);
            if (d < 0) {
                free(p);
                snprintf(err, errlen, "malformed replay token (character '%c')", s[i + k]);
                return -EBADMSG;
            }
            v |= (uint32_t)d << (18 - 6 * k);
        }
        p[m++] = (uint8_t)(v >> 16);
        if (k > 2)
            p[m++] = (uint8_t)(v >> 8);
        if (k > 3)
            p[m++] = (uint8_t)v;
    }
    if (m < 3 || check16(p, m - 2) != (uint16_t)(p[m - 2] | p[m - 1] << 8)) {
        free(p);
        snprintf(err, errlen, "malformed replay token (checksum mismatch: truncated or mistyped?)");
        return -EBADMSG;
    }
    m -= 2;
    size_t pos = 0;
    uint64_t ver = 0, pol = 0, depth = 0, runs = 0, focus = 0;
    if (get_varint(p, m, &pos, &ver) < 0 || ver != XTOKEN_VERSION) {
        free(p);
        snprintf(err, errlen,
                 "replay token of format version %" PRIu64 ", this interleave reads %d", ver,
                 XTOKEN_VERSION);
        return -EBADMSG;
    }
    if (get_varint(p, m, &pos, &t->prog) < 0 || get_varint(p, m, &pos, &pol) < 0 ||
        get_varint(p, m, &pos, &t->seed) < 0 || get_varint(p, m, &pos, &depth) < 0 ||
        get_varint(p, m, &pos, &t->steps) < 0 || get_varint(p, m, &pos, &focus) < 0 ||
        focus > UINT32_MAX || get_varint(p, m, &pos, &runs) < 0 || pol >= XP_COUNT)
        goto bad;
    t->policy = (enum xpolicy)pol;
    t->focus = (uint32_t)focus;
    t->depth = (uint32_t)depth;
    size_t cap = 0;
    for (uint64_t r = 0; r < runs; r++) {
        uint64_t tid, cnt;
        if (get_varint(p, m, &pos, &tid) < 0 || get_varint(p, m, &pos, &cnt) < 0 || !cnt ||
            tid > UINT32_MAX || cnt > (1u << 28) || t->nprefix + cnt > (1u << 28))
            goto bad;
        if (t->nprefix + cnt > cap) {
            size_t nc = cap ? cap : 64;
            while (nc < t->nprefix + cnt)
                nc *= 2;
            uint32_t *q = realloc(t->prefix, nc * sizeof *q);
            if (!q)
                goto bad;
            t->prefix = q;
            cap = nc;
        }
        for (uint64_t k = 0; k < cnt; k++)
            t->prefix[t->nprefix++] = (uint32_t)tid;
    }
    if (pos != m)
        goto bad;
    free(p);
    return 0;
bad:
    free(p);
    free(t->prefix);
    t->prefix = NULL;
    t->nprefix = 0;
    snprintf(err, errlen, "malformed replay token");
    return -EBADMSG;
}

/* ---- program identity ---------------------------------------------------------------------- */

static uint64_t fnv64(uint64_t h, const void *data, size_t n)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

/* The NT_GNU_BUILD_ID note's descriptor hashed, or 0 when there is none. */
static uint64_t build_id(int fd)
{
    if (elf_version(EV_CURRENT) == EV_NONE)
        return 0;
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    if (!e)
        return 0;
    uint64_t h = 0;
    Elf_Scn *scn = NULL;
    while (!h && (scn = elf_nextscn(e, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d)
            continue;
        size_t off = 0, noff, doff;
        GElf_Nhdr nh;
        while ((off = gelf_getnote(d, off, &nh, &noff, &doff)) > 0) {
            if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
                memcmp((char *)d->d_buf + noff, "GNU", 4) == 0 && nh.n_descsz) {
                h = fnv64(0xcbf29ce484222325ull, (char *)d->d_buf + doff, nh.n_descsz) | 1;
                break;
            }
        }
    }
    elf_end(e);
    return h;
}

int program_hash(const char *path, uint64_t *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    uint64_t h = build_id(fd);
    if (!h) {
        struct stat st;
        if (fstat(fd, &st) < 0) {
            int e = errno;
            close(fd);
            return -e;
        }
        uint64_t meta[3] = {(uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec,
                            (uint64_t)st.st_mtim.tv_nsec};
        h = fnv64(0xcbf29ce484222325ull, meta, sizeof meta);
        static uint8_t block[65536];
        ssize_t n = pread(fd, block, sizeof block, 0);
        if (n > 0)
            h = fnv64(h, block, (size_t)n);
    }
    close(fd);
    *out = h;
    return 0;
}
