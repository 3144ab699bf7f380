//! The layouts plans are published in, tried on real documents with hand labels: the labelled
//! seeds (tests/gold) re-laid the ways other counties' copies come (a division-of-labour table
//! with one row per line, cells separated by tabs, runs of spaces or pipes; the whole plan on one
//! line; a traditional-character copy) must give exactly the gold measures and roles. The
//! corpus of other places' plans as published is tests/corpus.rs.

mod support {
    pub mod gold;
}
use plan_lookup::ingest::outline::numbering;
use plan_lookup::ingest::unit_list::looks_like_unit_list;
use plan_lookup::ingest_bytes;
use plan_lookup::text::simplified;
use support::gold::{assert_reads_as_gold, gold_files, Gold};

fn seed_text(doc: &str) -> String {
    std::fs::read_to_string(format!("{}/data/plans/{doc}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn gold(doc: &str) -> Vec<Gold> {
    gold_files().into_iter().find(|(d, _)| d == doc).map(|(_, g)| g).unwrap()
}

/// The 下陆区 division-of-labour tables (one cell per line in the seed) with each row on one
/// line: header cells and a row's task and unit cells joined by `sep`, wrapped in `edge`.
fn tables_one_row_per_line(sep: &str, edge: &str, markdown_rule: bool) -> String {
    let seed = seed_text("004_7b0fa0002b4ed437.txt");
    let lines: Vec<&str> = seed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line == "项目" && lines.get(i + 3) == Some(&"责任单位") {
            out.push(format!("{edge}{}{edge}", lines[i..i + 4].join(sep)));
            if markdown_rule {
                out.push("|---|---|---|---|".to_string());
            }
            i += 4;
            continue;
        }
        if numbering(line).is_some_and(|n| n.rank == 3) {
            let cells: Vec<&str> = lines[i + 1..].iter().take_while(|l| looks_like_unit_list(l)).copied().collect();
            let mut row = vec![line];
            row.extend(&cells);
            out.push(format!("{edge}{}{edge}", row.join(sep)));
            i += 1 + cells.len();
            continue;
        }
        out.push(line.to_string());
        i += 1;
    }
    out.join("\n")
}

#[test]
fn a_table_with_one_row_per_line_separated_by_tabs() {
    assert_reads_as_gold("tab rows", tables_one_row_per_line("\t", "", false).as_bytes(), &gold("004_7b0fa0002b4ed437.txt"));
}

#[test]
fn a_table_with_one_row_per_line_separated_by_spaces() {
    assert_reads_as_gold("space rows", tables_one_row_per_line("   ", "", false).as_bytes(), &gold("004_7b0fa0002b4ed437.txt"));
}

#[test]
fn a_markdown_pipe_table() {
    assert_reads_as_gold("markdown table", tables_one_row_per_line(" | ", "| ", true).as_bytes(), &gold("004_7b0fa0002b4ed437.txt"));
}

#[test]
fn a_traditional_character_copy() {
    // Every character the reader folds, printed in its traditional form.
    let traditional: std::collections::HashMap<char, char> =
        ('\u{4E00}'..='\u{9FFF}').filter(|c| simplified(*c) != *c).map(|c| (simplified(c), c)).collect();
    for doc in ["000_a5641d4319222d19.txt", "002_5cda63ea9f7dc0ed.txt"] {
        let text: String = seed_text(doc).chars().map(|c| traditional.get(&c).copied().unwrap_or(c)).collect();
        assert!(text.contains("單位") && text.contains("責任"));
        assert_reads_as_gold(&format!("traditional {doc}"), text.as_bytes(), &gold(doc));
    }
}

#[test]
fn a_whole_plan_on_one_line() {
    // The 宁远县 plan with every line break removed, as some portals' copies come.
    let doc = "002_5cda63ea9f7dc0ed.txt";
    let one_line: String = seed_text(doc).lines().map(str::trim).collect();
    assert_eq!(one_line.lines().count(), 1);
    assert_reads_as_gold("one line", one_line.as_bytes(), &gold(doc));
}

#[test]
fn one_clause_after_a_group_of_items_belongs_to_each() {
    // As 运城市's 责任分解 prints it (tests/corpus/C05_yuncheng.txt): sub-items, then one clause.
    let text = "某某县应急体系建设规划责任分解\n1.完善应急预案体系\n(1)加强应急预案管理,规范应急预案编制。\n(2)推进应急预案精编化,及时修订完善。\n(责任单位:县直各有关单位、各乡镇人民政府)\n2.加强应急队伍建设。(牵头单位:县应急局;参加单位:县消防救援大队)\n";
    let doc = ingest_bytes("group.txt", text.as_bytes()).unwrap();
    let roles: Vec<(Vec<String>, Vec<String>)> = doc.measures.iter().map(|m| (m.lead.clone(), m.responsible.clone())).collect();
    let group = (vec![], vec!["县直各有关单位".to_string(), "各乡镇人民政府".to_string()]);
    assert_eq!(roles, [group.clone(), group, (vec!["县应急局".to_string()], vec![])]);
    assert!(doc.warnings.iter().any(|w| w.message.contains("share the one clause")));
    assert!(!doc.warnings.iter().any(|w| w.message.contains("has no unit clause")));
}

#[test]
fn items_above_the_measure_level_sharing_a_clause_are_measures() {
    // As 定远县's 任务分解 prints it (tests/corpus/C07_dingyuan.txt): "1、2、3、" then one
    // clause, while other sections have "(1)(2)" sub-items under "1.".
    let text = "某某县扶贫日活动任务分解\n一、举办电视专题宣传。\n1、县电视台制作播放专题片。\n2、副县长作电视讲话。\n落实单位:县广播电视台、县扶贫办。\n二、开展系列宣传活动。\n1.媒体宣传。\n(1)通过各类媒体发布扶贫公告。\n(2)在新闻媒体开办扶贫专栏。\n落实单位:县委宣传部、县扶贫办。\n";
    let doc = ingest_bytes("leaves.txt", text.as_bytes()).unwrap();
    let got: Vec<(Option<String>, Vec<String>)> = doc.measures.iter().map(|m| (m.number.clone(), m.responsible.clone())).collect();
    let first = vec!["县广播电视台".to_string(), "县扶贫办".to_string()];
    let second = vec!["县委宣传部".to_string(), "县扶贫办".to_string()];
    let n = |s: &str| Some(s.to_string());
    assert_eq!(got, [(n("1"), first.clone()), (n("2"), first), (n("1"), second.clone()), (n("2"), second)]);
}

/// Writes the 下陆区 tables with tab-separated rows to `$FIXTURE_TSV`: the source that
/// scripts/make-format-fixtures turns into .xlsx and .ods with LibreOffice.
#[test]
#[ignore = "run by scripts/make-format-fixtures"]
fn write_table_rows_for_spreadsheet_fixtures() {
    let path = std::env::var("FIXTURE_TSV").expect("FIXTURE_TSV names the file to write");
    std::fs::write(path, tables_one_row_per_line("\t", "", false) + "\n").unwrap();
}
