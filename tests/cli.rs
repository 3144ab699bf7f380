//! The `plan-lookup export` contract: JSON Lines on stdout, a summary per document on stderr,
//! and bad input named and explained with a non-zero exit, never a panic.

mod support {
    pub mod cli;
}
use std::process::Output;
use support::cli::{run, temp_dir};

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
    for k in [
        "doc",
        "plan",
        "jurisdiction",
        "seq",
        "number",
        "parent",
        "path",
        "title",
        "text_head",
        "lead",
        "support",
        "responsible",
        "raw",
        "text",
    ] {
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
    let dir = temp_dir("cli-bad");
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

    let args = [
        empty.to_str().unwrap(),
        blank.to_str().unwrap(),
        binary.to_str().unwrap(),
        prose.to_str().unwrap(),
        missing.to_str().unwrap(),
        good.as_str(),
    ];
    let o = run(&[&["export"][..], &args[..]].concat());
    assert!(!o.status.success(), "exit code is non-zero when any file is bad");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let line_for =
        |path: &std::path::Path| err.lines().find(|l| l.contains(path.to_str().unwrap())).map(str::to_string).unwrap_or_default();
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
    let dir = temp_dir("cli-dir");
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

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn ask_answers_in_text_and_json_on_the_default_plans() {
    let o = run(&["ask", "谁牵头行政复议"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(text.starts_with("问：谁牵头行政复议"), "{text}");
    assert!(text.contains("主题：行政复议"), "{text}");

    let o = run(&["ask", "--json", "下陆区司法局牵头哪些任务"]);
    assert!(o.status.success());
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("--json prints one JSON answer");
    assert_eq!(a["intent"], "unit");
    assert_eq!(a["place"], "下陆区");
    let results = a["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert_eq!(r["jurisdiction"], "下陆区");
        assert!(r["lead"].as_array().unwrap().iter().any(|u| u.as_str().unwrap().contains("司法局")), "{r}");
    }
}

/// The text answer shows how the question was read: the count first, 共同, the roles of
/// first-listed responsible and collective rows, and words not understood.
#[test]
fn ask_text_shows_the_reading() {
    let text = stdout(&run(&["ask", "资阳区司法局牵头多少项任务"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("答：共 ") && lines[1].ends_with(" 项"), "{text}");
    assert!(text.contains("列首位的责任单位（按惯例视为牵头）"), "{text}");
    let text = stdout(&run(&["ask", "区司法局和区法院共同负责哪些任务"]));
    assert!(text.contains("多个单位：共同") && text.contains("     共同："), "{text}");
    let text = stdout(&run(&["ask", "下陆区区司法局负责什么"]));
    assert!(text.contains("通过“"), "{text}");
    let text = stdout(&run(&["ask", "区司法局牵头的呜啦啦任务"]));
    assert!(text.contains("未理解的词：呜啦啦（未用作筛选）"), "{text}");
}

#[test]
fn ask_without_a_question_is_a_usage_error() {
    for args in [&["ask"][..], &["ask", "  "][..], &["ask", "--bogus", "x"][..]] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("plan-lookup: ") && err.contains("USAGE"), "{err}");
    }
}

#[test]
fn units_lists_every_place_in_text_and_json() {
    let o = run(&["units", "--json"]);
    assert!(o.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    for place in ["资阳区", "吉首市", "宁远县", "襄州区", "下陆区"] {
        assert!(list.iter().any(|u| u["place"] == place), "{place}");
    }
    let sfj = list.iter().find(|u| u["place"] == "下陆区" && u["name"] == "区司法局").expect("下陆区 区司法局 listed");
    assert!(sfj["lead"].as_u64().unwrap() > 0);
    let text = stdout(&run(&["units"]));
    assert!(text.contains("━━ 吉首市 ━━") && text.contains("又作：区人社局"), "{text}");
}

#[test]
fn build_writes_a_data_file_that_ask_and_export_read_back() {
    let dir = temp_dir("cli-build");
    let out = dir.join("plans.plkp");
    let _ = std::fs::remove_file(&out);
    let o = run(&["build", "-o", out.to_str().unwrap(), &seed("003_aaf5b79996afd6d0.txt")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1 document(s), 20 measures") && err.contains("data version "), "{err}");

    let from_data = run(&["export", out.to_str().unwrap()]);
    let from_text = run(&["export", &seed("003_aaf5b79996afd6d0.txt")]);
    assert!(from_data.status.success());
    assert_eq!(stdout(&from_data), stdout(&from_text), "the data file holds exactly the exported measures");

    let o = run(&["ask", "--json", "区司法局牵头哪些任务", out.to_str().unwrap()]);
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(a["place"], "襄州区", "only the plans in the data file are asked: {a}");
    assert!(!a["results"].as_array().unwrap().is_empty(), "{a}");
}

/// A WebAssembly module exporting one function under each name: what `build --module` checks
/// of the query module (tests do not need scripts/build-web's real one).
fn module_exporting(names: &[&str]) -> Vec<u8> {
    let mut m = b"\0asm\x01\0\0\0".to_vec();
    m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0]);
    let mut exports = vec![names.len() as u8];
    for name in names {
        exports.push(name.len() as u8);
        exports.extend_from_slice(name.as_bytes());
        exports.extend_from_slice(&[0, 0]);
    }
    m.extend_from_slice(&[7, exports.len() as u8]);
    m.extend_from_slice(&exports);
    m.extend_from_slice(&[10, 4, 1, 2, 0, 0x0b]);
    m
}

#[test]
fn build_writes_a_bundle_that_export_reads_back_and_refuses_other_modules() {
    let dir = temp_dir("cli-bundle");
    let (query, sharded, out) = (dir.join("query.wasm"), dir.join("sharded.wasm"), dir.join("plans.wasm"));
    std::fs::write(&query, module_exporting(&["lookup_fromData", "lookup_ask"])).unwrap();
    std::fs::write(&sharded, module_exporting(&["lookup_fromData", "lookup_fromManifest"])).unwrap();
    let _ = std::fs::remove_file(&out);
    let seed3 = seed("003_aaf5b79996afd6d0.txt");

    let o = run(&["build", "-o", out.to_str().unwrap(), "--module", query.to_str().unwrap(), &seed3]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bundle = std::fs::read(&out).unwrap();
    assert!(bundle.starts_with(&std::fs::read(&query).unwrap()), "the bundle is the module with the data appended");
    let from_bundle = run(&["export", out.to_str().unwrap()]);
    assert!(from_bundle.status.success(), "{}", String::from_utf8_lossy(&from_bundle.stderr));
    assert_eq!(stdout(&from_bundle), stdout(&run(&["export", &seed3])), "the bundle holds exactly the exported measures");

    // Not the query module, or no module for a .wasm, or a module for a data file: nothing written.
    let o = run(&["build", "-o", out.to_str().unwrap(), "--module", sharded.to_str().unwrap(), &seed("002_5cda63ea9f7dc0ed.txt")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not plan-lookup's query module"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&out).unwrap(), bundle, "a refused build leaves the bundle before it");
    let o = run(&["build", "-o", out.to_str().unwrap(), &seed3]);
    assert_eq!(o.status.code(), Some(2), "a .wasm output needs --module");
    let o = run(&["build", "-o", dir.join("plans.bin").to_str().unwrap(), "--module", query.to_str().unwrap(), &seed3]);
    assert_eq!(o.status.code(), Some(2), "--module writes only .wasm bundles");

    // A module that is no bundle is named and explained, not read as a plan document.
    let o = run(&["export", query.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("without plan-lookup data"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn build_refuses_bad_inputs_and_never_leaves_a_partial_file() {
    let dir = temp_dir("cli-build-bad");
    let out = dir.join("plans.plkp");
    std::fs::write(&out, b"previous good file").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let o = run(&["build", "-o", out.to_str().unwrap(), &seed("003_aaf5b79996afd6d0.txt"), empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("empty.txt") && err.contains("not written"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"previous good file", "the old file is untouched");

    let o = run(&["build", &seed("003_aaf5b79996afd6d0.txt")]);
    assert_eq!(o.status.code(), Some(2), "build without -o is a usage error");
}

#[test]
fn a_damaged_data_file_is_named_and_explained() {
    let dir = temp_dir("cli-damaged");
    let out = dir.join("plans.plkp");
    assert!(run(&["build", "-o", out.to_str().unwrap()]).status.success());
    let mut bytes = std::fs::read(&out).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    let flipped = dir.join("flipped.plkp");
    std::fs::write(&flipped, &bytes).unwrap();
    let cut = dir.join("cut.plkp");
    std::fs::write(&cut, &bytes[..mid]).unwrap();
    for (file, expect) in [(&flipped, "corrupted"), (&cut, "truncated")] {
        let o = run(&["ask", "区司法局", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(file.to_str().unwrap()) && err.contains(expect) && err.contains("plan-lookup build"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_plan_without_a_named_place_is_warned_and_place_sets_it() {
    let dir = temp_dir("cli-place");
    let plan = dir.join("plan.txt");
    std::fs::write(&plan, "重点工作任务分工方案\n1.推进行政复议规范化建设。（牵头单位：县司法局；配合单位：县政府办）\n").unwrap();
    let path = plan.to_str().unwrap();
    let o = run(&["export", path]);
    assert!(o.status.success());
    assert_eq!(stdout_lines(&o)[0]["jurisdiction"], "");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("not found") && err.contains("--place"), "{err}");
    let o = run(&["export", "--place", "某某县", path]);
    assert!(o.status.success());
    assert_eq!(stdout_lines(&o)[0]["jurisdiction"], "某某县");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("not found"));
    let o = run(&["export", "--place"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--place needs"));
}
