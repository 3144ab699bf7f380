//! The gold labels (tests/gold/*.jsonl, schema in tests/gold/SCHEMA.md), loaded for the tests
//! that compare the reader with them: tests/gold.rs on the seeds as published, tests/layouts.rs
//! on the seeds re-laid the ways other plans are published.

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
