#!/usr/bin/env bash
# Runs Go standard-library test suites (GOOS=js GOARCH=wasm) under hostsim and under Node.js
# (the toolchain's lib/wasm/go_js_wasm_exec), compares the outcome of every test and subtest,
# prints a table, and exits non-zero if any outcome differs.
#
#   scripts/stdlib-compare.sh                 # the default suites
#   scripts/stdlib-compare.sh strings sort    # chosen packages
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
EXEC=${EXEC:-$PWD/bin/go_js_wasm_exec}
NODE_EXEC="$($GO env GOROOT)/lib/wasm/go_js_wasm_exec"
pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
  pkgs=(syscall/js encoding/json strings sort context sync container/list math/big)
fi
command -v node >/dev/null || { echo "stdlib-compare: node is not installed" >&2; exit 1; }
[ -x "$NODE_EXEC" ] || { echo "stdlib-compare: missing $NODE_EXEC" >&2; exit 1; }
if [ ! -x "$EXEC" ]; then
  mkdir -p "$(dirname "$EXEC")"
  $GO build -o "$EXEC" ./hostsim/cmd/go_js_wasm_exec
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# outcomes <log>: one "name STATUS" line per test, from go test -v output.
outcomes() {
  sed -nE 's/^ *--- (PASS|FAIL|SKIP): ([^ ]+).*/\2 \1/p' "$1" | sort
}

# runsuite <pkg> <exec> <log>: runs the suite, prints the wall time in seconds.
runsuite() {
  local start end
  start=$(date +%s.%N)
  GOOS=js GOARCH=wasm $GO test -count=1 -v -exec="$2" "$1" >"$3" 2>&1 || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }'
}

count() { # count <file> <status>
  awk -v s="$2" '$2 == s' "$1" | wc -l | tr -d ' '
}

status=0
printf '%-16s %6s | %-17s %7s | %-17s %7s | %s\n' package tests "hostsim p/f/s" time "node p/f/s" time differences
printf '%s\n' "-------------------------------------------------------------------------------------------------"
tot_h=0; tot_n=0
for pkg in "${pkgs[@]}"; do
  safe=${pkg//\//_}
  # Build once so neither side pays for compilation of the test binary in its time.
  GOOS=js GOARCH=wasm $GO test -count=1 -c -o "$work/$safe.test" "$pkg" >/dev/null 2>&1 || true
  th=$(runsuite "$pkg" "$EXEC" "$work/$safe.hostsim.log")
  tn=$(runsuite "$pkg" "$NODE_EXEC" "$work/$safe.node.log")
  outcomes "$work/$safe.hostsim.log" >"$work/$safe.h"
  outcomes "$work/$safe.node.log" >"$work/$safe.n"
  diffs=$(diff "$work/$safe.n" "$work/$safe.h" | grep -c '^[<>]' || true)
  tests=$(cut -d' ' -f1 "$work/$safe.n" "$work/$safe.h" | sort -u | wc -l | tr -d ' ')
  hs="$(count "$work/$safe.h" PASS)/$(count "$work/$safe.h" FAIL)/$(count "$work/$safe.h" SKIP)"
  ns="$(count "$work/$safe.n" PASS)/$(count "$work/$safe.n" FAIL)/$(count "$work/$safe.n" SKIP)"
  note=none
  if [ "$tests" -eq 0 ]; then
    note="no test results (see logs below)"
    status=1
  elif [ "$diffs" -ne 0 ]; then
    note="$diffs lines differ"
    status=1
  fi
  printf '%-16s %6s | %-17s %6ss | %-17s %6ss | %s\n' "$pkg" "$tests" "$hs" "$th" "$ns" "$tn" "$note"
  tot_h=$(awk -v a="$tot_h" -v b="$th" 'BEGIN { print a + b }')
  tot_n=$(awk -v a="$tot_n" -v b="$tn" 'BEGIN { print a + b }')
  if [ "$note" != none ]; then
    diff "$work/$safe.n" "$work/$safe.h" | sed 's/^</  node:   /; s/^>/  hostsim:/' | grep -E '^  (node|hostsim)' | head -20 || true
    echo "  --- hostsim log tail ($pkg)"; tail -15 "$work/$safe.hostsim.log" | sed 's/^/  /'
  fi
done
printf '%s\n' "-------------------------------------------------------------------------------------------------"
printf 'total wall time: hostsim %ss, node %ss\n' "$tot_h" "$tot_n"
exit $status
