#!/usr/bin/env bash
# Measures one entry from JavaScript into Go, js.FuncOf against //go:wasmexport, under Node (V8, as
# in Chromium), and prints a benchmark line for scripts/benchtable (make bench runs it).
set -euo pipefail
cd "$(dirname "$0")"
GO=${GO:-go}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
GOOS=js GOARCH=wasm $GO build -o "$work/entrycost.wasm" .
node run.js "$($GO env GOROOT)/lib/wasm/wasm_exec.js" "$work/entrycost.wasm"
