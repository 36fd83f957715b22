#!/usr/bin/env python3
"""Checks a Chrome trace-event file written by interleave: check_trace.py FILE.
JSON Object Format: {"traceEvents": [...]}; every event has ph, ts, pid, tid, name; every
thread with events has a thread_name metadata event "Tn (function)"; at least one event
of category "finding"; complete events have a dur and args {op, value, location}."""
import json
import re
import sys


def fail(msg):
    sys.exit("check_trace: %s: %s" % (sys.argv[1], msg))


with open(sys.argv[1]) as f:
    doc = json.load(f)
evs = doc.get("traceEvents")
if not isinstance(evs, list) or not evs:
    fail("no traceEvents")
named = {}
for e in evs:
    for k in ("ph", "ts", "pid", "tid", "name"):
        if k not in e:
            fail("event without %s: %r" % (k, e))
    if not isinstance(e["ts"], (int, float)) or not isinstance(e["pid"], int):
        fail("bad ts/pid: %r" % e)
    if e["ph"] == "M" and e["name"] == "thread_name":
        name = e["args"]["name"]
        if not re.fullmatch(r"T\d+ \(.+\)", name) or not name.startswith("T%d " % e["tid"]):
            fail("thread name %r for tid %d" % (name, e["tid"]))
        named[(e["pid"], e["tid"])] = name
for e in evs:
    if e["ph"] in ("X", "i") and (e["pid"], e["tid"]) not in named:
        fail("tid %d of pid %d has no thread_name" % (e["tid"], e["pid"]))
    if e["ph"] == "X":
        if "dur" not in e:
            fail("complete event without dur")
        for k in ("op", "value", "location"):
            if k not in e.get("args", {}):
                fail("event without args.%s" % k)
if not any(e.get("cat") == "finding" for e in evs):
    fail("no event of category finding")
print("check_trace: ok, %d events" % len(evs))
