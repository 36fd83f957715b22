#!/usr/bin/env python3
"""Checks a SARIF log written by interleave: check_sarif.py FILE RULE-ID...

The official SARIF 2.1.0 JSON schema cannot be fetched at test time and no Debian package
ships it, so this test checks (1) by hand, the structure the schema requires of the parts
interleave emits, and (2) with jsonschema (python3-jsonschema), a schema written here from
the SARIF 2.1.0 specification for exactly those parts, closed with additionalProperties:
false where the official schema closes its objects, so that a misspelt property fails.
Set SARIF_SCHEMA=/path/to/sarif-schema-2.1.0.json to validate against the official file
as well. Every RULE-ID given (or one of A|B) must have at least one result."""
import json
import os
import sys


def fail(msg):
    sys.exit("check_sarif: %s: %s" % (sys.argv[1], msg))


def closed(props, required=()):
    return {"type": "object", "additionalProperties": False, "properties": props,
            "required": list(required)}


MESSAGE = closed({"text": {"type": "string"}, "id": {"type": "string"},
                  "markdown": {"type": "string"}, "arguments": {"type": "array"},
                  "properties": {"type": "object"}})
MESSAGE["anyOf"] = [{"required": ["text"]}, {"required": ["id"]}]
REGION = closed({"startLine": {"type": "integer", "minimum": 1},
                 "startColumn": {"type": "integer", "minimum": 1},
                 "endLine": {"type": "integer", "minimum": 1},
                 "endColumn": {"type": "integer", "minimum": 1},
                 "properties": {"type": "object"}})
ARTIFACT_LOCATION = closed({"uri": {"type": "string", "format": "uri-reference"},
                            "uriBaseId": {"type": "string"},
                            "index": {"type": "integer", "minimum": -1},
                            "description": MESSAGE, "properties": {"type": "object"}})
LOCATION = closed({
    "id": {"type": "integer", "minimum": -1},
    "physicalLocation": closed({"artifactLocation": ARTIFACT_LOCATION, "region": REGION,
                                "properties": {"type": "object"}}),
    "logicalLocations": {"type": "array", "items": closed(
        {"name": {"type": "string"}, "kind": {"type": "string"},
         "fullyQualifiedName": {"type": "string"}, "properties": {"type": "object"}})},
    "message": MESSAGE, "properties": {"type": "object"}})
THREAD_FLOW_LOCATION = closed({
    "location": LOCATION, "executionOrder": {"type": "integer", "minimum": -1},
    "importance": {"enum": ["important", "essential", "unimportant"]},
    "nestingLevel": {"type": "integer", "minimum": 0}, "properties": {"type": "object"}})
CODE_FLOW = closed({
    "message": MESSAGE,
    "threadFlows": {"type": "array", "minItems": 1, "items": closed(
        {"id": {"type": "string"}, "message": MESSAGE,
         "locations": {"type": "array", "minItems": 1, "items": THREAD_FLOW_LOCATION},
         "properties": {"type": "object"}}, ["locations"])},
    "properties": {"type": "object"}}, ["threadFlows"])
RULE = closed({"id": {"type": "string"}, "name": {"type": "string"},
               "shortDescription": MESSAGE, "fullDescription": MESSAGE, "help": MESSAGE,
               "defaultConfiguration": closed(
                   {"level": {"enum": ["none", "note", "warning", "error"]},
                    "enabled": {"type": "boolean"}, "properties": {"type": "object"}}),
               "properties": {"type": "object"}}, ["id"])
RESULT = closed({
    "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
    "level": {"enum": ["none", "note", "warning", "error"]}, "message": MESSAGE,
    "locations": {"type": "array", "items": LOCATION},
    "relatedLocations": {"type": "array", "items": LOCATION},
    "codeFlows": {"type": "array", "items": CODE_FLOW},
    "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
    "properties": {"type": "object"}}, ["message"])
RUN = closed({
    "tool": closed({"driver": closed({
        "name": {"type": "string"}, "version": {"type": "string"},
        "informationUri": {"type": "string"},
        "rules": {"type": "array", "items": RULE}}, ["name"])}, ["driver"]),
    "automationDetails": closed({"id": {"type": "string"}, "description": MESSAGE,
                                 "properties": {"type": "object"}}),
    "originalUriBaseIds": {"type": "object", "additionalProperties": closed(
        {"uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"}})},
    "invocations": {"type": "array", "items": closed(
        {"executionSuccessful": {"type": "boolean"}, "exitCode": {"type": "integer"},
         "properties": {"type": "object"}},
        ["executionSuccessful"])},
    "results": {"type": "array", "items": RESULT},
    "properties": {"type": "object"}}, ["tool"])
SCHEMA = closed({"$schema": {"type": "string", "format": "uri"}, "version": {"enum": ["2.1.0"]},
                 "runs": {"type": "array", "items": RUN}}, ["version", "runs"])


def main():
    path, want = sys.argv[1], sys.argv[2:]
    with open(path) as f:
        log = json.load(f)
    # (1) By hand: what code scanning needs.
    if log.get("version") != "2.1.0":
        fail("version is not 2.1.0")
    if "sarif-schema-2.1.0.json" not in log.get("$schema", ""):
        fail("$schema does not name the 2.1.0 schema")
    if not log.get("runs"):
        fail("no runs")
    seen = set()
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        if driver.get("name") != "interleave":
            fail("tool.driver.name is not interleave")
        rule_ids = [r["id"] for r in driver.get("rules", [])]
        for rid in ("data-race", "lost-update", "deadlock"):
            if rid not in rule_ids:
                fail("rule %s missing" % rid)
        for res in run.get("results", []):
            if not res.get("message", {}).get("text"):
                fail("result without message.text")
            rid = res.get("ruleId")
            if "ruleIndex" in res and rule_ids[res["ruleIndex"]] != rid:
                fail("ruleIndex does not point at %s" % rid)
            seen.add(rid)
            locs = res.get("locations", [])
            if not locs:
                fail("%s result without locations" % rid)
            for loc in locs + res.get("relatedLocations", []):
                phys = loc.get("physicalLocation")
                if phys is None:
                    continue
                uri = phys["artifactLocation"]["uri"]
                if uri.startswith("/"):
                    fail("uri %s is an absolute path, not a URI" % uri)
                region = phys.get("region", {})
                if region.get("startLine", 1) < 1 or region.get("startColumn", 1) < 1:
                    fail("region out of range")
            if rid in ("data-race", "lost-update"):
                if not any("physicalLocation" in l for l in locs):
                    fail("%s result without a source location" % rid)
                if not res.get("relatedLocations"):
                    fail("%s result without relatedLocations" % rid)
                if not res.get("codeFlows"):
                    fail("%s result without codeFlows" % rid)
    for rid in want:  # "a|b": either
        if not seen & set(rid.split("|")):
            fail("no %s result" % rid)
    # (2) With a validator, when python3-jsonschema is there.
    try:
        import jsonschema
    except ImportError:
        print("check_sarif: jsonschema missing, structural checks only")
        return
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)
    official = os.environ.get("SARIF_SCHEMA")
    if official:
        with open(official) as f:
            jsonschema.Draft7Validator(json.load(f)).validate(log)
        print("check_sarif: valid against %s" % official)
    print("check_sarif: ok, %d result(s)" % sum(len(r.get("results", [])) for r in log["runs"]))


main()
