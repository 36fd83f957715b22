#!/usr/bin/env bash
# Executions per second of `interleave explore` (random walks, no shrinking) on seed_e,
# seed_f and a three-thread program, with --jobs 1 and --jobs 2, next to the cost floor
# measured in the same run: a bare fork + exit + wait, and a fork whose child creates and
# joins two threads (bench/fork_baseline.c). Target (the issue): --jobs 1 at least half
# of the second figure, --jobs 2 close to twice that.
# explore runs server K on the K-th processor; the baselines get the same: one loop on
# the first processor, the parallel pair on the first and the second (taskset).
#
#   bench/explore_throughput.sh            # N=2000 executions per measurement
#   N=500 BIN=build/bin bench/explore_throughput.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$root/build/bin}
corpus=${CORPUS:-$root/tests/corpus}
n=${N:-2000}
work=$(mktemp -d /tmp/explore_tp.XXXXXX)
trap 'rm -rf "$work"' EXIT

cc -O2 -pthread "$root/bench/fork_baseline.c" -o "$work/fork_baseline"
"$bin/interleave-cc" -O1 -g "$corpus/seed_e_racy_2x2.c" -o "$work/seed_e"
"$bin/interleave-cc" -O1 -g "$corpus/seed_f_atomic_2x2.c" -o "$work/seed_f"
"$bin/interleave-cc" -O1 -g "$root/bench/explore_three.c" -o "$work/three"

rate() { # program jobs -> executions/s as printed by explore's summary
    "$bin/interleave" explore --strategy random --no-shrink --budget "$n" --jobs "$2" -- "$work/$1" 2>&1 |
        sed -n 's/.* s, \([0-9]*\)\/s, strategy.*/\1/p' | tail -1
}

printf '%-34s %10s\n' "measurement ($n executions)" "per second"
cpus=($(taskset -pc $$ | sed 's/.*: //' | tr ',' '\n' |
    awk -F- '{ if (NF == 2) for (i = $1; i <= $2; i++) print i; else print $1 }'))
on() { # k command...: runs the command on the k-th allowed processor
    local c=${cpus[$(($1 % ${#cpus[@]}))]}
    shift
    taskset -c "$c" "$@"
}
printf '%-34s %10s\n' "fork + exit + wait" "$(on 0 "$work/fork_baseline" "$n" 0)"
base2=$(on 0 "$work/fork_baseline" "$n" 2)
printf '%-34s %10s\n' "fork + 2 threads create/join" "$base2"
# what this machine gives two such loops at once: the ceiling of --jobs 2
on 0 "$work/fork_baseline" "$n" 2 >"$work/par1" &
on 1 "$work/fork_baseline" "$n" 2 >"$work/par2"
wait
par=$(awk '{ s += $1 } END { printf "%.1f", s }' "$work/par1" "$work/par2")
printf '%-34s %10s\n' "2 x (fork + 2 threads) in parallel" "$par"
for p in seed_e seed_f three; do
    for j in 1 2; do
        printf '%-34s %10s\n' "explore $p --jobs $j" "$(rate $p $j)"
    done
done
echo "target: --jobs 1 >= $(awk -v b="$base2" 'BEGIN { printf "%.0f", b / 2 }')/s, --jobs 2 close to $(awk -v b="$base2" 'BEGIN { printf "%.0f", b }')/s" \
    "(this machine runs two baseline loops at $(awk -v b="$base2" -v p="$par" 'BEGIN { printf "%.2f", p / b }')x one)"
