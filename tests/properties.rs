//! Property tests (proptest): invariants that must hold for every input, not just the seeds.
#![cfg(not(target_arch = "wasm32"))]

use plan_lookup::corpus::{default_documents, DEFAULT_DOCUMENTS};
use plan_lookup::ingest::clause::{find, split_units};
use plan_lookup::model::{Document, Measure, PlanSummary};
use plan_lookup::query::Engine;
use plan_lookup::text::{fold_char, fold_width};
use plan_lookup::{ingest_bytes, store};
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(default_documents().unwrap().into_iter().flat_map(|d| d.measures).collect()))
}

/// Han characters that are neither separators, scope words nor list tails (及, 等, 直, 驻 and
/// the 按职责… tails have their own meaning in a unit list).
const NAME_CHARS: &str =
    "区县市政府司法公安财政教育卫健人社民政应急自然资源住建交通农业水利商务文旅审计统计信访网信宣传组织编法院检察工会妇联团";
const ENDINGS: &[&str] = &["局", "办", "委", "中心", "法院", "检察院", "管委会", "各部门", "党组(党委)"];

/// A unit name as plans print them: Han characters, a body ending, sometimes a bracketed
/// qualifier with separators inside it ("各镇(街、区)").
fn unit_name() -> impl Strategy<Value = String> {
    let chars: Vec<char> = NAME_CHARS.chars().collect();
    (
        proptest::collection::vec(proptest::sample::select(chars), 2..6),
        proptest::sample::select(ENDINGS),
        proptest::option::of(proptest::sample::select(vec!["(街、区)", "（街道）", "(试点，共建)"])),
    )
        .prop_map(|(body, end, qual)| {
            let mut s: String = body.into_iter().collect();
            s.push_str(end);
            if let Some(q) = qual {
                s.push_str(q);
            }
            s
        })
}

fn separator() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec!["、", "，", ",", "；", ";", " 、 ", "、\u{3000}"])
}

/// Units joined by separators: the list and its printed form.
fn unit_list() -> impl Strategy<Value = (Vec<String>, String)> {
    proptest::collection::vec((unit_name(), separator()), 1..8).prop_map(|items| {
        let mut printed = String::new();
        for (k, (name, sep)) in items.iter().enumerate() {
            if k > 0 {
                printed.push_str(sep);
            }
            printed.push_str(name);
        }
        (items.into_iter().map(|(n, _)| n).collect(), printed)
    })
}

/// A sentence of prose without role keywords, brackets or full stops inside it.
fn prose() -> impl Strategy<Value = String> {
    let chars: Vec<char> = "推进依法行政建设完善制度机制加强监督落实工作规范程序提高效率，".chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 4..40).prop_map(|c| {
        let s: String = c.into_iter().collect();
        format!("{}。", s.trim_matches('，'))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn width_folding_is_idempotent(s in any::<String>(), wide in "[！-～　]{0,20}") {
        for s in [s, wide] {
            let once = fold_width(&s);
            prop_assert_eq!(fold_width(&once), once.clone());
            prop_assert_eq!(once.chars().count(), s.chars().count(), "folding maps char to char");
            for c in once.chars() {
                prop_assert_eq!(fold_char(c), c);
            }
        }
    }

    /// split_units(join(list, separators)) == list, whatever the separators and spacing.
    #[test]
    fn splitting_a_joined_unit_list_gives_the_list_back((units, printed) in unit_list()) {
        prop_assert_eq!(split_units(&printed), units);
    }

    /// A numbered item "N. <prose><clause><tail>": the measure's `raw` is the clause exactly
    /// as printed, its `text` the prose, so `text + raw` is the item's body without the
    /// trailing punctuation after the clause; the role lists are the printed lists.
    #[test]
    fn measure_text_plus_clause_reproduce_the_item(
        sentences in proptest::collection::vec(prose(), 1..4),
        (lead, lead_printed) in unit_list(),
        (support, support_printed) in unit_list(),
        with_lead in any::<bool>(),
        brackets in proptest::sample::select(vec![("（", "）"), ("(", ")"), ("〔", "〕"), ("", "")]),
        colon in proptest::sample::select(vec!["：", ":"]),
        tail in proptest::sample::select(vec!["", "。", "；", "，", "、"]),
        full_stop in any::<bool>(),
    ) {
        let mut body: String = sentences.concat();
        if !full_stop {
            body.pop();
        }
        let inner = if with_lead {
            format!("牵头单位{colon}{lead_printed}；参加单位{colon}{support_printed}")
        } else {
            format!("责任单位{colon}{lead_printed}")
        };
        let clause = format!("{}{}{}", brackets.0, inner, brackets.1);
        let doc = format!("测试区法治政府建设实施方案\n一、总体要求\n1. {body}{clause}{tail}\n2. 另一项任务。（责任单位：区司法局）\n");
        let ingested = ingest_bytes("p.txt", doc.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let m = &ingested.measures[0];
        // Punctuation after the clause completes a sentence without a full stop of its own,
        // and is dropped after one.
        let kept_tail = if body.ends_with('。') { "" } else { tail };
        prop_assert_eq!(&m.raw, &clause);
        prop_assert_eq!(&m.text, &format!("{body}{kept_tail}"));
        let text_before_clause = m.text.strip_suffix(kept_tail).unwrap();
        prop_assert_eq!(format!("{text_before_clause}{}{tail}", m.raw), format!("{body}{clause}{tail}"));
        if with_lead {
            prop_assert_eq!(&m.lead, &lead);
            prop_assert_eq!(&m.support, &support);
            prop_assert!(m.responsible.is_empty());
        } else {
            prop_assert_eq!(&m.responsible, &lead);
            prop_assert!(m.lead.is_empty() && m.support.is_empty());
        }
    }

    /// Ingestion is a function of its input: the same bytes give the same model, and the name
    /// only reaches `doc` (and the title of a plan that has none).
    #[test]
    fn ingesting_twice_gives_the_same_model(seed in 0..DEFAULT_DOCUMENTS.len(), start in 0usize..60_000, len in 0usize..8_000) {
        let (name, bytes) = DEFAULT_DOCUMENTS[seed];
        let text = std::str::from_utf8(bytes).unwrap();
        let start = text.char_indices().map(|(i, _)| i).find(|&i| i >= start.min(text.len())).unwrap_or(text.len());
        let end = text.char_indices().map(|(i, _)| i).find(|&i| i >= start + len).unwrap_or(text.len());
        let piece = &text[start..end];
        let a = ingest_bytes(name, piece.as_bytes());
        let b = ingest_bytes(name, piece.as_bytes());
        prop_assert_eq!(&a, &b);
        if let (Ok(a), Ok(other)) = (&a, &ingest_bytes("other.txt", piece.as_bytes())) {
            prop_assert_eq!(a.measures.len(), other.measures.len());
            for (x, y) in a.measures.iter().zip(&other.measures) {
                prop_assert_eq!((&x.raw, &x.text, &x.lead, &x.support, &x.responsible), (&y.raw, &y.text, &y.lead, &y.support, &y.responsible));
                prop_assert_eq!(&y.doc, "other.txt");
            }
        }
    }

    /// Any documents (any strings, including empty ones and ones that are not prefixes of
    /// their text) survive the data file unchanged.
    #[test]
    fn data_file_round_trip(docs in proptest::collection::vec(document(), 0..4)) {
        let bytes = store::encode(&docs);
        let back = store::decode(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.documents, docs);
    }

    /// Any question answers, and every result and highlight points inside the model.
    #[test]
    fn any_question_answers_within_the_model(q in "[区县市司法局牵头负责参与哪些谁任务工作行政复议普法 ?？a-z0-9（）、]{0,40}|\\PC{0,40}") {
        let e = engine();
        let answer = e.ask(&q);
        for item in &answer.results {
            let m = e.measure(item.id).expect("result ids index the measures");
            prop_assert_eq!(&item.text, &m.text);
            for h in &item.highlights {
                let field = if h.field == plan_lookup::query::Field::Title { &item.title } else { &item.text };
                prop_assert!(h.start <= h.end && h.end <= field.chars().count(), "highlight {:?} outside {:?}", h, field);
            }
        }
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["", "\\PC{0,12}", "[区司法局、牵头]{0,6}"]
}

fn measure() -> impl Strategy<Value = Measure> {
    (
        (text(), text(), 0u32..1000, proptest::option::of(text()), proptest::option::of(text())),
        (proptest::collection::vec(text(), 0..3), text(), text(), any::<bool>()),
        (
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..3),
            text(),
            text(),
        ),
    )
        .prop_map(
            |((plan, jurisdiction, seq, number, parent), (path, text, other, prefix), (lead, support, responsible, raw, deadline))| {
                // Titles and text heads are usually prefixes of the text (stored as a length).
                let head: String = if prefix { text.chars().take(3).collect() } else { other };
                Measure {
                    doc: String::new(),
                    plan,
                    jurisdiction,
                    seq,
                    number,
                    parent,
                    path,
                    title: head.clone(),
                    text_head: head,
                    lead,
                    support,
                    responsible,
                    raw,
                    text,
                    deadline,
                }
            },
        )
}

fn document() -> impl Strategy<Value = Document> {
    (text(), proptest::collection::vec((text(), text(), 0usize..500), 0..3), proptest::collection::vec(measure(), 0..5)).prop_map(
        |(name, plans, measures)| Document {
            plans: plans.into_iter().map(|(title, jurisdiction, measures)| PlanSummary { title, jurisdiction, measures }).collect(),
            measures: measures.into_iter().map(|m| Measure { doc: name.clone(), ..m }).collect(),
            name,
            warnings: Vec::new(),
        },
    )
}

#[test]
fn seed_documents_survive_the_data_file() {
    let docs: Vec<Document> = default_documents().unwrap().into_iter().map(|d| Document { warnings: Vec::new(), ..d }).collect();
    assert_eq!(store::decode(&store::encode(&docs)).unwrap().documents, docs);
}

/// Every seed measure's text followed by its clause reads back as the same clause: the clause
/// is exactly `raw`, nothing of it was left in `text`, and the role lists are what it says.
#[test]
fn seed_measures_text_then_raw_reads_back_as_the_clause() {
    for doc in default_documents().unwrap() {
        for m in doc.measures.iter().filter(|m| !m.raw.is_empty()) {
            let c = find(&format!("{}{}", m.text, m.raw)).unwrap_or_else(|| panic!("{} {:?}: no clause", m.doc, m.number));
            assert_eq!(c.raw, m.raw, "{} {:?}", m.doc, m.number);
            assert_eq!((&c.lead, &c.support, &c.responsible), (&m.lead, &m.support, &m.responsible), "{} {:?}", m.doc, m.number);
        }
    }
}

/// Regressions the properties above found: punctuation after a clause was left in `text`
/// ("推进。；"), and an unbracketed clause took the punctuation after it into `raw`.
#[test]
fn punctuation_after_a_clause_stays_out_of_text_and_raw() {
    let doc = "测试区法治政府建设实施方案\n1. 推进依法行政。（责任单位：区司法局）；\n2. 完善制度。责任单位：区政府办，\n3. 加强监督（责任单位：区司法局）。\n";
    let d = ingest_bytes("p.txt", doc.as_bytes()).unwrap();
    let got: Vec<(&str, &str)> = d.measures.iter().map(|m| (m.text.as_str(), m.raw.as_str())).collect();
    assert_eq!(
        got,
        [("推进依法行政。", "（责任单位：区司法局）"), ("完善制度。", "责任单位：区政府办"), ("加强监督。", "（责任单位：区司法局）")]
    );
}
