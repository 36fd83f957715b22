/* render_sarif: SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the
 * input of code-scanning services in CI. One rule per finding kind (data-race,
 * lost-update, deadlock, hang, then one for each other kind the run has), one result per
 * finding: ruleId and ruleIndex, locations = the access it is reported at,
 * relatedLocations = every other access involved, codeFlows = the schedule (one threadFlow
 * per thread, events in global order), partialFingerprints = a digest that stays the same
 * across runs, schedules and edits elsewhere in the file. Written with json-c. Source URIs
 * are relative to render_options.cwd (uriBaseId %SRCROOT%) when under it, else file://
 * URIs. Several inputs give several runs with distinct automationDetails ids. */
#ifndef INTERLEAVE_REPORT_RENDER_SARIF_H
#define INTERLEAVE_REPORT_RENDER_SARIF_H

#include <stddef.h>
#include <stdio.h>

#include "report/render.h"

/* Writes one document for in[0..n) (several saved traces give one document) to out.
 * Borrows everything. Returns 0, -ENOMEM, or -EIO when out reports an error. */
int render_sarif(const struct render_input *in, size_t n, const struct render_options *opt,
                 FILE *out);

#endif
