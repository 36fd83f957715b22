/* The modelled condition variable, shared by pthread_cond_t and C11 cnd_t
 * (a pthread condition in glibc). Callers hold the baton (inside
 * rt_enter/rt_leave). */
#ifndef ILV_RT_ICPT_COND_H
#define ILV_RT_ICPT_COND_H

#include "rt/sync.h"

#include <pthread.h>

/* Releases m (which t must hold: EPERM otherwise), blocks t in the scheduler
 * until a signal, a broadcast or the deadline (CLOCK_MONOTONIC ns, 0: none),
 * then retakes m. Returns 0, ETIMEDOUT or EPERM. May block. */
int cond_wait_model(struct ithread *t, void *cond, pthread_mutex_t *m, u64 deadline);
/* Wakes one waiter of cond (chosen by the policy) or all of them. */
void cond_signal_model(struct ithread *t, void *cond, bool all);

#endif
