#!/usr/bin/env bash
# Executions-to-first-bug of `interleave explore`, per corpus program and strategy, into
# bench/EXPLORE_RESULTS.md (a markdown table).
#
#   bench/explore_table.sh                      # every strategy on the bug programs, auto on all
#   STRATEGIES="auto dpor" TIME=10 bench/explore_table.sh
#   PROGRAMS="seed_e_racy_2x2 assert_aba_stack" bench/explore_table.sh
#
# Each cell: the number of executions until the first bug was found, "-" when none was
# (budget or time spent), "ok" for a program without bugs when none was reported, and a
# mark: "x" when the space was exhausted (DPOR/auto/bounded proved it complete). The
# budget is BUDGET executions (default 10000) and TIME seconds (default TIME_AUTO=30 for
# auto, 20 for the other strategies) per run; JOBS workers (default: the number of cores). The
# strategies other than auto stop at their first bug (--stop-on-bug); auto explores on,
# to list every bug it finds and to show when it exhausts the space.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$root/build/bin}
corpus=${CORPUS:-$root/tests/corpus}
out=${OUT:-$root/bench/EXPLORE_RESULTS.md}
work=${WORK:-$(mktemp -d /tmp/explore_table.XXXXXX)}
mkdir -p "$work"
budget=${BUDGET:-10000}
strategies=${STRATEGIES:-"auto dpor bounded pct random"}
jobs=${JOBS:-$(nproc)}

# perf_ programs at a small size (their argument)
declare -A ARGS=([perf_merge_sort]=2000 [perf_bounded_queue]=2000 [perf_thread_pool]=5000
                 [perf_histogram]=20000 [perf_matmul]="12 2" [perf_hashmap_striped]=2000)

if [ -n "${PROGRAMS:-}" ]; then
    progs=$PROGRAMS
else
    progs=$(cd "$corpus" && ls seed_e_*.c seed_f_*.c assert_*.c deadlock_*.c race_*.c norace_*.c perf_*.c | sed 's/\.c$//')
fi

expected() { awk -F'\t' -v f="$1.c" '$1 == f { print ($4 == "none" && $2 == "yes") ? "race" : $4 }' "$corpus/MANIFEST.tsv"; }

rows=()
for p in $progs; do
    "$bin/interleave-cc" -O1 -g "$corpus/$p.c" -o "$work/$p" 2>/dev/null || { echo "build failed: $p" >&2; continue; }
    exp=$(expected "$p")
    row="| \`$p\` | $exp |"
    kinds_auto=""
    for s in $strategies; do
        case $p in
            norace_*|perf_*) [ "$s" = auto ] || { row="$row |"; continue; } ;;
        esac
        t=${TIME:-$([ "$s" = auto ] && echo "${TIME_AUTO:-30}" || echo 20)}
        start=$(date +%s.%N)
        # shellcheck disable=SC2086
        stop=--stop-on-bug
        [ "$s" = auto ] && stop=""
        timeout $((t * 3 + 120)) "$bin/interleave" explore $stop --strategy "$s" --budget "$budget" \
            --time "$t" --jobs "$jobs" -- "$work/$p" ${ARGS[$p]:-} > "$work/$p.$s.txt" 2>&1
        rc=$?
        sum=$(grep '^interleave explore: [0-9]* bug' "$work/$p.$s.txt" | tail -1)
        first=$(sed -n 's/.*first bug after \([0-9]*\) execution.*/\1/p' <<<"$sum")
        execs=$(sed -n 's/.* in \([0-9]*\) executions\{0,1\}[ ,(].*/\1/p' <<<"$sum")
        mark=""
        grep -q "exhausted" <<<"$sum" && mark=" x"
        if [ -n "$first" ]; then
            cell="$first$mark"
        elif [ "$rc" = 0 ]; then
            cell="ok (${execs:-?}$mark)"
        else
            cell="- (rc $rc)"
        fi
        [ "$s" = auto ] && kinds_auto=$(sed -n 's/.* bugs\{0,1\} (\([^)]*\)).*/\1/p' <<<"$sum")
        row="$row $cell |"
        printf '%-36s %-8s %s\n' "$p" "$s" "$cell" >&2
    done
    rows+=("$row ${kinds_auto:-none} |")
done

{
    echo "# interleave explore: executions to the first bug"
    echo
    echo "Made by \`bench/explore_table.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, budget $budget"
    echo "executions, time limit ${TIME:-${TIME_AUTO:-30} s for auto, 20 s for the others} per run, --jobs $jobs."
    echo "A number is the count of executions until the first bug was reported; \`x\` marks a"
    echo "run that exhausted the schedule space (a proof for what the model covers); \`ok (N)\`:"
    echo "no bug in N executions; \`-\`: no bug found within the limits. The last column lists the"
    echo "bugs \`--strategy auto\` reported. \`norace_\` and \`perf_\` programs (small sizes) run"
    echo "with auto only."
    echo
    hdr="| program | expected |"
    sep="|---|---|"
    for s in $strategies; do hdr="$hdr $s |"; sep="$sep---|"; done
    echo "$hdr found by auto |"
    echo "$sep---|"
    printf '%s\n' "${rows[@]}"
} > "$out"
echo "wrote $out (logs in $work)" >&2
