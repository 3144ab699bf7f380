//! The compact data file the browser loads (`www/data/plans.bin`), written by
//! `plan-lookup build` and read by the wasm build (`src/wasm.rs`).
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
//! payload   = varint(#strings) { varint(len) utf8 }*  varint(#docs) doc*
//! doc       = str(name) varint(#plans) plan* varint(#measures) measure*
//! plan      = str(title) str(jurisdiction) varint(measures)
//! measure   = str(plan) str(jurisdiction) varint(seq) opt(number) opt(parent) list(path)
//!             str(text) prefix(title) prefix(text_head) list(lead) list(support) list(responsible)
//!             str(raw)
//! str       = varint(index into the string table)
//! opt       = varint(0 = none, i + 1 = string i)
//! list      = varint(n) str*
//! prefix    = varint(n + 1): the first n chars of the measure's text | varint(0) str
//! ```
//!
//! Every distinct string is stored once (unit names, plan titles and section paths repeat across
//! hundreds of measures), so the file is small before transfer compression and gzips well.
//! A measure's `doc` is its document's name. Ingestion warnings are not stored.
//!
//! The data version shown to users is the payload checksum in hex: two files with the same
//! content have the same version, and any change of content changes it.

use crate::model::{Document, Measure, PlanSummary};
use std::collections::HashMap;
use std::fmt;

/// First four bytes of every data file.
pub const MAGIC: [u8; 4] = *b"PLKP";
/// Version of the layout above. Bump it whenever the layout or the meaning of a field changes;
/// readers reject every other version, so a stale file is never misread.
pub const FORMAT_VERSION: u16 = 1;
/// Bytes before the payload.
pub const HEADER_LEN: usize = 16;

const HOW_TO_REBUILD: &str =
    "rebuild it with `scripts/build-web` (default plans) or `plan-lookup build [FILE...] -o FILE`";

/// Why a data file could not be read. Each message says what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The bytes do not start with [`MAGIC`]: not a plan-lookup data file at all (an HTML error
    /// page served instead of the file is the usual cause).
    NotADataFile,
    /// The file was written for another format version (an older or newer plan-lookup).
    UnsupportedVersion { found: u16, expected: u16 },
    /// The file is shorter than its header says (an interrupted download or copy).
    Truncated { expected: usize, found: usize },
    /// The payload's checksum does not match the header (the file was altered or damaged).
    ChecksumMismatch { expected: u32, found: u32 },
    /// The checksum matched but the payload does not decode (written by a buggy writer).
    Corrupt(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NotADataFile => write!(
                f,
                "not a plan-lookup data file (it does not start with \"PLKP\"; was an error page served instead?): {HOW_TO_REBUILD}"
            ),
            StoreError::UnsupportedVersion { found, expected } => write!(
                f,
                "the data file has format version {found}, but this plan-lookup reads version {expected}: {HOW_TO_REBUILD}"
            ),
            StoreError::Truncated { expected, found } => write!(
                f,
                "the data file is truncated ({found} of {expected} bytes; an interrupted download or copy?): {HOW_TO_REBUILD}"
            ),
            StoreError::ChecksumMismatch { expected, found } => write!(
                f,
                "the data file is corrupted (checksum {found:08x}, expected {expected:08x}): {HOW_TO_REBUILD}"
            ),
            StoreError::Corrupt(why) => {
                write!(f, "the data file is corrupted ({why}): {HOW_TO_REBUILD}")
            }
        }
    }
}

impl std::error::Error for StoreError {}

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
        self.documents
            .iter()
            .flat_map(|d| d.measures.iter().cloned())
            .collect()
    }
}

/// Writes the data file for `docs`: what `plan-lookup build` saves and the browser loads.
pub fn build_data_file(docs: &[Document]) -> Vec<u8> {
    encode(docs)
}

/// Encodes `docs` as a data file (header + payload). Warnings are dropped.
pub fn encode(docs: &[Document]) -> Vec<u8> {
    let mut strings = Strings::default();
    let mut body = Vec::new();
    put_varint(&mut body, docs.len() as u64);
    for doc in docs {
        strings.put(&mut body, &doc.name);
        put_varint(&mut body, doc.plans.len() as u64);
        for p in &doc.plans {
            strings.put(&mut body, &p.title);
            strings.put(&mut body, &p.jurisdiction);
            put_varint(&mut body, p.measures as u64);
        }
        put_varint(&mut body, doc.measures.len() as u64);
        for m in &doc.measures {
            strings.put(&mut body, &m.plan);
            strings.put(&mut body, &m.jurisdiction);
            put_varint(&mut body, m.seq as u64);
            strings.put_opt(&mut body, m.number.as_deref());
            strings.put_opt(&mut body, m.parent.as_deref());
            strings.put_list(&mut body, &m.path);
            strings.put(&mut body, &m.text);
            strings.put_prefix(&mut body, &m.title, &m.text);
            strings.put_prefix(&mut body, &m.text_head, &m.text);
            strings.put_list(&mut body, &m.lead);
            strings.put_list(&mut body, &m.support);
            strings.put_list(&mut body, &m.responsible);
            strings.put(&mut body, &m.raw);
        }
    }

    let mut payload = Vec::with_capacity(strings.bytes + body.len() + 16);
    put_varint(&mut payload, strings.list.len() as u64);
    for s in &strings.list {
        put_varint(&mut payload, s.len() as u64);
        payload.extend_from_slice(s.as_bytes());
    }
    payload.extend_from_slice(&body);

    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// Reads a data file, checking magic, format version, length and checksum first.
pub fn decode(bytes: &[u8]) -> Result<DataFile, StoreError> {
    if bytes.len() < 4 || bytes[..4] != MAGIC {
        return Err(StoreError::NotADataFile);
    }
    if bytes.len() < HEADER_LEN {
        return Err(StoreError::Truncated {
            expected: HEADER_LEN,
            found: bytes.len(),
        });
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != FORMAT_VERSION {
        return Err(StoreError::UnsupportedVersion {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let expected_crc = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
    let total = HEADER_LEN.saturating_add(len);
    if bytes.len() < total {
        return Err(StoreError::Truncated {
            expected: total,
            found: bytes.len(),
        });
    }
    if bytes.len() > total {
        return Err(StoreError::Corrupt(format!(
            "{} unexpected bytes after the payload",
            bytes.len() - total
        )));
    }
    let payload = &bytes[HEADER_LEN..];
    let found_crc = crc32(payload);
    if found_crc != expected_crc {
        return Err(StoreError::ChecksumMismatch {
            expected: expected_crc,
            found: found_crc,
        });
    }
    let documents = Reader::new(payload)
        .documents()
        .map_err(StoreError::Corrupt)?;
    Ok(DataFile {
        version: format!("{found_crc:08x}"),
        documents,
    })
}

/// Interns strings for the table, writing their indices into a body.
#[derive(Default)]
struct Strings {
    index: HashMap<String, u64>,
    list: Vec<String>,
    bytes: usize,
}

impl Strings {
    fn id(&mut self, s: &str) -> u64 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u64;
        self.index.insert(s.to_owned(), i);
        self.list.push(s.to_owned());
        self.bytes += s.len() + 2;
        i
    }
    fn put(&mut self, out: &mut Vec<u8>, s: &str) {
        let i = self.id(s);
        put_varint(out, i);
    }
    fn put_opt(&mut self, out: &mut Vec<u8>, s: Option<&str>) {
        match s {
            None => put_varint(out, 0),
            Some(s) => {
                let i = self.id(s);
                put_varint(out, i + 1);
            }
        }
    }
    /// `s` as a char count when it is a prefix of `text` (titles and text heads almost always
    /// are), else as a string.
    fn put_prefix(&mut self, out: &mut Vec<u8>, s: &str, text: &str) {
        if text.starts_with(s) {
            put_varint(out, s.chars().count() as u64 + 1);
        } else {
            put_varint(out, 0);
            self.put(out, s);
        }
    }
    fn put_list(&mut self, out: &mut Vec<u8>, list: &[String]) {
        put_varint(out, list.len() as u64);
        for s in list {
            self.put(out, s);
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads the payload; every failure is a message for [`StoreError::Corrupt`].
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    strings: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            pos: 0,
            strings: Vec::new(),
        }
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(format!("payload ends inside a number at byte {}", self.pos));
            };
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("number too long at byte {}", self.pos))
    }

    /// A count of items that each take at least one byte, so a bad count fails here instead
    /// of allocating without bound.
    fn count(&mut self, what: &str) -> Result<usize, String> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.pos) as u64;
        if n > left {
            return Err(format!("{n} {what} announced but only {left} bytes left"));
        }
        Ok(n as usize)
    }

    fn str(&mut self) -> Result<String, String> {
        let i = self.varint()?;
        self.strings
            .get(i as usize)
            .map(|s| (*s).to_owned())
            .ok_or_else(|| format!("string {i} out of range ({} strings)", self.strings.len()))
    }

    fn opt(&mut self) -> Result<Option<String>, String> {
        match self.varint()? {
            0 => Ok(None),
            i => self
                .strings
                .get(i as usize - 1)
                .map(|s| Some((*s).to_owned()))
                .ok_or_else(|| format!("string {} out of range", i - 1)),
        }
    }

    fn prefix(&mut self, text: &str) -> Result<String, String> {
        match self.varint()? {
            0 => self.str(),
            n => {
                let n = (n - 1) as usize;
                match text.char_indices().nth(n) {
                    Some((end, _)) => Ok(text[..end].to_owned()),
                    None if text.chars().count() == n => Ok(text.to_owned()),
                    None => Err(format!("prefix of {n} chars is longer than its text")),
                }
            }
        }
    }

    fn list(&mut self) -> Result<Vec<String>, String> {
        let n = self.count("list items")?;
        (0..n).map(|_| self.str()).collect()
    }

    fn documents(mut self) -> Result<Vec<Document>, String> {
        let n = self.count("strings")?;
        self.strings.reserve(n);
        for _ in 0..n {
            let len = self.varint()? as usize;
            let end = self.pos.checked_add(len).filter(|&e| e <= self.bytes.len());
            let Some(end) = end else {
                return Err(format!("string runs past the end at byte {}", self.pos));
            };
            let s = std::str::from_utf8(&self.bytes[self.pos..end])
                .map_err(|_| format!("string at byte {} is not UTF-8", self.pos))?;
            self.strings.push(s);
            self.pos = end;
        }
        let ndocs = self.count("documents")?;
        let mut docs = Vec::with_capacity(ndocs);
        for _ in 0..ndocs {
            let name = self.str()?;
            let nplans = self.count("plans")?;
            let mut plans = Vec::with_capacity(nplans);
            for _ in 0..nplans {
                let title = self.str()?;
                let jurisdiction = self.str()?;
                let measures = self.varint()? as usize;
                plans.push(PlanSummary {
                    title,
                    jurisdiction,
                    measures,
                });
            }
            let nmeasures = self.count("measures")?;
            let mut measures = Vec::with_capacity(nmeasures);
            for _ in 0..nmeasures {
                let plan = self.str()?;
                let jurisdiction = self.str()?;
                let seq =
                    u32::try_from(self.varint()?).map_err(|_| "sequence number out of range")?;
                let number = self.opt()?;
                let parent = self.opt()?;
                let path = self.list()?;
                let text = self.str()?;
                let title = self.prefix(&text)?;
                let text_head = self.prefix(&text)?;
                measures.push(Measure {
                    doc: name.clone(),
                    plan,
                    jurisdiction,
                    seq,
                    number,
                    parent,
                    path,
                    title,
                    text_head,
                    lead: self.list()?,
                    support: self.list()?,
                    responsible: self.list()?,
                    raw: self.str()?,
                    text,
                });
            }
            docs.push(Document {
                name,
                plans,
                measures,
                warnings: Vec::new(),
            });
        }
        if self.pos != self.bytes.len() {
            return Err(format!(
                "{} unread bytes at the end of the payload",
                self.bytes.len() - self.pos
            ));
        }
        Ok(docs)
    }
}

/// CRC-32 (IEEE 802.3, as in zip and PNG).
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<Document> {
        crate::corpus::default_documents().expect("default corpus ingests")
    }

    fn without_warnings(docs: &[Document]) -> Vec<Document> {
        docs.iter()
            .map(|d| Document {
                warnings: Vec::new(),
                ..d.clone()
            })
            .collect()
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn default_corpus_round_trips_exactly() {
        let docs = corpus();
        let bytes = encode(&docs);
        let data = decode(&bytes).expect("decodes");
        assert_eq!(data.documents, without_warnings(&docs));
        let all: Vec<Measure> = docs.iter().flat_map(|d| d.measures.clone()).collect();
        assert_eq!(data.measures(), all);
        assert_eq!(data.version.len(), 8);
        assert_eq!(build_data_file(&docs), bytes, "encoding is deterministic");
    }

    #[test]
    fn file_is_smaller_than_the_json_of_its_measures() {
        let docs = corpus();
        let bytes = encode(&docs);
        let json: usize = docs
            .iter()
            .flat_map(|d| &d.measures)
            .map(|m| serde_json::to_string(m).unwrap().len())
            .sum();
        assert!(
            bytes.len() * 2 < json,
            "data file {} bytes, JSON {} bytes",
            bytes.len(),
            json
        );
    }

    #[test]
    fn version_changes_with_content() {
        let docs = corpus();
        let a = decode(&encode(&docs)).unwrap().version;
        let b = decode(&encode(&docs[..1])).unwrap().version;
        assert_ne!(a, b);
    }

    #[test]
    fn options_and_empty_lists_survive() {
        let m = Measure {
            doc: "d.txt".into(),
            plan: "计划".into(),
            jurisdiction: "某区".into(),
            seq: 300,
            number: None,
            parent: Some("三".into()),
            path: vec![],
            title: "不是前缀".into(),
            text_head: "正文".into(),
            lead: vec![],
            support: vec!["区司法局".into(), "区司法局".into()],
            responsible: vec![],
            raw: "".into(),
            text: "正文".into(),
        };
        let doc = Document {
            name: "d.txt".into(),
            plans: vec![PlanSummary {
                title: "计划".into(),
                jurisdiction: "某区".into(),
                measures: 1,
            }],
            measures: vec![m],
            warnings: vec![],
        };
        assert_eq!(
            decode(&encode(std::slice::from_ref(&doc)))
                .unwrap()
                .documents,
            vec![doc]
        );
        assert_eq!(decode(&encode(&[])).unwrap().documents, vec![]);
    }

    #[test]
    fn wrong_magic_is_not_a_data_file() {
        let mut bytes = encode(&corpus());
        bytes[0] = b'<';
        assert_eq!(decode(&bytes), Err(StoreError::NotADataFile));
        assert_eq!(
            decode(b"<!doctype html><title>404</title>"),
            Err(StoreError::NotADataFile)
        );
        assert_eq!(decode(b""), Err(StoreError::NotADataFile));
        let msg = StoreError::NotADataFile.to_string();
        assert!(
            msg.contains("scripts/build-web") && msg.contains("plan-lookup build"),
            "{msg}"
        );
    }

    #[test]
    fn other_format_version_is_rejected() {
        let mut bytes = encode(&corpus());
        bytes[4] = 2;
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err,
            StoreError::UnsupportedVersion {
                found: 2,
                expected: FORMAT_VERSION
            }
        );
        assert!(err.to_string().contains("format version 2"), "{err}");
    }

    #[test]
    fn truncated_file_is_reported_as_truncated() {
        let bytes = encode(&corpus());
        for cut in [
            6,
            HEADER_LEN - 1,
            HEADER_LEN,
            bytes.len() / 2,
            bytes.len() - 1,
        ] {
            match decode(&bytes[..cut]) {
                Err(StoreError::Truncated { expected, found }) => {
                    assert_eq!(found, cut);
                    assert!(expected > cut);
                }
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
        assert!(decode(&bytes[..100])
            .unwrap_err()
            .to_string()
            .contains("truncated"));
    }

    #[test]
    fn flipped_payload_byte_fails_the_checksum() {
        let mut bytes = encode(&corpus());
        let i = bytes.len() - 10;
        bytes[i] ^= 0x20;
        let err = decode(&bytes).unwrap_err();
        assert!(
            matches!(err, StoreError::ChecksumMismatch { .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("corrupted"), "{err}");
    }

    #[test]
    fn extra_bytes_are_rejected() {
        let mut bytes = encode(&corpus());
        bytes.push(0);
        assert!(matches!(decode(&bytes), Err(StoreError::Corrupt(_))));
    }

    #[test]
    fn bad_payload_with_valid_checksum_is_corrupt_not_a_panic() {
        // A header over a payload that announces far more strings than it holds.
        for payload in [
            vec![0xff, 0xff, 0x03],
            vec![1, 5, b'a'],
            vec![0, 1, 9],
            vec![1, 2, 0xff, 0xfe, 0],
        ] {
            let mut bytes = MAGIC.to_vec();
            bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
            bytes.extend_from_slice(&0u16.to_le_bytes());
            bytes.extend_from_slice(&(payload.len() as u32).to_le_bytes());
            bytes.extend_from_slice(&crc32(&payload).to_le_bytes());
            bytes.extend_from_slice(&payload);
            assert!(
                matches!(decode(&bytes), Err(StoreError::Corrupt(_))),
                "{payload:?}"
            );
        }
    }
}
