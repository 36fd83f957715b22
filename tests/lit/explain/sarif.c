// The SARIF log of a data race and a lost update, from `interleave run` and from
// `interleave report` of two traces (two runs), checked by Inputs/check_sarif.py: by hand
// for what code scanning needs, against the SARIF object model of python3-sarif-python-om
// (Inputs/sarif_om_check.py), against a subset schema written here, and, when
// INTERLEAVE_SARIF_SCHEMA names a copy of the official SARIF 2.1.0 JSON schema, against
// that too; otherwise the output says "official schema: not checked". To get the official
// schema (no Debian package ships it; not committed here): in an empty directory,
//   npm pack @microsoft/sarif-multitool-linux && tar xzf microsoft-sarif-multitool-linux-*.tgz
// gives package/sarif-2.1.0.json (the SARIF SDK's copy of OASIS's sarif-schema-2.1.0.json); then
//   INTERLEAVE_SARIF_SCHEMA=$PWD/package/sarif-2.1.0.json make check-lit
// Then each check must reject a log broken in one place (Inputs/sarif_mutate.py).
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s sarif.c
// RUN: %icc -O1 -g sarif.c -o sarif
// RUN: %not %interleave run --save a.trace --sarif run.sarif ./sarif
// RUN: %not %interleave run --seed 2 --save b.trace ./sarif
// RUN: %not %interleave report --sarif two.sarif a.trace b.trace
// RUN: %python %inputs/check_sarif.py run.sarif data-race lost-update | %FileCheck --check-prefix=OK %s
// RUN: %python %inputs/check_sarif.py two.sarif data-race lost-update | %FileCheck --check-prefix=OK %s
// RUN: %FileCheck --check-prefix=TWO %s < two.sarif
//
// RUN: %python %inputs/sarif_mutate.py run.sarif unknown-property > m1.sarif
// RUN: %not %python %inputs/check_sarif.py m1.sarif 2>&1 | %FileCheck --check-prefix=M1 %s
// RUN: %python %inputs/sarif_mutate.py run.sarif missing-required > m2.sarif
// RUN: %not %python %inputs/check_sarif.py m2.sarif 2>&1 | %FileCheck --check-prefix=M2 %s
// RUN: %python %inputs/sarif_mutate.py run.sarif nested-unknown > m3.sarif
// RUN: %not %python %inputs/check_sarif.py m3.sarif 2>&1 | %FileCheck --check-prefix=M3 %s
// RUN: %python %inputs/sarif_mutate.py run.sarif rule-text > m4.sarif
// RUN: %not %python %inputs/check_sarif.py m4.sarif 2>&1 | %FileCheck --check-prefix=M4 %s
// RUN: %python %inputs/sarif_mutate.py run.sarif wrong-rule-index > m5.sarif
// RUN: %not %python %inputs/check_sarif.py m5.sarif 2>&1 | %FileCheck --check-prefix=M5 %s
// RUN: %python %inputs/sarif_mutate.py run.sarif no-fingerprint > m6.sarif
// RUN: %not %python %inputs/check_sarif.py m6.sarif 2>&1 | %FileCheck --check-prefix=M6 %s
// RUN: %python %inputs/sarif_mutate.py run.sarif raw-base-uri > m7.sarif
// RUN: %not %python %inputs/check_sarif.py m7.sarif 2>&1 | %FileCheck --check-prefix=M7 %s
// RUN: %python %inputs/sarif_mutate.py two.sarif same-category > m8.sarif
// RUN: %not %python %inputs/check_sarif.py m8.sarif 2>&1 | %FileCheck --check-prefix=M8 %s
#include <pthread.h>

static volatile int counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2; i++)
        counter += 1;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, NULL);
    pthread_create(&t2, NULL, worker, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}

// OK:      check_sarif: by hand: ok
// OK-NEXT: check_sarif: sarif_om: ok, {{[0-9]+}} objects
// OK-NEXT: check_sarif: subset schema: ok
// OK-NEXT: check_sarif: official schema: {{valid against .*|not checked \(INTERLEAVE_SARIF_SCHEMA is not set\)}}
// OK-NEXT: check_sarif: ok, {{[1-9][0-9]*}} result(s)

// TWO: "automationDetails": {
// TWO-NEXT: "id": "interleave/a.trace/"
// TWO: "automationDetails": {
// TWO-NEXT: "id": "interleave/b.trace/"

// M1-DAG: sarif_om: log.runs[0].results[0]: ruleIdx is not a property of Result
// M1-DAG: subset schema: runs/0/results/0: Additional properties are not allowed ('ruleIdx' was unexpected)
// M1-DAG: check_sarif: sarif_om: FAILED
// M1-DAG: check_sarif: subset schema: FAILED
// M2-DAG: sarif_om: log.runs[0].results[0]: Result requires message
// M2-DAG: by hand: runs[0].results[0]: no message.text
// M2-DAG: subset schema: runs/0/results/0: 'message' is a required property
// M3-DAG: sarif_om: log.runs[0].results[0].locations[0].physicalLocation.region: startLin is not a property of Region
// M4-DAG: sarif_om: log.runs[0].tool.driver.rules[0].fullDescription: txt is not a property of MultiformatMessageString
// M5:     by hand: runs[0].results[0]: ruleIndex {{[0-9]+}} does not name rule data-race
// M5:     check_sarif: by hand: FAILED
// M5-NEXT: check_sarif: sarif_om: ok
// M5-NEXT: check_sarif: subset schema: ok
// M6:     by hand: runs[0].results[0]: no partialFingerprints
// M7-DAG: by hand: runs[0]: base %SRCROOT% is not an absolute file URI ending in '/': 'file:///my src/'
// M7-DAG: subset schema: runs/0/originalUriBaseIds/%SRCROOT%/uri: 'file:///my src/' is not a 'uri-reference'
// M8:     by hand: 2 runs of one tool without distinct automationDetails ids
