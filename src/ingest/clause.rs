//! The unit-clause grammar: `（牵头单位：A、B；参加单位：C）`, `(责任单位:A，B)`, `〔责任单位:A〕`,
//! clauses with a missing bracket, and the cells of division-of-labour tables.
//!
//! A clause is a run of role segments. Each segment is a role keyword (牵头/责任/参加/参与/配合/
//! 协办/协助 + 单位/部门), a colon, and a unit list. Lists split on 、，,；; and on 及 between
//! units, never inside brackets ("各镇(街、区)" is one unit).

use crate::text::{is_close_bracket, is_open_bracket, is_space, trim};

/// What a role keyword says about the units after it, before 责任 is resolved against 牵头.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleWord {
    /// 牵头单位 / 牵头部门
    Lead,
    /// 参加 / 参与 / 配合 / 协办 / 协助
    Support,
    /// 责任单位 / 责任部门: support next to a 牵头单位, otherwise responsible.
    Responsible,
}

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
    /// Parts of the clause that could not be read, for warnings.
    pub problems: Vec<String>,
}

const ROLE_PREFIXES: &[(&str, RoleWord)] = &[
    ("牵头", RoleWord::Lead),
    ("责任", RoleWord::Responsible),
    ("参加", RoleWord::Support),
    ("参与", RoleWord::Support),
    ("配合", RoleWord::Support),
    ("协办", RoleWord::Support),
    ("协助", RoleWord::Support),
];

/// If `s` starts with a role keyword (e.g. "牵头单位："), returns the role and the byte length
/// of keyword plus colon. A keyword without a colon is not a keyword ("牵头单位要…" is prose).
pub fn role_keyword_at(s: &str) -> Option<(RoleWord, usize)> {
    let (role, rest_at) = ROLE_PREFIXES.iter().find_map(|(p, r)| s.strip_prefix(p).map(|rest| (*r, s.len() - rest.len())))?;
    let rest = &s[rest_at..];
    let rest2 = rest.strip_prefix("单位").or_else(|| rest.strip_prefix("部门"))?;
    let after_word = s.len() - rest2.len();
    let spaces: usize = rest2.chars().take_while(|c| is_space(*c)).map(char::len_utf8).sum();
    let rest3 = &rest2[spaces..];
    let colon = rest3.chars().next().filter(|c| matches!(c, ':' | '：'))?;
    Some((role, after_word + spaces + colon.len_utf8()))
}

/// A role keyword used as a table column header ("牵头单位", "责任单位"…), without colon.
pub fn role_header(cell: &str) -> Option<RoleWord> {
    let cell = trim(cell);
    let mut with_colon = cell.to_string();
    with_colon.push('：');
    match role_keyword_at(&with_colon) {
        Some((role, len)) if len == with_colon.len() => Some(role),
        _ => None,
    }
}

/// Finds the unit clause that ends a paragraph, if any.
///
/// The clause is the earliest role keyword from which the rest of the paragraph reads as a
/// clause: segments up to a closing bracket at depth 0 (or the end), followed by nothing but
/// punctuation. An opening bracket just before the keyword belongs to the clause.
pub fn find(paragraph: &str) -> Option<Clause> {
    // A clause never spans a full stop that prose follows, so keywords before the last such
    // stop cannot start one; skipping them keeps this linear on hostile input.
    let after_prose = last_prose_stop(paragraph);
    for (k, _) in paragraph.char_indices().filter(|(k, _)| *k >= after_prose) {
        if role_keyword_at(&paragraph[k..]).is_none() {
            continue;
        }
        let before = paragraph[..k].trim_end_matches(is_space);
        let start = match before.chars().next_back() {
            Some(c) if is_open_bracket(c) => before.len() - c.len_utf8(),
            _ => k,
        };
        if let Some((end, closed)) = clause_end(paragraph, k) {
            // An unbracketed clause ends before the punctuation that trails it.
            let end = if closed { end } else { k + trim_list_end(&paragraph[k..end]).len() };
            let inner_end = if closed { end - paragraph[..end].chars().next_back().map_or(0, char::len_utf8) } else { end };
            let mut clause = parse_segments(&paragraph[k..inner_end.max(k)]);
            clause.start = start;
            clause.end = end;
            clause.raw = paragraph[start..end].to_string();
            return Some(clause);
        }
    }
    None
}

/// `s` without trailing spaces and list punctuation.
fn trim_list_end(s: &str) -> &str {
    s.trim_end_matches(|c: char| is_space(c) || matches!(c, '；' | ';' | '，' | ',' | '、' | '.'))
}

/// Byte offset just after the last '。' that is followed by more than punctuation (0 if none).
fn last_prose_stop(p: &str) -> usize {
    let mut seen_prose = false;
    for (i, c) in p.char_indices().rev() {
        if c == '。' && seen_prose {
            return i + c.len_utf8();
        }
        if !(is_space(c) || is_close_bracket(c) || matches!(c, '。' | '；' | ';' | '，' | ',' | '.' | '、')) {
            seen_prose = true;
        }
    }
    0
}

/// Where a clause starting at byte `k` ends (exclusive, closing bracket included) and whether
/// a closing bracket ended it, if the rest of the paragraph after it is only punctuation;
/// None if prose follows.
fn clause_end(p: &str, k: usize) -> Option<(usize, bool)> {
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
        } else if c == '。' && depth == 0 {
            end = k + i;
            break;
        }
    }
    let tail = &p[end..];
    tail.chars()
        .all(|c| is_space(c) || matches!(c, '。' | '；' | ';' | '，' | ',' | '.' | '、') || is_close_bracket(c))
        .then_some((end, closed))
}

/// Parses the inside of a clause (no outer brackets) into role lists.
fn parse_segments(inner: &str) -> Clause {
    let mut segments: Vec<(RoleWord, &str)> = Vec::new();
    let mut depth = 0usize;
    let mut cur: Option<(RoleWord, usize)> = None;
    let mut iter = inner.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth = depth.saturating_sub(1);
        }
        if depth == 0 {
            if let Some((role, len)) = role_keyword_at(&inner[i..]) {
                if let Some((r, s)) = cur.take() {
                    segments.push((r, &inner[s..i]));
                }
                cur = Some((role, i + len));
                // Skip the keyword's remaining characters.
                while iter.peek().is_some_and(|(j, _)| *j < i + len) {
                    iter.next();
                }
            }
        }
    }
    if let Some((r, s)) = cur {
        segments.push((r, &inner[s..]));
    }
    let has_lead = segments.iter().any(|(r, s)| *r == RoleWord::Lead && !split_units(s).is_empty());
    let mut clause = Clause::default();
    for (role, list) in segments {
        let units = split_units(list);
        if units.is_empty() && !trim(list).trim_matches(|c| matches!(c, '；' | ';' | '，' | ',')).is_empty() {
            clause.problems.push(format!("could not read units in \"{}\"", trim(list)));
        }
        let target = match (role, has_lead) {
            (RoleWord::Lead, _) => &mut clause.lead,
            (RoleWord::Support, _) | (RoleWord::Responsible, true) => &mut clause.support,
            (RoleWord::Responsible, false) => &mut clause.responsible,
        };
        target.extend(units);
    }
    clause
}

/// Builds the clause of a division-of-labour table row from its header names and cells.
/// `raw` joins them as "牵头单位：<cell>；责任单位：<cell>" (missing cells are empty).
pub fn from_table_cells(columns: &[(String, RoleWord)], cells: &[String]) -> Clause {
    let mut clause = Clause::default();
    let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
    clause.raw = columns
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!("{}：{}", name, cell(i)))
        .collect::<Vec<_>>()
        .join("；");
    let has_lead = columns
        .iter()
        .enumerate()
        .any(|(i, (_, r))| *r == RoleWord::Lead && !split_units(cell(i)).is_empty());
    for (i, (_, role)) in columns.iter().enumerate() {
        let units = split_units(cell(i));
        let target = match (role, has_lead) {
            (RoleWord::Lead, _) => &mut clause.lead,
            (RoleWord::Support, _) | (RoleWord::Responsible, true) => &mut clause.support,
            (RoleWord::Responsible, false) => &mut clause.responsible,
        };
        target.extend(units);
    }
    clause
}

/// Tails that qualify a list rather than name a unit: "…按职责分工负责", "…等部门".
const TAILS: &[&str] = &["按职责分工负责", "按照职责分工负责", "按职责负责", "按职能分工负责", "分工负责"];
const ETC_TAILS: &[&str] = &["等有关单位", "等有关部门", "等相关单位", "等相关部门", "等职能部门", "等部门", "等单位"];

/// Splits a unit list into unit names, in printed order, surface forms kept.
pub fn split_units(list: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    let chars: Vec<char> = list.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth = depth.saturating_sub(1);
        }
        let sep = depth == 0
            && (matches!(c, '、' | '，' | ',' | '；' | ';')
                || (c == '及' && ends_like_unit(&cur) && chars.len() > i + 2));
        if sep {
            pieces.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    pieces.push(cur);

    let mut units: Vec<String> = Vec::new();
    let mut carry: Option<String> = None;
    for piece in pieces {
        let mut name: String = trim(&piece).chars().filter(|c| !is_space(*c)).collect();
        for tail in TAILS {
            if let Some(s) = name.strip_suffix(tail) {
                name = s.to_string();
            }
        }
        for tail in ETC_TAILS {
            if let Some(s) = name.strip_suffix(tail) {
                name = s.to_string();
                break;
            }
        }
        if name.is_empty() {
            continue;
        }
        if let Some(prefix) = carry.take() {
            name = format!("{prefix}、{name}");
        }
        // "区直、驻区各单位" is one collective: a bare scope word joins the name after it.
        if is_scope_word(&name) {
            carry = Some(name);
            continue;
        }
        units.push(name);
    }
    if let Some(prefix) = carry {
        units.push(prefix);
    }
    units
}

/// A scope word such as 区直 / 驻区 / 市直 that only qualifies the collective after it.
fn is_scope_word(name: &str) -> bool {
    let n = name.chars().count();
    n <= 3 && (name.ends_with('直') || name.starts_with('驻'))
}

/// Suffixes that end the names of government bodies, for telling unit lists from prose.
const UNIT_ENDINGS: &[&str] = &[
    "局", "办", "委", "院", "部", "会", "室", "所", "队", "中心", "团", "联", "行", "处", "站", "厅", "组",
    "校", "街办", "街道", "乡镇", "镇", "园", "区", "社", "馆", "台", "司", "公司", "厂", "党委", "党组", "工委",
    "机关", "单位", "部门", "学院", "法院", "检察院", "分局", "支行", "大队", "政协", "人大", "常委会", "办公室",
];

/// Does this (trailing-bracket-stripped) name end like a unit name?
fn ends_like_unit(name: &str) -> bool {
    let name = trim(name);
    let name = strip_trailing_parenthetical(name);
    UNIT_ENDINGS.iter().any(|e| name.ends_with(e))
}

const MAX_QUALIFIER_CHARS: usize = 64;

fn strip_trailing_parenthetical(name: &str) -> &str {
    let Some(last) = name.chars().next_back() else { return name };
    if !is_close_bracket(last) {
        return name;
    }
    let mut depth = 0usize;
    // A qualifier is short: looking further back than this would make every 及 in a long
    // run of brackets rescan the whole run (quadratic).
    for (i, c) in name.char_indices().rev().take(MAX_QUALIFIER_CHARS) {
        if is_close_bracket(c) {
            depth += 1;
        } else if is_open_bracket(c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return &name[..i];
            }
        }
    }
    name
}

/// Is this line a bare list of unit names (a table cell), not prose or a clause?
pub fn looks_like_unit_list(line: &str) -> bool {
    let line = trim(line);
    // Length first (400 characters are at most 1600 bytes): callers ask this of lines that
    // page-break joining keeps growing, so it must not scan them.
    if line.is_empty() || line.len() > 1600 || line.contains(['。', ':', '：', '“', '”']) || line.chars().count() > 400 {
        return false;
    }
    let mut depth = 0i32;
    for c in line.chars() {
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth -= 1;
            if depth < 0 {
                return false;
            }
        }
    }
    if depth != 0 {
        return false;
    }
    let units = split_units(line);
    !units.is_empty()
        && units.iter().all(|u| {
            let n = u.chars().count();
            (2..=40).contains(&n) && ends_like_unit(u.rsplit('、').next().unwrap_or(u))
        })
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
    fn scope_words_and_ji() {
        assert_eq!(split_units("各乡镇，街道，长春经开区，驻区、区直各相关单位"), ["各乡镇", "街道", "长春经开区", "驻区、区直各相关单位"]);
        assert_eq!(split_units("区直、驻区各部门党组(党委)、各乡镇党委"), ["区直、驻区各部门党组(党委)", "各乡镇党委"]);
        assert_eq!(split_units("市政府金融办及市政府各部门按职责分工负责"), ["市政府金融办", "市政府各部门"]);
        assert_eq!(split_units("区直各单位,各镇(街、区)"), ["区直各单位", "各镇(街、区)"]);
        assert_eq!(split_units("区发改局、、区司法局"), ["区发改局", "区司法局"]);
        assert_eq!(split_units("区卫健局、区应急局等有关单位,各镇(街、区)"), ["区卫健局", "区应急局", "各镇(街、区)"]);
    }

    #[test]
    fn prose_is_not_a_clause() {
        assert!(find("由牵头单位负责。然后继续。").is_none());
        assert!(find("（牵头单位：县司法局）负责组织实施，确保落实。").is_none());
    }

    #[test]
    fn unit_list_lines() {
        assert!(looks_like_unit_list("区人大常委会、区司法局"));
        assert!(looks_like_unit_list("区司法局、各单位党委(党组)"));
        assert!(looks_like_unit_list("各街办、区直各部门,区网信办"));
        assert!(!looks_like_unit_list("加快推进法律服务队伍发展。"));
        assert!(!looks_like_unit_list("部门、各乡镇街道)"));
        assert!(!looks_like_unit_list("二、坚持依法行政,全面建设法治政府"));
    }
}
