//! Unit lists: splitting "A、B及C等部门" into unit names, and telling a list of unit names (a
//! table cell, the subject of `X牵头`) from prose.
//!
//! Lists split on 、，,；; and on 及 between units, never inside brackets ("各镇(街、区)" and
//! "县发改局(粮食局)" are one unit). Names are matched on their simplified form, kept as printed.

use crate::text::{is_close_bracket, is_open_bracket, is_space, simplify, trim};
use crate::units::BODY_ENDINGS;

/// Tails that qualify a list rather than name a unit: "…按职责分工负责", "…等部门".
const TAILS: &[&str] = &["按照职责分工负责", "按职责分工负责", "按职责负责", "按职能分工负责", "根据职责分工负责", "分工负责"];
const ETC_TAILS: &[&str] = &[
    "等有关责任单位",
    "等相关责任单位",
    "等有关单位",
    "等有关部门",
    "等相关单位",
    "等相关部门",
    "等职能部门",
    "等成员单位",
    "等责任单位",
    "等部门",
    "等单位",
];

/// Strips the first of `tails` that `name` ends with (compared simplified).
fn strip_tail(name: &mut String, tails: &[&str]) -> bool {
    let key = simplify(name);
    for tail in tails {
        if key.ends_with(tail) {
            name.truncate(name.len() - tail.len());
            return true;
        }
    }
    false
}

/// Splits a unit list into unit names, in printed order, surface forms kept.
pub fn split_units(list: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    let chars: Vec<char> = list.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if opens_inside_name(c) {
            depth += 1;
        } else if closes_inside_name(c) {
            depth = depth.saturating_sub(1);
        }
        let sep = depth == 0
            && (matches!(c, '、' | '，' | ',' | '；' | ';')
                || (c == '及' && ends_like_unit(&cur) && chars.len() > i + 2)
                || (c == '和' && ends_like_unit(&cur) && next_piece_is_unit(&chars[i + 1..])));
        if sep {
            pieces.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    pieces.push(cur);

    let mut units: Vec<String> = Vec::new();
    let mut carry: Option<String> = None;
    for piece in join_level_runs(pieces).iter().flat_map(|p| split_on_spaces(p)).flat_map(|p| split_on_deng(&p)) {
        // Marks before a name (★ for the lead in some tables) are not part of it.
        // A run of * is a name the site masked ("****体育局"), kept as printed.
        let piece = trim(&piece);
        let piece = if piece.starts_with("**") { piece } else { piece.trim_start_matches(['★', '☆', '▲', '△', '●', '◆', '*']) };
        let mut name: String = trim(piece).chars().filter(|c| !is_space(*c)).collect();
        // "市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)": the note is the
        // plan's convention (read in outline), not part of the unit.
        let bare = strip_trailing_parenthetical(&name);
        if bare.len() < name.len() && super::words::states_first_listed_lead(&name[bare.len()..]) {
            name.truncate(bare.len());
        }
        while strip_tail(&mut name, TAILS) {}
        strip_tail(&mut name, ETC_TAILS);
        // A bare 等 after a unit name ("省林业局等").
        if name.ends_with('等') && ends_like_unit(&name[..name.len() - '等'.len_utf8()]) {
            name.truncate(name.len() - '等'.len_utf8());
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

/// Is the text up to the next list separator a unit named from its level ("和各市人民政府",
/// "和县财政局")? 和 joins two units only then: inside a name ("发展和改革委员会",
/// "区人大和监察司法委员会") what follows it does not start at a level.
fn next_piece_is_unit(rest: &[char]) -> bool {
    let piece: String = rest.iter().take(MAX_UNIT_CHARS + 1).take_while(|c| !matches!(c, '、' | '，' | ',' | '；' | ';')).collect();
    let starts_at_level =
        piece.chars().next().map(crate::text::simplified).is_some_and(|c| matches!(c, '各' | '省' | '市' | '区' | '县' | '乡' | '镇'));
    (3..=MAX_UNIT_CHARS).contains(&piece.chars().count()) && starts_at_level && ends_like_unit(&piece)
}

/// The longest unit name looked ahead for.
const MAX_UNIT_CHARS: usize = 40;

/// Brackets a unit list is never split inside: the clause brackets and 〈〉 ("各县〈市、区〉政府";
/// 〈〉 is no clause bracket, so not in [`is_open_bracket`]).
fn opens_inside_name(c: char) -> bool {
    is_open_bracket(c) || c == '〈'
}

fn closes_inside_name(c: char) -> bool {
    is_close_bracket(c) || c == '〉'
}

/// "各县、市、区政府" is one collective: a piece that is a bare level (市, 区) joins the pieces
/// around it; and "各县" joins the name after it ("各县、区政府": each county's and district's).
fn join_level_runs(pieces: Vec<String>) -> Vec<String> {
    let level = |p: &str| matches!(p, "市" | "区" | "县" | "乡" | "镇" | "縣" | "區" | "鄉" | "鎮");
    let bare = |p: &str| level(trim(p));
    let each_level = |p: &str| trim(p).strip_prefix('各').is_some_and(level);
    // What "各县" shares its ending with: a level's government or party committee, not 区直/市直.
    let shares_ending = |p: &str| {
        let p = trim(p);
        p.chars().next().is_some_and(|c| level(c.encode_utf8(&mut [0; 4])))
            && !p.contains('直')
            && (p.ends_with("政府") || p.ends_with("党委"))
    };
    let mut out: Vec<String> = Vec::new();
    let mut join_next = false;
    let mut after_each = false;
    for p in pieces {
        if join_next || bare(&p) || (after_each && shares_ending(&p)) {
            if let Some(last) = out.last_mut() {
                last.push('、');
                last.push_str(&p);
                join_next = bare(&p);
                continue;
            }
        }
        join_next = bare(&p);
        after_each = each_level(&p);
        out.push(p);
    }
    out
}

/// "省农业厅等省直有关部门" is two units: 等 between a unit name and a collective.
fn split_on_deng(piece: &str) -> Vec<String> {
    if let Some(at) = piece.find('等') {
        let (left, right) = (&piece[..at], &piece[at + '等'.len_utf8()..]);
        let collective = right.starts_with(['省', '市', '区', '县', '各']);
        if left.chars().count() >= 2
            && right.chars().count() >= 3
            && ends_like_unit(left)
            && ends_like_unit(right)
            && collective
            && !right.contains('等')
        {
            return vec![left.to_string(), right.to_string()];
        }
    }
    vec![piece.to_string()]
}

/// A piece with spaces inside is several units when every space-separated part is a unit name
/// ("县发改局 县财政局", as table cells and PDFs print lists); otherwise the spaces are layout
/// inside one name ("区 司法局") and the piece stays whole.
fn split_on_spaces(piece: &str) -> Vec<String> {
    let parts: Vec<&str> = trim(piece).split(is_space).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 && parts.iter().all(|p| p.chars().count() >= 3 && ends_like_unit(p)) {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![piece.to_string()]
    }
}

/// A scope word such as 区直 / 驻区 / 市直 that only qualifies the collective after it.
fn is_scope_word(name: &str) -> bool {
    let n = name.chars().count();
    n <= 3 && (name.ends_with('直') || name.starts_with('驻') || name.starts_with('駐'))
}

/// Endings a unit list may have besides those of government bodies ([`BODY_ENDINGS`]): towns
/// and places, party and people's bodies, companies, collectives (各地, 各级). Compared with
/// the simplified name.
const OTHER_UNIT_ENDINGS: &[&str] = &[
    "团",
    "社",
    "馆",
    "台",
    "司",
    "公司",
    "厂",
    "街办",
    "街道",
    "乡镇",
    "镇",
    "乡",
    "园",
    "区",
    "县",
    "市",
    "党委",
    "党组",
    "工委",
    "机关",
    "单位",
    "部门",
    "学院",
    "法院",
    "检察院",
    "分局",
    "支行",
    "大队",
    "政协",
    "人大",
    "常委会",
    "办公室",
    "政府",
    "集团",
    "监狱",
    "署",
    "库",
    "协会",
    "商会",
    "银行",
    "各地",
    "各级",
    "国企",
    "企业",
    // Central agencies with offices in a county or city (吴江海关), and the science association
    // (县科协), which no ending above covers.
    "海关",
    "科协",
    // State farms and their towns (各乡镇场, 县林场, 垦殖场); not 场 alone, which ends prose
    // (市场, 现场).
    "镇场",
    "农场",
    "林场",
    "垦殖场",
];

/// Every ending that makes a name look like a unit.
fn unit_endings() -> impl Iterator<Item = &'static &'static str> {
    BODY_ENDINGS.iter().chain(OTHER_UNIT_ENDINGS)
}

/// Does this (trailing-bracket-stripped) name end like a unit name?
pub fn ends_like_unit(name: &str) -> bool {
    let name = strip_trailing_parenthetical(trim(name));
    // Only the last few characters matter (the longest ending is three): simplifying the
    // whole name would make every 及 in a long run rescan it.
    let from = name.char_indices().rev().nth(MAX_ENDING_CHARS - 1).map_or(0, |(i, _)| i);
    let tail = simplify(&name[from..]);
    unit_endings().any(|e| tail.ends_with(e))
}

/// The longest unit ending, in characters.
const MAX_ENDING_CHARS: usize = 3;

/// Characters that never occur in a unit name but do in prose that ends like one
/// ("具体工作由各部门", "对接的部门"); for the verb form, where no label vouches for the list.
const PROSE_CHARS: &[char] =
    &['的', '由', '将', '要', '把', '对', '在', '从', '向', '为', '以', '被', '使', '让', '。', '“', '”', '：', ':'];

/// A unit list with no label before it (the subject of `X牵头`): every name 2–30 characters,
/// ending like a unit, with no prose words in it.
pub fn is_plausible_unit_list(units: &[String]) -> bool {
    !units.is_empty()
        && units.iter().all(|u| {
            let n = u.chars().count();
            (2..=30).contains(&n) && ends_like_unit(u.rsplit('、').next().unwrap_or(u)) && !simplify(u).contains(PROSE_CHARS)
        })
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
        if opens_inside_name(c) {
            depth += 1;
        } else if closes_inside_name(c) {
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
    fn scope_words_and_ji() {
        assert_eq!(split_units("各乡镇，街道，长春经开区，驻区、区直各相关单位"), ["各乡镇", "街道", "长春经开区", "驻区、区直各相关单位"]);
        assert_eq!(split_units("区直、驻区各部门党组(党委)、各乡镇党委"), ["区直、驻区各部门党组(党委)", "各乡镇党委"]);
        assert_eq!(split_units("市政府金融办及市政府各部门按职责分工负责"), ["市政府金融办", "市政府各部门"]);
        assert_eq!(split_units("区直各单位,各镇(街、区)"), ["区直各单位", "各镇(街、区)"]);
        assert_eq!(split_units("区发改局、、区司法局"), ["区发改局", "区司法局"]);
        assert_eq!(split_units("区卫健局、区应急局等有关单位,各镇(街、区)"), ["区卫健局", "区应急局", "各镇(街、区)"]);
    }

    #[test]
    fn brackets_spaces_and_traditional_tails() {
        assert_eq!(split_units("县发改局(粮食局)、县财政局"), ["县发改局(粮食局)", "县财政局"]);
        assert_eq!(split_units("县发改局 县财政局  县司法局"), ["县发改局", "县财政局", "县司法局"]);
        assert_eq!(split_units("区 司法局"), ["区司法局"]);
        assert_eq!(split_units("縣財政局等部門,各鄉鎮按職責分工負責"), ["縣財政局", "各鄉鎮"]);
        assert_eq!(split_units("县发改局、县财政局等部门，各乡镇"), ["县发改局", "县财政局", "各乡镇"]);
        assert_eq!(split_units("省直各部门和各市人民政府"), ["省直各部门", "各市人民政府"]);
        assert_eq!(split_units("省人事厅、省农业厅等省直有关部门"), ["省人事厅", "省农业厅", "省直有关部门"]);
        assert_eq!(split_units("县发展和改革局、县住房和城乡建设局"), ["县发展和改革局", "县住房和城乡建设局"]);
        assert_eq!(split_units("市税务局、各县、市、区政府,咸宁高新区管委会"), ["市税务局", "各县、市、区政府", "咸宁高新区管委会"]);
        // Shared endings: each county's and district's government, in 、 or in 〈〉.
        assert_eq!(split_units("各县、区政府,市政府各部门"), ["各县、区政府", "市政府各部门"]);
        assert_eq!(split_units("市政府办公厅、各县〈市、区〉政府"), ["市政府办公厅", "各县〈市、区〉政府"]);
        assert_eq!(split_units("各县、区直各单位"), ["各县", "区直各单位"]);
        assert_eq!(split_units("各县,市发改委"), ["各县", "市发改委"]);
    }

    #[test]
    fn endings_fit_the_tail_that_is_checked() {
        assert!(unit_endings().all(|e| e.chars().count() <= MAX_ENDING_CHARS));
    }

    #[test]
    fn plausible_lists() {
        let list = |s: &str| split_units(s);
        assert!(is_plausible_unit_list(&list("县发改局、县审改办")));
        assert!(is_plausible_unit_list(&list("各有关部门")));
        assert!(!is_plausible_unit_list(&list("具体工作由各部门")));
        assert!(!is_plausible_unit_list(&list("2022年底前完成")));
    }

    #[test]
    fn unit_list_lines() {
        assert!(looks_like_unit_list("区人大常委会、区司法局"));
        assert!(looks_like_unit_list("区司法局、各单位党委(党组)"));
        assert!(looks_like_unit_list("各街办、区直各部门,区网信办"));
        assert!(looks_like_unit_list("區司法局、區法院"));
        assert!(!looks_like_unit_list("加快推进法律服务队伍发展。"));
        assert!(!looks_like_unit_list("部门、各乡镇街道)"));
        assert!(!looks_like_unit_list("二、坚持依法行政,全面建设法治政府"));
    }
}
