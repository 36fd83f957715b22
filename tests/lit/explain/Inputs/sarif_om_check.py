#!/usr/bin/env python3
"""Checks a SARIF log against the SARIF 2.1.0 object model: sarif_om_check.py FILE...

sarif_om (Debian: python3-sarif-python-om) is the Python object model that Microsoft
generated from the SARIF 2.1.0 JSON schema (jschema_to_python): one attrs class per schema
object, one attribute per property, its schema name in the metadata "schema_property_name",
and no default exactly when the schema requires the property. From it this checker takes,
for every object of the log, which property names exist and which are required:

  - every property of an object is a property of its class (a misspelt or invented
    property fails: "ruleIdx is not a property of Result");
  - every property that its class requires is present.

sarif_om does not record which class a property holds. CLASS_OF derives it from the
names: the property name, singular for an array and capitalised, is the class
("runs" -> Run, "physicalLocation" -> PhysicalLocation); EXCEPTIONS lists, for the
objects interleave writes, the properties whose class has another name in the
specification. An object-valued property that neither names nor lists fails, so that a
new kind of object cannot go unchecked. Maps (originalUriBaseIds, partialFingerprints)
and property bags are listed in MAPS; a property bag's keys are free, except the
well-known "tags".

The model is generated from a pre-release of 2.1.0 (rtm.4); the property names and
required properties of the objects interleave writes are those of the final standard.
Types, formats and enumerations are the JSON schemas' business (check_sarif.py)."""
import json
import sys

import attr
import sarif_om

# (class, property) -> class of the value (of each element, for an array), where the name
# of the property does not say it.
EXCEPTIONS = {
    ("Tool", "driver"): "ToolComponent",
    ("Tool", "extensions"): "ToolComponent",
    ("ToolComponent", "rules"): "ReportingDescriptor",
    ("ToolComponent", "notifications"): "ReportingDescriptor",
    ("ToolComponent", "shortDescription"): "MultiformatMessageString",
    ("ToolComponent", "fullDescription"): "MultiformatMessageString",
    ("ReportingDescriptor", "shortDescription"): "MultiformatMessageString",
    ("ReportingDescriptor", "fullDescription"): "MultiformatMessageString",
    ("ReportingDescriptor", "help"): "MultiformatMessageString",
    ("ReportingDescriptor", "defaultConfiguration"): "ReportingConfiguration",
    ("Run", "automationDetails"): "RunAutomationDetails",
    ("Result", "relatedLocations"): "Location",
    ("Result", "rule"): "ReportingDescriptorReference",
    ("ThreadFlow", "locations"): "ThreadFlowLocation",
    ("ArtifactLocation", "description"): "Message",
    ("RunAutomationDetails", "description"): "Message",
}

# (class, property) -> class of each value of a map; "str" for strings, None for a
# property bag (free keys).
MAPS = {
    ("Run", "originalUriBaseIds"): "ArtifactLocation",
    ("Result", "partialFingerprints"): "str",
    ("Result", "fingerprints"): "str",
}


def fields(cls):
    """{schema property name: required?} of a sarif_om class."""
    return {f.metadata["schema_property_name"]: f.default is attr.NOTHING
            for f in attr.fields(cls)}


def model_class(name):
    cls = getattr(sarif_om, name, None)
    return cls if isinstance(cls, type) and attr.has(cls) else None


def class_of(parent, prop, is_array):
    """The class name of the value of parent.prop, or None when the name says nothing."""
    if (parent, prop) in EXCEPTIONS:
        return EXCEPTIONS[(parent, prop)]
    name = prop[:-1] if is_array and prop.endswith("s") else prop
    name = name[:1].upper() + name[1:]
    return name if model_class(name) else None


def self_check():
    """The tables name real classes and properties (a typo here would hide a check)."""
    for (parent, prop), cls in list(EXCEPTIONS.items()) + list(MAPS.items()):
        if not model_class(parent) or prop not in fields(model_class(parent)):
            raise SystemExit("sarif_om_check: table names %s.%s, not in sarif_om" % (parent, prop))
        if cls not in (None, "str") and not model_class(cls):
            raise SystemExit("sarif_om_check: table names class %s, not in sarif_om" % cls)


class Checker:
    def __init__(self):
        self.errors = []
        self.objects = 0

    def fail(self, path, msg):
        self.errors.append("%s: %s" % (path, msg))

    def bag(self, path, value):
        if not isinstance(value, dict):
            self.fail(path, "a property bag must be an object")
            return
        tags = value.get("tags")
        if tags is not None and not (isinstance(tags, list)
                                     and all(isinstance(t, str) for t in tags)):
            self.fail(path + ".tags", "tags must be an array of strings")

    def obj(self, path, cname, value):
        cls = model_class(cname)
        if not isinstance(value, dict):
            self.fail(path, "a %s must be an object" % cname)
            return
        self.objects += 1
        known = fields(cls)
        for prop, required in known.items():
            if required and prop not in value:
                self.fail(path, "%s requires %s" % (cname, prop))
        for prop, v in value.items():
            sub = "%s.%s" % (path, prop)
            if prop not in known:
                self.fail(path, "%s is not a property of %s" % (prop, cname))
            elif prop == "properties":
                self.bag(sub, v)
            elif (cname, prop) in MAPS:
                self.map(sub, MAPS[(cname, prop)], v)
            elif isinstance(v, list):
                self.array(sub, cname, prop, v)
            elif isinstance(v, dict):
                target = class_of(cname, prop, False)
                if target is None:
                    self.fail(sub, "no class known for %s.%s: add it to EXCEPTIONS" % (cname, prop))
                else:
                    self.obj(sub, target, v)
            elif class_of(cname, prop, False) is not None:
                self.fail(sub, "%s.%s must be a %s object" % (cname, prop, class_of(cname, prop, False)))

    def array(self, path, cname, prop, items):
        target = class_of(cname, prop, True)
        for i, item in enumerate(items):
            sub = "%s[%d]" % (path, i)
            if isinstance(item, (dict, list)):
                if target is None:
                    self.fail(sub, "no class known for %s.%s: add it to EXCEPTIONS" % (cname, prop))
                else:
                    self.obj(sub, target, item)
            elif target is not None:
                self.fail(sub, "an element of %s.%s must be a %s object" % (cname, prop, target))

    def map(self, path, target, value):
        if not isinstance(value, dict):
            self.fail(path, "must be an object (a map)")
            return
        for key, v in value.items():
            sub = "%s[%s]" % (path, json.dumps(key))
            if target == "str":
                if not isinstance(v, str):
                    self.fail(sub, "must be a string")
            else:
                self.obj(sub, target, v)


def check(log):
    """(list of errors, number of objects checked) for a parsed SARIF log."""
    self_check()
    c = Checker()
    c.obj("log", "SarifLog", log)
    return c.errors, c.objects


def main():
    status = 0
    for path in sys.argv[1:]:
        with open(path) as f:
            errors, n = check(json.load(f))
        for e in errors:
            print("sarif_om_check: %s: %s" % (path, e), file=sys.stderr)
        print("sarif_om_check: %s: %s, %d objects" % (path, "FAILED" if errors else "ok", n))
        status |= bool(errors)
    return status


if __name__ == "__main__":
    sys.exit(main())
