//! Readings that span a plan's measures, applied once they are built: a clause printed once
//! for a group of items, and the "first listed unit leads" convention a plan may state. Each
//! says what it did in a warning, so the reading is visible.

use crate::model::{Measure, Warning};

/// A clause printed once after a group of numbered items that have none ("(1)… (2)… (3)…
/// (责任单位：…)", "1、… 2、… 落实单位：…") is the group's: each item of the run, under the
/// same heading, gets it. Said in a warning, so the reading is visible.
pub fn share_group_clauses(plan: &str, measures: &mut [Measure], warnings: &mut Vec<Warning>) {
    let mut withdrawn: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut i = 0;
    while i < measures.len() {
        let same_group = |a: &Measure, b: &Measure| a.path == b.path && a.parent == b.parent && a.number.is_some() && b.number.is_some();
        let mut j = i;
        while j + 1 < measures.len() && measures[j].raw.is_empty() && same_group(&measures[j], &measures[j + 1]) {
            j += 1;
        }
        // measures[i..j] have no clause, measures[j] closes the run with one.
        if j > i && measures[i..j].iter().all(|m| m.raw.is_empty()) && !measures[j].raw.is_empty() {
            let closing = measures[j].clone();
            for m in &mut measures[i..j] {
                // The item has its clause now: the note made when it was read is withdrawn.
                withdrawn.insert(super::outline::no_clause_note(m.number.as_deref().unwrap_or("")));
                m.lead = closing.lead.clone();
                m.support = closing.support.clone();
                m.responsible = closing.responsible.clone();
                m.raw = closing.raw.clone();
                // The clause's deadline is theirs too ("问题整改责任单位：X 整改时限：5天").
                if m.deadline.is_empty() {
                    m.deadline = closing.deadline.clone();
                }
            }
            let first = measures[i].number.clone().unwrap_or_default();
            let last = measures[j].number.clone().unwrap_or_default();
            warnings.push(Warning {
                plan: plan.to_string(),
                message: format!("items {first} to {last} share the one clause printed after them: {}", closing.raw),
            });
        }
        i = j + 1;
    }
    if !withdrawn.is_empty() {
        warnings.retain(|w| !withdrawn.contains(&w.message));
    }
}

/// Where a plan states that the first unit of a list leads ("列第一位为牵头或汇总单位，下同"),
/// responsible lists of two or more units from that point on are read that way: the first
/// unit leads, the others support. Said once in a warning, so the reading is visible.
pub fn apply_first_listed_lead(plan: &str, lines: &[String], measures: &mut [Measure], warnings: &mut Vec<Warning>) {
    let stated_in_measure = measures.iter().position(|m| super::words::states_first_listed_lead(&m.raw));
    let stated_before = lines
        .iter()
        .any(|l| super::words::states_first_listed_lead(l) && !measures.iter().any(|m| !m.raw.is_empty() && l.contains(m.raw.as_str())));
    let from = match (stated_before, stated_in_measure) {
        (true, _) => 0,
        (false, Some(i)) => i,
        (false, None) => return,
    };
    let mut changed = 0;
    for m in &mut measures[from..] {
        if m.lead.is_empty() && m.support.is_empty() && m.responsible.len() >= 2 {
            let mut units = std::mem::take(&mut m.responsible);
            m.lead = vec![units.remove(0)];
            m.support = units;
            changed += 1;
        }
    }
    if changed > 0 {
        warnings.push(Warning {
            plan: plan.to_string(),
            message: format!("the plan says the first unit listed leads: {changed} list(s) of 责任单位 read with their first unit as 牵头"),
        });
    }
}
