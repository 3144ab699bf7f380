//! The reader on real published plans it was not built on (tests/corpus/, labelled by hand
//! in the gold schema; sources and judgement calls in tests/corpus/NOTES-*.md).
//!
//! Per document and in total: labelled measures found with exactly the labelled roles, extra
//! measures (found but not labelled), and whether the place is right. The committed
//! tests/corpus/RESULTS.md holds the score this build must not fall below;
//! `scripts/corpus-score` (CORPUS_WRITE=1) rewrites it.

use plan_lookup::text::{fold_width, simplify};
use plan_lookup::{ingest_bytes, Measure};
use serde::Deserialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Label {
    jurisdiction: String,
    text_head: String,
    lead: Vec<String>,
    support: Vec<String>,
    responsible: Vec<String>,
    #[serde(default)]
    deadline: String,
}

#[derive(Debug, Default)]
struct DocScore {
    name: String,
    labelled: usize,
    found: usize,
    exact: usize,
    extra: usize,
    /// Labelled deadlines, and how many the reader kept as printed.
    deadlines: usize,
    deadlines_right: usize,
    place_want: String,
    place_got: String,
    problems: Vec<String>,
}

impl DocScore {
    fn place_right(&self) -> bool {
        self.place_want == self.place_got
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// A text head compared without spaces, width or script differences (labels were typed from
/// what a page displayed; the reader keeps what the file holds).
fn key(s: &str) -> String {
    simplify(&fold_width(s)).chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').take(20).collect()
}

/// Heads match when one is the start of the other, over at least six characters: a label's
/// head may stop at the item line where the reader's runs on into the clause lines after it.
/// A table row with two text columns (重点任务 | 工作内容) was labelled from either; the reader
/// joins them, so a label head may also start after the first one (8 characters in).
fn same_head(mine: &str, label: &str) -> bool {
    let n = mine.chars().count().min(label.chars().count());
    // A short task cell (粮食总产量) matches only itself.
    let prefix = (n >= 6 || mine == label) && mine.chars().take(n).eq(label.chars().take(n));
    let start: String = label.chars().take(8).collect();
    let after_first_cell = start.chars().count() == 8 && mine.find(&start).is_some_and(|i| mine[..i].chars().count() <= 12);
    prefix || after_first_cell
}

fn score(txt: &Path) -> DocScore {
    let name = txt.file_name().unwrap().to_string_lossy().to_string();
    let labels: Vec<Label> = std::fs::read_to_string(txt.with_extension("jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}: bad label line: {e}")))
        .collect();
    let mut s = DocScore { name: name.clone(), labelled: labels.len(), ..Default::default() };
    s.place_want = labels.first().map(|l| l.jurisdiction.clone()).unwrap_or_default();
    let measures: Vec<Measure> = match ingest_bytes(&name, &std::fs::read(txt).unwrap()) {
        Ok(doc) => doc.measures,
        Err(e) => {
            s.problems.push(format!("not read: {e}"));
            s.place_got = "(not read)".into();
            return s;
        }
    };
    s.place_got = measures.first().map(|m| m.jurisdiction.clone()).unwrap_or_default();
    let mut used = vec![false; measures.len()];
    for l in &labels {
        let want = key(&l.text_head);
        let hit = (0..measures.len()).find(|&i| !used[i] && same_head(&key(&measures[i].text_head), &want));
        let Some(i) = hit else {
            s.problems.push(format!("missing: {}", l.text_head));
            continue;
        };
        used[i] = true;
        s.found += 1;
        let m = &measures[i];
        if !l.deadline.is_empty() {
            s.deadlines += 1;
            if m.deadline.trim() == l.deadline.trim() {
                s.deadlines_right += 1;
            }
        }
        if (&m.lead, &m.support, &m.responsible) == (&l.lead, &l.support, &l.responsible) {
            s.exact += 1;
        } else {
            s.problems.push(format!(
                "roles of {}: got lead {:?} support {:?} responsible {:?}; want {:?} {:?} {:?}",
                l.text_head, m.lead, m.support, m.responsible, l.lead, l.support, l.responsible
            ));
        }
    }
    for (i, m) in measures.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let _ = i;
        s.extra += 1;
        s.problems.push(format!("extra: {}", m.text_head));
    }
    s
}

/// The totals line kept in RESULTS.md, read back as the floor.
fn totals_line(exact: usize, labelled: usize, clean: usize, places: usize, docs: usize) -> String {
    format!("<!-- corpus-score exact={exact} labelled={labelled} clean_docs={clean} places_right={places} docs={docs} -->")
}

fn committed_floor(results: &str) -> Option<(usize, usize, usize)> {
    let line = results.lines().find(|l| l.starts_with("<!-- corpus-score"))?;
    let get = |k: &str| -> Option<usize> { line.split_whitespace().find_map(|w| w.strip_prefix(k)?.strip_prefix('=')?.parse().ok()) };
    Some((get("exact")?, get("clean_docs")?, get("places_right")?))
}

#[test]
fn corpus_score_holds() {
    let mut txts: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt") && p.with_extension("jsonl").exists())
        .collect();
    txts.sort();
    assert!(txts.len() >= 30, "the corpus has {} labelled documents", txts.len());
    let scores: Vec<DocScore> = txts.iter().map(|t| score(t)).collect();

    let labelled: usize = scores.iter().map(|s| s.labelled).sum();
    let exact: usize = scores.iter().map(|s| s.exact).sum();
    let found: usize = scores.iter().map(|s| s.found).sum();
    let extra: usize = scores.iter().map(|s| s.extra).sum();
    let clean = scores.iter().filter(|s| s.extra == 0).count();
    let places = scores.iter().filter(|s| s.place_right()).count();
    let deadlines: usize = scores.iter().map(|s| s.deadlines).sum();
    let deadlines_right: usize = scores.iter().map(|s| s.deadlines_right).sum();
    let docs = scores.len();
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };

    let mut md = String::new();
    writeln!(md, "# Corpus results\n").unwrap();
    writeln!(md, "Real published plans the reader was not built on, labelled by hand (tests/corpus/).").unwrap();
    writeln!(md, "Written by `scripts/corpus-score`; `cargo test --test corpus` fails below these totals.\n").unwrap();
    writeln!(md, "| total | figure |\n| --- | --- |").unwrap();
    writeln!(md, "| documents | {docs} |").unwrap();
    writeln!(md, "| labelled measures found | {found} / {labelled} ({:.1}%) |", pct(found, labelled)).unwrap();
    writeln!(md, "| found with exactly the labelled roles | {exact} / {labelled} ({:.1}%) |", pct(exact, labelled)).unwrap();
    writeln!(md, "| extra measures | {extra} |").unwrap();
    writeln!(md, "| documents with no extra measure | {clean} / {docs} ({:.1}%) |", pct(clean, docs)).unwrap();
    writeln!(md, "| place right | {places} / {docs} |").unwrap();
    writeln!(md, "| labelled deadlines kept as printed (found measures) | {deadlines_right} / {deadlines} |\n").unwrap();
    writeln!(md, "| document | labelled | found | roles exact | extra | place (labelled / read) |\n| --- | --- | --- | --- | --- | --- |")
        .unwrap();
    for s in &scores {
        let place = if s.place_right() { format!("{} ✓", s.place_want) } else { format!("{} / {} ✗", s.place_want, s.place_got) };
        writeln!(md, "| {} | {} | {} | {} | {} | {} |", s.name, s.labelled, s.found, s.exact, s.extra, place).unwrap();
    }
    let problems: Vec<String> = scores.iter().flat_map(|s| s.problems.iter().map(move |p| format!("- {}: {}", s.name, p))).collect();
    if !problems.is_empty() {
        writeln!(md, "\n## Differences\n\n{}", problems.join("\n")).unwrap();
    }
    writeln!(md, "\n{}", totals_line(exact, labelled, clean, places, docs)).unwrap();
    println!("{md}");

    let results = corpus_dir().join("RESULTS.md");
    if std::env::var_os("CORPUS_WRITE").is_some() {
        std::fs::write(&results, &md).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&results).unwrap_or_default();
    let (floor_exact, floor_clean, floor_places) =
        committed_floor(&committed).expect("tests/corpus/RESULTS.md holds the committed score: run scripts/corpus-score");
    assert!(
        exact >= floor_exact && clean >= floor_clean && places >= floor_places,
        "corpus score fell below the committed one: exact {exact} (was {floor_exact}), clean documents {clean} (was {floor_clean}), places {places} (was {floor_places})"
    );
}
