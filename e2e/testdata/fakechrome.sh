#!/bin/sh
# Stands in for a Chromium that cannot start, to check that the driver's error quotes its output.
echo "fake chromium: cannot open display" >&2
exit 1
