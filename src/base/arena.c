#include "base/arena.h"

#include "base/check.h"

#include <string.h>
#include <sys/mman.h>

#define CHUNK (4u << 20)
#define NCLASS 64 /* size classes of 16 bytes up to 1 KiB; larger go straight to mmap */

static char *cur, *end;
static void *freelist[NCLASS + 1];
static u64 in_use;

void *arena_map(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    CHECK(p != MAP_FAILED);
    return p;
}

void *arena_alloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    size_t cls = size / 16;
    in_use += size;
    if (cls <= NCLASS && freelist[cls]) {
        void *p = freelist[cls];
        freelist[cls] = *(void **)p;
        memset(p, 0, size);
        return p;
    }
    if (size > CHUNK / 4)
        return arena_map(size);
    if ((size_t)(end - cur) < size) {
        cur = arena_map(CHUNK);
        end = cur + CHUNK;
    }
    void *p = cur;
    cur += size;
    return p;
}

void arena_free(void *p, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    size_t cls = size / 16;
    in_use -= size;
    if (cls > NCLASS) {
        if (size > CHUNK / 4)
            munmap(p, size);
        return; /* medium blocks are kept: rare, and reuse would need more classes */
    }
    *(void **)p = freelist[cls];
    freelist[cls] = p;
}

u64 arena_bytes_in_use(void)
{
    return in_use;
}
