//! The unit directory: which body each printed unit name denotes, in which place, of what kind,
//! and which bodies a collective name (区直各单位, 各乡镇、街道…) covers.
//!
//! Identity is (place, key). The key is the printed name with width folded, the place's own
//! name turned into its level prefix (下陆公安分局 → 区公安分局), and the body after the level
//! rewritten by the curated rules in `data/units/aliases.txt` (区人民法院 → 区法院). Level and
//! place stay part of the identity: 区司法局 of 资阳区 is not 区司法局 of 下陆区, and 市司法局
//! printed in a district plan is not that district's 区司法局.
//!
//! Only curated pairs and a few general rules merge names. A wrong merge files one body's tasks
//! under another's name, which is worse than a missed merge, so nothing is merged on similarity.

use crate::model::Measure;
use crate::text::fold_for_matching;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A `HashMap` with rustc-hash's Fx hasher, for the maps built at load time (the directory's
/// names, the text index's bigrams): their keys come from the corpus being indexed, so
/// SipHash's flooding resistance buys nothing, and it cost most of the index build time.
pub type FastMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// What was worked out for the current run of one place's measures. A corpus lists a place's
/// measures together and prints the same few hundred names thousands of times, so
/// [`Directory::build`] and [`crate::index::RoleIndex::build`] look each place up once per run,
/// and the directory folds and keys each printed name once per run (the cold load in a browser
/// runs both first; the role index takes the units the directory found).
#[derive(Default)]
pub struct PlaceRun<'a> {
    current: Option<(&'a str, PlaceId)>,
    /// The names printed in this run, each with a number (what it is is up to the user;
    /// [`NOT_A_UNIT`] for a name that is no unit). The same map type as the directory's places
    /// by name, so the browser module holds one copy of the hash map's code for both (a map
    /// keyed by place and name cost 1 KB gzipped).
    pub names: FastMap<String, u32>,
}

impl<'a> PlaceRun<'a> {
    /// The place of a measure of `jurisdiction`: the run's, or `find`'s when a new run starts
    /// (its names are forgotten then).
    pub fn place(&mut self, jurisdiction: &'a str, find: impl FnOnce() -> PlaceId) -> PlaceId {
        match self.current {
            Some((j, p)) if j == jurisdiction => p,
            _ => {
                let p = find();
                self.current = Some((jurisdiction, p));
                self.names.clear();
                p
            }
        }
    }
}

/// In [`PlaceRun::names`]: the printed name is no unit (it folds to nothing).
pub const NOT_A_UNIT: u32 = u32::MAX;

/// Index of a unit in [`Directory::units`].
pub type UnitId = u32;
/// Index of a place in [`Directory::places`].
pub type PlaceId = u32;

/// Endings of the names of government bodies (局, 办, 中心…): the one list both the reader
/// (telling a unit list from prose, with the other endings a unit list may have) and the
/// question reader (whether a phrase that matched nothing looks like a unit name) start from.
pub const BODY_ENDINGS: &[&str] =
    &["局", "办", "委", "院", "部", "会", "厅", "处", "科", "室", "中心", "所", "队", "庭", "行", "组", "站", "联", "校"];

/// Whether `name` ends as a government body's name does ([`BODY_ENDINGS`]).
pub fn ends_like_a_body(name: &str) -> bool {
    BODY_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// Level prefixes of Chinese administrative names, lowest first.
pub const LEVELS: &[char] = &['区', '县', '市', '州', '省'];

/// Two-character starts that look like a level prefix but are words (市场监管局, 省级农科园).
/// Only words no unit body starts with belong here: 市政府 is 市 + 政府, 市民政局 is 市 + 民政局.
const NOT_LEVEL_PREFIX: &[&str] = &["市场", "市监", "区域", "县域", "省级", "市级", "区级", "县级", "州级"];

/// Curated alias rules: data/units/aliases.txt (see its header for the format), without its
/// comment lines (build.rs).
const ALIASES_DATA: &str = include_str!(concat!(env!("OUT_DIR"), "/aliases.txt"));
/// Curated kind knowledge: mass organisations, stationed-body markers, enforcement markers
/// (data/units/kinds.txt, likewise).
const KINDS_DATA: &str = include_str!(concat!(env!("OUT_DIR"), "/kinds.txt"));

/// What sort of body a unit is. Collectives stand for many bodies of their place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Party committee departments and organs (区委…, 纪委监委, 党校).
    Party,
    /// Government departments and offices (区…局/办/委).
    Government,
    /// The people's congress and its organs (人大…).
    Congress,
    /// The CPPCC and its organs (政协…).
    Cppcc,
    /// Court and procuratorate.
    Judicial,
    /// Mass organisations (团区委, 妇联, 总工会, 工商联…).
    Mass,
    /// Townships and streets (…镇, …街道, …街办).
    Township,
    /// Development zones and parks run by their own committees (经开区, 农科园), listed beside
    /// the townships in plans (各乡镇、街道、长春经开区), so not covered by 各乡镇.
    Zone,
    /// Bodies stationed in the place but run from above (…分局, 人民银行…支行).
    Stationed,
    /// A collective name standing for many bodies (区直各单位, 各乡镇、街道…).
    Collective,
    /// Anything the rules do not recognise.
    Other,
}

impl Kind {
    /// Every kind, in listing order.
    pub const ALL: [Kind; 11] = [
        Kind::Party,
        Kind::Government,
        Kind::Congress,
        Kind::Cppcc,
        Kind::Judicial,
        Kind::Mass,
        Kind::Township,
        Kind::Zone,
        Kind::Stationed,
        Kind::Collective,
        Kind::Other,
    ];

    /// The kind whose [`Kind::as_str`] is `name`.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Stable machine name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Party => "party",
            Kind::Government => "government",
            Kind::Congress => "congress",
            Kind::Cppcc => "cppcc",
            Kind::Judicial => "judicial",
            Kind::Mass => "mass",
            Kind::Township => "township",
            Kind::Zone => "zone",
            Kind::Stationed => "stationed",
            Kind::Collective => "collective",
            Kind::Other => "other",
        }
    }

    /// Chinese label for listings.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::Party => "党委部门",
            Kind::Government => "政府部门",
            Kind::Congress => "人大",
            Kind::Cppcc => "政协",
            Kind::Judicial => "法院、检察院",
            Kind::Mass => "群团组织",
            Kind::Township => "乡镇、街道",
            Kind::Zone => "园区、开发区",
            Kind::Stationed => "驻地单位",
            Kind::Collective => "统称",
            Kind::Other => "其他",
        }
    }
}

/// A place a plan is for (资阳区), with the level its own units are written with (区).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// The name without its level character when at least two characters remain (资阳).
    pub short: Option<String>,
    /// The level character its own units carry (资阳区 → 区); None if the name has none.
    pub level: Option<char>,
}

impl Place {
    fn new(name: &str) -> Place {
        let name = fold_name(name);
        let chars: Vec<char> = name.chars().collect();
        let level = chars.last().copied().filter(|c| LEVELS.contains(c));
        let short = match level {
            Some(_) if chars.len() >= 3 => Some(chars[..chars.len() - 1].iter().collect()),
            _ => None,
        };
        Place { name, short, level }
    }
}

/// Which bodies of its place a collective name stands for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Scope {
    /// Kinds of the covered bodies.
    pub kinds: Vec<Kind>,
    /// Only bodies with administrative law-enforcement powers (…执法部门/单位).
    pub enforcement_only: bool,
}

/// One body of one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub place: PlaceId,
    /// Identity within the place (normalised name); not meant for display.
    pub key: String,
    /// Display name: the surface form printed most often (first seen on ties).
    pub name: String,
    pub kind: Kind,
    /// Every surface form seen for this body, first-seen order, with how often it was printed.
    pub surfaces: Vec<(String, u32)>,
    /// For collectives: what they stand for.
    pub scope: Option<Scope>,
    /// For collectives: the named bodies of the same place they cover, by id.
    pub members: Vec<UnitId>,
}

/// The curated rules, parsed from the data files.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Whole-body variant → key body.
    same: FastMap<String, String>,
    /// Key body → every body written for it (key first).
    variants: FastMap<String, Vec<String>>,
    /// (ending, replacement) general rules, longest ending first.
    suffix: Vec<(String, String)>,
    mass: Vec<String>,
    stationed: Vec<String>,
    enforce: Vec<String>,
}

impl Rules {
    /// The rules compiled into the crate.
    pub fn builtin() -> Rules {
        Rules::parse(ALIASES_DATA, KINDS_DATA)
    }

    /// Parses alias and kind data (formats documented in the files). Unknown directives and
    /// lines too short to mean anything are skipped: the data is ours and tested.
    pub fn parse(aliases: &str, kinds: &str) -> Rules {
        let mut r = Rules::default();
        for line in aliases.lines().chain(kinds.lines()) {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut words = line.split_whitespace().map(fold_name);
            let Some(directive) = words.next() else {
                continue;
            };
            let words: Vec<String> = words.collect();
            match directive.as_str() {
                "same" if words.len() >= 2 => {
                    let key = words[0].clone();
                    for w in &words {
                        r.same.insert(w.clone(), key.clone());
                        let v = r.variants.entry(key.clone()).or_insert_with(|| vec![key.clone()]);
                        if !v.contains(w) {
                            v.push(w.clone());
                        }
                    }
                }
                "suffix" if words.len() == 2 => r.suffix.push((words[0].clone(), words[1].clone())),
                "mass" => r.mass.extend(words),
                "stationed" => r.stationed.extend(words),
                "enforce" => r.enforce.extend(words),
                _ => {}
            }
        }
        r.suffix.sort_by_key(|(from, _)| std::cmp::Reverse(from.chars().count()));
        r
    }

    /// Rewrites a body (name after its level prefix) to its key body.
    pub fn canonical_body(&self, body: &str) -> String {
        let mut b = body.to_string();
        // Rules can chain (a suffix rule may produce a `same` variant); three rounds is plenty.
        for _ in 0..3 {
            let mut next = b.clone();
            if let Some((from, to)) = self.suffix.iter().find(|(f, _)| next.ends_with(f.as_str())) {
                next = [&next[..next.len() - from.len()], to.as_str()].concat();
            }
            if let Some(key) = self.same.get(&next) {
                next = key.clone();
            }
            if next == b {
                break;
            }
            b = next;
        }
        b
    }

    /// Every body a key body may be written as: its curated variants and the reverse of the
    /// general suffix rules (法院 → 人民法院). Key first.
    pub fn body_variants(&self, key_body: &str) -> Vec<String> {
        let mut out = self.variants.get(key_body).cloned().unwrap_or_else(|| vec![key_body.to_string()]);
        let mut extra = Vec::new();
        for v in &out {
            for (from, to) in &self.suffix {
                if v.ends_with(to.as_str()) {
                    extra.push([&v[..v.len() - to.len()], from.as_str()].concat());
                }
            }
        }
        for e in extra {
            if !out.contains(&e) {
                out.push(e);
            }
        }
        out
    }

    fn is_mass(&self, name: &str) -> bool {
        self.mass.iter().any(|m| name.ends_with(m.as_str()))
    }

    fn is_stationed(&self, name: &str) -> bool {
        self.stationed.iter().any(|m| holds(name, m))
    }

    /// True when the name marks an administrative law-enforcement department.
    pub fn is_enforcement(&self, name: &str) -> bool {
        self.enforce.iter().any(|m| holds(name, m))
    }
}

/// A level character followed by `parts` (区 + 司法局). Keys are made for every printed name at
/// load; `format!` here brought the formatting machinery into the first answer's path.
fn leveled(level: char, parts: &[&str]) -> String {
    let mut s = String::with_capacity(level.len_utf8() + parts.iter().map(|p| p.len()).sum::<usize>());
    s.push(level);
    parts.iter().for_each(|p| s.push_str(p));
    s
}

/// Whether `needle` occurs in `hay`, by a plain scan of the bytes (UTF-8 cannot match inside a
/// character). The unit directory tests each unit against dozens of short markers; for these
/// few-character strings this costs much less than `str::contains`, whose Two-Way searcher is
/// set up anew on every call and was the largest part of classifying units in the browser.
/// Plain loops, not iterator adapters: in the size-optimised wasm a closure per byte position
/// stayed a call, which made this ~2 ms of the first load in Chromium.
#[inline(never)]
fn holds(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let mut i = 0;
    while i + n.len() <= h.len() {
        let mut k = 0;
        while k < n.len() && h[i + k] == n[k] {
            k += 1;
        }
        if k == n.len() {
            return true;
        }
        i += 1;
    }
    false
}

/// Folds a unit name: [`fold_for_matching`] on every char, whitespace removed.
pub fn fold_name(s: &str) -> String {
    s.chars().map(fold_for_matching).filter(|c| !c.is_whitespace()).collect()
}

/// Splits a folded name into its level prefix and body (区司法局 → (区, 司法局)).
///
/// This, `holds`, `Directory::key`, `classify` and `question_forms` are kept functions of their
/// own for the reason given at [`Directory::file_measure`]: each runs hundreds of times at load,
/// so V8 optimises it early, and the cold load in Chromium was ~1 ms faster (A/B, 25 rounds).
#[inline(never)]
pub fn split_level(name: &str) -> (Option<char>, &str) {
    let mut it = name.chars();
    match it.next() {
        Some(c) if LEVELS.contains(&c) => {
            let rest = it.as_str();
            if rest.chars().count() < 2 || NOT_LEVEL_PREFIX.iter().any(|p| name.starts_with(p)) {
                (None, name)
            } else {
                (Some(c), rest)
            }
        }
        _ => (None, name),
    }
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The unit directory of a corpus: places, units, and each printed (place, name) resolved.
#[derive(Debug, Clone)]
pub struct Directory {
    pub places: Vec<Place>,
    pub units: Vec<Unit>,
    rules: Rules,
    place_by_name: FastMap<String, PlaceId>,
    /// Per place (indexed by its id): each unit by its key, and by each folded name printed.
    /// Maps per place, not keyed by (place, name), so a lookup borrows the name instead of
    /// building a key: thousands fewer allocations when the browser loads a data file.
    by_key: Vec<FastMap<String, UnitId>>,
    by_surface: Vec<FastMap<String, UnitId>>,
}

impl Directory {
    /// Builds the directory of every unit the measures name, with the built-in rules.
    pub fn build(measures: &[Measure]) -> Directory {
        Directory::build_with(measures, Rules::builtin())
    }

    /// Builds the directory with the given rules.
    pub fn build_with(measures: &[Measure], rules: Rules) -> Directory {
        Directory::file_all(measures, rules).0
    }

    /// Builds the directory (built-in rules) and says which unit each name printed by each
    /// measure is: measure by measure, in [`Measure::units`] order, [`NOT_A_UNIT`] for a name
    /// that is none. [`crate::index::RoleIndex::build`] takes that list instead of folding and
    /// looking every name up again (both run on the browser's first load).
    pub fn build_printed(measures: &[Measure]) -> (Directory, Vec<UnitId>) {
        Directory::file_all(measures, Rules::builtin())
    }

    fn file_all(measures: &[Measure], rules: Rules) -> (Directory, Vec<UnitId>) {
        let mut d = Directory {
            places: Vec::new(),
            units: Vec::new(),
            rules,
            place_by_name: FastMap::default(),
            by_key: Vec::new(),
            by_surface: Vec::new(),
        };
        // Each name printed in the run: an index into `filed` (its unit and surface), or
        // NOT_A_UNIT.
        let mut run = PlaceRun::default();
        let mut filed: Vec<(UnitId, usize)> = Vec::new();
        let mut printed = Vec::with_capacity(measures.iter().map(|m| m.lead.len() + m.support.len() + m.responsible.len()).sum());
        for m in measures {
            d.file_measure(&mut run, &mut filed, &mut printed, m);
        }
        d.finish();
        (d, printed)
    }

    /// Files every unit name `m` prints (see [`Directory::build_with`]).
    ///
    /// A function of its own, not inlined into the loop over measures: V8 optimises a wasm
    /// function that has run long enough (TurboFan, on a background thread), and with this body
    /// inlined that was the whole run-once engine build, whose compiling took more CPU than the
    /// build, on the phone's other core while the first answer waited. Apart, what gets
    /// optimised is this small function, which then runs the rest of the loop faster. The same
    /// holds for the other per-item functions of the engine build and of the data file reader.
    #[inline(never)]
    fn file_measure<'a>(&mut self, run: &mut PlaceRun<'a>, filed: &mut Vec<(UnitId, usize)>, printed: &mut Vec<UnitId>, m: &'a Measure) {
        let p = run.place(&m.jurisdiction, || self.intern_place(&m.jurisdiction));
        for (_, surface) in m.units() {
            let unit = match run.names.get(surface) {
                Some(&NOT_A_UNIT) => NOT_A_UNIT,
                Some(&f) => {
                    let (id, i) = filed[f as usize];
                    self.units[id as usize].surfaces[i].1 += 1;
                    id
                }
                None => {
                    let (f, id) = match self.intern_unit(p, surface) {
                        Some(got) => {
                            filed.push(got);
                            (filed.len() as u32 - 1, got.0)
                        }
                        None => (NOT_A_UNIT, NOT_A_UNIT),
                    };
                    run.names.insert(surface.to_string(), f);
                    id
                }
            };
            printed.push(unit);
        }
    }

    /// The rules the directory was built with.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    fn intern_place(&mut self, jurisdiction: &str) -> PlaceId {
        let place = Place::new(jurisdiction);
        if let Some(&id) = self.place_by_name.get(&place.name) {
            return id;
        }
        let id = self.places.len() as PlaceId;
        self.place_by_name.insert(place.name.clone(), id);
        self.places.push(place);
        self.by_key.push(FastMap::default());
        self.by_surface.push(FastMap::default());
        id
    }

    /// Files one printing of `surface` under its unit; returns the unit and the index of the
    /// folded surface in its `surfaces` (what a repeat of the same printing counts up).
    fn intern_unit(&mut self, place: PlaceId, surface: &str) -> Option<(UnitId, usize)> {
        let folded = fold_name(surface);
        if folded.is_empty() {
            return None;
        }
        let key = self.key(place, &folded);
        let id = match self.by_key[place as usize].get(&key) {
            Some(&id) => id,
            None => {
                let id = self.units.len() as UnitId;
                self.by_key[place as usize].insert(key.clone(), id);
                self.units.push(Unit {
                    place,
                    key,
                    name: String::new(),
                    kind: Kind::Other,
                    surfaces: Vec::new(),
                    scope: None,
                    members: Vec::new(),
                });
                id
            }
        };
        let unit = &mut self.units[id as usize];
        let i = match unit.surfaces.iter().position(|(s, _)| *s == folded) {
            Some(i) => {
                unit.surfaces[i].1 += 1;
                i
            }
            None => {
                unit.surfaces.push((folded.clone(), 1));
                unit.surfaces.len() - 1
            }
        };
        self.by_surface[place as usize].insert(folded, id);
        Some((id, i))
    }

    /// The identity key of a folded name printed in `place`.
    #[inline(never)]
    pub fn key(&self, place: PlaceId, folded: &str) -> String {
        let Some(p) = self.places.get(place as usize) else {
            return folded.to_string();
        };
        let mut s = folded.to_string();
        if let Some(level) = p.level {
            // The place's own name standing for its level: 资阳区司法局 / 下陆公安分局 → 区….
            let mut own = None;
            if let Some(rest) = s.strip_prefix(p.name.as_str()) {
                own = Some(rest.to_string());
            } else if let Some(short) = &p.short {
                if let Some(rest) = s.strip_prefix(short.as_str()) {
                    if !rest.starts_with(level) {
                        own = Some(rest.to_string());
                    }
                }
            }
            if let Some(rest) = own.filter(|r| char_len(r) >= 2) {
                s = leveled(level, &[&rest]);
            }
            // A higher body's branch named after the place is the place's branch:
            // 市生态环境局宁远分局 (in 宁远县) → 县生态环境分局.
            if let Some(short) = &p.short {
                if let Some(head) = s.strip_suffix("分局").and_then(|h| h.strip_suffix(short.as_str())) {
                    let (_, body) = split_level(head);
                    if let Some(x) = body.strip_suffix('局').filter(|x| char_len(x) >= 2) {
                        s = leveled(level, &[x, "分局"]);
                    }
                }
            }
            // A branch printed without level in a place's plan is that place's branch.
            if split_level(&s).0.is_none() && s.ends_with("分局") && !s.starts_with('各') {
                s = leveled(level, &[&s]);
            }
        }
        let (lvl, body) = split_level(&s);
        let body = self.rules.canonical_body(body);
        match lvl {
            Some(l) => leveled(l, &[&body]),
            None => body,
        }
    }

    #[inline(never)] // run once: see file_measure
    fn finish(&mut self) {
        for i in 0..self.units.len() {
            let kind = self.classify(i);
            let u = &mut self.units[i];
            u.kind = kind;
            // Display name: most printed surface, first seen on ties (max_by_key keeps the last max).
            u.name = u.surfaces.iter().rev().max_by_key(|(_, n)| *n).map(|(s, _)| s.clone()).unwrap_or_else(|| u.key.clone());
            if kind == Kind::Collective {
                u.scope = Some(collective_scope(&u.key));
            }
        }
        // Units of each place, ascending: a collective's members are looked for in its place
        // only (all units would make this quadratic in the corpus).
        let mut by_place: Vec<Vec<usize>> = vec![Vec::new(); self.places.len()];
        for (j, u) in self.units.iter().enumerate() {
            if let Some(v) = by_place.get_mut(u.place as usize) {
                v.push(j);
            }
        }
        // Whether each unit is a law-enforcement department, worked out once (a place's
        // collectives each look over all its units) and only for units a …执法… collective
        // would otherwise take: checking every unit against every marker was a tenth of the
        // engine build.
        let mut enforcement: Vec<Option<bool>> = vec![None; self.units.len()];
        for i in 0..self.units.len() {
            let Some(scope) = self.units[i].scope.clone() else {
                continue;
            };
            let place = self.units[i].place;
            let members: Vec<UnitId> = by_place
                .get(place as usize)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .copied()
                .filter(|&j| {
                    let m = &self.units[j];
                    m.place == place
                        && m.kind != Kind::Collective
                        && scope.kinds.contains(&m.kind)
                        && (!scope.enforcement_only || *enforcement[j].get_or_insert_with(|| self.rules.is_enforcement(&m.key)))
                })
                .map(|j| j as UnitId)
                .collect();
            self.units[i].members = members;
        }
    }

    /// Kind of unit `i`, from its key and the surfaces it was printed as.
    #[inline(never)]
    fn classify(&self, i: usize) -> Kind {
        let u = &self.units[i];
        let place = &self.places[u.place as usize];
        let key = u.key.as_str();
        let (lvl, body) = split_level(key);
        if is_collective(body) {
            return Kind::Collective;
        }
        if body.ends_with("法院") || body.ends_with("检察院") {
            return Kind::Judicial;
        }
        if body.starts_with("人大") {
            return Kind::Congress;
        }
        if body.starts_with("政协") {
            return Kind::Cppcc;
        }
        if self.rules.is_mass(key) {
            return Kind::Mass;
        }
        if ["经开区", "开发区", "高新区", "新区", "园区", "农科园", "产业园"].iter().any(|t| body.ends_with(t)) {
            return Kind::Zone;
        }
        if ["乡", "镇", "街道", "街办", "办事处"].iter().any(|t| body.ends_with(t)) {
            return Kind::Township;
        }
        // Stationed: a marker, a non-police branch, or any printed form carrying a higher level
        // than the place's own (市生态环境局宁远分局 printed in 宁远县).
        let higher = |s: &str| match (split_level(s).0, place.level) {
            (Some(l), Some(pl)) => level_rank(l) > level_rank(pl),
            _ => false,
        };
        if self.rules.is_stationed(key) || (body.ends_with("分局") && !holds(body, "公安")) || u.surfaces.iter().any(|(s, _)| higher(s))
        {
            return Kind::Stationed;
        }
        if body.starts_with('委') || ["纪委", "监委", "党校", "工委", "党委", "党组"].iter().any(|t| holds(body, t)) {
            return Kind::Party;
        }
        let gov_ending = ["局", "办", "委", "中心", "室", "所", "站", "队", "院", "处", "厅", "部", "会"];
        if lvl.is_some() && gov_ending.iter().any(|t| body.ends_with(t)) {
            return Kind::Government;
        }
        Kind::Other
    }

    /// Looks up the unit a printed name denotes in a place, if the corpus names it.
    pub fn resolve(&self, place: PlaceId, surface: &str) -> Option<UnitId> {
        let folded = fold_name(surface);
        if let Some(&id) = self.by_surface.get(place as usize)?.get(&folded) {
            return Some(id);
        }
        self.by_key.get(place as usize)?.get(&self.key(place, &folded)).copied()
    }

    /// The place id of a jurisdiction name, if the corpus has it.
    pub fn place_id(&self, name: &str) -> Option<PlaceId> {
        self.place_by_name.get(&fold_name(name)).copied()
    }

    /// Every way a question may name this unit, each with whether it carries a level
    /// (区法院) or not (法院, matching every level). Surfaces first.
    #[inline(never)]
    pub fn question_forms(&self, id: UnitId) -> Vec<(String, bool)> {
        let Some(u) = self.units.get(id as usize) else {
            return Vec::new();
        };
        let mut out: Vec<(String, bool)> = Vec::new();
        let mut push = |s: String, leveled: bool| {
            if char_len(&s) >= 2 && !out.iter().any(|(o, _)| *o == s) {
                out.push((s, leveled));
            }
        };
        for (s, _) in &u.surfaces {
            push(s.clone(), split_level(s).0.is_some());
        }
        let (lvl, body) = split_level(&u.key);
        for v in self.rules.body_variants(body) {
            if let Some(l) = lvl {
                push(leveled(l, &[&v]), true);
            }
            // Without a level the name matches every level; a bare 委… (委办) is no name.
            if !v.starts_with('委') {
                push(v.clone(), false);
            } else if char_len(&v) >= 3 {
                push(v.chars().skip(1).collect(), false);
            }
        }
        out
    }
}

fn level_rank(c: char) -> u8 {
    match c {
        '区' | '县' => 1,
        '市' => 2,
        '州' => 3,
        '省' => 4,
        _ => 0,
    }
}

/// True for names standing for many bodies: 各…, …有关/相关/其他…, 全区…, 区直…部门/单位, bare
/// 街道/乡镇/社区.
pub fn is_collective(body: &str) -> bool {
    ["各", "有关", "相关", "其他", "全区", "全县", "全市", "全州"].iter().any(|t| holds(body, t))
        || matches!(body, "街道" | "乡镇" | "社区" | "镇" | "街办")
        || body.ends_with("部门")
        || body.ends_with("单位")
}

/// What a collective name stands for (see [`Scope`]). Rules, most specific first:
/// - township words without 部门/单位 (各乡镇, 街道, 各镇(街、区), 各乡镇党委) → townships;
/// - 政府… (区政府各部门, 县政府有关部门) → government departments only, not the court;
/// - …部门 → party and government departments; …单位 → every body of the place's own
///   institutions (party, government, congress, CPPCC, court and procuratorate, mass);
/// - 驻… adds stationed bodies; …执法… keeps only enforcement departments;
/// - anything else (各协调小组) covers no named body.
pub fn collective_scope(key: &str) -> Scope {
    let has = |t: &str| holds(key, t);
    let dept = has("部门");
    let unit = has("单位");
    let township = ["乡", "镇", "街"].iter().any(|t| holds(key, t));
    let mut kinds = if township && !dept && !unit {
        vec![Kind::Township]
    } else if has("政府") {
        vec![Kind::Government]
    } else if unit {
        vec![Kind::Party, Kind::Government, Kind::Congress, Kind::Cppcc, Kind::Judicial, Kind::Mass]
    } else if dept {
        vec![Kind::Party, Kind::Government]
    } else {
        Vec::new()
    };
    if has("驻") && !kinds.is_empty() {
        kinds.push(Kind::Stationed);
    }
    let enforcement_only = has("执法");
    if enforcement_only {
        kinds.retain(|k| matches!(k, Kind::Government | Kind::Stationed));
    }
    Scope { kinds, enforcement_only }
}

#[cfg(test)]
mod tests {
    #[test]
    fn holds_is_substring_search() {
        for (hay, needle) in
            [("区司法局", "司法"), ("区司法局", "局"), ("区司法局", "区"), ("区司法局", ""), ("", ""), ("公安分局", "公安分局")]
        {
            assert!(holds(hay, needle), "{hay} holds {needle}");
        }
        for (hay, needle) in [("区司法局", "法司"), ("局", "司法局"), ("", "局"), ("区司法局", "司法局局")] {
            assert!(!holds(hay, needle), "{hay} does not hold {needle}");
        }
    }

    use super::*;

    #[test]
    fn every_kind_parses_back_from_its_name() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("unknown"), None);
    }

    fn dir(place: &str, names: &[&str]) -> Directory {
        let m = Measure {
            doc: "t".into(),
            plan: "p".into(),
            jurisdiction: place.into(),
            seq: 1,
            number: None,
            parent: None,
            path: vec![],
            title: String::new(),
            text_head: String::new(),
            lead: vec![],
            support: vec![],
            responsible: names.iter().map(|s| s.to_string()).collect(),
            raw: String::new(),
            deadline: String::new(),
            text: String::new(),
        };
        Directory::build(&[m])
    }

    #[test]
    fn keys() {
        let d = dir("下陆区", &["下陆公安分局", "区公安局", "区人民法院", "区法院", "市司法局"]);
        assert_eq!(d.key(0, "下陆公安分局"), "区公安局");
        assert_eq!(d.key(0, "区人民法院"), "区法院");
        assert_eq!(d.key(0, "下陆区司法局"), "区司法局");
        assert_eq!(d.units.len(), 3);
        let d = dir("宁远县", &["市生态环境局宁远分局"]);
        assert_eq!(d.units[0].key, "县生态环境分局");
        assert_eq!(d.units[0].kind, Kind::Stationed);
        assert_eq!(split_level("市场监管局"), (None, "市场监管局"));
        assert_eq!(split_level("市市场监管局"), (Some('市'), "市场监管局"));
    }

    #[test]
    fn fold_is_one_to_one() {
        let s = "（牵头单位：ＡＢ１）";
        assert_eq!(s.chars().count(), s.chars().map(fold_for_matching).count());
        assert_eq!(fold_name("各乡镇（街道） "), "各乡镇(街道)");
    }
}
