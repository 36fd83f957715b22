/* The modelled mutex, shared by pthread mutexes, condition variables (which
 * release and retake one) and C11 mtx_t (a pthread mutex in glibc). Callers
 * hold the baton (inside rt_enter/rt_leave). */
#ifndef ILV_RT_ICPT_MUTEX_H
#define ILV_RT_ICPT_MUTEX_H

#include "rt/sync.h"

#include <pthread.h>

enum lock_mode { LOCK_BLOCK, LOCK_TRY, LOCK_TIMED };

/* Takes the mutex for t (blocking in the model unless LOCK_TRY; deadline for
 * LOCK_TIMED, CLOCK_MONOTONIC ns). Returns 0 or the errno value. */
int mutex_acquire(struct ithread *t, struct syncobj *so, pthread_mutex_t *m, enum lock_mode mode,
                  u64 deadline);
/* Gives it up (publishing t's clock); wakes the threads waiting for it. */
int mutex_release(struct ithread *t, struct syncobj *so, pthread_mutex_t *m);

#endif
