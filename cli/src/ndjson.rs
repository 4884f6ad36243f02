//! The NDJSON record format shared by `batch`, `diff` and `synth`, a line reader that keeps
//! memory bounded, and the chunked, order-keeping parallel loop over a stream of lines.
//!
//! A record is one line: a response object (`docs/form-format.md`) that may carry extra
//! *envelope* fields, which are removed before the response is parsed:
//!
//! | field | meaning |
//! | --- | --- |
//! | `id` | the record's id (string), echoed in error records and diff examples |
//! | `family` | the family the respondent belongs to (string); `diff` groups by it |
//! | `synthetic` | `true` on every line `trygg synth` writes: never real data |
//! | `meta` | anything else the producer wants to keep beside the response (ignored) |
//!
//! Any other unknown field is an error, as in a bare response.

use std::io::{self, BufRead};
use std::sync::Arc;
use trygg::registry::Requested;
use trygg::{CompiledForm, Registry};

// The record format itself is the host's (the studio reads the same records).
pub use trygg_host::ndjson::{parse_record, LineError, Record, MAX_LINE_BYTES};

/// Most lines per chunk handed to the workers.
pub const CHUNK_LINES: usize = 2048;
/// Most bytes per chunk (a chunk closes at whichever bound comes first).
pub const CHUNK_BYTES: usize = 8 * 1024 * 1024;

/// One non-blank input line.
#[derive(Debug, Clone)]
pub enum Line {
    /// The text of line `n` (without its line ending).
    Text(u64, String),
    /// Line `n` was longer than [`MAX_LINE_BYTES`] (its length in bytes).
    TooLong(u64, usize),
    /// Line `n` is not UTF-8.
    NotUtf8(u64),
}

impl Line {
    /// Parse the line as a record.
    pub fn record(&self) -> Result<Record, LineError> {
        match self {
            Line::Text(n, text) => parse_record(*n, text),
            Line::TooLong(n, len) => Err(LineError::new(
                "response.too_large",
                *n,
                format!("the line is {len} bytes or more; the limit is {MAX_LINE_BYTES}"),
            )),
            Line::NotUtf8(n) => Err(LineError::new(
                "response.not_utf8",
                *n,
                "the line is not valid UTF-8",
            )),
        }
    }
}

/// Non-blank lines of a stream, each at most [`MAX_LINE_BYTES`] in memory.
pub struct Lines<R> {
    reader: R,
    line: u64,
    buf: Vec<u8>,
    /// Bytes consumed so far (for progress).
    pub bytes: u64,
}

impl<R: BufRead> Lines<R> {
    /// Read lines from `reader`.
    pub fn new(reader: R) -> Self {
        Lines {
            reader,
            line: 0,
            buf: Vec::new(),
            bytes: 0,
        }
    }

    /// The next non-blank line, `None` at the end.
    pub fn next_line(&mut self) -> io::Result<Option<Line>> {
        loop {
            self.buf.clear();
            let mut len = 0usize;
            let mut overflow = false;
            let mut eof = false;
            loop {
                let avail = match self.reader.fill_buf() {
                    Ok(a) => a,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                if avail.is_empty() {
                    eof = true;
                    break;
                }
                let (take, done) = match avail.iter().position(|b| *b == b'\n') {
                    Some(i) => (i, true),
                    None => (avail.len(), false),
                };
                len += take;
                if !overflow {
                    if len > MAX_LINE_BYTES {
                        overflow = true;
                        self.buf.clear();
                    } else {
                        self.buf
                            .extend_from_slice(avail.get(..take).unwrap_or_default());
                    }
                }
                let consumed = if done { take + 1 } else { take };
                self.reader.consume(consumed);
                self.bytes += consumed as u64;
                if done {
                    break;
                }
            }
            if eof && len == 0 {
                return Ok(None);
            }
            self.line += 1;
            if overflow {
                return Ok(Some(Line::TooLong(self.line, len)));
            }
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                if eof {
                    return Ok(None);
                }
                continue;
            }
            return Ok(Some(match std::str::from_utf8(&self.buf) {
                // A byte-order mark some editors put at the start of a file is not data.
                Ok(s) if self.line == 1 => {
                    Line::Text(self.line, s.trim_start_matches('\u{feff}').to_string())
                }
                Ok(s) => Line::Text(self.line, s.to_string()),
                Err(_) => Line::NotUtf8(self.line),
            }));
        }
    }

    /// Up to [`CHUNK_LINES`] lines or [`CHUNK_BYTES`] bytes.
    pub fn next_chunk(&mut self) -> io::Result<Vec<Line>> {
        let mut chunk = Vec::new();
        let mut bytes = 0usize;
        while chunk.len() < CHUNK_LINES && bytes < CHUNK_BYTES {
            match self.next_line()? {
                Some(l) => {
                    bytes += match &l {
                        Line::Text(_, t) => t.len(),
                        _ => 0,
                    };
                    chunk.push(l);
                }
                None => break,
            }
        }
        Ok(chunk)
    }
}

/// How many workers to use: the available cores (at least one).
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Process every line of `lines` with `work` on `workers` threads, in bounded chunks, and
/// hand the results to `sink` in input order (see [`for_each_part`]).
pub fn for_each_ordered<R, T, W, S>(
    lines: &mut Lines<R>,
    workers: usize,
    work: W,
    mut sink: S,
) -> io::Result<()>
where
    R: BufRead,
    T: Send,
    W: Fn(&Line) -> T + Sync,
    S: FnMut(T, u64) -> io::Result<()>,
{
    for_each_part(
        lines,
        workers,
        |part| part.iter().map(&work).collect::<Vec<T>>(),
        |results, read| results.into_iter().try_for_each(|r| sink(r, read)),
    )
}

/// Split each chunk of `lines` into one consecutive part per worker, run `work` on each part
/// on its own thread, and hand the parts' results to `sink` in input order. While the
/// workers process chunk k, this thread hands chunk k-1's results to `sink` and reads chunk
/// k+1, so at most three chunks are in memory and the cores are not idle while output is
/// written.
///
/// A worker that folds its whole part into one result (`trygg batch`: the part's output
/// text and its counts) makes, drops and frees everything per line on its own thread; the
/// writing thread only copies text out and adds counts.
pub fn for_each_part<R, T, W, S>(
    lines: &mut Lines<R>,
    workers: usize,
    work: W,
    mut sink: S,
) -> io::Result<()>
where
    R: BufRead,
    T: Send,
    W: Fn(&[Line]) -> T + Sync,
    S: FnMut(T, u64) -> io::Result<()>,
{
    let workers = workers.max(1);
    let mut chunk = lines.next_chunk()?;
    let mut pending: Vec<T> = Vec::new();
    let mut pending_read = 0u64;
    while !chunk.is_empty() {
        let per = chunk.len().div_ceil(workers);
        let work = &work;
        let sink = &mut sink;
        let (results, next, written) = std::thread::scope(|s| {
            let handles: Vec<_> = chunk
                .chunks(per)
                .map(|part| s.spawn(move || work(part)))
                .collect();
            let written = std::mem::take(&mut pending)
                .into_iter()
                .try_for_each(|r| sink(r, pending_read));
            let next = if written.is_ok() {
                lines.next_chunk()
            } else {
                Ok(Vec::new())
            };
            let results: Result<Vec<T>, io::Error> = handles
                .into_iter()
                .map(|h| {
                    h.join().map_err(|_| {
                        io::Error::other("a worker thread failed; no output for its lines")
                    })
                })
                .collect();
            (results, next, written)
        });
        written?;
        pending = results?;
        pending_read = lines.bytes;
        chunk = next?;
    }
    for r in pending {
        sink(r, pending_read)?;
    }
    Ok(())
}

/// Which form scores a record: the engine's one re-scoring rule
/// ([`Registry::for_scoring`]) with the command line's form as the default.
pub fn form_for(
    record: &Record,
    default: Option<&Arc<CompiledForm>>,
    registry: &Registry,
) -> Result<Arc<CompiledForm>, LineError> {
    let requested = default.map_or(Requested::Nothing, |d| Requested::Default {
        id: d.id(),
        version: Some(d.version()),
    });
    let r = &record.response;
    registry
        .for_scoring(requested, r.form.as_deref(), r.version.as_deref())
        .map_err(|e| {
            let (code, hint) = match e.code {
                "registry.no_form" => ("batch.no_form", " (pass --form)"),
                "registry.unknown_form" => (e.code, " (check --forms, or pass --form ID@VERSION)"),
                code => (code, ""),
            };
            LineError::new(code, record.line, format!("{}{hint}", e.message))
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn number(l: &Line) -> u64 {
        match l {
            Line::Text(n, _) | Line::TooLong(n, _) | Line::NotUtf8(n) => *n,
        }
    }

    fn all(text: &[u8]) -> Vec<Line> {
        let mut l = Lines::new(io::BufReader::with_capacity(7, text));
        let mut out = Vec::new();
        while let Some(x) = l.next_line().unwrap() {
            out.push(x);
        }
        out
    }

    #[test]
    fn lines_skip_blanks_and_number_from_one() {
        let got = all(b"\xef\xbb\xbf{}\n\n  \r\n{\"a\":1}\r\n{}");
        assert!(matches!(&got[0], Line::Text(1, t) if t == "{}"), "{got:?}");
        let nums: Vec<u64> = got.iter().map(number).collect();
        assert_eq!(nums, vec![1, 4, 5]);
        match &got[1] {
            Line::Text(_, t) => assert_eq!(t, "{\"a\":1}"),
            other => panic!("{other:?}"),
        }
        assert!(all(b"").is_empty());
        assert!(all(b"\n\n").is_empty());
    }

    #[test]
    fn long_and_non_utf8_lines_are_errors_not_memory() {
        let mut text = vec![b'x'; MAX_LINE_BYTES + 10];
        text.extend_from_slice(b"\n\xff\xfe\n{}\n");
        let got = all(&text);
        assert!(matches!(got[0], Line::TooLong(1, n) if n == MAX_LINE_BYTES + 10));
        assert!(matches!(got[1], Line::NotUtf8(2)));
        assert!(matches!(got[2], Line::Text(3, _)));
    }

    #[test]
    fn envelope_fields_are_removed_and_checked() {
        let r = parse_record(
            3,
            r#"{"id":"x","family":"f1","synthetic":true,"meta":{"k":1},"answers":{"a":1}}"#,
        )
        .unwrap();
        assert_eq!(r.id.as_deref(), Some("x"));
        assert_eq!(r.family.as_deref(), Some("f1"));
        assert_eq!(r.response.answers["a"], 1);
        let e = parse_record(4, r#"{"family":3}"#).unwrap_err();
        assert_eq!((e.code, e.line), ("response.invalid", 4));
        let e = parse_record(5, r#"{"nope":3}"#).unwrap_err();
        assert_eq!(e.code, "response.invalid");
        let e = parse_record(6, r#"[1]"#).unwrap_err();
        assert_eq!(e.code, "response.invalid");
        let e = parse_record(7, r#"{"answers":"#).unwrap_err();
        assert_eq!(e.code, "response.not_json");
        assert_eq!(
            e.to_json(),
            format!(
                "{{\"error\":{{\"code\":\"response.not_json\",\"line\":7,\"message\":{}}}}}",
                serde_json::to_string(&e.message).unwrap()
            )
        );
    }

    #[test]
    fn ordered_loop_keeps_input_order() {
        let text: String = (0..10_000).map(|i| format!("{i}\n")).collect();
        let mut lines = Lines::new(io::BufReader::new(text.as_bytes()));
        let mut out = Vec::new();
        for_each_ordered(&mut lines, 4, number, |n, _| {
            out.push(n);
            Ok(())
        })
        .unwrap();
        assert_eq!(out, (1..=10_000).collect::<Vec<u64>>());
    }
}
