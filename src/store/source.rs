//! Documents read one at a time, so a sharded build holds one place's documents at once, not
//! the whole province: a slice of documents already in memory, a data file decoded lazily, or
//! several of them one after the other.

use super::error::StoreError;
use super::frame::{unframe, FileKind};
use super::reader::Reader;
use crate::model::Document;

/// Where a build's documents come from.
pub trait DocumentSource {
    /// How many documents.
    fn len(&self) -> usize;
    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The places document `i` is for (see [`places_of`]).
    fn places(&self, i: usize) -> Vec<String>;
    /// Document `i`, read now.
    fn document(&mut self, i: usize) -> Result<Document, StoreError>;
}

/// The places a document is for: its measures' jurisdictions, then its plans', each once, in
/// order of appearance ("" when it names none).
pub fn places_of(doc: &Document) -> Vec<String> {
    distinct_places(doc.measures.iter().map(|m| m.jurisdiction.as_str()).chain(doc.plans.iter().map(|p| p.jurisdiction.as_str())))
}

/// `jurisdictions` (a document's measures', then its plans'), each once, in order of appearance;
/// `[""]` when there are none.
pub(super) fn distinct_places<'a>(jurisdictions: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut places: Vec<String> = Vec::new();
    for j in jurisdictions {
        if !places.iter().any(|p| p == j) {
            places.push(j.to_string());
        }
    }
    if places.is_empty() {
        places.push(String::new());
    }
    places
}

/// Documents already in memory.
pub struct InMemory<'a>(pub &'a [Document]);

impl DocumentSource for InMemory<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn places(&self, i: usize) -> Vec<String> {
        places_of(&self.0[i])
    }
    fn document(&mut self, i: usize) -> Result<Document, StoreError> {
        Ok(self.0[i].clone())
    }
}

/// A data file whose documents are decoded when asked for: opening it reads the string table
/// and notes where each document starts and which places it is for; a document's measures are
/// materialised only while it is being used.
pub struct DataFileDocuments<'a> {
    reader: Reader<'a>,
    starts: Vec<(usize, usize)>,
    places: Vec<Vec<String>>,
}

impl<'a> DataFileDocuments<'a> {
    /// Checks the file (magic, version, length, checksum) and reads it through once.
    pub fn open(bytes: &'a [u8]) -> Result<Self, StoreError> {
        let (payload, _) = unframe(bytes, FileKind::Data)?;
        let mut reader = Reader::new(payload);
        let mut starts = Vec::new();
        let mut places = Vec::new();
        (|| {
            reader.string_table()?;
            let positions = reader.document_positions()?;
            starts = vec![(0, 0); positions.len()];
            places.resize_with(positions.len(), Vec::new);
            for p in positions {
                starts[p] = reader.mark();
                places[p] = reader.document_places()?;
            }
            reader.finish()
        })()
        .map_err(StoreError::Corrupt)?;
        Ok(DataFileDocuments { reader, starts, places })
    }
}

impl DocumentSource for DataFileDocuments<'_> {
    fn len(&self) -> usize {
        self.starts.len()
    }
    fn places(&self, i: usize) -> Vec<String> {
        self.places[i].clone()
    }
    fn document(&mut self, i: usize) -> Result<Document, StoreError> {
        self.reader.seek(self.starts[i]);
        self.reader.document().map_err(StoreError::Corrupt)
    }
}

/// Several sources, one after the other.
pub struct Chain<'a>(pub Vec<Box<dyn DocumentSource + 'a>>);

impl Chain<'_> {
    /// The source holding document `i`, and its index there.
    fn locate(&self, mut i: usize) -> (usize, usize) {
        for (s, source) in self.0.iter().enumerate() {
            if i < source.len() {
                return (s, i);
            }
            i -= source.len();
        }
        (self.0.len(), i)
    }
}

impl DocumentSource for Chain<'_> {
    fn len(&self) -> usize {
        self.0.iter().map(|s| s.len()).sum()
    }
    fn places(&self, i: usize) -> Vec<String> {
        let (s, j) = self.locate(i);
        self.0[s].places(j)
    }
    fn document(&mut self, i: usize) -> Result<Document, StoreError> {
        let (s, j) = self.locate(i);
        self.0[s].document(j)
    }
}
