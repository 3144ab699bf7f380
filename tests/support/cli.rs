//! Running the `plan-lookup` binary, and the temporary folders the CLI tests write into.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs `plan-lookup ARGS…` (the binary cargo built for these tests).
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plan-lookup")).args(args).output().expect("binary runs")
}

/// A fresh, empty folder named `name` for this test process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plan-lookup-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
