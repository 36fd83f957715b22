// explore writes every report format (--sarif, --html, --trace, --save) with every bug it
// found, each with its replay token; `interleave report` renders the saved results again
// (the same SARIF log byte for byte); the token taken from the SARIF file replays the same
// bug, and replay writes the same formats (the same fingerprint as explore's result).
// The program is the 2x2 racy counter (Inputs/racy_2x2.c): an assertion failure, a data
// race and a lost update.
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %icc -O1 -g %S/Inputs/racy_2x2.c -o seed_e
// RUN: %not %interleave explore --sarif x.sarif --html x.html --trace x.json --save x.res ./seed_e 2> x.txt
// RUN: FileCheck --check-prefix=TEXT %s < x.txt
// RUN: %python %S/../explain/Inputs/check_sarif.py x.sarif assertion-failure data-race lost-update | FileCheck --check-prefix=SARIF3 %s
// RUN: %python %S/../explain/Inputs/check_html.py x.html --bugs 3 | FileCheck --check-prefix=HTML3 %s
// RUN: %python %S/../explain/Inputs/check_trace.py x.json | FileCheck --check-prefix=TRACE %s
// RUN: FileCheck --check-prefix=LOG %s < x.sarif
// RUN: FileCheck --check-prefix=PAGE %s < x.html
// RUN: FileCheck --check-prefix=PERFETTO %s < x.json
//
// The saved results, rendered again by `interleave report`:
// RUN: %not %interleave report --sarif r.sarif --html r.html --trace r.json x.res
// RUN: diff x.sarif r.sarif
// RUN: %python %S/../explain/Inputs/check_html.py r.html --bugs 3 | FileCheck --check-prefix=HTML3 %s
// RUN: %python %S/../explain/Inputs/check_trace.py r.json | FileCheck --check-prefix=TRACE %s
// RUN: %not %interleave report x.res > r.txt
// RUN: FileCheck --check-prefix=REPORT %s < r.txt
//
// Two shards' result files make one exploration: one run, each bug once:
// RUN: %not %interleave explore --strategy dpor --shard 1/2 --save s1.res ./seed_e 2> /dev/null
// RUN: %not %interleave explore --strategy dpor --shard 2/2 --save s2.res ./seed_e 2> /dev/null
// RUN: %not %interleave report --sarif m.sarif s1.res s2.res
// RUN: %python %S/../explain/Inputs/check_sarif.py m.sarif assertion-failure data-race lost-update | FileCheck --check-prefix=SARIF3 %s
//
// The lost update's token, taken from the SARIF file, replays the same bug:
// RUN: %python %S/Inputs/sarif_bug.py x.sarif lost-update token > lu.token
// RUN: %python %S/Inputs/sarif_bug.py x.sarif lost-update fingerprint > lu.fp
// RUN: %python %S/Inputs/run_with_token.py lu.token %interleave replay --sarif p.sarif --html p.html --trace p.json --save p.res @TOKEN@ -- ./seed_e 2> p.txt
// RUN: FileCheck --check-prefix=REPLAY %s < p.txt
// RUN: %python %S/../explain/Inputs/check_sarif.py p.sarif lost-update | FileCheck --check-prefix=SARIF1 %s
// RUN: %python %S/Inputs/sarif_bug.py p.sarif lost-update fingerprint > p.fp
// RUN: diff lu.fp p.fp
// RUN: %python %S/../explain/Inputs/check_html.py p.html --bugs 1 | FileCheck --check-prefix=HTML1 %s
// RUN: %python %S/../explain/Inputs/check_trace.py p.json | FileCheck --check-prefix=TRACE %s
// RUN: %not %interleave report --sarif q.sarif p.res
// RUN: diff p.sarif q.sarif
//
// The assertion's token replays the assertion failure:
// RUN: %python %S/Inputs/sarif_bug.py x.sarif assertion-failure token > af.token
// RUN: %python %S/Inputs/run_with_token.py af.token %interleave replay --sarif a.sarif @TOKEN@ -- ./seed_e 2> a.txt
// RUN: FileCheck --check-prefix=ASSERT %s < a.txt
// RUN: %python %S/Inputs/sarif_bug.py a.sarif assertion-failure message | FileCheck --check-prefix=AMSG %s

// TEXT-DAG: interleave explore: assertion failure: `x == 4` at racy_2x2.c:28 in main (T0)
// TEXT-DAG: interleave: data race on `x`
// TEXT-DAG: interleave: lost update on `x`
// TEXT: interleave explore: 3 bugs

// SARIF3:      check_sarif: by hand: ok
// SARIF3-NEXT: check_sarif: sarif_om: ok, {{[0-9]+}} objects
// SARIF3-NEXT: check_sarif: subset schema: ok
// SARIF3-NEXT: check_sarif: official schema: {{valid against .*|not checked \(INTERLEAVE_SARIF_SCHEMA is not set\)}}
// SARIF3-NEXT: check_sarif: ok, 3 result(s)
// SARIF1: check_sarif: ok, 1 result(s)
// HTML3: check_html: ok, 3 sections
// HTML1: check_html: ok, 1 sections
// TRACE: check_trace: ok

// One run for the whole exploration, in its own code-scanning category:
// LOG:     "runs": [
// LOG:       "automationDetails": {
// LOG-NEXT:    "id": "interleave/explore/seed_e/",
// LOG:       "executions": {{[1-9][0-9]*}},
// LOG-NOT:  "automationDetails"
// LOG:      "ruleId": "assertion-failure",
// LOG:      "text": "assertion failure: `x == 4` at racy_2x2.c:28 in main (T0). Replay: interleave replay ilv1-{{[A-Za-z0-9_-]+}} -- ./seed_e"
// LOG:      "startLine": 28
// LOG:      "replayToken": "ilv1-{{[A-Za-z0-9_-]+}}",
// LOG:      "ruleId": "data-race",
// LOG:      "replayToken": "ilv1-{{[A-Za-z0-9_-]+}}",
// LOG:      "ruleId": "lost-update",
// LOG:      "replayToken": "ilv1-{{[A-Za-z0-9_-]+}}",
// LOG-NOT:  "ruleId"

// PAGE: interleave explore of <code>./seed_e</code>: 3 bugs in {{[0-9]+}} executions, strategy auto
// PAGE: <section id="bug-1">
// PAGE: <h2><span class="kind">assertion failure</span>: `x == 4` at racy_2x2.c:28 in main (T0)</h2>
// PAGE: <p class="replay"><b>replay:</b> <code>interleave replay ilv1-{{[A-Za-z0-9_-]+}} -- ./seed_e</code></p>
// PAGE: <h3>in this execution: <span class="kind">data race</span>
// PAGE: <section id="bug-2">
// PAGE: <section id="bug-3">
// PAGE: <h2><span class="kind">lost update</span>

// PERFETTO: "name": "bug 1: assertion failure: `x == 4` at racy_2x2.c:28 in main (T0)"
// PERFETTO: "replayToken": "ilv1-
// PERFETTO: "name": "bug 2: data race on `x`
// PERFETTO: "name": "bug 3: lost update on `x`

// REPORT: interleave explore: assertion failure: `x == 4`
// REPORT: replay: interleave replay ilv1-
// REPORT: interleave explore: 3 bugs in {{[0-9]+}} executions over 1 shard; every shard explored its part of the schedule space completely

// REPLAY: interleave: lost update on `x` (global, 4 bytes at racy_2x2.c:9)
// REPLAY: T1 wrote x = 1 at worker racy_2x2.c:15, overwriting T2's update
// REPLAY: exit=66

// ASSERT: Assertion `x == 4' failed.
// ASSERT: interleave explore: assertion failure: `x == 4` at racy_2x2.c:28 in main (T0)
// ASSERT: exit=66
// AMSG: assertion failure: `x == 4` at racy_2x2.c:28 in main (T0). Replay: interleave replay ilv1-
