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
	demo-build test-demo

setup: setup-rust setup-wasm-bindgen setup-chromium setup-node

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

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	python3 forms/trygg-start/tools/build.py --check

# The wasm crate as the wasm target sees it (the cfg(target_arch) paths of wasm-bindgen).
lint-wasm: setup-rust
	cargo clippy -p trygg-wasm --target $(WASM_TARGET) --all-features -- -D warnings

# Every test; then the JsonLogic conformance and the shipped forms' examples once more with
# their per-suite counts and `N passed, N failed` lines shown.
unit:
	cargo test --workspace
	cargo test -q -p trygg --test conformance -- --nocapture
	cargo run -q -p trygg-cli -- test forms

# Runtime module: cargo (profile `wasm`) → wasm-bindgen (web + nodejs) → wasm-opt -Oz.
wasm: setup
	cargo build -p trygg-wasm --target $(WASM_TARGET) --profile wasm
	rm -rf $(PKG)
	wasm-bindgen --target web --out-dir $(PKG)/web $(WASM_RAW)
	wasm-bindgen --target nodejs --out-dir $(PKG)/node $(WASM_RAW)
	for t in web node; do \
	  $(JS_BIN)/wasm-opt -Oz $(PKG)/$$t/trygg_wasm_bg.wasm -o $(PKG)/$$t/trygg_wasm_bg.wasm; \
	done
	node wasm/build-forms.mjs $(PKG)
	# InitOutput types the raw wasm exports (never called by users) with `any`: say `unknown`.
	sed -i -E '/^ *readonly [A-Za-z_0-9]+: \(/ s/\bany\b/unknown/g' $(PKG)/web/trygg_wasm.d.ts
	echo '{"type":"module"}' > $(PKG)/web/package.json
	echo '{"type":"commonjs"}' > $(PKG)/node/package.json
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

# Cross-runtime runners. Each writes tests/artifacts/<suite>-<runtime>.txt.
test-node:
	node --test $(JS)/node/

test-chromium:
	node --test $(JS)/chromium/

test-types:
	$(JS_BIN)/tsc -p $(JS)/tsconfig.json

# Native, Node and Chromium must have produced byte-identical results.
SUITES := canonical jsonlogic forms
test-same:
	@n=0; for suite in $(SUITES); do \
	  for rt in node chromium; do \
	    cmp tests/artifacts/$$suite-native.txt tests/artifacts/$$suite-$$rt.txt; n=$$((n+1)); \
	  done; \
	  echo "$$suite: native, node and chromium results are byte-identical ($$(wc -l < tests/artifacts/$$suite-native.txt) cases)"; \
	done; echo "cross-runtime: $$n passed, 0 failed"

test: setup
	rm -rf tests/artifacts
	$(MAKE) --no-print-directory lint lint-wasm unit wasm wasm-probe test-types test-node test-chromium test-same test-demo

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

# Native benches (Criterion), then the side-file runners (size, Node through WASM, batch
# against the serde_json floor: target/bench/{size,node,batch}.json), then one table and
# BENCHMARKS.md. TRYGG_BENCH_BATCH_N=100000 for a smaller batch corpus (default 1,000,000).
bench: wasm
	cargo bench -p trygg --bench logic --bench forms --bench peers
	node bench/size.mjs $(PKG)
	node bench/node/bench.mjs $(PKG)
	bench/batch.sh
	python3 bench/report.py
