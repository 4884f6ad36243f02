//! Loading form files for the subcommands: one place that turns a path into a compiled
//! form or located errors.

use std::path::{Path, PathBuf};

/// A form file that failed to load: every error, located in the file.
pub struct LoadError {
    pub file: PathBuf,
    pub errors: Vec<trygg::Error>,
}

impl LoadError {
    /// `file:path: code: message` lines.
    pub fn lines(&self) -> Vec<String> {
        self.errors
            .iter()
            .map(|e| {
                format!(
                    "{}:{}: {}: {}",
                    self.file.display(),
                    e.path,
                    e.code,
                    e.message
                )
            })
            .collect()
    }
}

/// Read at most `policy.limit + 1` bytes of a file, or of standard input for `-` (so
/// `/dev/zero` or a 100 MB file is never read whole), then check them under the engine's
/// input policy. Outer error: I/O; inner: the policy's located error (`*.too_large`,
/// `*.not_utf8`, `*.bom`, `*.not_json`, `*.duplicate_key`).
pub fn read_limited(
    path: &Path,
    policy: &trygg::input::Policy,
) -> Result<Result<String, trygg::Error>, String> {
    use std::io::Read;
    let limit = u64::try_from(policy.limit)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    let name = if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.display().to_string()
    };
    read.map_err(|e| format!("{name}: {e}"))?;
    Ok(trygg::input::text_from_bytes(&bytes, policy).map(str::to_owned))
}

/// Read, parse, schema-check and compile one form file.
pub fn load(path: &Path) -> Result<trygg::CompiledForm, LoadError> {
    let unreadable = |e: String| LoadError {
        file: path.to_path_buf(),
        errors: vec![trygg::Error::new("file.unreadable", "", e)],
    };
    let text = read_limited(path, &trygg::input::FORM)
        .map_err(unreadable)?
        .map_err(|e| LoadError {
            file: path.to_path_buf(),
            errors: vec![e],
        })?;
    trygg::load(&text).map_err(|e| LoadError {
        file: path.to_path_buf(),
        errors: e.0,
    })
}

/// A command failure: the lines to print on stderr and the exit code (1 input, 2 usage/I-O).
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub lines: Vec<String>,
}

impl Failure {
    /// A usage or I/O error (exit code 2).
    pub fn usage(msg: impl Into<String>) -> Self {
        Failure {
            code: 2,
            lines: vec![format!("error: {}", msg.into())],
        }
    }

    /// An input error (exit code 1).
    pub fn input(lines: Vec<String>) -> Self {
        Failure { code: 1, lines }
    }

    /// Print the lines on stderr; the exit code.
    pub fn report(self) -> i32 {
        for l in &self.lines {
            eprintln!("{l}");
        }
        self.code
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::input(e.lines())
    }
}

/// The forms of a directory, compiled into a registry, with the file each came from.
pub struct Forms {
    pub registry: trygg::Registry,
    pub files: std::collections::BTreeMap<(String, String), PathBuf>,
}

/// The default forms directory.
pub const DEFAULT_DIR: &str = "forms";

/// Load every form under `dir` into a registry. A missing default directory is an empty
/// registry; a missing directory named with `--forms` is a usage error. A form that does
/// not compile is an input error naming the file (a registry is all-or-nothing).
pub fn load_dir(dir: Option<&Path>) -> Result<Forms, Failure> {
    let (dir, explicit) = match dir {
        Some(d) => (d.to_path_buf(), true),
        None => (PathBuf::from(DEFAULT_DIR), false),
    };
    let mut forms = Forms {
        registry: trygg::Registry::new(),
        files: Default::default(),
    };
    if !dir.is_dir() {
        if explicit {
            return Err(Failure::usage(format!(
                "{}: no such forms directory",
                dir.display()
            )));
        }
        return Ok(forms);
    }
    let files = collect(std::slice::from_ref(&dir)).map_err(Failure::usage)?;
    let mut errors = Vec::new();
    for file in files {
        match load(&file) {
            Ok(f) => add(&mut forms, f, &file).unwrap_or_else(|e| errors.extend(e.lines)),
            Err(e) => errors.extend(e.lines()),
        }
    }
    if errors.is_empty() {
        Ok(forms)
    } else {
        Err(Failure::input(errors))
    }
}

fn add(forms: &mut Forms, form: trygg::CompiledForm, file: &Path) -> Result<(), Failure> {
    let key = (form.id().to_string(), form.version().to_string());
    forms.registry.insert(form).map_err(|e| {
        Failure::input(vec![format!(
            "{}:{}: {}: {}",
            file.display(),
            e.path,
            e.code,
            e.message
        )])
    })?;
    forms.files.entry(key).or_insert_with(|| file.to_path_buf());
    Ok(())
}

/// Resolve `--form`: an existing file (compiled and added to the registry), else
/// `ID@VERSION` (that exact version, whatever its status), else a bare `ID` (its highest
/// active version).
pub fn resolve(
    spec: &str,
    forms: &mut Forms,
) -> Result<std::sync::Arc<trygg::CompiledForm>, Failure> {
    let path = Path::new(spec);
    if path.is_file() {
        let form = load(path)?;
        let (id, version) = (form.id().to_string(), form.version().to_string());
        add(forms, form, path)?;
        return forms
            .registry
            .get(&id, &version)
            .ok_or_else(|| Failure::usage(format!("{spec}: not in the registry after loading")));
    }
    let (id, version) = match spec.split_once('@') {
        Some((id, version)) => (id, Some(version)),
        None if spec.ends_with(".json") || spec.contains('/') => {
            return Err(Failure::usage(format!("{spec}: no such file")))
        }
        None => (spec, None),
    };
    let found =
        forms
            .registry
            .for_scoring(trygg::registry::Requested::Form { id, version }, None, None);
    found.map_err(|e| {
        let known: Vec<String> = forms
            .registry
            .list()
            .iter()
            .map(|e| format!("{}@{}", e.id, e.version))
            .collect();
        Failure::usage(format!(
            "--form {spec}: {}: {} (loaded: {})",
            e.code,
            e.message,
            if known.is_empty() {
                "none; point --forms at a forms directory".to_string()
            } else {
                known.join(", ")
            }
        ))
    })
}

/// `--form` of a command that uses one form: a file is loaded alone (no forms directory
/// read); `ID@VERSION` or `ID` is looked up, by [`resolve`], in the forms of `dir`.
pub fn resolve_in(
    spec: &str,
    dir: Option<&Path>,
) -> Result<std::sync::Arc<trygg::CompiledForm>, Failure> {
    let mut forms = if Path::new(spec).is_file() {
        Forms {
            registry: trygg::Registry::new(),
            files: Default::default(),
        }
    } else {
        load_dir(dir)?
    };
    resolve(spec, &mut forms)
}

/// Peak resident memory of this process (`VmHWM` in `/proc/self/status`), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Open `--in` (a file or `-` for stdin) as a buffered reader; its size when known.
pub fn open_in(path: &Path) -> Result<(Box<dyn std::io::BufRead>, Option<u64>), Failure> {
    if path.as_os_str() == "-" {
        return Ok((Box::new(std::io::BufReader::new(std::io::stdin())), None));
    }
    let f = std::fs::File::open(path)
        .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
    Ok((
        Box::new(std::io::BufReader::with_capacity(256 * 1024, f)),
        size,
    ))
}

/// Open `--out` (a file or `-` for stdout) as a buffered writer.
pub fn open_out(path: &Path) -> Result<Box<dyn std::io::Write>, Failure> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::BufWriter::new(std::io::stdout().lock())));
    }
    let f = std::fs::File::create(path)
        .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    Ok(Box::new(std::io::BufWriter::with_capacity(256 * 1024, f)))
}

/// Collect form files: files as given, directories recursed for `*.json` (skipping JSON
/// Schema files and text packs).
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    // Every directory and file once, by its canonical path: symlink loops end, and a form
    // reached through two links is reported once.
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, &mut seen).map_err(|e| format!("{}: {e}", p.display()))?;
        } else if p.exists() {
            if seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())) {
                out.push(p.clone());
            }
        } else {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    Ok(out)
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut std::collections::HashSet<PathBuf>,
) -> std::io::Result<()> {
    if !seen.insert(dir.canonicalize()?) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out, seen)?;
        } else if is_form_file(&p) && seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())) {
            out.push(p);
        }
    }
    Ok(())
}

/// The engine's rule ([`trygg::document`]): a candidate file whose content is a form
/// definition; a candidate that is not JSON is kept so that `validate` reports it.
fn is_form_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !trygg::document::is_candidate(name) {
        return false;
    }
    match read_limited(p, &trygg::input::FORM)
        .ok()
        .and_then(Result::ok)
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
    {
        Some(v) => trygg::document::kind(&v) == trygg::document::DocumentKind::Form,
        None => true, // let validate report the JSON error
    }
}
