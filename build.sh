#!/usr/bin/env bash
# Builds the example extensions: every Go entry point under wasm/<ext>/<name>/ becomes
# <ext-folder>/<name>.wasm, and the toolchain's own wasm_exec.js and the extwasm glue are copied beside
# it, so the folder loads unpacked in Chromium and runs unchanged in hostsim.
set -euo pipefail
cd "$(dirname "$0")"
GO=${GO:-go}
goroot=$($GO env GOROOT)
wasm_exec="$goroot/lib/wasm/wasm_exec.js"
[ -f "$wasm_exec" ] || wasm_exec="$goroot/misc/wasm/wasm_exec.js"
if [ ! -f "$wasm_exec" ]; then echo "build.sh: no wasm_exec.js under $goroot" >&2; exit 1; fi

build_ext() { # build_ext <wasm source folder> <extension folder>
  local src=$1 out=$2 main
  for main in "$src"/*/; do
    main=${main%/}
    [ -f "$main/main.go" ] || continue
    GOOS=js GOARCH=wasm $GO build -trimpath -ldflags='-s -w' -o "$out/$(basename "$main").wasm" "./$main"
  done
  cp "$wasm_exec" "$out/wasm_exec.js"
  cp jsglue/extwasm.js "$out/extwasm.js"
}

build_ext wasm/example extension
if [ -d wasm/caller ] && [ -d extension2 ]; then build_ext wasm/caller extension2; fi
echo "build.sh: built $(ls extension/*.wasm | tr '\n' ' ')"
