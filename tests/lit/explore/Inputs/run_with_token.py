#!/usr/bin/env python3
"""run_with_token.py TOKENFILE CMD... : runs CMD with @TOKEN@ replaced by the token read
from TOKENFILE (lit's internal shell has no command substitution); forwards stdout and
stderr, prints "exit=N" on stderr and always exits 0."""
import subprocess
import sys

tok = open(sys.argv[1]).read().strip()
cmd = [a.replace("@TOKEN@", tok) for a in sys.argv[2:]]
r = subprocess.run(cmd)
sys.stderr.write("exit=%d\n" % r.returncode)
