//! Questions about every place of a sharded build, answered from its unit summary files (see
//! `store::summary`) with counts per place, before (or instead of) fetching the places' shards:
//! "区司法局牵头哪些任务" over a province tells which places' 区司法局 lead how many measures.

use super::{data_error, to_js, Lookup};
use crate::store;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A summary file to fetch.
#[derive(Serialize)]
struct SummaryRequest<'a> {
    index: usize,
    /// File name relative to the manifest's URL.
    file: &'a str,
    bytes: usize,
}

/// One unit across the places that print it.
#[derive(Serialize)]
struct UnitAcross<'a> {
    unit: &'a str,
    /// Places naming the unit, most measures led first: `{place, lead, responsibleFirst,
    /// support, responsible, collective, loaded}`.
    places: Vec<PlaceRow<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlaceRow<'a> {
    place: &'a str,
    #[serde(flatten)]
    counts: store::PlaceCounts,
    /// Whether the place's shard is loaded (its measures can be listed now).
    loaded: bool,
}

#[wasm_bindgen]
impl Lookup {
    /// The unit summary files a question about every place needs and that are not read yet:
    /// `[{index, file, bytes}]` for the units of the manifest the question names (empty for a
    /// single data file, or a question naming no such unit).
    #[wasm_bindgen(js_name = summariesFor)]
    pub fn summaries_for(&self, question: &str) -> Result<JsValue, JsError> {
        let Some(s) = self.sharded.as_ref().filter(|s| s.places_in(question).is_empty()) else {
            return to_js(&[] as &[SummaryRequest]);
        };
        let mut list: Vec<SummaryRequest> = Vec::new();
        for u in s.units_in(question) {
            let index = store::summary_file_of(&s.manifest.units[u].name, s.manifest.summaries.len());
            if s.summaries.get(index).is_some_and(Option::is_none) && !list.iter().any(|r| r.index == index) {
                let entry = &s.manifest.summaries[index];
                list.push(SummaryRequest { index, file: &entry.file, bytes: entry.bytes });
            }
        }
        to_js(&list)
    }

    /// Adds summary file `index` (its bytes as fetched), after checking it is exactly the file
    /// the manifest lists.
    #[wasm_bindgen(js_name = addSummary)]
    pub fn add_summary(&mut self, index: usize, bytes: &[u8]) -> Result<(), JsValue> {
        let Some(s) = &mut self.sharded else {
            return Err(JsError::new("plan-lookup: addSummary needs a lookup opened with fromManifest (a sharded build)").into());
        };
        let units = store::decode_summary(&s.manifest.summaries, s.manifest.places.len(), index, bytes).map_err(data_error)?;
        if let Some(slot) = s.summaries.get_mut(index) {
            *slot = Some(units);
        }
        Ok(())
    }

    /// Every place naming each unit the question names, with its counts by role, from the
    /// summary files read so far: `[{unit, places: [{place, lead, responsibleFirst, support,
    /// responsible, collective, loaded}]}]`, places with most measures led (牵头 + 列首位) first.
    /// Units whose summary file is not read yet are left out (`summariesFor` names the files);
    /// a question that names a place is about that place: `[]`.
    #[wasm_bindgen(js_name = acrossPlaces)]
    pub fn across_places(&self, question: &str) -> Result<JsValue, JsError> {
        let Some(s) = self.sharded.as_ref().filter(|s| s.places_in(question).is_empty()) else {
            return to_js(&[] as &[UnitAcross]);
        };
        let mut out = Vec::new();
        for u in s.units_in(question) {
            let name = &s.manifest.units[u].name;
            let file = store::summary_file_of(name, s.manifest.summaries.len());
            let Some(Some(units)) = s.summaries.get(file) else { continue };
            let Some(summary) = units.iter().find(|x| x.name == *name) else { continue };
            let mut places: Vec<PlaceRow> = summary
                .places
                .iter()
                .filter_map(|c| {
                    let p = s.manifest.places.get(c.place as usize)?;
                    Some(PlaceRow { place: &p.name, counts: *c, loaded: s.loaded[p.shard] })
                })
                .collect();
            places.sort_by_key(|r| std::cmp::Reverse(r.counts.lead + r.counts.responsible_first));
            out.push(UnitAcross { unit: name, places });
        }
        to_js(&out)
    }
}
