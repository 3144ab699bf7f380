//! The browser API: a thin wasm-bindgen layer over [`store`], [`ingest`](crate::ingest) and
//! [`Engine`], nothing else. `www/plan-lookup.js` wraps it in a friendlier ES module.
//!
//! Values cross as plain JS objects with the same field names as the CLI's JSON
//! (serde-wasm-bindgen, JSON-compatible: `None` is `null`, maps are objects). Every failure is a
//! JS `Error` with a message saying what to do; nothing here panics on bad input.

mod across;
#[cfg(feature = "ingest")]
mod builder;

use crate::model::{Document, PlanSummary};
use crate::query::{Engine, Intent};
use crate::store::{self, Manifest, FORMAT_VERSION};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A data file or shard that cannot be read, as a JS `Error` with the message and a `reason`
/// property ([`store::StoreError::reason`]).
fn data_error(e: store::StoreError) -> JsValue {
    let error = js_sys::Error::new(&format!("plan-lookup: {e}"));
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("reason"), &JsValue::from_str(e.reason()));
    error.into()
}

/// A loaded corpus: documents, and the engine built over their measures.
#[wasm_bindgen]
pub struct Lookup {
    docs: Vec<Document>,
    /// How many of `docs` came from the data file (the rest were added at run time).
    from_file: usize,
    /// The data file's version (payload checksum), if one was loaded; for a sharded build the
    /// manifest's version.
    version: Option<String>,
    engine: Engine,
    /// The manifest of a sharded build, with which of its shards are loaded.
    sharded: Option<Sharded>,
    /// The documents added at run time, as read, and the edits applied to them.
    #[cfg(feature = "ingest")]
    reading: builder::Reading,
}

struct Sharded {
    manifest: Manifest,
    loaded: Vec<bool>,
    /// The unit summary files read so far, by index (see across.rs).
    summaries: Vec<Option<Vec<store::UnitSummary>>>,
    /// The manifest's places and units by name, built on the first question that needs them
    /// (every question of a sharded lookup looks for the places it names).
    place_names: std::cell::OnceCell<store::NameIndex>,
    unit_names: std::cell::OnceCell<store::NameIndex>,
}

/// A shard to fetch, as `placesFor`/`shardForPlace` return it.
#[derive(Serialize)]
struct ShardRequest<'a> {
    place: &'a str,
    shard: usize,
    /// File name relative to the manifest's URL.
    file: &'a str,
    bytes: usize,
    loaded: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlaceInfo<'a> {
    name: &'a str,
    shard: usize,
    file: &'a str,
    bytes: usize,
    documents: usize,
    measures: usize,
    loaded: bool,
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
        Lookup::assemble(Vec::new(), None, None)
    }

    /// Loads a data file written by `plan-lookup build` (throws if it is stale or damaged).
    #[wasm_bindgen(js_name = fromData)]
    pub fn from_data(bytes: &[u8]) -> Result<Lookup, JsValue> {
        let data = store::decode(bytes).map_err(data_error)?;
        Ok(Lookup::assemble(data.documents, Some(data.version), None))
    }

    /// Opens a sharded build from its manifest (`plan-lookup build --shards`), with no place
    /// loaded yet: fetch the shards `shardForPlace`/`shardsFor` name and pass them to `addShard`.
    #[wasm_bindgen(js_name = fromManifest)]
    pub fn from_manifest(bytes: &[u8]) -> Result<Lookup, JsValue> {
        let manifest = store::decode_manifest(bytes).map_err(data_error)?;
        let version = Some(manifest.version.clone());
        let (loaded, summaries) = (vec![false; manifest.shards.len()], vec![None; manifest.summaries.len()]);
        let (place_names, unit_names) = Default::default();
        Ok(Lookup::assemble(Vec::new(), version, Some(Sharded { loaded, summaries, manifest, place_names, unit_names })))
    }

    /// Whether this lookup was opened from a manifest.
    #[wasm_bindgen(getter, js_name = isSharded)]
    pub fn is_sharded(&self) -> bool {
        self.sharded.is_some()
    }

    /// The places of a sharded build: `[{name, shard, file, bytes, documents, measures,
    /// loaded}]` (empty for a single data file).
    pub fn places(&self) -> Result<JsValue, JsError> {
        let list: Vec<PlaceInfo> = match &self.sharded {
            None => Vec::new(),
            Some(s) => s
                .manifest
                .places
                .iter()
                .map(|p| {
                    let shard = &s.manifest.shards[p.shard];
                    PlaceInfo {
                        name: &p.name,
                        shard: p.shard,
                        file: &shard.file,
                        bytes: shard.bytes,
                        documents: p.documents,
                        measures: p.measures,
                        loaded: s.loaded[p.shard],
                    }
                })
                .collect(),
        };
        to_js(&list)
    }

    /// The unit directory across every place of a sharded build, from the manifest:
    /// `[{name, places}]` (canonical name, number of places naming it).
    #[wasm_bindgen(js_name = manifestUnits)]
    pub fn manifest_units(&self) -> Result<JsValue, JsError> {
        match &self.sharded {
            None => to_js(&[] as &[store::UnitEntry]),
            Some(s) => to_js(&s.manifest.units),
        }
    }

    /// The shard holding `place`: `{place, shard, file, bytes, loaded}`. Throws, naming some
    /// places, if the manifest has no such place.
    #[wasm_bindgen(js_name = shardForPlace)]
    pub fn shard_for_place(&self, place: &str) -> Result<JsValue, JsError> {
        let Some(s) = &self.sharded else {
            return Err(JsError::new(
                "plan-lookup: this lookup was loaded from a single data file, which holds every place; there are no shards to load",
            ));
        };
        let Some(i) = s.manifest.place(place) else {
            let some: Vec<&str> = s.manifest.places.iter().take(8).map(|p| p.name.as_str()).collect();
            return Err(JsError::new(&format!(
                "plan-lookup: the data has no place named \"{place}\" ({} places, e.g. {}): check the place attribute or option",
                s.manifest.places.len(),
                some.join("、")
            )));
        };
        to_js(&s.request(i))
    }

    /// The shards not yet loaded for the places a question names (by full or short name):
    /// `[{place, shard, file, bytes, loaded: false}]`; empty for a single data file.
    #[wasm_bindgen(js_name = shardsFor)]
    pub fn shards_for(&self, question: &str) -> Result<JsValue, JsError> {
        let list: Vec<ShardRequest> = match &self.sharded {
            None => Vec::new(),
            Some(s) => {
                let mut list: Vec<ShardRequest> = Vec::new();
                for r in s.places_in(question).into_iter().map(|i| s.request(i)) {
                    if !r.loaded && !list.iter().any(|x| x.shard == r.shard) {
                        list.push(r);
                    }
                }
                list
            }
        };
        to_js(&list)
    }

    /// Adds shard `index` (its bytes as fetched), after checking it is exactly the shard the
    /// manifest lists, and rebuilds the index. Adding a loaded shard again does nothing. Returns
    /// the number of measures now loaded.
    #[wasm_bindgen(js_name = addShard)]
    pub fn add_shard(&mut self, index: usize, bytes: &[u8]) -> Result<usize, JsValue> {
        let Some(s) = &mut self.sharded else {
            return Err(JsError::new("plan-lookup: addShard needs a lookup opened with fromManifest (a sharded build)").into());
        };
        if s.loaded.get(index) == Some(&true) {
            return Ok(self.engine.measures().len());
        }
        let data = store::decode_shard(&s.manifest, index, bytes).map_err(data_error)?;
        s.loaded[index] = true;
        let n = data.documents.len();
        self.docs.splice(self.from_file..self.from_file, data.documents);
        self.from_file += n;
        self.rebuild();
        Ok(self.engine.measures().len())
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
        to_js(&Info {
            format_version: FORMAT_VERSION,
            data_version: self.version.as_deref(),
            measures: self.engine.measures().len(),
            documents: (0..self.docs.len()).map(|i| self.doc_info(i)).collect(),
            sharded: self.sharded.is_some(),
            places: self.sharded.as_ref().map_or(0, |s| s.manifest.places.len()),
            loaded_places: self.sharded.as_ref().map_or(0, |s| s.manifest.places.iter().filter(|p| s.loaded[p.shard]).count()),
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

impl Sharded {
    /// The places a question names, by index into the manifest's places.
    fn places_in(&self, question: &str) -> Vec<usize> {
        self.place_names.get_or_init(|| self.manifest.place_index()).named_in(question)
    }

    /// The units of the manifest's directory a question names, by index.
    fn units_in(&self, question: &str) -> Vec<usize> {
        self.unit_names.get_or_init(|| self.manifest.unit_index()).named_in(question)
    }

    fn request(&self, place: usize) -> ShardRequest<'_> {
        let p = &self.manifest.places[place];
        let shard = &self.manifest.shards[p.shard];
        ShardRequest { place: &p.name, shard: p.shard, file: &shard.file, bytes: shard.bytes, loaded: self.loaded[p.shard] }
    }
}

impl Lookup {
    /// A lookup over `docs` (all from the data file).
    fn assemble(docs: Vec<Document>, version: Option<String>, sharded: Option<Sharded>) -> Lookup {
        let engine = Engine::new(docs.iter().flat_map(|d| d.measures.iter().cloned()).collect());
        Lookup {
            from_file: docs.len(),
            docs,
            version,
            engine,
            sharded,
            #[cfg(feature = "ingest")]
            reading: builder::Reading::default(),
        }
    }

    /// Rebuilds the engine over every loaded document.
    fn rebuild(&mut self) {
        self.engine = Engine::new(self.docs.iter().flat_map(|d| d.measures.iter().cloned()).collect());
    }

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
                .map(|w| if w.plan.is_empty() { w.message.clone() } else { format!("{}: {}", w.plan, w.message) })
                .collect(),
            #[cfg(feature = "ingest")]
            unmatched: self.reading.unmatched(&d.name),
            #[cfg(not(feature = "ingest"))]
            unmatched: &[],
        }
    }
}
