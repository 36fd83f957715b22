#!/usr/bin/env python3
"""run_with_env.py OPTSFILE CMD... : runs CMD with INTERLEAVE_OPTIONS set to the contents
of OPTSFILE (too long for a RUN line); forwards stdout and stderr, prints "exit=N" on
stderr and always exits 0."""
import os
import subprocess
import sys

env = dict(os.environ, INTERLEAVE_OPTIONS=open(sys.argv[1]).read().strip())
r = subprocess.run(sys.argv[2:], env=env)
sys.stderr.write("exit=%d\n" % r.returncode)
