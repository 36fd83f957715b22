#!/usr/bin/env python3
"""Prints the first replay token found in the file given as argument."""
import re
import sys

m = re.search(r"ilv1-[A-Za-z0-9_-]+", open(sys.argv[1]).read())
print(m.group(0) if m else "")
