//! Questions in Chinese → intent → ranked, role-labelled results.
//!
//! A question is read in one left-to-right pass over a trie ([`Lexicon`]) of every unit name
//! form the directory knows (printed forms, curated variants, level-less bodies), every place
//! name, and the cue words of the role families and of "who" questions. Longest match wins at
//! each position. What is left over, minus question filler (哪些、任务、的…), is keywords.
//!
//! - a unit was named → **unit** answer: the unit's role postings for the asked family, by
//!   place then role; collective rows last; keywords (if any) intersect.
//! - no unit, but a role cue or who-cue and some keywords → **topic** answer: the measures
//!   containing the keywords, with a summary of which units lead them.
//! - otherwise → **keyword** answer: every measure whose title or text contains every phrase.
//!
//! [`Engine::search`] answers with ids only (the fast path); [`Engine::ask`] materialises a
//! serialisable [`Answer`]. Neither panics, and both run in time linear in the question's length
//! (times the deepest name in the trie) plus the size of the answer.

use crate::index::{fold_phrase, Lexicon, Occurrence, RoleIndex, RowRole, TextIndex};
use crate::model::Measure;
use crate::units::{fold_char, Directory, Kind, PlaceId, UnitId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// Question vocabulary. Cue words are matched through the same trie as unit names, longest first,
// so 牵头负责 is a lead cue, not an "any" cue.

/// Cues of the lead family: the unit leads (牵头), or is the first-listed 责任单位.
const LEAD_CUES: &[&str] = &["牵头负责", "牵头抓总", "牵头", "主抓", "主责", "主办", "主导", "负总责", "领衔", "主要负责", "带头"];
/// Cues of the join family: the unit takes part without leading.
const JOIN_CUES: &[&str] = &["参与", "参加", "配合", "协助", "协办", "协同", "协作", "配合参与"];
/// Cues asking for every role.
const ANY_CUES: &[&str] = &["负责", "承担", "承办", "担负", "分管"];
/// Cues of "which units…" questions; with no unit named they make a topic question.
const WHO_CUES: &[&str] =
    &["谁", "由谁", "哪些单位", "哪个单位", "哪家单位", "什么单位", "哪些部门", "哪个部门", "什么部门", "哪些机构", "哪个机构", "哪些机关"];
/// Marks of a question (as opposed to a bare search phrase). In a question, filler words are
/// trimmed off the ends of the left-over phrases; a bare search phrase is taken exactly.
const QUESTION_MARKS: &[&str] = &["哪", "什么", "吗", "谁", "?", "呢", "有没有", "如何", "怎么"];
/// Whether `haystack` contains `needle`'s characters in a row, without allocating.
fn contains_chars(haystack: &[char], needle: &str) -> bool {
    let n = needle.chars().count();
    n > 0 && haystack.windows(n).any(|w| w.iter().copied().eq(needle.chars()))
}

/// Filler trimmed off the start of a left-over phrase in a question.
const PREFIX_FILLER: &[&str] = &["请问", "查询", "查找", "搜索", "列出", "显示", "关于", "涉及", "所有", "全部", "的", "了"];
/// Filler trimmed off the end of a left-over phrase in a question.
const SUFFIX_FILLER: &[&str] = &[
    "有哪些",
    "是哪些",
    "有什么",
    "是什么",
    "哪些",
    "什么",
    "哪个",
    "任务",
    "工作",
    "职责",
    "事项",
    "措施",
    "举措",
    "内容",
    "事情",
    "相关",
    "方面",
    "领域",
    "的",
    "吗",
    "呢",
    "呀",
    "啊",
    "了",
    "由",
    "等",
];
/// Words that are filler only when they are the whole left-over phrase (between two units).
const WHOLE_FILLER: &[&str] = &["和", "与", "及", "以及", "跟", "同", "或", "或者", "还有", "一起", "共同", "分别", "有", "是", "都"];
/// Endings that make an unmatched phrase look like a unit name (for suggestions).
const UNIT_ENDINGS: &[&str] =
    &["局", "办", "委", "院", "部", "会", "厅", "处", "科", "室", "中心", "所", "队", "庭", "行", "组", "站", "联", "校"];
/// Quote pairs: text inside is one exact phrase, never read as a unit or cue.
const QUOTES: &[(char, char)] = &[('“', '”'), ('"', '"'), ('「', '」'), ('『', '』'), ('‘', '’'), ('\'', '\'')];

// ---------------------------------------------------------------------------------------------
// Ranking knobs (keyword and topic answers). Results are ordered by, in turn:
// 1. how many of the phrases occur in the title (more first): a title names what a measure is;
// 2. match density, matched chars per text char (higher first), with the text length padded by
//    DENSITY_PADDING so a 10-char text with one hit does not outrank a paragraph about the topic;
// 3. document order.

/// Chars added to a text's length when computing match density.
pub const DENSITY_PADDING: u32 = 20;
/// Most suggestions offered when a unit name is not found.
pub const MAX_SUGGESTIONS: usize = 5;
/// Longest phrase considered for typo correction and suggestions (longer ones are not names).
const MAX_NAME_CHARS: usize = 32;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Unit,
    Topic,
    Keyword,
    Empty,
}

impl Intent {
    /// Every intent, in declaration order: `intent as u32` is its index here (the browser's
    /// `find()` sends the intent as this number).
    pub const ALL: [Intent; 4] = [Intent::Unit, Intent::Topic, Intent::Keyword, Intent::Empty];

    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Unit => "unit",
            Intent::Topic => "topic",
            Intent::Keyword => "keyword",
            Intent::Empty => "empty",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Role(Family),
    Who,
}

/// What a lexicon term stands for.
#[derive(Debug, Clone, Default)]
struct Term {
    units: Vec<UnitId>,
    place: Option<PlaceId>,
    cue: Option<Cue>,
}

/// A highlight: char offsets (end exclusive) in a measure's title or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub in_title: bool,
    pub start: u32,
    pub end: u32,
}

/// One result row, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub measure: u32,
    pub role: RowRole,
    /// The unit the row is about (unit answers).
    pub unit: Option<UnitId>,
    /// The collective that reaches the unit (collective rows).
    pub via: Option<UnitId>,
    /// The collective's own role in the measure (collective rows).
    pub via_role: Option<RowRole>,
    /// This row's highlights: `Hits::marks[marks.0..marks.1]`.
    pub marks: (u32, u32),
}

/// Role counts of one unit within an answer: lead, responsible_first, support, responsible,
/// collective.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub unit: UnitId,
    pub counts: [usize; 5],
}

/// An answer by ids: what [`Engine::search`] returns, cheap to compute.
#[derive(Debug, Clone)]
pub struct Hits {
    pub intent: Intent,
    pub family: Option<Family>,
    /// Units the question is about (after place restriction).
    pub units: Vec<UnitId>,
    /// Unit names as the question wrote them.
    pub unit_text: Vec<String>,
    /// Places the question names.
    pub places: Vec<PlaceId>,
    pub topic: Option<String>,
    pub keywords: Vec<String>,
    pub rows: Vec<Row>,
    pub marks: Vec<Mark>,
    pub summary: Vec<Tally>,
    pub suggestions: Vec<String>,
    pub message: Option<String>,
}

impl Hits {
    fn new() -> Hits {
        Hits {
            intent: Intent::Empty,
            family: None,
            units: Vec::new(),
            unit_text: Vec::new(),
            places: Vec::new(),
            topic: None,
            keywords: Vec::new(),
            rows: Vec::new(),
            marks: Vec::new(),
            summary: Vec::new(),
            suggestions: Vec::new(),
            message: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Serialisable answer (CLI --json, browser).

/// The answer to one question.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Answer {
    pub question: String,
    /// "unit" | "topic" | "keyword" | "empty".
    pub intent: String,
    /// The unit asked about: its name, or the name as asked when it matches several names.
    pub unit: Option<String>,
    /// The place the question is restricted to, or the one place of all matched units.
    pub place: Option<String>,
    /// "lead" | "join" | "any" (unit and topic questions).
    pub role: Option<String>,
    pub topic: Option<String>,
    pub keywords: Vec<String>,
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
    pub kind: String,
}

/// One result: a measure, and why it is in the answer.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct AnswerItem {
    /// Index into [`Engine::measures`].
    pub id: usize,
    pub doc: String,
    pub plan: String,
    pub jurisdiction: String,
    pub seq: u32,
    pub number: Option<String>,
    pub path: Vec<String>,
    pub title: String,
    pub text: String,
    /// lead | responsible_first | support | responsible | collective | match.
    pub role: String,
    /// The canonical unit this row is about (unit answers).
    pub unit: Option<String>,
    /// For collective rows: the collective name that reaches the unit (区直各单位…).
    pub via: Option<String>,
    /// For collective rows: the collective's own role in the measure.
    pub via_role: Option<String>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub responsible: Vec<String>,
    pub highlights: Vec<Highlight>,
}

/// A match to highlight: char offsets (Unicode scalar values), end exclusive.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// "title" | "text".
    pub field: String,
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

/// [`Answer`] borrowing from the [`Engine`] (see [`Engine::ask_view`]): the same fields, in the
/// same order, serialised the same way; [`AnswerView::to_owned`] gives the [`Answer`].
#[derive(Serialize, Clone, Debug)]
pub struct AnswerView<'a> {
    pub question: &'a str,
    pub intent: &'static str,
    pub unit: Option<String>,
    pub place: Option<String>,
    pub role: Option<&'static str>,
    pub topic: Option<String>,
    pub keywords: Vec<String>,
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
    pub role: &'static str,
    pub unit: Option<&'a str>,
    pub via: Option<&'a str>,
    pub via_role: Option<&'static str>,
    pub lead: &'a [String],
    pub support: &'a [String],
    pub responsible: &'a [String],
    pub highlights: Vec<HighlightView>,
}

/// [`Highlight`], with a static field name.
#[derive(Serialize, Clone, Copy, Debug)]
pub struct HighlightView {
    pub field: &'static str,
    pub start: usize,
    pub end: usize,
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
    pub kind: &'static str,
}

impl AnswerView<'_> {
    /// The owned [`Answer`] (every string copied).
    pub fn to_owned(&self) -> Answer {
        let s = |x: &str| x.to_string();
        let v = |x: &[String]| x.to_vec();
        Answer {
            question: s(self.question),
            intent: s(self.intent),
            unit: self.unit.clone(),
            place: self.place.clone(),
            role: self.role.map(s),
            topic: self.topic.clone(),
            keywords: self.keywords.clone(),
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
                    role: s(r.role),
                    unit: r.unit.map(s),
                    via: r.via.map(s),
                    via_role: r.via_role.map(s),
                    lead: v(r.lead),
                    support: v(r.support),
                    responsible: v(r.responsible),
                    highlights: r.highlights.iter().map(|h| Highlight { field: s(h.field), start: h.start, end: h.end }).collect(),
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
            units: self.units.iter().map(|u| UnitRef { place: s(u.place), name: s(u.name), kind: s(u.kind) }).collect(),
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
    pub kind: String,
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

// ---------------------------------------------------------------------------------------------

/// The query engine: measures, unit directory and index, built once.
#[derive(Debug, Clone)]
pub struct Engine {
    measures: Vec<Measure>,
    dir: Directory,
    /// Built on first use (the first keyword, topic or unit + keyword question): it is most of
    /// the build time, and a unit question, the usual first question, does not need it.
    text: OnceLock<TextIndex>,
    roles: RoleIndex,
    lexicon: Lexicon<Term>,
    /// Every unit name form (as chars and as text) with its units, for typo correction and
    /// suggestions.
    unit_forms: Vec<(Vec<char>, String, Vec<UnitId>)>,
    /// Character bigram → indices into `unit_forms` holding it, sorted by bigram.
    form_grams: Vec<((char, char), Vec<u32>)>,
}

/// A parsed question.
#[derive(Debug, Default)]
struct Parsed {
    units: Vec<UnitId>,
    unit_text: Vec<String>,
    places: Vec<PlaceId>,
    family: Option<Family>,
    who: bool,
    phrases: Vec<String>,
    /// Phrases the question put in quotes: exact text, never read as a unit name.
    quoted: Vec<String>,
    /// The question's tokens as typed (split at separators only), for the keyword fallback.
    raw_tokens: Vec<String>,
}

impl Engine {
    /// Builds the directory and every index over `measures`.
    pub fn new(measures: Vec<Measure>) -> Engine {
        let dir = Directory::build(&measures);
        let roles = RoleIndex::build(&measures, &dir);

        let mut terms: BTreeMap<String, Term> = BTreeMap::new();
        for id in 0..dir.units.len() as UnitId {
            for (form, _) in dir.question_forms(id) {
                terms.entry(form).or_default().units.push(id);
            }
        }
        let unit_forms: Vec<(Vec<char>, String, Vec<UnitId>)> =
            terms.iter().map(|(f, t)| (f.chars().collect(), f.clone(), t.units.clone())).collect();
        let mut grams: BTreeMap<(char, char), Vec<u32>> = BTreeMap::new();
        for (i, (chars, _, _)) in unit_forms.iter().enumerate() {
            for w in chars.windows(2) {
                let v = grams.entry((w[0], w[1])).or_default();
                if v.last() != Some(&(i as u32)) {
                    v.push(i as u32);
                }
            }
        }
        let form_grams = grams.into_iter().collect();
        for (pid, p) in dir.places.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(p.short.iter()) {
                terms.entry(name.clone()).or_default().place = Some(pid as PlaceId);
            }
        }
        let cues = LEAD_CUES
            .iter()
            .map(|w| (w, Cue::Role(Family::Lead)))
            .chain(JOIN_CUES.iter().map(|w| (w, Cue::Role(Family::Join))))
            .chain(ANY_CUES.iter().map(|w| (w, Cue::Role(Family::Any))))
            .chain(WHO_CUES.iter().map(|w| (w, Cue::Who)));
        for (w, cue) in cues {
            terms.entry(w.to_string()).or_default().cue = Some(cue);
        }
        let lexicon = Lexicon::build(terms.into_iter().map(|(k, v)| (k.chars().collect(), v)).collect());
        Engine { measures, dir, text: OnceLock::new(), roles, lexicon, unit_forms, form_grams }
    }

    /// All measures, in corpus order; a result's `id` indexes this slice.
    pub fn measures(&self) -> &[Measure] {
        &self.measures
    }

    /// One measure by id.
    pub fn measure(&self, id: usize) -> Option<&Measure> {
        self.measures.get(id)
    }

    /// The unit directory.
    pub fn directory(&self) -> &Directory {
        &self.dir
    }

    /// The phrase index.
    pub fn text_index(&self) -> &TextIndex {
        self.text.get_or_init(|| TextIndex::build(&self.measures))
    }

    /// The role postings.
    pub fn role_index(&self) -> &RoleIndex {
        &self.roles
    }

    /// Answers a question with a serialisable [`Answer`].
    pub fn ask(&self, question: &str) -> Answer {
        self.ask_view(question).to_owned()
    }

    /// Answers a question by ids only (no text copied): the engine's fast path.
    pub fn search(&self, question: &str) -> Hits {
        let p = self.parse(question);
        let mut h = Hits::new();
        h.family = p.family;
        h.places = p.places.clone();
        h.unit_text = p.unit_text.clone();

        if !p.units.is_empty() {
            self.unit_answer(&mut h, &p.units, p.family.unwrap_or(Family::Any), &p.phrases);
            // "人大代表" holds the name 人大 but is a phrase: when a cue-less unit + keyword
            // question finds nothing, the tokens as typed are searched instead.
            if h.rows.is_empty() && !p.phrases.is_empty() && p.family.is_none() && !p.who {
                let mut kw = Hits::new();
                kw.intent = Intent::Keyword;
                kw.places = p.places.clone();
                kw.keywords = p.raw_tokens.clone();
                self.text_answer(&mut kw);
                if !kw.rows.is_empty() {
                    return kw;
                }
            }
            return h;
        }
        if p.phrases.is_empty() {
            h.message = Some(if p.family.is_some() || p.who || !p.places.is_empty() {
                "请说明要查的单位（如“区司法局”）或主题（如“行政复议”）。".to_string()
            } else {
                "请输入单位、主题或关键词，例如“区司法局牵头哪些任务”“行政复议谁牵头”。".to_string()
            });
            h.suggestions = self.top_units(&p.places);
            return h;
        }
        let topic = p.family.is_some() || p.who;
        if topic {
            h.intent = Intent::Topic;
            h.family = Some(p.family.unwrap_or(Family::Any));
            h.topic = Some(p.phrases.join(" "));
        } else {
            h.intent = Intent::Keyword;
        }
        h.keywords = p.phrases.clone();
        self.text_answer(&mut h);
        if h.rows.is_empty() {
            // Nothing contains the phrase: maybe it was a unit name we do not know or mistyped.
            self.unknown_unit(&mut h, &p);
        }
        h
    }

    // -- parsing ------------------------------------------------------------------------------

    fn parse(&self, question: &str) -> Parsed {
        let chars: Vec<char> = question.chars().map(fold_char).collect();
        let mut buf = chars.clone();
        let mut p = Parsed::default();
        let is_question = QUESTION_MARKS.iter().any(|m| contains_chars(&chars, m));

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

        // One greedy longest-match pass over names, places and cues.
        let mut covered = vec![false; buf.len()];
        // The question as typed minus place names: the keyword fallback's tokens.
        let mut raw = buf.clone();
        let mut any_term = false;
        let mut i = 0;
        while i < buf.len() {
            let mut best: Option<(usize, &Term)> = None;
            self.lexicon.prefixes_at(&buf, i, |len, t| best = Some((len, t)));
            let Some((len, t)) = best else {
                i += 1;
                continue;
            };
            any_term = true;
            if !t.units.is_empty() {
                p.units.extend_from_slice(&t.units);
                p.unit_text.push(buf[i..i + len].iter().collect());
            } else if let Some(pl) = t.place {
                raw[i..i + len].iter_mut().for_each(|c| *c = ' ');
                if !p.places.contains(&pl) {
                    p.places.push(pl);
                }
            } else if let Some(cue) = t.cue {
                match cue {
                    // The first role cue decides (牵头…还是参与 is rare; the first is the ask).
                    Cue::Role(f) if p.family.is_none() => p.family = Some(f),
                    Cue::Role(_) => {}
                    Cue::Who => p.who = true,
                }
            }
            covered[i..i + len].iter_mut().for_each(|c| *c = true);
            i += len;
        }

        // A level-less name may list hundreds of units; dedupe once, not per push.
        p.units.sort_unstable();
        p.units.dedup();
        p.unit_text = dedup(std::mem::take(&mut p.unit_text));
        // Seen-sets keep deduplication linear for pathological questions (thousands of tokens).
        let mut seen: BTreeSet<&[char]> = BTreeSet::new();
        for token in raw.split(|&c| is_separator(c)).filter(|t| !t.is_empty()) {
            if seen.insert(token) {
                p.raw_tokens.push(token.iter().collect());
            }
        }
        p.raw_tokens.extend(quoted.iter().map(|q| q.iter().collect::<String>()));

        // Left-over runs between matches and separators are phrases.
        let trim = is_question || any_term;
        let mut seen: BTreeSet<&[char]> = BTreeSet::new();
        let mut start = None;
        for i in 0..=buf.len() {
            let boundary = i == buf.len() || covered[i] || is_separator(buf[i]);
            match (boundary, start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    let run = &chars[s..i];
                    let run = if trim { strip_filler(run) } else { run };
                    if !run.is_empty() && seen.insert(run) {
                        p.phrases.push(run.iter().collect());
                    }
                    start = None;
                }
                _ => {}
            }
        }
        for q in quoted {
            let q_string: String = q.iter().collect();
            if seen.insert(q) {
                p.phrases.push(q_string.clone());
            }
            p.quoted.push(q_string);
        }
        p
    }

    // -- unit answers -------------------------------------------------------------------------

    fn unit_answer(&self, h: &mut Hits, units: &[UnitId], family: Family, phrases: &[String]) {
        h.intent = Intent::Unit;
        h.family = Some(family);
        let mut units: Vec<UnitId> = units.to_vec();
        if !h.places.is_empty() {
            let all = units.clone();
            units.retain(|u| h.places.contains(&self.dir.units[*u as usize].place));
            if units.is_empty() {
                let asked = h.unit_text.join("、");
                let places: Vec<&str> = h.places.iter().map(|p| self.place_name(*p)).collect();
                h.message = Some(format!("{}没有名为“{}”的单位。", places.join("、"), asked));
                h.suggestions = dedup(all.iter().map(|&u| format!("{}（{}）", self.unit_name(u), self.place_of(u))))
                    .into_iter()
                    .take(MAX_SUGGESTIONS)
                    .collect();
                return;
            }
        }
        units.sort_by_key(|&u| (self.dir.units[u as usize].place, u));
        h.units = units.clone();

        // Keyword filter: measure → (marks range), sorted by measure for lookup.
        let filter = if phrases.is_empty() {
            None
        } else {
            h.keywords = phrases.to_vec();
            let kw = self.keyword_search(phrases, &h.places);
            let mut by_measure: Vec<(u32, (u32, u32))> = kw.rows.iter().map(|r| (r.measure, r.marks)).collect();
            by_measure.sort_unstable_by_key(|&(m, _)| m);
            h.marks = kw.marks;
            Some(by_measure)
        };
        let lookup = |m: u32| -> Option<(u32, u32)> {
            match &filter {
                None => Some((0, 0)),
                Some(f) => f.binary_search_by_key(&m, |&(x, _)| x).ok().map(|i| f[i].1),
            }
        };

        let mut tallies: Vec<Tally> = units.iter().map(|&u| Tally { unit: u, counts: [0; 5] }).collect();
        let mut g = 0;
        while g < units.len() {
            let place = self.dir.units[units[g] as usize].place;
            let end = units[g..].iter().position(|&u| self.dir.units[u as usize].place != place).map_or(units.len(), |k| g + k);
            for &role in family.named_roles() {
                for (k, &u) in units[g..end].iter().enumerate() {
                    for &m in self.roles.units[u as usize].named(role) {
                        if let Some(marks) = lookup(m) {
                            h.rows.push(Row { measure: m, role, unit: Some(u), via: None, via_role: None, marks });
                            tallies[g + k].counts[slot(role)] += 1;
                        }
                    }
                }
            }
            for (k, &u) in units[g..end].iter().enumerate() {
                for vp in &self.roles.units[u as usize].collective {
                    if !family.includes_via(vp.via_role) {
                        continue;
                    }
                    if let Some(marks) = lookup(vp.measure) {
                        h.rows.push(Row {
                            measure: vp.measure,
                            role: RowRole::Collective,
                            unit: Some(u),
                            via: Some(vp.via),
                            via_role: Some(vp.via_role),
                            marks,
                        });
                        tallies[g + k].counts[4] += 1;
                    }
                }
            }
            g = end;
        }
        h.summary = tallies;
        if h.rows.is_empty() {
            let name = self.units_label(h);
            let asked = match family {
                Family::Lead => "牵头的",
                Family::Join => "参与的",
                Family::Any => "",
            };
            let total: usize = units.iter().map(|&u| self.unit_total(u)).sum();
            h.message = Some(if h.keywords.is_empty() {
                if total > 0 && family != Family::Any {
                    format!("没有找到{name}{asked}任务；它共涉及 {total} 项任务，可问“{name}负责什么”。")
                } else {
                    format!("没有找到{name}{asked}任务。")
                }
            } else {
                format!("没有找到{name}{asked}、含“{}”的任务。", h.keywords.join("”“"))
            });
        }
    }

    fn unit_total(&self, u: UnitId) -> usize {
        let p = &self.roles.units[u as usize];
        p.named.iter().map(Vec::len).sum::<usize>() + p.collective.len()
    }

    // -- keyword and topic answers ------------------------------------------------------------

    /// Answers `h.keywords` as exact phrases (all of them, in title or text).
    fn text_answer(&self, h: &mut Hits) {
        let kw = self.keyword_search(&h.keywords, &h.places);
        h.marks = kw.marks;
        h.rows = kw
            .rows
            .iter()
            .map(|r| Row { measure: r.measure, role: RowRole::Match, unit: None, via: None, via_role: None, marks: r.marks })
            .collect();
        if h.intent == Intent::Topic {
            h.summary = self.topic_summary(&h.rows, h.family.unwrap_or(Family::Any));
        }
        if h.rows.is_empty() {
            let scope = if h.places.is_empty() {
                String::new()
            } else {
                h.places.iter().map(|p| self.place_name(*p)).collect::<Vec<_>>().join("、")
            };
            h.message = Some(format!("{scope}没有任务的标题或正文含“{}”。", h.keywords.join("”“")));
        }
    }

    /// Units named by the given measures, with their role counts, sorted for the family: the
    /// units that lead most first (lead + first responsible, then explicit lead, then total);
    /// for the join family the units that take part most first. The lead family lists only
    /// units that lead something, the join family only units that take part in something.
    fn topic_summary(&self, rows: &[Row], family: Family) -> Vec<Tally> {
        // Dense counting by unit id (one small zeroed array per query), remembering which
        // units were touched: no hashing, no sorting of pairs.
        let mut counts = vec![[0usize; 5]; self.dir.units.len()];
        let mut touched: Vec<UnitId> = Vec::new();
        for r in rows {
            for &(u, role) in self.roles.named_in(r.measure) {
                let c = &mut counts[u as usize];
                if c.iter().all(|&x| x == 0) {
                    touched.push(u);
                }
                c[slot(role)] += 1;
            }
        }
        let mut out: Vec<Tally> = touched.into_iter().map(|u| Tally { unit: u, counts: counts[u as usize] }).collect();
        let leads = |c: &[usize; 5]| c[0] + c[1];
        let joins = |c: &[usize; 5]| c[2] + c[3];
        match family {
            Family::Lead => out.retain(|t| leads(&t.counts) > 0),
            Family::Join => out.retain(|t| joins(&t.counts) > 0),
            Family::Any => {}
        }
        // One integer key per unit (counts descending, then place and unit ascending), so the
        // sort compares integers: counts are clamped to 20 bits, far above any real plan.
        const MAX: u128 = (1 << 20) - 1;
        let desc = |x: usize| MAX - (x as u128).min(MAX);
        let mut keyed: Vec<(u128, Tally)> = out
            .into_iter()
            .map(|t| {
                let c = &t.counts;
                let (main, second) = match family {
                    Family::Join => (joins(c), 0),
                    _ => (leads(c), c[0]),
                };
                let total: usize = c.iter().sum();
                let place = self.dir.units[t.unit as usize].place as u128;
                let key = desc(main) << 104 | desc(second) << 84 | desc(total) << 64 | place << 32 | t.unit as u128;
                (key, t)
            })
            .collect();
        keyed.sort_unstable_by_key(|(k, _)| *k);
        keyed.into_iter().map(|(_, t)| t).collect()
    }

    /// Every measure whose title or text contains every phrase (in the given places, if any),
    /// ranked (see the ranking knobs above), each with all its matches as highlights.
    fn keyword_search(&self, phrases: &[String], places: &[PlaceId]) -> KeywordHits {
        let mut folded: Vec<Vec<u32>> = Vec::new();
        for p in phrases {
            let f = fold_phrase(p);
            if !f.is_empty() && !folded.contains(&f) {
                folded.push(f);
            }
        }
        if folded.is_empty() {
            return KeywordHits::default();
        }
        // Rarest phrase first, so the candidate set shrinks fast and empty answers stop early.
        folded.sort_by_cached_key(|f| self.text_index().estimate(f));
        let mut candidates: Option<Vec<u32>> = None;
        let mut occurrences: Vec<Vec<Occurrence>> = Vec::with_capacity(folded.len());
        for f in &folded {
            let occ = self.text_index().find(f);
            let mut ms: Vec<u32> = Vec::new();
            for o in &occ {
                if ms.last() != Some(&o.measure) {
                    ms.push(o.measure);
                }
            }
            if !places.is_empty() {
                ms.retain(|m| places.contains(&self.roles.measure_place[*m as usize]));
            }
            let next = match candidates {
                None => ms,
                Some(c) => intersect(&c, &ms),
            };
            if next.is_empty() {
                return KeywordHits::default();
            }
            candidates = Some(next);
            occurrences.push(occ);
        }
        let candidates = candidates.unwrap_or_default();

        let mut out = KeywordHits::default();
        let mut cursor = vec![0usize; occurrences.len()];
        for &m in &candidates {
            let begin = out.marks.len() as u32;
            let mut title_hits = 0u32;
            let mut text_chars = 0u32;
            for (k, occ) in occurrences.iter().enumerate() {
                while cursor[k] < occ.len() && occ[cursor[k]].measure < m {
                    cursor[k] += 1;
                }
                let mut in_title = false;
                while cursor[k] < occ.len() && occ[cursor[k]].measure == m {
                    let o = occ[cursor[k]];
                    in_title |= o.in_title;
                    if !o.in_title {
                        text_chars += o.end - o.start;
                    }
                    out.marks.push(Mark { in_title: o.in_title, start: o.start, end: o.end });
                    cursor[k] += 1;
                }
                title_hits += in_title as u32;
            }
            let marks = &mut out.marks[begin as usize..];
            marks.sort_unstable_by_key(|mk| (!mk.in_title, mk.start, mk.end));
            let density = (text_chars as u64 * 1_000_000) / (self.text_index().text_len(m) + DENSITY_PADDING) as u64;
            out.rows.push(KeywordRow { measure: m, title_hits, density, marks: (begin, out.marks.len() as u32) });
        }
        out.rows.sort_by(|a, b| b.title_hits.cmp(&a.title_hits).then(b.density.cmp(&a.density)).then(a.measure.cmp(&b.measure)));
        out
    }

    // -- names not found ----------------------------------------------------------------------

    /// When a phrase matches nothing: a unit name with a one-character typo that points to one
    /// name only is answered as that name; otherwise similar names are suggested.
    fn unknown_unit(&self, h: &mut Hits, p: &Parsed) {
        let [phrase] = p.phrases.as_slice() else {
            return;
        };
        let s: Vec<char> = phrase.chars().collect();
        if s.len() > MAX_NAME_CHARS || p.quoted.contains(phrase) {
            return;
        }
        let looks_like_unit = UNIT_ENDINGS.iter().any(|e| phrase.ends_with(e));
        let close: Vec<&(Vec<char>, String, Vec<UnitId>)> =
            if s.len() >= 3 { self.unit_forms.iter().filter(|(f, _, _)| within_one_edit(f, &s)).collect() } else { Vec::new() };
        if !p.who {
            if let Some(first) = close.first() {
                if close.iter().all(|(_, _, u)| *u == first.2) {
                    let form = first.1.clone();
                    let places = h.places.clone();
                    let mut units = first.2.clone();
                    if !places.is_empty() {
                        units.retain(|u| places.contains(&self.dir.units[*u as usize].place));
                    }
                    if !units.is_empty() {
                        *h = Hits::new();
                        h.places = places;
                        h.unit_text = vec![form.clone()];
                        self.unit_answer(h, &units, p.family.unwrap_or(Family::Any), &[]);
                        let note = format!("没有找到“{phrase}”，按“{form}”回答。");
                        h.message = Some(match h.message.take() {
                            Some(m) => format!("{note}{m}"),
                            None => note,
                        });
                        return;
                    }
                }
            }
        }
        // One edit away but ambiguous: those names first, then names that look alike.
        let suggestions: Vec<String> =
            dedup(close.iter().flat_map(|(_, _, us)| us.iter().map(|&u| self.unit_name(u).to_string())).chain(self.similar_names(&s)))
                .into_iter()
                .take(MAX_SUGGESTIONS)
                .collect();
        if looks_like_unit || !suggestions.is_empty() && s.len() >= 3 {
            if looks_like_unit {
                h.intent = Intent::Unit;
                h.topic = None;
                h.keywords.clear();
                h.family = Some(p.family.unwrap_or(Family::Any));
                h.unit_text = vec![phrase.clone()];
                h.message = Some(format!("没有找到名为“{phrase}”的单位。"));
            }
            h.suggestions = suggestions;
        }
    }

    /// Unit names most like `s`: names containing it or contained in it first, then by shared
    /// character bigrams. Display names, distinct, at most [`MAX_SUGGESTIONS`].
    fn similar_names(&self, s: &[char]) -> Vec<String> {
        if s.len() < 2 {
            return Vec::new();
        }
        let grams: Vec<(char, char)> = s.windows(2).map(|w| (w[0], w[1])).collect();
        let needle: String = s.iter().collect();
        // Only forms sharing a bigram can contain, be contained in, or resemble the phrase.
        let mut candidates: Vec<u32> = grams
            .iter()
            .filter_map(|g| self.form_grams.binary_search_by_key(g, |(k, _)| *k).ok())
            .flat_map(|i| self.form_grams[i].1.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut scored: Vec<(usize, usize, &Vec<UnitId>)> = Vec::new();
        for &c in &candidates {
            let (form, f, units) = &self.unit_forms[c as usize];
            let contain = if f.contains(needle.as_str()) || needle.contains(f.as_str()) { 100 } else { 0 };
            let shared = form.windows(2).filter(|w| grams.contains(&(w[0], w[1]))).count();
            if contain + shared > 0 && (contain > 0 || shared * 2 >= grams.len().min(form.len().saturating_sub(1)).max(1)) {
                scored.push((contain + shared, form.len(), units));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        dedup(scored.iter().flat_map(|(_, _, us)| us.iter().map(|&u| self.unit_name(u).to_string())))
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .collect()
    }

    /// The most active units of the given places (all places when empty): example questions.
    fn top_units(&self, places: &[PlaceId]) -> Vec<String> {
        let mut us: Vec<UnitId> = (0..self.dir.units.len() as UnitId)
            .filter(|&u| {
                let unit = &self.dir.units[u as usize];
                unit.kind != Kind::Collective && (places.is_empty() || places.contains(&unit.place))
            })
            .collect();
        us.sort_by_key(|&u| std::cmp::Reverse(self.roles.units[u as usize].named[0].len() + self.roles.units[u as usize].named[1].len()));
        dedup(us.into_iter().map(|u| format!("{}牵头哪些任务", self.unit_name(u)))).into_iter().take(MAX_SUGGESTIONS).collect()
    }

    // -- materialising ------------------------------------------------------------------------

    fn unit_name(&self, u: UnitId) -> &str {
        self.dir.units.get(u as usize).map_or("", |x| x.name.as_str())
    }

    fn place_name(&self, p: PlaceId) -> &str {
        self.dir.places.get(p as usize).map_or("", |x| x.name.as_str())
    }

    fn place_of(&self, u: UnitId) -> &str {
        self.dir.units.get(u as usize).map_or("", |x| self.place_name(x.place))
    }

    fn units_label(&self, h: &Hits) -> String {
        let names = dedup(h.units.iter().map(|&u| self.unit_name(u).to_string()));
        if names.len() == 1 {
            names[0].clone()
        } else {
            h.unit_text.join("、")
        }
    }

    /// Answers a question with an [`AnswerView`]: the same fields and serialisation as
    /// [`Engine::ask`]'s [`Answer`], borrowing the measures' text instead of copying it (what
    /// the browser build converts to JS objects).
    pub fn ask_view<'a>(&'a self, question: &'a str) -> AnswerView<'a> {
        let hits = self.search(question);
        self.answer_view(question, hits)
    }

    /// Turns ids into a serialisable answer.
    pub fn answer(&self, question: &str, h: &Hits) -> Answer {
        self.answer_view(question, h.clone()).to_owned()
    }

    /// Turns ids into a serialisable answer that borrows from the engine.
    pub fn answer_view<'a>(&'a self, question: &'a str, h: Hits) -> AnswerView<'a> {
        let unit = match h.intent {
            Intent::Unit if !h.units.is_empty() || !h.unit_text.is_empty() => Some(self.units_label(&h)),
            _ => None,
        };
        let place = if !h.places.is_empty() {
            Some(h.places.iter().map(|&p| self.place_name(p)).collect::<Vec<_>>().join("、"))
        } else {
            let ps = dedup(h.units.iter().map(|&u| self.dir.units[u as usize].place));
            (ps.len() == 1).then(|| self.place_name(ps[0]).to_string())
        };
        let results = h
            .rows
            .iter()
            .filter_map(|r| {
                let m = self.measures.get(r.measure as usize)?;
                let marks = h.marks.get(r.marks.0 as usize..r.marks.1 as usize).unwrap_or(&[]);
                Some(AnswerItemView {
                    id: r.measure as usize,
                    doc: &m.doc,
                    plan: &m.plan,
                    jurisdiction: &m.jurisdiction,
                    seq: m.seq,
                    number: m.number.as_deref(),
                    path: &m.path,
                    title: &m.title,
                    text: &m.text,
                    role: r.role.as_str(),
                    unit: r.unit.map(|u| self.unit_name(u)),
                    via: r.via.map(|u| self.unit_name(u)),
                    via_role: r.via_role.map(RowRole::as_str),
                    lead: &m.lead,
                    support: &m.support,
                    responsible: &m.responsible,
                    highlights: marks
                        .iter()
                        .map(|mk| HighlightView {
                            field: if mk.in_title { "title" } else { "text" },
                            start: mk.start as usize,
                            end: mk.end as usize,
                        })
                        .collect(),
                })
            })
            .collect();
        let summary = h
            .summary
            .iter()
            .map(|t| SummaryRowView {
                unit: self.unit_name(t.unit),
                place: self.place_of(t.unit),
                lead: t.counts[0],
                responsible_first: t.counts[1],
                support: t.counts[2],
                responsible: t.counts[3],
                collective: t.counts[4],
            })
            .collect();
        let units = h.units.iter().map(|&u| self.unit_ref_view(u)).collect();
        AnswerView {
            question,
            intent: h.intent.as_str(),
            unit,
            place,
            role: h.family.map(Family::as_str),
            topic: h.topic,
            keywords: h.keywords,
            results,
            summary,
            suggestions: h.suggestions,
            message: h.message,
            units,
        }
    }

    fn unit_ref_view(&self, u: UnitId) -> UnitRefView<'_> {
        let unit = &self.dir.units[u as usize];
        UnitRefView { place: self.place_name(unit.place), name: &unit.name, kind: unit.kind.as_str() }
    }

    /// The directory listing: by place (corpus order), then kind, then most active first.
    pub fn units(&self) -> Vec<UnitEntry> {
        let mut ids: Vec<UnitId> = (0..self.dir.units.len() as UnitId).collect();
        ids.sort_by_key(|&u| {
            let unit = &self.dir.units[u as usize];
            let p = &self.roles.units[u as usize];
            let named: usize = p.named.iter().map(Vec::len).sum();
            (unit.place, unit.kind, std::cmp::Reverse(named), u)
        });
        ids.into_iter()
            .map(|u| {
                let unit = &self.dir.units[u as usize];
                let p = &self.roles.units[u as usize];
                UnitEntry {
                    place: self.place_name(unit.place).to_string(),
                    name: unit.name.clone(),
                    kind: unit.kind.as_str().to_string(),
                    aliases: unit.surfaces.iter().map(|(s, _)| s.clone()).collect(),
                    lead: p.named[0].len(),
                    responsible_first: p.named[1].len(),
                    support: p.named[2].len(),
                    responsible: p.named[3].len(),
                    collective: p.collective.len(),
                    members: unit.members.iter().map(|&m| self.unit_name(m).to_string()).collect(),
                }
            })
            .collect()
    }
}

#[derive(Debug, Default)]
struct KeywordHits {
    rows: Vec<KeywordRow>,
    marks: Vec<Mark>,
}

#[derive(Debug)]
struct KeywordRow {
    measure: u32,
    title_hits: u32,
    density: u64,
    marks: (u32, u32),
}

fn slot(role: RowRole) -> usize {
    match role {
        RowRole::Lead => 0,
        RowRole::ResponsibleFirst => 1,
        RowRole::Support => 2,
        RowRole::Responsible => 3,
        RowRole::Collective | RowRole::Match => 4,
    }
}

/// Whitespace and the punctuation that separates phrases in a question (after width folding).
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '?' | '!' | ';' | ':' | '。' | '、' | '…' | '～' | '~')
}

fn strip_filler(mut s: &[char]) -> &[char] {
    let starts = |s: &[char], w: &str| {
        let mut it = s.iter();
        w.chars().all(|c| it.next() == Some(&c))
    };
    let ends = |s: &[char], w: &str| {
        let mut it = s.iter().rev();
        w.chars().rev().all(|c| it.next() == Some(&c))
    };
    loop {
        let before = s.len();
        if let Some(w) = PREFIX_FILLER.iter().find(|w| starts(s, w)) {
            s = &s[w.chars().count()..];
        }
        if let Some(w) = SUFFIX_FILLER.iter().find(|w| ends(s, w)) {
            s = &s[..s.len() - w.chars().count()];
        }
        if s.len() == before {
            break;
        }
    }
    if WHOLE_FILLER.iter().any(|w| w.chars().eq(s.iter().copied())) {
        return &[];
    }
    s
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// True when `a` and `b` differ by at most one inserted, deleted or replaced character.
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix..].iter().skip(1).eq(long[prefix..].iter().skip(1))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

fn dedup<T: PartialEq>(it: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for x in it {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Text rendering for the CLI.

/// Chinese label of a row role, as shown to readers.
pub fn role_label_zh(role: &str) -> &'static str {
    match role {
        "lead" => "牵头",
        "responsible_first" => "列首位的责任单位（按惯例视为牵头）",
        "support" => "参与（参加/配合单位）",
        "responsible" => "参与（责任单位，非首位）",
        "collective" => "通过统称涉及",
        _ => "相关任务",
    }
}

fn family_label_zh(role: &str) -> &'static str {
    match role {
        "lead" => "牵头（含列首位的责任单位）",
        "join" => "参与",
        _ => "全部角色",
    }
}

fn item_ref(it: &AnswerItem) -> String {
    match &it.number {
        Some(n) => format!("{} · 第{}项", it.plan, n),
        None => format!("{} · 第{}条", it.plan, it.seq),
    }
}

fn units_line(it: &AnswerItem) -> String {
    let mut parts = Vec::new();
    if !it.lead.is_empty() {
        parts.push(format!("牵头：{}", it.lead.join("、")));
    }
    if !it.support.is_empty() {
        parts.push(format!("{}：{}", if it.lead.is_empty() { "参加" } else { "参加/责任" }, it.support.join("、")));
    }
    if !it.responsible.is_empty() {
        parts.push(format!("责任单位：{}", it.responsible.join("、")));
    }
    if parts.is_empty() {
        "（未列单位）".to_string()
    } else {
        parts.join("；")
    }
}

/// A window of `text` around its first highlight, matches wrapped in 【】.
fn snippet(text: &str, marks: &[&Highlight]) -> String {
    const BEFORE: usize = 20;
    const WIDTH: usize = 80;
    let chars: Vec<char> = text.chars().collect();
    let from = marks.first().map_or(0, |m| m.start.saturating_sub(BEFORE));
    let to = (from + WIDTH).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    for (i, c) in chars.iter().enumerate().take(to).skip(from) {
        if marks.iter().any(|m| m.start == i) {
            out.push('【');
        }
        out.push(*c);
        if marks.iter().any(|m| m.end == i + 1) {
            out.push('】');
        }
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// A readable answer: grouped by place, then by role (unit answers) or ranked (topic and
/// keyword answers), with the summary of units for topic answers.
pub fn render_answer_text(a: &Answer) -> String {
    let mut out = String::new();
    out.push_str(&format!("问：{}\n", a.question.trim()));
    let mut head = Vec::new();
    match a.intent.as_str() {
        "unit" => {
            if let Some(u) = &a.unit {
                head.push(format!("单位：{u}"));
            }
            if let Some(r) = &a.role {
                head.push(format!("问法：{}", family_label_zh(r)));
            }
        }
        "topic" => {
            if let Some(t) = &a.topic {
                head.push(format!("主题：{t}"));
            }
            if let Some(r) = &a.role {
                head.push(format!("问法：{}", family_label_zh(r)));
            }
        }
        "keyword" => head.push(format!("关键词：{}", a.keywords.join(" + "))),
        _ => {}
    }
    if let Some(p) = &a.place {
        head.push(format!("地区：{p}"));
    }
    if a.intent != "empty" {
        head.push(format!("共 {} 条", a.results.len()));
    }
    if !head.is_empty() {
        out.push_str(&head.join(" ｜ "));
        out.push('\n');
    }
    if let Some(m) = &a.message {
        out.push_str(&format!("提示：{m}\n"));
    }
    if !a.suggestions.is_empty() {
        out.push_str(&format!("您可以试试：{}\n", a.suggestions.join("；")));
    }

    if a.intent == "topic" && !a.summary.is_empty() {
        out.push_str("\n单位统计（牵头最多者在前）：\n");
        for s in &a.summary {
            out.push_str(&format!(
                "  {}（{}）牵头 {} · 列首位责任 {} · 参加 {} · 其他责任 {}\n",
                s.unit, s.place, s.lead, s.responsible_first, s.support, s.responsible
            ));
        }
    }

    // Group rows by place, keeping first-seen order.
    let mut places: Vec<&str> = Vec::new();
    for it in &a.results {
        if !places.contains(&it.jurisdiction.as_str()) {
            places.push(&it.jurisdiction);
        }
    }
    for place in places {
        out.push_str(&format!("\n━━ {place} ━━\n"));
        let rows: Vec<&AnswerItem> = a.results.iter().filter(|it| it.jurisdiction == place).collect();
        // Groups: (unit, role, via) for unit answers; one group otherwise.
        let mut groups: Vec<(String, Vec<&AnswerItem>)> = Vec::new();
        for it in rows {
            let label = if a.intent == "unit" {
                let unit = it.unit.clone().unwrap_or_default();
                match (&it.via, it.role.as_str()) {
                    (Some(via), "collective") => format!("{unit} · 通过“{via}”等涉及"),
                    _ => format!("{unit} · {}", role_label_zh(&it.role)),
                }
            } else {
                String::new()
            };
            match groups.iter_mut().find(|(l, _)| *l == label) {
                Some((_, v)) => v.push(it),
                None => groups.push((label, vec![it])),
            }
        }
        for (label, items) in groups {
            if !label.is_empty() {
                out.push_str(&format!("【{label}】{} 条\n", items.len()));
            }
            for (i, it) in items.iter().enumerate() {
                out.push_str(&format!("  {}. {}\n", i + 1, it.title));
                out.push_str(&format!("     {}\n", item_ref(it)));
                let text_marks: Vec<&Highlight> = it.highlights.iter().filter(|h| h.field == "text").collect();
                if !text_marks.is_empty() {
                    out.push_str(&format!("     {}\n", snippet(&it.text, &text_marks)));
                }
                out.push_str(&format!("     {}\n", units_line(it)));
            }
        }
    }
    out
}

/// A readable directory: by place, then kind; each unit with its role counts, other printed
/// forms, and for collectives the units they cover.
pub fn render_units_text(units: &[UnitEntry]) -> String {
    let mut out = String::new();
    let mut place = "";
    let mut kind = "";
    for u in units {
        if u.place != place {
            place = &u.place;
            kind = "";
            let n = units.iter().filter(|x| x.place == u.place).count();
            out.push_str(&format!("\n━━ {} ━━ {} 个单位\n", u.place, n));
        }
        if u.kind != kind {
            kind = &u.kind;
            out.push_str(&format!("  {}\n", kind_label_zh(&u.kind)));
        }
        out.push_str(&format!(
            "    {}  牵头 {} · 列首位责任 {} · 参加 {} · 其他责任 {} · 经统称 {}",
            u.name, u.lead, u.responsible_first, u.support, u.responsible, u.collective
        ));
        let others: Vec<&str> = u.aliases.iter().filter(|a| **a != u.name).map(String::as_str).collect();
        if !others.is_empty() {
            out.push_str(&format!("  又作：{}", others.join("、")));
        }
        out.push('\n');
        if u.kind == "collective" {
            if u.members.is_empty() {
                out.push_str("      涵盖：（本地未列出具体单位）\n");
            } else {
                out.push_str(&format!("      涵盖 {} 个：{}\n", u.members.len(), u.members.join("、")));
            }
        }
    }
    out
}

fn kind_label_zh(kind: &str) -> &'static str {
    Kind::parse(kind).map_or("其他", Kind::label_zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_one_edit(&c("区司法局"), &c("区司法句")));
        assert!(within_one_edit(&c("区司法局"), &c("区司局")));
        assert!(within_one_edit(&c("区司法局"), &c("区司法局x")));
        assert!(!within_one_edit(&c("区司法局"), &c("区法司局")));
        assert!(within_one_edit(&c(""), &c("a")));
    }

    /// The browser serialises the borrowed view, the CLI the owned answer: same JSON.
    #[test]
    fn intent_numbers_are_positions_in_all() {
        for (i, intent) in Intent::ALL.into_iter().enumerate() {
            assert_eq!(intent as u32 as usize, i);
        }
    }

    #[test]
    fn answer_view_serialises_as_the_answer() {
        let docs = crate::corpus::default_documents().expect("default corpus");
        let engine = Engine::new(docs.into_iter().flat_map(|d| d.measures).collect());
        for q in [
            "区司法局牵头哪些任务？",
            "下陆区的区司法局参与哪些任务",
            "司法局负责什么",
            "行政复议谁牵头",
            "区司法局 行政复议",
            "执法 监督",
            "区司法句",
            "量子计算机",
            "",
        ] {
            let view = serde_json::to_value(engine.ask_view(q)).unwrap();
            let owned = serde_json::to_value(engine.ask(q)).unwrap();
            assert_eq!(view, owned, "{q}");
            assert!(!view["intent"].as_str().unwrap().is_empty(), "{q}");
        }
    }

    #[test]
    fn filler() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let s = |x: &str| strip_filler(&c(x)).iter().collect::<String>();
        assert_eq!(s("哪些任务"), "");
        assert_eq!(s("的行政复议任务有哪些"), "行政复议");
        assert_eq!(s("法律顾问相关任务由"), "法律顾问");
        assert_eq!(s("了哪些工作"), "");
        assert_eq!(s("和"), "");
        assert_eq!(s("和解"), "和解");
    }
}
