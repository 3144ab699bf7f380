//! Sharded builds (`plan-lookup build --shards`): a lookup opened from the manifest, with the
//! places' shards added as they are fetched. Only in the modules built with the `shards`
//! feature: the sharded-build module and the full module. The query module, which a page with a
//! single data file loads for its first answer, leaves this (and across.rs) out.

use super::{data_error, to_js, Lookup};
use crate::store::{self, Manifest};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The manifest of a sharded build, and what of it is loaded.
pub(super) struct Sharded {
    pub(super) manifest: Manifest,
    pub(super) loaded: Vec<bool>,
    /// The unit summary files read so far, by index (see across.rs).
    pub(super) summaries: Vec<Option<Vec<store::UnitSummary>>>,
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

#[wasm_bindgen]
impl Lookup {
    /// Opens a sharded build from its manifest (`plan-lookup build --shards`), with no place
    /// loaded yet: fetch the shards `shardForPlace`/`shardsFor` name and pass them to `addShard`.
    #[wasm_bindgen(js_name = fromManifest)]
    pub fn from_manifest(bytes: &[u8]) -> Result<Lookup, JsValue> {
        let manifest = store::decode_manifest(bytes).map_err(data_error)?;
        let version = Some(manifest.version.clone());
        let (loaded, summaries) = (vec![false; manifest.shards.len()], vec![None; manifest.summaries.len()]);
        let (place_names, unit_names) = Default::default();
        let mut lookup = Lookup::assemble(Vec::new(), version);
        lookup.sharded = Some(Sharded { loaded, summaries, manifest, place_names, unit_names });
        Ok(lookup)
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
        let mut docs = self.take_docs();
        docs.splice(self.from_file..self.from_file, data.documents);
        self.from_file += n;
        self.set_docs(docs);
        Ok(self.engine.measures().len())
    }
}

impl Lookup {
    /// Whether this is a sharded build, its places and how many of them are loaded.
    pub(super) fn shard_counts(&self) -> (bool, usize, usize) {
        match &self.sharded {
            None => (false, 0, 0),
            Some(s) => (true, s.manifest.places.len(), s.manifest.places.iter().filter(|p| s.loaded[p.shard]).count()),
        }
    }
}

impl Sharded {
    /// The places a question names, by index into the manifest's places.
    pub(super) fn places_in(&self, question: &str) -> Vec<usize> {
        self.place_names.get_or_init(|| self.manifest.place_index()).named_in(question)
    }

    /// The units of the manifest's directory a question names, by index.
    pub(super) fn units_in(&self, question: &str) -> Vec<usize> {
        self.unit_names.get_or_init(|| self.manifest.unit_index()).named_in(question)
    }

    fn request(&self, place: usize) -> ShardRequest<'_> {
        let p = &self.manifest.places[place];
        let shard = &self.manifest.shards[p.shard];
        ShardRequest { place: &p.name, shard: p.shard, file: &shard.file, bytes: shard.bytes, loaded: self.loaded[p.shard] }
    }
}
