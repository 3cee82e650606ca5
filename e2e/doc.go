// Package e2e holds the end-to-end tests: the example extension, and a plain-JavaScript twin of it
// (testdata/jsext), loaded unpacked into a real headless Chromium and driven through the DevTools
// protocol by internal/chromium. The tests carry the build tag e2e:
//
//	./build.sh                                  # the example extension must be built first
//	go test -tags e2e ./e2e/...                 # contract tests, driver tests, Chromium behaviours
//	go test -tags e2e -run '^$' -bench . ./e2e/ # Go vs JS round trips, warm and cold
//
// The example's contract tests (example_harness_test.go) and the shared scenarios' Chromium side are
// written on extwasmtest: without the tag they run in hostsim, and with -extwasm.browser=chromium
// in Chromium, each test in its own browser:
//
//	go test ./e2e/                                          # the contract tests in hostsim
//	go test -tags e2e ./e2e/ -extwasm.browser=chromium      # everything in Chromium
//
// The example's tests that need hostsim's own API (latency, the transcript, the action popup, virtual
// time) are in the sim_*_test.go files, built without the tag; each has a Chromium twin of the same
// name in a file with the tag.
//
// One browser serves the rest of the test binary; each test opens and closes its own tabs. Chromium that
// cannot start fails the tests, and so does an example that is not built; nothing is skipped.
//
// Environment: CHROMIUM names another Chromium binary; EXTWASM_E2E_EXTENSION points the contract
// tests at another build of the example extension.
package e2e
