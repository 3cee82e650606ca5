# The two commands that matter: `make run` (build the example extension and run it in the simulator)
# and `make test` (every test, Chromium end to end included).
SHELL := /bin/bash
GO ?= go
EXEC := $(CURDIR)/bin/go_js_wasm_exec

.PHONY: build run test unit wasmtest e2e fuzz fuzz-corpus faults stress soak bench bench-readme stdlib stdlib-quick gojs-modes require-compare chromium exec vet schema wpt wpt-alt corpus clean

# Every Go entry point listed in extwasm.json to .wasm, with wasm_exec.js and the glue beside it.
build:
	$(GO) run ./cmd/extwasm build

# The example's demo (wasm/example/run.json) in the simulator, with the transcript.
run: build
	$(GO) run ./cmd/extwasm run -script wasm/example/run.json ./extension

exec:
	@mkdir -p bin
	$(GO) build -o $(EXEC) ./hostsim/cmd/go_js_wasm_exec

chromium:
	./scripts/ensure-chromium.sh

# internal/chromeschema/chrome-api.json from the pinned chrome-types package (npm pack, integrity
# checked); commit the result. CHECK=1 only reports whether the committed file is stale.
schema:
	$(GO) run ./internal/chromeschema/cmd/extract $(if $(CHECK),-check)

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./bridge/... ./jsglue/... ./chrome/... ./wasm/... ./examples/rss/wasm/... ./examples/rss/feeds/... ./examples/notes/wasm/... ./examples/notes/notes/... \
	  ./e2e/testdata/callerwasm/... ./e2e/testdata/floorwasm/... ./e2e/internal/scenario/testdata/wasm/...

# Native tests: bridge logic, native host, hostsim runtime and browser model.
unit: build
	$(GO) test -count=1 ./...

# GOOS=js tests of bridge and jsglue, run inside hostsim.
wasmtest: exec
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec=$(EXEC) ./bridge/... ./jsglue/... ./chrome/...

# Chromium end to end: fails loudly when Chromium cannot start.
e2e: build chromium
	$(GO) test -count=1 -tags e2e -timeout 20m ./e2e/...
	$(GO) test -count=1 -timeout 10m ./examples/rss/ -extwasm.browser=chromium
	$(GO) test -count=1 -timeout 10m ./examples/notes/ -extwasm.browser=chromium
	EXTWASM_BROWSER=chromium $(GO) test -count=1 -timeout 10m -run 'TestFloodBeforeReady' ./hostsim/browser/
	$(GO) test -count=1 -tags e2e -timeout 10m -run 'InChromium$$|ThroughTheProtocol$$|^TestDevRebuildsAndReloadsOnSave$$' ./cmd/extwasm/
	$(GO) test -count=1 -timeout 10m -run '^TestPackIsDeterministicAndLoads$$' ./cmd/extwasm/ -extwasm.browser=chromium

fuzz:
	FUZZTIME=$${FUZZTIME:-3s} ./scripts/fuzz-short.sh

# Fuzz every target longer and check the interesting inputs into testdata/fuzz (review, then commit).
fuzz-corpus:
	FUZZTIME=$${FUZZTIME:-1m} SAVE_CORPUS=1 ./scripts/fuzz-short.sh

# The seeded fault campaign over many seeds (make test runs a few): make faults SEEDS=1000.
faults:
	set -o pipefail; EXTWASM_FAULT_SEEDS=$${SEEDS:-50} $(GO) test -count=1 -timeout 0 -run '^TestFaultCampaign$$' -v ./hostsim/browser/ | grep -E '^(---|ok|FAIL|PASS)|seed [0-9]+:|campaign total'

# hostsim's wasm memory stress test for long (make test runs it short: many realms growing Go and
# non-Go memories from reentrant calls under GOGC=5), then the race detector over hostsim's runtime
# and bridge, which takes too long for make test on a 2-core machine (see README, Limits).
RACE_PKGS := ./hostsim/internal/wasmjs/ ./hostsim/internal/jsrt/ ./hostsim/internal/gojs/ ./hostsim/ ./bridge/...
stress:
	HOSTSIM_STRESS=long $(GO) test -count=1 -timeout 30m -run '^TestMemoryStress$$' -v ./hostsim/internal/wasmjs/
	HOSTSIM_STRESS=long $(GO) test -count=1 -timeout 30m -run '^TestManyExtensionsOneProcess$$' -v ./hostsim/browser/
	$(GO) test -count=1 -race -timeout 30m $(RACE_PKGS)

# The soak: 100,000 one-time messages and 10,000 port conversations in hostsim, then 5,000 and 500
# in Chromium, with worker restarts; prints every context's figures and fails when one keeps
# growing (README: "Soak").
soak: chromium
	set -o pipefail; EXTWASM_SOAK=long $(GO) test -count=1 -timeout 0 -run '^TestSoak$$' -v ./hostsim/browser/ | grep -v '^=== '
	set -o pipefail; EXTWASM_BROWSER=chromium $(GO) test -count=1 -timeout 30m -run '^TestSoak$$' -v ./hostsim/browser/ | grep -v '^=== '

# Go's own syscall/js suite (the proof that hostsim's realm is a real JavaScript realm) and a small
# stdlib suite, under hostsim and under Node, compared test by test; `make stdlib` runs all eight.
stdlib-quick: exec
	./scripts/stdlib-compare.sh syscall/js container/list

# The stdlib-quick suites with hostsim's gojs imports native (the default) and with wasm_exec.js
# interpreted (HOSTSIM_GOJS=reference), compared test by test.
gojs-modes: exec
	./scripts/gojs-modes.sh syscall/js container/list

# A GOOS=js suite that require()s CommonJS packages of its own through NODE_PATH (as Node's runner
# needs), under hostsim and under Node, compared test by test.
REQUIRE_SUITE := hostsim/cmd/go_js_wasm_exec/testdata/require
require-compare: exec
	NODE_PATH=$(CURDIR)/$(REQUIRE_SUITE)/node_modules ./scripts/stdlib-compare.sh ./$(REQUIRE_SUITE)

test: chromium vet unit wasmtest stdlib-quick gojs-modes require-compare e2e fuzz

# Every benchmark once, then the one table (scripts/benchtable) with each row against its goal and
# the load average at the start and the end; the raw output stays in bench.out. Of Go's stdlib
# suites only syscall/js runs here (`make stdlib` runs all eight), to keep this under ten minutes.
bench: build chromium exec
	@set -o pipefail; { echo "bench-load-start: $$(cat /proc/loadavg)"; \
	  $(GO) test -run '^$$' -bench 'Greeting$$' -benchtime=20000x ./bridge/ && \
	  HOSTSIM_BENCH_SUITES=syscall/js $(GO) test -p 1 -run '^$$' -bench . -benchtime=1x -timeout 20m ./hostsim/... && \
	  $(GO) test -p 1 -run '^$$' -bench . -benchtime=1x -tags e2e -timeout 30m ./e2e/... && \
	  $(GO) test -run '^$$' -bench ScaffoldTests -benchtime=1x -tags e2e ./cmd/extwasm/ && \
	  GO=$(GO) ./scripts/entrycost/run.sh && \
	  echo "bench-load-end: $$(cat /proc/loadavg)"; } 2>&1 | tee bench.out
	$(GO) run ./scripts/benchtable < bench.out

# README.md's benchmark table from the last `make bench` (bench.out).
bench-readme:
	$(GO) run ./scripts/benchtable -readme README.md < bench.out

# Go's own standard-library suites under hostsim and under Node, compared test by test.
stdlib: exec
	./scripts/stdlib-compare.sh

# web-platform-tests from the checkout WPT_DIR (not part of this repository, nor of make test), in
# Chromium and in hostsim: per directory, files, subtests and each browser's passes (README:
# "web-platform-tests"). WPT_ARGS adds flags, e.g. WPT_ARGS='-gaps' or WPT_ARGS='-dirs dom/events'.
wpt: chromium
	@test -n "$(WPT_DIR)" || { echo "make wpt needs WPT_DIR=<a web-platform-tests checkout>"; exit 2; }
	$(GO) run ./internal/wpt/cmd/wpt -wpt "$(WPT_DIR)" $(WPT_ARGS)

# hostsim's DOM against a DOM library written in JavaScript, run in the same engine (goja), on the
# same tests, beside Chromium: WPT_ALT_DOM is the library's package folder (npm install domino).
wpt-alt: chromium
	@test -n "$(WPT_DIR)" -a -n "$(WPT_ALT_DOM)" || { echo "make wpt-alt needs WPT_DIR=<checkout> WPT_ALT_DOM=<node_modules/domino>"; exit 2; }
	$(GO) run ./hostsim/internal/wptalt/cmd/wptalt -wpt "$(WPT_DIR)" -lib "$(WPT_ALT_DOM)" $(WPT_ARGS)

# A folder of real MV3 extensions run in Chromium and in hostsim: which run clean in each.
corpus: chromium
	@test -n "$(CORPUS_DIR)" || { echo "make corpus needs CORPUS_DIR=<a folder of unpacked extensions>"; exit 2; }
	$(GO) run ./internal/extcorpus/cmd/extcorpus -dir "$(CORPUS_DIR)" $(CORPUS_ARGS)

clean:
	rm -rf bin extension/*.wasm extension/wasm_exec.js extension/extwasm.js
