//! The serialisable answer (CLI `--json`, the browser's `ask`): how the question was read, and
//! the results. Machine names are enums serialised as snake_case strings; the Chinese words for
//! them live in [`super::labels`].

use super::{Combine, Structural};
use crate::index::RowRole;
use crate::units::Kind;
use serde::{Deserialize, Serialize};

/// Which roles a unit question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// 牵头…: lead, then first-listed responsible.
    Lead,
    /// 参与/配合…: support, then responsible not listed first.
    Join,
    /// 负责什么 / no cue: everything.
    Any,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Lead => "lead",
            Family::Join => "join",
            Family::Any => "any",
        }
    }

    /// Named roles of the family, in answer order.
    pub fn named_roles(self) -> &'static [RowRole] {
        match self {
            Family::Lead => &[RowRole::Lead, RowRole::ResponsibleFirst],
            Family::Join => &[RowRole::Support, RowRole::Responsible],
            Family::Any => &RowRole::NAMED,
        }
    }

    /// Whether a named role belongs to the family.
    pub fn has(self, role: RowRole) -> bool {
        self.named_roles().contains(&role)
    }

    /// Whether a collective row belongs to the family, by the collective's own role. Only an
    /// explicit 牵头 collective counts as leading: "first-listed responsible, so by convention the
    /// lead" makes no sense for a name standing for many bodies; each member merely takes part.
    pub fn includes_via(self, via_role: RowRole) -> bool {
        match self {
            Family::Lead => via_role == RowRole::Lead,
            Family::Join => via_role != RowRole::Lead,
            Family::Any => true,
        }
    }
}

/// What kind of question was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// One or more units were named.
    Unit,
    /// No unit; a role or "who" cue and topic words: which units handle the topic.
    Topic,
    /// Plain phrases: every measure containing them.
    Keyword,
    /// The shape of measures (没有牵头单位…).
    Structural,
    /// Nothing to look up.
    #[default]
    Empty,
}

impl Intent {
    /// Every intent, in declaration order: `intent as u32` is its index here (the browser's
    /// `find()` sends the intent as this number).
    pub const ALL: [Intent; 5] = [Intent::Unit, Intent::Topic, Intent::Keyword, Intent::Structural, Intent::Empty];

    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Unit => "unit",
            Intent::Topic => "topic",
            Intent::Keyword => "keyword",
            Intent::Structural => "structural",
            Intent::Empty => "empty",
        }
    }
}

/// Where a highlight is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Text,
}

/// The answer to one question.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Answer {
    pub question: String,
    pub intent: Intent,
    /// The unit(s) asked about, as one label (names joined by 、).
    pub unit: Option<String>,
    /// The place the question is restricted to, or the one place of all matched units.
    pub place: Option<String>,
    /// The role family (unit and topic questions).
    pub role: Option<Family>,
    /// The topic words of a topic question, joined by a space.
    pub topic: Option<String>,
    /// The phrases every result contains (a topic filter is always one of these).
    pub keywords: Vec<String>,
    /// How several units were combined (two or more units named).
    pub combine: Option<Combine>,
    /// For a count question (多少项/几条): the number of measures answering it.
    pub count: Option<usize>,
    /// Plans the question named (在…方案里): results come from these only.
    pub plans: Vec<String>,
    /// The structural question asked, if any.
    pub structural: Option<Structural>,
    /// Words of the question the grammar could not place: named, never used as a filter.
    pub unknown: Vec<String>,
    pub results: Vec<AnswerItem>,
    pub summary: Vec<SummaryRow>,
    pub suggestions: Vec<String>,
    pub message: Option<String>,
    /// Every unit the question matched, with its place and kind.
    pub units: Vec<UnitRef>,
}

/// A unit named in an answer.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct UnitRef {
    pub place: String,
    pub name: String,
    pub kind: Kind,
}

/// A unit's role in a measure shared by several asked units.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct UnitRole {
    pub unit: String,
    pub role: RowRole,
}

/// One result: a measure, and why it is in the answer.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct AnswerItem {
    /// Index into [`super::Engine::measures`].
    pub id: usize,
    pub doc: String,
    pub plan: String,
    pub jurisdiction: String,
    pub seq: u32,
    pub number: Option<String>,
    pub path: Vec<String>,
    pub title: String,
    pub text: String,
    pub role: RowRole,
    /// The canonical unit this row is about (unit answers).
    pub unit: Option<String>,
    /// For collective rows: the collective name that reaches the unit (区直各单位…).
    pub via: Option<String>,
    /// For collective rows: the collective's own role in the measure.
    pub via_role: Option<RowRole>,
    /// For a measure shared by several asked units (共同): each unit's role in it.
    pub shared: Vec<UnitRole>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub responsible: Vec<String>,
    pub highlights: Vec<Highlight>,
}

/// A match to highlight: char offsets (Unicode scalar values), end exclusive.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub field: Field,
    pub start: usize,
    pub end: usize,
}

/// Role counts of one unit over an answer's results.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub unit: String,
    pub place: String,
    pub lead: usize,
    pub responsible_first: usize,
    pub support: usize,
    pub responsible: usize,
    pub collective: usize,
}

/// [`Answer`] borrowing from the [`super::Engine`] (see [`super::Engine::ask_view`]): the same
/// fields, in the same order, serialised the same way; [`AnswerView::to_owned`] gives the
/// [`Answer`].
#[derive(Serialize, Clone, Debug)]
pub struct AnswerView<'a> {
    pub question: &'a str,
    pub intent: Intent,
    pub unit: Option<String>,
    pub place: Option<String>,
    pub role: Option<Family>,
    pub topic: Option<String>,
    pub keywords: Vec<String>,
    pub combine: Option<Combine>,
    pub count: Option<usize>,
    pub plans: Vec<&'a str>,
    pub structural: Option<Structural>,
    pub unknown: Vec<String>,
    pub results: Vec<AnswerItemView<'a>>,
    pub summary: Vec<SummaryRowView<'a>>,
    pub suggestions: Vec<String>,
    pub message: Option<String>,
    pub units: Vec<UnitRefView<'a>>,
}

/// [`AnswerItem`], borrowed.
#[derive(Serialize, Clone, Debug)]
pub struct AnswerItemView<'a> {
    pub id: usize,
    pub doc: &'a str,
    pub plan: &'a str,
    pub jurisdiction: &'a str,
    pub seq: u32,
    pub number: Option<&'a str>,
    pub path: &'a [String],
    pub title: &'a str,
    pub text: &'a str,
    pub role: RowRole,
    pub unit: Option<&'a str>,
    pub via: Option<&'a str>,
    pub via_role: Option<RowRole>,
    pub shared: Vec<UnitRoleView<'a>>,
    pub lead: &'a [String],
    pub support: &'a [String],
    pub responsible: &'a [String],
    pub highlights: Vec<Highlight>,
}

/// [`UnitRole`], borrowed.
#[derive(Serialize, Clone, Copy, Debug)]
pub struct UnitRoleView<'a> {
    pub unit: &'a str,
    pub role: RowRole,
}

/// [`SummaryRow`], borrowed.
#[derive(Serialize, Clone, Copy, Debug)]
pub struct SummaryRowView<'a> {
    pub unit: &'a str,
    pub place: &'a str,
    pub lead: usize,
    pub responsible_first: usize,
    pub support: usize,
    pub responsible: usize,
    pub collective: usize,
}

/// [`UnitRef`], borrowed.
#[derive(Serialize, Clone, Copy, Debug)]
pub struct UnitRefView<'a> {
    pub place: &'a str,
    pub name: &'a str,
    pub kind: Kind,
}

impl AnswerView<'_> {
    /// The owned [`Answer`] (every string copied).
    pub fn to_owned(&self) -> Answer {
        let s = |x: &str| x.to_string();
        let v = |x: &[String]| x.to_vec();
        Answer {
            question: s(self.question),
            intent: self.intent,
            unit: self.unit.clone(),
            place: self.place.clone(),
            role: self.role,
            topic: self.topic.clone(),
            keywords: self.keywords.clone(),
            combine: self.combine,
            count: self.count,
            plans: self.plans.iter().map(|p| s(p)).collect(),
            structural: self.structural,
            unknown: self.unknown.clone(),
            results: self
                .results
                .iter()
                .map(|r| AnswerItem {
                    id: r.id,
                    doc: s(r.doc),
                    plan: s(r.plan),
                    jurisdiction: s(r.jurisdiction),
                    seq: r.seq,
                    number: r.number.map(s),
                    path: v(r.path),
                    title: s(r.title),
                    text: s(r.text),
                    role: r.role,
                    unit: r.unit.map(s),
                    via: r.via.map(s),
                    via_role: r.via_role,
                    shared: r.shared.iter().map(|x| UnitRole { unit: s(x.unit), role: x.role }).collect(),
                    lead: v(r.lead),
                    support: v(r.support),
                    responsible: v(r.responsible),
                    highlights: r.highlights.clone(),
                })
                .collect(),
            summary: self
                .summary
                .iter()
                .map(|r| SummaryRow {
                    unit: s(r.unit),
                    place: s(r.place),
                    lead: r.lead,
                    responsible_first: r.responsible_first,
                    support: r.support,
                    responsible: r.responsible,
                    collective: r.collective,
                })
                .collect(),
            suggestions: self.suggestions.clone(),
            message: self.message.clone(),
            units: self.units.iter().map(|u| UnitRef { place: s(u.place), name: s(u.name), kind: u.kind }).collect(),
        }
    }
}

/// One unit of the directory listing. `lead`, `responsible_first`, `support` and `responsible`
/// count measures by the unit's best printed role there (each measure counted once);
/// `collective` counts measures reaching it only through a collective name.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct UnitEntry {
    pub place: String,
    pub name: String,
    pub kind: Kind,
    /// Every surface form printed for the unit, the name included.
    pub aliases: Vec<String>,
    pub lead: usize,
    pub responsible_first: usize,
    pub support: usize,
    pub responsible: usize,
    pub collective: usize,
    /// For collectives: the units of the place they cover.
    pub members: Vec<String>,
}
