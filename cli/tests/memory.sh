#!/usr/bin/env bash
# Memory check for `trygg batch`: score SMALL and then LARGE synthetic lines (streamed from
# `trygg synth` through a pipe, so no input file is written) and compare the peak resident
# memory (VmHWM) each batch process reports with --stats. Flat memory means the two peaks
# are about the same; the check fails when the large run's peak exceeds the small run's by
# more than 50 % + 8 MiB. Timings are printed, never asserted.
#
#   cli/tests/memory.sh [SMALL] [LARGE]        (defaults 200000 and 1000000)
#
# Uses the release binary (built if missing) and the forms in FORMS (default: forms/, or
# the CLI's test fixtures when forms/ has no trygg-start 6-8w form).
set -euo pipefail
cd "$(dirname "$0")/../.."
SMALL=${1:-200000}
LARGE=${2:-1000000}
BIN=target/release/trygg
[ -x "$BIN" ] || cargo build -q --release -p trygg-cli
if [ -z "${FORMS:-}" ]; then
  if [ -f forms/trygg-start/6-8w/1.0.0.json ]; then
    FORMS=forms FORM=trygg-start.6-8w@1.0.0
  else
    FORMS=cli/tests/fixtures/forms FORM=demo@2.0.0
  fi
fi
FORM=${FORM:-trygg-start.6-8w@1.0.0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

peak() { # lines → prints the peak KiB; the summary on stderr
  "$BIN" synth --forms "$FORMS" --form "$FORM" --n "$1" --seed 1 2>/dev/null |
    "$BIN" batch --forms "$FORMS" --in - --out /dev/null --stats --summary-json "$tmp/s.json" 2>"$tmp/err"
  grep -E "lines:|stats:" "$tmp/err" >&2
  sed -E 's/.*"peakRssKiB":([0-9]+).*/\1/' "$tmp/s.json"
}

echo "batch memory check: $FORM from $FORMS" >&2
small=$(peak "$SMALL")
large=$(peak "$LARGE")
echo "peak RSS: $SMALL lines → $small KiB; $LARGE lines → $large KiB"
limit=$(( small * 3 / 2 + 8192 ))
if [ "$large" -gt "$limit" ]; then
  echo "FAIL: memory grew with input size ($large KiB > $limit KiB)" >&2
  exit 1
fi
echo "ok: memory stays flat"
