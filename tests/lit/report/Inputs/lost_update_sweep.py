#!/usr/bin/env python3
"""Runs counter programs under `interleave run` over many seeds and thread counts and checks
every lost-update report with check_lost_update.py (same directory).

Usage: lost_update_sweep.py INTERLEAVE OUTDIR THREADS SEEDS ITERATIONS [--min N] PROGRAM...
THREADS and SEEDS are ranges like 2-8 or single numbers. Each run is
`INTERLEAVE run --seed S --save OUTDIR/P.T.S.trace PROGRAM T ITERATIONS`; its report
(stderr) and `INTERLEAVE report` of the saved trace are both checked, so the stream that
the runtime wrote and its reading back agree. Every run must report at least one lost
update; --min N asks for at least N reports in all. Exits 1 on any problem.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_lost_update  # noqa: E402


def span(text):
    lo, _, hi = text.partition("-")
    return range(int(lo), int(hi or lo) + 1)


def main(argv):
    minimum = 0
    if "--min" in argv:
        i = argv.index("--min")
        minimum = int(argv[i + 1])
        del argv[i : i + 2]
    if len(argv) < 6:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    interleave, outdir, threads, seeds, iterations = argv[:5]
    programs = argv[5:]
    os.makedirs(outdir, exist_ok=True)
    total, bad = 0, []
    for prog in programs:
        name = os.path.basename(prog)
        for t in span(threads):
            for s in span(seeds):
                trace = os.path.join(outdir, "%s.%d.%d.trace" % (name, t, s))
                run = subprocess.run(
                    [interleave, "run", "--seed", str(s), "--save", trace, prog, str(t), iterations],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120,
                )
                rep = subprocess.run(
                    [interleave, "report", trace], stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, text=True, timeout=120,
                )
                for what, text in (("run", run.stderr), ("report", rep.stdout)):
                    label = "%s %d threads seed %d (%s)" % (name, t, s, what)
                    found = list(check_lost_update.reports(text))
                    if not found:
                        bad.append("%s: no lost-update report" % label)
                    for lines in found:
                        total += 1
                        problems, _ = check_lost_update.check(lines)
                        bad.extend("%s: %s" % (label, p) for p in problems)
    for line in bad:
        print(line)
    if total < minimum:
        print("lost_update_sweep: %d lost-update reports, expected at least %d" % (total, minimum))
        return 1
    if bad:
        return 1
    print("lost_update_sweep: %d lost-update reports, all consistent" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
