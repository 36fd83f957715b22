/* Code pages shared by fork(). The fork server forks one child per execution,
 * and a child starts with page tables that hold only the server's *anonymous*
 * pages: Linux copies the page table entries of a private mapping at fork
 * only once the mapping has anonymous pages, and lets every child fault the
 * pages of a read-only file mapping (code, constants) in again, one fault per
 * page or fault-around block. On seed_e that was about 40 of the 93 page
 * faults of each execution. Here the server replaces each read-only file
 * mapping by an anonymous copy of itself at the same address, once: from then
 * on fork() copies its page table entries and no child faults on code. */
#define _GNU_SOURCE
#include "rt/forkshare.h"

#include "base/mem.h"
#include "os/os.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_RANGES 256
/* What a fork copies grows with the copies (a page-table entry a page): programs and
 * libraries beyond this many bytes of code and constants keep the rest as files. */
#define MAX_COPY ((size_t)64 << 20)

struct range {
    uptr lo, hi;
    int prot;
};

static uptr hex(const char **p)
{
    uptr v = 0;
    for (;; (*p)++) {
        char c = **p;
        if (c >= '0' && c <= '9')
            v = v * 16 + (uptr)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v = v * 16 + (uptr)(c - 'a' + 10);
        else
            return v;
    }
}

/* Parses one line of /proc/self/maps; true for a read-only private mapping of
 * a regular file whose pages all lie within the file (a page past its end
 * would raise SIGBUS when copied). */
static bool wanted(const char *line, struct range *r)
{
    const char *p = line;
    r->lo = hex(&p);
    if (*p++ != '-')
        return false;
    r->hi = hex(&p);
    if (*p++ != ' ' || str_len(p) < 5)
        return false;
    if (p[0] != 'r' || p[1] != '-' || p[3] != 'p')
        return false;
    r->prot = PROT_READ | (p[2] == 'x' ? PROT_EXEC : 0);
    p += 5;
    uptr off = hex(&p);
    const char *path = str_chr(p, '/');
    if (!path)
        return false; /* anonymous, [vdso], [vvar]... */
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    return off + (r->hi - r->lo) <= (((uptr)st.st_size + 4095) & ~(uptr)4095);
}

void forkshare_code(void)
{
    char buf[1 << 16]; /* on the stack: the .bss is for what executions write */
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    size_t len = 0;
    for (ssize_t k; len < sizeof buf - 1 && (k = os_read(fd, buf + len, sizeof buf - 1 - len)) > 0;)
        len += (size_t)k;
    os_close(fd);
    buf[len] = 0;

    /* collect first: the maps change as we go */
    struct range ranges[MAX_RANGES];
    u32 n = 0;
    for (char *line = buf; *line && n < MAX_RANGES;) {
        char *nl = str_chr(line, '\n');
        if (!nl)
            break; /* a truncated last line */
        *nl = 0;
        if (wanted(line, &ranges[n]))
            n++;
        line = nl + 1;
    }
    size_t copied = 0;
    for (u32 i = 0; i < n; i++) {
        size_t size = ranges[i].hi - ranges[i].lo;
        if (copied + size > MAX_COPY)
            continue;
        copied += size;
        void *copy = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (copy == MAP_FAILED)
            return;
        mem_copy(copy, (void *)ranges[i].lo, size);
        /* one system call swaps the copy in: the code running here, and any
         * other thread, sees the same bytes before and after */
        if (mprotect(copy, size, ranges[i].prot) != 0 ||
            mremap(copy, size, size, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)ranges[i].lo) ==
                MAP_FAILED)
            munmap(copy, size);
    }
}
