//! Adding documents, correcting what was read, and writing data files: only in the full module
//! (the `ingest` feature). The query module a page loads first leaves the document reader and
//! the data-file writer out (www/plan-lookup.js switches modules on demand). The builder page
//! (www/builder.html) is the main user of the edits and the review.

use super::{to_js, Lookup};
use crate::edits::{self, Applied, Edits};
use crate::ingest::{ingest_bytes_with, IngestError, Options};
use crate::model::{Document, PlanSummary};
use crate::store;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The documents added at run time, each as read, and the edits applied over them.
#[derive(Default)]
pub(super) struct Reading {
    sources: Vec<Source>,
    edits: Edits,
}

/// One added document: its bytes (so a new place can be read again), the reading (before edits)
/// and what became of its edits.
struct Source {
    name: String,
    bytes: Vec<u8>,
    /// The place given to `addDocument`, used unless the edits set one.
    place: Option<String>,
    /// The reading, and the place it was read for.
    read: Option<(Option<String>, Document)>,
    applied: Applied,
}

impl Source {
    /// The document with `edits` applied, reading it (again) if the place it is read for changed.
    fn edited(&mut self, edits: &Edits) -> Result<Document, IngestError> {
        let place = edits.place_for(&self.name, self.place.as_deref());
        let doc = match &self.read {
            Some((read_for, doc)) if *read_for == place => doc.clone(),
            _ => {
                let doc = ingest_bytes_with(&self.name, &self.bytes, &Options { place: place.clone() })?;
                self.read = Some((place, doc.clone()));
                doc
            }
        };
        let (doc, applied) = edits.apply_to(doc);
        self.applied = applied;
        Ok(doc)
    }
}

impl Reading {
    /// What became of the edits of document `name` (none for a document from the data file).
    pub(super) fn unmatched(&self, name: &str) -> &[String] {
        self.sources.iter().find(|s| s.name == name).map_or(&[], |s| &s.applied.unmatched)
    }
}

/// A document's review: its plans and warnings as now, and every measure as read with the edits.
#[derive(Serialize)]
struct Review<'a> {
    name: &'a str,
    plans: &'a [PlanSummary],
    warnings: Vec<String>,
    unmatched: &'a [String],
    rows: Vec<edits::ReviewRow<'a>>,
}

fn bytes_of(data: &JsValue) -> Result<Vec<u8>, JsError> {
    if let Some(s) = data.as_string() {
        Ok(s.into_bytes())
    } else if data.is_instance_of::<js_sys::Uint8Array>() || data.is_instance_of::<js_sys::ArrayBuffer>() {
        // A view of the same bytes either way.
        Ok(js_sys::Uint8Array::new(data).to_vec())
    } else {
        Err(JsError::new("plan-lookup: addDocument(name, data): data must be a string, Uint8Array or ArrayBuffer"))
    }
}

#[wasm_bindgen]
impl Lookup {
    /// A data file of everything loaded now (file and added documents, with the edits), for
    /// saving: the bytes `plan-lookup build --edits` writes from the same documents and edits.
    #[wasm_bindgen(js_name = exportData)]
    pub fn export_data(&self) -> Vec<u8> {
        store::build_data_file(&self.full_docs())
    }

    /// Ingests a plan document given as text (plain or HTML) or bytes (`Uint8Array` /
    /// `ArrayBuffer`: any format the reader takes), with the same reader as the CLI and the edits
    /// set by `setEdits`, and rebuilds the index. A document with the same name is replaced.
    /// Returns what was found: `{name, plans, measures, source, warnings, unmatched}`.
    #[wasm_bindgen(js_name = addDocument)]
    pub fn add_document(&mut self, name: &str, data: JsValue, place: Option<String>) -> Result<JsValue, JsError> {
        let mut source = Source { name: name.to_string(), bytes: bytes_of(&data)?, place, read: None, applied: Applied::default() };
        let doc = source.edited(&self.reading.edits).map_err(|e| JsError::new(&format!("plan-lookup: {name}: {e}")))?;
        match self.reading.sources.iter().position(|s| s.name == name) {
            Some(i) => self.reading.sources[i] = source,
            None => self.reading.sources.push(source),
        }
        let mut docs = self.take_docs();
        let index = self.put_document(&mut docs, doc);
        self.set_docs(docs);
        to_js(&self.doc_info(index))
    }

    /// The largest plan document the reader takes, in bytes: a bigger file is refused before
    /// it is read.
    #[wasm_bindgen(js_name = maxDocumentBytes)]
    pub fn max_document_bytes() -> usize {
        crate::ingest::MAX_DOCUMENT_BYTES
    }

    /// Removes an added document by name; returns whether there was one.
    #[wasm_bindgen(js_name = removeDocument)]
    pub fn remove_document(&mut self, name: &str) -> bool {
        let Some(i) = self.docs.iter().position(|d| d.name == name) else { return false };
        if i < self.from_file {
            self.from_file -= 1;
        }
        let mut docs = self.take_docs();
        docs.remove(i);
        self.set_docs(docs);
        self.reading.sources.retain(|s| s.name != name);
        true
    }

    /// Sets the corrections (an edits object, as www/builder.html saves it: see `src/edits`)
    /// and applies them to every added document, reading a document again when its place
    /// changed. Throws, changing nothing, if the edits are malformed. Returns `info()`; each
    /// document's `unmatched` lists the edits that found no measure.
    #[wasm_bindgen(js_name = setEdits)]
    pub fn set_edits(&mut self, edits: JsValue) -> Result<JsValue, JsError> {
        let edits: Edits = serde_wasm_bindgen::from_value(edits)
            .map_err(|e| JsError::new(&format!("plan-lookup: not an edits file ({e}): load an edits file saved by the builder page")))?;
        edits.check().map_err(|e| JsError::new(&format!("plan-lookup: {e}")))?;
        let mut docs = Vec::with_capacity(self.reading.sources.len());
        for source in &mut self.reading.sources {
            docs.push(source.edited(&edits).map_err(|e| JsError::new(&format!("plan-lookup: {}: {e}", source.name)))?);
        }
        self.reading.edits = edits;
        let mut all = self.take_docs();
        for doc in docs {
            self.put_document(&mut all, doc);
        }
        self.set_docs(all);
        self.info()
    }

    /// The review of an added document: `{name, plans, warnings, unmatched, rows}`, a row per
    /// measure as read (`{measure, number, path, title, raw, lead, support, responsible, read,
    /// dropped, doubts}`) with the edits applied; `null` for a name not added.
    pub fn review(&self, name: &str) -> Result<JsValue, JsError> {
        let (Some(source), Some(i)) = (self.reading.sources.iter().find(|s| s.name == name), self.docs.iter().position(|d| d.name == name))
        else {
            return Ok(JsValue::NULL);
        };
        let Some((_, read)) = &source.read else { return Ok(JsValue::NULL) };
        let info = self.doc_info(i);
        to_js(&Review {
            name,
            plans: info.plans,
            warnings: info.warnings,
            unmatched: &source.applied.unmatched,
            rows: edits::review(read, self.reading.edits.documents.get(name)),
        })
    }
}

impl Lookup {
    /// Puts `doc` in place of the document of its name in `docs` (taken with `take_docs`), or
    /// after the others; returns its index. A file document replaced at run time becomes an
    /// added one.
    fn put_document(&mut self, docs: &mut Vec<Document>, doc: Document) -> usize {
        match docs.iter().position(|d| d.name == doc.name) {
            Some(i) if i < self.from_file => {
                self.from_file -= 1;
                docs.remove(i);
                docs.push(doc);
                docs.len() - 1
            }
            Some(i) => {
                docs[i] = doc;
                i
            }
            None => {
                docs.push(doc);
                docs.len() - 1
            }
        }
    }
}
