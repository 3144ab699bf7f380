//! The question oracle: the right answer to a question, computed by brute force from the gold
//! labels (tests/gold/*.jsonl, *.units.json) of the three gold-labelled seeds (000 资阳区,
//! 002 宁远县, 004 下陆区) and a scan of every measure's text — no index, no engine rule.
//!
//! Unit names are matched only by: the name as printed in gold, the gold alias groups, and the
//! alias pairs the issue states (区法院/区人民法院 …, applied to the body after the level prefix).
//! Nothing here reuses the engine's own alias rules.

#![allow(dead_code)]

use plan_lookup::index::RowRole;
use plan_lookup::query::{Answer, Engine};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

pub const GOLD: &[&str] = &["000_a5641d4319222d19", "002_5cda63ea9f7dc0ed", "004_7b0fa0002b4ed437"];

/// Alias pairs stated by the issue, as bodies (name after the level prefix 区/县/市).
const ISSUE_PAIRS: &[(&str, &str)] = &[
    ("法院", "人民法院"),
    ("检察院", "人民检察院"),
    ("市场监管局", "市场监督管理局"),
    ("人社局", "人力资源和社会保障局"),
    ("发改局", "发改委"),
    ("卫健局", "卫健委"),
    ("应急局", "应急管理局"),
    ("网信办", "委网信办"),
    ("行政审批局", "行政审批服务局"),
];

#[derive(Deserialize, Debug, Clone)]
pub struct Gold {
    pub doc: String,
    pub plan: String,
    pub jurisdiction: String,
    pub seq: u32,
    pub title: String,
    pub text_head: String,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub responsible: Vec<String>,
}

#[derive(Deserialize)]
struct GoldUnits {
    alias_groups: Vec<Vec<String>>,
}

pub struct Fixture {
    pub engine: Engine,
    pub gold: Vec<Gold>,
    /// (place, surface) → every surface of its gold alias group.
    pub groups: BTreeMap<(String, String), Vec<String>>,
    pub gold_docs: BTreeSet<String>,
    /// (doc, plan, seq) → the measure's title and text as read, folded, for topic scans.
    pub texts: BTreeMap<Key, (Vec<char>, Vec<char>)>,
}

/// A measure: (doc, plan, seq).
pub type Key = (String, String, u32);

pub fn fx() -> &'static Fixture {
    static FX: OnceLock<Fixture> = OnceLock::new();
    FX.get_or_init(|| {
        let docs = plan_lookup::corpus::default_documents().expect("the default corpus ingests");
        let mut engine = Engine::new(docs.into_iter().flat_map(|d| d.measures).collect());
        // As the CLI and the offline page answer: with the shipped everyday words.
        engine.set_everyday_terms(plan_lookup::query::everyday::EverydayTerms::default_list());
        engine.set_pinyin(plan_lookup::query::pinyin::Pinyin::built_in());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold/");
        let mut gold = Vec::new();
        let mut groups = BTreeMap::new();
        let mut gold_docs = BTreeSet::new();
        for name in GOLD {
            let text = std::fs::read_to_string(format!("{dir}{name}.jsonl")).expect("gold jsonl");
            let ms: Vec<Gold> = text.lines().map(|l| serde_json::from_str(l).expect("gold line")).collect();
            let place = ms[0].jurisdiction.clone();
            gold_docs.insert(ms[0].doc.clone());
            let units: GoldUnits = serde_json::from_str(&std::fs::read_to_string(format!("{dir}{name}.units.json")).expect("gold units"))
                .expect("gold units json");
            for g in units.alias_groups {
                for s in &g {
                    groups.insert((place.clone(), s.clone()), g.clone());
                }
            }
            gold.extend(ms);
        }
        let texts = engine.measures().iter().map(|m| ((m.doc.clone(), m.plan.clone(), m.seq), (fold(&m.title), fold(&m.text)))).collect();
        Fixture { engine, gold, groups, gold_docs, texts }
    })
}

pub fn key(g: &Gold) -> Key {
    (g.doc.clone(), g.plan.clone(), g.seq)
}

pub fn split_level(s: &str) -> (Option<char>, &str) {
    let mut it = s.chars();
    match it.next() {
        Some(c @ ('区' | '县' | '市')) => (Some(c), it.as_str()),
        _ => (None, s),
    }
}

/// Every gold surface of `place` that denotes the same body as `name` (printed with a level),
/// or, when `levelless`, any body written `name` at any level.
pub fn same_body(place: &str, name: &str, levelless: bool) -> BTreeSet<String> {
    let fx = fx();
    let surfaces: BTreeSet<String> = fx
        .gold
        .iter()
        .filter(|g| g.jurisdiction == place)
        .flat_map(|g| g.lead.iter().chain(&g.support).chain(&g.responsible).cloned())
        .collect();
    let bodies = |b: &str| -> Vec<String> {
        let mut v = vec![b.to_string()];
        for (x, y) in ISSUE_PAIRS {
            if b == *x {
                v.push(y.to_string());
            }
            if b == *y {
                v.push(x.to_string());
            }
        }
        v
    };
    let mut set: BTreeSet<String> = BTreeSet::new();
    for s in &surfaces {
        let (lvl, body) = split_level(s);
        let hit = if levelless {
            bodies(name).iter().any(|b| b == body || b == s)
        } else {
            let (nl, nb) = split_level(name);
            (lvl == nl && bodies(nb).iter().any(|b| b == body)) || s == name
        };
        if hit {
            set.insert(s.clone());
        }
    }
    // Close over gold alias groups.
    loop {
        let before = set.len();
        let add: Vec<String> = set.iter().filter_map(|s| fx.groups.get(&(place.to_string(), s.clone()))).flatten().cloned().collect();
        set.extend(add);
        if set.len() == before {
            return set;
        }
    }
}

/// The role of a body (given as its set of surfaces) in a gold measure: best role, or None.
pub fn gold_role(g: &Gold, names: &BTreeSet<String>) -> Option<&'static str> {
    if g.lead.iter().any(|u| names.contains(u)) {
        Some("lead")
    } else if g.lead.is_empty() && g.responsible.first().is_some_and(|u| names.contains(u)) {
        Some("responsible_first")
    } else if g.support.iter().any(|u| names.contains(u)) {
        Some("support")
    } else if g.responsible.iter().any(|u| names.contains(u)) {
        Some("responsible")
    } else {
        None
    }
}

pub fn in_family(role: &str, family: &str) -> bool {
    match family {
        "lead" => matches!(role, "lead" | "responsible_first"),
        "join" => matches!(role, "support" | "responsible"),
        _ => true,
    }
}

pub fn role_rank(r: &str) -> usize {
    ["lead", "responsible_first", "support", "responsible", "collective"].iter().position(|x| *x == r).unwrap_or(9)
}

/// Gold-derived named rows (measure, role) of one unit question.
pub fn expected_unit(name: &str, levelless: bool, place: Option<&str>, family: &str) -> BTreeSet<(Key, String)> {
    let fx = fx();
    let mut out = BTreeSet::new();
    let places: BTreeSet<&str> = fx.gold.iter().map(|g| g.jurisdiction.as_str()).collect();
    for p in places {
        if place.is_some_and(|x| x != p) {
            continue;
        }
        let names = same_body(p, name, levelless);
        for g in fx.gold.iter().filter(|g| g.jurisdiction == p) {
            if let Some(role) = gold_role(g, &names) {
                if in_family(role, family) {
                    out.insert((key(g), role.to_string()));
                }
            }
        }
    }
    out
}

/// Named rows (measure, role) of an answer, restricted to the gold documents.
pub fn named_rows(a: &Answer) -> BTreeSet<(Key, String)> {
    let fx = fx();
    a.results
        .iter()
        .filter(|r| r.role != RowRole::Collective && fx.gold_docs.contains(&r.doc))
        .map(|r| ((r.doc.clone(), r.plan.clone(), r.seq), r.role.as_str().to_string()))
        .collect()
}

/// The measures of an answer, restricted to the gold documents.
pub fn result_keys(a: &Answer) -> BTreeSet<Key> {
    let fx = fx();
    a.results.iter().filter(|r| fx.gold_docs.contains(&r.doc)).map(|r| (r.doc.clone(), r.plan.clone(), r.seq)).collect()
}

pub fn fold(s: &str) -> Vec<char> {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c).to_ascii_lowercase(),
            '\u{3000}' => ' ',
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => c,
        })
        .collect()
}

pub fn occurrences(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len()).filter(|&i| hay[i..i + needle.len()] == *needle).collect()
}

/// Whether the measure's title or text contains every phrase.
pub fn contains_all(k: &Key, phrases: &[String]) -> bool {
    let Some((t, x)) = fx().texts.get(k) else {
        return false;
    };
    phrases.iter().all(|p| {
        let p = fold(p);
        !occurrences(t, &p).is_empty() || !occurrences(x, &p).is_empty()
    })
}

/// Brute force: ids of measures whose title or text contains every phrase.
pub fn brute_force(phrases: &[&str], place: Option<&str>) -> BTreeSet<usize> {
    let fx = fx();
    fx.engine
        .measures()
        .iter()
        .enumerate()
        .filter(|(_, m)| place.is_none_or(|p| m.jurisdiction == p))
        .filter(|(_, m)| {
            let (t, x) = (fold(&m.title), fold(&m.text));
            phrases.iter().all(|p| {
                let p = fold(p);
                !occurrences(&t, &p).is_empty() || !occurrences(&x, &p).is_empty()
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// What a question asks, as its labeller wrote it (tests/questions/free.jsonl, or a template).
#[derive(Deserialize, Debug, Clone, Default)]
pub struct Spec {
    pub q: String,
    pub family: u8,
    #[serde(default)]
    pub units: Vec<String>,
    #[serde(default)]
    pub levelless: bool,
    pub place: Option<String>,
    pub role: Option<String>,
    pub combine: Option<String>,
    #[serde(default)]
    pub topic: Vec<String>,
    pub plan: Option<String>,
    #[serde(default)]
    pub count: bool,
    pub structural: Option<String>,
    #[serde(default)]
    pub who: bool,
}

/// The gold measures in the spec's scope (place, plan, shape, topic words).
fn scope(spec: &Spec) -> Vec<&'static Gold> {
    let fx = fx();
    fx.gold
        .iter()
        .filter(|g| spec.place.as_deref().is_none_or(|p| p == g.jurisdiction))
        .filter(|g| spec.plan.as_deref().is_none_or(|p| g.plan.contains(p)))
        .filter(|g| match spec.structural.as_deref() {
            None => true,
            Some("no_lead") => g.lead.is_empty(),
            Some("only_responsible") => g.lead.is_empty() && g.support.is_empty() && !g.responsible.is_empty(),
            Some("no_units") => g.lead.is_empty() && g.support.is_empty() && g.responsible.is_empty(),
            Some(other) => panic!("unknown structural {other}"),
        })
        .filter(|g| contains_all(&key(g), &spec.topic))
        .collect()
}

/// The expected answer: rows (measure, role) for unit questions answered unit by unit; bare
/// measures (role "") for shared-unit, topic and structural questions.
pub fn expected(spec: &Spec) -> BTreeSet<(Key, String)> {
    let family = spec.role.as_deref().unwrap_or("any");
    let in_scope: BTreeSet<Key> = scope(spec).iter().map(|g| key(g)).collect();
    if spec.units.is_empty() {
        return in_scope.into_iter().map(|k| (k, String::new())).collect();
    }
    if spec.combine.as_deref() == Some("all") {
        let fx = fx();
        let mut out = BTreeSet::new();
        for g in fx.gold.iter().filter(|g| in_scope.contains(&key(g))) {
            let every = spec.units.iter().all(|u| {
                let names = same_body(&g.jurisdiction, u, spec.levelless);
                gold_role(g, &names).is_some_and(|r| in_family(r, family))
            });
            if every {
                out.insert((key(g), String::new()));
            }
        }
        return out;
    }
    spec.units
        .iter()
        .flat_map(|u| expected_unit(u, spec.levelless, spec.place.as_deref(), family))
        .filter(|(k, _)| in_scope.contains(k))
        .collect()
}

/// The answer's rows in the shape [`expected`] gives for this spec.
pub fn got(spec: &Spec, a: &Answer) -> BTreeSet<(Key, String)> {
    if spec.units.is_empty() || spec.combine.as_deref() == Some("all") {
        result_keys(a).into_iter().map(|k| (k, String::new())).collect()
    } else {
        named_rows(a)
    }
}
