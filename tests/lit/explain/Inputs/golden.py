#!/usr/bin/env python3
"""Compares a rendered report with its golden file after normalizing what changes
between machines: golden.py GOLDEN FILE DIR... Every DIR (the test's temporary
directory, the source tree) becomes <DIRn>, and the tool version becomes <VERSION>.
INTERLEAVE_UPDATE_GOLDEN=1 rewrites GOLDEN instead (review the diff before committing)."""
import difflib
import os
import re
import sys

golden, path, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(path, encoding="utf-8") as f:
    text = f.read()
for i, d in enumerate(sorted(dirs, key=len, reverse=True)):
    d = os.path.realpath(d)
    text = text.replace(d, "<DIR%d>" % i)
text = re.sub(r'("version": )"\d+\.\d+\.\d+"', r'\1"<VERSION>"', text)
if os.environ.get("INTERLEAVE_UPDATE_GOLDEN") == "1":
    with open(golden, "w", encoding="utf-8") as f:
        f.write(text)
    sys.exit(0)
with open(golden, encoding="utf-8") as f:
    want = f.read()
if text != want:
    sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                               golden, path + " (normalized)"))
    sys.exit("golden: %s differs from %s (INTERLEAVE_UPDATE_GOLDEN=1 to accept)" % (path, golden))
print("golden: %s matches" % golden)
