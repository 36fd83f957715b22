/* fuzz_findings: libFuzzer target for the reader of saved traces (the findings stream,
 * docs/internals/wire.md) and for every renderer fed from what it parsed. Whatever the
 * bytes, findings_parse must return 0 or a negative status without crashing, leaking or
 * reading past the buffer, and the renderers must accept any run it returns (with no
 * symbolizer: everything unknown). Built by clang -fsanitize=fuzzer,address when
 * INTERLEAVE_FUZZ is on (tests/fuzz/CMakeLists.txt). */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/findings.h"
#include "report/render.h"
#include "report/render_html.h"
#include "report/render_sarif.h"
#include "report/render_text.h"
#include "report/render_trace.h"

/* Renders into a memory stream that is thrown away: only crashes and leaks matter. */
static void render_all(const struct findings_run *run)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return;
    struct findings_resolver res = {0};
    struct render_options opt = {.cwd = "/src", .help = true, .color = true};
    for (size_t i = 0; i < run->nfindings; i++)
        render_text_finding(run, &run->findings[i], &res, &opt, out);
    render_text_summary(run, run->seed, (struct render_exit){false, 0}, out);
    struct render_input in = {.run = run, .res = &res, .label = "fuzz"};
    render_sarif(&in, 1, &opt, out);
    render_trace(&in, 1, &opt, out);
    render_html(&in, 1, &opt, out);
    fclose(out);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct findings_run run;
    struct findings_error err;
    int rc = findings_parse((const char *)data, size, &run, &err);
    if (rc == 0 || rc == -EBADMSG)
        render_all(&run);
    findings_free(&run);
    return 0;
}
