// With gcc there is no compile-time analysis: the misuses that clang
// refuses compile, and the header's run-time checks stop them with one
// sentence and abort().
// RUN: %gcc -O1 -pthread -I%srcroot/include %s -o %t
// RUN: not --crash %t twice 2>&1 | FileCheck --check-prefix=TWICE %s
// TWICE: interleave sync.h: ilv_unlock: this thread does not hold the mutex (unlocked twice, or locked by another thread)
// RUN: not --crash %t other 2>&1 | FileCheck --check-prefix=TWICE %s
// RUN: not --crash %t wait 2>&1 | FileCheck --check-prefix=WAIT %s
// WAIT: interleave sync.h: ilv_wait: this thread does not hold the mutex
// RUN: not --crash %t write 2>&1 | FileCheck --check-prefix=WRITE %s
// WRITE: interleave sync.h: ilv_write_unlock: this thread does not hold the write lock
// RUN: not --crash %t mixed 2>&1 | FileCheck --check-prefix=MIXED %s
// MIXED: interleave sync.h: ilv_read_unlock: this thread holds the write lock (use ilv_write_unlock)
// RUN: not --crash %t assert 2>&1 | FileCheck --check-prefix=ASSERT %s
// ASSERT: interleave sync.h: ilv_assert_held: this thread does not hold the mutex
// Like assert(), NDEBUG turns the lock checks off, ILV_SYNC_CHECKS keeps them
// on; ILV_SYNC_NO_CHECKS removes them. (An unlock of what is not held is then
// undefined behaviour, as with plain pthreads: not run here.)
// RUN: %gcc -O1 -pthread -DNDEBUG -DILV_SYNC_CHECKS -I%srcroot/include %s -o %t.forced
// RUN: not --crash %t.forced twice 2>&1 | FileCheck --check-prefix=TWICE %s
// RUN: %gcc -O1 -pthread -DNDEBUG -I%srcroot/include %s -o %t.ndebug
// RUN: %t.ndebug assert | FileCheck --check-prefix=OK %s
// RUN: %gcc -O1 -pthread -DILV_SYNC_NO_CHECKS -I%srcroot/include %s -o %t.nochecks
// RUN: %t.nochecks ok | FileCheck --check-prefix=OK %s
// RUN: %t ok | FileCheck --check-prefix=OK %s
// OK: ok
#include <interleave/sync.h>

#include <string.h>

ILV_GUARDED(counter, long);
ILV_RW_GUARDED(config, int);

static struct counter c = ILV_GUARDED_INIT(0);
static struct config cfg = ILV_RW_GUARDED_INIT(0);
static struct ilv_cond cv = ILV_COND_INIT;

static int unlock_it(void *arg)
{
    (void)arg;
    ilv_unlock(&c.mu); /* c.mu is held by main */
    return 0;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (strcmp(what, "twice") == 0) {
        ilv_lock(&c.mu);
        ilv_unlock(&c.mu);
        ilv_unlock(&c.mu);
    } else if (strcmp(what, "other") == 0) {
        int err = 0;
        ilv_lock(&c.mu);
        ILV_THREAD_SCOPE(s, err) { ilv_spawn(s, unlock_it, NULL); }
    } else if (strcmp(what, "wait") == 0) {
        ilv_wait(&cv, &c.mu);
    } else if (strcmp(what, "write") == 0) {
        ilv_read_lock(&cfg.mu);
        ilv_write_unlock(&cfg.mu);
    } else if (strcmp(what, "mixed") == 0) {
        ilv_write_lock(&cfg.mu);
        ilv_read_unlock(&cfg.mu);
    } else if (strcmp(what, "assert") == 0) {
        ilv_assert_held(&c.mu);
        puts("ok");
    } else {
        ILV_WITH_LOCK(&c, p) { *p += 1; }
        ILV_WITH_WRITE(&cfg, p) { *p += 1; }
        puts("ok");
    }
    return 0;
}
