//! The verb form of a unit clause, where no label names the roles:
//! `(区政务服务局牵头,区发改局、区审改办配合)`, `(X、Y牵头,各有关部门按职责分工负责)`,
//! `(X、Y按职责分工负责)`, `由X牵头，Y配合。`, `(X负责)`.
//!
//! A verb clause is a list of parts separated by ，,；; — each a unit list ending in a verb
//! ([`super::words::VERBS`]), optionally after 由; a part with no verb is a list that the next
//! verb also governs ("X，Y牵头"), and a part that is a time ("2022年底前") is the deadline.
//! Every unit list must be plausible unit names ([`is_plausible_unit_list`]), so prose such
//! as "具体工作由各部门负责" or "由县政府牵头建立联席会议" is never a clause.

use super::clause::{clause_end, last_prose_stop, Clause};
use super::unit_list::{ends_like_unit, is_plausible_unit_list, split_units};
use super::words::{is_time, verb_at_end, RoleWord};
use crate::text::{is_close_bracket, is_open_bracket, is_space, simplify, trim};

/// The verb clause that ends `paragraph`: a bracketed group at its end, or its last sentence
/// (after the last full stop that prose follows), or the whole paragraph.
pub fn find(paragraph: &str) -> Option<Clause> {
    let body = paragraph.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '；' | ';' | '，' | ',' | '.'));
    // Bracketed: the group that closes at the end.
    if body.ends_with(is_close_bracket) {
        let open = matching_open(body)?;
        let inner_start = open + body[open..].chars().next().map_or(0, char::len_utf8);
        let inner_end = body.len() - body.chars().next_back().map_or(0, char::len_utf8);
        let inner = &paragraph[inner_start..inner_end];
        let mut clause = parse(inner).or_else(|| bare_units(&paragraph[..open], inner))?;
        clause.start = open;
        clause.end = body.len();
        clause.raw = paragraph[open..body.len()].to_string();
        return Some(clause);
    }
    // Unbracketed: the last sentence.
    let start = last_prose_stop(body);
    let (end, _) = clause_end(body, start)?;
    let sentence = trim(&body[start..end]);
    let at = start + (body[start..].len() - body[start..].trim_start_matches(is_space).len());
    let mut clause = parse(sentence)?;
    clause.start = at;
    clause.end = at + sentence.len();
    clause.raw = sentence.to_string();
    Some(clause)
}

/// A bracket of bare unit names ending a task, with no label or verb: "…规划办理。（民政局）",
/// "《监狱法》（监狱管理局）", "…。(市法制办、市档案局,各部门)". Its units are the responsible ones.
fn bare_units(before: &str, inner: &str) -> Option<Clause> {
    let before = trim(before);
    // Only after a whole sentence or a title ("…办理。（民政局）", "《禁毒法》（戒毒管理局）"):
    // within a sentence a bracket qualifies the words before it ("示范村（社区）").
    let after_sentence = before.ends_with(['。', '；', ';', '！', '？', '》', '〉']);
    // Inside a title mark it is part of the title: 《…办法（试行）》.
    let in_title = before.matches(['《', '〈']).count() > before.matches(['》', '〉']).count();
    if !after_sentence || in_title || inner.contains(['；', ';']) {
        return None;
    }
    // "(市法制办、市档案局,各部门)": a comma may group the list; every part must read as units.
    let units: Vec<String> = inner.split(['，', ',']).flat_map(split_units).collect();
    if !is_plausible_unit_list(&units) {
        return None;
    }
    let mut clause = Clause::default();
    clause.add(RoleWord::Responsible, false, units);
    Some(clause)
}

/// Does the whole of `line` read as a verb clause (a clause on its own line)?
pub fn is_whole(line: &str) -> bool {
    find(line).is_some_and(|c| c.start == 0 || trim(&line[..c.start]).is_empty())
}

/// The units a group heading names as lead for the items under it: "一、县示范区管委会牵头工作
/// (8项)", "(二)省审计厅牵头的工作". `heading` is the text after its number.
pub fn heading_lead(heading: &str) -> Option<Vec<String>> {
    let key = simplify(heading);
    let key = key.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '：' | ':'));
    // Drop a trailing count: "(8项)".
    let key = match key.rfind(['(', '（']) {
        Some(i) if key[i..].contains('项') => trim(&key[..i]),
        _ => key,
    };
    let subject = ["牵头的重点工作", "牵头的工作", "牵头的任务", "牵头工作", "牵头任务", "牵头事项", "牵头的事项"]
        .iter()
        .find_map(|tail| key.strip_suffix(tail))?;
    // Byte offsets are the same in the printed heading (simplify keeps them).
    let units = split_units(&trim(heading)[..subject.len()]);
    is_plausible_unit_list(&units).then_some(units)
}

/// The units a task's own text says lead it: "由县委宣传部牵头，组织…" (a fragment of the text
/// that starts with 由 and reads as a lead clause).
pub fn lead_in_text(text: &str) -> Option<Vec<String>> {
    text.split(['，', ',', '。', '；', ';'])
        .map(trim)
        .filter(|f| f.starts_with('由'))
        .find_map(|f| parse(f).filter(|c| !c.lead.is_empty() && c.support.is_empty() && c.responsible.is_empty()))
        .map(|c| c.lead)
}

/// The units a task's text makes responsible for it, for a task no clause names any: the
/// first "由X负责" whose X reads as unit names ("整改要求：由县环卫站负责清除…"). A descriptor
/// ending in 单位 before a name is dropped ("由包片单位县气象局负责" → 县气象局). The clause
/// stays in the text (start = end = 0); `raw` is the phrase.
pub fn responsible_in_text(text: &str) -> Option<Clause> {
    for (at, _) in text.match_indices('由') {
        let rest = &text[at + '由'.len_utf8()..];
        let Some(end) = rest.find("负责") else { break };
        let subject = &rest[..end];
        if subject.contains(['。', '；', ';']) {
            continue;
        }
        let after_descriptor = |u: &str| -> Option<String> {
            let name = &u[u.rfind("单位")? + "单位".len()..];
            (name.chars().count() >= 2 && ends_like_unit(name)).then(|| name.to_string())
        };
        let units: Vec<String> = split_units(subject).into_iter().map(|u| after_descriptor(&u).unwrap_or(u)).collect();
        if is_plausible_unit_list(&units) {
            let mut clause = Clause { raw: text[at..at + '由'.len_utf8() + end + "负责".len()].to_string(), ..Clause::default() };
            clause.add(RoleWord::Responsible, false, units);
            return Some(clause);
        }
    }
    None
}

/// A part without the work it speaks of before 由: "此项工作由X牵头", "该项任务由X负责",
/// "以上工作由X牵头" (the item's own work; nothing else precedes the units).
fn without_subject(part: &str) -> &str {
    let Some(at) = part.find('由') else { return part };
    let subject = &part[..at];
    let Some(rest) = ["此", "该", "本", "这", "以上", "上述"].iter().find_map(|p| subject.strip_prefix(p)) else { return part };
    let work = |w: &str| matches!(w, "" | "工作" | "任务" | "措施" | "事项" | "项目");
    if work(rest) || rest.strip_prefix('项').is_some_and(work) {
        &part[at..]
    } else {
        part
    }
}

/// Byte offset of the bracket opening the group that closes at the end of `s`.
fn matching_open(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        if is_close_bracket(c) {
            depth += 1;
        } else if is_open_bracket(c) {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Reads the text of a labelled segment that uses verbs ("责任单位：省发改委牵头，省交通厅配合",
/// "責任單位：X、Y牽頭，Z、W"): None when it has no verb. Units after the last verb take the
/// label's role.
pub fn parse_labelled(text: &str, label_role: RoleWord) -> Option<Clause> {
    // Only 牵头 / 配合 verbs make a labelled list a verb clause: a "按职责分工负责" tail is
    // the list's qualifier, read by split_units.
    let role_verb = |p: &&str| matches!(verb_at_end(trim(p).trim_end_matches(['。', '.'])), Some((RoleWord::Lead | RoleWord::Support, _)));
    if !split_parts(text).iter().any(role_verb) {
        return None;
    }
    parse_with(text, Some(label_role))
}

/// Parses the inside of a verb clause; None unless every part reads.
fn parse(inner: &str) -> Option<Clause> {
    parse_with(inner, None)
}

/// [`parse`], where a trailing list with no verb takes `trailing_role` if given.
fn parse_with(inner: &str, trailing_role: Option<RoleWord>) -> Option<Clause> {
    let mut parts: Vec<(Option<RoleWord>, Vec<String>)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut deadline = String::new();
    let mut companions = false;
    for part in split_parts(inner) {
        let part = trim(part).trim_end_matches(['。', '.']);
        if part.is_empty() {
            continue;
        }
        if is_time(part) {
            deadline = part.to_string();
            continue;
        }
        // "列第一位的为牵头部门，下同": the plan's convention, read in outline.
        if (super::words::states_first_listed_lead(part) && !part.ends_with(is_close_bracket)) || simplify(part) == "下同" {
            continue;
        }
        // Line-wrap spaces inside a part ("市司法局牵 头") are layout, not words.
        let squeezed: String = part.chars().filter(|c| !is_space(*c)).collect();
        let mut part = without_subject(&squeezed);
        part = part.strip_prefix('由').unwrap_or(part);
        // "X会同Y、Z", "X组织有关单位": X leads, the units it brings in take part.
        if let Some((leader, rest)) = leader_with_companions(part) {
            pending.extend(leader);
            parts.push((Some(RoleWord::Lead), std::mem::take(&mut pending)));
            companions = true;
            part = rest;
        }
        match verb_at_end(part) {
            Some((role, len)) => {
                let units = split_units(&part[..part.len() - len]);
                if !is_plausible_unit_list(&units) {
                    return None;
                }
                // A bare 办理 ends a unit list only of names that start at their level
                // ("市政府法制办、市政府各部门办理"); "(转县司法局办理)" is prose.
                let bare_banli = len == "办理".len() && part.ends_with("办理");
                if bare_banli
                    && !units.iter().all(|u| u.starts_with(['市', '县', '区', '省', '州', '各', '乡', '镇', '縣', '區', '有', '相']))
                {
                    return None;
                }
                pending.extend(units);
                parts.push((Some(role), std::mem::take(&mut pending)));
            }
            None => {
                let units = split_units(part);
                if !is_plausible_unit_list(&units) {
                    return None;
                }
                pending.extend(units);
            }
        }
    }
    // A list with no verb after it, or no verb at all: not a verb clause (after 会同, the
    // units brought in).
    if !pending.is_empty() {
        let role = if companions { RoleWord::Support } else { trailing_role? };
        parts.push((Some(role), std::mem::take(&mut pending)));
    }
    if parts.is_empty() {
        return None;
    }
    let has_lead = parts.iter().any(|(r, _)| *r == Some(RoleWord::Lead));
    // "X负责，Y配合", "X、Y共同负责，Z配合": with no 牵头, the units answering for the task
    // beside units that help are its leads.
    let answering_leads = !has_lead && parts.iter().any(|(r, _)| *r == Some(RoleWord::Support));
    let mut clause = Clause { deadline, ..Clause::default() };
    for (role, units) in parts {
        let role = match role.unwrap_or(RoleWord::Responsible) {
            RoleWord::Responsible if answering_leads => RoleWord::Lead,
            r => r,
        };
        clause.add(role, has_lead, units);
    }
    Some(clause)
}

/// "X会同Y", "X组织有关单位", "X协调相关部门": the units before the verb (X) and the text
/// after it, when X reads as unit names. 组织 and 协调 only bring in a collective (有关单位,
/// 相关部门, 各…): before a name they are prose ("县委组织部" holds 组织).
fn leader_with_companions(part: &str) -> Option<(Vec<String>, &str)> {
    for verb in ["会同", "组织", "协调"] {
        let Some(at) = part.find(verb) else { continue };
        let rest = &part[at + verb.len()..];
        if verb != "会同" && !rest.starts_with(['有', '相', '各']) {
            continue;
        }
        let leader = split_units(&part[..at]);
        if !rest.is_empty() && is_plausible_unit_list(&leader) {
            return Some((leader, rest));
        }
    }
    None
}

/// Splits on ，,；; outside brackets.
fn split_parts(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    for (i, c) in s.char_indices() {
        if is_open_bracket(c) {
            depth += 1;
        } else if is_close_bracket(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && matches!(c, '，' | ',' | '；' | ';') {
            out.push(&s[from..i]);
            from = i + c.len_utf8();
        }
    }
    out.push(&s[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_and_support_verbs() {
        let p = "推进政务服务标准化。(区政务服务局牵头,区发改局、区审改办配合)";
        let c = find(p).unwrap();
        assert_eq!(c.lead, ["区政务服务局"]);
        assert_eq!(c.support, ["区发改局", "区审改办"]);
        assert_eq!(c.raw, "(区政务服务局牵头,区发改局、区审改办配合)");
        assert_eq!(&p[c.end..], "");
        let c = find("落实。（县司法局、县法院牵头，各有关部门按职责分工负责）").unwrap();
        assert_eq!(c.lead, ["县司法局", "县法院"]);
        assert_eq!(c.support, ["各有关部门"]);
    }

    /// 会同 / 组织 bring units in under a lead; 负责 beside 配合 (no 牵头) is the lead; 各负其责
    /// after a lead is taking part.
    #[test]
    fn joint_verbs() {
        let c = find("建立机制。(市监察局会同市府办,市信访局、法制局)").unwrap();
        assert_eq!((c.lead, c.support), (vec!["市监察局".to_string()], vec!["市府办".to_string(), "市信访局".into(), "法制局".into()]));
        let c = find("追究责任。(市法制局组织有关单位)").unwrap();
        assert_eq!((c.lead, c.support), (vec!["市法制局".to_string()], vec!["有关单位".to_string()]));
        let c = find("改革执法体制。(市编办、市政府法制办共同负责,市财政局及相关部门配合)").unwrap();
        assert_eq!(c.lead, ["市编办", "市政府法制办"]);
        assert_eq!(c.support, ["市财政局", "相关部门"]);
        assert!(c.responsible.is_empty());
        let c = find("加强解释。(市政府法制办牵头,市政府办公厅、市信息办各负其责)").unwrap();
        assert_eq!((c.lead, c.support), (vec!["市政府法制办".to_string()], vec!["市政府办公厅".to_string(), "市信息办".into()]));
        // 会同 … 办理: the unit before 会同 leads (a 2008 city plan of 依法行政).
        let c = find("健全制度。(市政务公开办、市保密局会同市有关部门办理)").unwrap();
        assert_eq!((c.lead, c.support), (vec!["市政务公开办".to_string(), "市保密局".into()], vec!["市有关部门".to_string()]));
        // A bare 办理 after prose is no clause.
        assert!(find("依法受理。(转县司法局办理)").is_none());
        assert!(find("方便群众。(群众可到区政务服务中心办理)").is_none());
        let c = find("依法受理。(县司法局牵头办理,县信访局配合办理)").unwrap();
        assert_eq!((c.lead, c.support), (vec!["县司法局".to_string()], vec!["县信访局".to_string()]));
        // 组织 before a name is prose or part of a name, not a joint verb.
        assert!(find("加强培训。(县委组织部)").is_some_and(|c| c.responsible == ["县委组织部"]));
        assert!(find("由县司法局组织县法院开展培训。").is_none());
    }

    #[test]
    fn responsible_without_lead() {
        let c = find("规范行政执法。(县市场监管局、县卫健局按职责分工负责)").unwrap();
        assert_eq!(c.responsible, ["县市场监管局", "县卫健局"]);
        assert!(c.lead.is_empty());
        let c = find("加强监管。（县财政局负责）").unwrap();
        assert_eq!(c.responsible, ["县财政局"]);
    }

    #[test]
    fn you_x_qiantou_sentence_and_deadline() {
        let c = find("建立健全联席会议制度。由县司法局牵头，县财政局、县人社局配合。").unwrap();
        assert_eq!(c.lead, ["县司法局"]);
        assert_eq!(c.support, ["县财政局", "县人社局"]);
        assert_eq!(c.raw, "由县司法局牵头，县财政局、县人社局配合");
        let c = find("完善制度。(县发改局牵头，县财政局配合，2022年底前完成)").unwrap();
        assert_eq!(c.deadline, "2022年底前完成");
        assert_eq!(c.lead, ["县发改局"]);
        let c = find("(縣司法局牽頭，各鄉鎮配合)").unwrap();
        assert_eq!(c.lead, ["縣司法局"]);
    }

    #[test]
    fn prose_is_not_a_verb_clause() {
        assert!(find("具体工作由各部门负责。").is_none());
        assert!(find("由县政府牵头建立联席会议制度。").is_none());
        assert!(find("加强监管(2022年底前完成)").is_none());
        assert!(find("完善机制(含县本级)。").is_none());
        assert!(find("各部门要加强配合").is_none());
        assert!(find("推进“放管服”改革，县政务服务中心牵头负责，确保落实。").is_none());
    }

    #[test]
    fn group_headings_naming_a_lead() {
        assert_eq!(heading_lead("县示范区管委会牵头工作(8项)"), Some(vec!["县示范区管委会".to_string()]));
        assert_eq!(heading_lead("省审计厅牵头的工作"), Some(vec!["省审计厅".to_string()]));
        assert_eq!(heading_lead("加强审计工作"), None);
        assert_eq!(heading_lead("由各部门牵头的工作"), None);
    }

    #[test]
    fn lead_named_in_the_task_text() {
        assert_eq!(lead_in_text("由县委宣传部牵头,组织县委中心组开展一次宪法集中学习。"), Some(vec!["县委宣传部".to_string()]));
        assert_eq!(lead_in_text("组织开展学习,由各部门负责落实。"), None);
        assert_eq!(lead_in_text("由县政府牵头建立联席会议制度。"), None);
    }

    #[test]
    fn whole_lines() {
        assert!(is_whole("（县司法局牵头，县法院配合）"));
        assert!(is_whole("县司法局牵头，县法院配合。"));
        assert!(!is_whole("加强监管。（县财政局负责）"));
    }
}
