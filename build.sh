#!/usr/bin/env bash
# Builds the example extensions listed in extwasm.json (kept for habit; `extwasm build` is the tool).
set -euo pipefail
cd "$(dirname "$0")"
exec "${GO:-go}" run ./cmd/extwasm build "$@"
