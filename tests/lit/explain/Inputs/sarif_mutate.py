#!/usr/bin/env python3
"""Writes to stdout a SARIF log with one thing broken: sarif_mutate.py FILE MUTATION.
sarif.c feeds the results to check_sarif.py, which must reject each of them: the proof
that its checks can fail. The first result of the first run is the one broken."""
import json
import sys


def unknown_property(log, res):
    res["ruleIdx"] = res.pop("ruleIndex")


def missing_required(log, res):
    del res["message"]


def nested_unknown(log, res):
    res["locations"][0]["physicalLocation"]["region"]["startLin"] = 1


def rule_text(log, res):
    log["runs"][0]["tool"]["driver"]["rules"][0]["fullDescription"]["txt"] = "misspelt"


def wrong_rule_index(log, res):
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    res["ruleIndex"] = (res["ruleIndex"] + 1) % len(rules)


def no_fingerprint(log, res):
    del res["partialFingerprints"]


def raw_base_uri(log, res):
    log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///my src/"


def same_category(log, res):
    for run in log["runs"]:
        run["automationDetails"] = {"id": "interleave/"}


log = json.load(open(sys.argv[1]))
globals()[sys.argv[2].replace("-", "_")](log, log["runs"][0]["results"][0])
json.dump(log, sys.stdout, indent=2)
