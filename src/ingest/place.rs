//! The place a plan is for (资阳区, 六安市, 黑龙江省), read only where a place name stands at a
//! known start: the plan's title, then the issuing body (中共X委, X人民政府, 来源：X人民政府办公室,
//! the title of the notice), then a province's document number (赣府厅字〔2009〕15号). Never a
//! window of running text ("年全区", "中介超市", "济开发区"). A place only cited (《天津市…纲要》)
//! is a guess, said in a warning; when nothing names one, the place is empty and the caller warns.

use crate::text::{is_han, simplified, trim};

/// Place-name suffixes tried first, at every length; 州 (湘西州) and the autonomous ones only
/// after them, so 襄州区 and 广州市 are not cut at their 州.
const SUFFIXES: &[&str] = &["省", "市", "区", "县", "盟", "旗"];
const LATE_SUFFIXES: &[&str] = &["自治区", "自治州", "自治县", "州"];
/// The longest place name before its suffix (黑龙江 3, 鄂尔多斯 4, 乌鲁木齐 4).
const MAX_CORE: usize = 4;

/// Endings of names that look like places but are zones, markets or generic words.
const NOT_PLACE_ENDINGS: &[&str] = &[
    "开发区",
    "示范区",
    "经济区",
    "高新区",
    "保税区",
    "试验区",
    "功能区",
    "先行区",
    "集聚区",
    "辖区",
    "社区",
    "园区",
    "景区",
    "街区",
    "片区",
    "专区",
    "地区",
    "超市",
];
/// Whole names that are generic words, not places.
const NOT_PLACE_NAMES: &[&str] = &["城市", "城区", "市区", "新区", "都市", "各市", "各县", "各区", "市县", "县区", "县市", "省市", "地市"];
/// Words a place name never starts with: the sentence around it ("根据市政府", "经县政府同意").
const NOT_PLACE_STARTS: &[&str] = &[
    "分管", "牵头", "副", "以", "或", "组织", "召开", "参加", "报请", "提请", "经过", "报", "请", "向", "配合", "协助", "推动", "督促",
    "指导", "及", "根据", "按照", "经", "现将", "为", "由", "对", "在", "关于", "本", "我", "该", "全", "各", "近日", "今年", "明年",
    "结合",
];

/// Words that may stand before a place at the start of a title or line.
const LEADS: &[&str] = &[
    "中共",
    "关于印发",
    "关于",
    "印发",
    "《",
    "〈",
    "“",
    "\"",
    "#",
    "*",
    " ",
    "•",
    "信息来源:",
    "信息来源：",
    "来源:",
    "来源：",
    "发布机构:",
    "发布机构：",
    "发文机关:",
    "发文机关：",
    "近日,",
    "近日，",
];

/// Bodies whose name begins with the place that issues a plan.
const BODIES: &[&str] = &["人民政府", "政府", "委员会", "委", "人大", "人民代表大会", "政协", "党委"];

/// Province-level names printed without 省 / 市 ("陕西《政府工作报告》…").
const PROVINCES: &[(&str, &str)] = &[
    ("北京", "北京市"),
    ("天津", "天津市"),
    ("上海", "上海市"),
    ("重庆", "重庆市"),
    ("河北", "河北省"),
    ("山西", "山西省"),
    ("辽宁", "辽宁省"),
    ("吉林", "吉林省"),
    ("黑龙江", "黑龙江省"),
    ("江苏", "江苏省"),
    ("浙江", "浙江省"),
    ("安徽", "安徽省"),
    ("福建", "福建省"),
    ("江西", "江西省"),
    ("山东", "山东省"),
    ("河南", "河南省"),
    ("湖北", "湖北省"),
    ("湖南", "湖南省"),
    ("广东", "广东省"),
    ("海南", "海南省"),
    ("四川", "四川省"),
    ("贵州", "贵州省"),
    ("云南", "云南省"),
    ("陕西", "陕西省"),
    ("甘肃", "甘肃省"),
    ("青海", "青海省"),
    ("内蒙古", "内蒙古自治区"),
    ("广西", "广西壮族自治区"),
    ("西藏", "西藏自治区"),
    ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"),
];

/// Provinces' one-character names as they open document numbers (赣府厅字〔2009〕15号).
const PROVINCE_ABBREVIATIONS: &[(char, &str)] = &[
    ('京', "北京市"),
    ('津', "天津市"),
    ('沪', "上海市"),
    ('渝', "重庆市"),
    ('冀', "河北省"),
    ('晋', "山西省"),
    ('辽', "辽宁省"),
    ('吉', "吉林省"),
    ('黑', "黑龙江省"),
    ('苏', "江苏省"),
    ('浙', "浙江省"),
    ('皖', "安徽省"),
    ('闽', "福建省"),
    ('赣', "江西省"),
    ('鲁', "山东省"),
    ('豫', "河南省"),
    ('鄂', "湖北省"),
    ('湘', "湖南省"),
    ('粤', "广东省"),
    ('琼', "海南省"),
    ('川', "四川省"),
    ('黔', "贵州省"),
    ('滇', "云南省"),
    ('陕', "陕西省"),
    ('甘', "甘肃省"),
    ('青', "青海省"),
    ('桂', "广西壮族自治区"),
    ('藏', "西藏自治区"),
    ('宁', "宁夏回族自治区"),
    ('新', "新疆维吾尔自治区"),
];

/// How sure the reader is of a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Named by the title, the issuing body or the document number.
    Sure(String),
    /// Only cited (《天津市…规划纲要》) at the level of the plan's units: shown with a warning.
    Guessed(String),
}

/// What a document says about its place, read once for all its plans.
#[derive(Debug, Clone, Default)]
pub struct DocumentPlaces {
    /// The issuer most named (X人民政府, 中共X委, a notice title), first seen on a tie.
    issuer: Option<String>,
    /// A province printed without its suffix at a line start, or by its document number.
    province: Option<String>,
    /// Places that open cited titles (《天津市…纲要》), in order.
    cited: Vec<String>,
    /// Known place names (a county, city or province of China) the text uses, most used first.
    mentioned: Vec<String>,
}

impl DocumentPlaces {
    /// Reads the document's lines as decoded, before page furniture is dropped
    /// (来源：X人民政府 names the issuer).
    pub fn read(lines: &[&str]) -> Self {
        let mut votes: Vec<(String, usize)> = Vec::new();
        for p in lines.iter().flat_map(|l| issuers(l)) {
            match votes.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += 1,
                None => votes.push((p, 1)),
            }
        }
        let best = votes.iter().map(|(_, n)| *n).max().unwrap_or(0);
        DocumentPlaces {
            issuer: votes.into_iter().find(|(_, n)| *n == best).map(|(p, _)| p),
            province: lines.iter().find_map(|l| province_at_start(l).or_else(|| document_number(l))),
            cited: lines.iter().flat_map(|l| cited(l)).collect(),
            mentioned: known_names_in(lines),
        }
    }

    /// The place of a plan with this title; `unit_level` is the level word most of the plan's
    /// units start with (县司法局 → 县), for telling a cited place of the same level. None when
    /// nothing names one.
    pub fn for_plan(&self, title: &str, unit_level: Option<char>) -> Option<Found> {
        if let Some(p) = at_start(title, false).or_else(|| province_at_start(title)) {
            return Some(Found::Sure(p));
        }
        if let Some(p) = self.issuer.clone().or_else(|| self.province.clone()) {
            return Some(Found::Sure(p));
        }
        let level = unit_level?;
        self.cited.iter().chain(&self.mentioned).find(|p| p.ends_with(level)).cloned().map(Found::Guessed)
    }
}

/// [`DocumentPlaces::for_plan`] for a document read for one plan.
pub fn find(title: &str, lines: &[&str], unit_level: Option<char>) -> Option<Found> {
    DocumentPlaces::read(lines).for_plan(title, unit_level)
}

/// China's county-level and higher place names (data/places/names.txt, from the cpca
/// package's division codes), for telling a real place in running text from a fragment that
/// ends like one ("完成县妇幼保健院" holds no county 完成县).
static PLACE_NAMES: &str = include_str!("../../data/places/names.txt");

fn known_names() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| PLACE_NAMES.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect())
}

/// How many different known names a document is searched for (a gazetteer page stops here).
const MAX_KNOWN_NAMES: usize = 256;

/// Known place names the document uses anywhere ("定远县双龙水泥有限公司" names 定远县), most
/// used first.
fn known_names_in(lines: &[&str]) -> Vec<String> {
    let names = known_names();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for line in lines {
        let key: Vec<char> = line.chars().map(simplified).collect();
        for (i, c) in key.iter().enumerate() {
            if !matches!(c, '省' | '市' | '区' | '县' | '州' | '盟' | '旗') {
                continue;
            }
            // The longest known name ending here (乌鲁木齐市 before 木齐市).
            // A one-character name (成县, 浚县) only where no word runs into it: "完成县妇幼保健院"
            // holds no 成县.
            let found = (1..=6)
                .rev()
                .filter(|k| *k <= i)
                .filter(|k| *k > 1 || i < 2 || !is_han(key[i - 2]))
                .map(|k| key[i - k..=i].iter().collect::<String>())
                .find(|n| names.contains(n.as_str()));
            if let Some(name) = found {
                if let Some(at) = counts.iter().position(|(n, _)| *n == name) {
                    counts[at].1 += 1;
                } else if counts.len() < MAX_KNOWN_NAMES {
                    counts.push((name, 1));
                }
            }
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().map(|(n, _)| n).collect()
}

/// Places at the issuing positions of a line: its start (after 中共 / 来源： …) when no list
/// follows, or after punctuation when a body follows (X人民政府, 中共X委).
fn issuers(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Unit clauses name units (牵头单位：杭州市政府), not the issuer.
    if line.char_indices().any(|(i, _)| super::words::label_at(&line[i..]).is_some()) {
        return out;
    }
    // At a line start, a known place ("六安市人民政府…"), or any place before a body: "完成县妇幼
    // 保健院…" opens no county's line.
    if let Some(p) = at_start(line, true) {
        let key = crate::text::simplify(&p);
        let after = crate::text::simplify(trim(line)).split_once(key.as_str()).map(|(_, a)| a.to_string()).unwrap_or_default();
        if known_names().contains(key.as_str()) || BODIES.iter().any(|b| after.starts_with(b)) {
            out.push(p);
        }
    }
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !matches!(c, ',' | '，' | '。' | ':' | '：' | '《' | '“' | '(' | '（' | ' ' | '】' | '　') {
            continue;
        }
        // A place and its body fit in a few characters: look no further, so a long line
        // costs what its length does.
        let key: Vec<char> = chars[i + 1..].iter().take(LOOKAHEAD).map(|c| simplified(*c)).collect();
        let lead = if starts(&key, "中共") { 2 } else { 0 };
        if let Some((name, end)) = name_at(&key, lead) {
            if BODIES.iter().any(|b| starts(&key[end..], b)) || names_a_session(&key[end..]) {
                let n = name.chars().count();
                out.push(chars[i + 1 + end - n..i + 1 + end].iter().collect());
            }
        }
    }
    out
}

/// "第十七届人民代表大会": a place's own congress session follows its name.
fn names_a_session(after: &[char]) -> bool {
    after.first() == Some(&'第') && after.iter().take(6).any(|c| *c == '届')
}

/// A province printed without its suffix at the start of a title ("陕西《政府工作报告》").
fn province_at_start(s: &str) -> Option<String> {
    let key = crate::text::simplify(trim(s));
    PROVINCES.iter().find(|(short, _)| key.starts_with(short)).map(|(_, full)| full.to_string())
}

/// A province's document number ("赣府厅字〔2009〕15号", "皖政办〔2022〕3号").
fn document_number(line: &str) -> Option<String> {
    let key: Vec<char> = trim(line).chars().map(simplified).collect();
    let first = *key.first()?;
    let (_, province) = PROVINCE_ABBREVIATIONS.iter().find(|(c, _)| *c == first)?;
    let second = *key.get(1)?;
    let numbered = key.iter().any(|c| matches!(c, '〔' | '[' | '［')) && key.last() == Some(&'号');
    (matches!(second, '府' | '政' | '办') && numbered && key.len() <= 20).then(|| province.to_string())
}

/// Places that open a cited title (《天津市国民经济和社会发展…纲要》).
fn cited(line: &str) -> Vec<String> {
    line.split('《').skip(1).filter_map(|s| at_start(head(s), false)).collect()
}

/// The first [`LOOKAHEAD`] characters of `s`.
fn head(s: &str) -> &str {
    s.char_indices().nth(LOOKAHEAD).map_or(s, |(i, _)| &s[..i])
}

/// How far past a start a place name and what follows it are looked for.
const LOOKAHEAD: usize = 24;

/// A place name at the start of `s` (after leading words such as 中共, 关于印发, a year);
/// with `need_list_check`, not when a list follows it (an addressee line).
fn at_start(s: &str, need_list_check: bool) -> Option<String> {
    // Leading words, a year and a chain of places fit well within twice the lookahead.
    let chars: Vec<char> = trim(s).chars().take(2 * LOOKAHEAD).collect();
    let key: Vec<char> = chars.iter().map(|c| simplified(*c)).collect();
    let mut at = 0;
    // A bracketed tag first: "【市政府重点工作及责任分解】滁州市人民政府关于…".
    if key.first() == Some(&'【') {
        if let Some(close) = key.iter().position(|c| *c == '】') {
            at = close + 1;
        }
    }
    // Leading words and a year ("2021年度", "2021 年").
    loop {
        let before = at;
        for lead in LEADS {
            if starts(&key[at..], lead) {
                at += lead.chars().count();
            }
        }
        let digits = key[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 4 {
            let mut j = at + digits;
            while key.get(j) == Some(&' ') {
                j += 1;
            }
            if starts(&key[j..], "年度") {
                at = j + 2;
            } else if starts(&key[j..], "年") {
                at = j + 1;
            }
        }
        if at == before {
            break;
        }
    }
    let (mut name, mut end) = name_at(&key, at)?;
    // A chain (苏州市吴江区): the more specific place.
    while let Some((next, next_end)) = name_at(&key, end) {
        if !matches!(name.chars().last(), Some('省' | '市' | '州' | '区')) || next == name {
            break;
        }
        name = next;
        end = next_end;
    }
    // At a line start, a place before a list ("永昌县、金川区人民政府,市政府各部门:") is an
    // addressee, not the issuer.
    if need_list_check && matches!(key.get(end), None | Some('、' | ',' | '，' | ';' | '；' | ':' | '：')) {
        return None;
    }
    // 分管省领导, 三秦都市报: a title or a paper, not a place.
    if ["领导", "报", "长"].iter().any(|w| starts(&key[end..], w)) {
        return None;
    }
    // One-character places (沁县) only before a body or in a title.
    if need_list_check && name.chars().count() == 2 && !BODIES.iter().any(|b| starts(&key[end..], b)) {
        return None;
    }
    // As printed (traditional stays traditional).
    let start = end - name.chars().count();
    Some(chars[start..end].iter().collect())
}

fn starts(chars: &[char], word: &str) -> bool {
    let mut it = chars.iter();
    word.chars().all(|w| it.next() == Some(&w))
}

/// The place name starting at `key[at]`: its simplified form and where it ends.
fn name_at(key: &[char], at: usize) -> Option<(String, usize)> {
    for suffixes in [SUFFIXES, LATE_SUFFIXES] {
        for core in 1..=MAX_CORE {
            let end_core = at + core;
            if end_core > key.len() || !key[at..end_core].iter().all(|c| is_han(*c)) {
                break;
            }
            for suffix in suffixes {
                if !starts(&key[end_core..], suffix) {
                    continue;
                }
                let end = end_core + suffix.chars().count();
                let name: String = key[at..end].iter().collect();
                // One-character places (沁县, 滑县) only with 县.
                let ok = (core > 1 || *suffix == "县")
                    && !NOT_PLACE_ENDINGS.iter().any(|n| name.ends_with(n))
                    && !NOT_PLACE_NAMES.contains(&name.as_str())
                    && !NOT_PLACE_STARTS.iter().any(|n| name.starts_with(n))
                    && !is_level(key[at]);
                if ok {
                    return Some((name, end));
                }
            }
        }
    }
    None
}

/// A level word that starts unit names, never a place (县司法局, 市政府).
fn is_level(c: char) -> bool {
    matches!(c, '省' | '市' | '区' | '县' | '乡' | '镇' | '各' | '全' | '本' | '我')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sure(title: &str, lines: &[&str]) -> String {
        match find(title, lines, None) {
            Some(Found::Sure(p)) => p,
            _ => String::new(),
        }
    }

    #[test]
    fn from_titles() {
        assert_eq!(sure("2021 年度襄州区法治政府建设工作要点", &[]), "襄州区");
        assert_eq!(sure("《资阳区贯彻落实〈法治湖南建设规化（2021-2025年）〉实施细则》", &[]), "资阳区");
        assert_eq!(sure("黑龙江省贯彻落实政府工作报告重点任务分工", &[]), "黑龙江省");
        assert_eq!(sure("苏州市吴江区2022年民生实事项目", &[]), "吴江区");
        assert_eq!(sure("广州市建设现代化国际大都市实施方案", &[]), "广州市");
        assert_eq!(sure("沁县2023年重点工作任务分解方案", &[]), "沁县");
        assert_eq!(sure("廣州市重點工作分工方案", &[]), "廣州市");
    }

    #[test]
    fn from_issuing_bodies() {
        let doc = ["街办,区直各部门:", "中共下陆区委全面依法治区委员会办公室", "2023年6月22日"];
        assert_eq!(sure("《法治下陆建设规划(2021-2025年)》重要举措分工方案", &doc), "下陆区");
        let doc = ["永昌县、金川区人民政府,市政府各部门:", "金昌市人民政府", "金昌市人民政府关于印发方案的通知"];
        assert_eq!(sure("创建全国法治政府建设示范市实施方案", &doc), "金昌市");
    }

    #[test]
    fn a_known_place_the_text_uses_is_a_guess_at_the_units_level() {
        let doc = ["在定远新闻联播中播报定远县双龙水泥有限公司的事迹。", "完成县妇幼保健院主体工程建设。"];
        assert_eq!(find("扶贫日活动任务分解", &doc, Some('县')), Some(Found::Guessed("定远县".into())));
        assert_eq!(find("扶贫日活动任务分解", &doc[1..], Some('县')), None);
        assert_eq!(find("扶贫日活动任务分解", &doc, Some('市')), None);
    }

    #[test]
    fn never_a_fragment() {
        let doc = ["今年全区要加快济开发区建设，进驻中介超市。", "各县市区要抓好落实。"];
        assert_eq!(sure("重点工作任务分工方案", &doc), "");
        assert_eq!(sure("全区法治政府建设工作要点", &[]), "");
    }
}
