//! The browser API: a thin wasm-bindgen layer over [`store`], [`ingest`](crate::ingest) and
//! [`Engine`], nothing else. `www/plan-lookup.js` wraps it in a friendlier ES module.
//!
//! Values cross as plain JS objects with the same field names as the CLI's JSON
//! (serde-wasm-bindgen, JSON-compatible: `None` is `null`, maps are objects). Every failure is a
//! JS `Error` with a message saying what to do; nothing here panics on bad input.

use crate::model::{Document, PlanSummary};
use crate::query::Engine;
use crate::store::{self, FORMAT_VERSION};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A loaded corpus: documents, and the engine built over their measures.
#[wasm_bindgen]
pub struct Lookup {
    docs: Vec<Document>,
    /// How many of `docs` came from the data file (the rest were added at run time).
    from_file: usize,
    /// The data file's version (payload checksum), if one was loaded.
    version: Option<String>,
    engine: Engine,
}

#[derive(Serialize)]
struct DocInfo<'a> {
    name: &'a str,
    plans: &'a [PlanSummary],
    measures: usize,
    /// "file" (from the data file) or "added" (by `addDocument`).
    source: &'static str,
    warnings: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info<'a> {
    format_version: u16,
    data_version: Option<&'a str>,
    measures: usize,
    documents: Vec<DocInfo<'a>>,
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            JsError::new(&format!(
                "plan-lookup: could not convert the result for JavaScript: {e}"
            ))
        })
}

#[wasm_bindgen]
impl Lookup {
    /// An empty lookup; add documents with `addDocument`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Lookup {
        Lookup {
            docs: Vec::new(),
            from_file: 0,
            version: None,
            engine: Engine::new(Vec::new()),
        }
    }

    /// Loads a data file written by `plan-lookup build` (throws if it is stale or damaged).
    #[wasm_bindgen(js_name = fromData)]
    pub fn from_data(bytes: &[u8]) -> Result<Lookup, JsError> {
        let data = store::decode(bytes).map_err(|e| JsError::new(&format!("plan-lookup: {e}")))?;
        let engine = Engine::new(data.measures());
        Ok(Lookup {
            from_file: data.documents.len(),
            docs: data.documents,
            version: Some(data.version),
            engine,
        })
    }

    /// Ingests a plan document given as text (plain or HTML) or bytes (`Uint8Array` /
    /// `ArrayBuffer`: UTF-8, UTF-16 with BOM, GBK/GB18030, HTML), with the same parser as the
    /// CLI, and rebuilds the index. A document with the same name is replaced. Returns what was
    /// found: `{name, plans, measures, source, warnings}`.
    #[wasm_bindgen(js_name = addDocument)]
    pub fn add_document(&mut self, name: &str, data: JsValue) -> Result<JsValue, JsError> {
        let bytes: Vec<u8> = if let Some(s) = data.as_string() {
            s.into_bytes()
        } else if data.is_instance_of::<js_sys::Uint8Array>() {
            js_sys::Uint8Array::from(data).to_vec()
        } else if data.is_instance_of::<js_sys::ArrayBuffer>() {
            js_sys::Uint8Array::new(&data).to_vec()
        } else {
            return Err(JsError::new(
                "plan-lookup: addDocument(name, data): data must be a string, Uint8Array or ArrayBuffer",
            ));
        };
        let doc = crate::ingest_bytes(name, &bytes)
            .map_err(|e| JsError::new(&format!("plan-lookup: {name}: {e}")))?;
        let index = match self.docs.iter().position(|d| d.name == name) {
            Some(i) => {
                if i < self.from_file {
                    // A file document replaced at run time becomes an added one.
                    self.from_file -= 1;
                    self.docs.remove(i);
                    self.docs.push(doc);
                    self.docs.len() - 1
                } else {
                    self.docs[i] = doc;
                    i
                }
            }
            None => {
                self.docs.push(doc);
                self.docs.len() - 1
            }
        };
        self.engine = Engine::new(
            self.docs
                .iter()
                .flat_map(|d| d.measures.iter().cloned())
                .collect(),
        );
        to_js(&self.doc_info(index))
    }

    /// Answers a question: `{question, intent, unit, place, role, topic, keywords, results,
    /// summary, suggestions, message, units}` as in the CLI's `--json`.
    pub fn ask(&self, question: &str) -> Result<JsValue, JsError> {
        to_js(&self.engine.ask(question))
    }

    /// The unit directory: `[{place, name, kind, aliases, lead, responsible_first, support,
    /// responsible, collective, members}]`.
    pub fn units(&self) -> Result<JsValue, JsError> {
        to_js(&self.engine.units())
    }

    /// One measure by its id (`results[i].id`), with the fields of `plan-lookup export`, or
    /// `null` if there is no such measure.
    pub fn measure(&self, id: f64) -> Result<JsValue, JsError> {
        if !(id >= 0.0 && id.fract() == 0.0 && id < self.engine.measures().len() as f64) {
            return Ok(JsValue::NULL);
        }
        match self.engine.measure(id as usize) {
            Some(m) => to_js(m),
            None => Ok(JsValue::NULL),
        }
    }

    /// Number of measures loaded.
    #[wasm_bindgen(getter, js_name = measureCount)]
    pub fn measure_count(&self) -> usize {
        self.engine.measures().len()
    }

    /// `{formatVersion, dataVersion, measures, documents: [{name, plans, measures, source, warnings}]}`.
    pub fn info(&self) -> Result<JsValue, JsError> {
        to_js(&Info {
            format_version: FORMAT_VERSION,
            data_version: self.version.as_deref(),
            measures: self.engine.measures().len(),
            documents: (0..self.docs.len()).map(|i| self.doc_info(i)).collect(),
        })
    }

    /// A data file of everything loaded now (file and added documents), for saving.
    #[wasm_bindgen(js_name = exportData)]
    pub fn export_data(&self) -> Vec<u8> {
        store::encode(&self.docs)
    }
}

impl Default for Lookup {
    fn default() -> Self {
        Lookup::new()
    }
}

impl Lookup {
    fn doc_info(&self, i: usize) -> DocInfo<'_> {
        let d = &self.docs[i];
        DocInfo {
            name: &d.name,
            plans: &d.plans,
            measures: d.measures.len(),
            source: if i < self.from_file { "file" } else { "added" },
            warnings: d
                .warnings
                .iter()
                .map(|w| {
                    if w.plan.is_empty() {
                        w.message.clone()
                    } else {
                        format!("{}: {}", w.plan, w.message)
                    }
                })
                .collect(),
        }
    }
}
