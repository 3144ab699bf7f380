//! The labelled unit-clause grammar: `（牵头单位：A、B；参加单位：C）`, `(责任单位:A，B)`,
//! `〔责任单位:A〕`, `【牵头单位】A【配合单位】B`, `(责任领导:张三;牵头单位:A;完成时限:年底)`, clauses
//! with a missing bracket, and the cells of division-of-labour tables. The verb form
//! (`(A牵头,B配合)`) is [`super::verb_clause`]; the words of both are in [`super::words`].
//!
//! A clause is a run of labelled segments: a label (role, people or deadline), a colon, and
//! its text. Role segments hold unit lists ([`super::unit_list`]); people are never units.

use super::unit_list::is_plausible_unit_list;
pub use super::unit_list::{looks_like_unit_list, split_units};
pub use super::words::RoleWord;
use super::words::{label_at, Label};
use crate::text::{is_close_bracket, is_open_bracket, is_space, trim};

/// A unit clause found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Clause {
    /// Byte range of the clause in the paragraph, brackets included.
    pub start: usize,
    pub end: usize,
    /// The clause exactly as printed.
    pub raw: String,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub responsible: Vec<String>,
    /// The completion time as printed (完成时限：…), "" if none.
    pub deadline: String,
    /// Parts of the clause that could not be read, for warnings.
    pub problems: Vec<String>,
}

impl Clause {
    /// Adds a role's units, 责任 resolved against whether the clause has a lead.
    pub(crate) fn add(&mut self, role: RoleWord, has_lead: bool, units: Vec<String>) {
        let target = match (role, has_lead) {
            (RoleWord::Lead, _) => &mut self.lead,
            (RoleWord::Support, _) | (RoleWord::Responsible, true) => &mut self.support,
            (RoleWord::Responsible, false) => &mut self.responsible,
        };
        target.extend(units);
    }

    /// Names at least one unit.
    pub fn has_units(&self) -> bool {
        !(self.lead.is_empty() && self.support.is_empty() && self.responsible.is_empty())
    }
}

/// If `s` starts with a role label (e.g. "牵头单位："), returns the role and the byte length of
/// label plus colon. A label without a colon is not one ("牵头单位要…" is prose).
pub fn role_keyword_at(s: &str) -> Option<(RoleWord, usize)> {
    match label_at(s)? {
        (Label::Role(r), n) => Some((r, n)),
        _ => None,
    }
}

/// Finds the unit clause that ends a paragraph, if any: a labelled clause, else the verb form.
pub fn find(paragraph: &str) -> Option<Clause> {
    find_labelled(paragraph).or_else(|| super::verb_clause::find(paragraph)).or_else(|| find_inside(paragraph))
}

/// A labelled clause that ends at a full stop with more text after it: "农村道路畅通工程，牵头
/// 部门：市交通局。建设进度相对较慢的县区为舒城县。" Only the first role label is tried, and
/// only when every name it gives reads as a unit's, so a label word in prose never starts one.
fn find_inside(paragraph: &str) -> Option<Clause> {
    let k = paragraph.char_indices().map(|(k, _)| k).find(|&k| role_keyword_at(&paragraph[k..]).is_some())?;
    let end = paragraph[k..].find('。').map_or(paragraph.len(), |i| k + i);
    let (mut clause, _) = parse_segments(&paragraph[k..end]);
    let lists = [&clause.lead, &clause.support, &clause.responsible];
    if !clause.has_units() || lists.iter().any(|l| !l.is_empty() && !is_plausible_unit_list(l)) {
        return None;
    }
    clause.start = k;
    clause.end = end;
    clause.raw = paragraph[k..end].to_string();
    Some(clause)
}

/// The labelled clause that ends a paragraph, if any.
///
/// The clause is the earliest label from which the rest of the paragraph reads as a clause
/// naming units: segments up to a closing bracket at depth 0 (or the end), followed by nothing
/// but punctuation. An opening bracket just before the label belongs to the clause.
fn find_labelled(paragraph: &str) -> Option<Clause> {
    // A clause never spans a full stop that prose follows, so labels before the last such
    // stop cannot start one; skipping them keeps this linear on hostile input.
    let after_prose = last_prose_stop(paragraph);
    let mut tries = 0;
    for (k, _) in paragraph.char_indices().filter(|(k, _)| *k >= after_prose) {
        let Some((_, label_len)) = label_at(&paragraph[k..]) else { continue };
        let bracketed_label = paragraph[k..].starts_with(['【', '[', '［']);
        let before = paragraph[..k].trim_end_matches(is_space);
        let start = match before.chars().next_back() {
            Some(c) if is_open_bracket(c) && !bracketed_label => before.len() - c.len_utf8(),
            _ => k,
        };
        // A bracketed label's own brackets are not the clause's: scan from after it.
        let scan_from = if bracketed_label { k + label_len } else { k };
        if let Some((end, closed)) = clause_end(paragraph, scan_from) {
            // An unbracketed clause ends before the punctuation that trails it.
            let end = if closed { end } else { k + trim_list_end(&paragraph[k..end]).len() };
            let inner_end = if closed { end - paragraph[..end].chars().next_back().map_or(0, char::len_utf8) } else { end };
            let (mut clause, has_roles) = parse_segments(&paragraph[k..inner_end.max(k)]);
            // People or a deadline alone (责任领导：张三。) are no unit clause; the next label
            // may start one. Tried a bounded number of times, so this stays linear.
            if !has_roles {
                tries += 1;
                if tries > MAX_TRIES {
                    return None;
                }
                continue;
            }
            clause.start = start;
            clause.end = end;
            clause.raw = paragraph[start..end].to_string();
            return Some(clause);
        }
    }
    None
}

/// How many would-be clauses with no role in them are skipped before giving up.
const MAX_TRIES: usize = 8;

/// `s` without trailing spaces and list punctuation.
fn trim_list_end(s: &str) -> &str {
    s.trim_end_matches(|c: char| is_space(c) || matches!(c, '；' | ';' | '，' | ',' | '、' | '.' | '。'))
}

/// Byte offset just after the last '。' that is followed by more than punctuation (0 if none).
pub(crate) fn last_prose_stop(p: &str) -> usize {
    let mut seen_prose = false;
    for (i, c) in p.char_indices().rev() {
        // A full stop between the segments of a clause printed on lines of their own
        // ("牵头负责领导：刘惠。牵头责任单位：省发改委。") does not end prose.
        if c == '。' && seen_prose && !label_follows(&p[i + c.len_utf8()..]) {
            return i + c.len_utf8();
        }
        if !(is_space(c) || is_close_bracket(c) || matches!(c, '。' | '；' | ';' | '，' | ',' | '.' | '、')) {
            seen_prose = true;
        }
    }
    0
}

/// Does a label start `s` (after spaces)?
fn label_follows(s: &str) -> bool {
    label_at(s.trim_start_matches(is_space)).is_some()
}

/// Where a clause starting at byte `k` ends (exclusive, closing bracket included) and whether
/// a closing bracket ended it, if the rest of the paragraph after it is only punctuation;
/// None if prose follows. Bracketed labels inside (【配合单位】) open and close in pairs.
pub(crate) fn clause_end(p: &str, k: usize) -> Option<(usize, bool)> {
    let mut depth = 0usize;
    let mut end = p.len();
    let mut closed = false;
    for (i, c) in p[k..].char_indices() {
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            if depth == 0 {
                end = k + i + c.len_utf8();
                closed = true;
                break;
            }
            depth -= 1;
        } else if c == '。' && depth == 0 && !label_follows(&p[k + i + c.len_utf8()..]) {
            end = k + i;
            break;
        }
    }
    let tail = &p[end..];
    tail.chars()
        .all(|c| is_space(c) || matches!(c, '。' | '；' | ';' | '，' | ',' | '.' | '、') || is_close_bracket(c))
        .then_some((end, closed))
}

/// Parses the inside of a clause (no outer brackets) into role lists; also whether it has
/// any role segment at all.
fn parse_segments(inner: &str) -> (Clause, bool) {
    let mut segments: Vec<(Label, &str)> = Vec::new();
    let mut depth = 0usize;
    let mut cur: Option<(Label, usize)> = None;
    let mut skip_to = 0;
    for (i, c) in inner.char_indices() {
        if i < skip_to {
            continue;
        }
        // A bracketed label (【配合单位】) is a label, not a nested bracket.
        if depth == 0 {
            if let Some((label, len)) = label_at(&inner[i..]) {
                if let Some((l, s)) = cur.take() {
                    segments.push((l, &inner[s..i]));
                }
                cur = Some((label, i + len));
                skip_to = i + len;
                continue;
            }
        }
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth = depth.saturating_sub(1);
        }
    }
    if let Some((l, s)) = cur {
        segments.push((l, &inner[s..]));
    }
    let has_lead = segments.iter().any(|(l, s)| *l == Label::Role(RoleWord::Lead) && !split_units(s).is_empty());
    let has_roles = segments.iter().any(|(l, _)| matches!(l, Label::Role(_)));
    let mut clause = Clause::default();
    for (label, text) in segments {
        let text = trim_list_end(trim(text));
        match label {
            Label::Role(role) => {
                if let Some(verbs) = super::verb_clause::parse_labelled(text, role) {
                    clause.lead.extend(verbs.lead);
                    clause.support.extend(verbs.support);
                    clause.responsible.extend(verbs.responsible);
                    if clause.deadline.is_empty() {
                        clause.deadline = verbs.deadline;
                    }
                    continue;
                }
                let units = split_units(text);
                if units.is_empty() && !text.is_empty() {
                    clause.problems.push(format!("could not read units in \"{text}\""));
                }
                clause.add(role, has_lead, units);
            }
            Label::Deadline => clause.deadline = text.to_string(),
            Label::People => {}
        }
    }
    (clause, has_roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_responsible_clause() {
        let p = "深化宪法学习宣传教育。普及宪法知识。(责任单位:区委依法治区办、区委宣传部、团区委)";
        let c = find(p).unwrap();
        assert_eq!(c.raw, "(责任单位:区委依法治区办、区委宣传部、团区委)");
        assert_eq!(c.responsible, ["区委依法治区办", "区委宣传部", "团区委"]);
        assert!(c.lead.is_empty() && c.support.is_empty());
        assert_eq!(&p[c.end..], "");
    }

    #[test]
    fn lead_and_support_with_nested_brackets_and_tails() {
        let p = "优化政府职能配置。(牵头单位:县委编办;参加单位:县政府各工作部门、各乡镇(街道))";
        let c = find(p).unwrap();
        assert_eq!(c.lead, ["县委编办"]);
        assert_eq!(c.support, ["县政府各工作部门", "各乡镇(街道)"]);
        let p = "舆情。(牵头单位:县委网信办、县委宣传部;参加单位:县法院、县市场监管局等部门按职责分工负责)";
        let c = find(p).unwrap();
        assert_eq!(c.support, ["县法院", "县市场监管局"]);
    }

    #[test]
    fn missing_brackets_and_trailing_full_stop() {
        let c = find("项按程序一律取消。牵头单位:县司法局;参加单位:县政府其他有关部门、县人大法制委").unwrap();
        assert_eq!(c.raw, "牵头单位:县司法局;参加单位:县政府其他有关部门、县人大法制委");
        assert_eq!(c.support, ["县政府其他有关部门", "县人大法制委"]);
        let c = find("增强公众参与实效。责任单位:县政府有关部门按职责分工负责)").unwrap();
        assert_eq!(c.raw, "责任单位:县政府有关部门按职责分工负责)");
        assert_eq!(c.responsible, ["县政府有关部门"]);
        let p = "力度。（责任单位：区人民法院、区司法局）。";
        let c = find(p).unwrap();
        assert_eq!(c.raw, "（责任单位：区人民法院、区司法局）");
    }

    #[test]
    fn responsible_next_to_lead_is_support() {
        let c = find("审查制度。（牵头单位：市司法局，责任单位：市政府各部门、各乡镇街道）").unwrap();
        assert_eq!(c.lead, ["市司法局"]);
        assert_eq!(c.support, ["市政府各部门", "各乡镇街道"]);
        assert!(c.responsible.is_empty());
        let c = find("机制。(责任单位:县委依法治县办;参加单位:各协调小组)").unwrap();
        assert_eq!(c.responsible, ["县委依法治县办"]);
        assert_eq!(c.support, ["各协调小组"]);
    }

    #[test]
    fn prose_is_not_a_clause() {
        assert!(find("由牵头单位负责。然后继续。").is_none());
        assert!(find("（牵头单位：县司法局）负责组织实施，确保落实。").is_none());
    }
}
