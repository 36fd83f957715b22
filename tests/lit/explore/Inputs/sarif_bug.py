#!/usr/bin/env python3
"""sarif_bug.py FILE RULE WHAT: prints WHAT of the first result of rule RULE in the SARIF
log FILE: token (properties.replayToken), fingerprint (partialFingerprints
interleave/v1) or message (message.text). Exits 1 when there is no such result."""
import json
import sys

path, rule, what = sys.argv[1:4]
with open(path) as f:
    log = json.load(f)
for run in log["runs"]:
    for res in run.get("results", []):
        if res.get("ruleId") != rule:
            continue
        if what == "token":
            print(res["properties"]["replayToken"])
        elif what == "fingerprint":
            print(res["partialFingerprints"]["interleave/v1"])
        else:
            print(res["message"]["text"])
        sys.exit(0)
sys.exit("sarif_bug: %s: no %s result" % (path, rule))
