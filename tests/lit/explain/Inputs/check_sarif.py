#!/usr/bin/env python3
"""Checks a SARIF log written by interleave: check_sarif.py FILE RULE-ID...

Four checks, each reported on its own line; every failure is listed (stderr) and the exit
status is 1 when any check failed:

  by hand       what code scanning needs beyond the schema: version, rules data-race,
                lost-update and deadlock, every result's ruleIndex naming a rule with its
                ruleId, message text, partialFingerprints, a source location for races and
                lost updates with relatedLocations and codeFlows, relative URIs that are
                not mistaken for a scheme and whose uriBaseId is declared, a base URI that
                is absolute and ends with '/', regions from line and column 1, distinct
                location ids, distinct automationDetails ids when there are several runs;
                every RULE-ID given (or one of A|B) has at least one result.
  sarif_om      the SARIF 2.1.0 object model (python3-sarif-python-om, generated from the
                schema): every property known to its object, every required one present
                (sarif_om_check.py beside this file).
  subset schema with jsonschema (python3-jsonschema; URI formats need python3-rfc3987), a
                schema written here from the 2.1.0 specification for exactly the parts
                interleave emits, closed with additionalProperties: false where the official
                schema closes its objects, so that a misspelt property fails.
  official      the official SARIF 2.1.0 JSON schema, when INTERLEAVE_SARIF_SCHEMA names a
                copy of it (no Debian package ships it and the tests run offline; see
                docs/internals/report.md for where to get it). Without it this line says
                "not checked".

All of them run in CI except the official one; the line of each says which ran."""
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


def hand_checks(log, want):
    """Errors of what code scanning expects, and the set of rule ids that have results."""
    errors = []
    seen = set()
    if log.get("version") != "2.1.0":
        errors.append("version is not 2.1.0")
    if "sarif-schema-2.1.0.json" not in log.get("$schema", ""):
        errors.append("$schema does not name the 2.1.0 schema")
    runs = log.get("runs") or []
    if not runs:
        errors.append("no runs")
    automation = [r.get("automationDetails", {}).get("id") for r in runs]
    if len(runs) > 1 and (None in automation or len(set(automation)) != len(runs)):
        errors.append("%d runs of one tool without distinct automationDetails ids: %s"
                      % (len(runs), automation))
    for n, run in enumerate(runs):
        where = "runs[%d]" % n
        driver = run.get("tool", {}).get("driver", {})
        if driver.get("name") != "interleave":
            errors.append("%s: tool.driver.name is not interleave" % where)
        rule_ids = [r.get("id") for r in driver.get("rules", [])]
        for rid in ("data-race", "lost-update", "deadlock"):
            if rid not in rule_ids:
                errors.append("%s: rule %s missing" % (where, rid))
        if len(set(rule_ids)) != len(rule_ids):
            errors.append("%s: rule ids repeat: %s" % (where, rule_ids))
        bases = run.get("originalUriBaseIds", {})
        for name, base in bases.items():
            uri = base.get("uri", "")
            if not uri.startswith("file:///") or not uri.endswith("/") or " " in uri:
                errors.append("%s: base %s is not an absolute file URI ending in '/': %r"
                              % (where, name, uri))
        for i, res in enumerate(run.get("results", [])):
            at = "%s.results[%d]" % (where, i)
            if not res.get("message", {}).get("text"):
                errors.append("%s: no message.text" % at)
            rid = res.get("ruleId")
            idx = res.get("ruleIndex")
            if not isinstance(idx, int) or not 0 <= idx < len(rule_ids) or rule_ids[idx] != rid:
                errors.append("%s: ruleIndex %r does not name rule %s" % (at, idx, rid))
            fps = res.get("partialFingerprints", {})
            if not fps or not all(isinstance(v, str) and v for v in fps.values()):
                errors.append("%s: no partialFingerprints" % at)
            seen.add(rid)
            locs = res.get("locations", [])
            if not locs:
                errors.append("%s: %s result without locations" % (at, rid))
            related = res.get("relatedLocations", [])
            ids = [l["id"] for l in locs + related if "id" in l]
            if len(set(ids)) != len(ids):
                errors.append("%s: location ids repeat: %s" % (at, ids))
            flows = [tfl.get("location", {}) for cf in res.get("codeFlows", [])
                     for tf in cf.get("threadFlows", []) for tfl in tf.get("locations", [])]
            for loc in locs + related + flows:
                phys = loc.get("physicalLocation")
                if phys is None:
                    continue
                art = phys.get("artifactLocation", {})
                uri = art.get("uri", "")
                if uri.startswith("/"):
                    errors.append("%s: uri %s is an absolute path, not a URI" % (at, uri))
                if ":" in uri.split("/")[0] and not uri.startswith("file://"):
                    errors.append("%s: relative uri %s reads as a scheme" % (at, uri))
                if "uriBaseId" in art and art["uriBaseId"] not in bases:
                    errors.append("%s: uriBaseId %s is not declared" % (at, art["uriBaseId"]))
                region = phys.get("region", {})
                if region.get("startLine", 1) < 1 or region.get("startColumn", 1) < 1:
                    errors.append("%s: region out of range: %s" % (at, region))
            if rid in ("data-race", "lost-update"):
                if not any("physicalLocation" in l for l in locs):
                    errors.append("%s: %s result without a source location" % (at, rid))
                if not related:
                    errors.append("%s: %s result without relatedLocations" % (at, rid))
                if not res.get("codeFlows"):
                    errors.append("%s: %s result without codeFlows" % (at, rid))
    for rid in want:  # "a|b": either
        if not seen & set(rid.split("|")):
            errors.append("no %s result" % rid)
    return errors


def schema_errors(schema, log, default):
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=default)
    validator = cls(schema, format_checker=jsonschema.FormatChecker())
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(root)", e.message)
            for e in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))]


def main():
    path, want = sys.argv[1], sys.argv[2:]
    with open(path) as f:
        log = json.load(f)
    failed = False

    def report(check, errors, detail="ok"):
        nonlocal failed
        for e in errors:
            print("check_sarif: %s: %s: %s" % (path, check, e), file=sys.stderr, flush=True)
        print("check_sarif: %s: %s" % (check, "FAILED" if errors else detail), flush=True)
        failed |= bool(errors)

    report("by hand", hand_checks(log, want))

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    import sarif_om_check  # needs python3-sarif-python-om (scripts/deps.sh)

    errors, nobjects = sarif_om_check.check(log)
    report("sarif_om", errors, "ok, %d objects" % nobjects)

    import jsonschema  # needs python3-jsonschema (scripts/deps.sh)

    report("subset schema", schema_errors(SCHEMA, log, jsonschema.Draft7Validator))

    official = os.environ.get("INTERLEAVE_SARIF_SCHEMA")
    if official:
        with open(official) as f:
            schema = json.load(f)
        if "definitions" not in schema or "runs" not in schema.get("properties", {}):
            report("official schema", ["%s is not the SARIF 2.1.0 schema" % official])
        else:
            report("official schema", schema_errors(schema, log, jsonschema.Draft7Validator),
                   "valid against %s" % official)
    else:
        print("check_sarif: official schema: not checked (INTERLEAVE_SARIF_SCHEMA is not set)",
              flush=True)

    if failed:
        sys.exit("check_sarif: %s: FAILED" % path)
    print("check_sarif: ok, %d result(s)" % sum(len(r.get("results", [])) for r in log["runs"]))


main()
