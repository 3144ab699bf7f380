//! The plain data every stage agrees on: documents hold plans, plans hold measures,
//! measures name the units that carry them out, by role.
//!
//! Field names and order of [`Measure`] are a public contract: `plan-lookup export` writes them
//! as JSON Lines, named as in `tests/gold/SCHEMA.md` plus `text`.

use serde::{Deserialize, Serialize};

/// One measure (任务/举措) of a plan: a numbered task item, a table row, or an unnumbered
/// paragraph carrying its own unit clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    /// Source file name, e.g. `000_a5641d4319222d19.txt`.
    pub doc: String,
    /// Title of the plan the measure belongs to, as printed.
    pub plan: String,
    /// The place the plan is for, e.g. `资阳区`.
    pub jurisdiction: String,
    /// 1-based position within its plan.
    pub seq: u32,
    /// The item's own number as printed without punctuation ("12", "三"); None if unnumbered.
    pub number: Option<String>,
    /// For an unnumbered paragraph: the number of the numbered item it sits under.
    pub parent: Option<String>,
    /// Section headings above the measure inside its plan, outermost first.
    pub path: Vec<String>,
    /// Text before the first 。 (the whole text when there is none).
    pub title: String,
    /// First 30 characters of the body after the number, as in the file.
    pub text_head: String,
    /// Units named as 牵头单位, in printed order.
    pub lead: Vec<String>,
    /// Units named as 参加/配合/协办单位, or 责任单位 next to a 牵头单位.
    pub support: Vec<String>,
    /// Units named as 责任单位 when no 牵头单位 is given.
    pub responsible: Vec<String>,
    /// The unit clause exactly as printed (table rows: "牵头单位：…；责任单位：…"); "" if none.
    pub raw: String,
    /// The whole body after the number, page breaks joined, the unit clause removed.
    pub text: String,
    /// The completion time as printed (完成时限 / 时间节点 / 落实时间, in the clause or a
    /// table column), "" when none is given.
    #[serde(default)]
    pub deadline: String,
}

/// The role a unit plays in one measure, as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Support,
    Responsible,
}

impl Measure {
    /// Every unit named by the measure with its printed role, in printed order per role.
    pub fn units(&self) -> impl Iterator<Item = (Role, &str)> {
        self.lead
            .iter()
            .map(|u| (Role::Lead, u.as_str()))
            .chain(self.support.iter().map(|u| (Role::Support, u.as_str())))
            .chain(self.responsible.iter().map(|u| (Role::Responsible, u.as_str())))
    }
}

/// One plan found in a document, with how many measures it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub title: String,
    pub jurisdiction: String,
    pub measures: usize,
}

/// Something ingestion noticed that a person should look at; never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Plan title, or "" for document-level notes.
    pub plan: String,
    pub message: String,
}

/// Everything ingestion produced from one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub name: String,
    pub plans: Vec<PlanSummary>,
    pub measures: Vec<Measure>,
    pub warnings: Vec<Warning>,
}
