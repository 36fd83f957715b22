#!/bin/sh
# scripts/check_layering.py, with the repository's rules, fails on a small tree
# that breaks them (base including rt, driver and report including each other,
# cli including an rt header other than the allowed one), naming each, and
# passes the tree once the breaking lines are gone.
#   layering_violation.sh PYTHON SOURCE_DIR
set -u
py=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "layering_violation: $*" >&2
    exit 1
}
mkdir -p "$tmp/src/base" "$tmp/src/rt" "$tmp/src/driver" "$tmp/src/report" "$tmp/src/cli"
printf '#include "base/a.h"\n' >"$tmp/src/rt/rt.h"
printf '#include "rt/rt.h"\n' >"$tmp/src/base/a.h"
printf '#include "report/r.h"\n' >"$tmp/src/driver/d.h"
printf '#include "driver/d.h"\n' >"$tmp/src/report/r.h"
printf '#include "rt/rt.h"\n#include "driver/d.h"\n' >"$tmp/src/cli/args.c"
"$py" "$root/scripts/check_layering.py" --src "$tmp/src" --rules "$root/docs/internals/layering.md" \
    >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
[ $rc -eq 1 ] || fail "the checker exited $rc, not 1"
grep -q "src/base/a.h includes rt/rt.h" "$tmp/out" || fail "base -> rt not named"
grep -q "src/report/r.h includes driver/d.h" "$tmp/out" || fail "report -> driver not named"
grep -q "include circle between src/driver, src/report" "$tmp/out" || fail "the circle not named"
grep -q "src/cli/args.c includes rt/rt.h" "$tmp/out" || fail "cli -> rt not named"
grep -q "cli/args.c includes driver" "$tmp/out" && fail "cli -> driver is allowed, yet named"
# without the breaking lines: clean
printf '\n' >"$tmp/src/base/a.h"
printf '\n' >"$tmp/src/report/r.h"
printf '#include "driver/d.h"\n' >"$tmp/src/cli/args.c"
"$py" "$root/scripts/check_layering.py" --src "$tmp/src" --rules "$root/docs/internals/layering.md" ||
    fail "the checker refused the clean tree"
echo "layering_violation: the checker names each broken rule and the circle, and passes the clean tree"
