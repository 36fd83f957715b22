#!/usr/bin/env python3
"""Checks every lost-update report of a counter program in interleave's text output.

Usage: check_lost_update.py [--min N] [--step K] FILE...

For the counters of this directory (each thread adds K to x by a read and a separate
write, K = 1 unless --step says otherwise), every lost-update report must tell one
consistent story:
  - the three lines are there: "Ta read x == V", "Tb wrote x = W", "Ta wrote x = V+K,
    overwriting Tb's update", with a != b;
  - the overwrite was computed from the stale read: its value is V + K;
  - the overwritten update came after the stale read: W > V;
  - the diagram marks exactly these three events, r(V) and w(V+K) on Ta's row and
    w(W) (or u(W)) on Tb's, in this order in time: the stale read before the other
    thread's update, and that before the overwrite.
It also checks that the files hold at least --min lost-update reports in all (so that a
sweep that lost its reports cannot pass). Prints one line per problem and exits 1 if
there was any; prints a one-line summary otherwise.
"""
import re
import sys

EVENT = re.compile(r"([rwu])\(([^)]*)\)")
ROW = re.compile(r"^\s*T(\d+)\s+\| ?(.*)$")
READ = re.compile(r"^  T(\d+) read (.+?)(?: == (\S+))? at ")
WROTE = re.compile(r"^  T(\d+) wrote (.+?) = (\S+) at (.*)$")
OVERWRITING = re.compile(r", overwriting T(\d+)'s update$")


def value(text):
    return int(text, 16) if text.startswith(("0x", "-0x")) else int(text)


def diagram_marks(lines):
    """The marked events of a diagram as (time, tid, op, value), in time order. Time is
    (block, column): a wrapped diagram starts again at column 0 in its next block."""
    marks, block, prev = [], 0, None
    for line in lines:
        if line.strip().endswith("> time"):
            block += 1
            prev = None
            continue
        m = ROW.match(line)
        if m:
            tid = int(m.group(1))
            start = m.start(2)
            prev = (tid, {start + e.start(): (e.group(1), e.group(2)) for e in EVENT.finditer(m.group(2))})
            continue
        if prev and "^" in line and set(line.strip()) <= {"^", " "}:
            tid, events = prev
            for c in re.finditer(r"\^+", line):
                ev = events.get(c.start())
                if ev is None:
                    marks.append(((block, c.start()), tid, "?", None))
                else:
                    marks.append(((block, c.start()), tid, ev[0], value(ev[1])))
            prev = None
    return sorted(marks)


def reports(text):
    """Yields (label, report lines) for each lost-update report."""
    blocks = re.split(r"^={10,}$", text, flags=re.M)
    for b in blocks:
        lines = b.strip("\n").split("\n")
        if lines and lines[0].startswith("interleave: lost update on "):
            yield lines


def check(lines):
    problems = []
    rd = ow = wr = None
    for line in lines:
        m = READ.match(line)
        if m and rd is None:
            if m.group(3) is None:
                return [f"the stale read of T{m.group(1)} has no value"], None
            rd = (int(m.group(1)), value(m.group(3)))
            continue
        m = WROTE.match(line)
        if m:
            o = OVERWRITING.search(m.group(4))
            if o:
                wr = (int(m.group(1)), value(m.group(3)), int(o.group(1)))
            elif ow is None:
                ow = (int(m.group(1)), value(m.group(3)))
    if not (rd and ow and wr):
        return ["missing a line of the three (read, update, overwrite)"], None
    (ta, v), (tb, w), (tw, vw, tover) = rd, ow, wr
    if ta != tw or tb != tover or ta == tb:
        problems.append(f"threads do not fit: read by T{ta}, update by T{tb}, overwrite by T{tw} of T{tover}")
    if vw != v + STEP:
        problems.append(f"T{tw} wrote {vw}, but its stale read saw {v} (expected a write of {v + STEP})")
    if not w > v:
        problems.append(f"the overwritten update wrote {w}, not more than the stale read's {v}")
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("  accesses to "))
    except StopIteration:
        return problems + ["no diagram"], (ta, v, tb, w, vw)
    marks = diagram_marks(lines[start + 1 :])
    want = [(ta, "r", v), (tb, "w", w), (ta, "w", v + STEP)]
    got = [(t, "w" if op == "u" else op, val) for _, t, op, val in marks]
    if got != want:
        shown = " ".join(f"T{t}:{op}({val})" for t, op, val in got) or "nothing"
        problems.append(
            "diagram marks %s in time order, expected T%d:r(%d) T%d:w(%d) T%d:w(%d)"
            % (shown, ta, v, tb, w, ta, v + STEP)
        )
    return problems, (ta, v, tb, w, vw)


STEP = 1


def main(argv):
    global STEP
    args, minimum = list(argv), 0
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--min":
            minimum = int(args.pop(0))
        elif opt == "--step":
            STEP = int(args.pop(0))
        else:
            print(f"check_lost_update.py: unknown option {opt}", file=sys.stderr)
            return 2
    if not args:
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    total, bad = 0, 0
    for path in args:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for n, lines in enumerate(reports(text), 1):
            total += 1
            problems, _ = check(lines)
            for p in problems:
                bad += 1
                print(f"{path}: lost update {n}: {p}")
    if total < minimum:
        print(f"check_lost_update.py: {total} lost-update reports, expected at least {minimum}")
        return 1
    if bad:
        return 1
    print(f"check_lost_update.py: {total} lost-update reports, all consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
