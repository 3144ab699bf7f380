//! Doubts about one measure as read, for the builder page's review table: the signs that the
//! reader may have got a measure wrong, so a person looks at those rows first.

use super::{find, set_units, DocumentEdits, MeasureRef};
use crate::model::{Document, Measure};
use serde::Serialize;

/// A unit name longer than this is more likely a sentence read as a unit than a unit.
const LONGEST_UNIT_CHARS: usize = 20;

/// One reason to look at a measure again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Doubt {
    /// No unit clause and no units.
    NoUnits,
    /// A unit clause was printed but no unit read from it.
    ClauseNotRead,
    /// Support units with no lead and no 责任单位.
    NoLead,
    /// A unit name too long to be one.
    LongUnit,
}

impl Doubt {
    /// The doubt as the builder page shows it (the one place it is written).
    pub fn label(self) -> &'static str {
        match self {
            Doubt::NoUnits => "没有列出单位",
            Doubt::ClauseNotRead => "印有单位条款，但没有读出单位",
            Doubt::NoLead => "只有配合单位，没有牵头单位",
            Doubt::LongUnit => "单位名称过长，可能把正文读成了单位",
        }
    }
}

/// Every doubt about `m`, most serious first.
pub fn doubts(m: &Measure) -> Vec<Doubt> {
    let mut out = Vec::new();
    let none = m.lead.is_empty() && m.support.is_empty() && m.responsible.is_empty();
    if none && m.raw.trim().is_empty() {
        out.push(Doubt::NoUnits);
    }
    if none && !m.raw.trim().is_empty() {
        out.push(Doubt::ClauseNotRead);
    }
    if m.lead.is_empty() && m.responsible.is_empty() && !m.support.is_empty() {
        out.push(Doubt::NoLead);
    }
    if m.units().any(|(_, u)| u.chars().count() > LONGEST_UNIT_CHARS) {
        out.push(Doubt::LongUnit);
    }
    out
}

/// One measure as read, with its edits: a row of the review table.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewRow<'a> {
    /// How an edit names this measure.
    pub measure: MeasureRef,
    pub number: Option<&'a str>,
    pub path: &'a [String],
    pub title: &'a str,
    /// The unit clause as printed.
    pub raw: &'a str,
    /// The units with the edits applied.
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub responsible: Vec<String>,
    /// The units as read, when an edit changed them.
    pub read: Option<ReadUnits<'a>>,
    pub dropped: bool,
    pub doubts: Vec<DoubtView>,
}

/// The units of a measure as the reader found them.
#[derive(Debug, Clone, Serialize)]
pub struct ReadUnits<'a> {
    pub lead: &'a [String],
    pub support: &'a [String],
    pub responsible: &'a [String],
}

/// A doubt with its label.
#[derive(Debug, Clone, Serialize)]
pub struct DoubtView {
    pub doubt: Doubt,
    pub label: &'static str,
}

/// Every measure of `read` (a document as the reader gave it, with its place edit already
/// applied) as a review row, with `edits` applied: dropped rows stay, marked, so a person can
/// take a drop back.
pub fn review<'a>(read: &'a Document, edits: Option<&DocumentEdits>) -> Vec<ReviewRow<'a>> {
    let mut edited: Vec<Option<Measure>> = vec![None; read.measures.len()];
    let mut dropped = vec![false; read.measures.len()];
    for edit in edits.map_or(&[][..], |e| &e.measures) {
        if let Some(i) = find(&read.measures, &edit.measure) {
            dropped[i] |= edit.drop;
            let m = edited[i].get_or_insert_with(|| read.measures[i].clone());
            set_units(m, edit);
        }
    }
    read.measures
        .iter()
        .zip(edited)
        .zip(dropped)
        .map(|((m, e), dropped)| {
            let changed = e.as_ref().filter(|e| (&e.lead, &e.support, &e.responsible) != (&m.lead, &m.support, &m.responsible));
            let now = changed.unwrap_or(m);
            ReviewRow {
                measure: MeasureRef::of(m),
                number: m.number.as_deref(),
                path: &m.path,
                title: &m.title,
                raw: &m.raw,
                lead: now.lead.clone(),
                support: now.support.clone(),
                responsible: now.responsible.clone(),
                read: changed.map(|_| ReadUnits { lead: &m.lead, support: &m.support, responsible: &m.responsible }),
                dropped,
                doubts: doubts(now).into_iter().map(|doubt| DoubtView { doubt, label: doubt.label() }).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(raw: &str, lead: &[&str], support: &[&str]) -> Measure {
        Measure {
            doc: String::new(),
            plan: String::new(),
            jurisdiction: String::new(),
            seq: 1,
            number: None,
            parent: None,
            path: Vec::new(),
            title: String::new(),
            text_head: String::new(),
            lead: lead.iter().map(|s| s.to_string()).collect(),
            support: support.iter().map(|s| s.to_string()).collect(),
            responsible: Vec::new(),
            raw: raw.into(),
            text: String::new(),
            deadline: String::new(),
        }
    }

    #[test]
    fn each_doubt_is_raised_by_its_sign_only() {
        assert_eq!(doubts(&m("（牵头单位：县司法局）", &["县司法局"], &[])), vec![]);
        assert_eq!(doubts(&m("", &[], &[])), vec![Doubt::NoUnits]);
        assert_eq!(doubts(&m("（牵头单位：）", &[], &[])), vec![Doubt::ClauseNotRead]);
        assert_eq!(doubts(&m("（配合单位：县法院）", &[], &["县法院"])), vec![Doubt::NoLead]);
        let long = "县司法局要加强统筹协调并定期通报各单位落实情况";
        assert_eq!(doubts(&m("…", &[long], &[])), vec![Doubt::LongUnit]);
    }
}

#[cfg(test)]
mod review_tests {
    use super::*;
    use crate::edits::MeasureEdit;
    use crate::model::PlanSummary;

    #[test]
    fn rows_show_edited_units_the_read_ones_and_drops_and_doubts_follow_the_edit() {
        let mut m = Measure {
            doc: "d".into(),
            plan: "方案".into(),
            jurisdiction: "某县".into(),
            seq: 1,
            number: Some("1".into()),
            parent: None,
            path: Vec::new(),
            title: "推进依法行政".into(),
            text_head: String::new(),
            lead: Vec::new(),
            support: Vec::new(),
            responsible: Vec::new(),
            raw: String::new(),
            text: String::new(),
            deadline: String::new(),
        };
        let first = m.clone();
        m.seq = 2;
        m.title = "不是措施的一段".into();
        let doc = Document {
            name: "d".into(),
            plans: vec![PlanSummary { title: "方案".into(), jurisdiction: "某县".into(), measures: 2 }],
            measures: vec![first.clone(), m.clone()],
            warnings: Vec::new(),
        };
        let set = MeasureEdit {
            measure: MeasureRef::of(&first),
            drop: false,
            lead: Some(vec!["县司法局".into()]),
            support: None,
            responsible: None,
        };
        let drop = MeasureEdit { measure: MeasureRef::of(&m), drop: true, lead: None, support: None, responsible: None };
        let edits = DocumentEdits { measures: vec![set, drop], ..Default::default() };

        let plain = review(&doc, None);
        assert_eq!(plain[0].doubts.len(), 1, "no units, as read");
        assert!(plain[0].read.is_none() && !plain[1].dropped);

        let rows = review(&doc, Some(&edits));
        assert_eq!(rows[0].lead, vec!["县司法局"]);
        assert!(rows[0].read.as_ref().is_some_and(|r| r.lead.is_empty()));
        assert!(rows[0].doubts.is_empty(), "the edit answered the doubt");
        assert!(rows[1].dropped && rows[1].read.is_none());
    }
}
