//! Plans in the formats counties publish them in, made from the labelled seeds by a real office
//! suite (scripts/make-format-fixtures: LibreOffice, headless): Word 97 .doc, PDF, and the
//! 下陆区 division-of-labour tables as .xlsx, .ods and Excel 97 .xls. Each must give the gold measures and roles
//! exactly, as the seed's text does; and each reader refuses bad input with a message.

mod support {
    pub mod gold;
}
use plan_lookup::ingest_bytes;
use support::gold::{assert_reads_as_gold, gold_files, Gold};

const SEEDS: &[&str] = &["000_a5641d4319222d19", "002_5cda63ea9f7dc0ed", "004_7b0fa0002b4ed437"];

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/formats/office/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (scripts/make-format-fixtures makes it)"))
}

fn gold(seed: &str) -> Vec<Gold> {
    gold_files().into_iter().find(|(d, _)| d.starts_with(seed)).map(|(_, g)| g).unwrap()
}

#[test]
fn word_97_doc_renderings_give_the_gold_measures() {
    for seed in SEEDS {
        assert_reads_as_gold(&format!("{seed}.doc"), &fixture(&format!("{seed}.doc")), &gold(seed));
    }
}

#[test]
fn pdf_renderings_give_the_gold_measures() {
    for seed in SEEDS {
        assert_reads_as_gold(&format!("{seed}.pdf"), &fixture(&format!("{seed}.pdf")), &gold(seed));
    }
}

#[test]
fn spreadsheet_renderings_of_the_tables_give_the_gold_measures() {
    for name in ["004-tables.xlsx", "004-tables.ods", "004-tables.xls"] {
        assert_reads_as_gold(name, &fixture(name), &gold("004_7b0fa0002b4ed437"));
    }
}

/// Damaged or unsupported office files: a message naming what the file is and what to do.
#[test]
fn bad_office_files_are_refused_with_a_message() {
    let doc = fixture("002_5cda63ea9f7dc0ed.doc");
    let xlsx = fixture("004-tables.xlsx");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("cut.doc", doc[..doc.len() / 3].to_vec(), "save it as .docx"),
        ("cut.xlsx", xlsx[..xlsx.len() / 2].to_vec(), "cannot be read"),
        ("ole-header-only.doc", doc[..512].to_vec(), "save it as .docx"),
        ("cut.xls", fixture("004-tables.xls")[..4096].to_vec(), "cannot be read"),
    ];
    for (name, bytes, want) in cases {
        let err = ingest_bytes(name, &bytes).expect_err(name).to_string();
        assert!(err.contains(want), "{name}: {err}");
    }
}
