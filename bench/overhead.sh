#!/usr/bin/env python3
''''exec python3 "$0" "$@" # '''  # a no-op string in python; re-executes "sh overhead.sh" under python3
"""Overhead of interleave vs native, gcc TSan and clang TSan on the corpus.

Builds seed_a..seed_d and every perf_ program in each variant, runs them round-robin
(native, interleave, gcc-tsan, clang-tsan, native, ...) under /usr/bin/time and prints
median wall-time slowdowns and peak RSS relative to the native build. See bench/README.md.
"""
import argparse, math, os, shlex, shutil, statistics, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ["native", "interleave", "gcc-tsan", "clang-tsan"]
SEEDS = ["seed_a", "seed_b", "seed_c", "seed_d"]
# Arguments per size; perf_ defaults are those of the programs (MANIFEST notes).
ARGS = {
    "default": {"seed": "10 1000000", "perf_merge_sort": "2000000", "perf_bounded_queue": "2000000",
                "perf_thread_pool": "5000000", "perf_histogram": "12000000",
                "perf_matmul": "300 6", "perf_hashmap_striped": "1000000"},
    "small": {"seed": "4 20000", "perf_merge_sort": "200000", "perf_bounded_queue": "200000",
              "perf_thread_pool": "500000", "perf_histogram": "1200000",
              "perf_matmul": "120 3", "perf_hashmap_striped": "100000"},
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def parse_args():
    p = argparse.ArgumentParser(description="Overhead of interleave vs native, gcc TSan and clang TSan on the corpus.")
    p.add_argument("--runs", type=int, default=5, help="runs per program and variant (default 5)")
    p.add_argument("--size", choices=ARGS, default="default", help="'small' for a quick run")
    p.add_argument("--programs", help="comma-separated names or prefixes, e.g. seed_a,perf_matmul")
    p.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated subset of " + ",".join(VARIANTS))
    p.add_argument("--timeout", type=float, default=120, help="seconds per run (default 120)")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    p.add_argument("--corpus", default=os.environ.get("INTERLEAVE_CORPUS", str(ROOT / "tests/corpus")))
    p.add_argument("--build-dir", default=str(ROOT / "build/bench"))
    p.add_argument("--interleave-cc", default=str(ROOT / "build/bin/interleave-cc"))
    p.add_argument("--runner", default=shlex.quote(str(ROOT / "build/bin/interleave")) + " run -q --",
                   help="command prefix for the interleave variant ('' runs the binary directly)")
    a = p.parse_args()
    a.variants = [v for v in a.variants.split(",") if v]
    if a.runs < 1 or any(v not in VARIANTS for v in a.variants) or "native" not in a.variants:
        p.error("--runs must be >= 1; --variants must include native and only " + ",".join(VARIANTS))
    return a


def select_programs(corpus, wanted):
    stems = sorted(f.stem for f in corpus.glob("*.c") if f.stem.startswith(("perf_",) + tuple(s + "_" for s in SEEDS)))
    if not wanted:
        return stems
    chosen = []
    for w in wanted.split(","):
        hits = [s for s in stems if s.startswith(w) and s not in chosen]
        if not hits:
            sys.exit(f"--programs: '{w}' matches nothing new (choose from {', '.join(stems)})")
        chosen += hits
    return chosen


def program_args(stem, size):
    key = "seed" if stem.startswith("seed_") else stem
    return ARGS[size][key].split()


def compilers(a):
    cc = {"native": ["gcc", "-O1", "-g", "-pthread"],
          "interleave": [a.interleave_cc, "-O1", "-g"],
          "gcc-tsan": ["gcc", "-O1", "-g", "-fsanitize=thread"],
          "clang-tsan": ["clang", "-O1", "-g", "-fsanitize=thread"]}
    if "interleave" in a.variants and not os.access(a.interleave_cc, os.X_OK):
        log(f"skipping variant interleave: driver {a.interleave_cc} not found (run make first)")
        a.variants.remove("interleave")
    return {v: cc[v] for v in a.variants}


def build(a, programs):
    """Returns {(program, variant): binary path} for the builds that succeeded."""
    bins = {}
    for v, cmd in compilers(a).items():
        outdir = Path(a.build_dir) / v
        outdir.mkdir(parents=True, exist_ok=True)
        for p in programs:
            exe = outdir / p
            r = subprocess.run(cmd + [str(Path(a.corpus) / f"{p}.c"), "-o", str(exe)],
                               capture_output=True, text=True)
            if r.returncode == 0:
                bins[p, v] = exe
            else:
                log(f"skipping {p} [{v}]: build failed\n  " + (r.stderr.strip() or "?").replace("\n", "\n  "))
    return bins


def runner_prefix(a):
    prefix = shlex.split(a.runner)
    if prefix and not (os.access(prefix[0], os.X_OK) or shutil.which(prefix[0])):
        log(f"runner {prefix[0]} not found: running the interleave binaries directly")
        return []
    return prefix


def run_once(a, exe, args, prefix, tag):
    """One timed run. Returns dict(wall, rss_kib, status, timeout, stdout)."""
    tfile, ofile, efile = (Path(a.build_dir) / "runs" / f"{tag}.{ext}" for ext in ("time", "out", "err"))
    tfile.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["/usr/bin/time", "-f", "%e %M", "-o", str(tfile),
           "timeout", "-k", "5", str(a.timeout)] + prefix + [str(exe)] + args
    with open(ofile, "w") as out, open(efile, "w") as err:
        status = subprocess.run(cmd, stdout=out, stderr=err, cwd=exe.parent, timeout=a.timeout + 60).returncode
    wall, rss = tfile.read_text().split("\n")[-2].split()  # last line; an earlier one may say "Command exited ..."
    # %e has a 10 ms resolution: clamp so that ratios stay defined for very short runs
    return {"wall": max(float(wall), 0.01), "rss_kib": int(rss), "status": status,
            "timeout": status == 124 or float(wall) >= a.timeout, "stdout": ofile.read_text()}


def run_all(a, programs, bins):
    prefix = runner_prefix(a) if "interleave" in a.variants else []
    res = {}  # (program, variant) -> list of run dicts
    for p in programs:
        args = program_args(p, a.size)
        vs = [v for v in a.variants if (p, v) in bins]
        log(f"{p} {' '.join(args)}: {a.runs} x {', '.join(vs)}")
        for i in range(a.runs):
            for v in vs:
                res.setdefault((p, v), []).append(
                    run_once(a, bins[p, v], args, prefix if v == "interleave" else [], f"{p}.{v}.{i}"))
    return res


def problems(p, runs, native_out):
    """Things that make a cell suspect: timeouts, and for perf_ a failing status or changed output."""
    msgs = []
    if any(r["timeout"] for r in runs):
        msgs.append(f"{sum(r['timeout'] for r in runs)} run(s) timed out")
    if p.startswith("perf_"):
        bad = [r["status"] for r in runs if r["status"] != 0 and not r["timeout"]]
        if bad:
            msgs.append(f"exit status {sorted(set(bad))}")
        diff = sum(r["stdout"] != native_out for r in runs if not r["timeout"])
        if diff:
            msgs.append(f"{diff} run(s) printed output different from native's first run")
    return msgs


def gmean(xs):
    xs = list(xs)
    return math.exp(sum(map(math.log, xs)) / len(xs))


def report(a, programs, res):
    others = [v for v in a.variants if v != "native"]
    med = lambda p, v, key: statistics.median(r[key] for r in res[p, v])
    programs = [p for p in programs if (p, "native") in res]
    slow = {v: {} for v in others}     # variant -> {program: median wall / native median wall}
    rss = {v: {} for v in a.variants}  # variant -> {program: median peak RSS in MiB}
    rssr = {v: {} for v in a.variants} # variant -> {program: RSS ratio to native}
    notes, statuses, rows = [], [], []
    for p in programs:
        row_s, row_m = [p], []
        for v in a.variants:
            if (p, v) not in res:
                row_m.append("-")
                row_s += ["-"] if v != "native" else []
                continue
            runs = res[p, v]
            msgs = problems(p, runs, res[p, "native"][0]["stdout"])
            mark = "*" if msgs else ""
            notes += [f"{p} [{v}]: {m}" for m in msgs]
            if any(r["status"] for r in runs):
                statuses.append(f"{p} [{v}]: " + " ".join(str(r["status"]) for r in runs))
            rss[v][p] = med(p, v, "rss_kib") / 1024
            rssr[v][p] = rss[v][p] / rss["native"][p]
            if v == "native":
                row_m.append(f"{rss[v][p]:.1f}{mark}")
            else:
                slow[v][p] = med(p, v, "wall") / med(p, "native", "wall")
                row_s.append(f"{slow[v][p]:.2f}x{mark}")
                row_m.append(f"{rss[v][p]:.1f} ({rssr[v][p]:.1f}x){mark}")
        rows.append(row_s + row_m + [f"{med(p, 'native', 'wall'):.3f}"])
    geo = ["geomean"] + [f"{gmean(slow[v].values()):.2f}x" if slow[v] else "-" for v in others]
    geo += ["-" if not rss[v] else f"{gmean(rss[v].values()):.1f}"
            + ("" if v == "native" else f" ({gmean(rssr[v].values()):.1f}x)") for v in a.variants] + [""]
    head = ["program"] + [f"{v} slowdown" for v in others] + [f"{v} RSS MiB" for v in a.variants] + ["native s"]
    print(f"# {a.runs} runs per variant, size {a.size}; slowdown = median wall / median native wall; "
          "RSS = median peak RSS (ratio to native); native s = median native wall time")
    print(table([head] + rows + [geo], a.markdown))
    if notes:
        print("\n* " + "\n* ".join(notes))
    if statuses:
        print("\nnon-zero exit statuses, per run (134 = failed assert, expected for seed_a/seed_d; 66 = TSan report):")
        print("\n".join("  " + s for s in statuses))
    print("\n" + target(slow, rssr))


def target(slow, rssr):
    if not slow.get("interleave") or not slow.get("clang-tsan"):
        return "target (interleave geomean slowdown <= clang-tsan, peak RSS <= clang-tsan): not evaluated (needs both variants)"
    both = sorted(set(slow["interleave"]) & set(slow["clang-tsan"]))
    s_il, s_cl = (gmean([slow[v][p] for p in both]) for v in ("interleave", "clang-tsan"))
    m_il, m_cl = (gmean([rssr[v][p] for p in both]) for v in ("interleave", "clang-tsan"))
    verdict = lambda name, x, y: f"{name} {x:.2f}x vs {y:.2f}x: " + ("met" if x <= y else f"MISSED by {(x / y - 1) * 100:.0f}%")
    ok = s_il <= s_cl and m_il <= m_cl
    missing = sorted(set(slow["clang-tsan"]) - set(both))
    return (f"target {'MET' if ok else 'NOT MET'} over the {len(both)} programs measured with both: "
            f"{verdict('slowdown geomean', s_il, s_cl)}; {verdict('RSS ratio geomean', m_il, m_cl)}"
            + (f"\n(no interleave result for {', '.join(missing)})" if missing else ""))


def table(rows, markdown):
    if markdown:
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        lines.insert(1, "|" + "|".join(["---"] + ["---:"] * (len(rows[0]) - 1)) + "|")
        return "\n".join(lines)
    w = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w[0]) if i == 0 else c.rjust(w[i]) for i, c in enumerate(r)) for r in rows)


def main():
    a = parse_args()
    corpus = Path(a.corpus)
    if not (corpus / "MANIFEST.tsv").is_file():
        sys.exit(f"corpus not found at {corpus} (use --corpus or INTERLEAVE_CORPUS)")
    programs = select_programs(corpus, a.programs)
    bins = build(a, programs)
    res = run_all(a, programs, bins)
    with open(Path(a.build_dir) / "runs.tsv", "w") as f:  # every run, for later analysis
        f.write("program\tvariant\trun\twall_s\tpeak_rss_kib\tstatus\ttimeout\n")
        for (p, v), runs in res.items():
            f.writelines(f"{p}\t{v}\t{i}\t{r['wall']}\t{r['rss_kib']}\t{r['status']}\t{int(r['timeout'])}\n"
                         for i, r in enumerate(runs))
    report(a, programs, res)


if __name__ == "__main__":
    main()
