#include "base/arena.h"

#include "base/check.h"
#include "base/mem.h"

#include <sys/mman.h>

#define CHUNK (4u << 20)
#define NCLASS 64 /* size classes of 16 bytes up to 1 KiB; larger go straight to mmap */

static char *cur, *end;
static void *freelist[NCLASS + 1];
static u64 in_use;

/* arena_map carves its blocks out of one reserved range: no system call per
 * block (an execution of the fork server would otherwise make a dozen), and one
 * mapping instead of many for fork() to copy. Pages cost nothing until written;
 * a block given back with munmap leaves a hole that is not reused. When the
 * range is used up, or cannot be reserved, blocks come from mmap directly. */
#define RESERVE (64ull << 30)
static uptr rnext, rend;

static void *os_map(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    CHECK(p != MAP_FAILED);
    return p;
}

void *arena_map(size_t size)
{
    size = (size + 4095) & ~(size_t)4095;
    uptr at = __atomic_load_n(&rnext, __ATOMIC_ACQUIRE);
    if (!at) { /* the first call, at init: one thread */
        void *r = mmap(NULL, RESERVE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (r == MAP_FAILED) {
            rnext = rend = 1; /* nothing reserved: every block is mapped */
            return os_map(size);
        }
        rend = (uptr)r + RESERVE;
        __atomic_store_n(&rnext, (uptr)r, __ATOMIC_RELEASE);
    }
    at = __atomic_fetch_add(&rnext, size, __ATOMIC_ACQ_REL);
    if (at + size <= rend && at + size > at)
        return (void *)at;
    return os_map(size);
}

void *arena_alloc(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    size_t cls = size / 16;
    in_use += size;
    if (cls <= NCLASS && freelist[cls]) {
        void *p = freelist[cls];
        freelist[cls] = *(void **)p;
        mem_set(p, 0, size);
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
