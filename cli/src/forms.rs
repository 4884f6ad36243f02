//! Loading form files for the subcommands: one place that turns a path into a compiled
//! form or located errors.

use std::path::{Path, PathBuf};

/// A form file that failed to load: every error, located in the file.
pub struct LoadError {
    pub file: PathBuf,
    pub errors: Vec<trygg::Error>,
}

impl LoadError {
    /// `file:pointer: code: message` lines.
    pub fn lines(&self) -> Vec<String> {
        self.errors
            .iter()
            .map(|e| {
                format!(
                    "{}:{}: {}: {}",
                    self.file.display(),
                    e.pointer,
                    e.code,
                    e.message
                )
            })
            .collect()
    }
}

/// Read, parse, schema-check and compile one form file.
pub fn load(path: &Path) -> Result<trygg::CompiledForm, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError {
        file: path.to_path_buf(),
        errors: vec![trygg::Error::new("file.unreadable", "", e.to_string())],
    })?;
    trygg::load(&text).map_err(|e| LoadError {
        file: path.to_path_buf(),
        errors: e.0,
    })
}

/// Read a file, or standard input for `-`.
pub fn read_input(path: &Path) -> Result<String, String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("stdin: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
    }
}
