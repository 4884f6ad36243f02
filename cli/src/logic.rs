//! `trygg logic`: evaluate JsonLogic rules from NDJSON on stdin, one answer per line.
//!
//! Each input line is `{"rule": …, "data": …}` (`data` defaults to null). Each output line
//! is `{"result": …}`, or `{"error": {"type": …}}`: the error value of a failed evaluation
//! (a thrown object as thrown), or a compile error with its `code`, `pointer` and
//! `message` as well. A line that is not such an object gets
//! `{"error": {"type": "Invalid Input", "line": N, "message": …}}` and the run goes on;
//! blank lines are skipped, and a line longer than [`MAX_LINE_BYTES`] is skipped unread
//! with such an error. Output is canonical JSON (RFC 8785), the same bytes as
//! `evaluateLogic` in WASM (`0`, not `-0.0`; `9007199254740992`, not `9007199254740992.0`).
//! A rule that runs out of the evaluation budget answers
//! `{"error": {"type": "Budget Exceeded", "limit": …, "max": …}}`. This lets any tool or language check the engine's semantics
//! against its own expectations.

use std::io::{self, BufRead, BufWriter, Read, Write};

use serde_json::{json, Value};
use trygg::logic;

/// Longest input line read, in bytes (a rule and its data; the batch line limit).
pub const MAX_LINE_BYTES: usize = crate::ndjson::MAX_LINE_BYTES;

/// Answer one input line (without its newline). `None` for a blank line.
pub fn answer(line: &[u8], number: usize) -> Option<Value> {
    let invalid = |message: String| json!({"error": {"type": "Invalid Input", "line": number, "message": message}});
    let text = match std::str::from_utf8(line) {
        Ok(t) => t.trim(),
        Err(e) => {
            return Some(invalid(format!(
                "not UTF-8: invalid byte at offset {}",
                e.valid_up_to()
            )))
        }
    };
    if text.is_empty() {
        return None;
    }
    let input: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Some(invalid(trygg::input::excerpt(&format!("not JSON: {e}")))),
    };
    let Value::Object(mut input) = input else {
        return Some(invalid(
            "expected an object {\"rule\": …, \"data\": …}".into(),
        ));
    };
    let Some(rule) = input.remove("rule") else {
        return Some(invalid("missing \"rule\"".into()));
    };
    let data = input.remove("data").unwrap_or(Value::Null);
    Some(match logic::compile(&rule) {
        Err(e) => json!({"error": {
            "type": e.error_type(),
            "code": e.code,
            "path": e.path,
            "message": e.message,
        }}),
        Ok(compiled) => match compiled.evaluate(&data) {
            Ok(result) => json!({ "result": result }),
            Err(e) => json!({ "error": e.to_value() }),
        },
    })
}

/// Run over stdin/stdout. Exit code 0, or 2 on an I/O error.
pub fn run() -> i32 {
    match run_io(&mut io::stdin().lock(), &mut io::stdout().lock()) {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("trygg logic: {e}");
            2
        }
    }
}

/// Consume the rest of an over-long line without keeping it.
fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

fn run_io(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<()> {
    let mut out = BufWriter::new(output);
    let mut line = Vec::new();
    let mut number = 0;
    let limit = u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX);
    loop {
        line.clear();
        if input
            .by_ref()
            .take(limit + 1)
            .read_until(b'\n', &mut line)?
            == 0
        {
            break;
        }
        number += 1;
        let answer = if line.len() > MAX_LINE_BYTES && line.last() != Some(&b'\n') {
            skip_line(input)?;
            Some(
                json!({"error": {"type": "Invalid Input", "line": number, "message":
                format!("the line is longer than {MAX_LINE_BYTES} bytes")}}),
            )
        } else {
            answer(&line, number)
        };
        if let Some(answer) = answer {
            out.write_all(trygg::to_canonical_string(&answer).as_bytes())?;
            out.write_all(b"\n")?;
        }
        // Answer interactive callers promptly; batch when more input is already waiting.
        if input.fill_buf()?.is_empty() {
            out.flush()?;
        }
    }
    out.flush()
}
