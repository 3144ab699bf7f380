//! `--edits FILE`: the corrections saved by the builder page, applied by the CLI as the page
//! applies them (src/edits). The browser side is tests/browser/builder.test.mjs, which also
//! checks that `build --edits` writes the very bytes the page downloads.

mod support {
    pub mod cli;
}
use serde_json::{json, Value};
use support::cli::{run, temp_dir};

const SEED: &str = "000_a5641d4319222d19.txt";

fn seed() -> String {
    format!("{}/data/plans/{SEED}", env!("CARGO_MANIFEST_DIR"))
}

fn export(args: &[&str]) -> Vec<Value> {
    let o = run(&[&["export"], args].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn reference(m: &Value) -> Value {
    json!({"plan": m["plan"], "seq": m["seq"], "number": m["number"], "title": m["title"]})
}

fn write_edits(dir: &std::path::Path, edits: &Value) -> String {
    let path = dir.join("edits.json");
    std::fs::write(&path, serde_json::to_string_pretty(edits).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn place_title_units_and_drops_are_applied_and_build_writes_them() {
    let dir = temp_dir("edits-apply");
    let read = export(&[&seed()]);
    let has_units = |m: &Value| ["lead", "responsible"].iter().any(|r| !m[r].as_array().unwrap().is_empty());
    let lead_at = read.iter().position(has_units).unwrap();
    let (set, gone) = (&read[lead_at], &read[lead_at + 1]);
    let plan = set["plan"].as_str().unwrap().to_string();
    let edits = json!({
        "format": "plan-lookup-edits", "version": 1,
        "documents": {SEED: {
            "place": "测试县",
            "plans": [{"plan": plan, "title": "测试县法治政府建设实施方案"}],
            "measures": [
                {"measure": reference(set), "lead": ["县司法局", " 县法院 ", "县司法局"], "support": []},
                {"measure": reference(gone), "drop": true}
            ]
        }}
    });
    let path = write_edits(&dir, &edits);
    let edited = export(&["--edits", &path, &seed()]);
    assert_eq!(edited.len(), read.len() - 1, "one measure dropped");
    assert!(edited.iter().all(|m| m["jurisdiction"] == "测试县"), "the place set by hand");
    assert!(!edited.iter().any(|m| m["title"] == gone["title"] && m["seq"] == gone["seq"] && m["plan"] == "测试县法治政府建设实施方案"));
    let now = edited.iter().find(|m| m["title"] == set["title"] && m["seq"] == set["seq"]).unwrap();
    assert_eq!(now["lead"], json!(["县司法局", "县法院"]), "trimmed, repeats left out");
    assert_eq!(now["support"], json!([]));
    assert_eq!(now["responsible"], set["responsible"], "a role not given keeps what was read");
    assert_eq!(now["plan"], "测试县法治政府建设实施方案");
    assert!(edited.iter().all(|m| m["plan"] != plan.as_str()), "every measure of the plan renamed");

    // build --edits writes a data file holding exactly those measures.
    let out = dir.join("plans.bin");
    let o = run(&["build", "--edits", &path, "-o", out.to_str().unwrap(), &seed()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(export(&[out.to_str().unwrap()]), edited);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_edit_that_no_longer_finds_its_measure_fails_the_build_and_writes_nothing() {
    let dir = temp_dir("edits-unmatched");
    let read = export(&[&seed()]);
    let mut gone = reference(&read[3]);
    gone["title"] = json!("新版读取中已不存在的标题");
    let edits = json!({"format": "plan-lookup-edits", "version": 1,
        "documents": {SEED: {"measures": [{"measure": gone, "drop": true}]}}});
    let path = write_edits(&dir, &edits);
    let out = dir.join("plans.bin");
    let o = run(&["build", "--edits", &path, "-o", out.to_str().unwrap(), &seed()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("新版读取中已不存在的标题") && err.contains("builder page"), "{err}");
    assert!(!out.exists(), "nothing written");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_malformed_edits_file_is_refused_with_what_to_do() {
    let dir = temp_dir("edits-malformed");
    for (text, says) in [
        ("{not json", "not an edits file"),
        (r#"{"format": "something-else", "version": 1}"#, "expected \"plan-lookup-edits\""),
        (r#"{"format": "plan-lookup-edits", "version": 9}"#, "version 9"),
        (r#"{"format": "plan-lookup-edits", "version": 1, "documents": {"a.txt": {"place": "  "}}}"#, "place is blank"),
    ] {
        let path = dir.join("edits.json");
        std::fs::write(&path, text).unwrap();
        let o = run(&["export", "--edits", path.to_str().unwrap(), &seed()]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{text}: {err}");
        assert!(err.contains(says), "{text}: {err}");
        assert!(o.stdout.is_empty(), "nothing exported with edits that cannot be read");
    }
    let o = run(&["export", "--edits", dir.join("missing.json").to_str().unwrap(), &seed()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read the edits file"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn edits_of_a_document_not_given_are_named_and_the_rest_goes_through() {
    let dir = temp_dir("edits-other");
    let edits = json!({"format": "plan-lookup-edits", "version": 1, "documents": {"other.pdf": {"place": "某县"}}});
    let path = write_edits(&dir, &edits);
    let o = run(&["export", "--edits", &path, &seed()]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("corrections for other.pdf, which was not given"));
    let _ = std::fs::remove_dir_all(&dir);
}
