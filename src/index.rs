//! The searchable model, built once per corpus:
//!
//! - [`TextIndex`]: every measure's title and text as one flat array of folded characters, with
//!   a postings list of positions for every character bigram. A phrase is found by taking the
//!   rarest of its bigrams and checking the whole phrase at each of that bigram's positions, so
//!   every occurrence is found (recall 1) and only real occurrences are kept (precision 1).
//! - [`RoleIndex`]: for every unit, the measures it leads, is first responsible for, supports,
//!   is otherwise responsible for, or reaches only through a collective name.
//! - [`Lexicon`]: a character trie of every name and cue a question may contain.
//!
//! Everything is plain vectors (sorted keys, offsets, positions), so the index can later be
//! written to a file and used in the browser as loaded, without rebuilding hash tables.

use crate::model::Measure;
use crate::text::fold_for_matching;
use crate::units::{Directory, FastMap, Kind, PlaceId, PlaceRun, UnitId, NOT_A_UNIT};
use serde::{Deserialize, Serialize};

/// Separates fields in [`TextIndex`]'s character array; never part of a phrase.
pub const SENTINEL: u32 = 0;

/// Phrase index over titles and texts. Field `2m` is the title of measure `m`, `2m + 1` its text.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TextIndex {
    /// Folded characters of every field, each field followed by [`SENTINEL`].
    chars: Vec<u32>,
    /// Where each field starts in `chars`; one extra entry past the end.
    field_start: Vec<u32>,
    /// Distinct bigram keys `(first << 32) | second`, ascending. `second` may be [`SENTINEL`]
    /// (a field's last character), so every character position starts exactly one bigram.
    keys: Vec<u64>,
    /// Positions of `keys[i]` are `positions[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    /// Bigram start positions in `chars`, ascending within each key.
    positions: Vec<u32>,
}

/// One occurrence of a phrase: the field it is in and its char offsets there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub measure: u32,
    pub in_title: bool,
    pub start: u32,
    pub end: u32,
}

/// Where [`TextIndex`] looks for a phrase's occurrences.
enum Candidates<'a> {
    /// These positions are exactly the occurrences (a phrase of one or two characters, or none).
    Exact(&'a [u32]),
    /// The postings of the phrase's rarest bigram, its `k`-th: each is an occurrence only if the
    /// whole phrase is found around it.
    Check { list: &'a [u32], k: usize },
}

fn to_code(c: char) -> u32 {
    match fold_for_matching(c) as u32 {
        SENTINEL => 0xFFFD,
        x => x,
    }
}

/// Folds a phrase the way the index folds text.
pub fn fold_phrase(s: &str) -> Vec<u32> {
    s.chars().map(to_code).collect()
}

/// [`fold_phrase`] of a phrase held as characters.
pub fn fold_chars(s: &[char]) -> Vec<u32> {
    s.iter().map(|&c| to_code(c)).collect()
}

impl TextIndex {
    /// Indexes the titles and texts of `measures`.
    pub fn build(measures: &[Measure]) -> TextIndex {
        let total: usize = measures.iter().map(|m| m.title.len() / 3 + m.text.len() / 3 + 2).sum();
        let mut chars = Vec::with_capacity(total);
        let mut field_start = Vec::with_capacity(measures.len() * 2 + 1);
        for m in measures {
            for field in [&m.title, &m.text] {
                field_start.push(chars.len() as u32);
                chars.extend(field.chars().map(to_code));
                chars.push(SENTINEL);
            }
        }
        field_start.push(chars.len() as u32);

        // Every field ends with SENTINEL, so windows of two cover every real character. One
        // hash pass numbers the distinct bigrams in order of appearance and counts them; the
        // numbers are then mapped to ranks among the sorted keys.
        let key = |w: &[u32]| ((w[0] as u64) << 32) | w[1] as u64;
        let mut ids: FastMap<u64, u32> = FastMap::default();
        let mut first_seen: Vec<u64> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        // Per position: the bigram's number, u32::MAX for positions that start none (SENTINEL).
        let mut at: Vec<u32> = Vec::with_capacity(chars.len());
        for w in chars.windows(2) {
            if w[0] == SENTINEL {
                at.push(u32::MAX);
                continue;
            }
            let id = *ids.entry(key(w)).or_insert_with(|| {
                first_seen.push(key(w));
                counts.push(0);
                (first_seen.len() - 1) as u32
            });
            counts[id as usize] += 1;
            at.push(id);
        }
        let mut order: Vec<u32> = (0..first_seen.len() as u32).collect();
        order.sort_unstable_by_key(|&id| first_seen[id as usize]);
        let keys: Vec<u64> = order.iter().map(|&id| first_seen[id as usize]).collect();
        // next[id]: where the next position of bigram `id` goes.
        let mut next = vec![0u32; first_seen.len()];
        let mut offsets = Vec::with_capacity(keys.len() + 1);
        let mut acc = 0u32;
        for &id in &order {
            offsets.push(acc);
            next[id as usize] = acc;
            acc += counts[id as usize];
        }
        offsets.push(acc);
        let mut positions = vec![0u32; acc as usize];
        for (p, &id) in at.iter().enumerate() {
            if id != u32::MAX {
                let slot = &mut next[id as usize];
                positions[*slot as usize] = p as u32;
                *slot += 1;
            }
        }
        TextIndex { chars, field_start, keys, offsets, positions }
    }

    /// Number of indexed characters (fields and separators).
    pub fn len_chars(&self) -> usize {
        self.chars.len()
    }

    /// Number of distinct bigrams.
    pub fn bigram_count(&self) -> usize {
        self.keys.len()
    }

    fn range_of(&self, lo_key: u64, hi_key: u64) -> (usize, usize) {
        let lo = self.keys.partition_point(|&k| k < lo_key);
        let hi = self.keys.partition_point(|&k| k < hi_key);
        (self.offsets[lo] as usize, self.offsets[hi] as usize)
    }

    fn postings(&self, a: u32, b: u32) -> &[u32] {
        let key = ((a as u64) << 32) | b as u64;
        match self.keys.binary_search(&key) {
            Ok(i) => &self.positions[self.offsets[i] as usize..self.offsets[i + 1] as usize],
            Err(_) => &[],
        }
    }

    /// Upper bound on the phrase's occurrences, cheap: used to search rare phrases first.
    pub fn estimate(&self, phrase: &[u32]) -> usize {
        match phrase {
            [] => 0,
            [c] => {
                let (lo, hi) = self.range_of((*c as u64) << 32, (*c as u64 + 1) << 32);
                hi - lo
            }
            _ => phrase.windows(2).map(|w| self.postings(w[0], w[1]).len()).min().unwrap_or(0),
        }
    }

    /// Where the occurrences of `phrase` are: every position of a slice, or the positions of a
    /// slice where the whole phrase is found (`check`).
    fn candidates(&self, phrase: &[u32]) -> Candidates<'_> {
        if phrase.is_empty() || phrase.contains(&SENTINEL) {
            return Candidates::Exact(&[]);
        }
        if let [c] = phrase {
            // All bigrams starting with c form one contiguous key range (its positions are in
            // key order, not ascending).
            let (lo, hi) = self.range_of((*c as u64) << 32, (*c as u64 + 1) << 32);
            return Candidates::Exact(&self.positions[lo..hi]);
        }
        if let [a, b] = phrase {
            // A two-character phrase is one bigram: its postings are exactly its positions.
            return Candidates::Exact(self.postings(*a, *b));
        }
        let mut best: Option<(usize, &[u32])> = None;
        for (k, w) in phrase.windows(2).enumerate() {
            let p = self.postings(w[0], w[1]);
            if p.is_empty() {
                return Candidates::Exact(&[]);
            }
            if best.is_none_or(|(_, b)| p.len() < b.len()) {
                best = Some((k, p));
            }
        }
        match best {
            Some((k, list)) => Candidates::Check { list, k },
            None => Candidates::Exact(&[]),
        }
    }

    /// Where the phrase starts if the rarest bigram's posting `p` (the phrase's `k`-th) is one
    /// of its occurrences.
    fn occurrence_at(&self, phrase: &[u32], p: u32, k: usize) -> Option<u32> {
        let s = (p as usize).checked_sub(k)?;
        let here = self.chars.get(s..s + phrase.len())?;
        // Char by char, not `==` on the slices: that is a memcmp call, which the wasm build
        // runs a byte at a time.
        here.iter().zip(phrase).all(|(a, b)| a == b).then_some(s as u32)
    }

    /// Start positions (in the flat array) of every occurrence of `phrase`, ascending.
    fn find_positions(&self, phrase: &[u32]) -> Vec<u32> {
        match self.candidates(phrase) {
            Candidates::Exact(all) => {
                let mut v = all.to_vec();
                if phrase.len() == 1 {
                    v.sort_unstable();
                }
                v
            }
            Candidates::Check { list, k } => list.iter().filter_map(|&p| self.occurrence_at(phrase, p, k)).collect(),
        }
    }

    /// How many times `phrase` (folded) occurs: [`TextIndex::find`]'s length, without building
    /// the occurrences (a question's reading counts dozens of pieces of it).
    pub fn count(&self, phrase: &[u32]) -> usize {
        match self.candidates(phrase) {
            Candidates::Exact(all) => all.len(),
            Candidates::Check { list, k } => list.iter().filter(|&&p| self.occurrence_at(phrase, p, k).is_some()).count(),
        }
    }

    /// Whether `phrase` (folded) occurs at all: stops at the first occurrence.
    pub fn contains(&self, phrase: &[u32]) -> bool {
        match self.candidates(phrase) {
            Candidates::Exact(all) => !all.is_empty(),
            Candidates::Check { list, k } => list.iter().any(|&p| self.occurrence_at(phrase, p, k).is_some()),
        }
    }

    /// The phrase the corpus holds most often that differs from `phrase` (folded, three
    /// characters or more) in exactly one Chinese character: (index of that character, the
    /// character the corpus has there, occurrences). `None` when there is none, or when two
    /// such phrases occur equally often (no way to tell which was meant). A mistyped topic
    /// (行政付议, 公益诉松) is one wrong character of a phrase the plans print.
    pub fn best_substitution(&self, phrase: &[u32]) -> Option<(usize, u32, usize)> {
        most_frequent(self.substitutions(phrase))
    }

    /// Every way of replacing one CJK character of `phrase` (three characters or more, folded)
    /// that the corpus prints: (position, character, occurrences).
    pub fn substitutions(&self, phrase: &[u32]) -> Vec<(usize, u32, usize)> {
        let n = phrase.len();
        if n < 3 || phrase.contains(&SENTINEL) {
            return Vec::new();
        }
        let is_cjk = |c: u32| (0x4E00..=0x9FFF).contains(&c);
        let mut seen: Vec<(usize, u32, usize)> = Vec::new();
        for i in 0..n {
            // Found by the longer side of the replaced character (its rarest bigram), then
            // checked whole.
            let from = if 2 * i + 1 >= n { 0 } else { i + 1 };
            let anchor = if from == 0 { &phrase[..i] } else { &phrase[from..] };
            let (list, k) = match self.candidates(anchor) {
                Candidates::Exact(list) => (list, 0),
                Candidates::Check { list, k } => (list, k),
            };
            for &p in list {
                let Some(here) = (p as usize).checked_sub(k + from).and_then(|s| self.chars.get(s..s + n)) else { continue };
                let c = here[i];
                let rest_same = here.iter().zip(phrase).enumerate().all(|(k, (a, b))| k == i || a == b);
                if c != phrase[i] && is_cjk(c) && rest_same {
                    match seen.iter_mut().find(|(k, x, _)| *k == i && *x == c) {
                        Some(e) => e.2 += 1,
                        None => seen.push((i, c, 1)),
                    }
                }
            }
        }
        seen
    }

    /// Every occurrence of `phrase` (already folded, see [`fold_phrase`]), in measure order,
    /// titles before texts, by offset.
    pub fn find(&self, phrase: &[u32]) -> Vec<Occurrence> {
        let n = phrase.len() as u32;
        let mut field = 0usize;
        self.find_positions(phrase)
            .into_iter()
            .map(|p| {
                // Positions ascend, so the field pointer only moves forward: galloping, as the
                // next occurrence is most often in the same or a near field, but may be
                // hundreds of fields on.
                let rest = &self.field_start[field + 1..];
                let mut end = 1;
                while end < rest.len() && rest[end - 1] <= p {
                    end *= 2;
                }
                field += rest[..end.min(rest.len())].partition_point(|&s| s <= p);
                let start = p - self.field_start[field];
                Occurrence { measure: (field / 2) as u32, in_title: field.is_multiple_of(2), start, end: start + n }
            })
            .collect()
    }

    /// Length in chars of a measure's text field.
    pub fn text_len(&self, measure: u32) -> u32 {
        let f = measure as usize * 2 + 1;
        match (self.field_start.get(f), self.field_start.get(f + 1)) {
            (Some(a), Some(b)) => b - a - 1,
            _ => 0,
        }
    }
}

/// How a unit takes part in a measure, or how a row came into an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// Named as 牵头单位.
    Lead,
    /// First 责任单位 of a measure with no 牵头单位: by convention the lead.
    ResponsibleFirst,
    /// Named as 参加/配合/协办单位, or 责任单位 next to a 牵头单位.
    Support,
    /// Named as 责任单位, not first.
    Responsible,
    /// Not named; reached through a collective name (区直各单位…) that covers it.
    Collective,
    /// A text match (keyword and topic answers).
    Match,
}

impl RowRole {
    pub const NAMED: [RowRole; 4] = [RowRole::Lead, RowRole::ResponsibleFirst, RowRole::Support, RowRole::Responsible];

    /// Stable machine name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            RowRole::Lead => "lead",
            RowRole::ResponsibleFirst => "responsible_first",
            RowRole::Support => "support",
            RowRole::Responsible => "responsible",
            RowRole::Collective => "collective",
            RowRole::Match => "match",
        }
    }

    /// Every role, in declaration order: `role as u8` is its index here (the browser's
    /// `find()` sends roles as these numbers; www/plan-lookup.js keeps the same list).
    pub const ALL: [RowRole; 6] =
        [RowRole::Lead, RowRole::ResponsibleFirst, RowRole::Support, RowRole::Responsible, RowRole::Collective, RowRole::Match];

    /// Inverse of [`RowRole::as_str`].
    pub fn parse(s: &str) -> Option<RowRole> {
        RowRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The role's slot in per-role counts (the named roles in order, then one for collective
    /// and match rows): the postings' `named` lists and the answers' tallies both use it.
    pub(crate) fn slot(self) -> usize {
        match self {
            RowRole::Lead => 0,
            RowRole::ResponsibleFirst => 1,
            RowRole::Support => 2,
            RowRole::Responsible => 3,
            RowRole::Collective | RowRole::Match => 4,
        }
    }
}

/// A measure reached by a unit through a collective name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViaPosting {
    pub measure: u32,
    /// The collective that covers the unit.
    pub via: UnitId,
    /// The collective's own role in the measure.
    pub via_role: RowRole,
}

/// Role postings of one unit, each list in measure order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UnitPostings {
    /// Named roles: lead, responsible_first, support, responsible (see [`RowRole::NAMED`]).
    pub named: [Vec<u32>; 4],
    pub collective: Vec<ViaPosting>,
}

impl UnitPostings {
    /// Measures where the unit is named with `role` (empty for collective/match).
    pub fn named(&self, role: RowRole) -> &[u32] {
        match role {
            RowRole::Collective | RowRole::Match => &[],
            r => &self.named[r.slot()],
        }
    }
}

/// What [`RoleIndex::build`] keeps while it goes over the measures.
struct Walk<'a> {
    /// The place of the current run of measures.
    run: PlaceRun<'a>,
    /// Per unit: 1 + the last measure that named or reached it (0: none yet), so a
    /// collective's members are checked in constant time each.
    seen: Vec<u32>,
    /// Every (member, posting) a collective gave, in measure order.
    reached: Vec<(UnitId, ViaPosting)>,
}

/// Which units take part in which measures, both ways.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RoleIndex {
    /// Per unit id.
    pub units: Vec<UnitPostings>,
    /// Per measure: the place it is in.
    pub measure_place: Vec<PlaceId>,
    /// Per measure: units it names, each once with its best role, printed order;
    /// `named[named_start[m]..named_start[m + 1]]`.
    named_start: Vec<u32>,
    named: Vec<(UnitId, RowRole)>,
}

impl RoleIndex {
    /// Resolves every unit of every measure through the directory and fills the postings.
    ///
    /// A unit printed twice in one measure keeps its best role (lead > first responsible >
    /// support > responsible). A unit not named but covered by a collective the measure names
    /// gets one collective posting, through the best-placed such collective.
    ///
    /// `printed` is the unit of every name each measure prints, from
    /// [`Directory::build_printed`] over the same measures.
    pub fn build(measures: &[Measure], dir: &Directory, printed: &[UnitId]) -> RoleIndex {
        let mut idx = RoleIndex {
            units: vec![UnitPostings::default(); dir.units.len()],
            measure_place: Vec::with_capacity(measures.len()),
            named_start: Vec::with_capacity(measures.len() + 1),
            named: Vec::new(),
        };
        let mut walk = Walk { run: PlaceRun::default(), seen: vec![0; dir.units.len()], reached: Vec::new() };
        let mut at = 0;
        for (mi, m) in measures.iter().enumerate() {
            let n = m.lead.len() + m.support.len() + m.responsible.len();
            idx.add_measure(mi as u32, m, dir, printed.get(at..at + n).unwrap_or(&[]), &mut walk);
            at += n;
        }
        idx.named_start.push(idx.named.len() as u32);
        idx.fill_postings(&walk.reached);
        idx
    }

    /// Fills every unit's postings, in measure order, from the named units of each measure and
    /// the members collectives `reached`, each list allocated once at its final size: pushed
    /// one at a time, they grew a doubling at a time (over a thousand allocations of the
    /// browser's first load).
    fn fill_postings(&mut self, reached: &[(UnitId, ViaPosting)]) {
        // Per unit: named postings per role slot, then collective postings.
        let mut counts = vec![[0usize; 5]; self.units.len()];
        let slot = |u: UnitId, i: usize, counts: &mut [[usize; 5]]| {
            if let Some(c) = counts.get_mut(u as usize) {
                c[i] += 1;
            }
        };
        self.named.iter().for_each(|&(u, role)| slot(u, role.slot(), &mut counts));
        reached.iter().for_each(|&(u, _)| slot(u, 4, &mut counts));
        for (p, c) in self.units.iter_mut().zip(&counts) {
            p.named = [0, 1, 2, 3].map(|i| Vec::with_capacity(c[i]));
            p.collective = Vec::with_capacity(c[4]);
        }
        for (mi, w) in self.named_start.windows(2).enumerate() {
            for &(u, role) in &self.named[w[0] as usize..w[1] as usize] {
                if let Some(list) = self.units.get_mut(u as usize).and_then(|p| p.named.get_mut(role.slot())) {
                    list.push(mi as u32);
                }
            }
        }
        for &(u, via) in reached {
            if let Some(p) = self.units.get_mut(u as usize) {
                p.collective.push(via);
            }
        }
    }

    /// Adds measure `mi`'s postings (see [`RoleIndex::build`]); a function of its own for
    /// V8's sake, as `Directory::file_measure`.
    #[inline(never)]
    fn add_measure<'a>(&mut self, mi: u32, m: &'a Measure, dir: &Directory, printed: &[UnitId], walk: &mut Walk<'a>) {
        let Walk { run, seen, reached } = walk;
        let place = run.place(&m.jurisdiction, || dir.place_id(&m.jurisdiction).unwrap_or(PlaceId::MAX));
        self.measure_place.push(place);
        self.named_start.push(self.named.len() as u32);
        let start = self.named.len();
        let lead_given = !m.lead.is_empty();
        // Each printed name's role, in the order of `printed`.
        let roles =
            m.lead.iter().map(|_| RowRole::Lead).chain(m.support.iter().map(|_| RowRole::Support)).chain(
                (0..m.responsible.len()).map(|i| if i == 0 && !lead_given { RowRole::ResponsibleFirst } else { RowRole::Responsible }),
            );
        for (i, role) in roles.enumerate() {
            let u = printed.get(i).copied().unwrap_or(NOT_A_UNIT);
            if u == NOT_A_UNIT {
                continue;
            }
            match self.named[start..].iter_mut().find(|(x, _)| *x == u) {
                Some(slot) => slot.1 = slot.1.min(role),
                None => self.named.push((u, role)),
            }
        }
        let named = &self.named[start..];
        let stamp = mi + 1;
        for &(u, _) in named {
            seen[u as usize] = stamp;
        }
        // Collectives, best role first, so a member gets the best-placed collective as `via`.
        let mut collectives: Vec<(UnitId, RowRole)> =
            named.iter().copied().filter(|(u, _)| dir.units[*u as usize].kind == Kind::Collective).collect();
        collectives.sort_by_key(|&(_, r)| r);
        for (c, via_role) in collectives {
            for &member in &dir.units[c as usize].members {
                match seen.get_mut(member as usize) {
                    Some(s) if *s != stamp => *s = stamp,
                    _ => continue,
                }
                reached.push((member, ViaPosting { measure: mi, via: c, via_role }));
            }
        }
    }

    /// Units a measure names, once each with its best role, in printed order.
    pub fn named_in(&self, measure: u32) -> &[(UnitId, RowRole)] {
        let m = measure as usize;
        match (self.named_start.get(m), self.named_start.get(m + 1)) {
            (Some(&a), Some(&b)) => &self.named[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// A character trie mapping every term to a value; built once, then read only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lexicon<T> {
    /// Children of node `n` are `edges[first[n]..first[n + 1]]`, sorted by char.
    first: Vec<u32>,
    edges: Vec<(char, u32)>,
    /// Value index of each node, `u32::MAX` if no term ends there.
    value: Vec<u32>,
    values: Vec<T>,
}

/// A lexicon term's characters: the engine's terms are `String`s, the filler tries' `Vec<char>`s
/// (reversed for suffixes). Both order as their characters do, which [`Lexicon::build`] uses.
pub trait TermChars: Ord {
    fn term_chars(&self) -> impl Iterator<Item = char> + '_;
}

impl TermChars for String {
    fn term_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.chars()
    }
}

impl TermChars for Vec<char> {
    fn term_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.iter().copied()
    }
}

impl<T> Lexicon<T> {
    /// Builds the trie. Terms are merged by the caller beforehand: each term appears once.
    ///
    /// The terms are sorted first, so a node's children arrive in character order and a term's
    /// next character can only continue the node's newest child: the trie is built in flat
    /// arrays (first child, next sibling) with one comparison per character, not a child list
    /// per node. That matters on the first answer in the browser, where the engine's lexicon
    /// (thousands of nodes) is built while the reader waits and each allocation is slow.
    #[inline(never)] // run once: see Directory::file_measure
    pub fn build<K: TermChars>(mut terms: Vec<(K, T)>) -> Lexicon<T> {
        const NONE: u32 = u32::MAX;
        if !terms.is_sorted_by(|a, b| a.0 <= b.0) {
            terms.sort_by(|a, b| a.0.cmp(&b.0));
        }
        // Node n: its character, first and newest child, next sibling and value.
        let mut ch = vec!['\0'];
        let mut first_child = vec![NONE];
        let mut last_child = vec![NONE];
        let mut next_sibling = vec![NONE];
        let mut value_of = vec![NONE];
        let mut values = Vec::with_capacity(terms.len());
        for (term, v) in terms {
            let mut node = 0usize;
            for c in term.term_chars() {
                let last = last_child[node];
                node = if last != NONE && ch[last as usize] == c {
                    last as usize
                } else {
                    let n = ch.len() as u32;
                    ch.push(c);
                    first_child.push(NONE);
                    last_child.push(NONE);
                    next_sibling.push(NONE);
                    value_of.push(NONE);
                    if last == NONE {
                        first_child[node] = n;
                    } else {
                        next_sibling[last as usize] = n;
                    }
                    last_child[node] = n;
                    n as usize
                };
            }
            value_of[node] = values.len() as u32;
            values.push(v);
        }
        // Renumber breadth-first so each node's children are contiguous (and in char order).
        let nodes = ch.len();
        let mut order = Vec::with_capacity(nodes);
        order.push(0u32);
        let mut first = Vec::with_capacity(nodes + 1);
        let mut edges = Vec::with_capacity(nodes.saturating_sub(1));
        let mut value = Vec::with_capacity(nodes);
        let mut i = 0;
        while i < order.len() {
            let n = order[i] as usize;
            first.push(edges.len() as u32);
            value.push(value_of[n]);
            let mut child = first_child[n];
            while child != NONE {
                // The child's breadth-first number is its place in `order`.
                edges.push((ch[child as usize], order.len() as u32));
                order.push(child);
                child = next_sibling[child as usize];
            }
            i += 1;
        }
        first.push(edges.len() as u32);
        Lexicon { first, edges, value, values }
    }

    /// The value of the term that is all of `text`, if any.
    pub fn get(&self, text: &[char]) -> Option<&T> {
        let mut found = None;
        self.prefixes_at(text, 0, |n, v| {
            if n == text.len() {
                found = Some(v);
            }
        });
        found
    }

    /// Calls `f(len, value)` for every term that starts at `text[at..]`, shortest first.
    pub fn prefixes_at<'a>(&'a self, text: &[char], at: usize, f: impl FnMut(usize, &'a T)) {
        self.walk(text.iter().skip(at).copied(), f);
    }

    /// Calls `f(len, value)` for every term that `text` ends with, shortest first, in a trie
    /// built from reversed terms.
    pub fn suffixes_of<'a>(&'a self, text: &[char], f: impl FnMut(usize, &'a T)) {
        self.walk(text.iter().rev().copied(), f);
    }

    /// Follows `chars` down the trie, calling `f(chars taken, value)` at each term.
    fn walk<'a>(&'a self, chars: impl Iterator<Item = char>, mut f: impl FnMut(usize, &'a T)) {
        let mut node = 0usize;
        for (i, c) in chars.enumerate() {
            let kids = &self.edges[self.first[node] as usize..self.first[node + 1] as usize];
            match kids.binary_search_by_key(&c, |&(x, _)| x) {
                Ok(k) => node = kids[k].1 as usize,
                Err(_) => return,
            }
            let v = self.value[node];
            if v != u32::MAX {
                f(i + 1, &self.values[v as usize]);
            }
        }
    }

    /// All values, in build order.
    pub fn values(&self) -> &[T] {
        &self.values
    }
}

/// Of [`TextIndex::substitutions`], the one that occurs most often: (position, character,
/// occurrences); `None` when there is none, or when two occur equally often (no way to tell
/// which was meant).
pub fn most_frequent(substitutions: impl IntoIterator<Item = (usize, u32, usize)>) -> Option<(usize, u32, usize)> {
    let (mut best, mut tie) = (None, false);
    for e in substitutions {
        match best {
            Some((_, _, b)) if e.2 < b => {}
            Some((_, _, b)) if e.2 == b => tie = true,
            _ => (best, tie) = (Some(e), false),
        }
    }
    best.filter(|_| !tie)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_numbers_are_positions_in_all() {
        for (i, r) in RowRole::ALL.into_iter().enumerate() {
            assert_eq!(r as u8 as usize, i);
            assert_eq!(RowRole::parse(r.as_str()), Some(r));
        }
    }

    fn m(title: &str, text: &str) -> Measure {
        Measure {
            doc: "d".into(),
            plan: "p".into(),
            jurisdiction: "某区".into(),
            seq: 1,
            number: None,
            parent: None,
            path: vec![],
            title: title.into(),
            text_head: String::new(),
            lead: vec![],
            support: vec![],
            responsible: vec![],
            raw: String::new(),
            deadline: String::new(),
            text: text.into(),
        }
    }

    #[test]
    fn phrase_search_is_exact() {
        let ms = vec![m("行政复议", "行政复议。推进行政复议体制改革"), m("普法", "法法法，ＡＢ")];
        let ix = TextIndex::build(&ms);
        let occ = ix.find(&fold_phrase("行政复议"));
        assert_eq!(occ.len(), 3);
        assert!(occ[0].in_title && occ[0].start == 0);
        assert_eq!((occ[2].measure, occ[2].start, occ[2].end), (0, 7, 11));
        // Overlapping occurrences are all found; single characters too.
        assert_eq!(ix.find(&fold_phrase("法法")).len(), 2);
        assert_eq!(ix.find(&fold_phrase("法")).len(), 4);
        // Width-folded both ways; nothing spans two fields.
        assert_eq!(ix.find(&fold_phrase("ab")).len(), 1);
        assert!(ix.find(&fold_phrase("议行")).is_empty());
        assert!(ix.find(&fold_phrase("改革普")).is_empty());
        assert!(ix.find(&[]).is_empty());
    }

    /// `count` and `contains` say what `find` would, for phrases of one, two and more
    /// characters, found, overlapping, across fields and absent.
    #[test]
    fn count_and_contains_agree_with_find() {
        let ms = vec![m("行政复议", "行政复议。推进行政复议体制改革"), m("普法", "法法法，ＡＢ，复议行政")];
        let ix = TextIndex::build(&ms);
        for p in ["行政复议", "复议", "法法", "法", "ab", "议行", "改革普", "行政复议体制", "复议行政", "无此词", "法法法法", ""]
        {
            let f = fold_phrase(p);
            assert_eq!(ix.count(&f), ix.find(&f).len(), "{p}");
            assert_eq!(ix.contains(&f), !ix.find(&f).is_empty(), "{p}");
        }
        assert_eq!(ix.count(&fold_phrase("法法")), 2);
        assert_eq!(ix.count(&fold_chars(&['复', '议'])), 4);
    }

    #[test]
    fn trie_prefixes() {
        let lx = Lexicon::build(vec![("区司法局".chars().collect::<Vec<char>>(), 1), ("区司".chars().collect(), 2)]);
        let text: Vec<char> = "问区司法局".chars().collect();
        let mut got = vec![];
        lx.prefixes_at(&text, 1, |n, v| got.push((n, *v)));
        assert_eq!(got, vec![(2, 2), (4, 1)]);
        lx.prefixes_at(&text, 0, |_, _| panic!("no term starts with 问"));
    }

    #[test]
    fn trie_from_unsorted_terms_with_shared_prefixes() {
        // Out of order, with branches at several depths: the flat build sorts them first.
        let terms = ["区司法局", "区委", "区司", "市司法局", "区司法所", "区"];
        let lx = Lexicon::build(terms.iter().enumerate().map(|(i, t)| (t.to_string(), i)).collect());
        let found = |q: &str, at: usize| {
            let text: Vec<char> = q.chars().collect();
            let mut got = vec![];
            lx.prefixes_at(&text, at, |n, v| got.push((n, *v)));
            got
        };
        assert_eq!(found("区司法局牵头", 0), vec![(1, 5), (2, 2), (4, 0)]);
        assert_eq!(found("区司法所", 0), vec![(1, 5), (2, 2), (4, 4)]);
        assert_eq!(found("问区委", 1), vec![(1, 5), (2, 1)]);
        assert_eq!(found("市司法局", 0), vec![(4, 3)]);
        assert_eq!(found("市司", 0), vec![]);
        // Values come in term order.
        assert_eq!(lx.values(), &[5, 2, 0, 4, 1, 3]);
    }
}
