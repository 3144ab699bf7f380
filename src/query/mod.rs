//! Questions in Chinese → a reading → ranked, role-labelled results.
//!
//! The module is cut along the grammar:
//! - [`vocabulary`]: the words of questions that are not names (cues, conjunctions, filler);
//! - [`reading`]: question → [`reading::Reading`] (units, role, topic words, place, plan, count,
//!   conjunction, structural cue, words not understood);
//! - [`search`]: reading → [`Hits`] by ids (the fast path);
//! - [`answer`]: the serialisable [`Answer`], built here from hits;
//! - [`suggest`]: similar names and example questions when nothing matches;
//! - [`labels`]: every Chinese label of a machine name, for the CLI and the browser.
//!
//! [`Engine::search`] answers with ids only; [`Engine::ask`] materialises an [`Answer`]. Neither
//! panics, and both run in time linear in the question's length (times the deepest name in the
//! trie) plus the size of the answer.

pub mod answer;
pub mod classical;
pub mod everyday;
pub mod filler;
pub mod labels;
pub mod official;
pub mod pinyin;
pub mod reading;
pub mod search;
pub mod suggest;
pub mod vocabulary;

pub use answer::{
    Answer, AnswerItem, AnswerItemView, AnswerView, Family, Field, Highlight, Intent, SummaryRow, SummaryRowView, UnitEntry, UnitRef,
    UnitRefView, UnitRole, UnitRoleView,
};
pub use reading::Reading;
pub use search::{Hits, Mark, Row, Tally, DENSITY_PADDING};
pub use suggest::MAX_SUGGESTIONS;
pub use vocabulary::{Combine, Structural};

use crate::index::{Lexicon, RoleIndex, RowRole, TextIndex};
use crate::model::Measure;
use crate::units::{Directory, PlaceId, UnitId};
use everyday::EverydayTerms;
use pinyin::Pinyin;
use std::sync::OnceLock;
use suggest::dedup;
use vocabulary::Cue;

/// What a lexicon term stands for.
#[derive(Debug, Clone, Default)]
struct Term {
    units: Vec<UnitId>,
    place: Option<PlaceId>,
    cue: Option<Cue>,
}

/// The query engine: measures, unit directory and index, built once.
#[derive(Debug, Clone)]
pub struct Engine {
    measures: Vec<Measure>,
    dir: Directory,
    /// Built on first use (the first keyword, topic or unit + topic question): it is most of
    /// the build time, and a unit question, the usual first question, does not need it.
    text: OnceLock<TextIndex>,
    roles: RoleIndex,
    lexicon: Lexicon<Term>,
    /// Built on first use (a name the lexicon does not know: typo correction and suggestions);
    /// a first question naming a unit as printed does not need it.
    forms: OnceLock<UnitForms>,
    /// Plan titles, in corpus order, and each reduced for matching ([`reading::plan_core`]).
    plans: Vec<String>,
    plan_cores: Vec<Vec<char>>,
    /// Measure → index into `plans`.
    measure_plan: Vec<u32>,
    /// Everyday words for the plans' terms (none until set: [`Engine::set_everyday_terms`]).
    everyday: EverydayTerms,
    /// Which characters sound alike, to tell input-method slips (none until set:
    /// [`Engine::set_pinyin`]).
    pinyin: Pinyin,
}

impl Engine {
    /// Builds the directory and every index over `measures`.
    pub fn new(measures: Vec<Measure>) -> Engine {
        let (dir, printed) = Directory::build_printed(&measures);
        let roles = RoleIndex::build(&measures, &dir, &printed);

        let lexicon = Lexicon::build(lexicon_terms(&dir));

        let mut plans: Vec<String> = Vec::new();
        let mut measure_plan = Vec::with_capacity(measures.len());
        for m in &measures {
            // Measures of one plan are contiguous; look back first.
            let p = match plans.iter().rposition(|p| *p == m.plan) {
                Some(p) => p,
                None => {
                    plans.push(m.plan.clone());
                    plans.len() - 1
                }
            };
            measure_plan.push(p as u32);
        }
        let plan_cores = plans.iter().map(|p| reading::plan_core(p)).collect();
        Engine {
            measures,
            dir,
            text: OnceLock::new(),
            roles,
            lexicon,
            forms: OnceLock::new(),
            plans,
            plan_cores,
            measure_plan,
            everyday: EverydayTerms::default(),
            pinyin: Pinyin::default(),
        }
    }

    /// An engine over the embedded default corpus, for the query layer's tests.
    #[cfg(test)]
    pub(crate) fn over_default_corpus() -> Engine {
        let docs = crate::corpus::default_documents().expect("default corpus");
        let mut engine = Engine::new(docs.into_iter().flat_map(|d| d.measures).collect());
        engine.set_pinyin(Pinyin::built_in());
        engine
    }

    /// Takes the measures out, to change them and build a new engine from them: this engine
    /// then holds none and must be replaced before it answers again (its indexes still count
    /// the old measures).
    pub fn take_measures(&mut self) -> Vec<Measure> {
        std::mem::take(&mut self.measures)
    }

    /// Uses `terms` for everyday words in questions (上访 → 信访): the shipped list
    /// ([`EverydayTerms::default_list`]) and any county's additions. An engine starts with none.
    pub fn set_everyday_terms(&mut self, terms: EverydayTerms) {
        self.everyday = terms;
    }

    /// Uses `pinyin` to tell input-method slips in questions (社会信用管里 for 社会信用管理): the
    /// shipped table ([`Pinyin::built_in`]). An engine starts with none, and then corrects a
    /// slip only where no word could stand beside another instead.
    pub fn set_pinyin(&mut self, pinyin: Pinyin) {
        self.pinyin = pinyin;
    }

    /// The pinyin table in use, to carry it over to a rebuilt engine.
    pub fn take_pinyin(&mut self) -> Pinyin {
        std::mem::take(&mut self.pinyin)
    }

    /// The everyday words in use, to extend them or carry them over to a rebuilt engine.
    pub fn everyday_terms_mut(&mut self) -> &mut EverydayTerms {
        &mut self.everyday
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

    /// Every unit name form with its units, for typo correction and suggestions.
    fn unit_forms(&self) -> &UnitForms {
        self.forms.get_or_init(|| UnitForms::build(&self.dir))
    }

    /// The role postings.
    pub fn role_index(&self) -> &RoleIndex {
        &self.roles
    }

    /// How a question is read (for tools and tests; [`Engine::ask`] reports the same reading).
    pub fn reading(&self, question: &str) -> Reading {
        self.read(question)
    }

    /// Answers a question with a serialisable [`Answer`].
    pub fn ask(&self, question: &str) -> Answer {
        self.ask_view(question).to_owned()
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
                let shared = h.shared.get(r.shared.0 as usize..r.shared.1 as usize).unwrap_or(&[]);
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
                    role: r.role,
                    unit: r.unit.map(|u| self.unit_name(u)),
                    via: r.via.map(|u| self.unit_name(u)),
                    via_role: r.via_role,
                    shared: shared.iter().map(|&(u, role)| UnitRoleView { unit: self.unit_name(u), role }).collect(),
                    lead: &m.lead,
                    support: &m.support,
                    responsible: &m.responsible,
                    highlights: marks
                        .iter()
                        .map(|mk| Highlight {
                            field: if mk.in_title { Field::Title } else { Field::Text },
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
            intent: h.intent,
            unit,
            place,
            role: h.family,
            topic: h.topic,
            keywords: h.keywords,
            combine: h.combine,
            count: h.count,
            plans: h.plans.iter().filter_map(|&p| self.plans.get(p as usize).map(String::as_str)).collect(),
            structural: h.structural,
            unknown: h.unknown,
            results,
            summary,
            suggestions: h.suggestions,
            message: h.message,
            units,
        }
    }

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

    fn unit_ref_view(&self, u: UnitId) -> UnitRefView<'_> {
        let unit = &self.dir.units[u as usize];
        UnitRefView { place: self.place_name(unit.place), name: &unit.name, kind: unit.kind }
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
                    kind: unit.kind,
                    aliases: unit.surfaces.iter().map(|(s, _)| s.clone()).collect(),
                    lead: p.named[RowRole::Lead.slot()].len(),
                    responsible_first: p.named[RowRole::ResponsibleFirst.slot()].len(),
                    support: p.named[RowRole::Support.slot()].len(),
                    responsible: p.named[RowRole::Responsible.slot()].len(),
                    collective: p.collective.len(),
                    members: unit.members.iter().map(|&m| self.unit_name(m).to_string()).collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_by_key_folds_each_key_in_the_order_given() {
        let entries = vec![("b", vec![2]), ("c", vec![5]), ("a", vec![1]), ("b", vec![3]), ("b", vec![4])];
        let merged = merge_by_key(entries, |into: &mut Vec<i32>, v| into.extend(v));
        assert_eq!(merged, vec![("a", vec![1]), ("b", vec![2, 3, 4]), ("c", vec![5])]);
        assert!(merge_by_key(Vec::<(u8, u8)>::new(), |_, _| {}).is_empty());
    }

    /// The lexicon's terms come from one sort of unit forms, place names and cue words, each
    /// spelling merged into one term: a form several places' units print holds all of them.
    #[test]
    fn lexicon_terms_merge_units_places_and_cues() {
        let engine = crate::query::Engine::over_default_corpus();
        let term = |w: &str| {
            let chars: Vec<char> = w.chars().collect();
            engine.lexicon.get(&chars).cloned().unwrap_or_else(|| panic!("{w} is a term"))
        };
        let sfj = term("区司法局");
        assert!(sfj.units.len() >= 2 && sfj.units.is_sorted(), "{:?}", sfj.units);
        assert!(sfj.units.iter().all(|&u| engine.dir.units[u as usize].key == "区司法局"));
        assert!(term(&engine.dir.places[0].name).place == Some(0));
        assert!(term("牵头").cue.is_some() && term("牵头").units.is_empty());
    }

    #[test]
    fn intent_numbers_are_positions_in_all() {
        for (i, intent) in Intent::ALL.into_iter().enumerate() {
            assert_eq!(intent as u32 as usize, i);
        }
    }

    /// The browser serialises the borrowed view, the CLI the owned answer: same JSON.
    #[test]
    fn answer_view_serialises_as_the_answer() {
        let engine = crate::query::Engine::over_default_corpus();
        for q in [
            "区司法局牵头哪些任务？",
            "下陆区的区司法局参与哪些任务",
            "司法局负责什么",
            "行政复议谁牵头",
            "区司法局 行政复议",
            "区司法局和区法院共同负责哪些任务",
            "哪些任务没有牵头单位",
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
}

/// Every unit name form a question may use (as chars and as text) with its units, in text
/// order, and the forms holding each character bigram: what typo correction and the
/// suggestions search.
#[derive(Debug, Clone)]
struct UnitForms {
    forms: Vec<(Vec<char>, String, Vec<UnitId>)>,
    /// Character bigram → indices into `forms` holding it, sorted by bigram.
    grams: Vec<((char, char), Vec<u32>)>,
}

impl UnitForms {
    fn build(dir: &Directory) -> UnitForms {
        let forms: Vec<(Vec<char>, String, Vec<UnitId>)> =
            unit_forms_by_text(dir).into_iter().map(|(f, units)| (f.chars().collect(), f, units)).collect();
        // Every (bigram, form) as one sortable u128, not a BTreeMap: the [u128] sort is in the
        // module already (the ranking's), a BTreeMap of this key type would be ~0.5 KB gz more.
        let mut keys: Vec<u128> = Vec::new();
        for (i, (chars, _, _)) in forms.iter().enumerate() {
            keys.extend(chars.windows(2).map(|w| u128::from(w[0]) << 64 | u128::from(w[1]) << 32 | i as u128));
        }
        keys.sort_unstable();
        let mut grams: Vec<((char, char), Vec<u32>)> = Vec::new();
        for k in keys {
            let char_at = |shift: u32| char::from_u32((k >> shift) as u32).unwrap_or_default();
            let (gram, form) = ((char_at(64), char_at(32)), k as u32);
            match grams.last_mut() {
                Some((g, v)) if *g == gram => {
                    if v.last() != Some(&form) {
                        v.push(form);
                    }
                }
                _ => grams.push((gram, vec![form])),
            }
        }
        UnitForms { forms, grams }
    }
}

/// Every form a question may name a unit by ([`Directory::question_forms`]), with the units it
/// names, in id order: the typo and suggestion forms.
fn unit_forms_by_text(dir: &Directory) -> Vec<(String, Vec<UnitId>)> {
    let mut pairs = Vec::new();
    push_unit_forms(dir, &mut pairs, |id| vec![id]);
    merge_by_key(pairs, |into, units| into.extend(units))
}

/// Pushes every question form of every unit ([`Directory::question_forms`]) with `meaning(id)`,
/// in id order.
fn push_unit_forms<M>(dir: &Directory, out: &mut Vec<(String, M)>, meaning: impl Fn(UnitId) -> M) {
    for id in 0..dir.units.len() as UnitId {
        out.extend(dir.question_forms(id).into_iter().map(|(form, _)| (form, meaning(id))));
    }
}

/// What one spelling of the lexicon stands for, before the spellings are merged.
enum Meaning {
    Unit(UnitId),
    Place(PlaceId),
    Cue(Cue),
}

/// The question lexicon's terms: every unit form, place name (and short name) and cue word, one
/// entry per spelling. Where one spelling is several of these, its units are kept in id order and
/// the later place or cue wins. One Vec of (spelling, meaning), sorted once (stably, so in the
/// order pushed) and folded: the browser's first load builds this, and the Vec of merged unit
/// forms, the second sort and the one-unit Vec per form it replaced cost that load ~1–2 ms.
#[inline(never)]
fn lexicon_terms(dir: &Directory) -> Vec<(String, Term)> {
    let mut entries: Vec<(String, Meaning)> = Vec::with_capacity(dir.units.len() * 4 + dir.places.len() * 2 + 64);
    push_unit_forms(dir, &mut entries, Meaning::Unit);
    for (pid, p) in dir.places.iter().enumerate() {
        for name in std::iter::once(&p.name).chain(p.short.iter()) {
            entries.push((name.clone(), Meaning::Place(pid as PlaceId)));
        }
    }
    for (word, pid) in places_by_level_word(dir) {
        entries.push((word, Meaning::Place(pid)));
    }
    entries.extend(vocabulary::cues().into_iter().map(|(w, cue)| (w, Meaning::Cue(cue))));
    let add = |term: &mut Term, meaning: Meaning| match meaning {
        Meaning::Unit(id) => term.units.push(id),
        Meaning::Place(pid) => term.place = Some(pid),
        Meaning::Cue(cue) => term.cue = Some(cue),
    };
    fold_by_key(
        entries,
        |meaning| {
            let mut term = Term::default();
            add(&mut term, meaning);
            term
        },
        add,
    )
}

/// "县里", "全区", "我市": a place named by its level alone, where the corpus holds one place
/// of that level (a county's portal asks about its own county so). With two districts, "区里"
/// names neither and stays filler.
fn places_by_level_word(dir: &Directory) -> Vec<(String, PlaceId)> {
    let mut out = Vec::new();
    for &level in crate::units::LEVELS {
        let mut of_level = dir.places.iter().enumerate().filter(|(_, p)| p.level == Some(level));
        let (Some((pid, _)), None) = (of_level.next(), of_level.next()) else { continue };
        for (before, after) in vocabulary::LEVEL_DEIXIS {
            let mut word = String::from(*before);
            word.push(level);
            word.push_str(after);
            out.push((word, pid as PlaceId));
        }
    }
    out
}

/// Sorts `entries` by key and folds each run of equal keys into its first entry with `merge`
/// (into, next). The sort is stable, so a key's entries are merged in the order given (the
/// maps this replaced cost the browser's first load more: see ARCHITECTURE.md).
fn merge_by_key<K: Ord, V>(entries: Vec<(K, V)>, merge: impl FnMut(&mut V, V)) -> Vec<(K, V)> {
    fold_by_key(entries, |v| v, merge)
}

/// [`merge_by_key`] into another type: each run of equal keys becomes `first(v)` of its first
/// entry, then `merge(into, next)` of each other, in the order given.
fn fold_by_key<K: Ord, V, A>(mut entries: Vec<(K, V)>, first: impl Fn(V) -> A, mut merge: impl FnMut(&mut A, V)) -> Vec<(K, A)> {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<(K, A)> = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        match out.last_mut() {
            Some((last, into)) if *last == k => merge(into, v),
            _ => out.push((k, first(v))),
        }
    }
    out
}
