//! The compact data file the browser loads (`www/data/plans.bin`), written by
//! `plan-lookup build` and read by the wasm build (`src/wasm/`).
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! offset  size  field
//!      0     4  magic "PLKP"
//!      4     2  format version (FORMAT_VERSION)
//!      6     2  flags (0; reserved)
//!      8     4  payload length in bytes
//!     12     4  CRC-32 (IEEE) of the payload
//!     16     …  payload
//! ```
//!
//! The payload is a string table followed by documents, plans and measures that refer to it:
//!
//! ```text
//! payload   = table varint(#docs) varint(position)* doc*
//! doc       = str(name) varint(#plans) plan* varint(#measures) measure*
//! position  = where the stored document stands among the documents the file was built from
//!             (each of 0..#docs once): `plan-lookup build` stores them in the order that
//!             compresses smallest (order.rs), and every reader gives them back as built
//! plan      = str(title) str(jurisdiction) varint(measures)
//! measure   = str(plan) str(jurisdiction) seq number opt(parent) path
//!             str(text) prefix(title) prefix(text_head) list(lead) list(support) list(responsible)
//!             clause(raw) str(deadline)
//! seq       = varint(zigzag(seq − (the previous measure's seq in the document, or 0) − 1))
//! number    = varint(0 = none | 1 = the seq in decimal | r + 2 = str r)
//! path      = varint(0 = the previous measure's path in the document, or none | n + 1) str*
//! str       = varint(0 = the first string of the table not referenced before | i + 1 = string i)
//! opt       = varint(0 = none | r + 1 = str r)
//! list      = varint(n) str*
//! prefix    = varint(n + 1): the first n chars of the measure's text | varint(0) str
//! clause    = str: the unit clause with each unit name of the measure it prints (lead, support,
//!             responsible, numbered from 0, first 255) as the character U+E000 + number; a
//!             clause holding U+E000–U+E0FF itself is U+E0FF + the clause (see clause.rs)
//!
//! table     = varint(len) utf8(alphabet)  varint(#strings) { varint(len) code* }*
//! code      = byte b < one                       → alphabet[b]
//!           | byte b in one..0xFF, byte c        → alphabet[one + (b - one) · 256 + c]
//!           | byte 0xFF, 3 bytes little-endian   → that Unicode scalar value
//! one       = 0xFF − max(1, ⌈(#alphabet − 255) / 255⌉), at least 0xC0: the most one-byte
//!             codes that leave two-byte codes for the rest of the alphabet (strings.rs)
//! ```
//!
//! Every distinct string is stored once (unit names, plan titles and section paths repeat across
//! hundreds of measures). Characters are coded by frequency rank in the alphabet (every
//! character the strings use, most frequent first): the commonest take one byte (192 to 254 of
//! them, as many as the alphabet's size leaves room for) and the next, up to 16,320 in all, two,
//! where UTF-8 spends three on every Chinese character. gzip models the shorter codes much
//! better: the default corpus's data file is 55 KB gzipped instead of 83 KB in UTF-8 (version 1
//! of this format), 50 KB with 251 one-byte codes (version 5).
//! A measure's `doc` is its document's name. Ingestion warnings are not stored.
//!
//! The data version shown to users is the payload checksum in hex: two files with the same
//! content have the same version, and any change of content changes it.
//!
//! ## Sharded builds
//!
//! A province-wide corpus is too big for one download on a phone (see `bench/scale/RESULTS.md`:
//! the budget is 300 KB gzipped to the first answer). `plan-lookup build --shards DIR` writes
//! instead one data file per place (a *shard*: the layout above, holding that place's
//! documents) and a small manifest, `DIR/manifest.bin`, with the same header but the magic
//! "PLKM" and its own version (MANIFEST_VERSION):
//!
//! ```text
//! payload   = table
//!             varint(#shards) shard*  varint(#places) place*  varint(#units) unit*
//!             varint(#summaries) summary*
//! shard     = varint(bytes) u32(CRC-32 of the shard's payload) varint(measures)
//! place     = str(name) varint(shard index) varint(documents) varint(measures)
//! unit      = str(canonical name, e.g. 区司法局) varint(number of places naming it, ≥ 2)
//! summary   = varint(bytes) u32(CRC-32 of the summary file's payload)
//! ```
//!
//! The summary files (`u{i:03}-{crc32:08x}.bin`, see `summary.rs`) hold, for every unit of the
//! unit directory, its measures in each place by role: a question about every place is
//! answered with counts per place from one small file, without the places' shards.
//!
//! Shard i's file name is derived, not stored: `p{i:05}-{crc32:08x}.bin` next to the manifest.
//! The unit directory lists the canonical names printed in two or more places; a name only one
//! place prints (人民银行青山支行) comes with that place's shard. Both keep the manifest of a
//! 5,000-place build near 70 KB gzipped.
//!
//! A shard's file name carries its index and checksum (`p00003-1a2b3c4d.bin`), so shards are
//! immutable: a changed shard is a new file, and a cache can keep shards forever. A reader checks
//! each shard it fetches against the manifest (size and checksum): a shard of another build is
//! rejected as [`StoreError::ShardMismatch`], never mixed in. The manifest's version covers
//! every shard's checksum, so it is the data version of the whole sharded build.

//! One file per part: the header and checksum (`frame.rs`), the string table writer
//! (`strings.rs`), the payload reader (`reader.rs`), sharded builds (`shards.rs`) and the typed
//! reasons a file is refused (`error.rs`). This file holds the data file's own layout: the
//! documents, plans and measures.

mod clause;
mod error;
mod frame;
#[cfg(feature = "ingest")]
mod order;
mod parallel;
mod reader;
mod shards;
mod source;
mod strings;
mod summary;
#[cfg(test)]
mod tests;

pub use error::{Corruption, StoreError};
pub use frame::{crc32, frame, header_checksum, FileKind};
pub use shards::{
    build_shards, build_shards_from, build_shards_with, decode_manifest, decode_shard, is_shard_file_name, shard_file_name,
    BuildShardsError, Manifest, NameIndex, PlaceEntry, ShardEntry, ShardSet, UnitEntry, MANIFEST_MAGIC, MANIFEST_VERSION,
};
pub use source::{places_of, Chain, DataFileDocuments, DocumentSource, InMemory};
pub use summary::{
    decode_summary, summary_file_name, summary_file_of, PlaceCounts, SummaryEntry, UnitSummary, SUMMARY_MAGIC, SUMMARY_VERSION,
};

use crate::model::{Document, Measure};
use frame::unframe;
use reader::Reader;
pub use strings::put_varint;
use strings::{zigzag, Strings};

/// First four bytes of every data file.
pub const MAGIC: [u8; 4] = *b"PLKP";
/// Version of the layout above. Bump it whenever the layout or the meaning of a field changes;
/// readers reject every other version, so a stale file is never misread.
pub const FORMAT_VERSION: u16 = 5;
/// Bytes before the payload.
pub const HEADER_LEN: usize = 16;

/// A decoded data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    /// The data version shown to users: the payload's CRC-32 as 8 hex digits.
    pub version: String,
    /// The documents, with their plans and measures (no warnings).
    pub documents: Vec<Document>,
}

impl DataFile {
    /// Every measure of every document, in file order (the order `plan-lookup export` prints).
    pub fn measures(&self) -> Vec<Measure> {
        self.documents.iter().flat_map(|d| d.measures.iter().cloned()).collect()
    }
}

/// Writes the data file for `docs`: what `plan-lookup build` saves and the browser loads.
/// The documents are stored in the order that compresses best (see `order.rs`; the CLI and the
/// builder page alike, so both write the same bytes); every reader gives them back in the
/// order given. (The query module, which writes no data file, holds no compressor.)
pub fn build_data_file(docs: &[Document]) -> Vec<u8> {
    #[cfg(feature = "ingest")]
    return order::smallest(docs.len(), |order| encode_in_order(docs, order));
    #[cfg(not(feature = "ingest"))]
    encode(docs)
}

/// Encodes `docs` as a data file (header + payload), in their order. Warnings are dropped.
pub fn encode(docs: &[Document]) -> Vec<u8> {
    encode_in_order(docs, &(0..docs.len()).collect::<Vec<_>>())
}

/// Encodes `docs` with the document `order[k]` stored `k`-th (a permutation of their indices).
fn encode_in_order(docs: &[Document], order: &[usize]) -> Vec<u8> {
    let mut strings = Strings::default();
    let mut body = Vec::new();
    put_varint(&mut body, docs.len() as u64);
    for &i in order {
        put_varint(&mut body, i as u64);
    }
    for doc in order.iter().map(|&i| &docs[i]) {
        strings.put(&mut body, &doc.name);
        put_varint(&mut body, doc.plans.len() as u64);
        for p in &doc.plans {
            strings.put(&mut body, &p.title);
            strings.put(&mut body, &p.jurisdiction);
            put_varint(&mut body, p.measures as u64);
        }
        put_varint(&mut body, doc.measures.len() as u64);
        let mut previous: Option<&Measure> = None;
        for m in &doc.measures {
            strings.put(&mut body, &m.plan);
            strings.put(&mut body, &m.jurisdiction);
            // Measures are numbered 1, 2, 3… in a document: the step from the one before,
            // less one, is nearly always 0; most printed numbers are the seq itself.
            let expected = previous.map_or(0, |p| i64::from(p.seq)) + 1;
            put_varint(&mut body, zigzag(i64::from(m.seq) - expected));
            match m.number.as_deref() {
                Some(n) if n == m.seq.to_string() => put_varint(&mut body, 1),
                Some(n) => strings.put_shifted(&mut body, n, 2),
                None => put_varint(&mut body, 0),
            }
            strings.put_opt(&mut body, m.parent.as_deref());
            // Measures of one section share its path.
            if m.path == previous.map_or(&[][..], |p| &p.path[..]) {
                put_varint(&mut body, 0);
            } else {
                strings.put_shifted_list(&mut body, &m.path, 1);
            }
            strings.put(&mut body, &m.text);
            strings.put_prefix(&mut body, &m.title, &m.text);
            strings.put_prefix(&mut body, &m.text_head, &m.text);
            strings.put_list(&mut body, &m.lead);
            strings.put_list(&mut body, &m.support);
            strings.put_list(&mut body, &m.responsible);
            let names: Vec<&str> = m.lead.iter().chain(&m.support).chain(&m.responsible).map(String::as_str).collect();
            strings.put(&mut body, &clause::skeleton(&m.raw, &names));
            strings.put(&mut body, &m.deadline);
            previous = Some(m);
        }
    }

    frame(MAGIC, FORMAT_VERSION, &strings.payload(&body))
}

/// Reads a data file, checking magic, format version, length and checksum first.
pub fn decode(bytes: &[u8]) -> Result<DataFile, StoreError> {
    let (payload, crc) = unframe(bytes, FileKind::Data)?;
    let documents = Reader::new(payload).documents().map_err(StoreError::Corrupt)?;
    Ok(DataFile { version: hex8(crc), documents })
}

/// `v` as eight lowercase hex digits, the data version: by hand, because `format!` would bring
/// the formatting machinery into the first answer's path for this one string.
fn hex8(v: u32) -> String {
    (0..8).rev().map(|i| char::from_digit((v >> (i * 4)) & 0xF, 16).unwrap_or('0')).collect()
}
