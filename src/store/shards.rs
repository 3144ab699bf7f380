//! Sharded builds: one data file per place and a manifest (see the module docs of [`super`]).

use super::error::{Corruption, StoreError};
use super::frame::{frame, header_checksum, unframe, FileKind};
use super::reader::Reader;
use super::source::{DocumentSource, InMemory};
use super::strings::{put_varint, Strings};
use super::summary::{encode_summaries, summary_file_name, PlaceCounts, SummaryEntry, UnitSummary};
use super::{decode, encode, DataFile};
use crate::model::{Document, Measure};
use std::collections::HashMap;

/// First four bytes of a sharded build's manifest.
pub const MANIFEST_MAGIC: [u8; 4] = *b"PLKM";
/// Version of the manifest layout (see the module docs); readers reject every other version.
pub const MANIFEST_VERSION: u16 = 4;

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
    /// The unit summary files (see [`super::summary`]).
    pub summaries: Vec<SummaryEntry>,
}

/// One shard file: a data file ([`super::MAGIC`]) of one place's documents.
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

/// What `plan-lookup build --shards` writes: the manifest and every shard by file name, with
/// what [`build_shards_with`]'s `keep` made of the shard's bytes (by default the bytes).
#[derive(Debug, Clone)]
pub struct ShardSet<S = Vec<u8>> {
    pub manifest: Vec<u8>,
    pub shards: Vec<(String, S)>,
    /// The unit summary files, by file name.
    pub summaries: Vec<(String, Vec<u8>)>,
}

impl Manifest {
    /// The place of that name (width and spacing folded), by index into [`Manifest::places`].
    pub fn place(&self, name: &str) -> Option<usize> {
        let name = crate::units::fold_name(name);
        self.places.iter().position(|p| crate::units::fold_name(&p.name) == name)
    }

    /// The places a question names, by index, in the order they occur (see
    /// [`Manifest::place_index`]).
    pub fn places_named_in(&self, text: &str) -> Vec<usize> {
        self.place_index().named_in(text)
    }

    /// The units of the directory a question names, by index into [`Manifest::units`] (see
    /// [`Manifest::unit_index`]).
    pub fn units_named_in(&self, text: &str) -> Vec<usize> {
        self.unit_index().named_in(text)
    }

    /// The places by name, as the query engine reads places: by full name (青山区), or by the
    /// name without its level character when two or more characters remain (青山). Build it
    /// once for many questions.
    pub fn place_index(&self) -> NameIndex {
        NameIndex::new(self.places.iter().map(|p| p.name.as_str()), |name| {
            (name.len() >= 3 && crate::units::LEVELS.contains(&name[name.len() - 1])).then(|| name[..name.len() - 1].to_vec())
        })
    }

    /// The units of the directory by name: by canonical name (区司法局), or by its body when it
    /// has a level (司法局: every level's).
    pub fn unit_index(&self) -> NameIndex {
        NameIndex::new(self.units.iter().map(|u| u.name.as_str()), |name| {
            let s: String = name.iter().collect();
            match crate::units::split_level(&s) {
                (Some(_), body) if body.chars().count() >= 2 => Some(body.chars().collect()),
                _ => None,
            }
        })
    }
}

/// Names (a manifest's places or units) by their folded forms, for finding the ones a text names.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    forms: HashMap<String, Vec<usize>>,
    /// The longest form, in characters.
    longest: usize,
}

impl NameIndex {
    /// Each of `names` by its folded form, and by the shorter form `short` gives for it.
    fn new<'a>(names: impl Iterator<Item = &'a str>, short: impl Fn(&[char]) -> Option<Vec<char>>) -> NameIndex {
        let mut index = NameIndex::default();
        for (i, name) in names.enumerate() {
            let name: Vec<char> = crate::units::fold_name(name).chars().collect();
            for form in std::iter::once(name.clone()).chain(short(&name)) {
                if !form.is_empty() {
                    index.longest = index.longest.max(form.len());
                    index.forms.entry(form.iter().collect()).or_default().push(i);
                }
            }
        }
        index
    }

    /// The indices of the names `text` names, in order of occurrence, the longest match first
    /// at each position.
    pub fn named_in(&self, text: &str) -> Vec<usize> {
        let text: Vec<char> = crate::units::fold_name(text).chars().collect();
        let mut found = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let mut step = 1;
            for len in (1..=self.longest.min(text.len() - at)).rev() {
                let form: String = text[at..at + len].iter().collect();
                if let Some(hits) = self.forms.get(&form) {
                    for &h in hits {
                        if !found.contains(&h) {
                            found.push(h);
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

/// Splits `docs` by place and encodes one shard per place plus the manifest (see
/// [`build_shards_from`]).
pub fn build_shards(docs: &[Document]) -> ShardSet {
    // Documents in memory cannot fail to read.
    build_shards_from(&mut InMemory(docs)).unwrap_or_else(|_| ShardSet { manifest: Vec::new(), shards: Vec::new(), summaries: Vec::new() })
}

/// Splits the documents of `source` by place and encodes one shard per place plus the manifest.
/// A document whose measures span several places is split into one part per place (same name).
/// One place's documents are read at a time, so a province-wide build holds one place in
/// memory, not all of them. Deterministic: the same documents give the same bytes.
pub fn build_shards_from(source: &mut dyn DocumentSource) -> Result<ShardSet, StoreError> {
    build_shards_with(source, |_, bytes| Ok::<_, StoreError>(bytes)).map_err(|e| match e {
        BuildShardsError::Read(e) | BuildShardsError::Keep(e) => e,
    })
}

/// Why [`build_shards_with`] stopped: a document could not be read, or `keep` failed.
#[derive(Debug)]
pub enum BuildShardsError<E> {
    Read(StoreError),
    Keep(E),
}

/// [`build_shards_from`], handing each shard (file name, bytes) to `keep` on the worker that
/// encoded it, as soon as it is encoded, and keeping what `keep` returns instead of the bytes.
/// A province build writes its shards this way: the files are created on every core while the
/// next places are encoded, and no shard stays in memory once written. `keep` runs for every
/// place even after one call failed; the first failure (in place order) is returned.
pub fn build_shards_with<S: Send, E: Send>(
    source: &mut dyn DocumentSource,
    keep: impl Fn(&str, Vec<u8>) -> Result<S, E> + Sync,
) -> Result<ShardSet<S>, BuildShardsError<E>> {
    // Places by folded name, in order of first appearance, each with its documents.
    let mut order: Vec<(String, String, Vec<usize>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for i in 0..source.len() {
        for place in source.places(i) {
            let key = crate::units::fold_name(&place);
            let g = *index.entry(key.clone()).or_insert_with(|| {
                order.push((key, place.clone(), Vec::new()));
                order.len() - 1
            });
            // A document with two spellings of one place is one member of it.
            if order[g].2.last() != Some(&i) {
                order[g].2.push(i);
            }
        }
    }

    // Reading a place's documents is sequential (one source); encoding its shard and counting
    // its units is not, and takes most of the time: the workers do that while the next places
    // are read.
    let jobs = order.iter().enumerate().map(|(i, (key, _, members))| place_documents(source, key, members).map(|docs| (i, docs)));
    let built = super::parallel::map_in_order(jobs, |(i, docs)| build_place(i, docs, &keep)).map_err(BuildShardsError::Read)?;

    let mut shards = Vec::new();
    let mut entries = Vec::new();
    let mut places = Vec::new();
    // Each canonical unit name with its counts in every place naming it.
    let mut across: std::collections::BTreeMap<String, Vec<PlaceCounts>> = Default::default();
    for (i, ((_, name, members), place)) in order.iter().zip(built).enumerate() {
        let kept = place.kept.map_err(BuildShardsError::Keep)?;
        entries.push(ShardEntry { file: place.file.clone(), bytes: place.bytes, checksum: place.checksum, measures: place.measures });
        places.push(PlaceEntry { name: name.clone(), shard: i, documents: members.len(), measures: place.measures });
        shards.push((place.file, kept));
        for (key, counts) in place.units {
            across.entry(key).or_default().push(counts);
        }
    }
    across.retain(|_, rows| rows.len() >= 2);
    let summaries: Vec<(String, Vec<u8>)> =
        encode_summaries(across.iter().map(|(name, places)| UnitSummary { name: name.clone(), places: places.clone() }).collect())
            .into_iter()
            .enumerate()
            .map(|(i, bytes)| (summary_file_name(i, header_checksum(&bytes).unwrap_or_default()), bytes))
            .collect();

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
    put_varint(&mut body, across.len() as u64);
    for (name, rows) in &across {
        strings.put(&mut body, name);
        put_varint(&mut body, rows.len() as u64);
    }
    put_varint(&mut body, summaries.len() as u64);
    for (_, bytes) in &summaries {
        put_varint(&mut body, bytes.len() as u64);
        body.extend_from_slice(&header_checksum(bytes).unwrap_or_default().to_le_bytes());
    }
    Ok(ShardSet { manifest: frame(MANIFEST_MAGIC, MANIFEST_VERSION, &strings.payload(&body)), shards, summaries })
}

/// The documents of one place (members: their indices in `source`), each cut to the place's
/// plans and measures when it names several places.
fn place_documents(source: &mut dyn DocumentSource, key: &str, members: &[usize]) -> Result<Vec<Document>, StoreError> {
    let mut docs = Vec::with_capacity(members.len());
    for &d in members {
        let doc = source.document(d)?;
        let whole = source.places(d).len() == 1;
        docs.push(if whole {
            Document { warnings: Vec::new(), ..doc }
        } else {
            let here = |j: &str| crate::units::fold_name(j) == key;
            Document {
                name: doc.name,
                plans: doc.plans.into_iter().filter(|p| here(&p.jurisdiction)).collect(),
                measures: doc.measures.into_iter().filter(|m| here(&m.jurisdiction)).collect(),
                warnings: Vec::new(),
            }
        });
    }
    Ok(docs)
}

/// One place encoded: its shard's file name, size, checksum and what `keep` made of it, its
/// number of measures, and each of its units' counts.
struct BuiltPlace<S, E> {
    file: String,
    bytes: usize,
    checksum: u32,
    kept: Result<S, E>,
    measures: usize,
    units: Vec<(String, PlaceCounts)>,
}

/// Encodes place `i`'s shard, hands it to `keep` and counts the place's units by role.
fn build_place<S, E>(i: usize, docs: Vec<Document>, keep: &impl Fn(&str, Vec<u8>) -> Result<S, E>) -> BuiltPlace<S, E> {
    let bytes = encode(&docs);
    // `encode` framed the shard: its header holds the checksum.
    let checksum = header_checksum(&bytes).unwrap_or_default();
    let file = shard_file_name(i, checksum);
    let size = bytes.len();
    let kept = keep(&file, bytes);
    let measures: Vec<Measure> = docs.into_iter().flat_map(|d| d.measures).collect();
    // Units are resolved per place, so this place's directory holds exactly its units.
    let (dir, printed) = crate::units::Directory::build_printed(&measures);
    let roles = crate::index::RoleIndex::build(&measures, &dir, &printed);
    let mut units: Vec<(String, PlaceCounts)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (u, postings) in dir.units.iter().zip(&roles.units) {
        let count = |role: crate::index::RowRole| postings.named(role).len() as u32;
        let here = PlaceCounts {
            place: i as u32,
            lead: count(crate::index::RowRole::Lead),
            responsible_first: count(crate::index::RowRole::ResponsibleFirst),
            support: count(crate::index::RowRole::Support),
            responsible: count(crate::index::RowRole::Responsible),
            collective: postings.collective.len() as u32,
        };
        // A name the place prints under two spellings of itself is one unit of it.
        match seen.get(u.key.as_str()) {
            Some(&row) => {
                let r = &mut units[row].1;
                r.lead += here.lead;
                r.responsible_first += here.responsible_first;
                r.support += here.support;
                r.responsible += here.responsible;
                r.collective += here.collective;
            }
            None => {
                seen.insert(&u.key, units.len());
                units.push((u.key.clone(), here));
            }
        }
    }
    BuiltPlace { file, bytes: size, checksum, kept, measures: measures.len(), units }
}

/// The file name of shard `index` with payload checksum `checksum`.
pub fn shard_file_name(index: usize, checksum: u32) -> String {
    format!("p{index:05}-{checksum:08x}.bin")
}

/// Whether `name` is a shard or unit summary file name as [`build_shards`] writes them
/// (`p00003-1a2b3c4d.bin`, `u007-1a2b3c4d.bin`).
pub fn is_shard_file_name(name: &str) -> bool {
    let Some((digits, rest)) = name
        .strip_prefix('p')
        .map(|r| (5, r))
        .or_else(|| name.strip_prefix('u').map(|r| (3, r)))
        .and_then(|(d, r)| Some((d, r.strip_suffix(".bin")?)))
    else {
        return false;
    };
    let Some((index, checksum)) = rest.split_once('-') else {
        return false;
    };
    index.len() >= digits
        && index.bytes().all(|c| c.is_ascii_digit())
        && checksum.len() == 8
        && checksum.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

/// Reads a manifest, checking magic, version, length and checksum first.
pub fn decode_manifest(bytes: &[u8]) -> Result<Manifest, StoreError> {
    let (payload, crc) = unframe(bytes, FileKind::Manifest)?;
    let mut r = Reader::new(payload);
    let read = |r: &mut Reader| -> Result<Manifest, Corruption> {
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
                return Err(Corruption::PlaceInNoShard { place: name, shard, shards: shards.len() });
            }
            places.push(PlaceEntry { name, shard, documents: r.varint()? as usize, measures: r.varint()? as usize });
        }
        let n = r.count("units")?;
        let mut units = Vec::with_capacity(n);
        for _ in 0..n {
            units.push(UnitEntry { name: r.str()?, places: r.varint()? as usize });
        }
        let n = r.count("summary files")?;
        let mut summaries = Vec::with_capacity(n);
        for i in 0..n {
            let bytes = r.varint()? as usize;
            let checksum = r.u32()?;
            summaries.push(SummaryEntry { file: summary_file_name(i, checksum), bytes, checksum });
        }
        r.finish()?;
        Ok(Manifest { version: format!("{crc:08x}"), shards, places, units, summaries })
    };
    read(&mut r).map_err(StoreError::Corrupt)
}

/// Reads shard `index` of `manifest`: a data file that must be exactly the one the manifest
/// lists. Errors name the shard.
pub fn decode_shard(manifest: &Manifest, index: usize, bytes: &[u8]) -> Result<DataFile, StoreError> {
    let Some(entry) = manifest.shards.get(index) else {
        return Err(StoreError::Corrupt(Corruption::NoSuchShard { index, shards: manifest.shards.len() }));
    };
    let in_shard = |error| StoreError::InShard { file: entry.file.clone(), error: Box::new(error) };
    let data = decode(bytes).map_err(in_shard)?;
    let found = u32::from_str_radix(&data.version, 16).unwrap_or_default();
    if found != entry.checksum || bytes.len() != entry.bytes {
        return Err(StoreError::ShardMismatch { file: entry.file.clone(), expected: entry.checksum, found });
    }
    Ok(data)
}
