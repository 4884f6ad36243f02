#!/usr/bin/env bash
# Run every fuzz target (or those named) for FUZZ_SECONDS each, on the seeds from seed.py
# plus whatever earlier runs added to fuzz/corpus/. A crash, timeout or out-of-memory
# fails the run; libFuzzer writes the input to fuzz/artifacts/<target>/. Logs:
# fuzz/logs/<target>.log. `make fuzz` calls this; see docs/RELIABILITY.md.
set -euo pipefail
cd "$(dirname "$0")"
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(form_load response_eval logic_eval session_ops fhir_entry abi_entry)
python3 seed.py
# -s none: the engine has no unsafe code, so no sanitizer (3-5x more executions); panics,
# overflow checks and debug assertions still abort the target.
cargo +nightly fuzz build -s none
mkdir -p logs
for t in "${targets[@]}"; do
  # session_ops: three bytes are one operation; 768 bytes (256 operations, eight times the
  # largest form's items) keep sequences long enough to revisit every item and short enough
  # for ~1,300 executions a second instead of ~470 at libFuzzer's default 4,096.
  extra=()
  [ "$t" = session_ops ] && extra=(-max_len=768)
  # -timeout: one input over 10 s is a failure; -rss_limit_mb / -malloc_limit_mb: 2 GiB.
  if ! cargo +nightly fuzz run -s none "$t" -- \
      -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
      -print_final_stats=1 "${extra[@]}" >"logs/$t.log" 2>&1; then
    tail -40 "logs/$t.log"
    echo "fuzz $t: FAILED (input in fuzz/artifacts/$t/, log in fuzz/logs/$t.log)"
    exit 1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log")
  echo "fuzz $t: $execs executions in ${FUZZ_SECONDS} s, no crash, timeout or out-of-memory"
done
