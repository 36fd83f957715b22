# -*- Python -*-
"""The corpus contract: what `interleave run` must say about each row of a corpus's
MANIFEST.tsv (tests/corpus/README.md, "How to judge a tool"): the repository's
tests/corpus, or the shared corpus beside the repository, which has the same columns.

Used by lit.local.cfg (one lit test per row) and by bench/corpus_rates.sh (detection
rates). Plain Python, no lit import, so that it also runs on its own:

    python3 tests/lit/corpus/corpus_check.py check  --bin build/bin --corpus tests/corpus [ROW...]
    python3 tests/lit/corpus/corpus_check.py rates  --bin build/bin --corpus tests/corpus

Per row and compiler (gcc always; clang too for the seed_ and race_ rows) the program is
built with `interleave-cc -O1 -g` and run with `interleave run --seed S` for S = 1..10,
each run under a 30 s timeout:

- race=yes: within the 10 seeds, some data race report names one of the race_on items
  (the header "data race on `NAME`"; an element or member of an item counts, e.g.
  `frame_buf[0]` for frame_buf; a "heap block" report counts for rows whose items are
  fields behind pointers, such as st->frames). No data race report may name another
  variable (near-misses such as acct.locked_hits), another heap block or another stack.
  "unknown memory" reports cannot be judged and are only listed. Stops at the first seed
  that meets every expectation of the row.
- race=no: no data race report in any of the 10 seeds; for a correct program (bug none or
  weak-memory) no finding of any kind (a lost update or deadlock there is a false report).
- bug=lost-update for seed_a, seed_d, seed_e, seed_f: a lost update on `x` within 10 seeds.
- bug deadlock/hang/assert: run mode does not explore, so only the race column is checked;
  the run must end within the timeout (a deadlock verdict or a failed assert is fine).
- perf_ rows and seed_b, seed_c: the program's stdout equals that of the native build
  (gcc -O1 -g -pthread) in every run.
- Otherwise the program must exit normally: status 0, or 134 (assert) for rows whose bug
  is an assert or a lost update; a crash or a usage error of interleave is a failure.
"""

import os
import re
import signal
import subprocess
import sys

SEEDS = 10
RUN_TIMEOUT = 30  # seconds per run (and per build)

# Small sizes (MANIFEST notes give the defaults) so that 10 seeds stay fast.
ARGS = {
    "seed_a_racy_counter.c": ["4", "20000"],
    "seed_b_mutex_counter.c": ["4", "20000"],
    "seed_c_atomic_relaxed_counter.c": ["4", "20000"],
    "seed_d_atomic_load_store.c": ["4", "20000"],
    "perf_merge_sort.c": ["200000"],
    "perf_bounded_queue.c": ["200000"],
    "perf_thread_pool.c": ["500000"],
    "perf_histogram.c": ["1000000"],
    "perf_matmul.c": ["100", "2"],
    "perf_hashmap_striped.c": ["100000"],
}

# Rows that must show a lost update on this variable within the seeds.
LOST_UPDATE_ON = {
    "seed_a_racy_counter.c": "x",
    "seed_d_atomic_load_store.c": "x",
    "seed_e_racy_2x2.c": "x",
    "seed_f_atomic_2x2.c": "x",
}

# Rows whose racing variable lives on a thread's stack. The symbolizer names only
# variables with a static address; a stack object is shown as "stack of Tn (func)"
# (docs/internals/report.md), so that is what a hit looks like for them.
STACK_OBJECT = {
    "race_thread_arg_after_create.c": "stack of T0 (main)",  # main's loop variable
}

HEADER = re.compile(r"^interleave: (data race|lost update) on (.*)$")
DEADLOCK = re.compile(r"^interleave: deadlock")
SUMMARY = re.compile(r"^interleave: .* in 1 run, seed (\d+); program exited with status (\d+)")


class Row:
    def __init__(self, fields):
        self.file = fields["file"]
        self.name = self.file[:-2] if self.file.endswith(".c") else self.file
        self.race = fields["race"] == "yes"
        self.race_on = [s.strip() for s in fields["race_on"].split(";") if s.strip() not in ("", "-")]
        self.bug = fields["bug"]
        self.notes = fields.get("notes", "")
        self.args = ARGS.get(self.file, [])
        self.lost_update_on = LOST_UPDATE_ON.get(self.file)
        self.heap_ok = any("->" in item for item in self.race_on)
        self.stack_ok = STACK_OBJECT.get(self.file)
        self.compare_stdout = self.name.startswith("perf_") or self.file in (
            "seed_b_mutex_counter.c",
            "seed_c_atomic_relaxed_counter.c",
        )
        self.compilers = ["gcc"]
        if self.name.startswith(("seed_", "race_")):
            self.compilers.append("clang")
        if self.bug in ("deadlock", "hang"):
            self.ok_status = None  # anything, as long as it ends
        elif self.bug in ("assert", "lost-update"):
            self.ok_status = {0, 134}
        else:
            self.ok_status = {0}


def read_manifest(corpus):
    rows = []
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    head = lines[0].split("\t")
    for line in lines[1:]:
        cells = line.split("\t")
        rows.append(Row(dict(zip(head, cells))))
    return rows


class Report:
    """One finding's header: kind ('data race', 'lost update', 'deadlock') and object."""

    def __init__(self, kind, obj):
        self.kind = kind
        self.obj = obj  # as printed: "`x`", "heap block of 16 bytes, offset 8", ...

    @property
    def name(self):
        m = re.match(r"^`([^`]*)`", self.obj)
        return m.group(1) if m else None

    @property
    def where(self):
        """The object without its details: `x`, heap block of 16 bytes, offset 8, ..."""
        if self.name is not None:
            return "`%s`" % self.name
        return re.sub(r" \(\d+ bytes?(, 0x[0-9a-f]+)?\)$", "", self.obj)

    def __str__(self):
        return "%s on %s" % (self.kind, self.where) if self.kind != "deadlock" else "deadlock"


def parse_reports(stderr):
    """The finding headers, the program's exit status and the number of findings,
    from the summary line (None when there is none)."""
    reports, status, nfindings = [], None, None
    for line in stderr.splitlines():
        m = HEADER.match(line)
        if m:
            reports.append(Report(m.group(1), m.group(2)))
        elif DEADLOCK.match(line):
            reports.append(Report("deadlock", ""))
        m = SUMMARY.match(line)
        if m:
            status = int(m.group(2))
            n = re.match(r"^interleave: (\d+) findings?", line)
            nfindings = int(n.group(1)) if n else 0
    return reports, status, nfindings


def item_matches(name, item):
    return name == item or name.startswith(item + "[") or name.startswith(item + ".")


def judge_race(row, rep):
    """For a data race report: 'hit' (a race_on item), 'miss' (another location: a false
    report) or 'unknown' (cannot be told: unknown memory, an unnamed global)."""
    if rep.name is not None:
        return "hit" if any(item_matches(rep.name, i) for i in row.race_on) else "miss"
    if rep.obj.startswith("heap block"):
        return "hit" if row.heap_ok else "miss"
    if rep.obj.startswith("stack of"):
        return "hit" if row.stack_ok and rep.obj.startswith(row.stack_ok) else "miss"
    return "unknown"


def kill_group(p):
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except OSError:
        pass


def run_cmd(argv, env, cwd=None, timeout=RUN_TIMEOUT):
    """(returncode or None on timeout, stdout, stderr) as text."""
    p = subprocess.Popen(
        argv,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = p.communicate(timeout=timeout)
        return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        kill_group(p)
        out, err = p.communicate()
        return None, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


class Tools:
    def __init__(self, bin_dir, corpus, env=None):
        self.interleave = os.path.join(bin_dir, "interleave")
        self.icc = os.path.join(bin_dir, "interleave-cc")
        self.corpus = corpus
        env = dict(os.environ if env is None else env)
        for var in ("INTERLEAVE_CC", "INTERLEAVE_RTLIB_DIR", "INTERLEAVE_CC_DRYRUN", "INTERLEAVE_OPTIONS"):
            env.pop(var, None)
        self.env = env
        self.gcc = "gcc"

    def build(self, row, cc, out):
        env = dict(self.env)
        env["INTERLEAVE_CC"] = cc
        src = os.path.join(self.corpus, row.file)
        rc, o, e = run_cmd([self.icc, "-O1", "-g", src, "-o", out], env)
        return rc == 0, (o + e).strip()

    def build_native(self, row, out):
        src = os.path.join(self.corpus, row.file)
        rc, o, e = run_cmd([self.gcc, "-O1", "-g", "-pthread", src, "-o", out], self.env)
        return rc == 0, (o + e).strip()

    def run(self, prog, args, seed, cwd):
        rc, out, err = run_cmd([self.interleave, "run", "--seed", str(seed), "--", prog] + args, self.env, cwd)
        return rc, out, err


class SeedResult:
    def __init__(self, seed, rc, stdout, stderr):
        self.seed = seed
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = rc is None
        self.reports, self.status, self.nfindings = parse_reports(stderr)

    def races(self):
        return [r for r in self.reports if r.kind == "data race"]

    def brief(self):
        if self.timed_out:
            return "timed out after %d s" % RUN_TIMEOUT
        parts = [str(r) for r in self.reports] or ["nothing"]
        st = "status %s" % (self.status if self.status is not None else "? (exit %s)" % self.rc)
        return "%s; %s" % (", ".join(parts), st)


def check_row(row, tools, workdir, compilers=None, seeds=SEEDS, log=None):
    """Runs the row's expectations. Returns (ok, lines): lines say what happened."""
    os.makedirs(workdir, exist_ok=True)
    lines = []
    ok = True
    native_out = None
    if row.compare_stdout:
        exe = os.path.join(workdir, row.name + ".native")
        built, msg = tools.build_native(row, exe)
        if not built:
            return False, ["native build failed:", msg]
        rc, native_out, err = run_cmd([exe] + row.args, tools.env, workdir)
        if rc != 0:
            return False, ["native run failed (exit %s): %s" % (rc, err.strip())]
    for cc in compilers or row.compilers:
        good, what = check_build(row, tools, workdir, cc, seeds, native_out)
        ok = ok and good
        lines.append("%s %s [%s]: %s" % ("PASS" if good else "FAIL", row.name, cc, what[0]))
        lines.extend("    " + w for w in what[1:])
    return ok, lines


def check_build(row, tools, workdir, cc, seeds, native_out):
    exe = os.path.join(workdir, "%s.%s" % (row.name, cc))
    built, msg = tools.build(row, cc, exe)
    if not built:
        return False, ["build failed", msg]

    problems = []  # fatal, with the seed
    hit_seed = None  # first seed with a race report on a race_on item
    lu_seed = None
    unknown = []
    results = []
    for seed in range(1, seeds + 1):
        r = SeedResult(seed, *tools.run(exe, row.args, seed, workdir))
        results.append(r)
        if r.timed_out:
            problems.append("seed %d: timed out after %d s (a hang)" % (seed, RUN_TIMEOUT))
            break
        if r.status is None:
            problems.append("seed %d: no summary line from interleave (exit %s): %s"
                            % (seed, r.rc, r.stderr.strip().splitlines()[-1:] or ""))
            break
        deadlock = any(x.kind == "deadlock" for x in r.reports)
        if row.ok_status is not None and r.status not in row.ok_status:
            problems.append("seed %d: program exited with status %d%s" % (seed, r.status,
                            " (deadlock reported)" if deadlock else ""))
        for rep in r.races():
            if not row.race:
                problems.append("seed %d: false report: %s" % (seed, rep))
                continue
            verdict = judge_race(row, rep)
            if verdict == "hit":
                hit_seed = hit_seed or seed
            elif verdict == "miss":
                problems.append("seed %d: race reported on a location not in race_on: %s" % (seed, rep))
            else:
                unknown.append("seed %d: %s" % (seed, rep))
        if not row.race and row.bug in ("none", "weak-memory"):
            for rep in r.reports:
                if rep.kind != "data race":
                    problems.append("seed %d: false report in a correct program: %s" % (seed, rep))
            if r.nfindings and not r.reports:
                problems.append("seed %d: %d finding(s) in a correct program" % (seed, r.nfindings))
        if row.lost_update_on:
            for rep in r.reports:
                if rep.kind == "lost update" and rep.name == row.lost_update_on:
                    lu_seed = lu_seed or seed
        if native_out is not None and r.stdout != native_out:
            problems.append("seed %d: stdout %r differs from the native build's %r"
                            % (seed, r.stdout[:200], native_out[:200]))
        if problems:
            break
        done = row.race and hit_seed and (not row.lost_update_on or lu_seed)
        if done:
            break

    tried = len(results)
    if row.race and not hit_seed and not problems:
        problems.append("no data race report on %s in seeds 1..%d" % (" / ".join(row.race_on), tried))
    if row.lost_update_on and not lu_seed and not problems:
        problems.append("no lost update on `%s` in seeds 1..%d" % (row.lost_update_on, tried))

    found = []
    for r in results:
        found.append("seed %d: %s" % (r.seed, r.brief()))
    if problems:
        return False, [problems[0] + " (seeds tried: 1..%d)" % tried] + problems[1:] + found
    what = "seeds 1..%d" % tried
    if hit_seed:
        what += ", race found at seed %d" % hit_seed
    if lu_seed:
        what += ", lost update at seed %d" % lu_seed
    extra = ["unjudged: " + u for u in unknown]
    return True, [what] + extra


def rates(tools, workdir, rows, cc, seeds=SEEDS, out=sys.stdout):
    """Detection rate per race=yes row; false reports per race=no row; over all seeds."""
    os.makedirs(workdir, exist_ok=True)
    tot_hit = tot_runs = tot_false = tot_norace = 0
    for row in rows:
        exe = os.path.join(workdir, "%s.%s" % (row.name, cc))
        built, msg = tools.build(row, cc, exe)
        if not built:
            out.write("%-36s build failed\n" % row.name)
            continue
        hits = false = hangs = 0
        for seed in range(1, seeds + 1):
            r = SeedResult(seed, *tools.run(exe, row.args, seed, workdir))
            if r.timed_out:
                hangs += 1
            races = r.races()
            if row.race:
                hits += any(judge_race(row, rep) == "hit" for rep in races)
                false += any(judge_race(row, rep) == "miss" for rep in races)
            else:
                false += bool(races)
        note = " (%d timed out)" % hangs if hangs else ""
        if row.race:
            tot_hit += hits
            tot_runs += seeds
            fp = ", %d/%d with a report elsewhere" % (false, seeds) if false else ""
            out.write("%-36s %2d/%d detected%s%s\n" % (row.name, hits, seeds, fp, note))
        else:
            tot_false += false
            tot_norace += seeds
            out.write("%-36s %2d/%d false reports%s\n" % (row.name, false, seeds, note))
        out.flush()
    out.write("race=yes: %d/%d runs detected the labelled race; race=no: %d/%d runs with a false report (%s)\n"
              % (tot_hit, tot_runs, tot_false, tot_norace, cc))


def main(argv):
    import argparse
    import tempfile

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["check", "rates"])
    ap.add_argument("rows", nargs="*", help="row names (file or name); default: all")
    ap.add_argument("--bin", required=True, help="directory with interleave and interleave-cc")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--cc", default=None, help="rates: compiler (default gcc); check: only this one")
    ap.add_argument("--seeds", type=int, default=SEEDS)
    ap.add_argument("--workdir", default=None)
    a = ap.parse_intermixed_args(argv)
    tools = Tools(a.bin, a.corpus)
    rows = read_manifest(a.corpus)
    if a.rows:
        want = {r[:-2] if r.endswith(".c") else r for r in a.rows}
        rows = [r for r in rows if r.name in want]
    workdir = a.workdir or tempfile.mkdtemp(prefix="interleave-corpus-")
    if a.mode == "rates":
        rates(tools, workdir, [r for r in rows], a.cc or "gcc", a.seeds)
        return 0
    status = 0
    for row in rows:
        ok, lines = check_row(row, tools, workdir, [a.cc] if a.cc else None, a.seeds)
        print("\n".join(lines), flush=True)
        status |= not ok
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
