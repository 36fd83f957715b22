// Files built with and without NDEBUG share locks without false alarms: the
// owner word is kept in every build, only the check is left out.
// RUN: %gcc -O1 -pthread -DPART=1 -DNDEBUG -I%srcroot/include -c %s -o %t.1.o
// RUN: %gcc -O1 -pthread -DPART=2 -I%srcroot/include -c %s -o %t.2.o
// RUN: %gcc -pthread %t.1.o %t.2.o -o %t && %t | FileCheck %s
// RUN: %clang -fsyntax-only -Wthread-safety -Werror -DPART=1 -I%srcroot/include %s
// RUN: %clang -fsyntax-only -Wthread-safety -Werror -DPART=2 -I%srcroot/include %s
// CHECK: mixed ok 4
#include <interleave/sync.h>

ILV_GUARDED(counter, long);
ILV_RW_GUARDED(config, int);
extern struct counter c;
extern struct config cfg;
void lock_it(void) ILV_ACQUIRE(c.mu);
void unlock_it(void) ILV_RELEASE(c.mu);
void write_cycle(void);

#if PART == 1 /* NDEBUG */
struct counter c = ILV_GUARDED_INIT(0);
struct config cfg = ILV_RW_GUARDED_INIT(0);
void lock_it(void) ILV_NO_THREAD_SAFETY_ANALYSIS
{
    ilv_lock(&c.mu);
}
void unlock_it(void) ILV_NO_THREAD_SAFETY_ANALYSIS
{
    ilv_unlock(&c.mu);
}
void write_cycle(void)
{
    ILV_WITH_WRITE(&cfg, p) { *p += 1; }
}
#else /* checks on */
static int other(void *arg)
{
    (void)arg;
    lock_it(); /* another thread: locked without the check, unlocked with it */
    ILV_REF(&c) += 0;
    ilv_unlock(&c.mu);
    return 0;
}

int main(void)
{
    int err = 0;
    for (int i = 0; i < 2; i++) {
        lock_it();
        ILV_REF(&c) += 1;
        ilv_unlock(&c.mu); /* checked unlock of an unchecked lock */
        ilv_lock(&c.mu);
        ILV_REF(&c) += 1;
        unlock_it(); /* unchecked unlock of a checked lock */
    }
    ILV_THREAD_SCOPE(s, err) { ilv_spawn(s, other, NULL); }
    write_cycle(); /* an unchecked write unlock, then a checked read unlock */
    ILV_WITH_READ(&cfg, p) { (void)*p; }
    printf("mixed ok %ld\n", ILV_GET_MUT(&c));
    return err;
}
#endif
