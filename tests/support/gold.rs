//! The gold labels (tests/gold/*.jsonl, schema in tests/gold/SCHEMA.md), loaded for the tests
//! that compare the reader with them: tests/gold.rs on the seeds as published, tests/layouts.rs
//! on the seeds re-laid the ways other plans are published.

use plan_lookup::text::simplify;
use plan_lookup::{ingest_bytes, Measure};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Gold {
    pub doc: String,
    pub plan: String,
    pub jurisdiction: String,
    pub seq: u32,
    pub number: Option<String>,
    pub parent: Option<String>,
    pub path: Vec<String>,
    pub title: String,
    pub text_head: String,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub responsible: Vec<String>,
    pub raw: String,
}

pub fn gold_files() -> Vec<(String, Vec<Gold>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/gold exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "expected the gold label files in tests/gold");
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let rows: Vec<Gold> = text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
            (rows[0].doc.clone(), rows)
        })
        .collect()
}

/// Every gold measure found (by its text head, compared in simplified characters) with exactly
/// its roles and place, and nothing else found.
#[allow(dead_code)]
pub fn assert_reads_as_gold(layout: &str, text: &[u8], gold: &[Gold]) {
    let doc = ingest_bytes("relaid.txt", text).unwrap_or_else(|e| panic!("{layout}: {e}"));
    let norm = |v: &[String]| v.iter().map(|u| simplify(u)).collect::<Vec<_>>();
    let mut problems = Vec::new();
    let mut used = vec![false; doc.measures.len()];
    for g in gold {
        let hit = doc.measures.iter().enumerate().find(|(i, m)| !used[*i] && simplify(&m.text_head) == simplify(&g.text_head));
        let Some((i, m)) = hit else {
            problems.push(format!("missing {}", g.text_head));
            continue;
        };
        used[i] = true;
        let m: &Measure = m;
        let got = (norm(&m.lead), norm(&m.support), norm(&m.responsible), simplify(&m.jurisdiction));
        let want = (g.lead.clone(), g.support.clone(), g.responsible.clone(), g.jurisdiction.clone());
        if got != want {
            problems.push(format!("{}: got {got:?}, want {want:?}", g.text_head));
        }
    }
    for (m, _) in doc.measures.iter().zip(&used).filter(|(_, u)| !**u) {
        problems.push(format!("extra {}", m.text_head));
    }
    assert!(problems.is_empty(), "{layout}: {} problems:\n{}", problems.len(), problems.join("\n"));
}
