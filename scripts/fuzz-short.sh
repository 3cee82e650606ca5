#!/usr/bin/env bash
# Runs every fuzz target of the native build briefly (FUZZTIME each, default 4s), so each run of the
# test suite throws fresh hostile input at the decoders of untrusted data. Longer runs:
#   FUZZTIME=10m ./scripts/fuzz-short.sh          (or: make fuzz FUZZTIME=10m)
# SAVE_CORPUS=1 copies the inputs each run found interesting (kept by Go under GOCACHE/fuzz) into
# the package's testdata/fuzz/<target>/, the checked-in corpus every later run, including the
# plain `go test` of make unit, starts from:
#   FUZZTIME=2m SAVE_CORPUS=1 ./scripts/fuzz-short.sh   (or: make fuzz-corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-4s}
# fuzz_one runs one target. Go 1.26's fuzz coordinator can fail a target with a bare "context
# deadline exceeded" exactly as -fuzztime runs out on a busy machine (golang/go#75804, fixed in Go
# 1.27): no input failed, nothing was written to testdata/fuzz. That outcome is retried twice and
# then reported, not failed; any other failure, or one that wrote a failing input, fails at once.
fuzz_one() {
  local dir=$1 target=$2 out attempt
  for attempt in 1 2 3; do
    if out=$(go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$dir" 2>&1); then
      echo "$out"
      return 0
    fi
    echo "$out"
    if ! grep -q 'context deadline exceeded' <<<"$out" || grep -q 'Failing input written' <<<"$out"; then
      return 1
    fi
    echo "fuzz: $dir $target: the fuzz coordinator's deadline race (golang/go#75804), no failing input; attempt $attempt"
  done
  echo "fuzz: $dir $target: every attempt hit the coordinator's deadline race; no failing input was found"
}

n=0
while IFS= read -r file; do
  # Fuzz targets of GOOS=js-only files cannot run natively.
  if head -5 "$file" | grep -q '^//go:build .*js'; then continue; fi
  dir=./$(dirname "$file")
  for target in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | cut -d' ' -f2); do
    echo "fuzz: $dir $target ($fuzztime)"
    fuzz_one "$dir" "$target"
    if [ "${SAVE_CORPUS:-}" = 1 ]; then
      found="$(go env GOCACHE)/fuzz/$(go list "$dir")/$target"
      if [ -d "$found" ]; then
        mkdir -p "$dir/testdata/fuzz/$target"
        cp -n "$found"/* "$dir/testdata/fuzz/$target/" 2>/dev/null || true
        echo "fuzz: $dir $target corpus: $(ls "$dir/testdata/fuzz/$target" | wc -l) inputs"
      fi
    fi
    n=$((n + 1))
  done
done < <(grep -rl --include='*_test.go' '^func Fuzz' --exclude-dir=testdata . | sort)
if [ "$n" = 0 ]; then echo "fuzz: no fuzz targets found" >&2; exit 1; fi
echo "fuzz: $n targets passed"
