#!/bin/sh
# Detection rates on the corpus, the acceptance figure of the corpus suite:
# every race=yes row of tests/corpus/MANIFEST.tsv is built with interleave-cc
# and run with `interleave run --seed S` for S = 1..10; a seed counts when some
# data race report names one of the row's race_on items (the rules of
# tests/lit/corpus/corpus_check.py, which does the work). race=no rows print how
# many seeds gave a false data race report.
#
#   bench/corpus_rates.sh                 # gcc, seeds 1..10
#   bench/corpus_rates.sh --cc clang      # programs built with clang
#   bench/corpus_rates.sh --seeds 20 race_far_apart race_rare_interleaving
#
# Output, one line per program:
#   race_far_apart                       10/10 detected
#   norace_once                           0/10 false reports
# ("N/10 with a report elsewhere" flags race reports on locations not in race_on.)
# Environment: BUILD (default build), INTERLEAVE_CORPUS (default tests/corpus; any
# directory with a MANIFEST.tsv of the same columns, e.g. ../shared/corpus, works).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build}
corpus=${INTERLEAVE_CORPUS:-$root/tests/corpus}
case $build in /*) ;; *) build=$root/$build ;; esac

if [ ! -x "$build/bin/interleave" ]; then
    echo "corpus_rates.sh: $build/bin/interleave is missing: run make first" >&2
    exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/interleave-rates.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
PYTHONDONTWRITEBYTECODE=1 python3 "$root/tests/lit/corpus/corpus_check.py" rates \
    --bin "$build/bin" --corpus "$corpus" --workdir "$work" "$@"
