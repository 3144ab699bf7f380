//! Hostile sizes: inputs far larger than any plan are refused; long questions, deep nesting
//! and millions of separators are handled in linear time and without recursion. The sizes are
//! chosen so that quadratic work or recursion per bracket would hang or overflow the stack.
// Native only: 100 MB inputs and a CLI process are not for the wasm test runner.
#![cfg(not(target_arch = "wasm32"))]

use plan_lookup::corpus::default_documents;
use plan_lookup::ingest::clause::{find, split_units};
use plan_lookup::ingest::{IngestError, MAX_DOCUMENT_BYTES};
use plan_lookup::ingest_bytes;
use plan_lookup::query::Engine;

mod support {
    pub mod cli;
}
use support::cli::{run, temp_dir};

#[test]
fn a_100_mb_input_is_refused_with_the_limit_named() {
    let huge = vec![b'a'; 100 * 1024 * 1024];
    let err = ingest_bytes("huge.txt", &huge).unwrap_err();
    assert_eq!(err, IngestError::TooLarge { bytes: huge.len() as u64 });
    let message = err.to_string();
    assert!(message.contains("100.0 MiB") && message.contains("20 MiB"), "{message}");
    // Just over the limit is refused too; the limit itself is not.
    assert!(matches!(ingest_bytes("x.txt", &vec![b' '; MAX_DOCUMENT_BYTES + 1]), Err(IngestError::TooLarge { .. })));
    assert_eq!(ingest_bytes("x.txt", &vec![b' '; MAX_DOCUMENT_BYTES]), Err(IngestError::Empty));
}

#[test]
fn cli_refuses_a_huge_file_before_reading_it() {
    let dir = temp_dir("limits");
    let path = dir.join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap(); // sparse: no 100 MB written
    let out = run(&["export", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("too large for a plan (100.0 MiB; the limit is 20 MiB)"), "{stderr}");
}

#[test]
fn a_10000_character_question_answers() {
    let measures: Vec<_> = default_documents().unwrap().into_iter().flat_map(|d| d.measures).collect();
    let engine = Engine::new(measures);
    let units = "区司法局牵头哪些任务，谁负责行政复议、普法、行政执法公示？";
    let long: String = units.chars().cycle().take(10_000).collect();
    // A unit question among the noise still finds the unit's duties.
    let answer = engine.ask(&long);
    assert!(answer.unit.as_deref().is_some_and(|u| u.contains("司法局")), "{:?}", answer.unit);
    for q in [long, "、".repeat(10_000), "（".repeat(10_000), "区".repeat(10_000), "a ".repeat(5_000)] {
        let answer = engine.ask(&q);
        assert!(answer.results.iter().all(|r| r.id < engine.measures().len()));
    }
}

#[test]
fn deep_bracket_nesting_does_not_blow_the_stack() {
    let depth = 1_000_000;
    let p = format!("加强监督。（责任单位：{}区司法局{}）", "（".repeat(depth), "）".repeat(depth));
    let c = find(&p).expect("the clause is found");
    assert_eq!(c.responsible.len(), 1);
    let doc = format!("测试区法治政府建设实施方案\n1. {p}\n");
    let d = ingest_bytes("deep.txt", doc.as_bytes()).unwrap();
    assert_eq!(d.measures.len(), 1);
}

#[test]
fn millions_of_separators_split_in_linear_time() {
    let n = 2_000_000;
    assert!(split_units(&"、".repeat(n)).is_empty());
    let list = "区司法局、".repeat(n / 5);
    assert_eq!(split_units(&list).len(), n / 5);
    // "及" joins units only after a unit name; a long run that never ends like one is one piece.
    let ji = "）及".repeat(n / 2);
    assert_eq!(split_units(&ji).len(), 1);
    let p = format!("加强监督。（责任单位：{}区司法局）", "、".repeat(n));
    assert_eq!(find(&p).unwrap().responsible, ["区司法局"]);
}

#[test]
fn many_role_keywords_in_one_paragraph_are_linear() {
    // Every keyword starts a would-be clause that runs to the end of the paragraph.
    // (The last one, whose bracket is never closed, reads as a clause with nothing in it.)
    let p = format!("加强监督。{}", "牵头单位：（".repeat(300_000));
    let c = find(&p).expect("an unclosed clause still parses");
    assert_eq!(c.start, "加强监督。".len());
}

#[test]
fn many_lines_glued_by_page_break_rules_are_linear() {
    // 300,000 lines that each continue the previous one (no full stop, 15+ characters).
    let line = "这是一段因为分页而被截断的很长的文字没有句号\n";
    let doc = format!("测试区法治政府建设实施方案\n1. 加强监督。开始{}结束。（责任单位：区司法局）\n", line.repeat(300_000));
    let d = ingest_bytes("glued.txt", doc.as_bytes()).unwrap();
    assert_eq!(d.measures.len(), 1);
    assert_eq!(d.measures[0].responsible, ["区司法局"]);
}

#[test]
fn many_items_plans_and_warnings_are_linear() {
    // 100,000 items without a clause, each followed by a clause on the next line, in 20,000
    // plans: per-item or per-plan work over the whole document would be quadratic.
    let mut doc = String::new();
    for p in 0..20_000 {
        doc.push_str(&format!("第{p}测试区法治政府建设实施方案\n"));
        for i in 1..=5 {
            doc.push_str(&format!("{i}. 加强监督工作。\n做好落实。（责任单位：区司法局）\n"));
        }
    }
    let d = ingest_bytes("many.txt", doc.as_bytes()).unwrap();
    assert_eq!(d.measures.len(), 100_000);
    assert!(d.measures.iter().all(|m| m.responsible == ["区司法局"]));
    // The same in one plan: 100,000 notes made and withdrawn.
    let mut doc = String::from("测试区法治政府建设实施方案\n");
    for i in 1..=100_000 {
        doc.push_str(&format!("{i}. 加强监督工作。\n做好落实。（责任单位：区司法局）\n"));
    }
    let d = ingest_bytes("one.txt", doc.as_bytes()).unwrap();
    assert_eq!(d.measures.len(), 100_000);
    assert!(d.warnings.is_empty(), "{:?}", &d.warnings[..3.min(d.warnings.len())]);
}

#[test]
fn a_whole_plan_on_one_line_is_cut_into_items_in_linear_time() {
    // 30,000 items run together on one line, every one ending in its clause, and a run of
    // 30,000 bracketed clauses with nothing between them.
    // (Item numbers have at most four digits: they restart after 9,999.)
    let items: String = (0..30_000).map(|i| format!("{}.加强监督工作。(区司法局牵头,区法院配合)", i % 9_999 + 1)).collect();
    let doc = format!("测试区法治政府建设实施方案\n{items}\n");
    let d = ingest_bytes("one-line.txt", doc.as_bytes()).unwrap();
    assert_eq!(d.measures.len(), 30_000);
    assert!(d.measures.iter().all(|m| m.lead == ["区司法局"] && m.support == ["区法院"]));
    let clauses = "加强监督。(区司法局牵头)".repeat(30_000);
    let doc = format!("测试区法治政府建设实施方案\n1. {clauses}\n");
    assert!(ingest_bytes("run-on.txt", doc.as_bytes()).is_ok());
}
