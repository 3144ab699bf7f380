//! The words of the unit-clause grammar: labels (牵头单位：, 【配合部门】, 责任领导：, 完成时限：),
//! verbs (X牵头, Y配合, Z按职责分工负责) and their roles. Everything is matched on the
//! simplified copy of the text ([`crate::text::simplify`]), so traditional-character plans
//! (牽頭單位 / 責任單位) read the same; surface forms stay as printed.
//!
//! A new label or verb is one line in a table here plus a test in `clause.rs` or
//! `verb_clause.rs` with the real phrase it came from.

use crate::text::{is_space, simplified, simplify, trim};

/// What a role word says about the units after it, before 责任 is resolved against 牵头.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleWord {
    /// 牵头单位 / 牵头部门 / 主责单位 / X牵头
    Lead,
    /// 参加 / 参与 / 配合 / 协办 / 协助 / 协同 (单位 / 部门), X配合
    Support,
    /// 责任单位 / 责任部门, X负责: support next to a lead, otherwise responsible.
    Responsible,
}

/// What a clause label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Units, in a role.
    Role(RoleWord),
    /// People (责任领导：张三, 牵头领导：副县长): never units.
    People,
    /// A deadline (完成时限：2022年底前).
    Deadline,
}

/// Role stems that take a noun (单位 / 部门 …) to make a label, longest first.
const ROLE_STEMS: &[(&str, RoleWord)] = &[
    ("牵头责任", RoleWord::Lead),
    // 主要责任单位 beside 协同配合单位: the main unit leads.
    ("主要责任", RoleWord::Lead),
    ("协同配合", RoleWord::Support),
    ("协同责任", RoleWord::Support),
    ("配合责任", RoleWord::Support),
    ("参与责任", RoleWord::Support),
    ("牵头", RoleWord::Lead),
    ("主责", RoleWord::Lead),
    ("主办", RoleWord::Lead),
    ("责任", RoleWord::Responsible),
    ("承办", RoleWord::Responsible),
    ("落实", RoleWord::Responsible),
    ("负责", RoleWord::Responsible),
    ("参加", RoleWord::Support),
    ("参与", RoleWord::Support),
    ("配合", RoleWord::Support),
    ("协办", RoleWord::Support),
    ("协助", RoleWord::Support),
    ("协同", RoleWord::Support),
    ("协作", RoleWord::Support),
];

/// Nouns that complete a role label: 牵头 + 单位.
const ROLE_NOUNS: &[&str] = &["单位", "部门", "处室", "科室", "主体"];

/// Role stems that are labels on their own when a colon follows ("牵头：县司法局").
const BARE_ROLE_STEMS: &[&str] = &["牵头", "配合", "参与", "参加", "协办", "协助"];

/// Labels of people: a short word ending in one of these (责任领导, 牵头县领导, 责任人).
const PEOPLE_ENDINGS: &[&str] = &["领导", "责任人", "牵头人", "联系人"];

/// Labels whose text is a verb clause ("部门分工：省发改委牵头，各地、各部门配合").
const DIVISION_LABELS: &[&str] = &["部门分工", "责任分工", "任务分工", "职责分工"];

/// Labels of deadlines.
const DEADLINE_LABELS: &[&str] = &[
    "完成时限",
    "完成时间",
    "完成期限",
    "落实时间",
    "落实时限",
    "整改时限",
    "整改期限",
    "整改时间",
    "办结时限",
    "时间节点",
    "时限要求",
    "时间要求",
    "进度安排",
    "时间安排",
    "时限",
];

/// The longest a people label runs before its ending (牵头市领导 → 3).
const MAX_PEOPLE_PREFIX: usize = 4;

/// `s` starts with `word` when simplified (so 牽頭 matches 牵头): the byte length matched.
fn starts_with_word(s: &str, word: &str) -> Option<usize> {
    let mut len = 0;
    let mut it = s.chars();
    for w in word.chars() {
        let c = it.next()?;
        if simplified(c) != w {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// The label word at the start of `s` (no colon or brackets): its kind and byte length.
fn label_word(s: &str) -> Option<(Label, usize)> {
    for d in DEADLINE_LABELS {
        if let Some(n) = starts_with_word(s, d) {
            return Some((Label::Deadline, n));
        }
    }
    // People: up to MAX_PEOPLE_PREFIX characters, then an ending (checked before roles, so
    // 牵头领导 / 责任领导 are people, not a 牵头 / 责任 label).
    for (k, c) in s.char_indices().take(MAX_PEOPLE_PREFIX + 1) {
        for e in PEOPLE_ENDINGS {
            if let Some(n) = starts_with_word(&s[k..], e) {
                return Some((Label::People, k + n));
            }
        }
        if !crate::text::is_han(c) {
            break;
        }
    }
    for d in DIVISION_LABELS {
        if let Some(n) = starts_with_word(s, d) {
            return Some((Label::Role(RoleWord::Responsible), n));
        }
    }
    for (stem, role) in ROLE_STEMS {
        let Some(n) = starts_with_word(s, stem) else { continue };
        if let Some(m) = ROLE_NOUNS.iter().find_map(|noun| starts_with_word(&s[n..], noun)) {
            return Some((Label::Role(*role), n + m));
        }
    }
    None
}

/// A bare role stem (牵头 / 配合 …) at the start of `s`, which is a label only before a colon.
fn bare_role(s: &str) -> Option<(Label, usize)> {
    BARE_ROLE_STEMS.iter().find_map(|stem| {
        let n = starts_with_word(s, stem)?;
        let role = ROLE_STEMS.iter().find(|(w, _)| w == stem).map(|(_, r)| *r)?;
        Some((Label::Role(role), n))
    })
}

/// The label at the start of `s`, with the byte length of label and colon:
/// `牵头单位：`, `责任部门 :`, `牵头：`, `【牵头单位】` / `[配合单位]` (colon optional after the
/// bracket), `责任领导：`, `完成时限：`. A label word without a colon is prose ("牵头单位要…").
pub fn label_at(s: &str) -> Option<(Label, usize)> {
    let first = s.chars().next()?;
    if matches!(first, '【' | '[' | '［') {
        let inner = &s[first.len_utf8()..];
        let (label, n) = label_word(inner).or_else(|| bare_role(inner))?;
        let after = &inner[n..];
        let close = after.chars().next().filter(|c| matches!(c, '】' | ']' | '］'))?;
        let mut len = first.len_utf8() + n + close.len_utf8();
        len += colon_after(&s[len..]).unwrap_or(0);
        return Some((label, len));
    }
    if let Some((label, n)) = label_word(s) {
        // "责任单位均为市商务局", "牵头单位为县司法局": a label word may be followed by 为.
        if let Some(m) = colon_after(&s[n..]).or_else(|| copula_after(&s[n..])) {
            return Some((label, n + m));
        }
    }
    let (label, n) = bare_role(s)?;
    Some((label, n + colon_after(&s[n..])?))
}

/// Bytes of 为 / 均为 / 是 at the start of `s` (simplified), as in "责任单位均为X".
fn copula_after(s: &str) -> Option<usize> {
    ["均为", "为", "是"].iter().find_map(|w| starts_with_word(s, w))
}

/// Bytes of a phrase that points a clause at the items before it, at the start of `s`:
/// "4项目标的", "该目标", "该项目标", "以上8项", "上述任务的" (matched simplified).
pub fn determiner_len(s: &str) -> usize {
    let mut at = 0;
    for lead in ["以上", "上述", "该", "本"] {
        if let Some(n) = starts_with_word(&s[at..], lead) {
            at += n;
            break;
        }
    }
    at += s[at..].chars().take_while(|c| c.is_ascii_digit() || crate::text::is_cn_digit(*c)).map(char::len_utf8).sum::<usize>();
    if let Some(n) = starts_with_word(&s[at..], "项") {
        at += n;
    }
    for noun in ["目标", "任务", "工作", "事项", "指标"] {
        if let Some(n) = starts_with_word(&s[at..], noun) {
            at += n;
            break;
        }
    }
    if let Some(n) = starts_with_word(&s[at..], "的") {
        at += n;
    }
    at
}

/// Bytes of optional spaces and one colon at the start of `s`.
fn colon_after(s: &str) -> Option<usize> {
    let spaces: usize = s.chars().take_while(|c| is_space(*c)).map(char::len_utf8).sum();
    let colon = s[spaces..].chars().next().filter(|c| matches!(c, ':' | '：'))?;
    Some(spaces + colon.len_utf8())
}

/// A label used as a table column header ("牵头单位", "责任领导", "完成时限"), without colon.
pub fn header_label(cell: &str) -> Option<Label> {
    let cell = crate::text::trim(cell);
    let whole = |part: &str| label_word(part).filter(|(_, n)| *n == part.len()).map(|(label, _)| label);
    whole(cell).or_else(|| joined_roles(cell, whole))
}

/// Two role labels heading one column ("责任主体与协同单位"): the role both name, or 责任 when
/// they differ (support next to a lead column, as a 责任 column is).
fn joined_roles(cell: &str, whole: impl Fn(&str) -> Option<Label>) -> Option<Label> {
    let (a, b) = cell.split_once(['与', '和', '及', '、', '/', '／'])?;
    match (whole(a)?, whole(b)?) {
        (Label::Role(x), Label::Role(y)) => Some(Label::Role(if x == y { x } else { RoleWord::Responsible })),
        _ => None,
    }
}

/// Verbs that end a unit list in the verb form of a clause (`X牵头`, `Y、Z配合`), longest
/// first so 按职责分工负责 is not read as 负责.
pub const VERBS: &[(&str, RoleWord)] = &[
    ("按照职责分工负责", RoleWord::Responsible),
    ("按职责分工负责", RoleWord::Responsible),
    ("按职能分工负责", RoleWord::Responsible),
    ("按职责分工落实", RoleWord::Responsible),
    ("根据职责分工负责", RoleWord::Responsible),
    ("按职责负责", RoleWord::Responsible),
    ("分工负责", RoleWord::Responsible),
    ("共同负责", RoleWord::Responsible),
    ("分别负责", RoleWord::Responsible),
    ("具体负责", RoleWord::Responsible),
    ("各负其责", RoleWord::Responsible),
    ("负责落实", RoleWord::Responsible),
    ("负责实施", RoleWord::Responsible),
    ("分别牵头", RoleWord::Lead),
    ("共同牵头", RoleWord::Lead),
    ("牵头负责", RoleWord::Lead),
    ("牵头落实", RoleWord::Lead),
    ("牵头实施", RoleWord::Lead),
    ("牵头抓总", RoleWord::Lead),
    ("牵头", RoleWord::Lead),
    ("主办", RoleWord::Lead),
    ("牵头办理", RoleWord::Lead),
    ("配合办理", RoleWord::Support),
    ("协助办理", RoleWord::Support),
    ("负责办理", RoleWord::Responsible),
    ("配合落实", RoleWord::Support),
    ("配合实施", RoleWord::Support),
    ("共同参与", RoleWord::Support),
    ("配合", RoleWord::Support),
    ("参与", RoleWord::Support),
    ("参加", RoleWord::Support),
    ("协助", RoleWord::Support),
    ("协办", RoleWord::Support),
    ("协同", RoleWord::Support),
    ("负责", RoleWord::Responsible),
    ("落实", RoleWord::Responsible),
    // "(市政府法制办会同市有关部门办理)", "(市政府法制办、市政府各部门办理)".
    ("办理", RoleWord::Responsible),
];

/// The verb that ends `s` (simplified), if any: its role and byte length.
pub fn verb_at_end(s: &str) -> Option<(RoleWord, usize)> {
    let key = crate::text::simplify(s);
    VERBS.iter().find_map(|(v, r)| key.ends_with(v).then_some((*r, v.len())))
}

/// Does `s` state the convention that the first unit listed leads ("列第一位为牵头或汇总单位，
/// 下同", "列第一位的為牽頭部門")? Plans that print it mean it for the lists after it.
pub fn states_first_listed_lead(s: &str) -> bool {
    let key = crate::text::simplify(s);
    ["列第一位", "排第一位", "排在第一位", "列在第一位", "列首位", "排在首位", "第一个为牵头", "第一位的为牵头", "第一位为牵头"]
        .iter()
        .any(|w| key.contains(w))
        && key.contains("牵头")
}

/// A time or schedule, not units: a deadline cell or clause part ("2022年12月底前", "四月份",
/// "长期坚持", "持续推进", "每季度").
pub fn is_time(s: &str) -> bool {
    let key = simplify(trim(s));
    if key.chars().count() > 30 || key.contains('。') {
        return false;
    }
    // A date opens the cell ("2022年12月底前"); a year inside a task ("出台2010年度…意见") is prose.
    // The digits must be a date's: followed by 年/月/日/季 or by a date separator and a digit
    // ("2022.12"), not by an item's full stop ("4.加强青少年…").
    let digits = key.chars().take_while(char::is_ascii_digit).count();
    let mut after = key.chars().skip(digits);
    let date_digits = match after.next() {
        Some('年' | '月' | '日' | '季') => true,
        Some('.' | '-' | '/' | '—') => after.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    let dated = digits > 0 && date_digits && key.contains(['年', '月', '日', '季']);
    // "四月份", "二季度", "6月底前"
    let spoken =
        key.chars().count() <= 8 && (key.ends_with("月份") || key.contains("季度") || key.ends_with("月底") || key.ends_with("月底前"));
    let dated = dated || spoken;
    dated
        || ["长期", "持续", "常态化", "年底前", "年内", "每年", "每季度", "每月", "全年", "年底", "上半年", "下半年"]
            .iter()
            .any(|w| key.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_both_scripts_and_brackets() {
        assert_eq!(label_at("牵头单位：县司法局"), Some((Label::Role(RoleWord::Lead), "牵头单位：".len())));
        assert_eq!(label_at("牽頭單位:縣司法局"), Some((Label::Role(RoleWord::Lead), "牽頭單位:".len())));
        assert_eq!(label_at("牵头责任单位：X"), Some((Label::Role(RoleWord::Lead), "牵头责任单位：".len())));
        assert_eq!(label_at("主责单位 ：X"), Some((Label::Role(RoleWord::Lead), "主责单位 ：".len())));
        assert_eq!(label_at("配合部门:X"), Some((Label::Role(RoleWord::Support), "配合部门:".len())));
        assert_eq!(label_at("【牵头单位】X"), Some((Label::Role(RoleWord::Lead), "【牵头单位】".len())));
        assert_eq!(label_at("[责任单位]：X"), Some((Label::Role(RoleWord::Responsible), "[责任单位]：".len())));
        assert_eq!(label_at("牵头：X"), Some((Label::Role(RoleWord::Lead), "牵头：".len())));
        assert_eq!(label_at("责任领导：张三"), Some((Label::People, "责任领导：".len())));
        assert_eq!(label_at("牵头县领导:李四"), Some((Label::People, "牵头县领导:".len())));
        assert_eq!(label_at("完成时限：2022年底"), Some((Label::Deadline, "完成时限：".len())));
        assert_eq!(label_at("牵头单位要加强协调"), None);
        assert_eq!(label_at("責任單位均為市商務局。"), Some((Label::Role(RoleWord::Responsible), "責任單位均為".len())));
        assert_eq!(label_at("牵头为县司法局"), None);
        assert_eq!(determiner_len("4項目標的責任單位均為X"), "4項目標的".len());
        assert_eq!(determiner_len("该项目标责任单位为X"), "该项目标".len());
        assert_eq!(determiner_len("责任单位为X"), 0);
        assert_eq!(label_at("牵头抓总"), None);
    }

    #[test]
    fn headers_and_verbs() {
        assert_eq!(header_label("牵头责任单位"), Some(Label::Role(RoleWord::Lead)));
        assert_eq!(header_label(" 責任單位 "), Some(Label::Role(RoleWord::Responsible)));
        assert_eq!(header_label("责任领导"), Some(Label::People));
        assert_eq!(header_label("时间节点"), Some(Label::Deadline));
        assert_eq!(header_label("工作任务"), None);
        assert_eq!(verb_at_end("县司法局牵头").map(|v| v.0), Some(RoleWord::Lead));
        assert_eq!(verb_at_end("各部门按职责分工负责"), Some((RoleWord::Responsible, "按职责分工负责".len())));
        assert_eq!(verb_at_end("縣財政局負責"), Some((RoleWord::Responsible, "负责".len())));
        assert_eq!(verb_at_end("市政府法制办、市政府各部门办理"), Some((RoleWord::Responsible, "办理".len())));
        assert!(states_first_listed_lead("(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)"));
        assert!(states_first_listed_lead("列第一位的為牽頭部門,下同"));
        assert!(!states_first_listed_lead("市发改委牵头"));
    }
}
