# Trygg — build, test, demo, bench. Every install step lives in `make setup` (idempotent,
# quick when already done, no TTY needed; runs as root in CI).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export CARGO_TERM_COLOR := never
export DEBIAN_FRONTEND := noninteractive

# Pinned: the wasm-bindgen CLI must equal the `wasm-bindgen` crate version in Cargo.lock.
WASM_BINDGEN_VERSION := 0.2.129
WASM_TARGET := wasm32-unknown-unknown
WASM_RAW := target/$(WASM_TARGET)/wasm/trygg_wasm.wasm
PKG := wasm/pkg
# The npm project with the JS tooling (wasm-opt from npm binaryen, playwright-core, tsc).
JS := tests/js
JS_BIN := $(JS)/node_modules/.bin
# The studio's editor (CodeMirror 6) and its bundler (esbuild), pinned in demo-web/.
DEMO_JS := demo-web
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup setup-rust setup-wasm-bindgen setup-chromium setup-node \
	test lint lint-wasm unit wasm wasm-probe test-node test-chromium test-types test-same demo bench size \
	demo-build test-demo setup-fuzz fuzz fuzz-smoke abi test-abi test-hosts host-data setup-hosts \
	setup-jvm setup-go setup-python test-node-plain test-jvm test-go test-python bench-hosts \
	bench-targets bench-contests bench-deps \
	setup-fhir-python test-fhir

setup: setup-rust setup-wasm-bindgen setup-chromium setup-node setup-fuzz setup-hosts

setup-rust:
	@command -v cargo >/dev/null || { echo "cargo not found: install Rust via rustup"; exit 1; }
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)

setup-wasm-bindgen: setup-rust
	@if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)"; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 4 minutes on 2 cores)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked; \
	fi

# Debian's chromium, driven by playwright-core (a browser download of its own is not
# reachable here). apt-get update only when the package is missing.
setup-chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  $(SUDO) apt-get update -qq; \
	  $(SUDO) apt-get install -y -qq --no-install-recommends chromium; \
	fi

# npm ci only when node_modules is missing or older than the lockfile.
setup-node:
	@command -v node >/dev/null || { echo "node (>= 20) not found"; exit 1; }
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || \
	  { echo "node >= 20 needed, found $$(node --version)"; exit 1; }
	@if [ ! -f $(JS)/node_modules/.package-lock.json ] || \
	    [ $(JS)/package-lock.json -nt $(JS)/node_modules/.package-lock.json ]; then \
	  cd $(JS) && npm ci --no-audit --no-fund; \
	fi
	@if [ ! -f $(DEMO_JS)/node_modules/.package-lock.json ] || \
	    [ $(DEMO_JS)/package-lock.json -nt $(DEMO_JS)/node_modules/.package-lock.json ]; then \
	  cd $(DEMO_JS) && npm ci --no-audit --no-fund; \
	fi

# cargo-fuzz (pinned) on the nightly toolchain, for `make fuzz` (fuzz/, docs/RELIABILITY.md).
CARGO_FUZZ_VERSION := 0.13.2
setup-fuzz: setup-rust
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@if ! cargo fuzz --version 2>/dev/null | grep -qx "cargo-fuzz $(CARGO_FUZZ_VERSION)"; then \
	  cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked; \
	fi

# Every fuzz target for FUZZ_SECONDS each (FUZZ_TARGETS to choose), seeded from the shipped
# forms and the JsonLogic suites; fails on a crash, timeout or out-of-memory.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz: setup-fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) nice fuzz/run.sh $(FUZZ_TARGETS)

# The short run of each target in `make test`.
FUZZ_SMOKE_SECONDS ?= 20
fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p trygg-abi --all-targets --features fhir -- -D warnings
	# The trygg-start series against its generator (also a test in `make unit`,
	# tests/native/tests/series.rs): builds it from trygg::model types, loads it with the
	# engine, runs its examples, names the first differing JSON pointer per file.
	cargo run -q -p trygg-conformance --bin gen-series -- --check

# The wasm crate as the wasm target sees it (the cfg(target_arch) paths of wasm-bindgen).
lint-wasm: setup-rust
	cargo clippy -p trygg-wasm --target $(WASM_TARGET) --all-features -- -D warnings
	cargo clippy -p trygg-wasm --target $(WASM_TARGET) --no-default-features -- -D warnings

# Every test; then the JsonLogic conformance and the shipped forms' examples once more with
# their per-suite counts and `N passed, N failed` lines shown.
unit:
	cargo test --workspace
	# The plain ABI's FHIR exports (feature `fhir`, as `make abi` builds it).
	cargo test -p trygg-abi --features fhir
	# The runtime build (no compiler) scores the precompiled built-in forms like the full build.
	cargo test -p trygg --no-default-features --features runtime-test --test runtime
	cargo test -q -p trygg --test conformance -- --nocapture
	cargo run -q -p trygg-cli -- test forms programmes

# The npm package wasm/pkg (wasm/README.md): two builds of trygg-wasm, each cargo (profile
# `wasm`) → wasm-bindgen (web + nodejs: the same .wasm, checked) → wasm-opt -Oz once:
#   web/, node/                      the runtime module (no compiler: `--no-default-features`)
#   authoring/web/, authoring/node/  the authoring build (feature `authoring`: the compiler)
# then the built-in forms compiled ahead of time by the authoring build, one module per form
# version (wasm/build-forms.mjs → forms/), and the entry points (wrap.mjs).
# The runtime module comes in two builds of the same code: for the web (web/) built for
# size (profile `wasm`, opt-level "z", wasm-opt -Oz: a parent's phone downloads it), and for
# Node (node/) built for speed (profile `wasm-server`, opt-level 3, wasm-opt -O3: a server
# loads it once and evaluates many times; measured in BENCHMARKS.md). The authoring build is
# one size build for both.
WASM_RUNTIME_RAW := target/wasm-runtime/trygg_wasm.wasm
WASM_RUNTIME_NODE_RAW := target/wasm-runtime-node/trygg_wasm.wasm
WASM_AUTHORING_RAW := target/wasm-authoring/trygg_wasm.wasm
wasm: setup
	cargo build -p trygg-wasm --target $(WASM_TARGET) --profile wasm --no-default-features
	mkdir -p $(dir $(WASM_RUNTIME_RAW)) $(dir $(WASM_RUNTIME_NODE_RAW)) $(dir $(WASM_AUTHORING_RAW))
	cp $(WASM_RAW) $(WASM_RUNTIME_RAW)
	cargo build -p trygg-wasm --target $(WASM_TARGET) --profile wasm-server --no-default-features
	cp target/$(WASM_TARGET)/wasm-server/trygg_wasm.wasm $(WASM_RUNTIME_NODE_RAW)
	cargo build -p trygg-wasm --target $(WASM_TARGET) --profile wasm
	cp $(WASM_RAW) $(WASM_AUTHORING_RAW)
	rm -rf $(PKG)
	for b in runtime:.:runtime-node:-O3 authoring:authoring:authoring:-Oz; do \
	  IFS=: read -r web_build dir node_build node_opt <<< "$$b"; out=$(PKG)/$$dir; \
	  wasm-bindgen --target web --out-dir $$out/web target/wasm-$$web_build/trygg_wasm.wasm; \
	  wasm-bindgen --target nodejs --out-dir $$out/node target/wasm-$$node_build/trygg_wasm.wasm; \
	  $(JS_BIN)/wasm-opt -Oz $$out/web/trygg_wasm_bg.wasm -o $$out/web/trygg_wasm_bg.wasm; \
	  $(JS_BIN)/wasm-opt $$node_opt $$out/node/trygg_wasm_bg.wasm -o $$out/node/trygg_wasm_bg.wasm; \
	  echo '{"type":"module"}' > $$out/web/package.json; \
	  echo '{"type":"commonjs"}' > $$out/node/package.json; \
	done
	node wasm/build-forms.mjs $(PKG)
	# InitOutput types the raw wasm exports (never called by users) with `any`: say `unknown`.
	for d in $(PKG) $(PKG)/authoring; do \
	  node wasm/npm/wrap.mjs node $$d/node; \
	  node wasm/npm/wrap.mjs web $$d/web; \
	  sed -i -E '/^ *readonly [A-Za-z_0-9]+: \(/ s/\bany\b/unknown/g' $$d/web/trygg_wasm.d.ts; \
	done
	version=$$(cargo pkgid -p trygg-wasm | sed 's/.*[#@]//'); \
	  sed "s/@VERSION@/$$version/" wasm/npm/package.json > $(PKG)/package.json
	cp wasm/README.md $(PKG)/README.md
	@$(MAKE) --no-print-directory size

# Test-only build with feature `panic-probe` (exports panicProbe) for the panic-hook test.
# Its own target dir, so it never overwrites the runtime module's build output.
PROBE := target/panic-probe
wasm-probe: setup
	cargo build -p trygg-wasm --target $(WASM_TARGET) --profile wasm --features panic-probe --target-dir $(PROBE)
	rm -rf $(PROBE)/pkg
	wasm-bindgen --target nodejs --out-dir $(PROBE)/pkg $(PROBE)/$(WASM_TARGET)/wasm/trygg_wasm.wasm
	printf 'exports.builtinForms = () => [];\nexports.builtinTextPacks = () => [];\n' > $(PROBE)/pkg/trygg_forms.js
	node wasm/npm/wrap.mjs node $(PROBE)/pkg

# The plain-ABI module (abi/ABI.md): a core module that imports nothing, for every WASM
# runtime. cargo (profile `wasm-server`: built for speed, as it runs on journal systems'
# servers) → wasm-opt -O3 → target/abi/trygg.wasm, plus its SHA-256
# and the built-in forms as data files (target/abi/forms/, index.txt) for the host packages.
ABI_DIR := target/abi
ABI_RAW := target/$(WASM_TARGET)/wasm-server/trygg_abi.wasm
abi: setup-rust setup-node
	cargo build -p trygg-abi --target $(WASM_TARGET) --profile wasm-server --features fhir
	mkdir -p $(ABI_DIR)
	$(JS_BIN)/wasm-opt -O3 $(ABI_RAW) -o $(ABI_DIR)/trygg.wasm
	node abi/build-data.mjs $(ABI_DIR)
	@$(MAKE) --no-print-directory host-data

# Each host package carries its own copy of trygg.wasm and forms/ (git-ignored; its tests
# check the copy's SHA-256 against target/abi/trygg.wasm.sha256).
GO_DATA := hosts/go/data
PY_DATA := hosts/python/src/trygg/data
host-data:
	for d in $(GO_DATA) $(PY_DATA); do \
	  rm -rf $$d && mkdir -p $$d && cp -r $(ABI_DIR)/trygg.wasm $(ABI_DIR)/trygg.wasm.sha256 $(ABI_DIR)/forms $$d/; \
	done

# Host toolchains, pinned (versions in hosts/jvm/pom.xml, hosts/go/go.mod,
# hosts/python/requirements-dev.txt); idempotent.
VENV := hosts/python/.venv
setup-hosts: setup-jvm setup-go setup-python
setup-jvm:
	@command -v mvn >/dev/null || { echo "mvn not found (OpenJDK 17 + Maven 3.8 expected)"; exit 1; }
	@if [ ! -f hosts/jvm/target/.deps ] || [ hosts/jvm/pom.xml -nt hosts/jvm/target/.deps ]; then \
	  cd hosts/jvm && mvn -q -B dependency:go-offline -DincludeScope=test >/dev/null && mkdir -p target && touch target/.deps; \
	fi
setup-go:
	@command -v go >/dev/null || { echo "go not found"; exit 1; }
	cd hosts/go && go mod download
setup-python:
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/pip install -q --disable-pip-version-check -r hosts/python/requirements-dev.txt

# Every host over the same trygg.wasm: each runs the shared vectors and writes
# tests/artifacts/<suite>-<runtime>.txt.
test-hosts: test-node-plain test-jvm test-go test-python
test-abi:
	cargo test -p trygg-abi --features fhir
test-node-plain:
	node --test hosts/node-plain/test/
test-jvm:
	cd hosts/jvm && mvn -B --no-transfer-progress test | grep -E "Tests run|FAIL|ERROR|BUILD"
test-go:
	# -count=1: never a cached result; the run writes tests/artifacts/*-go.txt for test-same.
	cd hosts/go && go test -count=1 ./...
test-python:
	cd hosts/python && .venv/bin/python -m pytest -q

# Cross-runtime runners. Each writes tests/artifacts/<suite>-<runtime>.txt.
test-node:
	node --test $(JS)/node/

test-chromium:
	node --test $(JS)/chromium/

# FHIR: every shipped form's Questionnaire, converted responses and results Bundles against
# HL7's R4 JSON Schema, the calculatedExpressions through fhirpath.js (tests/js/fhir/), and
# the fhir.resources R4B models (PyPI, in a venv under target/; they catch what the JSON
# Schema misses, e.g. a list where FHIR has one CodeableConcept).
FHIR_VENV := target/fhir-venv
setup-fhir-python:
	@[ -x $(FHIR_VENV)/bin/python ] && $(FHIR_VENV)/bin/python -c 'import fhir.resources' 2>/dev/null || { \
	  python3 -m venv $(FHIR_VENV) && $(FHIR_VENV)/bin/pip install -q -r tests/fhir/requirements.txt; }

test-fhir: setup-node setup-fhir-python
	cargo run -q -p trygg-fhir --example artifacts -- forms target/fhir-artifacts programmes
	node --test $(JS)/fhir/
	$(FHIR_VENV)/bin/python tests/fhir/check_models.py target/fhir-artifacts

test-types:
	$(JS_BIN)/tsc -p $(JS)/tsconfig.json

# Every runtime must have produced byte-identical results to native: Node and Chromium
# (wasm-bindgen) on every suite, and the plain-ABI hosts (node-plain, jvm, go, python) on
# the shared vectors (SUITES); the differential and regression suites run in Node and
# Chromium (JS_SUITES).
SUITES := canonical jsonlogic forms
RUNTIMES := node chromium node-plain jvm go python
JS_SUITES := differential regressions
JS_RUNTIMES := node chromium
# The FHIR vectors (tests/vectors/fhir/): Node on the wasm-bindgen module and every
# plain-ABI host (not run in Chromium).
FHIR_SUITES := fhir
FHIR_RUNTIMES := node node-plain jvm go python
test-same:
	@n=0; check() { suite=$$1; shift; for rt in "$$@"; do \
	    cmp tests/artifacts/$$suite-native.txt tests/artifacts/$$suite-$$rt.txt; n=$$((n+1)); \
	  done; \
	  echo "$$suite: native, $$* results are byte-identical ($$(wc -l < tests/artifacts/$$suite-native.txt) cases)"; }; \
	for suite in $(SUITES); do check $$suite $(RUNTIMES); done; \
	for suite in $(JS_SUITES); do check $$suite $(JS_RUNTIMES); done; \
	for suite in $(FHIR_SUITES); do check $$suite $(FHIR_RUNTIMES); done; \
	echo "cross-runtime: $$n passed, 0 failed"

test: setup
	rm -rf tests/artifacts
	$(MAKE) --no-print-directory lint lint-wasm unit wasm wasm-probe abi test-fhir test-types test-node test-chromium test-hosts test-same test-demo fuzz-smoke

# The demo page (demo-web/): the web module and the form definitions copied into
# demo-web/pkg/, served by demo-web/server.mjs (Node, CSP header, application/wasm).
DEMO_PORT ?= 8080
demo-build: wasm
	node demo-web/build.mjs

demo: demo-build
	node demo-web/server.mjs $(DEMO_PORT)

# Browser tests of the demo and the studio (needs make wasm): Chromium on a server the test
# starts on 127.0.0.1; screenshots and axe reports in tests/artifacts/{demo,studio}/.
test-demo: setup-node
	node demo-web/build.mjs
	node --test demo-web/tests/

size:
	@node $(JS)/size.mjs $(PKG)

# The benchmarks (issue 17). First the interleaved contests behind the targets
# (bench-contests: native benches/versus.rs, sizes, Node through WASM, batch against the
# serde_json floor → target/bench/{versus,size,node,batch}.json), then the Criterion
# micro-benchmarks (no target) and the plain-ABI hosts; bench/report.py prints each target with
# its measured ratio and met / not met and writes BENCHMARKS.md.
# bench-targets: the contests and the report only. Shorter runs on a busy machine:
# TRYGG_BENCH_QUICK=1 (fewer, shorter rounds), TRYGG_BENCH_BATCH_N=100000 (default 1,000,000
# lines), TRYGG_BENCH_BATCH_RUNS=3 (default 5 alternating pairs).
bench: wasm bench-deps
	$(MAKE) --no-print-directory bench-contests
	cargo bench -p trygg --bench logic --bench forms --bench peers
	$(MAKE) --no-print-directory bench-hosts
	python3 bench/report.py

bench-targets: wasm bench-deps
	$(MAKE) --no-print-directory bench-contests
	python3 bench/report.py

bench-contests:
	cargo bench -p trygg --bench versus
	node bench/size.mjs $(PKG)
	node bench/node/bench.mjs $(PKG)
	bench/batch.sh

# The Node peers (json-logic-js, json-logic-engine, @goplasmatic/datalogic), pinned in
# bench/node/package.json + lockfile: only the benches need them, so not part of make setup.
bench-deps:
	@if [ ! -f bench/node/node_modules/.package-lock.json ] || \
	    [ bench/node/package-lock.json -nt bench/node/node_modules/.package-lock.json ]; then \
	  cd bench/node && npm ci --no-audit --no-fund; \
	fi

# The plain-ABI hosts: evaluate per response as a ratio to native, instantiate, module size
# → target/bench/hosts.json (read by bench/report.py).
bench-hosts: abi setup-hosts
	bench/hosts.sh
