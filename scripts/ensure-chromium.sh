#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed, installing it with apt-get where it can.
set -euo pipefail
bin=${CHROMIUM:-/usr/lib/chromium/chromium}
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x "$bin" ]; then
  echo "ensure-chromium: $bin is missing; install Debian's 'chromium' package (apt-get install chromium) or set CHROMIUM to a Chromium binary" >&2
  exit 1
fi
