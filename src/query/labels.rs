//! Every Chinese word the product shows for a machine name (roles, role families, unit kinds,
//! conjunctions, structural questions, the parts of a reading): the one place they are written.
//! The CLI renders with these functions; the browser gets the same table from [`labels`]
//! (`PlanLookup.labels()`), so the widget never spells a label of its own.

use super::{vocabulary, Combine, Family, Structural};
use crate::index::RowRole;
use crate::units::Kind;
use serde::Serialize;

/// A row role as a group heading.
pub fn role_heading(role: RowRole) -> &'static str {
    match role {
        RowRole::Lead => "牵头",
        RowRole::ResponsibleFirst => "列首位的责任单位（按惯例视为牵头）",
        RowRole::Support => "参与（参加/配合单位）",
        RowRole::Responsible => "参与（责任单位，非首位）",
        RowRole::Collective => "通过统称涉及",
        RowRole::Match => "相关任务",
    }
}

/// A row role in a table cell or badge.
pub fn role_short(role: RowRole) -> &'static str {
    match role {
        RowRole::Lead => "牵头",
        RowRole::ResponsibleFirst => "列首位",
        RowRole::Support => "参与（参加/配合）",
        RowRole::Responsible => "参与（责任）",
        RowRole::Collective => "通过统称涉及",
        RowRole::Match => "相关",
    }
}

/// A role family, as the reading of a question shows it.
pub fn family_label(family: Family) -> &'static str {
    match family {
        Family::Lead => "牵头（含列首位的责任单位）",
        Family::Join => "参与",
        Family::Any => "全部角色",
    }
}

/// A role family as a short chip.
pub fn family_short(family: Family) -> &'static str {
    match family {
        Family::Lead => "牵头",
        Family::Join => "参与",
        Family::Any => "全部角色",
    }
}

/// How several units were combined.
pub fn combine_label(c: Combine) -> &'static str {
    match c {
        Combine::All => "共同（每个单位都在其中）",
        Combine::Any => "分别（任一单位在其中）",
    }
}

/// A structural question.
pub fn structural_label(s: Structural) -> &'static str {
    match s {
        Structural::NoLead => "没有牵头单位的任务",
        Structural::OnlyResponsible => "只列责任单位的任务",
        Structural::NoUnits => "没有列出单位的任务",
    }
}

/// The parts of a reading, as chip captions.
pub const PART_UNIT: &str = "单位";
pub const PART_ROLE: &str = "角色";
pub const PART_TOPIC: &str = "主题";
pub const PART_PLACE: &str = "地区";
pub const PART_PLAN: &str = "方案";
pub const PART_COUNT: &str = "计数";
pub const PART_COMBINE: &str = "多个单位";
pub const PART_STRUCTURAL: &str = "结构";
pub const PART_KEYWORDS: &str = "关键词";
pub const PART_UNKNOWN: &str = "未理解的词";

/// The label table the browser reads.
#[derive(Serialize, Debug, Clone)]
pub struct Labels {
    pub role_heading: Vec<(&'static str, &'static str)>,
    pub role_short: Vec<(&'static str, &'static str)>,
    pub family: Vec<(&'static str, &'static str)>,
    pub family_short: Vec<(&'static str, &'static str)>,
    pub kind: Vec<(&'static str, &'static str)>,
    pub combine: Vec<(&'static str, &'static str)>,
    pub structural: Vec<(&'static str, &'static str)>,
    pub parts: Vec<(&'static str, &'static str)>,
    /// The word a question asks each role family with (for questions rebuilt from a reading).
    pub family_verb: Vec<(&'static str, &'static str)>,
}

/// The verb a question asks a role family with: 牵头 / 参与 / 负责.
pub fn family_verb(family: Family) -> &'static str {
    match family {
        Family::Lead => vocabulary::LEAD_CUES.first(),
        Family::Join => vocabulary::JOIN_CUES.first(),
        Family::Any => vocabulary::ANY_CUES.first(),
    }
}

/// Every label, as (machine name, Chinese) pairs in display order.
pub fn labels() -> Labels {
    let families = [Family::Lead, Family::Join, Family::Any];
    let structurals = [Structural::NoLead, Structural::OnlyResponsible, Structural::NoUnits];
    Labels {
        role_heading: RowRole::ALL.iter().map(|&r| (r.as_str(), role_heading(r))).collect(),
        role_short: RowRole::ALL.iter().map(|&r| (r.as_str(), role_short(r))).collect(),
        family: families.iter().map(|&f| (f.as_str(), family_label(f))).collect(),
        family_short: families.iter().map(|&f| (f.as_str(), family_short(f))).collect(),
        kind: Kind::ALL.iter().map(|&k| (k.as_str(), k.label_zh())).collect(),
        combine: [Combine::All, Combine::Any].iter().map(|&c| (c.as_str(), combine_label(c))).collect(),
        structural: structurals.iter().map(|&s| (s.as_str(), structural_label(s))).collect(),
        parts: vec![
            ("unit", PART_UNIT),
            ("role", PART_ROLE),
            ("topic", PART_TOPIC),
            ("place", PART_PLACE),
            ("plan", PART_PLAN),
            ("count", PART_COUNT),
            ("combine", PART_COMBINE),
            ("structural", PART_STRUCTURAL),
            ("keywords", PART_KEYWORDS),
            ("unknown", PART_UNKNOWN),
        ],
        family_verb: families.iter().map(|&f| (f.as_str(), family_verb(f))).collect(),
    }
}
