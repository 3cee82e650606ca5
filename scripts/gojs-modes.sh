#!/usr/bin/env bash
# Runs GOOS=js GOARCH=wasm test suites under hostsim twice, with the gojs imports native (fast, the
# default) and with wasm_exec.js interpreted (reference, HOSTSIM_GOJS=reference), compares the
# outcome of every test and subtest, and exits non-zero if any differs.
#
#   scripts/gojs-modes.sh syscall/js container/list
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
EXEC=${EXEC:-$PWD/bin/go_js_wasm_exec}
[ -x "$EXEC" ] || { echo "gojs-modes: missing $EXEC (make exec)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

outcomes() {
  sed -nE 's/^ *--- (PASS|FAIL|SKIP): ([^ ]+).*/\2 \1/p' "$1" | sort
}

status=0
printf '%-16s %6s | %8s %8s | %s\n' package tests fast reference differences
for pkg in "$@"; do
  safe=${pkg//\//_}
  GOOS=js GOARCH=wasm $GO test -count=1 -c -o "$work/$safe.test" "$pkg" >/dev/null
  declare -A took=()
  for mode in fast reference; do
    start=$(date +%s.%N)
    HOSTSIM_GOJS=$mode GOOS=js GOARCH=wasm $GO test -count=1 -v -exec="$EXEC" "$pkg" >"$work/$safe.$mode.log" 2>&1 || true
    end=$(date +%s.%N)
    took[$mode]=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1fs", b - a }')
    outcomes "$work/$safe.$mode.log" >"$work/$safe.$mode"
  done
  tests=$(wc -l <"$work/$safe.reference" | tr -d ' ')
  diffs=$(diff "$work/$safe.reference" "$work/$safe.fast" | grep -c '^[<>]' || true)
  printf '%-16s %6s | %8s %8s | %s\n' "$pkg" "$tests" "${took[fast]}" "${took[reference]}" "$diffs"
  if [ "$tests" -eq 0 ] || [ "$diffs" -ne 0 ]; then
    diff "$work/$safe.reference" "$work/$safe.fast" || true
    [ "$tests" -eq 0 ] && echo "gojs-modes: $pkg ran no tests" >&2
    status=1
  fi
done
exit $status
