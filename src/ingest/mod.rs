//! Ingestion: document bytes in, plans and measures out, in stages that can be tested alone:
//!
//! 1. [`formats`]: bytes -> text, by format: text (UTF-8, GBK/GB18030), HTML, Word .docx / .doc,
//!    spreadsheets (.xlsx, .ods, .xls), PDF.
//! 2. [`clean`]: width-independent line handling, page furniture dropped, page-break splits joined.
//! 3. [`outline`]: plan titles, section headings, numbered items, table rows -> measures.
//! 4. [`clause`]: the unit-clause grammar (牵头/参加/配合/协办/责任 lists).

pub mod clause;
pub mod clean;
pub mod conventions;
pub mod formats;
pub mod outline;
pub mod place;
pub mod split;
pub mod table;
pub mod unit_list;
pub mod verb_clause;
pub mod words;

use crate::model::Document;
use std::fmt;

/// Why a document could not be ingested. Every variant says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestError {
    /// The file has no bytes (or only whitespace).
    Empty,
    /// The bytes are not text in any encoding we read (UTF-8, UTF-16 with BOM, GBK/GB18030).
    Binary(String),
    /// The text was read, but no plan measures were found in it.
    NoMeasures,
    /// The input is larger than [`MAX_DOCUMENT_BYTES`]: no plan is that large.
    TooLarge { bytes: u64 },
    /// An office or PDF file that cannot be read: what it is, why, and what to do.
    Format(String),
}

/// The largest document ingested: 20 MiB. The largest seed plan is 83 KB of text, and a plan
/// saved as an HTML page or .docx with a few images stays well under it; anything larger is
/// not one plan (a whole site, an archive, a video), so it is refused before any work is done
/// and memory stays bounded. Callers reading files apply it before reading the whole file
/// ([`check_size`]).
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// [`IngestError::TooLarge`] when `bytes` is more than [`MAX_DOCUMENT_BYTES`].
pub fn check_size(bytes: u64) -> Result<(), IngestError> {
    if bytes > MAX_DOCUMENT_BYTES as u64 {
        return Err(IngestError::TooLarge { bytes });
    }
    Ok(())
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::Empty => write!(f, "the file is empty: give a plan document (text, HTML, Word, PDF or a spreadsheet)"),
            IngestError::Binary(why) => write!(
                f,
                "the file is not a text document ({why}): save the plan as UTF-8 or GBK text, or as an HTML page"
            ),
            IngestError::NoMeasures => write!(
                f,
                "no measures found: expected a plan with numbered items (一、 （一） 1.) carrying unit clauses such as （牵头单位：…）, （责任单位：…） or a 牵头单位/责任单位 table"
            ),
            IngestError::Format(what) => write!(f, "the file is {what}"),
            IngestError::TooLarge { bytes } => write!(
                f,
                "the file is too large for a plan ({:.1} MiB; the limit is {} MiB): give one plan document, as text, HTML, Word, PDF or a spreadsheet without large images",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for IngestError {}

/// What the user knows about a document that the reader should not guess.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The place every plan of the document is for (资阳区), instead of reading it.
    pub place: Option<String>,
}

/// Ingests one document. `name` becomes every measure's `doc`.
/// Inputs larger than [`MAX_DOCUMENT_BYTES`] are refused.
pub fn ingest_bytes(name: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    ingest_bytes_with(name, bytes, &Options::default())
}

/// [`ingest_bytes`] with what the user said about the document.
pub fn ingest_bytes_with(name: &str, bytes: &[u8], options: &Options) -> Result<Document, IngestError> {
    check_size(bytes.len() as u64)?;
    let text = formats::document_text(bytes)?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    ingest_text_with(name, &text, options)
}

/// Ingests a document already decoded to text (plain text; HTML is reduced by [`formats::html`]).
pub fn ingest_text(name: &str, text: &str) -> Result<Document, IngestError> {
    ingest_text_with(name, text, &Options::default())
}

/// [`ingest_text`] with what the user said about the document.
pub fn ingest_text_with(name: &str, text: &str, options: &Options) -> Result<Document, IngestError> {
    let lines = clean::clean(text);
    let place = options.place.as_deref().map(crate::text::trim).filter(|p| !p.is_empty());
    let doc = outline::parse(name, &lines, text, place);
    if doc.measures.is_empty() {
        return Err(IngestError::NoMeasures);
    }
    Ok(doc)
}
