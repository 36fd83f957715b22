/* Findings of one run, kept as data until the run ends and then written as
 * the findings stream (docs/internals/wire.md) to the driver. A finding owns
 * copies of everything it needs (stacks, diagram events), so it survives the
 * history ring wrapping. Deduplicated by the code locations involved. */
#ifndef ILV_RT_FINDINGS_H
#define ILV_RT_FINDINGS_H

#include "hb/detect.h"
#include "sched/thread.h"

/* hb_report callback: called by the detector with the baton held. */
void findings_on_hb(const struct hb_finding *f);
/* Every live thread is blocked for good: record it (a hang when some wait for
 * a signal rather than a lock or a join). */
void findings_deadlock(struct ithread *self, bool hang);
/* Writes the stream once (later calls do nothing); async-signal-tolerant. */
void findings_emit(int exit_status);
/* The program's path (/proc/self/exe), read once; "" when unreadable. */
const char *findings_exe_path(void);
u32 findings_count(void);

#endif
