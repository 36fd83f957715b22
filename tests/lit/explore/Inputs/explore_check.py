#!/usr/bin/env python3
"""Explores corpus programs and replays every bug found (tests/lit/explore).

usage: explore_check.py BIN_DIR CORPUS_DIR WORK_DIR [--replays N] [--args ...] PROGRAM...

For each PROGRAM (a corpus file name without .c): builds it with interleave-cc, runs
`interleave explore` on it, and for each bug reported replays its token N times with
`interleave replay`, checking that every replay prints the same report (headline,
schedule, diagrams, findings) as explore did, apart from the "found after" line and the
program's own output. Prints one line per program and per bug, for FileCheck:
    PROGRAM: exit=66 bugs=2 kinds=assertion failure,lost update
    PROGRAM: replay ok x100: <headline>
and "MISMATCH" lines with a diff when a replay differs.
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


PTR = re.compile(r"0x[0-9a-f]{9,}")


def normalize(block):
    """Drops the "found after" line; heap pointer values (0x + 9 hex digits or more) read
    by the program become 0xPTR: the runtime's heap layout in the forked child still
    depends on the request (see the explore report), the rest must be identical."""
    return [PTR.sub("0xPTR", l) for l in block if not l.startswith("  found after ")]


def main():
    argv = sys.argv[1:]
    bin_dir, corpus, work = argv[0], argv[1], argv[2]
    rest = argv[3:]
    replays, extra = 1, []
    progs = []
    i = 0
    while i < len(rest):
        if rest[i] == "--replays":
            replays = int(rest[i + 1])
            i += 2
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
            ok = 0
            for k in range(replays):
                rr = subprocess.run([ilv, "replay", tok, "--", exe], capture_output=True,
                                    text=True, timeout=120)
                got = blocks(rr.stderr)
                got = normalize(got[0]) if got else []
                if got == want and rr.returncode == 66:
                    ok += 1
                else:
                    print("%s: MISMATCH (replay %d, exit %d): %s" % (p, k, rr.returncode, head))
                    for d in difflib.unified_diff(want, got, "explore", "replay", lineterm=""):
                        print("  " + d)
                    status = 1
                    break
            if ok == replays:
                print("%s: replay ok x%d: %s" % (p, replays, head.strip()))
    return status


if __name__ == "__main__":
    sys.exit(main())
