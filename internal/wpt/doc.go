// Package wpt runs web-platform-tests' testharness.js tests from a checkout it is given in
// hostsim and in headless Chromium, side by side, and counts what each passes per directory.
//
// Nothing of WPT lives in this repository: the checkout is an argument (make wpt WPT_DIR=…). Both
// browsers load the same files from the same http.Handler — hostsim through Browser.Handle, in
// process; Chromium from a local server — with the checkout's testharnessreport.js replaced by one
// that leaves the harness's results on window for the runner to collect. A test file that loads no
// results within its time limit is counted as a load failure, not an error of the run.
package wpt
