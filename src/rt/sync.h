/* Synchronisation objects: the runtime's record of every mutex, rwlock,
 * condition variable, semaphore, barrier, once flag and atomic location the
 * program used, keyed by address. Each carries the vector clock that its
 * release operations publish (happens-before), and the modelled state that
 * lets the scheduler decide who may proceed (owner, readers, count).
 *
 * Atomics follow C11: a release store starts a release sequence, relaxed
 * stores by the same thread and read-modify-writes by any thread continue it;
 * standalone fences make relaxed accesses act as release/acquire (the thread
 * keeps its clock at the last release fence and the clocks its relaxed loads
 * saw since the last acquire fence). */
#ifndef ILV_RT_SYNC_H
#define ILV_RT_SYNC_H

#include "sched/thread.h"

enum so_kind {
    SO_ATOMIC,
    SO_MUTEX,
    SO_RWLOCK,
    SO_SPIN,
    SO_COND,
    SO_SEM,
    SO_BARRIER,
    SO_ONCE,
    SO_FD, /* a file descriptor's key (rt/fd.h) */
};

struct syncobj {
    uptr addr;
    struct vclock vc; /* what acquiring it teaches */
    u8 kind;
    bool vc_single;                /* vc is one release's clock of head (no join since) */
    tid_t head;                    /* thread of the release that heads the release sequence */
    tid_t owner;                   /* mutex, spinlock, rwlock writer: TID_NONE when free */
    u32 rec;                       /* recursive re-locks beyond the first */
    u32 readers;                   /* rwlock readers */
    u64 count;                     /* semaphore value */
    u32 need, arrived, generation; /* barrier */
    u8 once_state;                 /* 0 never, 1 running, 2 done */
    u64 use_ep;                    /* the last use (lock, wait): its thread's epoch, or 0 */
    uptr use_pc;
    u64 life_ep; /* the last init or destroy, or 0 */
    uptr life_pc;
};

/* The object at addr, created (zeroed, owner TID_NONE) on first use. */
struct syncobj *sync_get(uptr addr, enum so_kind kind);
struct syncobj *sync_find(uptr addr);
/* Forgets the objects in [addr, addr+size) (destroy, free). */
void sync_forget(uptr addr, size_t size);

/* t acquires what `so` published. */
void sync_acquire(struct ithread *t, struct syncobj *so);
/* t publishes its clock into `so` (join), then ticks. */
void sync_release(struct ithread *t, struct syncobj *so);
/* t publishes its clock into `so`, replacing what was there (mutex unlock). */
void sync_release_store(struct ithread *t, struct syncobj *so);

/* C11 atomics; mo is the ABI's memory order (0 relaxed .. 5 seq_cst). */
void sync_atomic_load(struct ithread *t, uptr addr, int mo);
void sync_atomic_store(struct ithread *t, uptr addr, int mo);
void sync_atomic_rmw(struct ithread *t, uptr addr, int mo);
void sync_fence(struct ithread *t, int mo);

/* The object's own memory: every use (a lock, a barrier wait) is remembered,
 * the last one only: each acquisition is ordered after the previous use by
 * the object itself. An init or destroy (sync_life) not ordered after the
 * last use is a data race on the object, as ThreadSanitizer reports it. An
 * unlock is no use of its own: it follows its lock in the same thread, and a
 * destroy ordered after the lock but not after the unlock destroys a locked
 * mutex. A use also checks the last init or destroy. A test and two stores
 * per use, no shadow access. */
static inline void sync_use(struct ithread *t, struct syncobj *so, uptr pc)
{
    if (UNLIKELY(so->life_ep))
        hb_check_one(&t->hb, so->addr, pc, false, so->life_ep, true, so->life_pc);
    so->use_ep = t->hb.ep;
    so->use_pc = pc;
}
/* Before an init or destroy at addr (pc): checks the last use. */
void sync_life(struct ithread *t, uptr addr, uptr pc);
/* After it, once the object's record is what it will be: remembers the init or
 * destroy for the next use. */
void sync_life_done(struct ithread *t, uptr addr, enum so_kind kind, uptr pc);

/* Per-thread fence state lives beside the thread record. */
void sync_thread_init(struct ithread *t);

#endif
