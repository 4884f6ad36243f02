# Trygg — build, test, demo, bench. Every install step lives in `make setup` (idempotent).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export CARGO_TERM_COLOR := never

.PHONY: setup setup-rust test lint unit demo bench

setup: setup-rust

setup-rust:
	@command -v cargo >/dev/null || { echo "cargo not found: install Rust via rustup"; exit 1; }

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

unit:
	cargo test --workspace

test: setup lint unit

demo: setup
	cargo run -q -p trygg-cli --release -- --help

bench: setup
	cargo bench -p trygg
