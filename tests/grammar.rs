//! The question grammar against the oracle (tests/support/oracle.rs): templates × units × topics
//! of the seed plans, plus the hand-written phrasings of tests/questions/free.jsonl, in the eight
//! families of the issue. Each question's answer must equal the oracle's, and its reading (role,
//! conjunction, topic words, count, place) must be the one its labeller wrote; no word may be left
//! unread. The report prints exactness per family.

#[path = "support/oracle.rs"]
mod oracle;

use oracle::{expected, fx, got, Spec};
use plan_lookup::index::RowRole;
use plan_lookup::query::{Answer, Combine, Intent};
use std::collections::BTreeSet;

const FAMILIES: [&str; 8] = [
    "1 unit + role",
    "2 unit + role + topic",
    "3 counts",
    "4 several units",
    "5 who leads a topic",
    "6 place and plan scope",
    "7 structural",
    "8 variants",
];

fn spec(q: String, family: u8) -> Spec {
    Spec { q, family, ..Spec::default() }
}

/// Units printed in the gold of the seeds, by place (names as printed, level included).
const UNITS: &[&str] = &[
    "区司法局",
    "区人民法院",
    "区财政局",
    "区委宣传部",
    "区人社局",
    "区教育局",
    "县司法局",
    "县公安局",
    "县财政局",
    "县人社局",
    "县委宣传部",
    "县政府办",
    "区法院",
    "区检察院",
    "区委政法委",
    "下陆公安分局",
];

/// Topics of the seed plans.
const TOPICS: &[&str] =
    &["行政复议", "执法", "普法", "法律顾问", "公共法律服务", "矛盾纠纷", "营商环境", "宪法", "合法性审查", "信访", "行政应诉", "法治宣传"];

/// Templates of family 1: (template, role).
const UNIT_ROLE: &[(&str, &str)] = &[
    ("{u}牵头干什么", "lead"),
    ("{u}都负责啥", "any"),
    ("{u}要做哪些事", "any"),
    ("{u}有什么牵头任务", "lead"),
    ("{u}作为牵头单位的任务", "lead"),
    ("{u}作为配合单位参与了哪些工作", "join"),
    ("哪些工作由{u}牵头", "lead"),
    ("{u}牵头的有哪些", "lead"),
    ("列出{u}的全部任务", "any"),
    ("{u}的任务清单", "any"),
    ("{u}的职责有哪些", "any"),
    ("请问{u}配合哪些工作？", "join"),
    ("帮我查{u}参与的任务", "join"),
];

/// Templates of family 2: (template, role).
const UNIT_ROLE_TOPIC: &[(&str, &str)] = &[
    ("{u}负责哪些{t}工作", "any"),
    ("{u}牵头的{t}任务", "lead"),
    ("{u}在{t}方面牵头哪些工作", "lead"),
    ("{u}参与了哪些{t}相关的任务", "join"),
];

const COUNTS: &[(&str, &str)] =
    &[("{u}牵头多少项任务", "lead"), ("{u}一共参与几项", "join"), ("{u}有几条任务", "any"), ("{u}负责的任务有多少", "any")];

const PAIRS: &[(&str, &str)] = &[
    ("区司法局", "区法院"),
    ("区司法局", "区委宣传部"),
    ("县司法局", "县公安局"),
    ("县财政局", "县人社局"),
    ("区法院", "区检察院"),
    ("县委宣传部", "县司法局"),
];

/// Templates of family 4: (template, role, combine).
const SEVERAL: &[(&str, &str, &str)] = &[
    ("{a}和{b}共同负责哪些任务", "any", "all"),
    ("{a}和{b}都参与了哪些工作", "join", "all"),
    ("{a}和{b}一起牵头的任务", "lead", "all"),
    ("{a}和{b}一起负责什么", "any", "all"),
    ("{a}或{b}牵头的任务", "lead", "any"),
    ("{a}或者{b}负责哪些工作", "any", "any"),
];

const WHO: &[(&str, &str)] = &[
    ("{t}由哪个部门牵头", "lead"),
    ("{t}归哪个单位管", "lead"),
    ("{t}是谁牵头的", "lead"),
    ("谁负责{t}", "any"),
    ("{t}相关工作由哪些单位参与", "join"),
];

/// Long topics and the words they are read as.
const LONG_TOPICS: &[(&str, &[&str])] = &[
    ("重大行政决策合法性审查", &["重大行政决策", "合法性审查"]),
    ("行政复议体制改革", &["行政复议", "体制改革"]),
    ("公共法律服务体系建设", &["公共法律服务", "体系建设"]),
];

/// Place + level-less body (family 6).
const PLACE_BODIES: &[(&str, &str)] =
    &[("资阳区", "司法局"), ("下陆区", "司法局"), ("宁远县", "公安局"), ("下陆区", "法院"), ("资阳区", "财政局"), ("宁远县", "司法局")];

const PLACE_TEMPLATES: &[(&str, &str)] = &[("{p}的{b}牵头哪些任务", "lead"), ("{p}{b}参与哪些工作", "join"), ("{p}的{b}负责什么", "any")];

/// Plans (a stretch of each gold title) and a unit of each.
const PLANS: &[(&str, &str)] =
    &[("宁远县法治政府建设实施方案", "县司法局"), ("法治下陆建设规划", "区司法局"), ("法治湖南建设实施细则", "区司法局")];

const STRUCTURAL: &[(&str, &str)] = &[
    ("哪些任务没有牵头单位", "no_lead"),
    ("{p}哪些任务没有牵头单位", "no_lead"),
    ("{p}有哪些任务只有责任单位", "only_responsible"),
    ("只有责任单位的任务有哪些", "only_responsible"),
];

/// Traditional forms of the characters the templates use (written here, not taken from the
/// engine's table).
const TRADITIONAL: &[(char, char)] = &[
    ('区', '區'),
    ('县', '縣'),
    ('头', '頭'),
    ('务', '務'),
    ('负', '負'),
    ('责', '責'),
    ('参', '參'),
    ('与', '與'),
    ('配', '配'),
    ('关', '關'),
    ('财', '財'),
    ('宣', '宣'),
    ('传', '傳'),
    ('检', '檢'),
    ('协', '協'),
    ('项', '項'),
    ('么', '麼'),
    ('单', '單'),
    ('门', '門'),
    ('执', '執'),
];

/// One-character typos of unit names that point to one name only.
const TYPOS: &[(&str, &str)] =
    &[("区司法句", "区司法局"), ("县公按局", "县公安局"), ("县财正局", "县财政局"), ("区委宣船部", "区委宣传部"), ("县政府力", "县政府办")];

fn fill(t: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = t.to_string();
    for (k, v) in pairs {
        s = s.replace(k, v);
    }
    s
}

fn templated() -> Vec<Spec> {
    let mut out = Vec::new();
    let unit = |q: String, fam: u8, u: &str, role: &str| Spec { units: vec![u.into()], role: Some(role.into()), ..spec(q, fam) };
    for u in UNITS {
        for (t, role) in UNIT_ROLE {
            out.push(unit(fill(t, &[("{u}", u)]), 1, u, role));
        }
        for (t, role) in COUNTS {
            out.push(Spec { count: true, ..unit(fill(t, &[("{u}", u)]), 3, u, role) });
        }
    }
    for u in UNITS.iter().take(12) {
        for topic in TOPICS {
            for (t, role) in UNIT_ROLE_TOPIC {
                out.push(Spec { topic: vec![topic.to_string()], ..unit(fill(t, &[("{u}", u), ("{t}", topic)]), 2, u, role) });
            }
        }
    }
    for (a, b) in PAIRS {
        for (t, role, combine) in SEVERAL {
            out.push(Spec {
                units: vec![a.to_string(), b.to_string()],
                role: Some(role.to_string()),
                combine: Some(combine.to_string()),
                ..spec(fill(t, &[("{a}", a), ("{b}", b)]), 4)
            });
        }
    }
    let topics: Vec<(String, Vec<String>)> = TOPICS
        .iter()
        .map(|t| (t.to_string(), vec![t.to_string()]))
        .chain(LONG_TOPICS.iter().map(|(t, w)| (t.to_string(), w.iter().map(|x| x.to_string()).collect())))
        .collect();
    for (topic, words) in &topics {
        for (t, role) in WHO {
            out.push(Spec { who: true, topic: words.clone(), role: Some(role.to_string()), ..spec(fill(t, &[("{t}", topic)]), 5) });
        }
    }
    for (p, b) in PLACE_BODIES {
        for (t, role) in PLACE_TEMPLATES {
            out.push(Spec {
                units: vec![b.to_string()],
                levelless: true,
                place: Some(p.to_string()),
                role: Some(role.to_string()),
                ..spec(fill(t, &[("{p}", p), ("{b}", b)]), 6)
            });
        }
    }
    for (plan, u) in PLANS {
        for (t, role) in [("在{plan}里{u}负责哪些任务", "any"), ("{plan}中{u}牵头的工作", "lead")] {
            out.push(Spec { plan: Some(plan.to_string()), ..unit(fill(t, &[("{plan}", plan), ("{u}", u)]), 6, u, role) });
        }
    }
    for (t, s) in STRUCTURAL {
        let places: &[Option<&str>] = if t.contains("{p}") { &[Some("资阳区"), Some("宁远县")] } else { &[None] };
        for p in places {
            out.push(Spec {
                place: p.map(str::to_string),
                structural: Some(s.to_string()),
                ..spec(fill(t, &[("{p}", p.unwrap_or(""))]), 7)
            });
        }
    }
    // Variants of family 1 questions.
    for u in UNITS.iter().take(8) {
        let base = format!("{u}牵头哪些任务");
        let trad: String = base.chars().map(|c| TRADITIONAL.iter().find(|(s, _)| *s == c).map_or(c, |(_, t)| *t)).collect();
        let spaced: String = base.chars().flat_map(|c| [c, ' ']).collect();
        for q in [trad, format!("  {spaced} "), format!("{base}吗"), format!("{base}呢？"), format!("{base}?"), format!("{base}？？")]
        {
            out.push(unit(q, 8, u, "lead"));
        }
        out.push(unit(format!("{u}參與哪些任務？"), 8, u, "join"));
    }
    for (typo, u) in TYPOS {
        out.push(unit(format!("{typo}负责哪些任务"), 8, u, "any"));
    }
    out
}

/// The hand-written questions: free.jsonl (written with the templates in view), and
/// holdout.jsonl and holdout2.jsonl (written blind, without the grammar's code or the other
/// questions; the reader was then taught what they showed).
fn free() -> Vec<Spec> {
    ["free.jsonl", "holdout.jsonl", "holdout2.jsonl"].iter().flat_map(|f| questions(f)).collect()
}

fn questions(file: &str) -> Vec<Spec> {
    let path = format!("{}/tests/questions/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("a hand-written question line")).collect()
}

/// The newest blind sets, kept as a measure rather than a list to pass: each was written blind
/// and scored as it came (holdout3.jsonl: 78 of 100 exact; holdout4.jsonl: 61; holdout5.jsonl: 31; holdout6.jsonl: 66; holdout9.jsonl: 67; holdout10.jsonl: 52 of 77; holdout11.jsonl: 55 of 90; holdout12.jsonl: 45 of 90; holdout13.jsonl: 37 of 90; holdout14.jsonl: 25 of 90, with the session-24 rules; holdout15.jsonl: 27 of 90, after holdout14's families were read; holdout16.jsonl: 49 of 90, after holdout15's; holdout17.jsonl: 51 of 90, with the date and quote rules; holdout18.jsonl: 64 of 90, before verbs of mention were read; holdout19.jsonl: 59 of 90, with the asker's-story rule; holdout20.jsonl: 75 of 90; holdout21.jsonl: 68 of 90, before ellipses and tildes ended clauses); the
/// families of phrasing it showed missing were then read by rule, and the rest are left as
/// they are. How many are exact may only go up (raise a floor with it).
const BLIND_FLOORS: &[(&str, usize)] = &[
    ("holdout3.jsonl", 98),
    ("holdout4.jsonl", 98),
    ("holdout5.jsonl", 95),
    ("holdout6.jsonl", 95),
    ("holdout7.jsonl", 72),
    ("holdout8.jsonl", 84),
    ("holdout9.jsonl", 90),
    ("holdout10.jsonl", 68),
    ("holdout11.jsonl", 84),
    ("holdout12.jsonl", 73),
    ("holdout13.jsonl", 73),
    ("holdout14.jsonl", 73),
    ("holdout15.jsonl", 73),
    ("holdout16.jsonl", 78),
    ("holdout17.jsonl", 75),
    ("holdout18.jsonl", 79),
    ("holdout19.jsonl", 71),
    ("holdout20.jsonl", 82),
    ("holdout21.jsonl", 74),
];

#[test]
fn the_newest_blind_questions_score_at_least_their_floor() {
    let fx = fx();
    let mut below = Vec::new();
    for &(file, floor) in BLIND_FLOORS {
        let specs = questions(file);
        let wrong: Vec<String> = specs
            .iter()
            .filter_map(|s| {
                let errs = check(s, &fx.engine.ask(&s.q));
                (!errs.is_empty()).then(|| format!("[{}] {}: {}", s.family, s.q, errs.join("; ")))
            })
            .collect();
        let exact = specs.len() - wrong.len();
        println!("{file}: {exact} / {} exact (floor {floor})\n{}", specs.len(), wrong.join("\n"));
        if exact < floor {
            below.push(format!("{file}: {exact} of {} exact, below the floor {floor}:\n{}", specs.len(), wrong.join("\n")));
        }
    }
    assert!(below.is_empty(), "{}", below.join("\n"));
}

/// What is wrong with the answer to `s`, if anything.
fn check(s: &Spec, a: &Answer) -> Vec<String> {
    let mut errs = Vec::new();
    let want = expected(s);
    if want.is_empty() {
        errs.push("the oracle finds nothing: the question tests nothing".into());
        return errs;
    }
    let have = got(s, a);
    if have != want {
        errs.push(format!(
            "{} rows, want {} (missing {:?}; extra {:?})",
            have.len(),
            want.len(),
            want.difference(&have).take(3).collect::<Vec<_>>(),
            have.difference(&want).take(3).collect::<Vec<_>>()
        ));
    }
    let intent = if !s.units.is_empty() {
        Intent::Unit
    } else if s.structural.is_some() {
        Intent::Structural
    } else if s.who || s.role.is_some() {
        Intent::Topic
    } else {
        Intent::Keyword
    };
    if a.intent != intent {
        errs.push(format!("intent {:?}, want {intent:?}", a.intent));
    }
    if let (Some(want), Intent::Unit | Intent::Topic) = (&s.role, intent) {
        if a.role.map(|f| f.as_str()) != Some(want.as_str()) {
            errs.push(format!("role {:?}, want {want}", a.role));
        }
    }
    let combine = match (s.units.len(), s.combine.as_deref()) {
        (0 | 1, _) => None,
        (_, Some("all")) => Some(Combine::All),
        _ => Some(Combine::Any),
    };
    if a.combine != combine {
        errs.push(format!("combine {:?}, want {combine:?}", a.combine));
    }
    let words: BTreeSet<String> = a.keywords.iter().map(|k| k.replace('＋', "+")).collect();
    let want_words: BTreeSet<String> = s.topic.iter().map(|k| k.replace('＋', "+")).collect();
    if words != want_words {
        errs.push(format!("topic words {:?}, want {:?}", a.keywords, s.topic));
    }
    if !a.unknown.is_empty() {
        errs.push(format!("words not understood: {:?}", a.unknown));
    }
    if s.count {
        let distinct: BTreeSet<usize> = a.results.iter().filter(|r| r.role != RowRole::Collective).map(|r| r.id).collect();
        if a.count != Some(distinct.len()) {
            errs.push(format!("count {:?}, want {}", a.count, distinct.len()));
        }
    }
    if let Some(p) = &s.place {
        if a.results.iter().any(|r| &r.jurisdiction != p) {
            errs.push(format!("rows outside {p}"));
        }
    }
    if let Some(p) = &s.plan {
        if a.plans.is_empty() {
            errs.push(format!("plan {p} not read"));
        }
    }
    errs
}

#[test]
fn every_family_is_answered_exactly() {
    let fx = fx();
    let specs: Vec<(bool, Spec)> = templated().into_iter().map(|s| (false, s)).chain(free().into_iter().map(|s| (true, s))).collect();
    let mut per_family = [(0usize, 0usize); 8];
    let mut failures = Vec::new();
    let mut tested = 0;
    let mut free_n = 0;
    for (is_free, s) in &specs {
        let a = fx.engine.ask(&s.q);
        let errs = check(s, &a);
        // A templated combination the gold has no answer for is skipped (it tests nothing);
        // every hand-written question must have one.
        if !is_free && errs.len() == 1 && errs[0].starts_with("the oracle finds nothing") {
            continue;
        }
        tested += 1;
        free_n += *is_free as usize;
        let f = &mut per_family[(s.family as usize).clamp(1, 8) - 1];
        f.1 += 1;
        if errs.is_empty() {
            f.0 += 1;
        } else {
            failures.push(format!("[{}] {}: {}", s.family, s.q, errs.join("; ")));
        }
    }
    println!("family                       exact / asked");
    for (name, (ok, n)) in FAMILIES.iter().zip(per_family) {
        println!("{name:<28} {ok:>5} / {n}");
    }
    println!("all: {} / {tested} ({free_n} hand-written)", tested - failures.len());
    assert!(tested >= 300, "only {tested} questions test something");
    assert!(free_n >= 60, "only {free_n} hand-written questions");
    assert!(per_family.iter().all(|(_, n)| *n >= 8), "a family has fewer than 8 questions: {per_family:?}");
    assert!(failures.is_empty(), "{} of {tested} questions wrong:\n{}", failures.len(), failures.join("\n"));
}
