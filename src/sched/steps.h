/* The decision trace of an explored execution: at every decision, which
 * thread was chosen, the event it then performed, and every enabled thread
 * with its pending event (docs/internals/explore.md). Recorded only when the
 * policy decides at every scheduling point; the driver's DPOR reads it. */
#ifndef ILV_SCHED_STEPS_H
#define ILV_SCHED_STEPS_H

#include "model/ops.h"
#include "sched/thread.h"

/* Event kinds of a decision: the list of model/ops.h. */
enum step_op {
#define X(k, s) OP_##k,
    EVENT_OPS(X)
#undef X
};

const char *step_op_name(enum step_op op);
/* Appends one decision: `chosen` out of the n enabled threads. */
void steps_record(struct ithread *chosen, struct ithread **enabled, u32 n);
u64 steps_count(void);
/* Writes the `step` lines of the protocol to fd (async-signal-tolerant). */
void steps_emit(int fd);

#endif
