#!/usr/bin/env bash
# Zero cost of interleave/sync.h: a counter built on ILV_GUARDED + ILV_WITH_LOCK
# against the hand-written pthread-mutex counter, native builds (no interleave),
# same run. See bench/SYNC_RESULTS.md.
#   bench/sync_overhead.sh                 # 21 rounds, gcc and clang, 1 and 2 threads
#   RUNS=41 CCS=gcc METRIC=wall bench/sync_overhead.sh
# Each round runs every build once, round-robin (so that machine drift hits all
# alike); each run times its own threads (clock_gettime around create..join):
# METRIC=cpu (default) compares process CPU time, which a busy machine
# disturbs much less than wall time; METRIC=wall compares elapsed time.
# Builds (bench/sync_overhead.c): the hand-written pthread counter; the
# ILV_GUARDED counter as a release build (-DNDEBUG, the default way to ship),
# as a debug build (the unlock check on), and with ILV_SYNC_NO_CHECKS. Prints
# the median time per increment of each, its spread (IQR / median), the ratio
# of medians to the hand-written counter (1.00 = the same; the target for the
# release build is <= 1.05), and the ratio of the minimums. The no-checks build
# compiles to the same loop as the hand-written one: its ratio shows the noise.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/bench/sync
runs=${RUNS:-21}
ccs=${CCS:-gcc clang}
cflags=${CFLAGS:--O2}
metric=${METRIC:-cpu}
case $metric in cpu | wall) ;; *) echo "sync_overhead: METRIC must be cpu or wall" >&2; exit 2 ;; esac
mkdir -p "$out"

builds=()
for cc in $ccs; do
    command -v "$cc" >/dev/null || { echo "sync_overhead: $cc not found, skipped" >&2; continue; }
    for v in 1 2 3 4; do
        # shellcheck disable=SC2086
        "$cc" $cflags -pthread -I "$top/include" -DVARIANT=$v "$top/bench/sync_overhead.c" \
            -o "$out/$cc-$v"
        builds+=("$cc-$v")
    done
done

# threads:iterations per thread (about 0.1-0.3 s per run)
loads=("1:4000000" "2:1500000")
tsv=$out/runs.tsv
: >"$tsv"
echo "sync_overhead: $runs rounds of ${#builds[@]} builds x ${#loads[@]} loads ($cflags) ..." >&2
for ((r = 1; r <= runs; r++)); do
    for load in "${loads[@]}"; do
        for b in "${builds[@]}"; do
            read -r wall cpu < <("$out/$b" "${load%%:*}" "${load##*:}")
            printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$b" "$load" "$wall" "$cpu" >>"$tsv"
        done
    done
done

python3 - "$tsv" "$runs" "$cflags" "$metric" <<'PY'
import collections, statistics, sys
tsv, runs, cflags, metric = sys.argv[1:5]
t = collections.defaultdict(list)
for line in open(tsv):
    _, build, load, wall, cpu = line.split("\t")
    t[(build, load)].append(int(cpu if metric == "cpu" else wall))
def med(v): return statistics.median(v)
def iqr(v):
    q = statistics.quantiles(v, n=4)
    return (q[2] - q[0]) / med(v)
cols = [("1", "pthread"), ("2", "release"), ("3", "debug"), ("4", "no-checks")]
print(f"counter: lock, +1, unlock; native, {cflags}; {runs} rounds; median {metric} ns per increment (IQR/median)")
print("release = ILV_GUARDED + ILV_WITH_LOCK with -DNDEBUG; debug = without NDEBUG (unlock check on);")
print("no-checks = with ILV_SYNC_NO_CHECKS; ratios are to the hand-written pthread counter")
head = f"{'compiler':8} {'threads':>7}" + "".join(f"  {n:>15}" for _, n in cols)
head += "".join(f"  {n + '/pthread':>17}" for _, n in cols[1:]) + f"  {'min release/pthread':>19}"
print(head)
ratios = []
for cc in sorted({b.split('-')[0] for b, _ in t}):
    for load in sorted({l for _, l in t}):
        th, it = map(int, load.split(":"))
        n = th * it
        m = {v: med(t[(f"{cc}-{v}", load)]) / n for v, _ in cols}
        row = f"{cc:8} {th:>7}"
        row += "".join(f"  {m[v]:6.2f} ns ({iqr(t[(f'{cc}-{v}', load)])*100:3.0f}%)" for v, _ in cols)
        row += "".join(f"  {m[v] / m['1']:>17.3f}" for v, _ in cols[1:])
        rmin = min(t[(f"{cc}-2", load)]) / min(t[(f"{cc}-1", load)])
        row += f"  {rmin:>19.3f}"
        ratios.append((m["2"] / m["1"], m["3"] / m["1"]))
        print(row)
worst = max(r for r, _ in ratios)
worst_dbg = max(d for _, d in ratios)
print(f"release build: worst ratio of medians {worst:.3f} -> {'within' if worst <= 1.05 else 'NOT within'} 5% of the hand-written counter")
print(f"debug build (run-time unlock check on): worst ratio of medians {worst_dbg:.3f}")
PY
