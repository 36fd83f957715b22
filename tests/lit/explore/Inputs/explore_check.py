#!/usr/bin/env python3
"""Explores corpus programs and replays every bug found (tests/lit/explore).

usage: explore_check.py BIN_DIR CORPUS_DIR WORK_DIR [--replays N] [--vary-env]
                        [--args ...] PROGRAM...

For each PROGRAM (a corpus file name without .c): builds it with interleave-cc, runs
`interleave explore` on it, and for each bug reported replays its token N times with
`interleave replay`, checking that every replay prints the same report (headline,
schedule, diagrams with the values read and written, findings) byte for byte as explore
did, apart from the "found after" line and the program's own output. --vary-env runs
each replay with an environment of another size (as another shell or another day
would), which must not change pointer values either. Prints one line per program and
per bug, for FileCheck:
    PROGRAM: exit=66 bugs=2 kinds=assertion failure,lost update
    PROGRAM: replay ok x100: <headline>
or, when some replays differ, "PROGRAM: MISMATCH k/N identical: <headline>" and the
diff of the first that differed; at the end, "total: T tokens, R replays, I identical".
"""
import difflib
import os
import re
import subprocess
import sys

RULE = "=================="


def blocks(text):
    """The reports of an explore/replay output: lists of lines between rule lines."""
    out, cur, inside = [], [], False
    for line in text.splitlines():
        if line == RULE:
            if inside:
                out.append(cur)
                cur, inside = [], False
            else:
                inside = True
            continue
        if inside:
            cur.append(line)
    return out


def normalize(block):
    """Drops the "found after" line (explore's only)."""
    return [l for l in block if not l.startswith("  found after ")]


def replay_env(k, vary):
    """The environment of replay k: ours, or with k-dependent extra variables."""
    env = dict(os.environ)
    if vary:
        for v in range(k % 4):
            env["EXPLORE_CHECK_VAR%d" % v] = "v"
        env["EXPLORE_CHECK_PAD"] = "x" * ((k * 389) % 3001)
    return env


def main():
    argv = sys.argv[1:]
    bin_dir, corpus, work = argv[0], argv[1], argv[2]
    rest = argv[3:]
    replays, extra, vary = 1, [], False
    progs = []
    i = 0
    while i < len(rest):
        if rest[i] == "--replays":
            replays = int(rest[i + 1])
            i += 2
        elif rest[i] == "--vary-env":
            vary = True
            i += 1
        elif rest[i] == "--args":
            extra = rest[i + 1].split()
            i += 2
        else:
            progs.append(rest[i])
            i += 1
    os.makedirs(work, exist_ok=True)
    icc = os.path.join(bin_dir, "interleave-cc")
    ilv = os.path.join(bin_dir, "interleave")
    status = 0
    ntok = nrep = nsame = 0
    for p in progs:
        exe = os.path.join(work, p)
        subprocess.run([icc, "-O1", "-g", os.path.join(corpus, p + ".c"), "-o", exe], check=True)
        r = subprocess.run([ilv, "explore", "--quiet"] + extra + ["--", exe],
                           capture_output=True, text=True, timeout=300)
        bl = blocks(r.stderr)
        kinds = []
        summary = [l for l in r.stderr.splitlines() if l.startswith("interleave explore: ") and " bug" in l]
        m = re.search(r"\d+ bugs? \(([^)]*)\)", summary[-1] if summary else "")
        if m:
            kinds = sorted(set(k.strip() for k in m.group(1).split(",")))
        print("%s: exit=%d bugs=%d kinds=%s" % (p, r.returncode, len(bl), ",".join(kinds)))
        for b in bl:
            tok = None
            for line in b:
                mm = re.search(r"interleave replay (ilv1-[A-Za-z0-9_-]+) -- ", line)
                if mm:
                    tok = mm.group(1)
            head = b[0] if b else "?"
            if not tok:
                print("%s: NO TOKEN: %s" % (p, head))
                status = 1
                continue
            want = normalize(b)
            ok, first_diff = 0, None
            for k in range(replays):
                rr = subprocess.run([ilv, "replay", tok, "--", exe], capture_output=True,
                                    text=True, timeout=120, env=replay_env(k, vary))
                got = blocks(rr.stderr)
                got = normalize(got[0]) if got else []
                if got == want and rr.returncode == 66:
                    ok += 1
                elif first_diff is None:
                    diff = list(difflib.unified_diff(want, got, "explore", "replay", lineterm=""))
                    if not got:  # no report: say why
                        diff += ["stderr: " + l for l in rr.stderr.splitlines()[-3:]]
                    first_diff = (k, rr.returncode, diff)
            ntok += 1
            nrep += replays
            nsame += ok
            if ok == replays:
                print("%s: replay ok x%d: %s" % (p, replays, head.strip()))
            else:
                k, rc, diff = first_diff
                print("%s: MISMATCH %d/%d identical: %s" % (p, ok, replays, head.strip()))
                print("  first difference: replay %d, exit %d" % (k, rc))
                for d in diff:
                    print("  " + d)
                status = 1
    print("total: %d tokens, %d replays, %d identical" % (ntok, nrep, nsame))
    return status


if __name__ == "__main__":
    sys.exit(main())
