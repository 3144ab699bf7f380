//! The browser API: a thin wasm-bindgen layer over [`store`], [`ingest`](crate::ingest) and
//! [`Engine`], nothing else. `www/plan-lookup.js` wraps it in a friendlier ES module.
//!
//! Values cross as plain JS objects with the same field names as the CLI's JSON (written as
//! JSON in wasm and parsed by the browser, see `to_js`: `None` is `null`, maps are objects).
//! Every failure is a JS `Error` with a message saying what to do; nothing here panics on bad
//! input.

#[cfg(feature = "shards")]
mod across;
mod alloc;
#[cfg(feature = "ingest")]
mod builder;
#[cfg(feature = "shards")]
mod shards;

use crate::model::{Document, PlanSummary};
use crate::query::everyday::EverydayTerms;
use crate::query::pinyin::Pinyin;
use crate::query::{Engine, Intent};
use crate::store::{self, FORMAT_VERSION};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A data file or shard that cannot be read, as a JS `Error` with the message and a `reason`
/// property ([`store::StoreError::reason`]).
fn data_error(e: store::StoreError) -> JsValue {
    let error = js_sys::Error::new(&crate::text::cat(&["plan-lookup: ", &e.message()]));
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("reason"), &JsValue::from_str(e.reason()));
    error.into()
}

/// A loaded corpus: documents, and the engine built over their measures.
#[wasm_bindgen]
pub struct Lookup {
    /// The loaded documents without their measures: the engine holds those, in document order
    /// (`counts[i]` for document i), so loading a data file does not copy every measure. Code
    /// that changes the documents takes them whole with `take_docs` and gives them back with
    /// `set_docs`.
    docs: Vec<Document>,
    counts: Vec<usize>,
    /// How many of `docs` came from the data file (the rest were added at run time).
    from_file: usize,
    /// The data file's version (payload checksum), if one was loaded; for a sharded build the
    /// manifest's version.
    version: Option<String>,
    engine: Engine,
    /// The manifest of a sharded build, with which of its shards are loaded.
    #[cfg(feature = "shards")]
    sharded: Option<shards::Sharded>,
    /// The documents added at run time, as read, and the edits applied to them.
    #[cfg(feature = "ingest")]
    reading: builder::Reading,
}

#[derive(Serialize)]
struct DocInfo<'a> {
    name: &'a str,
    plans: &'a [PlanSummary],
    measures: usize,
    /// "file" (from the data file) or "added" (by `addDocument`).
    source: &'static str,
    warnings: Vec<String>,
    /// Edits (`setEdits`) that found no measure or plan in this document, each in a sentence.
    unmatched: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info<'a> {
    format_version: u16,
    data_version: Option<&'a str>,
    measures: usize,
    documents: Vec<DocInfo<'a>>,
    /// Whether this is a sharded build (loaded from a manifest).
    sharded: bool,
    /// Places of the manifest (sharded builds) and how many of them are loaded.
    places: usize,
    loaded_places: usize,
}

/// `docs` without their measures, how many each had, and the engine built over the measures
/// (which it takes: see `Lookup::docs`).
fn split_docs(mut docs: Vec<Document>) -> (Vec<Document>, Vec<usize>, Engine) {
    let counts: Vec<usize> = docs.iter().map(|d| d.measures.len()).collect();
    // Sized once: collected from a flat_map, the Vec grew a doubling at a time, copying the
    // measures each time (the browser's first load).
    let mut measures = Vec::with_capacity(counts.iter().sum());
    docs.iter_mut().for_each(|d| measures.append(&mut d.measures));
    (docs, counts, Engine::new(measures))
}

/// Gives each of `docs` its `counts[i]` measures, taken in order from `measures` (the engine's,
/// which follow the documents' order: see `Lookup::docs`).
#[cfg(any(feature = "ingest", feature = "shards"))]
fn refill(docs: &mut [Document], counts: &[usize], mut measures: impl Iterator<Item = crate::model::Measure>) {
    for (d, &n) in docs.iter_mut().zip(counts) {
        d.measures = measures.by_ref().take(n).collect();
    }
}

/// A value as a JS object: written as JSON in wasm and parsed by the browser's `JSON.parse`.
/// Building the object property by property from wasm (serde-wasm-bindgen) crossed into JS for
/// every field, about 7 µs per result of an answer; one string crossing and the engine's native
/// JSON parser take a fraction of that, and keep serde-wasm-bindgen out of the query module.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    // Writing these values into a String cannot fail (no map has non-string keys); the error's
    // own wording (serde_json's messages) is left out of the module.
    let fail = || JsError::new("plan-lookup: could not convert the result for JavaScript; please report this");
    let json = serde_json::to_string(value).map_err(|_| fail())?;
    js_sys::JSON::parse(&json).map_err(|_| fail())
}

#[wasm_bindgen]
impl Lookup {
    /// An empty lookup; add documents with `addDocument`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Lookup {
        Lookup::assemble(Vec::new(), None)
    }

    /// Loads a data file written by `plan-lookup build` (throws if it is stale or damaged).
    #[wasm_bindgen(js_name = fromData)]
    pub fn from_data(bytes: &[u8]) -> Result<Lookup, JsValue> {
        let data = store::decode(bytes).map_err(data_error)?;
        Ok(Lookup::assemble(data.documents, Some(data.version)))
    }

    /// Reads questions' everyday words (上访 → 信访) with a terms list in the form
    /// `plan-lookup.js` hands over (`EverydayTerms::from_flat`: a line per term, tab-separated
    /// words), in place of any given before.
    #[wasm_bindgen(js_name = setEverydayTerms)]
    pub fn set_everyday_terms(&mut self, flat: &str) {
        self.engine.set_everyday_terms(EverydayTerms::from_flat(flat));
    }

    /// Tells input-method slips in questions by their sound (社会信用管里 for 社会信用管理) with
    /// the pinyin table (pkg/pinyin.txt, `Pinyin::parse`), in place of any given before.
    #[wasm_bindgen(js_name = setPinyin)]
    pub fn set_pinyin(&mut self, text: &str) {
        self.engine.set_pinyin(Pinyin::parse(text));
    }

    /// Whether this lookup was opened from a manifest.
    #[wasm_bindgen(getter, js_name = isSharded)]
    pub fn is_sharded(&self) -> bool {
        self.shard_counts().0
    }

    /// Answers a question: `{question, intent, unit, place, role, topic, keywords, results,
    /// summary, suggestions, message, units}` as in the CLI's `--json`.
    pub fn ask(&self, question: &str) -> Result<JsValue, JsError> {
        to_js(&self.engine.ask_view(question))
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
        let (sharded, places, loaded_places) = self.shard_counts();
        to_js(&Info {
            format_version: FORMAT_VERSION,
            data_version: self.version.as_deref(),
            measures: self.engine.measures().len(),
            documents: (0..self.docs.len()).map(|i| self.doc_info(i)).collect(),
            sharded,
            places,
            loaded_places,
        })
    }

    /// The matches of a question, ranked as `ask` ranks its results, without their text, packed
    /// in one `Uint32Array`: `[intent, n, id₁…idₙ, role₁…roleₙ]` (the intent as an index of
    /// `Intent::ALL`, roles of `RowRole::ALL`). For lists that show a page at a time: one
    /// array crosses to JS instead of every field of every result (www/plan-lookup.js unpacks it).
    pub fn find(&self, question: &str) -> Vec<u32> {
        let hits = self.engine.search(question);
        let n = hits.rows.len();
        let mut out = Vec::with_capacity(2 + 2 * n);
        out.push(hits.intent as u32);
        out.push(n as u32);
        out.extend(hits.rows.iter().map(|r| r.measure));
        out.extend(hits.rows.iter().map(|r| r.role as u32));
        out
    }

    /// Intent names by the numbers `find` gives.
    #[wasm_bindgen(js_name = intentNames)]
    pub fn intent_names() -> js_sys::Array {
        Intent::ALL.iter().map(|i| JsValue::from_str(i.as_str())).collect()
    }

    /// Every Chinese label of a machine name (roles, role families, unit kinds, conjunctions,
    /// structural questions, parts of a reading, the role verbs questions are written with), as
    /// `{table: [[name, label], …]}` from `query::labels`, the one place they are written.
    pub fn labels() -> Result<JsValue, JsError> {
        to_js(&crate::query::labels::labels())
    }

    /// Role names by the numbers `find` gives: `["lead", "responsible_first", …]`.
    #[wasm_bindgen(js_name = roleNames)]
    pub fn role_names() -> js_sys::Array {
        crate::index::RowRole::ALL.iter().map(|r| JsValue::from_str(r.as_str())).collect()
    }

    /// Whether this module can read plan documents (`addDocument`): the full module can, the
    /// query module cannot.
    #[wasm_bindgen(getter, js_name = canAddDocuments)]
    pub fn can_add_documents(&self) -> bool {
        cfg!(feature = "ingest")
    }
}

impl Default for Lookup {
    fn default() -> Self {
        Lookup::new()
    }
}

impl Lookup {
    /// A lookup over `docs` (all from the data file).
    fn assemble(docs: Vec<Document>, version: Option<String>) -> Lookup {
        let (docs, counts, engine) = split_docs(docs);
        Lookup {
            from_file: docs.len(),
            docs,
            counts,
            version,
            engine,
            #[cfg(feature = "shards")]
            sharded: None,
            #[cfg(feature = "ingest")]
            reading: builder::Reading::default(),
        }
    }

    /// Whether this is a sharded build, its places and how many are loaded: never, in a module
    /// built without sharded builds (the query module).
    #[cfg(not(feature = "shards"))]
    fn shard_counts(&self) -> (bool, usize, usize) {
        (false, 0, 0)
    }

    /// Takes the documents, each with its measures, out of the engine to change them; the
    /// caller gives them back with `set_docs` at once, which builds the engine again (nothing
    /// may ask in between: the engine holds no measures then).
    #[cfg(any(feature = "ingest", feature = "shards"))]
    fn take_docs(&mut self) -> Vec<Document> {
        let mut docs = std::mem::take(&mut self.docs);
        refill(&mut docs, &self.counts, self.engine.take_measures().into_iter());
        self.counts.clear();
        docs
    }

    /// Keeps `docs` and builds the engine over their measures, which it takes.
    #[cfg(any(feature = "ingest", feature = "shards"))]
    fn set_docs(&mut self, docs: Vec<Document>) {
        let everyday = std::mem::take(self.engine.everyday_terms_mut());
        let pinyin = self.engine.take_pinyin();
        (self.docs, self.counts, self.engine) = split_docs(docs);
        self.engine.set_everyday_terms(everyday);
        self.engine.set_pinyin(pinyin);
    }

    /// The documents with copies of their measures (to write a data file).
    #[cfg(feature = "ingest")]
    fn full_docs(&self) -> Vec<Document> {
        let mut docs = self.docs.clone();
        refill(&mut docs, &self.counts, self.engine.measures().iter().cloned());
        docs
    }

    fn doc_info(&self, i: usize) -> DocInfo<'_> {
        let d = &self.docs[i];
        DocInfo {
            name: &d.name,
            plans: &d.plans,
            measures: self.counts[i],
            source: if i < self.from_file { "file" } else { "added" },
            warnings: d
                .warnings
                .iter()
                .map(|w| if w.plan.is_empty() { w.message.clone() } else { crate::text::cat(&[&w.plan, ": ", &w.message]) })
                .collect(),
            #[cfg(feature = "ingest")]
            unmatched: self.reading.unmatched(&d.name),
            #[cfg(not(feature = "ingest"))]
            unmatched: &[],
        }
    }
}
