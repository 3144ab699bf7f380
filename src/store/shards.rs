//! Sharded builds: one data file per place and a manifest (see the module docs of [`super`]).

use super::error::{Corruption, StoreError};
use super::frame::{frame, unframe, FileKind};
use super::reader::Reader;
use super::strings::{put_varint, Strings};
use super::{decode, encode, DataFile};
use crate::model::{Document, Measure};
use std::collections::HashMap;

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
        r.finish()?;
        Ok(Manifest { version: format!("{crc:08x}"), shards, places, units })
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
