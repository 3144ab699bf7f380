//! Corrections a person made to what the reader found: the edits file.
//!
//! The builder page (www/builder.html) and `plan-lookup build --edits FILE` share it, so a data
//! file built either way from the same documents and edits is the same, byte for byte. An edit
//! names its measure by what was printed (plan title, number, title, position), not by an index,
//! so a newer reader that finds one more or one fewer measure elsewhere still applies it to the
//! right one; an edit that no longer finds its measure is reported, never dropped silently.
//!
//! ```json
//! {"format": "plan-lookup-edits", "version": 1,
//!  "documents": {"某县方案.pdf": {
//!     "place": "某县",
//!     "plans": [{"plan": "标题（按读出）", "title": "改正后的标题"}],
//!     "measures": [
//!       {"measure": {"plan": "标题（按读出）", "seq": 3, "number": "3", "title": "…"}, "drop": true},
//!       {"measure": {…}, "lead": ["县司法局"], "support": [], "responsible": []}]}}}
//! ```

mod apply;
mod review;

use apply::set_units;
pub use apply::{apply, find, Applied};
pub use review::{doubts, review, Doubt, DoubtView, ReadUnits, ReviewRow};

use crate::ingest::{ingest_bytes_with, IngestError, Options};
use crate::model::Document;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `format` value of an edits file.
pub const EDITS_FORMAT: &str = "plan-lookup-edits";
/// The edits-file version this build reads and writes.
pub const EDITS_VERSION: u32 = 1;

/// Every correction, by document name (the file name as given: `某县方案.pdf`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edits {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub documents: BTreeMap<String, DocumentEdits>,
}

/// The corrections of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEdits {
    /// The place every plan of the document is for, when the reader got it wrong or found none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<PlanEdit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureEdit>,
}

/// A plan's title set by hand: `plan` is the title as the reader gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEdit {
    pub plan: String,
    pub title: String,
}

/// Which measure: as the reader gave it (plan title, 1-based position in the plan, printed number,
/// title). Matched by plan and title first; position and number only choose among equals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureRef {
    pub plan: String,
    pub seq: u32,
    #[serde(default)]
    pub number: Option<String>,
    pub title: String,
}

/// A measure dropped (not a measure at all), or its units set by hand (a role left out keeps what
/// the reader found; an empty list clears it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureEdit {
    pub measure: MeasureRef,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<Vec<String>>,
}

impl MeasureRef {
    /// The reference to `m` as read.
    pub fn of(m: &crate::Measure) -> MeasureRef {
        MeasureRef { plan: m.plan.clone(), seq: m.seq, number: m.number.clone(), title: m.title.clone() }
    }
}

/// What is wrong with an edits file, said so a person can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditsError(pub String);

impl std::fmt::Display for EditsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for EditsError {}

impl Default for Edits {
    fn default() -> Self {
        Edits { format: EDITS_FORMAT.into(), version: EDITS_VERSION, documents: BTreeMap::new() }
    }
}

impl Edits {
    /// Reads an edits file (JSON), checked with [`Edits::check`].
    pub fn from_json(text: &str) -> Result<Edits, EditsError> {
        let edits: Edits = serde_json::from_str(text)
            .map_err(|e| EditsError(format!("not an edits file ({e}): save the edits again from the builder page (生成数据文件)")))?;
        edits.check()?;
        Ok(edits)
    }

    /// The edits as JSON, one key per line, as the builder page saves them.
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising it cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Refuses an edits file of another kind or version, or with blank names.
    pub fn check(&self) -> Result<(), EditsError> {
        if self.format != EDITS_FORMAT {
            return Err(EditsError(format!(
                "not an edits file (its format is \"{}\", expected \"{EDITS_FORMAT}\"): save the edits again from the builder page",
                self.format
            )));
        }
        if self.version != EDITS_VERSION {
            return Err(EditsError(format!(
                "the edits file is version {}, this build reads version {EDITS_VERSION}: save the edits again from this version's builder page",
                self.version
            )));
        }
        for (doc, d) in &self.documents {
            let at = |what: &str| EditsError(format!("the edits of {doc}: {what}"));
            if d.place.as_deref().is_some_and(|p| p.trim().is_empty()) {
                return Err(at("the place is blank: give the place's name or remove the place edit"));
            }
            if let Some(p) = d.plans.iter().find(|p| p.title.trim().is_empty()) {
                return Err(at(&format!("the new title of plan \"{}\" is blank: give a title or remove the edit", p.plan)));
            }
            for m in &d.measures {
                let units = [&m.lead, &m.support, &m.responsible];
                if units.iter().flat_map(|u| u.iter().flatten()).any(|u| u.trim().is_empty()) {
                    return Err(at(&format!("measure \"{}\" has a blank unit name: remove it", m.measure.title)));
                }
            }
        }
        Ok(())
    }

    /// The place document `name` is read for: set by hand in the edits, else `fallback` (the
    /// CLI's --place, the page's place field), else none (the reader finds it).
    pub fn place_for(&self, name: &str, fallback: Option<&str>) -> Option<String> {
        let set = self.documents.get(name).and_then(|d| d.place.as_deref());
        set.or(fallback).map(|p| p.trim().to_string()).filter(|p| !p.is_empty())
    }

    /// Reads document `name` with its edits: the reader, told the place (see [`Edits::place_for`]),
    /// then [`apply`]. The CLI and the builder page both read this way.
    pub fn read(&self, name: &str, bytes: &[u8], place: Option<&str>) -> Result<(Document, Applied), IngestError> {
        let read = ingest_bytes_with(name, bytes, &Options { place: self.place_for(name, place) })?;
        Ok(self.apply_to(read))
    }

    /// [`apply`]s the edits of `doc` (read with [`Edits::place_for`]'s place) to it.
    pub fn apply_to(&self, mut doc: Document) -> (Document, Applied) {
        let applied = match self.documents.get(&doc.name) {
            Some(edits) => apply(&mut doc, edits),
            None => Applied::default(),
        };
        (doc, applied)
    }

    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.documents.values().all(|d| d.place.is_none() && d.plans.is_empty() && d.measures.is_empty())
    }
}
