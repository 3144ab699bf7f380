//! Unit summaries of a sharded build: for each unit printed in two or more places, how many
//! measures it holds in each place, by role. They answer a question about every place ("which
//! places' 区司法局 lead which measures") with counts per place, without fetching the places'
//! shards. `build --shards` writes them in a few files (units hashed to files, so a question
//! fetches only the file of its unit), listed in the manifest like shards:
//!
//! ```text
//! file      = header (magic "PLKU", SUMMARY_VERSION) payload
//! payload   = table varint(#units) unit*
//! unit      = str(canonical name) varint(#places) place*
//! place     = varint(place index) varint(lead) varint(responsible_first) varint(support)
//!             varint(responsible) varint(collective)
//! ```
//!
//! File i's name is derived from the manifest: `u{i:03}-{crc32:08x}.bin`.

use super::error::{Corruption, StoreError};
use super::frame::{frame, unframe, FileKind};
use super::reader::Reader;
use super::strings::{put_varint, Strings};
use serde::Serialize;

/// First four bytes of a unit summary file.
pub const SUMMARY_MAGIC: [u8; 4] = *b"PLKU";
/// Version of the summary layout above; readers reject every other version.
pub const SUMMARY_VERSION: u16 = 2;
/// About this many (unit, place) rows go in one summary file (~40 KB raw, ~15 KB gzipped).
const ROWS_PER_FILE: usize = 8192;

/// A unit's measures in one place, by role (as the unit directory counts them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaceCounts {
    /// Index into the manifest's places (not serialised: readers show the place's name).
    #[serde(skip)]
    pub place: u32,
    pub lead: u32,
    pub responsible_first: u32,
    pub support: u32,
    pub responsible: u32,
    /// Measures that reach the unit only through a collective name (各有关单位).
    pub collective: u32,
}

/// One unit across the places that print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSummary {
    pub name: String,
    pub places: Vec<PlaceCounts>,
}

/// A summary file as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryEntry {
    pub file: String,
    pub bytes: usize,
    pub checksum: u32,
}

/// The file name of summary file `index` with payload checksum `checksum`.
pub fn summary_file_name(index: usize, checksum: u32) -> String {
    format!("u{index:03}-{checksum:08x}.bin")
}

/// Which of `files` summary files holds unit `name` (FNV-1a of its UTF-8, so every reader and
/// the writer agree without a table).
pub fn summary_file_of(name: &str, files: usize) -> usize {
    let hash = name.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    hash as usize % files.max(1)
}

/// Encodes `units` into summary files: their bytes, in file order.
pub(super) fn encode_summaries(mut units: Vec<UnitSummary>) -> Vec<Vec<u8>> {
    let rows: usize = units.iter().map(|u| u.places.len()).sum();
    if rows == 0 {
        return Vec::new();
    }
    let files = rows.div_ceil(ROWS_PER_FILE);
    units.sort_by(|a, b| a.name.cmp(&b.name));
    let mut by_file: Vec<Vec<UnitSummary>> = vec![Vec::new(); files];
    for u in units {
        by_file[summary_file_of(&u.name, files)].push(u);
    }
    by_file
        .iter()
        .map(|units| {
            let mut strings = Strings::default();
            let mut body = Vec::new();
            put_varint(&mut body, units.len() as u64);
            for u in units {
                strings.put(&mut body, &u.name);
                put_varint(&mut body, u.places.len() as u64);
                for p in &u.places {
                    for v in [p.place, p.lead, p.responsible_first, p.support, p.responsible, p.collective] {
                        put_varint(&mut body, u64::from(v));
                    }
                }
            }
            frame(SUMMARY_MAGIC, SUMMARY_VERSION, &strings.payload(&body))
        })
        .collect()
}

/// Reads summary file `index` of a manifest with `entries`, checking it is exactly the file the
/// manifest lists and that every place index is one of the manifest's `places`.
pub fn decode_summary(entries: &[SummaryEntry], places: usize, index: usize, bytes: &[u8]) -> Result<Vec<UnitSummary>, StoreError> {
    let Some(entry) = entries.get(index) else {
        return Err(StoreError::Corrupt(Corruption::NoSuchSummary { index, files: entries.len() }));
    };
    let in_file = |error| StoreError::InShard { file: entry.file.clone(), error: Box::new(error) };
    let (payload, crc) = unframe(bytes, FileKind::Summary).map_err(in_file)?;
    if crc != entry.checksum || bytes.len() != entry.bytes {
        return Err(StoreError::ShardMismatch { file: entry.file.clone(), expected: entry.checksum, found: crc });
    }
    let mut r = Reader::new(payload);
    let read = |r: &mut Reader| -> Result<Vec<UnitSummary>, Corruption> {
        r.string_table()?;
        let n = r.count("units")?;
        let mut units = Vec::with_capacity(n);
        for _ in 0..n {
            let name = r.str()?;
            let m = r.count("places")?;
            let mut rows = Vec::with_capacity(m);
            for _ in 0..m {
                let mut v = [0u32; 6];
                for x in &mut v {
                    *x = u32::try_from(r.varint()?).map_err(|_| Corruption::CountOutOfRange)?;
                }
                if v[0] as usize >= places {
                    return Err(Corruption::NoSuchPlace { index: v[0] as usize, places });
                }
                let [place, lead, responsible_first, support, responsible, collective] = v;
                rows.push(PlaceCounts { place, lead, responsible_first, support, responsible, collective });
            }
            units.push(UnitSummary { name, places: rows });
        }
        r.finish()?;
        Ok(units)
    };
    read(&mut r).map_err(|e| in_file(StoreError::Corrupt(e)))
}
