//! Reading a question: one pass over the trie of unit names, place names and cue words, plan
//! titles found by their plan word (方案, 要点…), then the left-over runs, trimmed of filler,
//! placed as topic words, a mistyped unit name, or words the grammar does not understand.
//!
//! The grammar, in the order a question's parts are found:
//! - **scope**: place names (下陆区, 宁远) and plan titles (在法治政府建设实施方案里);
//! - **units**: one or more unit names, level-less names included (司法局 = every place's);
//! - **role**: the first role cue (牵头 / 参与 / 负责…), or none (every role);
//! - **who / count / structural** cues: 哪个部门, 多少项, 没有牵头单位;
//! - **conjunction** between units: 共同/都/一起 (every unit), 或/或者 (any unit);
//! - **topic words**: what is left, when the corpus contains it; a long topic is read as its
//!   words, all required (重大行政决策合法性审查 → 重大行政决策 + 合法性审查);
//! - **unknown words**: anything else, named in the answer and never used as a filter.

use super::filler::{is_plan_word, is_question, strip_filler, RunFlags};
use super::vocabulary::{
    Cue, Structural, Words, ABOUT_OPENERS, ASPECT_WORDS, CONTEXT_OPENERS, INTRO_WORDS, PURPOSE_OPENERS, QUOTES, REPORT_WORDS,
    SPOKEN_BREAKS, STORY_WORDS,
};
use super::{Engine, Family, Term};
use crate::index::{fold_chars, fold_phrase};
use crate::text::fold_for_matching;
use crate::text::simplified;
use crate::units::{FastMap, PlaceId, UnitId};

/// Longest topic (in chars) that is segmented into words; longer runs are kept as typed.
const MAX_SEGMENTED: usize = 24;
/// Topics longer than this many chars are read as their words (two or more).
const MAX_ONE_WORD: usize = 6;
/// How much a cut that leaves a word of aspect whole counts in a topic's split (see split_words).
const ASPECT_CUT: f64 = 1.0;
/// Characters that end a phrase as grammar, never as the last character of a unit name.
const FUNCTION_CHARS: &[char] = &['这', '那', '的', '了', '呢', '吗', '啊', '么', '些', '个', '块', '里', '吧', '呀', '着', '过'];
/// Log-ratio within which two cuts of a long topic count as equally likely.
const CLOSE_CUTS: f64 = 0.1;
/// Verbs a topic may be typed after (管知识产权, 做人民调解): dropped when the corpus holds the
/// rest and not the whole.
/// (讲, 提, 写, 谈: verbs of mention, 有没有讲人员备勤的, 讲金融安全了吗.)
const TOPIC_VERBS: &[char] = &['做', '管', '搞', '抓', '干', '办', '讲', '提', '写', '谈'];
/// Filler words that also end terms (证明事项, 权责清单, 负面清单, 司法责任), as chars: compared per run of
/// every question, with no String or Vec built.
const TERM_ENDINGS: &[[char; 2]] = &[['事', '项'], ['清', '单'], ['责', '任'], ['举', '措'], ['措', '施']];
/// The one two-character role word `typed` differs from in its second character only (牵投 →
/// 牵头), with its family.
fn role_word_one_off(typed: &[char]) -> Option<(&'static str, Family)> {
    use super::vocabulary::{ANY_CUES, JOIN_CUES, LEAD_CUES};
    let mut found: Option<(&'static str, Family)> = None;
    for (words, family) in [(LEAD_CUES, Family::Lead), (JOIN_CUES, Family::Join), (ANY_CUES, Family::Any)] {
        for w in words.iter() {
            let mut c = w.chars();
            if c.next() == Some(typed[0]) && c.next().is_some_and(|b| b != typed[1]) && c.next().is_none() {
                match found {
                    Some((_, f)) if f != family => return None,
                    Some(_) => {}
                    None => found = Some((w, family)),
                }
            }
        }
    }
    found
}

/// A count of places or plans (三个地方, 哪几个方案, 两份方案): beside a unit it says how many the
/// asker expects, not what the measures are about.
fn is_quantity_of_places_or_plans(s: &[char]) -> bool {
    let numeral = |c: &&char| {
        c.is_ascii_digit() || matches!(c, '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '几' | '多' | '哪')
    };
    let n = s.iter().take_while(numeral).count();
    let mut rest = &s[n..];
    if n > 0 && matches!(rest.first(), Some('个' | '份')) {
        rest = &rest[1..];
    }
    (rest.len() == 2 && is_plan_word(rest)) || (n > 0 && matches!(rest, [] | ['地', '方' | '区']))
}

/// A year, or a year's span: "2024年", "2024年度", "今年" is filler already.
fn is_year(s: &[char]) -> bool {
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    digits == 4 && matches!(&s[4..], ['年'] | ['年', '度'])
}

/// Length of the date or time of day `s` starts with (12月4号, 3月份之前, 十二月四日上午, 下午3点):
/// when a question is asked for (a meeting, a deadline), never what the measures are about
/// (the plans print their dates as 12·4 or 2022年年底前). 0 if none.
fn date_len(s: &[char]) -> usize {
    let numeral = |c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c);
    let mut i = 0;
    let mut units = 0;
    loop {
        let mut j = i;
        for w in ["上午", "下午", "晚上", "早上", "中午"] {
            if starts_with_word(&s[j..], w) {
                j += 2;
            }
        }
        let n = s[j..].iter().take_while(|&&c| numeral(c)).count();
        if n == 0 || n > 3 {
            break;
        }
        j += n;
        let unit = ["月份", "点钟", "月", "号", "日", "点"].iter().find(|w| starts_with_word(&s[j..], w));
        let Some(unit) = unit else { break };
        j += unit.chars().count();
        i = j;
        units += 1;
    }
    if units == 0 {
        return 0;
    }
    // (12月底前: up to two such words.)
    for _ in 0..2 {
        match ["之前", "以前", "之后", "以后", "前后", "左右", "中旬", "上旬", "下旬", "上午", "下午", "底", "初", "前", "后"]
            .iter()
            .find(|w| starts_with_word(&s[i..], w))
        {
            Some(w) => i += w.chars().count(),
            None => break,
        }
    }
    i
}

/// Whether `s` starts with the word `w`, compared char by char (no Vec built per word: the
/// reading asks this of every role cue and unit name it meets).
fn starts_with_word(s: &[char], w: &str) -> bool {
    let mut at = s.iter();
    w.chars().all(|c| at.next() == Some(&c))
}

/// [`starts_with_word`] at the end of `s`.
fn ends_with_word(s: &[char], w: &str) -> bool {
    let mut at = s.iter().rev();
    w.chars().rev().all(|c| at.next() == Some(&c))
}

/// Whether the cue at `k` follows a negation (不是牵头, 没参与, 并非牵头, 不是我们牵头).
fn negated_at(compact: &[char], k: usize) -> bool {
    let mut before = &compact[..k];
    if let Some(w) = ["我们", "咱们", "我", "他们", "它", "本局", "我局"].iter().find(|w| ends_with_word(before, w)) {
        before = &before[..before.len() - w.chars().count()];
    }
    // 是不是牵头单位, 是否牵头: asking, not denying.
    if ["是不是", "是否", "是非"].iter().any(|w| ends_with_word(before, w)) {
        return false;
    }
    ["不是", "并非", "不", "没", "未", "非"].iter().any(|w| ends_with_word(before, w))
}

/// Last characters of the unit names people shorten (人社局 → 人社).
const UNIT_ENDINGS: &[char] = &['局', '委', '办'];
/// General verbs people add to a topic (推广枫桥经验, 行政复议规范化推进): a topic's word only while
/// some measure holds it together with the topic's other words.
const IDLE_VERBS: &[&str] = &[
    "推广", "推进", "推动", "加强", "开展", "落实", "完善", "做好", "深化", "健全", "建立", "实施", "提升", "强化", "抓好", "贯彻", "执行",
    "办理", "处理",
];
/// Frames that put two topics in one phrase (既涉及人民调解又涉及行政复议): the opening and the
/// joining word.
const TOPIC_FRAMES: &[(&str, &str)] = &[("既", "又"), ("既", "也"), ("不仅", "还"), ("不仅", "也"), ("不但", "也"), ("不但", "还")];
/// Joining words between two topics that say both (人民调解同时涉及行政复议).
const BOTH_JOINS: &[&str] = &["同时涉及", "又涉及", "也涉及", "还涉及", "并涉及", "以及涉及", "和涉及"];
/// Relation words a framed topic may start with (既涉及…).
const RELATION_WORDS: &[&str] = &["涉及到", "涉及", "包括", "包含", "关于", "有关", "讲", "有", "是"];

/// A left-over phrase as the two topics it frames (既A又B, A同时涉及B → A, B), each without a
/// leading relation word or a trailing 的; `None` when it frames none.
fn topic_frame_parts(core: &[char]) -> Option<[Vec<char>; 2]> {
    let chars = |w: &str| w.chars().collect::<Vec<char>>();
    let part = |s: &[char]| -> Option<Vec<char>> {
        let mut s = s;
        if let Some(w) = RELATION_WORDS.iter().find(|w| starts_with_word(s, w)) {
            s = &s[w.chars().count()..];
        }
        while let [rest @ .., '的'] = s {
            s = rest;
        }
        (s.len() >= 2).then(|| s.to_vec())
    };
    let split = |s: &[char], join: &[char]| -> Option<[Vec<char>; 2]> {
        let at = s.windows(join.len()).position(|w| w == join)?;
        Some([part(&s[..at])?, part(&s[at + join.len()..])?])
    };
    for (open, join) in TOPIC_FRAMES {
        let open = chars(open);
        if core.starts_with(&open) {
            if let Some(parts) = split(&core[open.len()..], &chars(join)) {
                return Some(parts);
            }
        }
    }
    BOTH_JOINS.iter().find_map(|join| split(core, &chars(join)))
}

/// What a run reports someone saying (市民来电说网上有人造谣 → 网上有人造谣): the words after the
/// last [`REPORT_WORDS`] word with someone before it; `None` without one.
fn reported(run: &[char]) -> Option<&[char]> {
    let mut said = None;
    for w in REPORT_WORDS.iter() {
        let w: Vec<char> = w.chars().collect();
        for at in 1..run.len().saturating_sub(w.len() + 1) {
            if run[at..].starts_with(&w) && said.is_none_or(|s: &[char]| s.len() > run.len() - at - w.len()) {
                said = Some(&run[at + w.len()..]);
            }
        }
    }
    said
}

/// Whether a run the plans hold neither whole nor in pieces tells the asker's story rather than
/// asks ([`STORY_WORDS`]; or someone wanting, 车队想…): context, said as such, not a word not
/// understood. Such a run filters nothing either way; only what the answer says of it differs.
fn tells_a_story(run: &[char]) -> bool {
    let level = |c: Option<&char>| matches!(c, Some('区' | '县' | '市' | '省' | '镇' | '乡' | '国'));
    let story_word =
        STORY_WORDS.iter().any(|w| (0..run.len()).any(|at| starts_with_word(&run[at..], w) && !(w == "我" && level(run.get(at + 1)))));
    story_word || (run.len() >= 2 && run.last() == Some(&'想'))
}

/// Whether a word of a topic only says which aspect of it is asked (制度, 完善, 应对).
fn is_aspect(word: &str) -> bool {
    ASPECT_WORDS.contains(word)
}

/// Words that frame a quoted topic as a campaign or reform (“一业一证”改革, “净网”行动).
const QUOTE_FRAMES: &[&str] = &["改革", "行动", "专项行动", "活动", "构建", "打造", "创建", "开展", "推广", "模式", "试点"];

/// Words opening a clause that asks for more than the clause before (…？以及牵头哪些？).
const ALSO_OPENERS: &[&str] = &["以及", "还有", "另外", "此外", "并且"];

/// Characters a long topic may hold between its words (重大行政决策的合法性审查).
const JOINERS: &[char] = &['的', '和', '与', '及', '之', '、'];

/// One unit name of a question, with every unit it may denote.
#[derive(Debug, Clone, Default)]
pub struct UnitGroup {
    /// The name as typed (or as corrected).
    pub text: String,
    pub units: Vec<UnitId>,
    /// The role word right after the name (区司法局牵头，区财政局配合的任务), if any.
    pub family: Option<Family>,
}

/// How a question was read.
#[derive(Debug, Default)]
pub struct Reading {
    pub groups: Vec<UnitGroup>,
    pub places: Vec<PlaceId>,
    /// Plans (indices of the engine's plan list) the question restricts to.
    pub plans: Vec<u32>,
    pub family: Option<Family>,
    pub who: bool,
    pub count: bool,
    pub structural: Option<Structural>,
    pub all: bool,
    pub any: bool,
    /// Topic words: every result contains each.
    pub topics: Vec<String>,
    /// Phrases the question put in quotes: exact text, never read as a unit name.
    pub quoted: Vec<String>,
    /// Words the grammar could not place.
    pub unknown: Vec<String>,
    /// A lead-in the question opens with, set off by a comma or colon, that names nothing the
    /// corpus holds (考核用：…, 我们督查室要核一下，…): context, not a filter, and said so.
    pub lead_in: Vec<String>,
    /// Mistyped unit names read as a known name: (as typed, as read).
    pub corrected: Vec<(String, String)>,
    /// Topic words dropped because no measure holds them with the rest: (dropped, kept).
    pub relaxed: Vec<(Vec<String>, Vec<String>)>,
    /// The question as typed with place names blanked out ([`Reading::raw_tokens`]).
    raw: Vec<char>,
    /// Whether the question asks (哪/什么/吗…) or names a unit or cue, rather than being a bare
    /// search phrase; only then is filler trimmed and are left-overs classified.
    pub grammatical: bool,
}

impl Reading {
    pub fn units(&self) -> Vec<UnitId> {
        let mut v: Vec<UnitId> = self.groups.iter().flat_map(|g| g.units.iter().copied()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The question's tokens as typed (split at separators, places removed, quoted phrases
    /// whole), for the keyword fallback of "人大代表" (a phrase holding the unit name 人大).
    pub fn raw_tokens(&self) -> Vec<String> {
        // A seen-set keeps deduplication linear for pathological questions (thousands of tokens).
        let mut seen = SeenWords::default();
        let mut out: Vec<String> = Vec::new();
        for token in self.raw.split(|&c| is_separator(c)).filter(|t| !t.is_empty()) {
            if seen.first_time(token) {
                out.push(token.iter().collect());
            }
        }
        out.extend(self.quoted.iter().cloned());
        out
    }

    /// Whether the question asks anything beyond its scope and topic words.
    pub fn has_cue(&self) -> bool {
        self.family.is_some() || self.who || self.count || self.structural.is_some()
    }
}

/// A set of the words met so far. A map the query module has anyway (`FastMap<String, u32>`),
/// not a `BTreeSet<&[char]>`: each new collection type is ~1 KB gz more code to download.
#[derive(Default)]
struct SeenWords(FastMap<String, u32>);

impl SeenWords {
    fn first_time(&mut self, word: &[char]) -> bool {
        self.0.insert(word.iter().collect(), 0).is_none()
    }
}

/// Whitespace and the punctuation that separates phrases in a question (after width folding).
pub fn is_separator(c: char) -> bool {
    is_phrase_break(c)
        || matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '【'
                | '】'
                | '/'
                | '&'
                | '+'
                | '|'
                | '\\'
                | '#'
                | '*'
                | '='
                | '<'
                | '>'
                | '@'
                | '\u{200D}'
                | '\u{FE0F}'
        )
        || is_symbol(c)
}

/// Whitespace and sentence punctuation: what a plan title typed in a question never spans
/// (brackets it may: 方案(2021-2025年)).
fn is_phrase_break(c: char) -> bool {
    c.is_whitespace() || is_clause_break(c) || c == '、'
}

/// Where the self-introduction a question opens with ends (0 for none): the clauses, up to a
/// comma or colon each, that begin with an introducing word (我是做课题的，…; 领导要个数：…) and
/// hold no cue word.
fn intro_end(buf: &[char], cue_at: &[bool]) -> usize {
    let mut end = 0;
    while let Some(len) = buf[end..].iter().position(|&c| is_clause_break(c)) {
        let clause = &buf[end..end + len];
        let from = clause.iter().position(|c| !c.is_whitespace()).unwrap_or(len);
        if !INTRO_WORDS.iter().any(|w| starts_with_word(&clause[from..], w)) || cue_at[end..end + len].contains(&true) {
            break;
        }
        end += len + 1;
    }
    end
}

/// The clauses of `buf` that explain rather than ask, as (start, end, opening): an opening one
/// starts with a [`CONTEXT_OPENERS`] word (or is 从…角度, 从…看 or 研究…时) and has a clause after it, a
/// closing one starts with a [`PURPOSE_OPENERS`] word and has one before it.
fn context_clauses(buf: &[char]) -> Vec<(usize, usize, bool)> {
    let mut clauses = Vec::new();
    let mut start = 0;
    for (i, &c) in buf.iter().enumerate().chain([(buf.len(), &'。')]) {
        if is_clause_break(c) {
            let from = start + buf[start..i].iter().take_while(|c| c.is_whitespace()).count();
            if from < i {
                clauses.push((from, i));
            }
            start = i + 1;
        }
    }
    let last = clauses.len().saturating_sub(1);
    let mut out = Vec::new();
    for (n, &(from, to)) in clauses.iter().enumerate() {
        let clause = &buf[from..to];
        // (从…角度/从…看, 研究…时: their first word alone opens plain questions too.)
        let seen_from = clause.first() == Some(&'从') && (clause.ends_with(&['看']) || clause.windows(2).any(|w| w == ['角', '度']));
        let studying = starts_with_word(clause, "研究") && clause.contains(&'时');
        let opens = |words: Words| words.iter().any(|w| starts_with_word(clause, w));
        if n < last && (seen_from || studying || opens(CONTEXT_OPENERS) || opens(ABOUT_OPENERS)) {
            out.push((from, to, true));
        } else if n > 0 && PURPOSE_OPENERS.iter().any(|w| starts_with_word(clause, w)) {
            out.push((from, to, false));
        }
    }
    out
}

/// Where the clause holding position `at` of `buf` starts.
fn clause_start(buf: &[char], at: usize) -> usize {
    buf[..at].iter().rposition(|&c| is_clause_break(c)).map_or(0, |k| k + 1)
}

/// The punctuation that ends a clause (after width folding): not 、, which lists. An ellipsis
/// or a tilde (～, folded to ~) ends one as a comma does: …的坎……这种隐性壁垒归谁, 牵头的～娃天天….
fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '?' | '!' | ';' | ':' | '。' | '，' | '？' | '！' | '；' | '：' | '…' | '⋯' | '~')
}

/// Pictographs and signs people type around a question (🙏, ★, →): never part of a word.
fn is_symbol(c: char) -> bool {
    matches!(c, '\u{203C}' | '\u{2049}' | '\u{2190}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// The question without the spaces people put between single characters (区 司 法 局): a space
/// separates phrases only when the words on both sides have two characters or more (宪法 学习).
fn without_soft_spaces(chars: Vec<char>) -> Vec<char> {
    if !chars.iter().any(|c| c.is_whitespace()) {
        return chars;
    }
    let token_len = |from: usize, step: isize| -> usize {
        let mut n = 0;
        let mut i = from as isize;
        while i >= 0 && (i as usize) < chars.len() && !chars[i as usize].is_whitespace() {
            n += 1;
            i += step;
        }
        n
    };
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = (i..chars.len()).find(|&k| !chars[k].is_whitespace()).unwrap_or(chars.len());
        let soft = i > 0 && end < chars.len() && (token_len(i - 1, -1) == 1 || token_len(end, 1) == 1);
        if !soft {
            out.push(' ');
        }
        i = end;
    }
    out
}

/// A plan title reduced for matching what people type: brackets, digits, years and dashes out.
pub fn plan_core(title: &str) -> Vec<char> {
    title.chars().map(|c| fold_for_matching(simplified(c))).filter(|c| !is_plan_noise(*c)).collect()
}

/// What a question names a plan by, as [`plan_core`] reduces titles, and without a pointing
/// word (法治湖南那个细则, 这份方案): people point at a plan they cannot name in full.
fn plan_words_typed(typed: &[char]) -> Vec<char> {
    let mut core = Vec::with_capacity(typed.len());
    let mut i = 0;
    while i < typed.len() {
        // 五年规划, 十四五规划 for (2021-2025年); 2023年印发的: when and how it came out.
        if let Some(w) = PLAN_ASIDES.iter().find(|w| starts_with_word(&typed[i..], w)) {
            i += w.chars().count();
            continue;
        }
        // 那个, 这份, 那两个, 这几部: a pointing word, a numeral maybe, a measure word.
        if matches!(typed[i], '那' | '这') {
            let mut j = i + 1;
            if j < typed.len() && matches!(typed[j], '一' | '两' | '几' | '三' | '二') {
                j += 1;
            }
            if j < typed.len() && matches!(typed[j], '个' | '份' | '部' | '篇' | '项') {
                i = j + 1;
                continue;
            }
        }
        if !is_plan_noise(typed[i]) {
            core.push(typed[i]);
        }
        i += 1;
    }
    core
}

/// Length of the word after a plan's name that puts the question inside it (里, 中的…), else 0.
fn plan_tail(rest: &[char]) -> usize {
    ["里面", "之中", "中的", "里的", "里", "中", "内"].iter().find(|t| starts_with_word(rest, t)).map_or(0, |t| t.chars().count())
}

/// Words about a plan's period and issue that its title does not print.
const PLAN_ASIDES: &[&str] = &["十四五", "五年", "印发", "出台", "发布"];

/// A pointing word and measure word after a plan's name, standing for its plan word
/// (法治湖南那份, 法治社会那个); or, with no name before it, for a plan named already.
fn is_plan_pointer(pair: &[char]) -> bool {
    matches!(pair, ['那' | '这', '份' | '个' | '篇'])
}

/// Length of a bracketed run of years right after a plan word ("(2021-2025年)"), else 0.
fn years_after(rest: &[char]) -> usize {
    if !matches!(rest.first(), Some('(' | '（')) {
        return 0;
    }
    let close = rest.iter().take(16).position(|&c| matches!(c, ')' | '）'));
    match close {
        Some(k) if k > 1 && rest[1..k].iter().all(|&c| is_plan_noise(c)) && rest[1..k].iter().any(char::is_ascii_digit) => k + 1,
        _ => 0,
    }
}

fn is_plan_noise(c: char) -> bool {
    c.is_ascii_digit()
        || c.is_whitespace()
        || matches!(
            c,
            '《' | '》' | '〈' | '〉' | '(' | ')' | '（' | '）' | '-' | '—' | '–' | '年' | '<' | '>' | '“' | '”' | '"' | '的' | '之'
        )
}

impl Engine {
    /// Reads a question (see the module comment). Topic words are checked against the corpus
    /// text, so a reading with left-over words builds the phrase index.
    pub(super) fn read(&self, question: &str) -> Reading {
        let r = self.read_as_typed(question);
        // A unit's full official name (中共…委员会, …人民政府办公室): read again with the forms
        // plans print, kept where that names more units or leaves fewer words unread.
        let typed: Vec<char> = question.chars().collect();
        let Some(short) = super::official::shortened(&typed, &self.dir) else { return r };
        let mut s = self.read_as_typed(&short.iter().collect::<String>());
        let left = |r: &Reading| r.topics.len() + r.unknown.len();
        if s.groups.is_empty() || s.groups.len() < r.groups.len() || (s.units().len() <= r.units().len() && left(&s) >= left(&r)) {
            return r;
        }
        s.corrected.insert(0, super::official::differing_span(&typed, &short));
        s
    }

    fn read_as_typed(&self, question: &str) -> Reading {
        let r = self.read_clauses(question, true);
        // 听说区司法局牵头了普法，具体是哪些: a clause set aside as context that held all the
        // question asks about was no context.
        // 关于普法，区司法局牵头哪些: a clause saying what the question is about is its topic
        // unless the clauses after it name one.
        let about = r.lead_in.iter().any(|c| ABOUT_OPENERS.iter().any(|w| c.starts_with(w)));
        let nothing_else = r.groups.is_empty() && r.plans.is_empty() && r.structural.is_none();
        if !r.lead_in.is_empty() && r.topics.is_empty() && (nothing_else || about) {
            return self.read_clauses(question, false);
        }
        r
    }

    /// [`Engine::read_as_typed`], setting aside the clauses that explain the question or not.
    fn read_clauses(&self, question: &str, context_aside: bool) -> Reading {
        let chars = without_soft_spaces(question.chars().map(|c| fold_for_matching(simplified(c))).collect());
        // (所牵头之事项凡几 → 牵头的事项有多少, 么子 → 什么: classical.rs.)
        let chars = super::classical::in_everyday_form(&chars, |p| self.occurrences_of(p) > 0);
        let mut buf = chars.clone();
        let mut r = Reading::default();
        let is_question = is_question(&chars);

        // Quoted phrases are exact; blank them out for the scan.
        let mut quoted: Vec<&[char]> = Vec::new();
        let mut i = 0;
        while i < buf.len() {
            if let Some(&(_, close)) = QUOTES.iter().find(|(o, _)| *o == buf[i]) {
                if let Some(j) = buf[i + 1..].iter().position(|&c| c == close).map(|k| i + 1 + k) {
                    if j > i + 1 {
                        quoted.push(&chars[i + 1..j]);
                    }
                    buf[i..=j].iter_mut().for_each(|c| *c = ' ');
                    i = j + 1;
                    continue;
                }
                buf[i] = ' ';
            }
            i += 1;
        }
        self.set_bracketed_remarks_aside(&chars, &mut buf, &mut r);
        // 《…》 names a plan when a plan title holds it.
        let mut kept_quotes = Vec::new();
        for q in quoted {
            // Only a quote long enough and ending in a plan word is looked for among the plan
            // titles (a search that costs more than a short keyword question's whole answer).
            let core: Vec<char> = q.iter().copied().filter(|c| !is_plan_noise(*c)).collect();
            let ends_in_plan_word = q.len() >= 2 && is_plan_word(&q[q.len() - 2..]);
            let plans = if core.len() >= 4 && ends_in_plan_word { self.plans_holding(&core) } else { Vec::new() };
            if plans.is_empty() {
                kept_quotes.push(q);
            } else {
                r.plans.extend(plans);
            }
        }
        if context_aside {
            self.set_context_aside(&mut buf, &mut r);
        }
        self.read_plans(&mut buf, &mut r);
        // 疫病防治的宣传呢就是说我们…: a spoken filler inside a run ends a clause, as the pause
        // it stands for does.
        for w in SPOKEN_BREAKS.iter() {
            for k in 0..buf.len() {
                if starts_with_word(&buf[k..], w) {
                    buf[k..k + w.chars().count()].fill(' ');
                    buf[k] = '，';
                }
            }
        }

        // One greedy longest-match pass over names, places and cues, on the question with its
        // spaces taken out (区 司法局 is 区司法局); a match covers the spaces inside it.
        let at: Vec<usize> = (0..buf.len()).filter(|&k| !buf[k].is_whitespace()).collect();
        let compact: Vec<char> = at.iter().map(|&k| buf[k]).collect();
        let mut covered = vec![false; buf.len()];
        // Where a cue word stands (a unit name or place does not make a clause ask).
        let mut cue_at = vec![false; buf.len()];
        // Where a place name stands: a clause naming nothing else is still a comment (…？有位案主在
        // 宁远，老去上访), whose place scopes the question.
        let mut place_at = vec![false; buf.len()];
        let mut raw = buf.clone();
        let mut any_term = false;
        let mut share = false;
        let mut not_lead = false;
        let mut family_clause = 0;
        let mut any_by_list_name = false;
        // The last unit name read: its group and where it ends (in `compact`).
        let mut last_unit = (usize::MAX, usize::MAX);
        // Where the last cue of a who-question ends (由哪些部门|调解).
        let mut who_cue_end = usize::MAX;
        let mut k = 0;
        while k < compact.len() {
            let mut best: Option<(usize, &Term)> = None;
            self.lexicon.prefixes_at(&compact, k, |len, t| best = Some((len, t)));
            let Some((len, t)) = best else {
                k += 1;
                continue;
            };
            // "人大代表", "政协委员": a person's title holding a unit's name is no unit.
            if !t.units.is_empty() && ["代表", "委员"].iter().any(|w| starts_with_word(&compact[k + len..], w)) {
                k += len;
                continue;
            }
            // 军地信息协同这事谁牵头: a support word ending a phrase the plans print (军地信息协同)
            // is the phrase's, no role asked, where the question asks who leads after it.
            let leads_after = || {
                let rest = &compact[k + len..];
                rest.contains(&'谁') || rest.windows(2).any(|w| w == ['牵', '头'])
            };
            if t.cue == Some(Cue::Role(Family::Join)) && k >= 2 && !covered[at[k - 1]] && leads_after() {
                let from = (2..=k.min(6)).rev().find(|&j| !covered[at[k - j]] && self.occurrences_of(&compact[k - j..k + len]) > 0);
                if from.is_some() {
                    k += len;
                    continue;
                }
            }
            // "宁远县里…": 里 after a place is grammar, as a separator would be.
            let len = len + usize::from(t.units.is_empty() && t.place.is_some() && compact.get(k + len) == Some(&'里'));
            // "下陆区委宣传部", "中共宁远县委组织部": the place's level character also begins a
            // unit's name (区委宣传部); the place is read, and the unit from that character on.
            let shared = t.units.is_empty() && t.place.is_some() && len > 1 && {
                let mut unit = false;
                self.lexicon.prefixes_at(&compact, k + len - 1, |n, u| unit |= n > 1 && !u.units.is_empty());
                unit
            };
            let (from, to) = (at[k], at[k + len - 1] + 1);
            any_term = true;
            if !t.units.is_empty() {
                let text: String = compact[k..k + len].iter().collect();
                let g = match r.groups.iter().position(|g| g.text == text) {
                    Some(g) => g,
                    None => {
                        r.groups.push(UnitGroup { text, units: t.units.clone(), family: None });
                        r.groups.len() - 1
                    }
                };
                last_unit = (g, k + len);
            } else if let Some(pl) = t.place {
                raw[from..to].iter_mut().for_each(|c| *c = ' ');
                place_at[from..to].iter_mut().for_each(|c| *c = true);
                if !r.places.contains(&pl) {
                    r.places.push(pl);
                }
            } else if let Some(cue) = t.cue {
                match cue {
                    // "不是牵头、只是配合": a negated role word asks nothing, but a negated lead
                    // with no other role word asks for the rest (区司法局不牵头的任务: those it
                    // joins; see below).
                    Cue::Role(f) if negated_at(&compact, k) => not_lead |= f == Family::Lead,
                    // The first role cue decides, but the lead and join families asked side by
                    // side (牵头哪些？配合哪些？) ask for every role.
                    // A narrower role asked in a later clause than an every-role word (经查X承担
                    // 相关职责，请列出其牵头事项; 负责哪些，其中牵头的呢), or after the list's name
                    // (作为责任单位参与的), or right after the who word (…参与纠纷化解的那一项，由
                    // 哪个部门牵头) is the one asked.
                    // A later clause that opens with 以及/还有/另外 asks for more, not instead
                    // (负责哪些工作？以及牵头哪些？): every role stays asked.
                    Cue::Role(f) => {
                        if last_unit.1 == k {
                            r.groups[last_unit.0].family = Some(f);
                        }
                        let clause = buf[..from].iter().filter(|&&c| is_clause_break(c)).count();
                        let adds = || ALSO_OPENERS.iter().any(|w| starts_with_word(&buf[clause_start(&buf, from)..], w));
                        r.family = Some(match (r.family, f) {
                            (_, Family::Lead | Family::Join) if who_cue_end == from => f,
                            (None, f) => f,
                            (Some(Family::Lead), Family::Join) | (Some(Family::Join), Family::Lead) => Family::Any,
                            (Some(Family::Any), f) if (clause > family_clause && !adds()) || any_by_list_name => f,
                            (Some(kept), _) => kept,
                        });
                        family_clause = clause;
                        any_by_list_name = f == Family::Any && compact[..k + len].ends_with(&['单', '位']);
                    }
                    // 排在第一位, 责任单位首位: the first-listed unit, which the lead family holds.
                    Cue::Position => r.family = Some(Family::Lead),
                    Cue::Share => share = true,
                    Cue::Who => r.who = true,
                    Cue::Ask => {}
                    // 国家赔偿制度落实由谁牵头: who leads, whatever role word the topic held.
                    Cue::WhoLeads => {
                        r.who = true;
                        r.family = Some(match r.family {
                            Some(Family::Join) => Family::Join,
                            _ => Family::Lead,
                        });
                    }
                    Cue::Count => r.count = true,
                    // "不设牵头单位、光有责任单位": only 责任单位 says more than no lead.
                    Cue::Structural(s) => {
                        r.structural = match r.structural {
                            None | Some(Structural::NoLead) if s == Structural::OnlyResponsible => Some(s),
                            None => Some(s),
                            kept => kept,
                        };
                    }
                }
            }
            covered[from..to].iter_mut().for_each(|c| *c = true);
            if t.cue.is_some() {
                cue_at[from..to].iter_mut().for_each(|c| *c = true);
                if r.who {
                    who_cue_end = to;
                }
            }
            k += if shared { len - 1 } else { len };
        }
        if share {
            r.family.get_or_insert(Family::Any);
        }
        if not_lead {
            r.family.get_or_insert(Family::Join);
        }
        // A level-less name may list hundreds of units; dedupe each group once.
        for g in &mut r.groups {
            g.units.sort_unstable();
            g.units.dedup();
        }

        r.raw = raw;

        // Left-over runs between matches and separators, trimmed of filler in a question, and in
        // words the plans do not print as typed (行政复议的任务, 有关行政复议: not a phrase to
        // find verbatim, which would find nothing).
        let unprinted = || chars.split(|&c| is_separator(c)).any(|w| !w.is_empty() && self.occurrences_of(w) == 0);
        r.grammatical = is_question || any_term || !r.plans.is_empty() || (r.quoted.is_empty() && unprinted());
        let mut flags = RunFlags::default();
        let mut cores: Vec<String> = Vec::new();
        // Clauses of nothing but words, no name or cue, beside clauses that have some: the opening
        // one (考核用：…) and any other whole one (…，稿子里要写; …，村里盼着呢). Context when the
        // plans do not hold their words (place_cores).
        let mut asides: Vec<(String, bool)> = Vec::new();
        let intro_end = intro_end(&buf, &cue_at);
        let (mut seen, mut intro_seen) = (SeenWords::default(), SeenWords::default());
        // 村（居）法律顾问, 村(社区): brackets the plans print after a word are part of the phrase,
        // not a break between two.
        let mut bracketed = vec![false; buf.len()];
        for i in 1..buf.len() {
            if matches!(buf[i], '(' | '（') && !covered[i - 1] && !is_separator(buf[i - 1]) {
                let close = buf[i + 1..].iter().take(8).position(|&c| matches!(c, ')' | '）')).map(|k| i + 1 + k);
                if let Some(j) = close.filter(|&j| j > i + 1 && !covered[i..=j].contains(&true)) {
                    if self.occurrences_of(&chars[i - 1..=j]) > 0 {
                        bracketed[i..=j].iter_mut().for_each(|b| *b = true);
                    }
                }
            }
        }
        let mut start = None;
        for i in 0..=buf.len() {
            let boundary = i == buf.len() || covered[i] || (is_separator(buf[i]) && !bracketed[i]);
            match (boundary, start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    let run = &chars[s..i];
                    // …我们局要打配合的: a modal verb just before a role or question cue is the
                    // cue's (not 要 of a topic: no topic word ends so before one).
                    let modal = match run {
                        [.., '需', '要'] => 2,
                        // (主要, 重要, 必要, 只要: adverbs, not the modal.)
                        [.., '主' | '重' | '必' | '只' | '不', '要'] => 0,
                        [.., '要' | '需' | '应'] => 1,
                        _ => 0,
                    };
                    let run = if modal > 0 && run.len() > modal && i < buf.len() && cue_at[i] { &run[..run.len() - modal] } else { run };
                    // (A date or time first, 12月4号…, 下午3点开会…: when the asker needs it.)
                    let run = if r.grammatical {
                        let run = &run[date_len(run)..];
                        self.with_term_ending(run, strip_filler(run, &mut flags))
                    } else {
                        run
                    };
                    // 纠纷由哪些部门调解, 开放日活动谁来办, 示范社区是哪些部门在创建: a short verb
                    // ending a who-question after a topic is what the units do, no topic.
                    let verb = run.strip_prefix(&['来']).or_else(|| run.strip_prefix(&['去'])).unwrap_or(run);
                    // (At the end of its clause: …谁牵头在推？我们下周要联调.)
                    let clause_end = buf[i..].iter().position(|&c| is_clause_break(c)).map_or(buf.len(), |k| i + k);
                    if s == who_cue_end && !cores.is_empty() && verb.len() <= 2 && buf[i..clause_end].iter().all(|&c| is_separator(c)) {
                        start = None;
                        continue;
                    }
                    if s < intro_end {
                        // Words of a self-introduction are context (names in it still count).
                        if !run.is_empty() && intro_seen.first_time(run) {
                            r.lead_in.push(run.iter().collect());
                        }
                    } else if !run.is_empty() && seen.first_time(run) {
                        let opens = clause_start(&buf, s);
                        let ends = buf[i..].iter().position(|&c| is_clause_break(c)).map_or(buf.len(), |k| i + k);
                        // …园区归哪些部门负责？搞清楚了好跟董事会交代: a clause after the question's
                        // question mark that names and asks nothing, once the sentence before it
                        // has asked (a cue, and a name or words; or words the plans print:
                        // 宁远县讲没讲未成年人的？给娃办证跑了好几趟), is a remark on it: context. (Not
                        // words the plans print whole: …负责什么？跟信访有关的 narrows the question.)
                        let asked = buf[..s].iter().rposition(|&c| c == '?').is_some_and(|q| {
                            let named = !cores.is_empty() || (0..q).any(|k| covered[k] && !cue_at[k]);
                            named && (cue_at[..q].contains(&true) || cores.iter().any(|c| self.occurs(c)))
                        });
                        if asked && !(opens..ends).any(|k| covered[k]) && self.occurrences_of(run) == 0 {
                            r.lead_in.push(run.iter().collect());
                            start = None;
                            continue;
                        }
                        let opening = cores.is_empty() && !covered[..s].contains(&true) && ends == i && i < buf.len();
                        let whole = !(opens..ends).any(|k| covered[k] && !place_at[k]) && (opens > 0 || ends < buf.len());
                        if any_term && (opening || whole) {
                            asides.push((run.iter().collect(), covered[..s].contains(&true)));
                        }
                        cores.push(run.iter().collect());
                    }
                    start = None;
                }
                _ => {}
            }
        }
        r.all = flags.all;
        r.any = flags.any;
        for q in kept_quotes {
            // “区财政局”参与的任务: a quoted unit name asked about with a role cue is that unit
            // (a quote alone stays an exact phrase, as search boxes take it).
            if let Some(t) = self.lexicon.get(q).filter(|t| r.family.is_some() && !t.units.is_empty()) {
                let mut units = t.units.clone();
                units.sort_unstable();
                units.dedup();
                r.groups.push(UnitGroup { text: q.iter().collect(), units, family: None });
                continue;
            }
            // “普法、依法治理”: a list in one pair of quotes, which the plans do not print as typed,
            // is its items, read as the same list typed without quotes would be.
            if q.contains(&'、') && self.occurrences_of(q) == 0 {
                for item in q.split(|&c| c == '、').filter(|p| p.len() >= 2) {
                    let item: String = item.iter().collect();
                    if !r.topics.contains(&item) {
                        r.topics.push(item);
                    }
                }
                continue;
            }
            // “好差平”: quoted as typed, with an input-method slip of a phrase the plans print
            // (the same syllable only: a quote is meant as exact text); said as corrected.
            let typed = q;
            let mut q: String = typed.iter().collect();
            if self.occurrences_of(typed) == 0 {
                if let Some(fixed) = self.sounded_slip(typed) {
                    r.corrected.push((q, fixed.clone()));
                    q = fixed;
                }
            }
            if !cores.contains(&q) && !r.topics.contains(&q) {
                r.topics.push(q.clone());
            }
            r.quoted.push(q);
        }
        // (With no cores too: a quoted list's items are relaxed as typed ones would be.)
        if !cores.is_empty() || r.topics.len() > 1 {
            self.place_cores(cores, asides, &mut r);
        }
        r
    }

    /// A remark in brackets that the plans never print (縣委網信辦牽頭哪些（繁體字幕稿）, 我有一个
    /// 专利(patent)) is context: blanked out of `buf` and said as such. Brackets the plans print
    /// inside a name stay (各乡镇(街道)).
    fn set_bracketed_remarks_aside(&self, chars: &[char], buf: &mut [char], r: &mut Reading) {
        let mut i = 0;
        while i < buf.len() {
            if matches!(buf[i], '(' | '（') {
                if let Some(j) = buf[i + 1..].iter().position(|&c| matches!(c, ')' | '）')).map(|k| i + 1 + k) {
                    let inner = &chars[i + 1..j];
                    if inner.len() >= 2 && buf[i + 1..j] == *inner && self.occurrences_of(inner) == 0 && self.lexicon.get(inner).is_none() {
                        r.lead_in.push(inner.iter().collect());
                        buf[i..=j].iter_mut().for_each(|c| *c = ' ');
                        i = j + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
    }

    /// Sets aside the clauses a question explains itself in rather than asks (为了比较…，请问…;
    /// 考虑到A是协调机构，…; …，以便和资阳区比较): blanked out of `buf` and said as context. The
    /// places an opening one names still scope the question (为了比较资阳区和下陆区…，请问区民政局
    /// 在两地…); its units, role words and topics do not, nor anything of a closing one.
    fn set_context_aside(&self, buf: &mut [char], r: &mut Reading) {
        for (from, to, opening) in context_clauses(buf) {
            let mut k = from;
            while opening && k < to {
                let mut place = None;
                self.lexicon.prefixes_at(&buf[..to], k, |len, t| {
                    if let Some(p) = t.place.filter(|_| t.units.is_empty()) {
                        place = Some((len, p));
                    }
                });
                match place {
                    Some((len, p)) => {
                        if !r.places.contains(&p) {
                            r.places.push(p);
                        }
                        k += len;
                    }
                    None => k += 1,
                }
            }
            r.lead_in.push(buf[from..to].iter().collect());
            buf[from..to].iter_mut().for_each(|c| *c = ' ');
        }
    }

    /// Finds plan titles the question names by their plan word (…方案, …要点), blanks them out
    /// of `buf` with a trailing 里/中/内, and records the plans.
    fn read_plans(&self, buf: &mut [char], r: &mut Reading) {
        if self.plans.is_empty() {
            return;
        }
        // Candidates are read from the question as typed, so a plan word right after a plan
        // already found extends it (…实施方案的实施细则): the longer name then decides.
        if !buf.windows(2).any(|w| is_plan_word(w) || is_plan_pointer(w)) {
            return;
        }
        self.read_named_plans(buf, r);
    }

    /// [`Engine::read_plans`] of a question with a plan word. A function of its own, as are
    /// the other steps most questions skip: the browser compiles a function whole at its first
    /// call (see ARCHITECTURE.md).
    #[inline(never)]
    fn read_named_plans(&self, buf: &mut [char], r: &mut Reading) {
        let text: Vec<char> = buf.to_vec();
        let mut last: Option<(usize, usize, Vec<u32>)> = None;
        let mut e = 0;
        while e < text.len() {
            let pointer = e + 2 <= text.len() && is_plan_pointer(&text[e..e + 2]);
            // 部分工作 holds 分工 across two words.
            let split_word = text[e..].starts_with(&['分', '工']) && (text.get(e + 2) == Some(&'作') || e > 0 && text[e - 1] == '部');
            if e + 2 > text.len() || split_word || !(pointer || is_plan_word(&text[e..e + 2])) {
                e += 1;
                continue;
            }
            let mut end = e + 2;
            // 法治社会那份分工表: the pointing word, then the plan word.
            let plan_word_after = pointer && end + 2 <= text.len() && is_plan_word(&text[end..end + 2]);
            if plan_word_after {
                end += 2;
            }
            // 这个/那个 points at a plan only before a plan word or 里/中 (法治社会那个方案里,
            // 法治湖南那个里面); 法治建设这个工作 is a topic.
            if pointer && text[e + 1] == '个' && !plan_word_after && plan_tail(&text[end..]) == 0 {
                e = end;
                continue;
            }
            // 分工方案 typed 分工表, 任务清单表.
            let name_end = end;
            if text.get(end) == Some(&'表') {
                end += 1;
            }
            // The longest run before the plan word that some plan title holds.
            let mut found = None;
            let mut place_plans = false;
            for s in name_end.saturating_sub(40)..name_end.saturating_sub(3) {
                if text[s..name_end].iter().any(|&c| is_phrase_break(c)) {
                    continue;
                }
                let core = plan_words_typed(&text[s..name_end]);
                if core.len() < 4 {
                    continue;
                }
                // 资阳区的方案, 宁远县那份方案: a place's plans, all of them (the place is read
                // as such), not its one title that says 方案.
                if self.lexicon.get(&core[..core.len() - 2]).is_some_and(|t| t.place.is_some() && t.units.is_empty()) {
                    place_plans = true;
                    break;
                }
                let plans = self.plans_holding(&core);
                if !plans.is_empty() {
                    found = Some((s, plans));
                    break;
                }
            }
            let Some((s, plans)) = found else {
                // 《湖南省法治政府建设实施方案》那份细则里: a pointing word before a plan word,
                // after a plan named already, points back at it. (A place's plans: the place
                // was read, the plan word is blanked the same way.)
                if place_plans || (pointer && end > e + 2 && (!r.plans.is_empty() || last.is_some())) {
                    let to = end + plan_tail(&text[end..]);
                    buf[e..to].iter_mut().for_each(|c| *c = ' ');
                    e = to;
                } else {
                    e = end;
                }
                continue;
            };
            // The years printed after a title, typed too: 方案（２０２１－２０２５年）里.
            let mut to = end + years_after(&text[end..]);
            to += plan_tail(&text[to..]);
            buf[s..to].iter_mut().for_each(|c| *c = ' ');
            last = match last {
                // Extends the plan found before: the longer name replaces it.
                Some((ls, lto, _)) if s <= lto => Some((ls.min(s), to, plans)),
                Some((_, _, prev)) => {
                    add_plans(&mut r.plans, prev);
                    Some((s, to, plans))
                }
                None => Some((s, to, plans)),
            };
            e = to;
        }
        if let Some((_, _, plans)) = last {
            add_plans(&mut r.plans, plans);
        }
    }

    /// Plans whose title (reduced by [`plan_core`]) holds `core`, allowing what people leave
    /// out of a long title: `core` may come in up to three pieces of two or more characters,
    /// in order (法治湖南建设实施细则 names 资阳区贯彻落实〈法治湖南建设规化〉实施细则).
    fn plans_holding(&self, core: &[char]) -> Vec<u32> {
        if core.is_empty() {
            return Vec::new();
        }
        (0..self.plans.len() as u32).filter(|&p| holds_in_pieces(&self.plan_cores[p as usize], core, 3)).collect()
    }

    /// Places each left-over run: a topic (the corpus holds it, or its words), a mistyped unit
    /// name, or a word not understood.
    #[inline(never)]
    /// `asides`: the clauses of words only (see read_clauses), each with whether a name or cue
    /// came before it.
    fn place_cores(&self, cores: Vec<String>, mut asides: Vec<(String, bool)>, r: &mut Reading) {
        let mut framed: Vec<Vec<char>> = Vec::with_capacity(cores.len());
        for core in cores {
            let mut chars: Vec<char> = core.chars().collect();
            // Words before the topic that are none of it, where the plans print no word of
            // them: a preposition (对邪教有害信息), and where the asker is (村里的信息员队伍,
            // 馆里想多用新媒体: a place's one character and 里), which is context.
            let unprinted = |min_len: usize| chars.len() >= min_len && self.occurrences_of(&chars[..2]) == 0;
            let skip = match chars.as_slice() {
                ['对', ..] if r.grammatical && unprinted(3) => 1,
                [place, '里', ..] if r.grammatical && "村镇乡县区市省馆站院所厂店社局队校园家城街楼场".contains(*place) && unprinted(4) =>
                {
                    r.lead_in.push(chars[..2].iter().collect());
                    2
                }
                _ => 0,
            };
            if skip > 0 {
                chars = strip_filler(&chars[skip..], &mut RunFlags::default()).to_vec();
                let renamed: String = chars.iter().collect();
                asides.iter_mut().filter(|(a, _)| *a == core).for_each(|(a, _)| *a = renamed.clone());
            }
            match topic_frame_parts(&chars).filter(|_| r.grammatical) {
                Some(parts) => framed.extend(parts),
                None => framed.push(chars),
            }
        }
        let aside = |c: &String| asides.iter().find(|(a, _)| a == c).map(|&(_, after)| after);
        let lone = framed.len() == 1;
        for chars in framed {
            let core: String = chars.iter().collect();
            if !r.grammatical {
                // A search phrase as typed, unless it mistypes one the plans print (looked for
                // only when the plans lack the phrase: every bare search passes here).
                let mistyped = if self.occurs(&core) { None } else { self.mistyped_topic(&chars) };
                match mistyped {
                    Some(fixed) => {
                        r.corrected.push((core, fixed.clone()));
                        r.topics.push(fixed);
                    }
                    None => r.topics.push(core),
                }
                continue;
            }
            if chars.len() == 1 {
                // 县人大法治委: a level typed before a name read without it (人大 + 法治委 →
                // 人大法制委) is the name's, no word of its own.
                if !r.groups.is_empty() && matches!(chars[0], '县' | '区' | '市') {
                    continue;
                }
                // One character is a topic only when it is all the question asks about; left
                // of a comment beside the question (…？队员在宁远的多), it is context.
                if r.groups.is_empty() && lone {
                    r.topics.push(core);
                } else if aside(&core) == Some(true) {
                    r.lead_in.push(core);
                } else {
                    r.unknown.push(core);
                }
                continue;
            }
            // "2024年区司法局牵头的工作": a year asked about in a question filters nothing (the
            // plans are not split by year); a bare search for it stays as typed (above).
            if is_year(&chars) {
                continue;
            }
            // "哪个部门牵头处理", "负责落实的": a general verb standing alone beside a role or who
            // word is that word's verb, no topic.
            if (r.family.is_some() || r.who) && IDLE_VERBS.contains(&core.as_str()) {
                continue;
            }
            if !r.groups.is_empty() && is_quantity_of_places_or_plans(&chars) {
                continue;
            }
            // “一业一证”改革, 构建“亲清政商关系”, “净网”行动: a word of aspect beside a quoted
            // topic is its frame, no topic of its own (said as left out).
            if !r.quoted.is_empty() && (is_aspect(&core) || QUOTE_FRAMES.contains(&core.as_str())) {
                r.relaxed.push((vec![core], r.quoted.clone()));
                continue;
            }
            let occurs = self.occurs(&core);
            // A clause of words only (and whether after a name or cue), set aside beside a unit's
            // question: never read for a slip (考核用 is no slip of 考核).
            let aside_after = aside(&core);
            let set_aside = !r.groups.is_empty() && aside_after.is_some();
            // 社会信用管里, 正能亮: an input-method slip of a phrase the plans print, before the
            // slip is taken for a place word (…里) or a word beside a word. (Not a unit's name:
            // 区财证局, 省级农科圆 are units mistyped, below.)
            let unit_like = || crate::units::ends_like_a_body(&core) || self.one_typo_away(&chars).is_some();
            if !occurs && !set_aside && (3..=8).contains(&chars.len()) && !unit_like() {
                if let Some(fixed) = self.sounded_slip(&chars) {
                    r.corrected.push((core.clone(), fixed.clone()));
                    r.topics.push(fixed);
                    continue;
                }
            }
            // "行政复议上，…": a place word after a topic the corpus holds.
            // (新媒体传播上要…: with the modal verb after it. 在事中事后监管上: the plans print
            // 事中事后监管上 too, but the topic more often alone.)
            let before_modal = match chars.as_slice() {
                [rest @ .., '要' | '需' | '应' | '得'] if rest.len() >= 3 => rest,
                all => all,
            };
            if before_modal.len() >= 3 && matches!(before_modal.last(), Some('上' | '中' | '里')) {
                let topic = &before_modal[..before_modal.len() - 1];
                if self.occurrences_of(topic) > if occurs { self.occurrences_of(&chars) } else { 0 } {
                    r.topics.push(topic.iter().collect());
                    continue;
                }
            }
            // "牵头管知识产权", "做人民调解": a verb before a topic the corpus holds.
            // (…的任务里面，有专利的吗: 有 before a topic asks whether the plans hold it.)
            if !occurs && chars.len() >= 3 && (TOPIC_VERBS.contains(&chars[0]) || chars[0] == '有') && self.occurrences_of(&chars[1..]) > 0
            {
                r.topics.push(chars[1..].iter().collect());
                continue;
            }
            // 牵投: a role word mistyped in its second character.
            if !occurs && r.family.is_none() && chars.len() == 2 {
                if let Some((word, family)) = role_word_one_off(&chars) {
                    r.corrected.push((core.clone(), word.to_string()));
                    r.family = Some(family);
                    continue;
                }
            }
            // 人社, 卫健, 市监: a unit's name without its 局/委/办, where the corpus does not
            // use the word apart, or where the question asks a role of nothing else (财政参与…).
            let unit_asked = r.groups.is_empty() && (r.family.is_some() || r.count);
            if (!occurs || unit_asked) && !r.who {
                if let Some(groups) = self.units_by_stem(&chars) {
                    for (typed, form, units) in groups {
                        r.corrected.push((typed, form.clone()));
                        r.groups.push(UnitGroup { text: form, units, family: None });
                    }
                    continue;
                }
                if let Some((form, units)) = self.unit_by_abbreviation(&chars, &r.places) {
                    r.corrected.push((core.clone(), form.clone()));
                    r.groups.push(UnitGroup { text: form, units, family: None });
                    continue;
                }
            }
            if occurs && chars.len() <= MAX_ONE_WORD {
                r.topics.push(core);
                continue;
            }
            // 区政协办公式: a slip at the end of a name whose start names a unit too (区政协办);
            // 区人大常委会法公委都弄些啥: the slip's end may run into the question's words.
            if let Some(g) = r.groups.last_mut().filter(|_| !occurs) {
                let mut read = None;
                for k in (1..=chars.len().min(4)).rev() {
                    let rest = strip_filler(&chars[k..], &mut RunFlags::default());
                    if k < chars.len() && (k < 2 || rest.len() > 2) {
                        continue;
                    }
                    let mut joined: Vec<char> = g.text.chars().collect();
                    joined.extend_from_slice(&chars[..k]);
                    if let Some(found) = self.one_typo_away(&joined) {
                        read = Some((joined, found, rest));
                        break;
                    }
                }
                if let Some((joined, (form, units), rest)) = read {
                    r.corrected.push((joined.iter().collect(), form.clone()));
                    *g = UnitGroup { text: form, units, family: None };
                    if !rest.is_empty() {
                        r.unknown.push(rest.iter().collect());
                    }
                    continue;
                }
            }
            // A mistyped unit name: only where the question asks about a unit (not "who…"), and
            // not a word ending in a function character (信访这 is 信访 + 这, not 信访局).
            let ends_in_function_char = chars.last().is_some_and(|c| FUNCTION_CHARS.contains(c));
            if !occurs && !r.who && !ends_in_function_char {
                // (县民正局管哪些事: a verb after the name is the question's, not the name's.)
                let found = self.one_typo_away(&chars).map(|f| (&chars[..], f)).or_else(|| match chars.split_last() {
                    Some((c, name)) if TOPIC_VERBS.contains(c) => self.one_typo_away(name).map(|f| (name, f)),
                    _ => None,
                });
                if let Some((name, (form, units))) = found {
                    r.corrected.push((name.iter().collect(), form.clone()));
                    r.groups.push(UnitGroup { text: form, units, family: None });
                    continue;
                }
            }
            // 上访, 免费法律帮助: everyday words for a term the plans use (data/terms.txt); not
            // beside a quoted topic (“一窗受理”这事…，以后是不是不用来回跑了). (A clause set aside
            // before the unit's question may hold them: 给老百姓提供免费法律帮助的工作，区司法局
            // 牵头的有哪些; one after it comments: 县法学会有什么任务吗？想请他们来给孩子们讲一讲.)
            if !occurs && r.quoted.is_empty() && !(set_aside && aside_after == Some(true)) {
                if let Some(term) = self.everyday_term(&chars) {
                    r.corrected.push((core.clone(), term.to_string()));
                    if !r.topics.iter().any(|t| t == term) {
                        r.topics.push(term.to_string());
                    }
                    continue;
                }
            }
            let segmented = self.segment(&chars);
            // 人民调节: a short run the plans lack whose pieces no measure holds together is
            // looked at as a slip too (人民调解), not only one that splits into no pieces.
            let apart =
                |words: &Vec<String>| chars.len() <= MAX_ONE_WORD && self.keyword_search(words, &r.places, &r.plans).rows.is_empty();
            // (Not in a clause set aside beside a unit's question: 考核用 is no slip of 考核. A
            // topic question's own clause may be: 就是说扫黑除饿这个事情呢，是哪些部门负责.)
            if !occurs && !set_aside && segmented.as_ref().is_none_or(apart) {
                // 行政付议: one character off a phrase the plans print.
                if let Some(fixed) = self.mistyped_topic(&chars) {
                    r.corrected.push((core.clone(), fixed.clone()));
                    r.topics.push(fixed);
                    continue;
                }
            }
            // 网上有人传播邪教信息: a run the plans hold neither whole nor in pieces is read as
            // the word it is about (邪教), said as such; only as a topic question's topic (beside
            // a unit or a structural cue such a run is a word not understood, below).
            // 调度会议题是汛期应急响应，县应急管理局牵头的…: a clause set aside beside a unit's
            // question that is mostly one long term the plans print (at least half of its
            // characters that are not grammar) is the question's topic, said as read (考核用 is
            // not: 考核 is short).
            let aside_term = set_aside && !tells_a_story(&chars);
            let segmented = match segmented {
                None if !occurs && ((r.groups.is_empty() && r.structural.is_none()) || aside_term) => {
                    // (市民来电说网上有人造谣: what a caller reports is a sentence, whatever share
                    // of it the plans' words cover.)
                    // (So is a clause of its own: 附近那块空地能不能建应急避难场所？这事哪些部门负责.)
                    let said = if aside_term { None } else { reported(&chars) };
                    let content = chars.iter().filter(|c| !FUNCTION_CHARS.contains(c) && !JOINERS.contains(c)).count();
                    let long = |w: &String| !aside_term || (w.chars().count() >= 3 && w.chars().count() * 2 >= content);
                    self.held_word(said.unwrap_or(&chars), aside_term || said.is_some() || aside_after.is_some()).filter(long).map(|word| {
                        r.corrected.push((core.clone(), word.clone()));
                        vec![word]
                    })
                }
                found => found,
            };
            match segmented {
                Some(mut words) => {
                    // 债务融资领域的政务失信: a piece that is filler alone is no topic word.
                    words.retain(|w| !strip_filler(&w.chars().collect::<Vec<_>>(), &mut RunFlags::default()).is_empty());
                    // 人民监督员制度的完善: words of aspect beside the topic's own words (制度, 完善)
                    // name no topic, and would only narrow the answer; said in the answer.
                    let topical = words.iter().filter(|w| !is_aspect(w)).count();
                    if topical > 0 && topical < words.len() {
                        words.retain(|w| !is_aspect(w));
                        r.corrected.push((core.clone(), words.join("”“")));
                    }
                    let words = self.without_idle_verbs(words, r);
                    for w in words {
                        if !r.topics.contains(&w) {
                            r.topics.push(w);
                        }
                    }
                }
                // A topic question about something the corpus never mentions is still its topic
                // (the answer says nothing contains it); next to a unit it is a word not understood.
                // (With a structural cue, a run the corpus never holds is not a filter either:
                // 做台账发现…没有明确牵头单位 asks for the measures without a lead.)
                None if occurs || (r.groups.is_empty() && r.structural.is_none()) => r.topics.push(core),
                None if aside_after.is_some() || tells_a_story(&chars) => r.lead_in.push(core),
                None => r.unknown.push(core),
            }
        }
        // 夜班刚下，资阳区公按分局负责哪些: a clause of words only, placed before the unit's
        // mistyped name was read, is context beside the unit, as it is when the name is printed.
        if !r.groups.is_empty() {
            let (context, topics): (Vec<String>, Vec<String>) =
                std::mem::take(&mut r.topics).into_iter().partition(|t| aside(t).is_some() && !r.quoted.contains(t) && !self.occurs(t));
            r.topics = topics;
            r.lead_in.extend(context);
        }
        // 辅警这种执法辅助人员的管理…人员: a topic word inside another that the plans print
        // filters nothing more (every result holding the longer holds it), so it is not asked
        // twice.
        if r.topics.len() > 1 {
            let all = r.topics.clone();
            let inside_printed = |t: &String| all.iter().any(|o| o != t && o.contains(t.as_str()) && self.occurs(o));
            r.topics.retain(|t| r.quoted.contains(t) || !inside_printed(t));
            // (Nor said as read: 没有找到“人员的管理”，按“人员”回答.)
            r.corrected.retain(|(_, read)| all.iter().all(|t| t != read) || r.topics.contains(read));
        }
        // A run the corpus never holds filters nothing once another topic word does (出了车祸
        // …，这种事找哪个部门 read as 交通损害赔偿 keeps its 这种事 out): it could only empty
        // the answer, so it is a word not understood, said as such. Alone it stays the topic,
        // and the answer says nothing contains it.
        if r.grammatical && r.topics.len() > 1 {
            let (kept, never): (Vec<String>, Vec<String>) =
                std::mem::take(&mut r.topics).into_iter().partition(|t| r.quoted.contains(t) || self.occurs(t));
            if kept.is_empty() {
                r.topics = never;
            } else {
                r.topics = kept;
                // (A clause of its own is context: 送单路上跟人吵起来差点动手，治安管理…)
                for t in never {
                    let story = aside(&t).is_some() || tells_a_story(&t.chars().collect::<Vec<_>>());
                    if story { &mut r.lead_in } else { &mut r.unknown }.push(t);
                }
            }
            if r.groups.is_empty() && r.structural.is_none() && r.topics.len() > 1 {
                self.relax_topics(r);
            }
        }
    }

    /// A topic question whose words no measure holds together (居民公约 … 制定, 人民法庭的布局
    /// 调整): the longest word (the rarest of those) decides, and each other joins while some measure still holds them
    /// all; the answer says which were left out. (A unit's question keeps every word: its
    /// answer may rightly be empty.)
    #[inline(never)]
    fn relax_topics(&self, r: &mut Reading) {
        if !self.keyword_search(&r.topics, &r.places, &r.plans).rows.is_empty() {
            return;
        }
        // Quoted words are asked for as typed: they all stay, and the others join them while
        // some measure still holds them all (“社区吹哨、党员报到”…？片区里有事总叫不动人). If no
        // measure holds the quoted ones, the answer says so as they stand.
        let (mut kept, mut words): (Vec<String>, Vec<String>) =
            std::mem::take(&mut r.topics).into_iter().partition(|t| r.quoted.contains(t));
        if kept.is_empty() {
            let longest = (0..words.len()).max_by_key(|&k| self.weight(&words[k])).unwrap_or(0);
            kept.push(words.remove(longest));
        } else if self.keyword_search(&kept, &r.places, &r.plans).rows.is_empty() {
            kept.extend(words);
            r.topics = kept;
            return;
        }
        let mut dropped = Vec::new();
        for w in words {
            kept.push(w);
            if self.keyword_search(&kept, &r.places, &r.plans).rows.is_empty() {
                dropped.extend(kept.pop());
            }
        }
        r.relaxed.push((dropped, kept.clone()));
        r.topics = kept;
    }

    /// The plans' term for the everyday words in `run` ([`EverydayTerms`](super::everyday)):
    /// words the corpus does not hold itself, for a term it holds.
    fn everyday_term(&self, run: &[char]) -> Option<&str> {
        self.everyday.best(run, |word, term| self.occurrences_of(word) == 0 && self.occurs(term))
    }

    /// The phrase the plans print that `run` mistypes in one character (行政付议 → 行政复议,
    /// 人民条解 → 人民调解): three to eight characters, the corpus holding the run nowhere.
    fn mistyped_topic(&self, run: &[char]) -> Option<String> {
        if !(3..=8).contains(&run.len()) {
            return None;
        }
        if let Some(fixed) = self.sounded_slip(run) {
            return Some(fixed);
        }
        let folded = fold_chars(run);
        let (i, c, fixed_count) = self.text_index().best_substitution(&folded)?;
        // Three characters are a word of two with a character beside it (考核用, 领导问) as
        // often as a mistyped word: only a wrong middle character is read as a slip.
        if run.len() == 3 && i != 1 {
            return None;
        }
        // At an edge, a character beside a word (上黑名单: 上 + 黑名单) rather than a slip when
        // the rest stands alone more often than inside the corrected phrase (公益诉 only ever
        // in 公益诉讼).
        if i == 0 || i == run.len() - 1 {
            let rest = if i == 0 { &run[1..] } else { &run[..run.len() - 1] };
            if self.occurrences_of(rest) > fixed_count {
                return None;
            }
        }
        let mut fixed = run.to_vec();
        fixed[i] = char::from_u32(c)?;
        Some(fixed.into_iter().collect())
    }

    /// [`Engine::mistyped_topic`] by sound: the phrase printed most often that `run` types with
    /// one character of the same syllable
    /// ([`super::pinyin::Pinyin::same_sound`]): 好差平, 宪法宣传州, at an edge too. Not where the character
    /// read as the slip is one questions put beside a word (管理里 could be 管理 + 里, 领导问
    /// 领导 + 问), unless the rest never stands alone (社会信用管里).
    fn sounded_slip(&self, run: &[char]) -> Option<String> {
        if self.pinyin.is_empty() {
            return None;
        }
        let folded = fold_chars(run);
        let sounding = self.text_index().substitutions(&folded).into_iter().filter(|&(i, c, count)| {
            let (Some(typed), Some(c)) = (char::from_u32(folded[i]), char::from_u32(c)) else { return false };
            if !self.pinyin.same_sound(typed, c) {
                return false;
            }
            let beside = FUNCTION_CHARS.contains(&typed)
                || JOINERS.contains(&typed)
                || TOPIC_VERBS.contains(&typed)
                || "问说找查看想要会能不没".contains(typed);
            let edge = i == 0 || i == run.len() - 1;
            !(beside && (!edge || self.occurrences_of(if i == 0 { &run[1..] } else { &run[..run.len() - 1] }) > count))
        });
        let (i, c, _) = crate::index::most_frequent(sounding)?;
        let mut fixed = run.to_vec();
        fixed[i] = char::from_u32(c)?;
        Some(fixed.into_iter().collect())
    }

    /// The word a sentence about a topic is about (网上有人传播邪教信息 → 邪教): of the words of
    /// `run` the corpus holds (each the longest from where the last ended, skipping characters
    /// no such word begins with), the longest and then the rarest; the others are the sentence's
    /// own (网上, 传播, 信息) and would only narrow the answer. `None` unless there are two or
    /// more covering half the run or more: a name the plans lack is no question about a part of
    /// it (村民委员会 none about 委员会, 考核用 none about 考核).
    fn held_word(&self, run: &[char], sentence: bool) -> Option<String> {
        // (Nor is a body's name the plans lack: 区大数据中心 is a unit, said as not found. A
        // sentence may end so: 附近那块空地能不能建应急避难场所.)
        if !(sentence && run.len() > MAX_ONE_WORD + 2) && crate::units::ends_like_a_body(&run.iter().collect::<String>()) {
            return None;
        }
        let (mut words, mut covered, mut i): (Vec<String>, _, _) = (Vec::new(), 0, 0);
        while i + 1 < run.len() {
            // (旅游这块的执法: no word starts with 的.)
            if FUNCTION_CHARS.contains(&run[i]) || JOINERS.contains(&run[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < run.len() && j - i < MAX_ONE_WORD && self.occurrences_of(&run[i..=j]) > 0 {
                j += 1;
            }
            // 自然灾还防治: a word of three characters or more cut short by a slip in the next
            // one (自然灾害), when that is no grammar (流动人口的 stays 流动人口 + 的).
            let slip = j >= i + 3 && j < run.len() && !FUNCTION_CHARS.contains(&run[j]) && !JOINERS.contains(&run[j]);
            let keeps_start = |f: &String| f.chars().zip(&run[i..j]).all(|(a, b)| a == *b);
            let sounded = if j >= i + 2 && j < run.len() { self.sounded_slip(&run[i..=j]).filter(keeps_start) } else { None };
            // (With the pinyin table, only a slip of the same sound: 告陷害别人 is no slip of
            // 告陷害的.)
            let mut fixed = match slip {
                false => None,
                true if self.pinyin.is_empty() => self.mistyped_topic(&run[i..=j]).filter(keeps_start),
                true => sounded.clone(),
            };
            // 社会信用管里, 多网和一: the same syllable typed after a word of two or more, where
            // a grammar word could stand as well.
            if fixed.is_none() {
                fixed = sounded;
            }
            // Either slip, then as far as the printed phrase goes on (电信网络炸骗 → 电信网络诈 →
            // 电信网络诈骗).
            let fixed = fixed.map(|f| {
                let mut word: Vec<char> = f.chars().collect();
                let mut k = j + 1;
                while k < run.len() && word.len() < MAX_ONE_WORD && self.occurrences_of(&[&word[..], &run[k..=k]].concat()) > 0 {
                    word.push(run[k]);
                    k += 1;
                }
                word.into_iter().collect::<String>()
            });
            if let Some(fixed) = fixed {
                let len = fixed.chars().count();
                words.push(fixed);
                covered += len;
                i += len;
            } else if j > i + 1 {
                // 发帖污告陷害别人: a piece the plans print only inside a longer word (告陷害 in
                // 诬告陷害), cut short by a slip of the character before it. (去窗口 stays 去 +
                // 窗口, which stands alone.)
                // (A word of four or more: 不方便 is no slip of 进一步方便's 步方便.)
                let before = i.checked_sub(1).filter(|_| j - i >= 3).and_then(|b| {
                    self.sounded_slip(&run[b..j]).filter(|f| {
                        let f: Vec<char> = f.chars().collect();
                        f[1..] == run[i..j] && self.occurrences_of(&run[i..j]) <= self.occurrences_of(&f)
                    })
                });
                let piece = before.unwrap_or_else(|| run[i..j].iter().collect());
                covered += piece.chars().count();
                words.push(piece);
                i = j;
            } else {
                i += 1;
            }
        }
        // (非现场监管的接口: one word the plans print, then 的 and what of it they lack, is
        // about that word; not a word inside the run, 村民委员会的选举 none about 委员会.)
        let of_it = words.len() == 1 && {
            let w: Vec<char> = words[0].chars().collect();
            w.len() >= 3 && run.len() > w.len() && run[..w.len()] == w[..] && run[w.len()] == '的'
        };
        if !sentence && !of_it && (words.len() < 2 || covered * 2 < run.len()) {
            return None;
        }
        words.into_iter().max_by_key(|w| self.weight(w))
    }

    /// How specific a topic word is: its length, then how rarely the corpus holds it.
    fn weight(&self, word: &str) -> (usize, usize) {
        let c: Vec<char> = word.chars().collect();
        (c.len(), usize::MAX - self.occurrences_of(&c))
    }

    /// The words of one typed topic without the general verbs no measure holds together with
    /// the rest (枫桥经验推广: the plans say 坚持和发展“枫桥经验”, never 推广 beside it). A verb
    /// dropped so is said in the answer, never silently.
    fn without_idle_verbs(&self, words: Vec<String>, r: &mut Reading) -> Vec<String> {
        let is_idle = |w: &String| IDLE_VERBS.contains(&w.as_str());
        if words.len() < 2 || !words.iter().any(is_idle) || words.iter().all(is_idle) {
            return words;
        }
        if !self.keyword_search(&words, &r.places, &r.plans).rows.is_empty() {
            return words;
        }
        let (idle, kept): (Vec<String>, Vec<String>) = words.into_iter().partition(is_idle);
        r.relaxed.push((idle, kept.clone()));
        kept
    }

    /// `core`, trimmed out of `run`, with the filler after it put back up to a word that also
    /// ends terms (权责清单, 证明事项, 社会责任清单: 责任 and 清单 are filler too) when the corpus
    /// holds the longer phrase. Only after a two-character core: a longer one is a topic of its
    /// own (行政决策事项 asks about 行政决策).
    fn with_term_ending<'c>(&self, run: &'c [char], core: &'c [char]) -> &'c [char] {
        // (讲应急: a verb before the two characters, 有没有讲应急举措的, is no part of the term.)
        let verb = usize::from(core.len() == 3 && TOPIC_VERBS.contains(&core[0]));
        if core.len() - verb != 2 {
            return core;
        }
        // `core` is a subslice of `run` (strip_filler only narrows it).
        let from = (core.as_ptr() as usize - run.as_ptr() as usize) / std::mem::size_of::<char>() + verb;
        let end = from + 2;
        for e in (end + 2..=run.len()).rev() {
            if TERM_ENDINGS.iter().any(|w| run[e - 2..e] == *w) && self.occurrences_of(&run[from..e]) > 0 {
                return &run[from..e];
            }
        }
        core
    }

    /// Whether some measure's title or text contains `phrase`.
    fn occurs(&self, phrase: &str) -> bool {
        self.text_index().contains(&fold_phrase(phrase))
    }

    /// How often `phrase` occurs in the corpus's titles and texts.
    fn occurrences_of(&self, phrase: &[char]) -> usize {
        self.text_index().count(&fold_chars(phrase))
    }

    /// A topic as its words: a run the corpus holds, of up to [`MAX_ONE_WORD`] characters, is
    /// one word; a longer run, or one the corpus does not hold, is read as the fewest pieces the
    /// corpus holds (two at least for a long run), with joiners (的、和…) between pieces dropped.
    /// Among splits into as many pieces, the one whose cuts look most like word boundaries wins.
    /// `None` when no split covers the run.
    ///
    /// A cut is scored by how freely its less free side occurs without the character across the
    /// cut (occurrences of 合法性审查 over those of 策合法性审查): at a true boundary both sides
    /// occur in many other places; inside a word (重大行政决|策…) one side never occurs apart.
    /// Written by hand: Chinese segmenters (jieba-rs and kin) carry multi-megabyte general
    /// dictionaries, too large for the browser build, and would not know this corpus's terms.
    fn segment(&self, s: &[char]) -> Option<Vec<String>> {
        // Words of a long topic are short words first; a longer piece only when nothing else fits.
        self.split_words(s, MAX_ONE_WORD).or_else(|| self.split_words(s, MAX_SEGMENTED))
    }

    /// [`Engine::segment`] with pieces of at most `max_piece` characters.
    fn split_words(&self, s: &[char], max_piece: usize) -> Option<Vec<String>> {
        let n = s.len();
        if !(2..=MAX_SEGMENTED).contains(&n) {
            return None;
        }
        let mut occ: Vec<Vec<usize>> = vec![vec![0; n + 1]; n + 1];
        for (i, row) in occ.iter_mut().enumerate() {
            for j in i + 2..=n {
                row[j] = self.occurrences_of(&s[i..j]);
                if row[j] == 0 {
                    break; // longer pieces from here hold this one
                }
            }
        }
        let whole_ok = n <= MAX_ONE_WORD;
        if whole_ok && occ[0][n] > 0 {
            return Some(vec![s.iter().collect()]);
        }
        // The freedom of a cut between s[..k] and s[right..] (right = k, or k + 1 past a joiner).
        // A piece grown by one character across the cut has three characters or more: its count
        // is in `occ` already (a zero past a row's first zero is exact, as a run holding a piece
        // the corpus lacks occurs nowhere either), not counted again.
        let ext = |i: usize, j: usize| {
            if j > n || i >= j {
                0
            } else if j >= i + 2 {
                debug_assert_eq!(occ[i][j], self.occurrences_of(&s[i..j]));
                occ[i][j]
            } else {
                self.occurrences_of(&s[i..j])
            }
        };
        let cut_score = |from: usize, k: usize, right: usize, to: usize| -> f64 {
            let free_a = occ[from][k] as f64 / ext(from, k + 1).max(1) as f64;
            let free_b = occ[right][to] as f64 / ext(right - 1, to).max(1) as f64;
            free_a.min(free_b).ln()
        };
        // best[j]: fewest pieces covering s[..j], best summed cut score, and the step taken:
        // (pieces, score, piece start, previous end).
        let mut best: Vec<Option<(usize, f64, usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0.0, 0, 0));
        for j in 2..=n {
            for (i, row) in occ.iter().enumerate().take(j - 1) {
                // (A piece of several holds no 的: 劳动争议的行政调解 is 劳动争议 + 行政调解, and
                // 长江保护法的学习宣传 no 长江保护 + 法的学习宣传, though the plans print both.)
                let whole = i == 0 && j == n;
                if row[j] == 0 || (whole && !whole_ok) || j - i > max_piece || (!whole && s[i..j].contains(&'的')) {
                    continue;
                }
                // (人民监督员制度: a word of aspect is cut off whole, 人民监督员 + 制度 rather than
                // 人民 + 监督员制度, so that it can be left out.)
                let aspect_cut = if is_aspect(&s[i..j].iter().collect::<String>()) { ASPECT_CUT } else { 0.0 };
                // The piece s[i..j] follows a piece ending at i, or at i - 1 with a joiner between.
                for prev in [i, i.wrapping_sub(1)] {
                    if prev > i || (prev < i && !JOINERS.contains(&s[prev])) {
                        continue;
                    }
                    let Some((pieces, score, from, _)) = best[prev] else { continue };
                    if prev == 0 && i != 0 {
                        continue;
                    }
                    let score = aspect_cut + if prev == 0 { score } else { score + cut_score(from, prev, i, j) };
                    let cand = (pieces + 1, score, i, prev);
                    let better = match best[j] {
                        None => true,
                        Some((p, sc, start, _)) => {
                            cand.0 < p
                                || (cand.0 == p
                                    && (score > sc + CLOSE_CUTS || (score > sc - CLOSE_CUTS && (j - i).min(i) > (j - start).min(start))))
                        }
                    };
                    if better {
                        best[j] = Some(cand);
                    }
                }
            }
        }
        let mut words = Vec::new();
        let mut j = n;
        while j > 0 {
            let (_, _, i, prev) = best[j]?;
            words.push(s[i..j].iter().collect::<String>());
            j = prev;
        }
        words.reverse();
        Some(words)
    }

    /// Units named by their stem (人社 → 人社局), or several joined (人社和财政): each part the
    /// name of a unit without its last character (局, 委, 办), as (typed, form read, units).
    /// Or a unit named by the tail of its name (大数据局 → 政务服务和大数据局) when one unit's
    /// name ends so. `None` unless every part is read.
    fn units_by_stem(&self, s: &[char]) -> Option<Vec<(String, String, Vec<UnitId>)>> {
        let mut out = Vec::new();
        for part in s.split(|c| matches!(c, '和' | '与' | '及' | '跟' | '同')) {
            if !(2..=super::suggest::MAX_NAME_CHARS).contains(&part.len()) {
                return None;
            }
            let typed: String = part.iter().collect();
            let found = UNIT_ENDINGS.iter().find_map(|&end| {
                let mut form = part.to_vec();
                form.push(end);
                let t = self.lexicon.get(&form).filter(|t| !t.units.is_empty())?;
                Some((form.iter().collect::<String>(), t.units.clone()))
            });
            let found = found.or_else(|| self.unit_by_tail(part));
            let (form, mut units) = found?;
            units.sort_unstable();
            units.dedup();
            out.push((typed, form, units));
        }
        Some(out)
    }

    /// The one unit whose name ends in `tail` (three characters or more, ending as unit names
    /// end): 大数据局 → 区政务服务和大数据局.
    fn unit_by_tail(&self, tail: &[char]) -> Option<(String, Vec<UnitId>)> {
        if tail.len() < 3 || !tail.last().is_some_and(|c| UNIT_ENDINGS.contains(c)) {
            return None;
        }
        self.one_unit_form(&|f| f.len() > tail.len() && f.ends_with(tail))
    }

    /// The one unit name form within one edit of `s` (3 chars or more), when every such form
    /// denotes the same units.
    fn one_typo_away(&self, s: &[char]) -> Option<(String, Vec<UnitId>)> {
        if s.len() < 3 || s.len() > super::suggest::MAX_NAME_CHARS {
            return None;
        }
        self.one_unit_form(&|f| super::suggest::within_one_edit(f, s))
    }

    /// The units (in `places`, when the question names any) that `s` abbreviates as Chinese
    /// names are shortened: some of the name's characters, in order, ending as it ends (政数局 →
    /// 区政务服务和大数据局, 文旅局 → 区文化旅游广电体育局, 发研中心 → 县政府发展研究中心). At most
    /// one unit per place: with no place named, 审批局 is every place's 行政审批局, as a name
    /// without its level is. Returns the form read (the units' names for several places).
    fn unit_by_abbreviation(&self, s: &[char], places: &[PlaceId]) -> Option<(String, Vec<UnitId>)> {
        if s.len() < 2 || s.len() > super::suggest::MAX_NAME_CHARS {
            return None;
        }
        let abbreviates = |f: &[char]| {
            let mut rest = f.iter();
            f.len() > s.len() && f.last() == s.last() && s.iter().all(|c| rest.any(|x| x == c))
        };
        let mut name = None;
        let mut units: Vec<UnitId> = Vec::new();
        for (_, form, ids) in self.unit_forms().forms.iter().filter(|(f, _, _)| abbreviates(f)) {
            let before = units.len();
            units.extend(ids.iter().filter(|&&u| places.is_empty() || places.contains(&self.dir.units[u as usize].place)));
            if units.len() > before {
                name.get_or_insert(form);
            }
        }
        let name = name?;
        units.sort_unstable();
        units.dedup();
        // (Linear checks, not sorts: each sort of a new element type is code the browser loads.)
        let mut seen: Vec<PlaceId> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        for &u in &units {
            let unit = &self.dir.units[u as usize];
            if seen.contains(&unit.place) {
                return None;
            }
            seen.push(unit.place);
            if !names.contains(&unit.name.as_str()) {
                names.push(&unit.name);
            }
        }
        if units.len() == 1 {
            return Some((name.clone(), units));
        }
        Some((names.join("、"), units))
    }

    /// The form and units of the unit forms `matches` picks, when they all name the same units.
    fn one_unit_form(&self, matches: &dyn Fn(&[char]) -> bool) -> Option<(String, Vec<UnitId>)> {
        let mut found: Option<&(Vec<char>, String, Vec<UnitId>)> = None;
        for form in self.unit_forms().forms.iter().filter(|(f, _, _)| matches(f)) {
            match found {
                Some(first) if first.2 != form.2 => return None,
                Some(_) => {}
                None => found = Some(form),
            }
        }
        found.map(|(_, name, units)| (name.clone(), units.clone()))
    }
}

fn add_plans(to: &mut Vec<u32>, plans: Vec<u32>) {
    for p in plans {
        if !to.contains(&p) {
            to.push(p);
        }
    }
}

/// Whether `needle` is `title`'s text in at most `pieces` in-order pieces, each of two or more
/// characters (the longest piece taken first at each step).
/// A needle of [`LONG_PLAN_NAME`] characters or more may also hold one character the title does
/// not (a typo, or 规划 typed where the title prints 规化).
fn holds_in_pieces(title: &[char], needle: &[char], pieces: usize) -> bool {
    let (mut from, mut at) = (0, 0);
    let mut typo = needle.len() >= LONG_PLAN_NAME;
    let mut taken = 0;
    while taken < pieces {
        if at == needle.len() {
            return true;
        }
        let rest = &title[from..];
        let mut best = None;
        for len in (2..=needle.len() - at).rev() {
            if let Some(k) = rest.windows(len).position(|w| w == &needle[at..at + len]) {
                best = Some((len, k));
                break;
            }
        }
        match best {
            Some((len, k)) => {
                at += len;
                from += k + len;
                taken += 1;
            }
            // Inside the name only: a first or last character the title lacks is a word of
            // the question (在…, …局), not a typo.
            None if typo && at > 0 && at + 1 < needle.len() => {
                typo = false;
                at += 1;
            }
            None => return false,
        }
    }
    at == needle.len()
}

/// Length from which a typed plan name may hold one character its title does not.
const LONG_PLAN_NAME: usize = 8;

#[cfg(test)]
mod tests {
    use super::holds_in_pieces;
    use crate::query::Family;

    /// A quote names plans only when it is four or more characters ending in a plan word and
    /// some title holds it; any other quote is exact text to search for.
    #[test]
    fn quotes_name_plans_only_when_they_end_in_a_plan_word() {
        let engine = crate::query::Engine::over_default_corpus();
        let titles = |r: &super::Reading| r.plans.iter().map(|&p| engine.plans[p as usize].as_str()).collect::<Vec<_>>();

        // Four of the default plans hold 法治政府建设实施方案 (资阳区's 实施细则 quotes it).
        let r = engine.read("《法治政府建设实施方案》里区司法局牵头哪些任务");
        let t = titles(&r);
        assert_eq!(t.len(), 4, "{t:?}");
        assert!(t.iter().all(|t| t.contains("法治政府建设实施方案")), "{t:?}");
        assert!(r.quoted.is_empty(), "{:?}", r.quoted);
        // In pieces: 法治下陆建设规划 is 《法治下陆建设规划(2021-2025年)》重要举措分工方案.
        let r = engine.read("“法治下陆建设分工方案”");
        assert_eq!(titles(&r), ["《法治下陆建设规划(2021-2025年)》重要举措分工方案"]);

        // No plan word, too short, or no title holds it: exact text.
        for (q, text) in [("“法治政府建设”", "法治政府建设"), ("“方案”", "方案"), ("“营商环境优化方案”", "营商环境优化方案")]
        {
            let r = engine.read(q);
            assert!(r.plans.is_empty(), "{q}: {:?}", titles(&r));
            assert_eq!(r.quoted, [text], "{q}");
        }
    }

    /// The everyday wording the fourth blind set showed, each read by its rule on the default
    /// corpus (one county, two districts, one city).
    #[test]
    fn everyday_wording_reads_by_rule() {
        let mut engine = crate::query::Engine::over_default_corpus();
        engine.set_everyday_terms(crate::query::everyday::EverydayTerms::default_list());
        let places = |r: &super::Reading| r.places.iter().map(|&p| engine.place_name(p)).collect::<Vec<_>>();
        // The one county is 县里; two districts make 区里 name neither.
        assert_eq!(places(&engine.read("县里普法这事儿归哪个部门")), ["宁远县"]);
        assert!(engine.read("区里普法归哪个部门").places.is_empty());
        // 既A又B frames two topics; a general verb no measure holds with the rest is dropped, and said.
        assert_eq!(engine.read("既涉及人民调解又涉及行政复议的任务谁牵头").topics, ["人民调解", "行政复议"]);
        // A verb of mention before a topic the plans hold (讲, 提, 写, 谈) is no part of it; a
        // printed word that begins so stays whole.
        assert_eq!(engine.read("方案里有没有写营商环境的").topics, ["营商环境"]);
        assert_eq!(engine.read("谈行政复议的任务谁牵头").topics, ["行政复议"]);
        assert_eq!(engine.read("讲师团归谁管").topics, ["讲师团"]);
        assert_eq!(engine.read("区司法局牵头的里面，有讲行政复议的吗").topics, ["行政复议"]);
        let r = engine.read("枫桥经验推广工作哪家牵头");
        assert_eq!((r.topics.as_slice(), r.relaxed.len()), (["枫桥经验".to_string()].as_slice(), 1));
        // A stem (人社 → 人社局), two joined, a name's tail, a role word one character off.
        let r = engine.read("人社和财政都参与的任务");
        let read: Vec<&str> = r.groups.iter().map(|g| g.text.as_str()).collect();
        assert_eq!((read.as_slice(), r.all), (["人社局", "财政局"].as_slice(), true));
        assert_eq!(engine.read("下陆区大数据局牵头了哪些").groups[0].text, "区政务服务和大数据局");
        assert_eq!(engine.read("区司法局牵投的任务").family, Some(Family::Lead));
        // Greetings, self-reference, brackets and pictographs are no words of the question.
        for q in ["您好，麻烦问一下区民政局参与的工作有哪些，谢谢", "我们局（区司法局）牵头的任务", "区委宣传部参与了哪些任务🙏"]
        {
            let r = engine.read(q);
            assert!(r.unknown.is_empty() && r.topics.is_empty(), "{q}: {:?} {:?}", r.unknown, r.topics);
        }
        // A negated role word asks nothing; lead and join side by side ask every role; a place
        // in the list (排在第一位) is the lead family; 分工 is every role unless a role word says.
        assert_eq!(engine.read("区财政局不是牵头、只是配合的任务").family, Some(Family::Join));
        for q in ["区司法局不牵头的任务", "区司法局不是牵头单位的任务", "区司法局参与但不牵头的任务", "我在区司法局，不是我们牵头的任务"]
        {
            assert_eq!(engine.read(q).family, Some(Family::Join), "{q}");
        }
        assert_eq!(engine.read("区民政局牵头哪些?配合哪些?").family, Some(Family::Any));
        assert_eq!(engine.read("责任单位排第一位的是区司法局的任务").family, Some(Family::Lead));
        assert_eq!(engine.read("县财政局的分工情况").family, Some(Family::Any));
        assert_eq!(engine.read("法治下陆建设规划的分工中，区委政法委牵头的").family, Some(Family::Lead));
        assert_eq!(engine.read("网络安全方面区委网信办是不是牵头单位").family, Some(Family::Lead));
        // A year filters nothing; a person's title holding a unit name names no unit.
        let r = engine.read("２０２４年区司法局牵头的工作");
        assert!(r.topics.is_empty() && r.unknown.is_empty(), "{:?} {:?}", r.topics, r.unknown);
        assert!(engine.read("政协委员提问：知识产权的事有哪些单位在配合").groups.is_empty());
        // A typed plan name with its years in full-width digits, or pointed at (那个细则).
        assert_eq!(engine.read("宁远县法治政府建设实施方案（２０２１－２０２５年）里县公安局牵头的").plans.len(), 1);
        assert_eq!(engine.read("法治湖南那个细则里区人民检察院配合了啥").plans.len(), 1);
        // Everyday words for a plan term (上访 → 信访) are read as the term, and said; a word the
        // corpus holds itself is never replaced.
        let r = engine.read("老百姓上访的事情是哪个部门牵头");
        assert_eq!((r.topics.as_slice(), r.corrected.len()), (["信访".to_string()].as_slice(), 1));
        assert_eq!(engine.read("信息共享谁牵头").topics, ["信息共享"]);
        // A general verb beside a role word is its verb; an opening clause naming nothing the
        // corpus holds is a lead-in, said but not a filter.
        assert!(engine.read("行政复议由哪个部门牵头处理").topics == ["行政复议"]);
        let r = engine.read("考核用：县委依法治县办牵头的任务有多少项");
        assert_eq!((r.lead_in.as_slice(), r.unknown.len()), (["考核用".to_string()].as_slice(), 0));
        // Any clause of such words only, beside clauses that ask, likewise (…，稿子里要写); words
        // not understood inside a clause that asks stay said as such.
        let r = engine.read("县委依法治县办，考核用：牵头的任务");
        assert_eq!((r.lead_in.as_slice(), r.unknown.len()), (["考核用".to_string()].as_slice(), 0));
        let r = engine.read("县工商联参与的事项有哪些，稿子里要写清楚");
        assert_eq!((r.lead_in.len(), r.unknown.len(), r.groups.len()), (1, 0, 1));
        assert_eq!(engine.read("县委依法治县办考核用牵头的任务").unknown, ["考核用"]);
        // A self-introduction is context, its names still count.
        let r = engine.read("我是做课题的，想看看宁远县哪些任务跟政府信息公开有关");
        assert_eq!((r.topics.as_slice(), places(&r)), (["政府信息公开".to_string()].as_slice(), vec!["宁远县"]));
        assert_eq!(engine.read("我在区司法局上班，我们局牵头哪些任务").groups.len(), 1);
        // A unit named by some of its name's characters, in order, in the place asked about.
        assert_eq!(engine.read("下陆区政数局牵头啥").groups[0].text, "区政务服务和大数据局");
        assert_eq!(engine.read("宁远发研中心配合哪些工作").groups[0].text, "县政府发展研究中心");
        // With no place named: every place's unit so abbreviated, one each (never 审计局, a typo
        // reading).
        let g = &engine.read("审批局牵头多少项").groups[0];
        assert_eq!((g.text.as_str(), g.units.len()), ("区行政审批局、市行政审批服务局、县行政审批局", 4));
    }

    #[test]
    fn quoted_topics_stay_and_other_words_are_relaxed_around_them() {
        let engine = crate::query::Engine::over_default_corpus();
        // A comment clause's printed word (动人) does not empty a quoted topic's answer.
        let r = engine.read("“社区吹哨、党员报到”这个机制是谁牵头的？片区里有事总叫不动人");
        assert_eq!(r.topics, ["社区吹哨、党员报到"]);
        assert_eq!(r.relaxed.len(), 1, "said as left out: {r:?}");
        // A quoted list the plans do not print as typed is read as the list typed without quotes.
        let (quoted, bare) = (engine.read("“普法、依法治理”谁负责"), engine.read("普法、依法治理谁负责"));
        assert_eq!((quoted.topics, quoted.relaxed), (bare.topics, bare.relaxed));
        assert_eq!(engine.read("“行政复议、人民调解”谁牵头").topics, ["行政复议", "人民调解"]);
        // Quoted words no measure holds together stay as typed: the answer says none holds them.
        assert_eq!(engine.read("“一窗受理”“预约可办”谁牵头").topics, ["一窗受理", "预约可办"]);
    }

    #[test]
    fn a_places_plans_in_general_are_the_place() {
        let engine = crate::query::Engine::over_default_corpus();
        // 资阳区 has two plans, one titled …方案: 资阳区的方案 means both, i.e. the place.
        for q in ["资阳区的方案里提没提宪法广场", "资阳区方案中提及“宪法广场”的有哪些"] {
            let r = engine.read(q);
            assert!(r.plans.is_empty() && r.places.len() == 1 && r.unknown.is_empty(), "{q}: {r:?}");
            assert_eq!(r.topics, ["宪法广场"], "{q}");
        }
        // A title's own words still name that plan.
        assert_eq!(engine.read("法治湖南建设实施细则里区司法局牵头的").plans.len(), 1);
    }

    #[test]
    fn a_quoted_topics_frame_and_a_bracketed_remark_are_context() {
        let engine = crate::query::Engine::over_default_corpus();
        for (q, topic) in [("“净网”行动是哪个部门牵头的", "净网"), ("构建“亲清政商关系”是哪个部门牵头", "亲清政商关系")]
        {
            let r = engine.read(q);
            assert_eq!(r.topics, [topic], "{q}");
            assert_eq!(r.relaxed.len(), 1, "{q}: said as left out");
        }
        // Unquoted, 行动 stays a word of the topic.
        assert!(engine.read("净网行动是哪个部门牵头的").topics.len() <= 2);
        let r = engine.read("縣委網信辦牽頭哪些（繁體字幕稿）");
        assert_eq!((r.lead_in.as_slice(), r.unknown.len(), r.groups.len()), (["繁体字幕稿".to_string()].as_slice(), 0, 1));
        // Brackets the plans print in a name stay part of it.
        let r = engine.read("各乡镇(街道)参与哪些");
        assert!(r.lead_in.is_empty() && r.groups.len() == 1, "{r:?}");
    }

    #[test]
    fn a_comment_clause_naming_only_a_place_is_context() {
        let engine = crate::query::Engine::over_default_corpus();
        let r = engine.read("县信访局配合哪些？有位案主在宁远，老去上访");
        assert!(r.unknown.is_empty() && r.topics.is_empty() && r.groups.len() == 1, "{r:?}");
        assert_eq!(r.places.len(), 1, "its place still scopes the question");
        // A clause naming a place and a topic asks about the topic there.
        assert_eq!(engine.read("下陆区的行政复议，谁牵头").topics, ["行政复议"]);
    }

    #[test]
    fn a_date_or_time_is_when_the_asker_needs_it_not_a_topic() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        for (s, n) in [
            ("12月4号前", 6),
            ("3月份之前区", 5),
            ("十二月四日上午", 7),
            ("下午3点开会", 4),
            ("12月底前", 5),
            ("4号", 2),
            ("三个地方", 0),
            ("12·4", 0),
        ] {
            assert_eq!(super::date_len(&chars(s)), n, "{s}");
        }
        let engine = crate::query::Engine::over_default_corpus();
        assert_eq!(engine.read("十二月四日的宪法宣传周谁牵头").topics, ["宪法宣传周"]);
        for q in ["3月份之前区财政局要配合哪些工作", "下午3点开会，区司法局牵头哪些", "区司法局12月底前牵头的"]
        {
            let r = engine.read(q);
            assert!(r.topics.is_empty() && r.unknown.is_empty() && r.groups.len() == 1, "{q}: {r:?}");
        }
    }

    #[test]
    fn a_topic_one_character_off_is_read_as_the_printed_one() {
        let engine = crate::query::Engine::over_default_corpus();
        // Homophone slips inside a term, and at its end where the rest never stands alone.
        for (typed, printed) in [("行政付议", "行政复议"), ("人民条解", "人民调解"), ("公益诉松", "公益诉讼"), ("权责青单", "权责清单")]
        {
            let r = engine.read(&format!("{typed}谁牵头"));
            assert_eq!(r.topics, [printed], "{typed}");
            assert_eq!(r.corrected, [(typed.to_string(), printed.to_string())], "{typed}: said on screen");
        }
        // A bare search too, though it is otherwise taken as typed.
        assert_eq!(engine.read("法律原助").topics, ["法律援助"]);
        // 上 + 黑名单, not 红黑名单: 黑名单 stands alone more often than inside 红黑名单.
        assert!(engine.read("上黑名单的事是谁在牵头").corrected.is_empty());
        // 三个地方的司法局, 分别在哪几个方案: how many places or plans, beside a unit, filters nothing.
        assert!(engine.read("三个地方的司法局牵头的任务加起来多少").topics.is_empty());
        assert!(engine.read("区政务服务和大数据局牵头的任务分别在哪几个方案").topics.is_empty());
        // Three characters: only a middle slip (考核用 is 考核 + 用, not 考核评).
        assert!(engine.read("考核用：县委依法治县办牵头的任务有多少项").topics.is_empty());
        // A phrase the corpus holds is never corrected.
        assert_eq!(engine.read("行政复议谁牵头").corrected, []);
    }

    #[test]
    fn an_input_method_slip_is_read_by_its_sound_at_an_edge_too() {
        let engine = crate::query::Engine::over_default_corpus();
        // The same syllable, another character: at the end of a phrase, after a word of two
        // (多网和一), in place of a grammar word (社会信用管里), in quotes (“好差平”).
        for (q, printed) in [
            ("正能亮这事是谁牵头的", "正能量"),
            ("12月4号那个宪法宣传州谁牵头", "宪法宣传周"),
            ("社会信用管里谁牵头", "社会信用管理"),
            ("村里的网格要搞多网和一，这个事是哪些部门在搞", "多网合一"),
            ("“好差平”是谁负责的", "好差评"),
            // (Inside a phrase, then as far as the printed phrase goes on.)
            ("电信网络炸骗的宣传谁负责", "电信网络诈骗"),
        ] {
            let r = engine.read(q);
            assert_eq!(r.topics, [printed], "{q}");
            assert!(!r.corrected.is_empty() || r.topics == [printed], "{q}: said on screen");
        }
        assert_eq!(engine.read("“好差平”是谁负责的").corrected, [("好差平".to_string(), "好差评".to_string())]);
        // A grammar word after a topic that stands alone is that word (行政复议 + 和 + 调解).
        assert_eq!(engine.read("行政复议和调解谁牵头").topics, ["行政复议", "调解"]);
        // A topic word inside another the plans print is not asked twice (…人员的管理: 人员),
        // nor said as read.
        let mut with_words = crate::query::Engine::over_default_corpus();
        with_words.set_everyday_terms(crate::query::everyday::EverydayTerms::default_list());
        let r = with_words.read("我们辅警这种执法辅助人员的管理是哪个部门牵头的啊");
        assert_eq!(r.topics, ["执法辅助人员"]);
        assert!(r.corrected.iter().all(|(_, read)| read != "人员"), "{:?}", r.corrected);
        // In a sentence about a topic: a slip of the character before a piece the plans print
        // only inside a word (诬告陷害), and only slips of the same sound (告陷害别人 is no
        // 告陷害的).
        assert_eq!(engine.read("有楼主发帖污告陷害别人，这种事归哪些部门负责").topics, ["诬告陷害"]);
        // A clause of words only before a mistyped unit's name is context, as before a printed one.
        let r = engine.read("夜班刚下，资阳区公按分局负责哪些");
        assert_eq!((r.groups.len(), r.topics.len(), r.lead_in.as_slice()), (1, 0, ["夜班刚下".to_string()].as_slice()));
        // Without the table an edge slip is not read (it could be a word beside a word).
        let mut no_table = crate::query::Engine::over_default_corpus();
        no_table.set_pinyin(crate::query::pinyin::Pinyin::default());
        assert_eq!(no_table.read("正能亮这事是谁牵头的").topics, ["正能亮"]);
    }

    #[test]
    fn topic_words_no_measure_holds_together_are_relaxed_and_said() {
        let engine = crate::query::Engine::over_default_corpus();
        // 居民公约 is printed; no measure says 制定 beside it.
        let r = engine.read("居民公约制定由哪个部门牵头");
        assert_eq!(r.topics, ["居民公约"]);
        assert_eq!(r.relaxed, [(vec!["制定".to_string()], vec!["居民公约".to_string()])]);
        // Words some measure holds together stay together.
        let r = engine.read("行政复议和行政应诉由谁牵头");
        assert!(r.relaxed.is_empty(), "{r:?}");
        // A unit's question keeps its words: the unit may rightly have no such measure.
        let r = engine.read("区司法局牵头的居民公约制定工作");
        assert!(r.relaxed.is_empty(), "{r:?}");
    }

    #[test]
    fn a_search_box_phrase_the_plans_do_not_print_is_read_for_its_topic() {
        let engine = crate::query::Engine::over_default_corpus();
        // No question word, but not printed as typed: its filler is trimmed as in a question.
        for q in ["行政复议的任务", "行政复议任务", "有关行政复议", "关于行政复议的任务", "行政复议方面的任务"]
        {
            let r = engine.read(q);
            assert!(r.topics == ["行政复议"] && r.unknown.is_empty(), "{q}: {r:?}");
        }
        // Words the plans print, one or several, are found as typed.
        assert_eq!(engine.read("深化公共法律服务体系 建设").topics, ["深化公共法律服务体系", "建设"]);
        assert_eq!(engine.read("运用新媒体新技术").topics, ["运用新媒体新技术"]);
    }

    #[test]
    fn sentences_about_a_topic_read_as_the_topic() {
        let engine = crate::query::Engine::over_default_corpus();
        let said = |q: &str| {
            let r = engine.read(q);
            (r.topics.clone(), r.corrected.iter().map(|(_, read)| read.clone()).collect::<Vec<_>>())
        };
        // A sentence the plans hold neither whole nor in pieces: its longest, rarest word, said.
        for (q, topic) in [
            ("网上有人传播邪教信息谁来管", "邪教"),
            ("在外地想跨省通办业务 是哪个部门负责", "跨省通办"),
            ("就是那个自然灾还防治谁牵头", "自然灾害"),
        ] {
            assert_eq!(said(q), (vec![topic.to_string()], vec![topic.to_string()]), "{q}");
        }
        // A name the plans lack is no question about one of its words.
        assert_eq!(said("村民委员会有哪些任务").1, Vec::<String>::new());
        assert_eq!(said("区大数据中心牵头哪些任务").1, Vec::<String>::new());
        // The verb ending a who-question is what the units do (纠纷由哪些部门调解); alone it is
        // still the topic.
        let r = engine.read("拖欠农民工工资的纠纷由哪些部门调解");
        assert_eq!(r.relaxed, [(vec!["拖欠".to_string(), "纠纷".to_string()], vec!["农民工工资".to_string()])]);
        assert_eq!(engine.read("人大代表相关的事谁牵头组织").topics, ["人大代表"]);
        assert_eq!(engine.read("谁负责调解").topics, ["调解"]);
        // Pieces of a long topic: none holds 的, and a piece that is filler alone is dropped.
        assert_eq!(engine.read("劳动争议的行政调解是哪些部门在做").topics, ["劳动争议", "行政调解"]);
        assert_eq!(engine.read("债务融资领域的政务失信由谁牵头").topics, ["债务融资", "政务失信"]);
        // Filler after a two-character word is put back up to a term ending the plans print.
        assert_eq!(engine.read("区国资局在社会责任清单这件事上是牵头吗").topics, ["社会责任清单"]);
        // Words of aspect beside a topic's own words are left out, and said; a phrase the plans
        // print as one word keeps them (体制改革 is no aspect of 行政复议).
        assert_eq!(said("人民监督员制度的完善由哪个部门负责"), (vec!["人民监督员".to_string()], vec!["人民监督员".to_string()]));
        assert_eq!(said("自然灾害的应对防范是哪些部门在牵头").0, ["自然灾害"]);
        assert_eq!(engine.read("行政复议体制改革由哪个部门牵头").topics, ["行政复议", "体制改革"]);
        // What a caller reports is a sentence: its word, however little of it the plans cover.
        assert_eq!(said("外地企业打进来说在咱们这儿投标碰到地方保护，这事转哪个单位").0, ["地方保护"]);
        assert_eq!(said("游客来电说景区宰客，旅游这块的执法归哪些部门管").0, ["旅游"]);
    }

    #[test]
    fn clauses_that_explain_the_question_are_set_aside() {
        // …unless they hold all the question asks about.
        let engine0 = crate::query::Engine::over_default_corpus();
        let r = engine0.read("我注意到区司法局牵头了普法，具体是哪些？");
        // (我注意到 is the asker's own story, said as context.)
        assert_eq!(
            (r.groups.len(), r.topics.as_slice(), r.lead_in.as_slice()),
            (1, ["普法".to_string()].as_slice(), ["我注意到".to_string()].as_slice())
        );
        let engine = crate::query::Engine::over_default_corpus();
        let places = |r: &super::Reading| r.places.iter().map(|&p| engine.place_name(p).to_string()).collect::<Vec<_>>();
        // An opening clause: its places scope the question, its units and words do not.
        let r = engine.read("为了比较资阳区和下陆区两个区的民政部门，请问区民政局在两地分别负责哪些任务？");
        assert_eq!(
            (places(&r), r.groups.len(), r.topics.len(), r.lead_in.len()),
            (vec!["资阳区".to_string(), "下陆区".to_string()], 1, 0, 1)
        );
        let r = engine.read("考虑到依法治县办是协调机构、组织部管考核，县委依法治县办和县委组织部同时牵头的事项有哪些？");
        assert_eq!((r.groups.len(), r.all, r.family), (2, true, Some(Family::Lead)));
        // A closing one: nothing of it counts (以便和资阳区比较 is no scope).
        let r = engine.read("宁远县县行政审批局在方案里总共牵头了多少项，以便和资阳区比较？");
        assert_eq!((places(&r), r.lead_in.len()), (vec!["宁远县".to_string()], 1));
        // A question of one clause is never set aside.
        assert!(engine.read("为了群众的行政复议谁牵头").lead_in.is_empty());
        // 关于…: context when a later clause names a topic of its own, else the topic.
        let r = engine.read("关于领导干部学法用法，我想知道宁远县的方案里提到领导干部的措施一共有几条？");
        assert_eq!((r.topics.as_slice(), r.lead_in.len()), (["领导干部".to_string()].as_slice(), 1));
        let r = engine.read("关于普法，区司法局牵头哪些");
        assert_eq!((r.groups.len(), r.topics.as_slice(), r.lead_in.len()), (1, ["普法".to_string()].as_slice(), 0));
    }

    #[test]
    fn the_role_asked_is_the_clause_that_asks() {
        let engine = crate::query::Engine::over_default_corpus();
        let family = |q: &str| engine.read(q).family;
        // An every-role word in an opening statement, a narrower one in the request.
        assert_eq!(family("经查县网信办承担相关职责，请列出其牵头事项"), Some(Family::Lead));
        assert_eq!(family("区司法局负责哪些，其中配合的呢"), Some(Family::Join));
        // In one clause the every-role word stands (承担和牵头 asks for both).
        assert_eq!(family("区司法局承担和牵头的任务"), Some(Family::Any));
        // Who leads, whatever role word the topic held (制度落实由谁牵头).
        assert_eq!(family("国家赔偿制度落实由谁牵头"), Some(Family::Lead));
        // The list's name gives way to the verb after it; the role right after the who word is
        // the one asked, whatever the topic said before it.
        assert_eq!(family("区检察院作为责任单位参与的公益诉讼事项有哪些"), Some(Family::Join));
        assert_eq!(family("宁远县方案里公证机构参与纠纷化解的那一项，由哪个部门牵头"), Some(Family::Lead));
        assert_eq!(family("誰牽頭負責重大行政決策"), Some(Family::Lead));
        // Yes-or-no questions about a unit's part.
        assert_eq!(family("区人社局管不管农民工工资的事"), Some(Family::Any));
        assert_eq!(engine.read("区人社局管不管农民工工资的事").topics, ["农民工工资"]);
        // A later clause asking for more (以及…) keeps every role; one asking instead narrows.
        assert_eq!(family("县人社局负责哪些工作？以及牵头哪些？"), Some(Family::Any));
        assert_eq!(family("县人社局负责哪些工作？牵头的呢？"), Some(Family::Lead));
    }

    #[test]
    fn a_place_word_after_a_topic_is_grammar() {
        let engine = crate::query::Engine::over_default_corpus();
        // The plans print 事中事后监管上 too (转到事中事后监管上来), but the topic far more often
        // alone: 在…上 around it is the question's grammar.
        assert_eq!(engine.read("资阳区在事中事后监管上有哪些任务").topics, ["事中事后监管"]);
        assert_eq!(engine.read("新媒体传播上要配合的单位").topics, ["新媒体传播"]);
    }

    #[test]
    fn clauses_that_comment_are_context() {
        let mut engine = crate::query::Engine::over_default_corpus();
        engine.set_everyday_terms(crate::query::everyday::EverydayTerms::default_list());
        // A clause of words only, before or after the question, in a topic question too.
        let r = engine.read("今天走访看到楼道里堆满杂物，隐患排查归哪个部门管？");
        assert_eq!((r.topics.as_slice(), r.lead_in.len(), r.unknown.len()), (["隐患排查".to_string()].as_slice(), 1, 0));
        // After a unit's question it is no everyday word for a topic (孩子们 → 未成年人).
        let r = engine.read("县法学会有什么任务吗？想请他们来给孩子们讲一讲");
        assert_eq!((r.groups.len(), r.topics.len(), r.lead_in.len()), (1, 0, 1));
        // Before it, it may be the topic in everyday words.
        assert!(!engine.read("给老百姓提供免费法律帮助的工作，区司法局牵头的有哪些").topics.is_empty());
        // A clause of its own in a topic question is a sentence about its held word.
        assert_eq!(engine.read("附近那块空地能不能建应急避难场所？这事哪些部门负责").topics, ["应急避难场所"]);
        // Spoken fillers end a clause; a slip in a topic question's own clause is still read.
        assert_eq!(engine.read("就是说扫黑除饿这个事情呢是哪些部门负责的吧").topics, ["扫黑除恶"]);
        assert_eq!(engine.read("那个疫病防治的宣传呢就是说我们也想听听这个归哪个部门负责").topics, ["疫病防治"]);
    }

    #[test]
    fn the_askers_own_story_inside_a_clause_is_context() {
        let engine = crate::query::Engine::over_default_corpus();
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        // A person (我, 人家) or someone wanting (车队想) in words the plans lack: said as
        // context, and the unit's answer is the same as without them.
        for (q, plain) in [
            ("派我下来驻村的是县委组织部，它牵头抓的事有哪些", "县委组织部牵头的事有哪些"),
            ("嗯县住建局呢它配合人家做些啥", "县住建局配合哪些"),
        ] {
            let r = engine.read(q);
            assert!(r.unknown.is_empty() && r.lead_in.len() == 1, "{q}: {:?} {:?}", r.unknown, r.lead_in);
            assert_eq!(engine.ask(q).results.len(), engine.ask(plain).results.len(), "{q}");
        }
        assert!(super::tells_a_story(&chars("车队想")));
        // …牵头的事里有讲/有提到…的吗: the yes-no frame about the unit's matters, no words left.
        for q in ["区网信办牵头的事里有讲好网民的吗", "县司法局牵头的事里有提到普法的吗"] {
            let r = engine.read(q);
            assert!(r.unknown.is_empty() && r.groups.len() == 1 && r.topics.len() == 1, "{q}: {r:?}");
        }
        // Words without a person or a time gone by stay words not understood, said as such.
        assert_eq!(engine.read("县住建局配合的工作稿子里要写清楚").unknown.len(), 1);
        // 我区/我县 is the plans' word for the place, no story.
        assert!(!super::tells_a_story(&chars("我区稿子")));
    }

    #[test]
    fn words_around_a_topic_are_read_for_what_they_are() {
        let engine = crate::query::Engine::over_default_corpus();
        // An ellipsis or a tilde ends a clause as a comma does: the story before it is context.
        // (到底, 究竟: an insistent question's adverb, not the topic's.)
        let r = engine.read("跑了好几趟了……行政复议到底谁牵头");
        assert!(r.unknown.is_empty() && r.topics == ["行政复议"] && r.lead_in == ["跑了好几趟"], "{r:?}");
        let r = engine.read("区司法局牵头的～孩子天天抱着手机");
        assert!(r.unknown.is_empty() && r.groups.len() == 1 && r.topics.is_empty(), "{r:?}");
        // A remark after the question's question mark is context, not a topic or a word not
        // understood; words the plans print there still narrow the question.
        let r = engine.read("行政复议归哪些部门负责？搞清楚了好跟理事会汇报");
        assert!(r.unknown.is_empty() && r.topics == ["行政复议"] && r.lead_in.len() == 1, "{r:?}");
        let r = engine.read("区司法局负责什么？跟信访有关的");
        assert!(r.groups.len() == 1 && r.topics == ["信访"] && r.lead_in.is_empty(), "{r:?}");
        // Dealing with a unit (跟…打交道) is the asker's story told around the question.
        let r = engine.read("平时跟区司法局打交道，它牵头哪些任务");
        assert!(r.unknown.is_empty() && r.groups.len() == 1 && r.topics.is_empty(), "{r:?}");
        // So after a question with no cue whose words the plans print (讲没讲 asks whether they
        // do): the remark's everyday word (办证 → 政务服务) does not narrow it.
        let r = engine.read("宁远县讲没讲未成年人的？给娃办证跑了好几趟");
        assert!(r.unknown.is_empty() && r.topics == ["未成年人"] && r.lead_in.len() == 1, "{r:?}");
        // …我们局要打配合的, …里面，有专利的吗: a modal before the role cue is the cue's, 有
        // before a topic asks whether the plans hold it, and 里面 is where; the topic filters.
        for (q, topic) in [
            ("我刚调到下陆公安分局，辩护相关的工作我们局要打配合的有哪些", "辩护"),
            ("区市场监督管理局牵头的任务里面有专利的吗", "专利"),
            ("区市场监督管理局牵头的任务里面，有专利的吗？", "专利"),
        ] {
            let r = engine.read(q);
            assert!(r.unknown.is_empty() && r.groups.len() == 1 && r.topics == [topic], "{q}: {r:?}");
        }
        // A clause beside the unit's that is mostly one long printed term is the topic, said as
        // read; a short one (考核用) stays context.
        let r = engine.read("调度会议题是汛期应急响应，县应急管理局牵头的相关事项请先摘出来");
        assert!(r.topics == ["应急响应"] && r.corrected.len() == 1 && r.lead_in.is_empty(), "{r:?}");
        assert!(engine.read("考核用：县司法局牵头哪些").topics.is_empty());
        // Where the asker is (村里, 馆里: a place's character and 里, never printed) is context;
        // 心里 is no place (心理 mistyped).
        let r = engine.read("村里的信息员队伍归哪个部门管");
        assert!(r.topics == ["信息员队伍"] && r.lead_in == ["村里"], "{r:?}");
        assert!(engine.read("心里疏导归哪些部门负责").lead_in.is_empty());
        // Brackets the plans print after a word are part of the phrase (村（居）, 村（社区）).
        assert_eq!(engine.read("村（居）法律顾问归哪些部门负责").topics, ["村(居)", "法律顾问"]);
        assert!(engine.read("资阳区方案里提到村（社区）的任务有哪些").unknown.is_empty());
        // One character left of a comment beside the question is context, not a word not
        // understood; 叫 before a quoted name is grammar.
        for q in
            ["县应急管理局和县民政局都牵头的有哪些？队员在宁远的多", "听说有的地方项目建好就能用，叫“建好即用”，这事是哪些部门负责的？"]
        {
            assert!(engine.read(q).unknown.is_empty(), "{q}");
        }
        // 对 before a topic is a preposition where it begins no printed word: its words filter.
        let r = engine.read("下陆公安分局对邪教有害信息牵头打击吗");
        assert!(r.unknown.is_empty() && r.topics.contains(&"邪教".to_string()), "{r:?}");
        // One printed word, then 的 and what of it the plans lack, is about that word; the verb
        // after a who-cue ends its clause, not only the question.
        let r = engine.read("非现场监管的接口是谁牵头在推？我们下周要联调");
        assert!(r.topics == ["非现场监管"] && r.unknown.is_empty(), "{r:?}");
        assert!(engine.read("村民委员会的选举谁负责").topics != ["委员会"]);
        // A support word ending a printed phrase is the phrase's where who leads is asked after
        // it (军地信息协同这事谁牵头); asked alone it is the role (…共同参与了哪些任务).
        let r = engine.read("队里一半是退伍的，军地信息协同这事谁牵头？");
        assert!(r.topics == ["军地信息协同"] && r.family == Some(super::Family::Lead), "{r:?}");
        assert_eq!(engine.read("县法院和县检察院共同参与了哪些任务").family, Some(super::Family::Join));
        // A measure word the plans print as a term's end stays (应急举措), after a verb too.
        assert_eq!(engine.read("资阳区有没有讲应急举措的？").topics, ["应急举措"]);
        // (主要 is no modal: 请问区民政局主要牵头哪几项工作 has no word left.)
        assert!(engine.read("请问区民政局主要牵头哪几项工作？").unknown.is_empty());
    }

    #[test]
    fn a_name_slipped_after_a_start_that_names_a_unit_is_read_whole() {
        let engine = crate::query::Engine::over_default_corpus();
        // 区人大常委会 names a unit too; the slip (公 for 工) runs into the question's words, and
        // a level typed before a name read without it (县 + 人大法治委) is the name's.
        for (q, name) in [("区人大常委会法公委都弄些啥嘞", "区人大常委会法工委"), ("县人大法治委牵头干了啥", "人大法制委")]
        {
            let r = engine.read(q);
            let read: Vec<&str> = r.groups.iter().map(|g| g.text.as_str()).collect();
            assert!(read == [name] && r.unknown.is_empty() && r.corrected.len() == 1, "{q}: {r:?}");
        }
    }

    #[test]
    fn meeting_chat_and_audit_wording_is_filler() {
        let engine = crate::query::Engine::over_default_corpus();
        for q in [
            "会上要点名县司法局：风险评估这一块由它牵头的事项有哪几条",
            "@所有人 急‼️县司法局牵头的事项 list 一下 pls🙏",
            "列示县司法局参与、但不是牵头单位的事项",
            "常见问题：县司法局负责哪些工作？",
        ] {
            let r = engine.read(q);
            assert!(r.unknown.is_empty() && r.groups.len() == 1, "{q}: {:?} {:?}", r.unknown, r.topics);
        }
        assert_eq!(engine.read("会上要点名县司法局：风险评估这一块由它牵头的事项有哪几条").topics, ["风险评估"]);
    }

    #[test]
    fn plans_named_loosely_are_read() {
        let engine = crate::query::Engine::over_default_corpus();
        let titles = |r: &super::Reading| r.plans.iter().map(|&p| engine.plans[p as usize].clone()).collect::<Vec<_>>();
        // 五年规划 for 规划(2021-2025年); 2023年印发的 is when it came out, not its title.
        let r = engine.read("法治下陆五年规划中区检察院当龙头的任务");
        assert_eq!(titles(&r), ["《法治下陆建设规划(2021-2025年)》重要举措分工方案"]);
        assert!(r.unknown.is_empty() && r.topics.is_empty(), "{r:?}");
        let r = engine.read("下陆区2023年印发的法治社会方案里，区委政法委牵头了哪些");
        assert_eq!(titles(&r).len(), 1, "{r:?}");
        assert!(r.topics.is_empty(), "{:?}", r.topics);
        // A name and a pointing word (那份) in place of the plan word; 分工表 for 分工方案.
        let r = engine.read("下陆区法治社会那份分工表里区民政局帮衬的");
        assert_eq!(titles(&r).len(), 1, "{r:?}");
        assert!(titles(&r)[0].contains("法治社会"), "{r:?}");
        assert!(r.unknown.is_empty(), "{:?}", r.unknown);
        // 这个 before a topic word is no plan name, nor is 这部分.
        assert!(engine.read("法治建设这个工作区司法局牵头哪些").plans.is_empty());
        assert!(engine.read("法治政府建设这部分工作谁牵头").plans.is_empty());
        // 那份细则 after a quoted plan points back at it.
        let r = engine.read("资阳区落实《湖南省法治政府建设实施方案》那份细则里，区委编办名下的任务");
        assert_eq!(titles(&r).len(), 1, "{r:?}");
        assert!(r.unknown.is_empty() && r.topics.is_empty(), "{r:?}");
    }

    #[test]
    fn plan_names_may_leave_words_out() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let title = c("资阳区贯彻落实法治湖南建设规化实施细则");
        assert!(holds_in_pieces(&title, &c("法治湖南建设实施细则"), 3));
        assert!(holds_in_pieces(&title, &c("实施细则"), 3));
        assert!(!holds_in_pieces(&title, &c("实施细则法治"), 3));
        assert!(!holds_in_pieces(&title, &c("在法治湖南建设实施细则"), 3));
        // One character inside a long name may differ (规划 typed, 规化 printed); not two, and
        // not at either end.
        assert!(holds_in_pieces(&title, &c("资阳区落实法治湖南建设规划细则"), 3));
        assert!(!holds_in_pieces(&title, &c("资阳区落实法治湖南建设规划计划细则"), 3));
        assert!(!holds_in_pieces(&title, &c("法治湖南建设实施细则局"), 3));
    }
}
