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
//! payload   = table varint(#docs) doc*
//! doc       = str(name) varint(#plans) plan* varint(#measures) measure*
//! plan      = str(title) str(jurisdiction) varint(measures)
//! measure   = str(plan) str(jurisdiction) varint(seq) opt(number) opt(parent) list(path)
//!             str(text) prefix(title) prefix(text_head) list(lead) list(support) list(responsible)
//!             str(raw) str(deadline)
//! str       = varint(0 = the first string of the table not referenced before | i + 1 = string i)
//! opt       = varint(0 = none | r + 1 = str r)
//! list      = varint(n) str*
//! prefix    = varint(n + 1): the first n chars of the measure's text | varint(0) str
//!
//! table     = varint(len) utf8(alphabet)  varint(#strings) { varint(len) code* }*
//! code      = byte b < 0xC0                      → alphabet[b]
//!           | byte b in 0xC0..0xFF, byte c       → alphabet[0xC0 + (b - 0xC0) · 256 + c]
//!           | byte 0xFF, 3 bytes little-endian   → that Unicode scalar value
//! ```
//!
//! Every distinct string is stored once (unit names, plan titles and section paths repeat across
//! hundreds of measures). Characters are coded by frequency rank in the alphabet (every
//! character the strings use, most frequent first): the 192 commonest take one byte and the
//! next 16,128 two, where UTF-8 spends three on every Chinese character. gzip models the
//! shorter codes much better: the default corpus's data file is 55 KB gzipped instead of 83 KB
//! in UTF-8 (version 1 of this format).
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
//! shard     = varint(bytes) u32(CRC-32 of the shard's payload) varint(measures)
//! place     = str(name) varint(shard index) varint(documents) varint(measures)
//! unit      = str(canonical name, e.g. 区司法局) varint(number of places naming it, ≥ 2)
//! ```
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

use crate::model::{Document, Measure, PlanSummary};
use std::collections::HashMap;
use std::fmt;

/// First four bytes of every data file.
pub const MAGIC: [u8; 4] = *b"PLKP";
/// Version of the layout above. Bump it whenever the layout or the meaning of a field changes;
/// readers reject every other version, so a stale file is never misread.
pub const FORMAT_VERSION: u16 = 3;
/// Bytes before the payload.
pub const HEADER_LEN: usize = 16;

const HOW_TO_REBUILD: &str = "rebuild it with `scripts/build-web` (default plans) or `plan-lookup build [FILE...] -o FILE` \
     (`--shards DIR` for a sharded build)";

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
    /// A manifest where a data file was expected, or the other way round.
    WrongKind { found: FileKind, expected: FileKind },
    /// A shard that is intact but is not the one its manifest lists (the folder mixes files of
    /// two builds, e.g. a half-finished deploy or a stale cache).
    ShardMismatch { file: String, expected: u32, found: u32 },
    /// A shard that could not be read, and why.
    InShard { file: String, error: Box<StoreError> },
}

impl StoreError {
    /// A stable machine name for what went wrong, for programs that react to it (the widget
    /// words its message for readers by it): `not-a-data-file`, `version`, `truncated`,
    /// `corrupt`, `wrong-kind` or `shard-mismatch`. A shard's error gives the shard's reason.
    pub fn reason(&self) -> &'static str {
        match self {
            StoreError::NotADataFile => "not-a-data-file",
            StoreError::UnsupportedVersion { .. } => "version",
            StoreError::Truncated { .. } => "truncated",
            StoreError::ChecksumMismatch { .. } | StoreError::Corrupt(_) => "corrupt",
            StoreError::WrongKind { .. } => "wrong-kind",
            StoreError::ShardMismatch { .. } => "shard-mismatch",
            StoreError::InShard { error, .. } => error.reason(),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NotADataFile => write!(
                f,
                "not a plan-lookup data file (it does not start with \"PLKP\"; was an error page served instead?): {HOW_TO_REBUILD}"
            ),
            StoreError::UnsupportedVersion { found, expected } => {
                write!(f, "the data file has format version {found}, but this plan-lookup reads version {expected}: {HOW_TO_REBUILD}")
            }
            StoreError::Truncated { expected, found } => {
                write!(f, "the data file is truncated ({found} of {expected} bytes; an interrupted download or copy?): {HOW_TO_REBUILD}")
            }
            StoreError::ChecksumMismatch { expected, found } => {
                write!(f, "the data file is corrupted (checksum {found:08x}, expected {expected:08x}): {HOW_TO_REBUILD}")
            }
            StoreError::Corrupt(why) => {
                write!(f, "the data file is corrupted ({why}): {HOW_TO_REBUILD}")
            }
            StoreError::WrongKind { found: FileKind::Manifest, .. } => write!(
                f,
                "this is the manifest of a sharded build (\"PLKM\"), not a data file: load it with \
                 PlanLookup.load(url, {{place}}) in the browser, or give plan-lookup the manifest's path"
            ),
            StoreError::WrongKind { .. } => write!(
                f,
                "this is a single data file (\"PLKP\"), not the manifest of a sharded build: load it \
                 as a data file, or write shards with `plan-lookup build --shards DIR`"
            ),
            StoreError::ShardMismatch { file, expected, found } => write!(
                f,
                "shard {file} does not belong to this manifest (data version {found:08x}, the manifest \
                 lists {expected:08x}): the folder mixes two builds; deploy the whole folder written by \
                 `plan-lookup build --shards DIR` again, manifest last"
            ),
            StoreError::InShard { file, error } => write!(f, "shard {file}: {error}"),
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
        self.documents.iter().flat_map(|d| d.measures.iter().cloned()).collect()
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
            strings.put(&mut body, &m.deadline);
        }
    }

    frame(MAGIC, FORMAT_VERSION, &strings.payload(&body))
}

/// Header + payload: magic, version, flags (0), payload length, payload CRC-32. Public so
/// the fuzzer can wrap arbitrary payloads in a valid header and reach the payload reader.
pub fn frame(magic: [u8; 4], version: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Reads a data file, checking magic, format version, length and checksum first.
pub fn decode(bytes: &[u8]) -> Result<DataFile, StoreError> {
    let (payload, crc) = unframe(bytes, FileKind::Data)?;
    let documents = Reader::new(payload).documents().map_err(StoreError::Corrupt)?;
    Ok(DataFile { version: format!("{crc:08x}"), documents })
}

/// The two kinds of file this module writes, told apart by their magic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A data file ([`MAGIC`]): a whole corpus, or one shard of a sharded build.
    Data,
    /// The manifest of a sharded build ([`MANIFEST_MAGIC`]).
    Manifest,
}

impl FileKind {
    fn magic(self) -> [u8; 4] {
        match self {
            FileKind::Data => MAGIC,
            FileKind::Manifest => MANIFEST_MAGIC,
        }
    }
    fn version(self) -> u16 {
        match self {
            FileKind::Data => FORMAT_VERSION,
            FileKind::Manifest => MANIFEST_VERSION,
        }
    }
    /// Which kind `bytes` claim to be, by magic.
    pub fn of(bytes: &[u8]) -> Option<FileKind> {
        [FileKind::Data, FileKind::Manifest].into_iter().find(|k| bytes.starts_with(&k.magic()))
    }
}

/// Checks magic, version, length and checksum; returns the payload and its CRC-32.
fn unframe(bytes: &[u8], kind: FileKind) -> Result<(&[u8], u32), StoreError> {
    if bytes.len() < 4 || bytes[..4] != kind.magic() {
        return Err(match FileKind::of(bytes) {
            Some(found) => StoreError::WrongKind { found, expected: kind },
            None => StoreError::NotADataFile,
        });
    }
    if bytes.len() < HEADER_LEN {
        return Err(StoreError::Truncated { expected: HEADER_LEN, found: bytes.len() });
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != kind.version() {
        return Err(StoreError::UnsupportedVersion { found: version, expected: kind.version() });
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let expected_crc = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
    let total = HEADER_LEN.saturating_add(len);
    if bytes.len() < total {
        return Err(StoreError::Truncated { expected: total, found: bytes.len() });
    }
    if bytes.len() > total {
        return Err(StoreError::Corrupt(format!("{} unexpected bytes after the payload", bytes.len() - total)));
    }
    let payload = &bytes[HEADER_LEN..];
    let found_crc = crc32(payload);
    if found_crc != expected_crc {
        return Err(StoreError::ChecksumMismatch { expected: expected_crc, found: found_crc });
    }
    Ok((payload, found_crc))
}

// ---------------------------------------------------------------------------------------------
// Sharded builds

/// First four bytes of a sharded build's manifest.
pub const MANIFEST_MAGIC: [u8; 4] = *b"PLKM";
/// Version of the manifest layout (see the module docs); readers reject every other version.
pub const MANIFEST_VERSION: u16 = 2;

/// The manifest of a sharded build: which shard holds which place, and what every shard must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The build's data version: the manifest payload's CRC-32 as 8 hex digits. It covers every
    /// shard's checksum, so it changes whenever any shard does.
    pub version: String,
    pub shards: Vec<ShardEntry>,
    /// Every place, in corpus order.
    pub places: Vec<PlaceEntry>,
    /// The unit directory across all places, by canonical name.
    pub units: Vec<UnitEntry>,
}

/// One shard file: a data file ([`MAGIC`]) of one place's documents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ShardEntry {
    /// File name, relative to the manifest (`p00003-1a2b3c4d.bin`: index and checksum, so a
    /// changed shard gets a new name and caches never serve a stale one).
    pub file: String,
    /// Exact size of the file in bytes.
    pub bytes: usize,
    /// CRC-32 of the shard's payload: its data version.
    pub checksum: u32,
    pub measures: usize,
}

/// One place (the jurisdiction of its plans) and the shard holding its documents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlaceEntry {
    pub name: String,
    /// Index into [`Manifest::shards`].
    pub shard: usize,
    pub documents: usize,
    pub measures: usize,
}

/// A unit by its canonical name (level + body, the place's own name folded into its level:
/// 资阳区人民法院 → 区法院) and how many places name it. Small at any scale, because places
/// share the same bodies; each place's full directory comes with its shard.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitEntry {
    pub name: String,
    pub places: usize,
}

/// What `plan-lookup build --shards` writes: the manifest and every shard, by file name.
#[derive(Debug, Clone)]
pub struct ShardSet {
    pub manifest: Vec<u8>,
    pub shards: Vec<(String, Vec<u8>)>,
}

impl Manifest {
    /// The place of that name (width and spacing folded), by index into [`Manifest::places`].
    pub fn place(&self, name: &str) -> Option<usize> {
        let name = crate::units::fold_name(name);
        self.places.iter().position(|p| crate::units::fold_name(&p.name) == name)
    }

    /// The places a question names, by index, in the order they occur: by full name (青山区),
    /// or by the name without its level character when two or more characters remain (青山),
    /// as the query engine reads places.
    pub fn places_named_in(&self, text: &str) -> Vec<usize> {
        let mut forms: HashMap<String, Vec<usize>> = HashMap::new();
        let mut longest = 0;
        for (i, p) in self.places.iter().enumerate() {
            let name: Vec<char> = crate::units::fold_name(&p.name).chars().collect();
            let mut add = |form: &[char]| {
                if !form.is_empty() {
                    longest = longest.max(form.len());
                    forms.entry(form.iter().collect()).or_default().push(i);
                }
            };
            add(&name);
            if name.len() >= 3 && crate::units::LEVELS.contains(&name[name.len() - 1]) {
                add(&name[..name.len() - 1]);
            }
        }
        let text: Vec<char> = crate::units::fold_name(text).chars().collect();
        let mut found = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let mut step = 1;
            for len in (1..=longest.min(text.len() - at)).rev() {
                let form: String = text[at..at + len].iter().collect();
                if let Some(places) = forms.get(&form) {
                    for &p in places {
                        if !found.contains(&p) {
                            found.push(p);
                        }
                    }
                    step = len;
                    break;
                }
            }
            at += step;
        }
        found
    }
}

/// Splits `docs` by place and encodes one shard per place plus the manifest. A document whose
/// measures span several places is split into one part per place (same name). Deterministic:
/// the same documents give the same bytes.
pub fn build_shards(docs: &[Document]) -> ShardSet {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, (String, Vec<Document>)> = HashMap::new();
    for doc in docs {
        let mut places: Vec<&str> = Vec::new();
        for j in doc.measures.iter().map(|m| m.jurisdiction.as_str()).chain(doc.plans.iter().map(|p| p.jurisdiction.as_str())) {
            if !places.contains(&j) {
                places.push(j);
            }
        }
        if places.is_empty() {
            places.push("");
        }
        let whole = places.len() == 1;
        for place in places {
            let part = if whole {
                Document { warnings: Vec::new(), ..doc.clone() }
            } else {
                Document {
                    name: doc.name.clone(),
                    plans: doc.plans.iter().filter(|p| p.jurisdiction == place).cloned().collect(),
                    measures: doc.measures.iter().filter(|m| m.jurisdiction == place).cloned().collect(),
                    warnings: Vec::new(),
                }
            };
            let key = crate::units::fold_name(place);
            let group = groups.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                (place.to_owned(), Vec::new())
            });
            group.1.push(part);
        }
    }

    let mut shards = Vec::new();
    let mut entries = Vec::new();
    let mut places = Vec::new();
    for (i, key) in order.iter().enumerate() {
        let (name, docs) = &groups[key];
        let bytes = encode(docs);
        let checksum = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
        let measures = docs.iter().map(|d| d.measures.len()).sum();
        let file = shard_file_name(i, checksum);
        entries.push(ShardEntry { file: file.clone(), bytes: bytes.len(), checksum, measures });
        places.push(PlaceEntry { name: name.clone(), shard: i, documents: docs.len(), measures });
        shards.push((file, bytes));
    }

    // The directory across places: each canonical unit name with the number of places naming it.
    let all: Vec<Measure> = docs.iter().flat_map(|d| d.measures.iter().cloned()).collect();
    let dir = crate::units::Directory::build(&all);
    let mut seen = std::collections::HashSet::new();
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for u in &dir.units {
        if seen.insert((u.place, u.key.as_str())) {
            *counts.entry(u.key.as_str()).or_default() += 1;
        }
    }

    let mut strings = Strings::default();
    let mut body = Vec::new();
    put_varint(&mut body, entries.len() as u64);
    for e in &entries {
        put_varint(&mut body, e.bytes as u64);
        body.extend_from_slice(&e.checksum.to_le_bytes());
        put_varint(&mut body, e.measures as u64);
    }
    put_varint(&mut body, places.len() as u64);
    for p in &places {
        strings.put(&mut body, &p.name);
        put_varint(&mut body, p.shard as u64);
        put_varint(&mut body, p.documents as u64);
        put_varint(&mut body, p.measures as u64);
    }
    counts.retain(|_, n| *n >= 2);
    put_varint(&mut body, counts.len() as u64);
    for (name, n) in counts {
        strings.put(&mut body, name);
        put_varint(&mut body, n as u64);
    }
    ShardSet { manifest: frame(MANIFEST_MAGIC, MANIFEST_VERSION, &strings.payload(&body)), shards }
}

/// The file name of shard `index` with payload checksum `checksum`.
pub fn shard_file_name(index: usize, checksum: u32) -> String {
    format!("p{index:05}-{checksum:08x}.bin")
}

/// Whether `name` is a shard file name as [`build_shards`] writes them (`p00003-1a2b3c4d.bin`).
pub fn is_shard_file_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('p').and_then(|r| r.strip_suffix(".bin")) else {
        return false;
    };
    let Some((index, checksum)) = rest.split_once('-') else {
        return false;
    };
    index.len() >= 5
        && index.bytes().all(|c| c.is_ascii_digit())
        && checksum.len() == 8
        && checksum.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

/// Reads a manifest, checking magic, version, length and checksum first.
pub fn decode_manifest(bytes: &[u8]) -> Result<Manifest, StoreError> {
    let (payload, crc) = unframe(bytes, FileKind::Manifest)?;
    let mut r = Reader::new(payload);
    let read = |r: &mut Reader| -> Result<Manifest, String> {
        r.string_table()?;
        let n = r.count("shards")?;
        let mut shards = Vec::with_capacity(n);
        for i in 0..n {
            let bytes = r.varint()? as usize;
            let checksum = r.u32()?;
            shards.push(ShardEntry { file: shard_file_name(i, checksum), bytes, checksum, measures: r.varint()? as usize });
        }
        let n = r.count("places")?;
        let mut places = Vec::with_capacity(n);
        for _ in 0..n {
            let name = r.str()?;
            let shard = r.varint()? as usize;
            if shard >= shards.len() {
                return Err(format!("place {name} is in shard {shard} of {}", shards.len()));
            }
            places.push(PlaceEntry { name, shard, documents: r.varint()? as usize, measures: r.varint()? as usize });
        }
        let n = r.count("units")?;
        let mut units = Vec::with_capacity(n);
        for _ in 0..n {
            units.push(UnitEntry { name: r.str()?, places: r.varint()? as usize });
        }
        r.finish()?;
        Ok(Manifest { version: format!("{crc:08x}"), shards, places, units })
    };
    read(&mut r).map_err(StoreError::Corrupt)
}

/// Reads shard `index` of `manifest`: a data file that must be exactly the one the manifest
/// lists. Errors name the shard.
pub fn decode_shard(manifest: &Manifest, index: usize, bytes: &[u8]) -> Result<DataFile, StoreError> {
    let Some(entry) = manifest.shards.get(index) else {
        return Err(StoreError::Corrupt(format!("there is no shard {index} (the manifest lists {})", manifest.shards.len())));
    };
    let in_shard = |error| StoreError::InShard { file: entry.file.clone(), error: Box::new(error) };
    let data = decode(bytes).map_err(in_shard)?;
    let found = u32::from_str_radix(&data.version, 16).unwrap_or_default();
    if found != entry.checksum || bytes.len() != entry.bytes {
        return Err(StoreError::ShardMismatch { file: entry.file.clone(), expected: entry.checksum, found });
    }
    Ok(data)
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
    /// The payload: this string table (character-coded, see the module docs), then `body`.
    fn payload(&self, body: &[u8]) -> Vec<u8> {
        let mut counts: HashMap<char, u64> = HashMap::new();
        for s in &self.list {
            for c in s.chars() {
                *counts.entry(c).or_default() += 1;
            }
        }
        // Most frequent first; ties by code point, so the same strings give the same bytes.
        let mut alphabet: Vec<(char, u64)> = counts.into_iter().collect();
        alphabet.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        alphabet.truncate(CODED_CHARS);
        let rank: HashMap<char, usize> = alphabet.iter().enumerate().map(|(i, &(c, _))| (c, i)).collect();
        let alphabet: String = alphabet.iter().map(|&(c, _)| c).collect();

        let mut payload = Vec::with_capacity(self.bytes + body.len() + alphabet.len() + 16);
        put_varint(&mut payload, alphabet.len() as u64);
        payload.extend_from_slice(alphabet.as_bytes());
        put_varint(&mut payload, self.list.len() as u64);
        let mut coded = Vec::new();
        for s in &self.list {
            coded.clear();
            for c in s.chars() {
                match rank.get(&c) {
                    Some(&r) if r < ONE_BYTE_CODES => coded.push(r as u8),
                    Some(&r) => {
                        let r = r - ONE_BYTE_CODES;
                        coded.push((ONE_BYTE_CODES + r / 256) as u8);
                        coded.push((r % 256) as u8);
                    }
                    None => {
                        coded.push(0xFF);
                        coded.extend_from_slice(&(c as u32).to_le_bytes()[..3]);
                    }
                }
            }
            put_varint(&mut payload, coded.len() as u64);
            payload.extend_from_slice(&coded);
        }
        payload.extend_from_slice(body);
        payload
    }
    /// A reference to `s`: 0 when it is new (the table lists strings in order of first use, so
    /// a reader knows which one comes next), else its index + 1. Most texts are used once, so
    /// their references are all 0 and the body compresses well.
    fn reference(&mut self, s: &str) -> u64 {
        let known = self.list.len() as u64;
        match self.id(s) {
            i if i == known => 0,
            i => i + 1,
        }
    }
    fn put(&mut self, out: &mut Vec<u8>, s: &str) {
        let r = self.reference(s);
        put_varint(out, r);
    }
    fn put_opt(&mut self, out: &mut Vec<u8>, s: Option<&str>) {
        match s {
            None => put_varint(out, 0),
            Some(s) => {
                let r = self.reference(s);
                put_varint(out, r + 1);
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

/// Alphabet ranks coded in one byte (0x00–0xBF).
const ONE_BYTE_CODES: usize = 0xC0;
/// Alphabet ranks with a code at all: one byte, or two with a first byte 0xC0–0xFE. Rarer
/// characters are written out (0xFF + 3 bytes).
const CODED_CHARS: usize = ONE_BYTE_CODES + (0xFF - ONE_BYTE_CODES) * 256;

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
    /// Every string of the table, decoded, one after the other.
    table: String,
    /// Each string's byte range in `table`.
    strings: Vec<(usize, usize)>,
    /// How many strings of the table references have reached (the table is in order of first
    /// reference, so reference 0 means string `fresh`).
    fresh: usize,
    /// Bytes of text the reader may still materialise. Strings are shared by index, so a tiny
    /// crafted payload could otherwise name one long string millions of times and exhaust
    /// memory; real files expand about 10×, far below [`EXPANSION_LIMIT`].
    budget: usize,
}

/// How many times its payload's size a decoded data file may be (plus 1 MiB of slack).
const EXPANSION_LIMIT: usize = 64;

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            pos: 0,
            table: String::new(),
            strings: Vec::new(),
            fresh: 0,
            budget: bytes.len().saturating_mul(EXPANSION_LIMIT).saturating_add(1 << 20),
        }
    }

    /// Resolves a string reference (see [`Strings::reference`]), charges the string against the
    /// expansion budget and copies it.
    fn owned(&mut self, reference: u64) -> Result<String, String> {
        let i = match reference {
            0 => {
                self.fresh += 1;
                self.fresh - 1
            }
            r => usize::try_from(r - 1).unwrap_or(usize::MAX),
        };
        let &(start, end) = self.strings.get(i).ok_or_else(|| format!("string {i} out of range ({} strings)", self.strings.len()))?;
        self.charge(end - start)?;
        Ok(self.table[start..end].to_owned())
    }

    /// Takes `len` bytes of text from the expansion budget.
    fn charge(&mut self, len: usize) -> Result<(), String> {
        self.budget =
            self.budget.checked_sub(len).ok_or_else(|| format!("the payload expands to more than {EXPANSION_LIMIT} times its size"))?;
        Ok(())
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

    fn u32(&mut self) -> Result<u32, String> {
        let Some(b) = self.bytes.get(self.pos..self.pos + 4) else {
            return Err(format!("payload ends inside a checksum at byte {}", self.pos));
        };
        self.pos += 4;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
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
        self.owned(i)
    }

    fn opt(&mut self) -> Result<Option<String>, String> {
        match self.varint()? {
            0 => Ok(None),
            i => self.owned(i - 1).map(Some),
        }
    }

    fn prefix(&mut self, text: &str) -> Result<String, String> {
        match self.varint()? {
            0 => self.str(),
            n => {
                let n = (n - 1) as usize;
                let end = match text.char_indices().nth(n) {
                    Some((end, _)) => end,
                    None if text.chars().count() == n => text.len(),
                    None => return Err(format!("prefix of {n} chars is longer than its text")),
                };
                self.charge(end)?;
                Ok(text[..end].to_owned())
            }
        }
    }

    fn list(&mut self) -> Result<Vec<String>, String> {
        let n = self.count("list items")?;
        (0..n).map(|_| self.str()).collect()
    }

    /// Reads the string table that starts every payload (see the module docs).
    fn string_table(&mut self) -> Result<(), String> {
        let len = self.count("alphabet bytes")?;
        let alphabet = std::str::from_utf8(&self.bytes[self.pos..self.pos + len])
            .map_err(|_| format!("alphabet at byte {} is not UTF-8", self.pos))?;
        // Each character's UTF-8 bytes, copied as is into the decoded table.
        let alphabet: Vec<&[u8]> = alphabet.char_indices().map(|(i, c)| &alphabet.as_bytes()[i..i + c.len_utf8()]).collect();
        self.pos += len;
        let n = self.count("strings")?;
        self.strings.reserve(n);
        let mut table: Vec<u8> = Vec::with_capacity(self.bytes.len() * 2);
        let mut ch = [0u8; 4];
        for _ in 0..n {
            let len = self.varint()? as usize;
            let end = self.pos.checked_add(len).filter(|&e| e <= self.bytes.len());
            let Some(end) = end else {
                return Err(format!("string runs past the end at byte {}", self.pos));
            };
            let start = table.len();
            let mut i = self.pos;
            while i < end {
                let b = self.bytes[i] as usize;
                let c: Option<&[u8]> = if b < ONE_BYTE_CODES {
                    i += 1;
                    alphabet.get(b).copied()
                } else if b < 0xFF {
                    let lo = *self
                        .bytes
                        .get(i + 1)
                        .filter(|_| i + 1 < end)
                        .ok_or_else(|| format!("string at byte {} ends inside a character code", self.pos))?
                        as usize;
                    i += 2;
                    alphabet.get(ONE_BYTE_CODES + (b - ONE_BYTE_CODES) * 256 + lo).copied()
                } else {
                    let Some(v) = self.bytes.get(i + 1..i + 4).filter(|_| i + 4 <= end) else {
                        return Err(format!("string at byte {} ends inside a character", self.pos));
                    };
                    i += 4;
                    char::from_u32(u32::from_le_bytes([v[0], v[1], v[2], 0])).map(|c| c.encode_utf8(&mut ch).as_bytes())
                };
                let c = c.ok_or_else(|| format!("string at byte {} has a character code the alphabet lacks", self.pos))?;
                table.extend_from_slice(c);
            }
            self.strings.push((start, table.len()));
            self.pos = end;
        }
        // Whole characters only were copied, so this cannot fail; checked all the same.
        self.table = String::from_utf8(table).map_err(|_| "string table is not UTF-8".to_string())?;
        Ok(())
    }

    /// Fails unless every byte was read.
    fn finish(&self) -> Result<(), String> {
        if self.pos != self.bytes.len() {
            return Err(format!("{} unread bytes at the end of the payload", self.bytes.len() - self.pos));
        }
        Ok(())
    }

    fn documents(mut self) -> Result<Vec<Document>, String> {
        self.string_table()?;
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
                plans.push(PlanSummary { title, jurisdiction, measures });
            }
            let nmeasures = self.count("measures")?;
            let mut measures = Vec::with_capacity(nmeasures);
            for _ in 0..nmeasures {
                let plan = self.str()?;
                let jurisdiction = self.str()?;
                let seq = u32::try_from(self.varint()?).map_err(|_| "sequence number out of range")?;
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
                    deadline: self.str()?,
                });
            }
            docs.push(Document { name, plans, measures, warnings: Vec::new() });
        }
        self.finish()?;
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
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
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

    /// Found in review: one 200 KB string referenced by 10,000 measures would materialise 8 GB.
    /// The expansion budget turns it into a clear error instead of an out-of-memory abort.
    #[test]
    fn a_payload_that_expands_without_bound_is_rejected() {
        let mut payload = Vec::new();
        put_varint(&mut payload, 1); // alphabet: "a"
        payload.push(b'a');
        put_varint(&mut payload, 1); // one string: 200,000 × code 0 ('a')
        put_varint(&mut payload, 200_000);
        payload.extend(std::iter::repeat_n(0, 200_000));
        put_varint(&mut payload, 1); // one document
        put_varint(&mut payload, 0); // name: string 0 (the first new string)
        put_varint(&mut payload, 0); // no plans
        let n = 10_000;
        put_varint(&mut payload, n);
        for _ in 0..n {
            // plan, jurisdiction, seq, number, parent, path, text, title, text_head, lead,
            // support, responsible, raw, deadline
            // (every string: reference 1, string 0 again)
            payload.extend_from_slice(&[1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1]);
        }
        let file = frame(MAGIC, FORMAT_VERSION, &payload);
        match decode(&file) {
            Err(StoreError::Corrupt(why)) => assert!(why.contains("expands"), "{why}"),
            other => panic!("expected a corrupt-file error, got {:?}", other.map(|d| d.documents.len())),
        }
    }

    fn corpus() -> Vec<Document> {
        crate::corpus::default_documents().expect("default corpus ingests")
    }

    fn without_warnings(docs: &[Document]) -> Vec<Document> {
        docs.iter().map(|d| Document { warnings: Vec::new(), ..d.clone() }).collect()
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
        let json: usize = docs.iter().flat_map(|d| &d.measures).map(|m| serde_json::to_string(m).unwrap().len()).sum();
        assert!(bytes.len() * 2 < json, "data file {} bytes, JSON {} bytes", bytes.len(), json);
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
            deadline: "".into(),
            text: "正文".into(),
        };
        let doc = Document {
            name: "d.txt".into(),
            plans: vec![PlanSummary { title: "计划".into(), jurisdiction: "某区".into(), measures: 1 }],
            measures: vec![m],
            warnings: vec![],
        };
        assert_eq!(decode(&encode(std::slice::from_ref(&doc))).unwrap().documents, vec![doc]);
        assert_eq!(decode(&encode(&[])).unwrap().documents, vec![]);
    }

    /// Every kind of character code: one byte, two bytes, and written out past the alphabet's
    /// 16,320 coded ranks (emoji and a CJK extension block here), in text and unit names.
    #[test]
    fn every_character_code_round_trips() {
        let rare: String = (0x4E00u32..0x4E00 + 17_000).filter_map(char::from_u32).collect();
        let mut text = format!("正文😀𠀀{rare}");
        text.push_str("常见常见常见");
        let m = Measure {
            doc: "d.txt".into(),
            plan: "计划".into(),
            jurisdiction: "某区".into(),
            seq: 1,
            number: Some("1".into()),
            parent: None,
            path: vec!["一、𠀀".into()],
            title: "正文😀".into(),
            text_head: text.chars().take(30).collect(),
            lead: vec!["区😀局".into()],
            support: vec![],
            responsible: vec![],
            raw: "牵头单位：区😀局".into(),
            deadline: "2022年底前".into(),
            text,
        };
        let doc = Document {
            name: "d.txt".into(),
            plans: vec![PlanSummary { title: "计划".into(), jurisdiction: "某区".into(), measures: 1 }],
            measures: vec![m],
            warnings: vec![],
        };
        let bytes = encode(std::slice::from_ref(&doc));
        assert_eq!(decode(&bytes).unwrap().documents, vec![doc]);
    }

    #[test]
    fn a_code_outside_the_alphabet_is_corrupt() {
        let mut payload = Vec::new();
        put_varint(&mut payload, 1); // alphabet: "a"
        payload.push(b'a');
        put_varint(&mut payload, 1); // one string: code 5, which the alphabet lacks
        put_varint(&mut payload, 1);
        payload.push(5);
        put_varint(&mut payload, 0); // no documents
        match decode(&frame(MAGIC, FORMAT_VERSION, &payload)) {
            Err(StoreError::Corrupt(why)) => assert!(why.contains("alphabet lacks"), "{why}"),
            other => panic!("expected a corrupt-file error, got {:?}", other.map(|d| d.documents.len())),
        }
    }

    #[test]
    fn wrong_magic_is_not_a_data_file() {
        let mut bytes = encode(&corpus());
        bytes[0] = b'<';
        assert_eq!(decode(&bytes), Err(StoreError::NotADataFile));
        assert_eq!(decode(b"<!doctype html><title>404</title>"), Err(StoreError::NotADataFile));
        assert_eq!(decode(b""), Err(StoreError::NotADataFile));
        let msg = StoreError::NotADataFile.to_string();
        assert!(msg.contains("scripts/build-web") && msg.contains("plan-lookup build"), "{msg}");
    }

    #[test]
    fn other_format_version_is_rejected() {
        let mut bytes = encode(&corpus());
        let other = FORMAT_VERSION + 1;
        bytes[4..6].copy_from_slice(&other.to_le_bytes());
        let err = decode(&bytes).unwrap_err();
        assert_eq!(err, StoreError::UnsupportedVersion { found: other, expected: FORMAT_VERSION });
        assert!(err.to_string().contains(&format!("format version {other}")), "{err}");
    }

    #[test]
    fn truncated_file_is_reported_as_truncated() {
        let bytes = encode(&corpus());
        for cut in [6, HEADER_LEN - 1, HEADER_LEN, bytes.len() / 2, bytes.len() - 1] {
            match decode(&bytes[..cut]) {
                Err(StoreError::Truncated { expected, found }) => {
                    assert_eq!(found, cut);
                    assert!(expected > cut);
                }
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
        assert!(decode(&bytes[..100]).unwrap_err().to_string().contains("truncated"));
    }

    #[test]
    fn flipped_payload_byte_fails_the_checksum() {
        let mut bytes = encode(&corpus());
        let i = bytes.len() - 10;
        bytes[i] ^= 0x20;
        let err = decode(&bytes).unwrap_err();
        assert!(matches!(err, StoreError::ChecksumMismatch { .. }), "{err:?}");
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
        for payload in [vec![0xff, 0xff, 0x03], vec![1, 5, b'a'], vec![0, 1, 9], vec![1, 2, 0xff, 0xfe, 0]] {
            let mut bytes = MAGIC.to_vec();
            bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
            bytes.extend_from_slice(&0u16.to_le_bytes());
            bytes.extend_from_slice(&(payload.len() as u32).to_le_bytes());
            bytes.extend_from_slice(&crc32(&payload).to_le_bytes());
            bytes.extend_from_slice(&payload);
            assert!(matches!(decode(&bytes), Err(StoreError::Corrupt(_))), "{payload:?}");
        }
    }
}
