//! The question suite: questions asked of the embedded default corpus, each checked against the
//! oracle of tests/support/oracle.rs (answers derived from the gold labels of the three
//! gold-labelled documents, and, for keyword semantics, a brute-force scan of the corpus texts):
//! the ordering, collective rows, highlights and summaries of answers. tests/grammar.rs checks
//! the grammar's families.

use plan_lookup::index::RowRole;
use plan_lookup::query::{Answer, Family, Field, Intent};
use plan_lookup::units::Kind;
use std::collections::BTreeSet;

#[path = "support/oracle.rs"]
mod oracle;

use oracle::{brute_force, expected_unit, fold, fx, gold_role, named_rows, occurrences, role_rank, Gold};

fn field_name(f: Field) -> String {
    match f {
        Field::Title => "title".into(),
        Field::Text => "text".into(),
    }
}

/// Rows come grouped by place, and within a place by role (named before collective).
fn check_grouping(a: &Answer) -> Result<(), String> {
    let mut seen_places: Vec<&str> = Vec::new();
    let mut last_rank = 0;
    for r in &a.results {
        if seen_places.last() != Some(&r.jurisdiction.as_str()) {
            if seen_places.contains(&r.jurisdiction.as_str()) {
                return Err(format!("place {} not contiguous", r.jurisdiction));
            }
            seen_places.push(&r.jurisdiction);
            last_rank = 0;
        }
        let k = role_rank(r.role.as_str());
        if k < last_rank {
            return Err(format!("role {:?} after a later role in {}", r.role, r.jurisdiction));
        }
        last_rank = k;
    }
    Ok(())
}

/// Collective rows: reached through a collective the measure names, the unit itself not named,
/// and the collective's role fits the family.
fn check_collective_rows(a: &Answer, family: &str) -> Result<(), String> {
    let fx = fx();
    let units = fx.engine.units();
    let aliases = |place: &str, name: &str| -> Vec<String> {
        units.iter().find(|u| u.place == place && u.name == name).map(|u| u.aliases.clone()).unwrap_or_default()
    };
    for r in a.results.iter().filter(|r| r.role == RowRole::Collective) {
        let m = fx.engine.measure(r.id).ok_or("bad id")?;
        let printed: Vec<&String> = m.lead.iter().chain(&m.support).chain(&m.responsible).collect();
        let via = r.via.as_deref().ok_or("collective row without via")?;
        let entry = units.iter().find(|u| u.place == r.jurisdiction && u.name == via).ok_or("via not in directory")?;
        if entry.kind != Kind::Collective {
            return Err(format!("via {via} is not a collective"));
        }
        if !entry.aliases.iter().any(|s| printed.contains(&s)) {
            return Err(format!("measure {} does not name {via}", r.id));
        }
        let unit = r.unit.as_deref().ok_or("row without unit")?;
        if !entry.members.iter().any(|x| x == unit) {
            return Err(format!("{via} does not cover {unit}"));
        }
        if aliases(&r.jurisdiction, unit).iter().any(|s| printed.contains(&s)) {
            return Err(format!("{unit} is named in measure {}, yet returned as collective", r.id));
        }
        let vr = r.via_role.map_or("", RowRole::as_str);
        let ok = match family {
            "lead" => vr == "lead",
            "join" => vr != "lead",
            _ => true,
        };
        if !ok {
            return Err(format!("collective role {vr} does not fit family {family}"));
        }
    }
    Ok(())
}

/// Keyword semantics: exactly the brute-force set; every occurrence highlighted, nothing else;
/// title hits ranked before the rest.
fn check_keyword_results(a: &Answer, phrases: &[&str], place: Option<&str>) -> Result<(), String> {
    let fx = fx();
    let got: BTreeSet<usize> = a.results.iter().map(|r| r.id).collect();
    if got.len() != a.results.len() {
        return Err("duplicate results".into());
    }
    let want = brute_force(phrases, place);
    if got != want {
        return Err(format!(
            "results {} vs brute force {} (missing {:?}, extra {:?})",
            got.len(),
            want.len(),
            want.difference(&got).collect::<Vec<_>>(),
            got.difference(&want).collect::<Vec<_>>()
        ));
    }
    let mut seen_non_title = false;
    for r in &a.results {
        let m = fx.engine.measure(r.id).ok_or("bad id")?;
        let (t, x) = (fold(&m.title), fold(&m.text));
        let mut want_marks: Vec<(String, usize, usize)> = Vec::new();
        let mut title_hits = 0;
        for p in phrases {
            let pf = fold(p);
            let ot = occurrences(&t, &pf);
            title_hits += !ot.is_empty() as usize;
            want_marks.extend(ot.into_iter().map(|s| ("title".to_string(), s, s + pf.len())));
            want_marks.extend(occurrences(&x, &pf).into_iter().map(|s| ("text".to_string(), s, s + pf.len())));
        }
        let mut got_marks: Vec<(String, usize, usize)> = r.highlights.iter().map(|h| (field_name(h.field), h.start, h.end)).collect();
        want_marks.sort();
        got_marks.sort();
        if want_marks != got_marks {
            return Err(format!("highlights of measure {} differ: {:?} vs {:?}", r.id, got_marks, want_marks));
        }
        if title_hits == 0 {
            seen_non_title = true;
        } else if seen_non_title && a.intent != Intent::Unit {
            return Err(format!("title hit {} ranked after a text-only hit", r.id));
        }
    }
    Ok(())
}

// ---- the questions -------------------------------------------------------------------------

/// A unit question and the gold-derived answer it must give.
struct UnitQ {
    q: &'static str,
    /// The body asked about, as a gold surface would print it (level-less when `levelless`).
    name: &'static str,
    levelless: bool,
    place: Option<&'static str>,
    family: &'static str,
}

const fn uq(q: &'static str, name: &'static str, place: Option<&'static str>, family: &'static str) -> UnitQ {
    UnitQ { q, name, levelless: false, place, family }
}

const fn lq(q: &'static str, name: &'static str, place: Option<&'static str>, family: &'static str) -> UnitQ {
    UnitQ { q, name, levelless: true, place, family }
}

const UNIT_QUESTIONS: &[UnitQ] = &[
    // lead family
    uq("区司法局牵头哪些任务？", "区司法局", None, "lead"),
    lq("资阳区司法局牵头哪些任务", "司法局", Some("资阳区"), "lead"),
    uq("下陆区的区司法局牵头哪些任务", "区司法局", Some("下陆区"), "lead"),
    uq("县司法局牵头负责哪些工作", "县司法局", None, "lead"),
    uq("区委政法委主抓哪些任务", "区委政法委", None, "lead"),
    uq("县政府办牵头什么", "县政府办", None, "lead"),
    uq("区发改委牵头哪些任务", "区发改委", None, "lead"),
    uq("区应急局牵头哪些任务", "区应急局", None, "lead"),
    uq("区网信办牵头哪些任务", "区网信办", None, "lead"),
    lq("宁远县公安局牵头哪些任务", "公安局", Some("宁远县"), "lead"),
    lq("人民法院牵头哪些任务", "法院", None, "lead"),
    uq("团区委牵头哪些任务", "团区委", None, "lead"),
    uq("下陆区区人民法院牵头哪些任务", "区人民法院", Some("下陆区"), "lead"),
    // join family
    uq("区法院参与哪些任务", "区法院", None, "join"),
    uq("县检察院配合哪些工作", "县检察院", None, "join"),
    uq("区司法局参加了哪些任务", "区司法局", None, "join"),
    uq("县人社局协助哪些任务", "县人社局", None, "join"),
    uq("下陆区区委宣传部协办哪些任务", "区委宣传部", Some("下陆区"), "join"),
    uq("区人民检察院参与哪些任务", "区人民检察院", None, "join"),
    // any
    uq("区司法局负责什么", "区司法局", None, "any"),
    lq("司法局有哪些任务", "司法局", None, "any"),
    uq("区人社局承担哪些职责", "区人社局", None, "any"),
    uq("区市场监督管理局有哪些工作", "区市场监督管理局", None, "any"),
    uq("县委编办负责哪些任务", "县委编办", None, "any"),
    uq("区卫健委负责什么", "区卫健委", None, "any"),
    uq("区纪委监委有哪些任务", "区纪委监委", None, "any"),
    uq("县政府各部门负责什么", "县政府各部门", None, "any"),
    uq("区行政审批服务局负责什么", "区行政审批服务局", None, "any"),
    uq("长春经济开发区负责什么", "长春经济开发区", None, "any"),
    lq("资阳区人民法院有哪些任务", "人民法院", Some("资阳区"), "any"),
    uq("区人力资源和社会保障局", "区人力资源和社会保障局", None, "any"),
];

#[test]
fn unit_questions_match_gold() {
    let fx = fx();
    let mut failures = Vec::new();
    for u in UNIT_QUESTIONS {
        let a = fx.engine.ask(u.q);
        let want = expected_unit(u.name, u.levelless, u.place, u.family);
        let got = named_rows(&a);
        let mut errs = Vec::new();
        if a.intent != Intent::Unit {
            errs.push(format!("intent {:?}", a.intent));
        }
        if a.role.map(Family::as_str) != Some(u.family) {
            errs.push(format!("role {:?}", a.role));
        }
        if want.is_empty() {
            errs.push("oracle found nothing: the question tests nothing".into());
        }
        if got != want {
            errs.push(format!(
                "missing {:?}\n      extra {:?}",
                want.difference(&got).take(5).collect::<Vec<_>>(),
                got.difference(&want).take(5).collect::<Vec<_>>()
            ));
        }
        if let Some(p) = u.place {
            if a.results.iter().any(|r| r.jurisdiction != p) {
                errs.push(format!("rows outside {p}"));
            }
        }
        if let Err(e) = check_grouping(&a).and_then(|_| check_collective_rows(&a, u.family)) {
            errs.push(e);
        }
        if !errs.is_empty() {
            failures.push(format!("{}: {}", u.q, errs.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} unit questions failed:\n{}", failures.len(), UNIT_QUESTIONS.len(), failures.join("\n"));
}

#[test]
fn responsible_first_is_labelled_and_follows_leads() {
    // 资阳区 (000) has no 牵头单位 at all: every lead-family row there is responsible_first.
    let a = fx().engine.ask("资阳区司法局牵头哪些任务");
    assert!(!a.results.is_empty());
    assert!(a.results.iter().all(|r| r.role == RowRole::ResponsibleFirst));
    assert!(plan_lookup::query::labels::role_heading(RowRole::ResponsibleFirst).contains("按惯例视为牵头"));
}

#[test]
fn collective_rows_come_after_named_ones() {
    let fx = fx();
    // 下陆区: 区司法局 is reached through 区直有关部门 etc. in many measures.
    let a = fx.engine.ask("下陆区区司法局负责什么");
    let coll = a.results.iter().filter(|r| r.role == RowRole::Collective).count();
    assert!(coll > 0, "expected collective rows");
    let first_coll = a.results.iter().position(|r| r.role == RowRole::Collective).unwrap_or(0);
    assert!(a.results[first_coll..].iter().all(|r| r.role == RowRole::Collective));
    check_collective_rows(&a, "any").unwrap();
    // No measure appears both as named and as collective for the same unit.
    let named: BTreeSet<usize> = a.results.iter().filter(|r| r.role != RowRole::Collective).map(|r| r.id).collect();
    assert!(a.results.iter().filter(|r| r.role == RowRole::Collective).all(|r| !named.contains(&r.id)));
    assert!(a.results.iter().filter(|r| r.role == RowRole::Collective).all(|r| r.via.is_some()));
}

#[test]
fn typo_of_one_character_is_corrected_when_unambiguous() {
    let fx = fx();
    let right = fx.engine.ask("区司法局负责什么");
    let typo = fx.engine.ask("区司法句负责什么");
    assert_eq!(typo.intent, Intent::Unit);
    assert!(typo.message.is_some());
    let ids = |a: &Answer| a.results.iter().map(|r| (r.id, r.role)).collect::<Vec<_>>();
    assert_eq!(ids(&right), ids(&typo));
}

#[test]
fn unknown_units_get_suggestions() {
    let fx = fx();
    // 区财务局: one edit from 区财政局, 区商务局, 区税务局: ambiguous, so suggest.
    let a = fx.engine.ask("区财务局牵头哪些任务");
    assert_eq!(a.intent, Intent::Unit);
    assert!(a.results.is_empty());
    assert!(a.suggestions.iter().any(|s| s == "区财政局"), "{:?}", a.suggestions);
    assert!(a.message.is_some());
    // A unit of another place: told so, with where it is.
    let a = fx.engine.ask("宁远县区司法局牵头哪些任务");
    assert!(a.results.is_empty());
    assert!(a.message.as_deref().is_some_and(|m| m.contains("宁远县")));
    assert!(a.suggestions.iter().any(|s| s.contains("区司法局")));
}

/// Topic questions: results are every measure containing the topic; the summary counts each
/// unit's roles in those measures, as gold prints them, leaders first.
struct TopicQ {
    q: &'static str,
    topic: &'static str,
    place: Option<&'static str>,
    family: &'static str,
}

const TOPIC_QUESTIONS: &[TopicQ] = &[
    TopicQ { q: "行政复议谁牵头", topic: "行政复议", place: None, family: "lead" },
    TopicQ { q: "哪些单位负责普法", topic: "普法", place: None, family: "any" },
    TopicQ { q: "法律顾问相关任务由哪些单位承担", topic: "法律顾问", place: None, family: "any" },
    TopicQ { q: "资阳区行政执法谁负责", topic: "行政执法", place: Some("资阳区"), family: "any" },
    TopicQ { q: "哪些部门参与公共法律服务", topic: "公共法律服务", place: None, family: "join" },
    TopicQ { q: "下陆区矛盾纠纷由哪个单位牵头", topic: "矛盾纠纷", place: Some("下陆区"), family: "lead" },
];

#[test]
fn topic_questions_match_gold() {
    let fx = fx();
    let entries = fx.engine.units();
    let mut failures = Vec::new();
    for t in TOPIC_QUESTIONS {
        let a = fx.engine.ask(t.q);
        let mut errs = Vec::new();
        if a.intent != Intent::Topic || a.topic.as_deref() != Some(t.topic) || a.role.map(Family::as_str) != Some(t.family) {
            errs.push(format!("intent {:?} topic {:?} role {:?}", a.intent, a.topic, a.role));
        }
        if let Err(e) = check_keyword_results(&a, &[t.topic], t.place) {
            errs.push(e);
        }
        // Gold role counts per unit over the result measures of gold documents.
        let results: BTreeSet<(String, String, u32)> = a.results.iter().map(|r| (r.doc.clone(), r.plan.clone(), r.seq)).collect();
        let gold_in: Vec<&Gold> = fx.gold.iter().filter(|g| results.contains(&(g.doc.clone(), g.plan.clone(), g.seq))).collect();
        if gold_in.is_empty() {
            errs.push("no gold measure on this topic: the question tests nothing".into());
        }
        for row in a.summary.iter().filter(|r| fx.gold.iter().any(|g| g.jurisdiction == r.place)) {
            let Some(entry) = entries.iter().find(|e| e.place == row.place && e.name == row.unit) else {
                errs.push(format!("summary unit {} not in directory", row.unit));
                continue;
            };
            let names: BTreeSet<String> = entry.aliases.iter().cloned().collect();
            let mut c = [0usize; 4];
            for g in gold_in.iter().filter(|g| g.jurisdiction == row.place) {
                if let Some(r) = gold_role(g, &names) {
                    c[role_rank(r)] += 1;
                }
            }
            if c != [row.lead, row.responsible_first, row.support, row.responsible] {
                errs.push(format!(
                    "{} counts {:?} vs gold {:?}",
                    row.unit,
                    [row.lead, row.responsible_first, row.support, row.responsible],
                    c
                ));
            }
        }
        // Every gold leader of these measures is in a lead-family summary.
        if t.family == "lead" {
            for g in &gold_in {
                let leader = g.lead.first().or(g.responsible.first());
                if let Some(l) = leader {
                    let hit = a.summary.iter().any(|r| {
                        r.place == g.jurisdiction && entries.iter().any(|e| e.place == r.place && e.name == r.unit && e.aliases.contains(l))
                    });
                    if !hit {
                        errs.push(format!("leader {l} of {} #{} missing from summary", g.doc, g.seq));
                    }
                }
            }
        }
        // Sorted: most leading first (lead + first responsible), or most taking part for join.
        let key = |r: &plan_lookup::query::SummaryRow| match t.family {
            "join" => r.support + r.responsible,
            _ => r.lead + r.responsible_first,
        };
        if a.summary.windows(2).any(|w| key(&w[0]) < key(&w[1])) {
            errs.push("summary not sorted".into());
        }
        if !errs.is_empty() {
            failures.push(format!("{}: {}", t.q, errs.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} topic questions failed:\n{}", failures.len(), TOPIC_QUESTIONS.len(), failures.join("\n"));
}

/// Keyword searches: exact Chinese phrase semantics against brute force. The gold text heads
/// must be found too (recall against the labels themselves).
struct KeywordQ {
    q: &'static str,
    phrases: &'static [&'static str],
    place: Option<&'static str>,
}

const KEYWORD_QUESTIONS: &[KeywordQ] = &[
    // a phrase holding a unit name (人大) is still a phrase when the unit reading finds nothing
    KeywordQ { q: "人大代表", phrases: &["人大代表"], place: None },
    KeywordQ { q: "宁远县人大代表", phrases: &["人大代表"], place: Some("宁远县") },
    KeywordQ { q: "行政复议", phrases: &["行政复议"], place: None },
    KeywordQ { q: "宪法 学习", phrases: &["宪法", "学习"], place: None },
    KeywordQ { q: "法治政府建设", phrases: &["法治政府建设"], place: None },
    KeywordQ { q: "“依法行政”", phrases: &["依法行政"], place: None },
    KeywordQ { q: "“宪法法律至上，一切”", phrases: &["宪法法律至上，一切"], place: None },
    KeywordQ { q: "宪法法律至上，一切", phrases: &["宪法法律至上", "一切"], place: None },
    KeywordQ { q: "资阳区 宪法", phrases: &["宪法"], place: Some("资阳区") },
    KeywordQ { q: "法", phrases: &["法"], place: None },
    KeywordQ { q: "执法 监督 行政", phrases: &["执法", "监督", "行政"], place: None },
    KeywordQ { q: "量子计算机", phrases: &["量子计算机"], place: None },
    KeywordQ { q: "关于社会信用体系的任务有哪些", phrases: &["社会信用体系"], place: None },
];

#[test]
fn keyword_questions_are_exact() {
    let fx = fx();
    let mut failures = Vec::new();
    for k in KEYWORD_QUESTIONS {
        let a = fx.engine.ask(k.q);
        let mut errs = Vec::new();
        if a.intent != Intent::Keyword {
            errs.push(format!("intent {:?}", a.intent));
        }
        let kws: Vec<String> = k.phrases.iter().map(|s| s.to_string()).collect();
        let mut got = a.keywords.clone();
        got.sort();
        let mut want = kws.clone();
        want.sort();
        if got.iter().map(|s| fold(s)).collect::<Vec<_>>() != want.iter().map(|s| fold(s)).collect::<Vec<_>>() {
            errs.push(format!("keywords {:?}", a.keywords));
        }
        if let Err(e) = check_keyword_results(&a, k.phrases, k.place) {
            errs.push(e);
        }
        // Gold recall: every gold measure whose title or 30-char text head contains all the
        // phrases is returned.
        let returned: BTreeSet<(String, String, u32)> = a.results.iter().map(|r| (r.doc.clone(), r.plan.clone(), r.seq)).collect();
        for g in fx.gold.iter().filter(|g| k.place.is_none_or(|p| p == g.jurisdiction)) {
            let (t, h) = (fold(&g.title), fold(&g.text_head));
            let all = k.phrases.iter().all(|p| {
                let p = fold(p);
                !occurrences(&t, &p).is_empty() || !occurrences(&h, &p).is_empty()
            });
            if all && !returned.contains(&(g.doc.clone(), g.plan.clone(), g.seq)) {
                errs.push(format!("gold {} #{} not returned", g.doc, g.seq));
            }
        }
        if a.results.is_empty() && a.message.is_none() {
            errs.push("empty answer without a message".into());
        }
        if !errs.is_empty() {
            failures.push(format!("{}: {}", k.q, errs.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} keyword questions failed:\n{}", failures.len(), KEYWORD_QUESTIONS.len(), failures.join("\n"));
}

/// Unit + keyword questions: (question, unit, level-less, place, family, phrases).
type MixedQ = (&'static str, &'static str, bool, Option<&'static str>, &'static str, &'static [&'static str]);

const MIXED_QUESTIONS: &[MixedQ] = &[
    ("区司法局 行政复议", "区司法局", false, None, "any", &["行政复议"]),
    ("县司法局牵头的法律顾问任务", "县司法局", false, None, "lead", &["法律顾问"]),
    ("下陆区区法院 诉讼", "区法院", false, Some("下陆区"), "any", &["诉讼"]),
    ("司法局牵头的行政执法工作有哪些", "司法局", true, None, "lead", &["行政执法"]),
];

/// Unit + keyword: the gold unit answer intersected with the brute-force keyword set.
#[test]
fn unit_and_keyword_intersect() {
    let fx = fx();
    let mut failures = Vec::new();
    for (q, name, levelless, place, family, phrases) in MIXED_QUESTIONS {
        let a = fx.engine.ask(q);
        let hits = brute_force(phrases, *place);
        let hit_keys: BTreeSet<(String, String, u32)> =
            hits.iter().filter_map(|&i| fx.engine.measure(i)).map(|m| (m.doc.clone(), m.plan.clone(), m.seq)).collect();
        let want: BTreeSet<_> = expected_unit(name, *levelless, *place, family).into_iter().filter(|(k, _)| hit_keys.contains(k)).collect();
        let got = named_rows(&a);
        let mut errs = Vec::new();
        if a.intent != Intent::Unit || a.keywords.iter().map(String::as_str).collect::<Vec<_>>() != *phrases {
            errs.push(format!("intent {:?} keywords {:?}", a.intent, a.keywords));
        }
        if want.is_empty() {
            errs.push("oracle found nothing: the question tests nothing".into());
        }
        if got != want {
            errs.push(format!("got {} want {}", got.len(), want.len()));
        }
        if a.results.iter().any(|r| !hits.contains(&r.id) || r.highlights.is_empty()) {
            errs.push("a row without the keyword".into());
        }
        if !errs.is_empty() {
            failures.push(format!("{q}: {}", errs.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn suite_is_large_enough() {
    let n = UNIT_QUESTIONS.len() + TOPIC_QUESTIONS.len() + KEYWORD_QUESTIONS.len() + MIXED_QUESTIONS.len();
    assert!(n >= 40, "{n} questions");
}

#[test]
fn any_input_is_answered_without_panic() {
    let fx = fx();
    let long: String = "区司法局牵头行政复议的任务有哪些？".repeat(600);
    let spaced: String = (0..3000).map(|i| char::from_u32(0x4E00 + (i * 7) % 20000).unwrap_or('法')).flat_map(|c| [c, ' ']).collect();
    let inputs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "？？？".into(),
        "\u{0}\u{1}\u{FFFF}".into(),
        "“未闭合的引号".into(),
        "\"\"".into(),
        "😀🙂 司法局".into(),
        "谁牵头".into(),
        "资阳区".into(),
        "的".into(),
        "ＡＢＣ法治".into(),
        long,
        spaced,
        "法 ".repeat(5000),
    ];
    for q in inputs {
        let a = fx.engine.ask(&q);
        assert!(!a.intent.as_str().is_empty());
        let _ = serde_json::to_string(&a).expect("answers serialise");
    }
}

#[test]
fn json_answer_has_the_cli_contract_fields() {
    let a = fx().engine.ask("区司法局牵头哪些任务？");
    let v: serde_json::Value = serde_json::to_value(&a).unwrap();
    for k in ["question", "intent", "unit", "place", "role", "topic", "results", "summary"] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    let r = &v["results"][0];
    for k in ["doc", "plan", "jurisdiction", "seq", "number", "title", "text", "role", "lead", "support", "responsible", "highlights"] {
        assert!(r.get(k).is_some(), "result missing {k}");
    }
}
