//! Answering a [`Reading`] by ids: unit answers (one unit, several combined, or with a topic),
//! topic answers, keyword answers and structural answers. Nothing here copies text; the
//! [`Hits`] become an [`super::Answer`] in `mod.rs`.

use super::reading::{Reading, UnitGroup};
use super::suggest::{dedup, MAX_SUGGESTIONS};
use super::vocabulary::{Combine, Structural, RANKING_WORDS};
use super::{Engine, Family, Intent};
use crate::index::{fold_phrase, Occurrence, RowRole};
use crate::text::{cat, decimal};
use crate::units::{PlaceId, UnitId};

// Ranking knobs (keyword and topic answers). Results are ordered by, in turn:
// 1. how many of the phrases occur in the title (more first): a title names what a measure is;
// 2. match density, matched chars per text char (higher first), with the text length padded by
//    DENSITY_PADDING so a 10-char text with one hit does not outrank a paragraph about the topic;
// 3. document order.

/// Chars added to a text's length when computing match density.
pub const DENSITY_PADDING: u32 = 20;

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
    /// For a measure several asked units share: `Hits::shared[shared.0..shared.1]`.
    pub shared: (u32, u32),
}

impl Row {
    /// A row of a topic, keyword or structural answer: a measure and its highlights.
    fn matched(measure: u32, marks: (u32, u32)) -> Row {
        Row { measure, role: RowRole::Match, unit: None, via: None, via_role: None, marks, shared: (0, 0) }
    }
}

/// Role counts of one unit within an answer: lead, responsible_first, support, responsible,
/// collective.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub unit: UnitId,
    pub counts: [usize; 5],
}

/// An answer by ids: what [`Engine::search`] returns, cheap to compute.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    pub intent: Intent,
    pub family: Option<Family>,
    /// Units the question is about (after place restriction).
    pub units: Vec<UnitId>,
    /// Unit names as the question wrote them (or as a typo was read).
    pub unit_text: Vec<String>,
    /// Places the question names.
    pub places: Vec<PlaceId>,
    /// Plans the question names.
    pub plans: Vec<u32>,
    pub topic: Option<String>,
    pub keywords: Vec<String>,
    pub combine: Option<Combine>,
    pub count: Option<usize>,
    pub structural: Option<Structural>,
    pub unknown: Vec<String>,
    pub rows: Vec<Row>,
    pub marks: Vec<Mark>,
    pub shared: Vec<(UnitId, RowRole)>,
    pub summary: Vec<Tally>,
    pub suggestions: Vec<String>,
    pub message: Option<String>,
}

/// Measures a keyword filter lets through, each with its highlight range.
type Filter = Option<Vec<(u32, (u32, u32))>>;

/// A measure's highlight range if the filter lets it through (no highlights when there is no
/// filter); `None` when the filter holds it back.
fn filter_marks(filter: &Filter, m: u32) -> Option<(u32, u32)> {
    match filter {
        None => Some((0, 0)),
        Some(f) => f.binary_search_by_key(&m, |&(x, _)| x).ok().map(|i| f[i].1),
    }
}

fn add_note(h: &mut Hits, note: String) {
    h.message = Some(match h.message.take() {
        Some(m) => m + &note,
        None => note,
    });
}

impl Engine {
    /// Answers a question by ids only (no text copied): the engine's fast path.
    pub fn search(&self, question: &str) -> Hits {
        let mut r = self.read(question);
        let mut h = Hits {
            family: r.family,
            places: r.places.clone(),
            plans: r.plans.clone(),
            unit_text: r.groups.iter().map(|g| g.text.clone()).collect(),
            structural: r.structural,
            unknown: std::mem::take(&mut r.unknown),
            ..Hits::default()
        };
        // A place and nothing else to find (下陆区一共有多少条任务, 下陆区有哪些任务, 宁远县的全部
        // 任务) asks for the place's measures: the text answer with no keyword lists every
        // measure in scope. (Asking who, or a role, with no unit or topic still asks which.)
        let whole_place = !r.places.is_empty() && (r.count || !r.who && r.family.is_none());
        // 哪个单位牵头的任务最多, 各单位牵头的任务数: no topic, but a ranking of the units, which
        // the answer's summary is (units by the measures they lead, or take part in): every
        // measure in scope, read as a who-question, and no one total.
        let ranks = r.groups.is_empty() && !r.topics.is_empty() && r.topics.iter().all(|t| RANKING_WORDS.contains(t));
        if ranks {
            r.topics.clear();
            r.relaxed.clear();
            r.who = true;
            r.count = false;
        }
        if !r.groups.is_empty() {
            self.unit_answer(&mut h, &r);
            // "人大代表" holds the name 人大 but is a phrase: when a cue-less unit + keyword
            // question finds nothing, the tokens as typed are searched instead.
            if h.rows.is_empty() && !r.topics.is_empty() && !r.has_cue() && r.corrected.is_empty() {
                let mut kw = Hits { intent: Intent::Keyword, places: r.places.clone(), plans: r.plans.clone(), ..Hits::default() };
                kw.keywords = r.raw_tokens();
                self.text_answer(&mut kw);
                if !kw.rows.is_empty() {
                    return kw;
                }
            }
        } else if let Some(s) = r.structural {
            self.structural_answer(&mut h, s, &r.topics);
        } else if r.topics.is_empty() && r.plans.is_empty() && !whole_place && !ranks {
            h.message = Some(if r.has_cue() || !r.places.is_empty() {
                "请说明要查的单位（如“区司法局”）或主题（如“行政复议”）。".to_string()
            } else {
                "请输入单位、主题或关键词，例如“区司法局牵头哪些任务”“行政复议谁牵头”。".to_string()
            });
            h.suggestions = self.top_units(&r.places);
        } else {
            if r.who || r.family.is_some() {
                h.intent = Intent::Topic;
                h.family = Some(r.family.unwrap_or(Family::Any));
                h.topic = (!r.topics.is_empty()).then(|| r.topics.join(" "));
            } else {
                h.intent = Intent::Keyword;
            }
            h.keywords = r.topics.clone();
            self.text_answer(&mut h);
            if h.rows.is_empty() {
                // Nothing contains the phrase: maybe it was a unit name we do not know.
                self.unknown_unit(&mut h, &r);
            }
        }
        if r.count {
            let mut ms: Vec<u32> = h.rows.iter().filter(|row| row.role != RowRole::Collective).map(|row| row.measure).collect();
            ms.sort_unstable();
            ms.dedup();
            h.count = Some(ms.len());
            let via = h.rows.iter().filter(|row| row.role == RowRole::Collective).count();
            if via > 0 {
                add_note(&mut h, cat(&["另有 ", &decimal(via as u64), " 条是通过统称（如“区直各单位”）涉及的，未计入。"]));
            }
        }
        if !r.lead_in.is_empty() {
            add_note(&mut h, cat(&["“", &r.lead_in.join("”“"), "”是说明，没有用作筛选。"]));
        }
        for (dropped, kept) in &r.relaxed {
            let kept = kept.join("”“");
            add_note(&mut h, cat(&["没有任务同时含“", &kept, "”和“", &dropped.join("”“"), "”，按“", &kept, "”回答。"]));
        }
        for (typed, read) in r.corrected.iter().rev() {
            let note = cat(&["没有找到“", typed, "”，按“", read, "”回答。"]);
            h.message = Some(match h.message.take() {
                Some(m) => note + &m,
                None => note,
            });
        }
        h
    }

    /// Whether a measure is inside the question's scope (its places and plans).
    fn in_scope(&self, m: u32, places: &[PlaceId], plans: &[u32]) -> bool {
        (places.is_empty() || places.contains(&self.roles.measure_place[m as usize]))
            && (plans.is_empty() || plans.contains(&self.measure_plan[m as usize]))
    }

    fn holds(&self, s: Option<Structural>, m: u32) -> bool {
        s.is_none_or(|s| self.measures.get(m as usize).is_some_and(|x| s.holds(&x.lead, &x.support, &x.responsible)))
    }

    /// The keyword filter of a unit or structural answer: measures holding every topic word.
    fn topic_filter(&self, h: &mut Hits, topics: &[String]) -> Filter {
        if topics.is_empty() {
            return None;
        }
        h.keywords = topics.to_vec();
        let kw = self.keyword_search(topics, &h.places, &h.plans);
        let mut by_measure: Vec<(u32, (u32, u32))> = kw.rows.iter().map(|r| (r.measure, r.marks)).collect();
        by_measure.sort_unstable_by_key(|&(m, _)| m);
        h.marks = kw.marks;
        Some(by_measure)
    }

    // -- unit answers -------------------------------------------------------------------------

    #[inline(never)]
    fn unit_answer(&self, h: &mut Hits, r: &Reading) {
        let family = r.family.unwrap_or(Family::Any);
        h.intent = Intent::Unit;
        h.family = Some(family);
        // Each named unit's ids, within the places asked about.
        let mut groups: Vec<Vec<UnitId>> = Vec::with_capacity(r.groups.len());
        for g in &r.groups {
            let mut units = g.units.clone();
            if !h.places.is_empty() {
                units.retain(|u| h.places.contains(&self.dir.units[*u as usize].place));
                if units.is_empty() {
                    let places: Vec<&str> = h.places.iter().map(|p| self.place_name(*p)).collect();
                    h.message = Some(cat(&[&places.join("、"), "没有名为“", &g.text, "”的单位。"]));
                    h.suggestions = dedup(g.units.iter().map(|&u| cat(&[self.unit_name(u), "（", self.place_of(u), "）"])))
                        .into_iter()
                        .take(MAX_SUGGESTIONS)
                        .collect();
                    return;
                }
            }
            groups.push(units);
        }
        let mut units: Vec<UnitId> = if groups.len() == 1 { groups[0].clone() } else { groups.concat() };
        units.sort_by_key(|&u| (self.dir.units[u as usize].place, u));
        units.dedup();
        // 区司法局牵头，区财政局配合的任务: a different role word after each unit asks for the
        // measures that have each in its role (shared_rows).
        let each_own = r.groups.iter().all(|g| g.family.is_some()) && r.groups.iter().any(|g| g.family != r.groups[0].family);
        if groups.len() >= 2 {
            h.combine = Some(if each_own || r.all && !r.any { Combine::All } else { Combine::Any });
        }
        let filter = self.topic_filter(h, &r.topics);
        if h.combine == Some(Combine::All) {
            self.shared_rows(h, &groups, &r.groups, family, &filter, r.structural);
        } else {
            self.each_unit_rows(h, &units, family, &filter, r.structural);
        }
        let total: usize = if h.rows.is_empty() { units.iter().map(|&u| self.unit_total(u)).sum() } else { 0 };
        h.units = units;
        if h.rows.is_empty() {
            self.no_unit_rows(h, family, total);
        }
    }

    /// The message of a unit question that found nothing (`total`: the units' measures in
    /// any role). A function of its own, like the other branches a first answer rarely takes:
    /// the browser compiles a function whole on its first call (see ARCHITECTURE.md).
    #[inline(never)]
    fn no_unit_rows(&self, h: &mut Hits, family: Family, total: usize) {
        let name = self.units_label(h);
        let asked = match family {
            Family::Lead => "牵头的",
            Family::Join => "参与的",
            Family::Any => "",
        };
        let together = if h.combine == Some(Combine::All) { "共同" } else { "" };
        h.message = Some(if h.keywords.is_empty() && h.plans.is_empty() && h.structural.is_none() && together.is_empty() {
            if total > 0 && family != Family::Any {
                cat(&["没有找到", &name, asked, "任务；它共涉及 ", &decimal(total as u64), " 项任务，可问“", &name, "负责什么”。"])
            } else {
                cat(&["没有找到", &name, asked, "任务。"])
            }
        } else if h.keywords.is_empty() {
            cat(&["没有找到", &name, together, asked, "任务（在所问范围内）。"])
        } else {
            cat(&["没有找到", &name, together, asked, "、含“", &h.keywords.join("”“"), "”的任务。"])
        });
    }

    /// Rows of each unit on its own (one unit, or several joined by 或/和): by place, then by
    /// role, then unit; collective rows of each place last.
    fn each_unit_rows(&self, h: &mut Hits, units: &[UnitId], family: Family, filter: &Filter, s: Option<Structural>) {
        let plans = h.plans.clone();
        let lookup = |m: u32| -> Option<(u32, u32)> {
            if !self.in_scope(m, &[], &plans) || !self.holds(s, m) {
                return None;
            }
            filter_marks(filter, m)
        };
        let mut tallies: Vec<Tally> = units.iter().map(|&u| Tally { unit: u, counts: [0; 5] }).collect();
        let postings: usize =
            units.iter().map(|&u| family.named_roles().iter().map(|&r| self.roles.units[u as usize].named(r).len()).sum::<usize>()).sum();
        h.rows.reserve(postings);
        let mut g = 0;
        while g < units.len() {
            let place = self.dir.units[units[g] as usize].place;
            let end = units[g..].iter().position(|&u| self.dir.units[u as usize].place != place).map_or(units.len(), |k| g + k);
            for &role in family.named_roles() {
                for (k, &u) in units[g..end].iter().enumerate() {
                    for &m in self.roles.units[u as usize].named(role) {
                        if let Some(marks) = lookup(m) {
                            h.rows.push(Row { measure: m, role, unit: Some(u), via: None, via_role: None, marks, shared: (0, 0) });
                            tallies[g + k].counts[role.slot()] += 1;
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
                            shared: (0, 0),
                        });
                        tallies[g + k].counts[4] += 1;
                    }
                }
            }
            g = end;
        }
        h.summary = tallies;
    }

    /// Rows of the measures every asked unit is named in with a role of the family (共同):
    /// one row per measure, in corpus order, with each unit's role. Each of `groups` (the units
    /// of each of `read`) is in the role said right after its name (区司法局牵头，区财政局配合),
    /// or else in `family`.
    #[inline(never)]
    fn shared_rows(
        &self,
        h: &mut Hits,
        groups: &[Vec<UnitId>],
        read: &[UnitGroup],
        family: Family,
        filter: &Filter,
        s: Option<Structural>,
    ) {
        let plans = h.plans.clone();
        // Per group: each measure with the unit and role it was first met with (roles in the
        // family's order), as keys `measure << 32 | n` into `met`, sorted, one per measure. Sorted
        // u128s and linear tallies, not BTreeMaps: the u128 sort is in the browser module already,
        // each BTreeMap type would be ~0.5 KB gz more of it.
        let mut met: Vec<(UnitId, RowRole)> = Vec::new();
        let per_group: Vec<Vec<u128>> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let mut keys: Vec<u128> = Vec::new();
                for &role in read[i].family.unwrap_or(family).named_roles() {
                    for &u in g {
                        for &m in self.roles.units[u as usize].named(role) {
                            keys.push(u128::from(m) << 32 | met.len() as u128);
                            met.push((u, role));
                        }
                    }
                }
                keys.sort_unstable();
                keys.dedup_by(|later, first| *later >> 32 == *first >> 32);
                keys
            })
            .collect();
        let find = |g: &[u128], m: u32| g.binary_search_by(|k| ((*k >> 32) as u32).cmp(&m)).ok().map(|i| met[g[i] as u32 as usize]);
        for &key in &per_group[0] {
            let m = (key >> 32) as u32;
            if !per_group[1..].iter().all(|g| find(g, m).is_some()) || !self.in_scope(m, &[], &plans) || !self.holds(s, m) {
                continue;
            }
            let Some(marks) = filter_marks(filter, m) else { continue };
            let from = h.shared.len() as u32;
            for g in &per_group {
                let Some((u, role)) = find(g, m) else { continue };
                h.shared.push((u, role));
                // The summary in unit order, as the units' ids sort.
                let at = h.summary.iter().position(|t| t.unit >= u).unwrap_or(h.summary.len());
                if h.summary.get(at).is_none_or(|t| t.unit != u) {
                    h.summary.insert(at, Tally { unit: u, counts: [0; 5] });
                }
                h.summary[at].counts[role.slot()] += 1;
            }
            let (u0, role0) = met[key as u32 as usize];
            h.rows.push(Row {
                measure: m,
                role: role0,
                unit: Some(u0),
                via: None,
                via_role: None,
                marks,
                shared: (from, h.shared.len() as u32),
            });
        }
    }

    fn unit_total(&self, u: UnitId) -> usize {
        let p = &self.roles.units[u as usize];
        p.named.iter().map(Vec::len).sum::<usize>() + p.collective.len()
    }

    // -- structural answers -------------------------------------------------------------------

    /// The measures of the scope with the shape asked about (没有牵头单位…), in corpus order.
    #[inline(never)]
    fn structural_answer(&self, h: &mut Hits, s: Structural, topics: &[String]) {
        h.intent = Intent::Structural;
        h.family = None;
        let filter = self.topic_filter(h, topics);
        for m in 0..self.measures.len() as u32 {
            if !self.in_scope(m, &h.places, &h.plans) || !self.holds(Some(s), m) {
                continue;
            }
            let Some(marks) = filter_marks(&filter, m) else { continue };
            h.rows.push(Row::matched(m, marks));
        }
        if s == Structural::NoLead {
            let by_first = h.rows.iter().filter(|r| !self.measures[r.measure as usize].responsible.is_empty()).count();
            if by_first > 0 {
                add_note(h, cat(&["其中 ", &decimal(by_first as u64), " 条列有责任单位，按惯例由列首位的责任单位牵头。"]));
            }
        }
        if h.rows.is_empty() {
            add_note(h, "所问范围内没有这样的任务。".to_string());
        }
    }

    // -- keyword and topic answers ------------------------------------------------------------

    /// Answers `h.keywords` as exact phrases (all of them, in title or text); with no keyword,
    /// every measure of the plans asked about.
    #[inline(never)]
    fn text_answer(&self, h: &mut Hits) {
        if h.keywords.is_empty() {
            for m in 0..self.measures.len() as u32 {
                if self.in_scope(m, &h.places, &h.plans) {
                    h.rows.push(Row::matched(m, (0, 0)));
                }
            }
        } else {
            let kw = self.keyword_search(&h.keywords, &h.places, &h.plans);
            h.marks = kw.marks;
            h.rows = kw.rows.iter().map(|r| Row::matched(r.measure, r.marks)).collect();
        }
        if h.intent == Intent::Topic {
            h.summary = self.topic_summary(&h.rows, h.family.unwrap_or(Family::Any));
        }
        if h.rows.is_empty() {
            let scope = h.places.iter().map(|p| self.place_name(*p)).collect::<Vec<_>>().join("、");
            h.message = Some(cat(&[&scope, "没有任务的标题或正文含“", &h.keywords.join("”“"), "”。"]));
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
                c[role.slot()] += 1;
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

    /// Every measure whose title or text contains every phrase (in the given places and plans,
    /// if any), ranked (see the ranking knobs above), each with all its matches as highlights.
    pub(super) fn keyword_search(&self, phrases: &[String], places: &[PlaceId], plans: &[u32]) -> KeywordHits {
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
            let mut ms: Vec<u32> = Vec::with_capacity(occ.len());
            for o in &occ {
                if ms.last() != Some(&o.measure) {
                    ms.push(o.measure);
                }
            }
            if !places.is_empty() || !plans.is_empty() {
                ms.retain(|m| self.in_scope(*m, places, plans));
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

        // Sized once: a frequent phrase (执法) has hundreds of rows and marks, which grew the
        // Vecs a doubling at a time on every question.
        let mut out =
            KeywordHits { rows: Vec::with_capacity(candidates.len()), marks: Vec::with_capacity(occurrences.iter().map(Vec::len).sum()) };
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
            // One phrase's marks come in this order already (titles first, by offset): only
            // several phrases' need sorting.
            let marks = &mut out.marks[begin as usize..];
            if !marks.is_sorted_by_key(mark_order) {
                marks.sort_unstable_by_key(mark_order);
            }
            let density = (text_chars as u64 * 1_000_000) / (self.text_index().text_len(m) + DENSITY_PADDING) as u64;
            out.rows.push(KeywordRow { measure: m, title_hits, density, marks: (begin, out.marks.len() as u32) });
        }
        // Most title hits first, then densest, then by measure. The rows are in measure order,
        // so their index breaks ties as the measure does: the sort orders one integer key per
        // row (index in the low bits), and the rows are then put in that order. Sorting the
        // rows themselves moved 24-byte rows byte by byte in the size-optimised wasm build's
        // sort, a sixth of a keyword question there.
        let mut keys: Vec<u128> = out
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| u128::from(u32::MAX - r.title_hits) << 96 | u128::from(u64::MAX - r.density) << 32 | i as u128)
            .collect();
        keys.sort_unstable();
        out.rows = keys.iter().map(|&k| out.rows[(k as u32) as usize]).collect();
        out
    }
}

/// The order of one measure's highlights: titles first, by offset.
fn mark_order(mk: &Mark) -> (bool, u32, u32) {
    (!mk.in_title, mk.start, mk.end)
}

#[derive(Debug, Default)]
pub(super) struct KeywordHits {
    pub(super) rows: Vec<KeywordRow>,
    marks: Vec<Mark>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct KeywordRow {
    measure: u32,
    title_hits: u32,
    density: u64,
    marks: (u32, u32),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Keyword rows rank by most title hits, then density, then measure; each row's highlights
    /// come titles first, by offset (one phrase, and several whose marks interleave).
    #[test]
    fn keyword_rows_rank_by_title_hits_then_density_then_measure() {
        let engine = crate::query::Engine::over_default_corpus();
        for q in [&["执法"][..], &["行政复议"], &["法治", "建设"], &["重大行政决策", "听证"], &["公示", "执法"]] {
            let phrases: Vec<String> = q.iter().map(|s| s.to_string()).collect();
            let kw = engine.keyword_search(&phrases, &[], &[]);
            assert!(kw.rows.len() > 1, "{q:?}");
            let mut want = kw.rows.clone();
            want.sort_by(|a, b| b.title_hits.cmp(&a.title_hits).then(b.density.cmp(&a.density)).then(a.measure.cmp(&b.measure)));
            let ids = |rows: &[KeywordRow]| rows.iter().map(|r| r.measure).collect::<Vec<_>>();
            assert_eq!(ids(&kw.rows), ids(&want), "{q:?}");
            for r in &kw.rows {
                assert!(kw.marks[r.marks.0 as usize..r.marks.1 as usize].is_sorted_by_key(mark_order), "{q:?}");
            }
        }
    }

    /// A place with nothing else to find lists (or counts) every measure of the place; asking
    /// who, or a role, with no unit or topic asks which.
    #[test]
    fn a_place_alone_is_every_measure_of_the_place() {
        let engine = crate::query::Engine::over_default_corpus();
        let in_place = |p: &str| engine.measures().iter().filter(|m| m.jurisdiction == p).count();
        for (q, place) in [("下陆区有哪些任务", "下陆区"), ("列出宁远县的全部任务", "宁远县"), ("资阳区", "资阳区")]
        {
            let h = engine.search(q);
            let mut ms: Vec<u32> = h.rows.iter().map(|r| r.measure).collect();
            ms.sort_unstable();
            ms.dedup();
            assert_eq!(ms.len(), in_place(place), "{q}");
            assert!(h.rows.iter().all(|r| engine.measures()[r.measure as usize].jurisdiction == place), "{q}");
        }
        assert_eq!(engine.search("下陆区一共有多少项任务").count, Some(in_place("下陆区")));
        for q in ["下陆区谁牵头", "资阳区牵头的"] {
            let h = engine.search(q);
            assert!(h.rows.is_empty() && h.message.is_some(), "{q}");
        }
    }

    /// Asking which unit does most, or for every unit, with no topic, is every measure in
    /// scope read as a who-question: the summary ranks the units.
    #[test]
    fn a_ranking_of_units_is_every_measure_by_role() {
        let engine = crate::query::Engine::over_default_corpus();
        for (q, family, n) in
            [("哪个单位牵头的任务最多", Family::Lead, engine.measures().len()), ("资阳区哪些部门参与最多", Family::Join, 112)]
        {
            let h = engine.search(q);
            let mut ms: Vec<u32> = h.rows.iter().map(|r| r.measure).collect();
            ms.sort_unstable();
            ms.dedup();
            assert!(h.intent == Intent::Topic && h.family == Some(family) && h.keywords.is_empty() && h.topic.is_none(), "{q}");
            assert_eq!(ms.len(), n, "{q}");
            assert!(!h.summary.is_empty() && h.count.is_none() && h.message.is_none(), "{q}");
        }
        // With a topic, the ranking word asks nothing more.
        assert_eq!(engine.search("行政复议谁牵头最多").keywords, ["行政复议"]);
    }

    /// Each unit in the role said right after it: the measures that have both, each unit in
    /// its role; one role word for both, or none, keeps its meaning.
    #[test]
    fn a_role_after_each_unit_is_that_units_role() {
        let engine = crate::query::Engine::over_default_corpus();
        let h = engine.search("区司法局牵头，区公安局配合的任务");
        assert_eq!(h.combine, Some(Combine::All));
        assert!(!h.rows.is_empty());
        for row in &h.rows {
            let roles: Vec<RowRole> = h.shared[row.shared.0 as usize..row.shared.1 as usize].iter().map(|&(_, role)| role).collect();
            assert_eq!(roles.len(), 2);
            assert!(Family::Lead.named_roles().contains(&roles[0]) && Family::Join.named_roles().contains(&roles[1]), "{roles:?}");
        }
        // Both in the one role, asked of each: every measure of either.
        assert_eq!(engine.search("区司法局牵头的任务和区公安局牵头的任务").combine, Some(Combine::Any));
    }
}
