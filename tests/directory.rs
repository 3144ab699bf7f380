//! The unit directory: every alias pair the issue names merges; no two different bodies merge
//! (checked against the gold alias groups, which record both the merges and the deliberate
//! non-merges of the annotators); collectives cover what they say and nothing else.

use plan_lookup::model::Measure;
use plan_lookup::query::Engine;
use plan_lookup::units::{Directory, Kind};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const GOLD: &[&str] = &["000_a5641d4319222d19", "002_5cda63ea9f7dc0ed", "004_7b0fa0002b4ed437"];

fn measure(place: &str, units: &[&str]) -> Measure {
    Measure {
        doc: "t.txt".into(),
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
        responsible: units.iter().map(|s| s.to_string()).collect(),
        raw: String::new(),
        deadline: String::new(),
        text: String::new(),
    }
}

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        let docs = plan_lookup::corpus::default_documents().expect("the default corpus ingests");
        Engine::new(docs.into_iter().flat_map(|d| d.measures).collect())
    })
}

fn unit_of<'a>(d: &'a Directory, place: &str, name: &str) -> &'a plan_lookup::units::Unit {
    let p = d.place_id(place).unwrap_or_else(|| panic!("no place {place}"));
    let u = d.resolve(p, name).unwrap_or_else(|| panic!("{name} not in {place}"));
    &d.units[u as usize]
}

#[test]
fn every_issue_alias_pair_merges() {
    let pairs: &[(&str, &str, &str)] = &[
        ("某某区", "区法院", "区人民法院"),
        ("某某区", "区检察院", "区人民检察院"),
        ("某某区", "区市场监管局", "区市场监督管理局"),
        ("某某区", "区人社局", "区人力资源和社会保障局"),
        ("某某区", "区发改局", "区发改委"),
        ("某某区", "区卫健局", "区卫健委"),
        ("某某区", "区应急局", "区应急管理局"),
        ("某某区", "区网信办", "区委网信办"),
        ("某某市", "市行政审批局", "市行政审批服务局"),
        // width and spacing variants
        ("某某县", "各乡镇（街道）", "各乡镇(街道)"),
        ("某某区", "区司法局", " 区司法局 "),
        ("某某区", "ＡＢ区司法局", "ab区司法局"),
        // the place's own name standing for its level
        ("某某区", "某某区司法局", "区司法局"),
        ("下陆区", "下陆公安分局", "区公安分局"),
    ];
    for (place, a, b) in pairs {
        let d = Directory::build(&[measure(place, &[a, b])]);
        let p = d.place_id(place).expect("place");
        assert_eq!(d.resolve(p, a), d.resolve(p, b), "{a} / {b} should be one unit in {place}");
        assert!(d.resolve(p, a).is_some());
    }
}

#[test]
fn different_bodies_never_merge() {
    let pairs: &[(&str, &str)] = &[
        ("区委组织部", "区委组织办"),
        ("各乡镇", "各乡镇党委"),
        ("省级农科园", "省级农科园党工委"),
        ("区政府各部门", "区政府其他有关部门"),
        ("区政府有关部门", "区政府其他有关部门"),
        ("区政府各部门", "区政府其他执法单位"),
        ("县直各单位", "县直各有关单位"),
        ("县政协", "县政协办"),
        ("县委办", "县政府办"),
        ("区人大", "区人大常委会"),
        ("区人大常委会", "区人大常委会办公室"),
        ("区科经局", "区经信局"),
        ("区法院", "区检察院"),
        ("区司法局", "市司法局"),
        ("区公安分局", "市公安局"),
        ("区委宣传部", "区委统战部"),
        ("区自然资源局", "区自然资源和规划局"),
    ];
    for (a, b) in pairs {
        let d = Directory::build(&[measure("某某区", &[a, b])]);
        let p = d.place_id("某某区").expect("place");
        assert_ne!(d.resolve(p, a), d.resolve(p, b), "{a} / {b} must stay apart");
    }
    // Same name, different places: different units.
    let d = Directory::build(&[measure("资阳区", &["区司法局"]), measure("下陆区", &["区司法局"])]);
    assert_eq!(d.units.len(), 2);
    assert_ne!(d.units[0].place, d.units[1].place);
}

#[derive(Deserialize)]
struct GoldUnits {
    units: BTreeMap<String, usize>,
    alias_groups: Vec<Vec<String>>,
}

#[derive(Deserialize)]
struct GoldMeasure {
    doc: String,
    plan: String,
    jurisdiction: String,
    seq: u32,
    title: String,
    text_head: String,
    lead: Vec<String>,
    support: Vec<String>,
    responsible: Vec<String>,
    raw: String,
}

fn gold(name: &str) -> (Vec<Measure>, GoldUnits) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold/");
    let text = std::fs::read_to_string(format!("{dir}{name}.jsonl")).expect("gold jsonl");
    let ms = text
        .lines()
        .map(|l| {
            let g: GoldMeasure = serde_json::from_str(l).expect("gold line");
            Measure {
                doc: g.doc,
                plan: g.plan,
                jurisdiction: g.jurisdiction,
                seq: g.seq,
                number: None,
                parent: None,
                path: vec![],
                title: g.title,
                text: g.text_head.clone(),
                text_head: g.text_head,
                lead: g.lead,
                support: g.support,
                responsible: g.responsible,
                raw: g.raw,
                deadline: String::new(),
            }
        })
        .collect();
    let units = serde_json::from_str(&std::fs::read_to_string(format!("{dir}{name}.units.json")).expect("units")).expect("units json");
    (ms, units)
}

/// The directory partitions every gold document's surface forms exactly as the gold alias
/// groups do: grouped forms share a unit, all other forms have units of their own.
fn check_partition(d: &Directory, place: &str, g: &GoldUnits) {
    let p = d.place_id(place).expect("place");
    let group_of = |s: &str| g.alias_groups.iter().position(|grp| grp.iter().any(|x| x == s));
    let forms: Vec<&String> = g.units.keys().collect();
    for (i, a) in forms.iter().enumerate() {
        let ua = d.resolve(p, a).unwrap_or_else(|| panic!("{a} unresolved in {place}"));
        for b in &forms[i + 1..] {
            let ub = d.resolve(p, b).unwrap_or_else(|| panic!("{b} unresolved in {place}"));
            let same_gold = group_of(a).is_some() && group_of(a) == group_of(b);
            assert_eq!(ua == ub, same_gold, "{place}: {a} / {b}: directory says same={}, gold says {}", ua == ub, same_gold);
        }
    }
}

#[test]
fn gold_alias_groups_are_reproduced_exactly() {
    for name in GOLD {
        let (ms, units) = gold(name);
        let place = ms[0].jurisdiction.clone();
        // From the gold measures alone ...
        check_partition(&Directory::build(&ms), &place, &units);
        // ... and within the whole ingested corpus.
        check_partition(engine().directory(), &place, &units);
    }
}

#[test]
fn kinds() {
    let d = engine().directory();
    let cases: &[(&str, &str, Kind)] = &[
        ("资阳区", "区委宣传部", Kind::Party),
        ("资阳区", "区纪委监委", Kind::Party),
        ("资阳区", "区司法局", Kind::Government),
        ("资阳区", "区公安分局", Kind::Government),
        ("资阳区", "区人大常委会办公室", Kind::Congress),
        ("资阳区", "区政协办公室", Kind::Cppcc),
        ("资阳区", "区人民法院", Kind::Judicial),
        ("资阳区", "区人民检察院", Kind::Judicial),
        ("资阳区", "团区委", Kind::Mass),
        ("资阳区", "区妇联", Kind::Mass),
        ("资阳区", "总工会", Kind::Mass),
        ("资阳区", "长春经开区", Kind::Zone),
        ("资阳区", "中国人民银行益阳支行", Kind::Stationed),
        ("资阳区", "生态环境分局", Kind::Stationed),
        ("资阳区", "区直、驻区各单位", Kind::Collective),
        ("资阳区", "各乡镇", Kind::Collective),
        ("宁远县", "市生态环境局宁远分局", Kind::Stationed),
        ("宁远县", "人民银行宁远支行", Kind::Stationed),
        ("宁远县", "县政府有关部门", Kind::Collective),
        ("吉首市", "市政府办公室", Kind::Government),
        ("吉首市", "市民政局", Kind::Government),
        ("吉首市", "市政协办公室", Kind::Cppcc),
        ("吉首市", "市政府各部门", Kind::Collective),
        ("下陆区", "下陆公安分局", Kind::Government),
        ("下陆区", "区总工会", Kind::Mass),
        ("襄州区", "区直各单位", Kind::Collective),
    ];
    for (place, name, kind) in cases {
        assert_eq!(unit_of(d, place, name).kind, *kind, "{name} in {place}");
    }
}

fn members(d: &Directory, place: &str, collective: &str) -> BTreeSet<String> {
    unit_of(d, place, collective).members.iter().map(|&m| d.units[m as usize].name.clone()).collect()
}

#[test]
fn collectives_cover_what_they_say() {
    let d = engine().directory();
    // 区直各单位 covers 区司法局 (襄州区), and the court: it is every district body.
    let m = members(d, "襄州区", "区直各单位");
    assert!(m.contains("区司法局") && m.contains("区法院") && m.contains("区委政法委"), "{m:?}");
    // 区政府各部门 covers government departments, not the court, the procuratorate or the party.
    let m = members(d, "资阳区", "区政府各部门");
    assert!(m.contains("区司法局") && m.contains("区发改局"));
    for not in ["区人民法院", "区人民检察院", "区委组织部", "区人大常委会办公室", "团区委", "中国人民银行益阳支行"]
    {
        assert!(!m.contains(not), "区政府各部门 must not cover {not}");
    }
    // Every member of every collective is of its own place and not itself a collective.
    for u in &d.units {
        for &mm in &u.members {
            let x = &d.units[mm as usize];
            assert_eq!(x.place, u.place);
            assert_ne!(x.kind, Kind::Collective);
        }
    }
    // 驻区 adds stationed bodies; without it they are not covered.
    assert!(members(d, "资阳区", "区直、驻区各单位").contains("中国人民银行益阳支行"));
    // Township collectives cover townships only: no department, no zone.
    for (place, c) in [("资阳区", "各乡镇"), ("资阳区", "街道"), ("宁远县", "各乡镇(街道)"), ("下陆区", "各街办")]
    {
        let m = members(d, place, c);
        assert!(m.iter().all(|n| d.units.iter().any(|u| u.name == *n && u.kind == Kind::Township)), "{c}: {m:?}");
        assert!(!m.contains("长春经开区"));
    }
    // Enforcement collectives cover government departments only.
    let m = members(d, "资阳区", "全区各执法单位");
    assert!(m.contains("区市场监管局") && !m.contains("区人民法院") && !m.contains("区委宣传部"));
    // 县政府有关部门 (宁远县) covers only government departments.
    let p = d.place_id("宁远县").expect("宁远县");
    let c = d.resolve(p, "县政府有关部门").expect("县政府有关部门");
    assert!(d.units[c as usize].members.iter().all(|&m| d.units[m as usize].kind == Kind::Government));
}

#[test]
fn collective_reach_is_answered_as_collective() {
    let e = engine();
    // 资阳区: 区政府各部门 reaches 区司法局 but never the court.
    let a = e.ask("资阳区区司法局负责什么");
    assert!(a.results.iter().any(|r| r.role == plan_lookup::index::RowRole::Collective && r.via.as_deref() == Some("区政府各部门")));
    let a = e.ask("资阳区人民法院负责什么");
    assert!(a.results.iter().all(|r| r.via.as_deref() != Some("区政府各部门")));
    // 襄州区: 区直各单位 reaches 区司法局 where it is not named.
    let a = e.ask("襄州区司法局负责什么");
    assert!(a.results.iter().any(|r| r.role == plan_lookup::index::RowRole::Collective && r.via.as_deref() == Some("区直各单位")));
}

#[test]
fn listing_counts_and_aliases() {
    let e = engine();
    let list = e.units();
    assert_eq!(list.len(), e.directory().units.len());
    let hr = list.iter().find(|u| u.place == "资阳区" && u.aliases.contains(&"区人社局".to_string())).expect("人社局");
    assert!(hr.aliases.contains(&"区人力资源和社会保障局".to_string()));
    // Each measure counts once per unit, by best role: the named counts add up to the number of
    // distinct (measure, unit) pairs.
    let named: usize = list.iter().map(|u| u.lead + u.responsible_first + u.support + u.responsible).sum();
    let pairs: usize = (0..e.measures().len() as u32).map(|m| e.role_index().named_in(m).len()).sum();
    assert_eq!(named, pairs);
    // responsible_first only where the measure has no lead.
    for (i, m) in e.measures().iter().enumerate() {
        for &(_, role) in e.role_index().named_in(i as u32) {
            if role == plan_lookup::index::RowRole::ResponsibleFirst {
                assert!(m.lead.is_empty());
            }
        }
    }
    assert!(list.iter().any(|u| u.place == "资阳区" && u.aliases.iter().any(|a| a == "区人社局") && u.name != "区人社局"));
    // Collectives list members in the listing.
    assert!(list.iter().any(|u| u.kind == Kind::Collective && u.members.contains(&"区司法局".to_string())));
}
