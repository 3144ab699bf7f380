//! Applying one document's edits to what the reader found.

use super::{DocumentEdits, MeasureEdit, MeasureRef};
use crate::model::{Document, Measure};
use serde::Serialize;

/// What became of a document's edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// Edits that found their plan or measure.
    pub applied: usize,
    /// Edits that did not, each said in a sentence (the document changed, or a newer reader
    /// reads it differently): the person must look at them again.
    pub unmatched: Vec<String>,
}

/// Applies `edits` to `doc` as read (the place is not set here: it is an ingest option, see
/// [`super::Edits::place_for`], so the reader's place warnings go with it). Measure edits
/// find their measure by the plan title as read, so they run before plan titles change.
pub fn apply(doc: &mut Document, edits: &DocumentEdits) -> Applied {
    let mut report = Applied::default();
    let mut dropped = vec![false; doc.measures.len()];
    for edit in &edits.measures {
        match find(&doc.measures, &edit.measure) {
            Some(i) => {
                report.applied += 1;
                if edit.drop {
                    dropped[i] = true;
                }
                set_units(&mut doc.measures[i], edit);
            }
            None => report.unmatched.push(format!(
                "措施“{}”（{} 第{}项）在文件中已找不到，这条修改未应用：请在生成页面重新核对",
                edit.measure.title, edit.measure.plan, edit.measure.seq
            )),
        }
    }
    let mut keep = dropped.iter().map(|d| !d);
    doc.measures.retain(|_| keep.next().unwrap_or(true));
    for plan in &mut doc.plans {
        plan.measures = doc.measures.iter().filter(|m| m.plan == plan.title).count();
    }
    for edit in &edits.plans {
        let title = edit.title.trim();
        if !doc.plans.iter().any(|p| p.title == edit.plan) {
            report.unmatched.push(format!("方案“{}”在文件中已找不到，标题修改未应用：请在生成页面重新核对", edit.plan));
            continue;
        }
        report.applied += 1;
        for p in doc.plans.iter_mut().filter(|p| p.title == edit.plan) {
            p.title = title.to_string();
        }
        for m in doc.measures.iter_mut().filter(|m| m.plan == edit.plan) {
            m.plan = title.to_string();
        }
        for w in doc.warnings.iter_mut().filter(|w| w.plan == edit.plan) {
            w.plan = title.to_string();
        }
    }
    report
}

/// The measure `r` names: the one with its plan and title, and among several such the one with
/// its number, nearest its position.
pub fn find(measures: &[Measure], r: &MeasureRef) -> Option<usize> {
    (0..measures.len())
        .filter(|&i| measures[i].plan == r.plan && measures[i].title == r.title)
        .min_by_key(|&i| (measures[i].number != r.number, measures[i].seq.abs_diff(r.seq)))
}

/// Sets the units `edit` gives on `m` (trimmed, blanks and repeats left out).
pub(crate) fn set_units(m: &mut Measure, edit: &MeasureEdit) {
    for (slot, given) in [(&mut m.lead, &edit.lead), (&mut m.support, &edit.support), (&mut m.responsible, &edit.responsible)] {
        if let Some(units) = given {
            *slot = Vec::new();
            for u in units.iter().map(|u| u.trim()).filter(|u| !u.is_empty()) {
                if !slot.iter().any(|s| s == u) {
                    slot.push(u.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::{DocumentEdits, PlanEdit};
    use crate::model::PlanSummary;

    fn measure(plan: &str, seq: u32, number: &str, title: &str, lead: &[&str]) -> Measure {
        Measure {
            doc: "d.txt".into(),
            plan: plan.into(),
            jurisdiction: "某县".into(),
            seq,
            number: Some(number.into()),
            parent: None,
            path: Vec::new(),
            title: title.into(),
            text_head: String::new(),
            lead: lead.iter().map(|s| s.to_string()).collect(),
            support: Vec::new(),
            responsible: Vec::new(),
            raw: String::new(),
            text: title.into(),
            deadline: String::new(),
        }
    }

    fn doc() -> Document {
        Document {
            name: "d.txt".into(),
            plans: vec![PlanSummary { title: "方案".into(), jurisdiction: "某县".into(), measures: 4 }],
            measures: vec![
                measure("方案", 1, "1", "推进依法行政", &["县司法局"]),
                measure("方案", 2, "2", "加强督查", &["县政府办"]),
                measure("方案", 3, "3", "加强督查", &["县委办"]),
                measure("方案", 4, "4", "各单位抓好落实", &[]),
            ],
            warnings: Vec::new(),
        }
    }

    fn edit(m: &Measure) -> MeasureEdit {
        MeasureEdit { measure: MeasureRef::of(m), drop: false, lead: None, support: None, responsible: None }
    }

    #[test]
    fn units_are_set_and_a_measure_dropped_by_what_was_printed() {
        let mut d = doc();
        let mut units = edit(&d.measures[2]);
        units.lead = Some(vec![" 县委办 ".into(), "县委办".into(), "".into()]);
        units.support = Some(vec!["县司法局".into()]);
        let mut drop = edit(&d.measures[3]);
        drop.drop = true;
        let report = apply(&mut d, &DocumentEdits { place: None, plans: Vec::new(), measures: vec![units, drop] });
        assert_eq!(report, Applied { applied: 2, unmatched: Vec::new() });
        assert_eq!(d.measures.len(), 3);
        assert_eq!(d.plans[0].measures, 3);
        // The second of two measures with the same title: chosen by number and position.
        assert_eq!(d.measures[2].lead, vec!["县委办"]);
        assert_eq!(d.measures[2].support, vec!["县司法局"]);
        assert_eq!(d.measures[1].lead, vec!["县政府办"], "its twin is untouched");
    }

    #[test]
    fn a_newer_reading_that_shifted_positions_still_finds_the_measure() {
        let mut d = doc();
        let mut e = edit(&d.measures[0]);
        e.lead = Some(vec!["县法院".into()]);
        d.measures.insert(0, measure("方案", 1, "1", "新读出的一项", &[]));
        for (i, m) in d.measures.iter_mut().enumerate() {
            m.seq = i as u32 + 1;
        }
        let report = apply(&mut d, &DocumentEdits { measures: vec![e], ..Default::default() });
        assert_eq!(report.applied, 1);
        assert_eq!(d.measures[1].lead, vec!["县法院"]);
    }

    #[test]
    fn an_edit_that_no_longer_finds_its_measure_or_plan_is_reported() {
        let mut d = doc();
        let mut e = edit(&d.measures[0]);
        e.measure.title = "文件里没有的标题".into();
        e.drop = true;
        let plan = PlanEdit { plan: "别的方案".into(), title: "新标题".into() };
        let report = apply(&mut d, &DocumentEdits { place: None, plans: vec![plan], measures: vec![e] });
        assert_eq!(report.applied, 0);
        assert_eq!(report.unmatched.len(), 2);
        assert!(report.unmatched[0].contains("文件里没有的标题"));
        assert_eq!(d.measures.len(), 4, "nothing dropped");
    }

    #[test]
    fn a_plan_title_is_set_on_the_plan_and_its_measures_after_the_measure_edits() {
        let mut d = doc();
        let mut e = edit(&d.measures[0]);
        e.lead = Some(vec!["县法院".into()]);
        let plan = PlanEdit { plan: "方案".into(), title: " 某县法治政府建设实施方案 ".into() };
        let report = apply(&mut d, &DocumentEdits { place: None, plans: vec![plan], measures: vec![e] });
        assert_eq!(report.applied, 2);
        assert_eq!(d.plans[0].title, "某县法治政府建设实施方案");
        assert!(d.measures.iter().all(|m| m.plan == "某县法治政府建设实施方案"));
        assert_eq!(d.measures[0].lead, vec!["县法院"]);
    }
}
