//! The `plan-lookup export` contract: JSON Lines on stdout, a summary per document on stderr,
//! and bad input named and explained with a non-zero exit, never a panic.

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plan-lookup")).args(args).output().expect("binary runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plan-lookup-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn seed(name: &str) -> String {
    format!("{}/data/plans/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout_lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

#[test]
fn export_without_files_writes_the_default_corpus() {
    let o = run(&["export"]);
    assert!(o.status.success());
    let lines = stdout_lines(&o);
    assert_eq!(lines.len(), 473);
    let keys: Vec<&str> = lines[0].as_object().unwrap().keys().map(String::as_str).collect();
    for k in ["doc", "plan", "jurisdiction", "seq", "number", "parent", "path", "title", "text_head", "lead", "support", "responsible", "raw", "text"] {
        assert!(keys.contains(&k), "field {k} in {keys:?}");
    }
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().filter(|l| l.contains(" plan(s), ")).count(), 5, "{err}");
    assert!(err.contains("004_7b0fa0002b4ed437.txt: 3 plan(s), 138 measures"), "{err}");
    assert!(err.contains("numbering jumps from 5 to 11"), "numbering gap is warned: {err}");
    assert!(err.contains("table row 52 has 1 of 2 unit cells"), "{err}");
}

#[test]
fn each_bad_file_is_named_and_explained_and_good_files_still_export() {
    let dir = temp_dir("bad");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let blank = dir.join("blank.txt");
    std::fs::write(&blank, " \n\u{3000}\n").unwrap();
    let binary = dir.join("picture.png");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe, 0x00, 0x01]).unwrap();
    let prose = dir.join("notice.txt");
    std::fs::write(&prose, "关于召开会议的通知\n\n请各单位准时参加。\n").unwrap();
    let missing = dir.join("does-not-exist.txt");
    let good = seed("003_aaf5b79996afd6d0.txt");

    let args = [empty.to_str().unwrap(), blank.to_str().unwrap(), binary.to_str().unwrap(), prose.to_str().unwrap(), missing.to_str().unwrap(), good.as_str()];
    let o = run(&[&["export"][..], &args[..]].concat());
    assert!(!o.status.success(), "exit code is non-zero when any file is bad");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let line_for = |path: &PathBuf| err.lines().find(|l| l.contains(path.to_str().unwrap())).map(str::to_string).unwrap_or_default();
    assert!(line_for(&empty).contains("empty"), "{err}");
    assert!(line_for(&blank).contains("empty"), "{err}");
    assert!(line_for(&binary).contains("not a text document"), "{err}");
    assert!(line_for(&prose).contains("no measures found"), "{err}");
    assert!(line_for(&missing).contains("cannot read the file"), "{err}");
    let lines = stdout_lines(&o);
    assert_eq!(lines.len(), 20, "the good file's 20 measures are still exported");
    assert!(lines.iter().all(|l| l["doc"] == "003_aaf5b79996afd6d0.txt"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_directory_is_an_unreadable_path() {
    let dir = temp_dir("dir");
    let o = run(&["export", dir.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cannot read the file") && !err.contains("panicked"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn unknown_command_and_no_command_exit_non_zero_with_usage() {
    for args in [&["frobnicate"][..], &[][..]] {
        let o = run(args);
        assert!(!o.status.success());
        assert!(String::from_utf8_lossy(&o.stderr).contains("USAGE"));
    }
}
