// Package e2e holds the end-to-end tests: the example extension, and a plain-JavaScript twin of it,
// loaded unpacked into a real headless Chromium and driven through the DevTools protocol. The tests
// carry the build tag e2e: go test -tags e2e ./e2e/...
//
// Chromium that cannot start fails the tests; it never skips them.
package e2e
