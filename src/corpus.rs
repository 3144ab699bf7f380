//! The embedded default corpus: the five seed plans under `data/plans/`, compiled into the
//! binary so the CLI (and later the browser data file) work with no files at hand.

/// (file name, raw bytes) of every default plan document, in file-name order.
pub const DEFAULT_DOCUMENTS: &[(&str, &[u8])] = &[
    ("000_a5641d4319222d19.txt", include_bytes!("../data/plans/000_a5641d4319222d19.txt")),
    ("001_0525980873d89daa.txt", include_bytes!("../data/plans/001_0525980873d89daa.txt")),
    ("002_5cda63ea9f7dc0ed.txt", include_bytes!("../data/plans/002_5cda63ea9f7dc0ed.txt")),
    ("003_aaf5b79996afd6d0.txt", include_bytes!("../data/plans/003_aaf5b79996afd6d0.txt")),
    ("004_7b0fa0002b4ed437.txt", include_bytes!("../data/plans/004_7b0fa0002b4ed437.txt")),
];

/// Ingests the whole default corpus. The seeds are known-good, so a failure here is a bug
/// in ingestion, reported as an error rather than a panic.
pub fn default_documents() -> Result<Vec<crate::Document>, crate::IngestError> {
    DEFAULT_DOCUMENTS.iter().map(|(name, bytes)| crate::ingest_bytes(name, bytes)).collect()
}
