//! Unit tests of the format: round trips, every refusal, and the bounds on crafted payloads.

use super::strings::put_varint;
use super::*;
use crate::model::PlanSummary;

/// Found in review: one 200 KB string referenced by 10,000 measures would materialise 8 GB.
/// The expansion budget turns it into a clear error instead of an out-of-memory abort.
#[test]
fn a_payload_that_expands_without_bound_is_rejected() {
    let mut payload = Vec::new();
    put_varint(&mut payload, 1); // alphabet: "a"
    payload.push(b'a');
    put_varint(&mut payload, 1); // one string: 200,000 × code 0 ('a')
    put_varint(&mut payload, 200_000);
    payload.extend(std::iter::repeat_n(0, 200_000));
    put_varint(&mut payload, 1); // one document, at position 0
    put_varint(&mut payload, 0);
    put_varint(&mut payload, 0); // name: string 0 (the first new string)
    put_varint(&mut payload, 0); // no plans
    let n = 10_000;
    put_varint(&mut payload, n);
    for _ in 0..n {
        // plan, jurisdiction, seq, number, parent, path, text, title, text_head, lead,
        // support, responsible, raw, deadline
        // (every string: reference 1, string 0 again)
        payload.extend_from_slice(&[1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1]);
    }
    let file = frame(MAGIC, FORMAT_VERSION, &payload);
    match decode(&file) {
        Err(StoreError::Corrupt(why)) => assert!(why.to_string().contains("expands"), "{why}"),
        other => panic!("expected a corrupt-file error, got {:?}", other.map(|d| d.documents.len())),
    }
}

fn corpus() -> Vec<Document> {
    crate::corpus::default_documents().expect("default corpus ingests")
}

fn without_warnings(docs: &[Document]) -> Vec<Document> {
    docs.iter().map(|d| Document { warnings: Vec::new(), ..d.clone() }).collect()
}

#[test]
fn crc32_matches_the_standard_check_value() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
    // The browser's byte-at-a-time CRC agrees with the native one.
    let bytes: Vec<u8> = (0..10_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    for end in [0, 1, 7, 64, 1000, bytes.len()] {
        assert_eq!(super::frame::crc32_bytewise(&bytes[..end]), crc32(&bytes[..end]));
    }
    assert_eq!(super::frame::crc32_bytewise(b"123456789"), 0xCBF4_3926);
}

#[test]
fn default_corpus_round_trips_exactly() {
    let docs = corpus();
    let bytes = encode(&docs);
    let data = decode(&bytes).expect("decodes");
    assert_eq!(data.documents, without_warnings(&docs));
    let all: Vec<Measure> = docs.iter().flat_map(|d| d.measures.clone()).collect();
    assert_eq!(data.measures(), all);
    // The version is the payload's CRC-32 as eight lowercase hex digits (the page shows it).
    let crc = u32::from_le_bytes(bytes[12..16].try_into().unwrap());
    assert_eq!(data.version, format!("{crc:08x}"));
    assert_eq!(encode(&docs), bytes, "encoding is deterministic");
    // `plan-lookup build` stores the documents in the order that compresses smallest, and every
    // reader gives them back in the order given, the lazy one too.
    let built = build_data_file(&docs);
    assert_ne!(built, bytes, "the default plans compress smaller in another order");
    assert!(deflated(&built) < deflated(&bytes), "{} ≥ {}", deflated(&built), deflated(&bytes));
    assert_eq!(decode(&built).unwrap().documents, without_warnings(&docs));
    let mut lazy = DataFileDocuments::open(&built).unwrap();
    for (i, doc) in without_warnings(&docs).iter().enumerate() {
        assert_eq!(&lazy.document(i).unwrap(), doc);
        assert_eq!(lazy.places(i), places_of(doc));
    }
}

fn deflated(bytes: &[u8]) -> usize {
    miniz_oxide::deflate::compress_to_vec(bytes, 9).len()
}

/// Document positions that are not each of 0..count once are corruption, not a misread file.
#[test]
fn document_positions_must_be_an_order() {
    for positions in [[0, 0], [1, 2]] {
        let mut payload = Vec::new();
        put_varint(&mut payload, 0); // no alphabet, no strings
        put_varint(&mut payload, 0);
        put_varint(&mut payload, 2);
        positions.iter().for_each(|&p| put_varint(&mut payload, p));
        assert_eq!(decode(&frame(MAGIC, FORMAT_VERSION, &payload)), Err(StoreError::Corrupt(Corruption::NotAnOrder)), "{positions:?}");
    }
}

#[test]
fn file_is_smaller_than_the_json_of_its_measures() {
    let docs = corpus();
    let bytes = encode(&docs);
    let json: usize = docs.iter().flat_map(|d| &d.measures).map(|m| serde_json::to_string(m).unwrap().len()).sum();
    assert!(bytes.len() * 2 < json, "data file {} bytes, JSON {} bytes", bytes.len(), json);
}

#[test]
fn version_changes_with_content() {
    let docs = corpus();
    let a = decode(&encode(&docs)).unwrap().version;
    let b = decode(&encode(&docs[..1])).unwrap().version;
    assert_ne!(a, b);
}

#[test]
fn options_and_empty_lists_survive() {
    let m = Measure {
        doc: "d.txt".into(),
        plan: "计划".into(),
        jurisdiction: "某区".into(),
        seq: 300,
        number: None,
        parent: Some("三".into()),
        path: vec![],
        title: "不是前缀".into(),
        text_head: "正文".into(),
        lead: vec![],
        support: vec!["区司法局".into(), "区司法局".into()],
        responsible: vec![],
        raw: "".into(),
        deadline: "".into(),
        text: "正文".into(),
    };
    let doc = Document {
        name: "d.txt".into(),
        plans: vec![PlanSummary { title: "计划".into(), jurisdiction: "某区".into(), measures: 1 }],
        measures: vec![m],
        warnings: vec![],
    };
    assert_eq!(decode(&encode(std::slice::from_ref(&doc))).unwrap().documents, vec![doc]);
    assert_eq!(decode(&encode(&[])).unwrap().documents, vec![]);
}

/// The measure fields stored relative to the measure before (seq as a step, the printed number
/// as "the seq", the path as "the same"): every case round-trips, in and across documents.
#[test]
fn seqs_numbers_and_paths_stored_relative_to_the_previous_measure_round_trip() {
    let measure = |seq: u32, number: Option<&str>, path: &[&str]| Measure {
        doc: "d.txt".into(),
        plan: "计划".into(),
        jurisdiction: "某区".into(),
        seq,
        number: number.map(str::to_string),
        parent: None,
        path: path.iter().map(|p| p.to_string()).collect(),
        title: "任务".into(),
        text_head: "任务".into(),
        lead: vec!["区司法局".into()],
        support: vec![],
        responsible: vec![],
        raw: "牵头单位：区司法局".into(),
        deadline: "".into(),
        text: "任务".into(),
    };
    let doc = |name: &str, measures: Vec<Measure>| Document {
        name: name.into(),
        plans: vec![PlanSummary { title: "计划".into(), jurisdiction: "某区".into(), measures: measures.len() }],
        measures: measures.into_iter().map(|m| Measure { doc: name.into(), ..m }).collect(),
        warnings: vec![],
    };
    let docs = vec![
        doc(
            "a.txt",
            vec![
                measure(1, Some("1"), &["一、总则"]),
                measure(2, Some("2"), &["一、总则"]),
                // A gap, a step back, a number that is not the seq, a number like another seq.
                measure(7, Some("（七）"), &["一、总则", "（一）"]),
                measure(3, Some("4"), &["一、总则", "（一）"]),
                measure(4, None, &[]),
                measure(5, Some("05"), &[]),
                measure(u32::MAX, Some(&u32::MAX.to_string()), &["二、附则"]),
                measure(0, Some("0"), &["二、附则"]),
            ],
        ),
        // The next document starts again from nothing: its first path is not the last one's.
        doc("b.txt", vec![measure(1, Some("1"), &["二、附则"]), measure(2, Some("2"), &[])]),
        doc("c.txt", vec![measure(9, None, &[])]),
    ];
    assert_eq!(decode(&encode(&docs)).unwrap().documents, docs);
}

/// A seq step past the range of a measure number is corruption, not a wrapped number.
#[test]
fn a_seq_step_out_of_range_is_corrupt() {
    let docs = vec![Document { name: "d".into(), plans: vec![], measures: vec![], warnings: vec![] }];
    let mut payload = Vec::new();
    put_varint(&mut payload, 3); // alphabet: "d", "a", "b"
    payload.extend_from_slice(b"dab");
    put_varint(&mut payload, 1); // one string: "d"
    put_varint(&mut payload, 1);
    payload.push(0);
    put_varint(&mut payload, 1); // one document, at position 0, named "d", no plans
    put_varint(&mut payload, 0);
    put_varint(&mut payload, 0);
    put_varint(&mut payload, 0);
    put_varint(&mut payload, 1); // one measure: plan "d", jurisdiction "d", seq 1 + 2^32
    put_varint(&mut payload, 1);
    put_varint(&mut payload, 1);
    put_varint(&mut payload, strings::zigzag(1 << 32));
    assert_eq!(decode(&frame(MAGIC, FORMAT_VERSION, &payload)), Err(StoreError::Corrupt(Corruption::SequenceOutOfRange)));
    assert_eq!(decode(&encode(&docs)).unwrap().documents, docs);
}

/// Every kind of character code: one byte, two bytes, and written out past the alphabet's
/// 16,320 coded ranks (emoji and a CJK extension block here), in text and unit names.
#[test]
fn every_character_code_round_trips() {
    let rare: String = (0x4E00u32..0x4E00 + 17_000).filter_map(char::from_u32).collect();
    let mut text = format!("正文😀𠀀{rare}");
    text.push_str("常见常见常见");
    let m = Measure {
        doc: "d.txt".into(),
        plan: "计划".into(),
        jurisdiction: "某区".into(),
        seq: 1,
        number: Some("1".into()),
        parent: None,
        path: vec!["一、𠀀".into()],
        title: "正文😀".into(),
        text_head: text.chars().take(30).collect(),
        lead: vec!["区😀局".into()],
        support: vec![],
        responsible: vec![],
        raw: "牵头单位：区😀局".into(),
        deadline: "2022年底前".into(),
        text,
    };
    let doc = Document {
        name: "d.txt".into(),
        plans: vec![PlanSummary { title: "计划".into(), jurisdiction: "某区".into(), measures: 1 }],
        measures: vec![m],
        warnings: vec![],
    };
    let bytes = encode(std::slice::from_ref(&doc));
    assert_eq!(decode(&bytes).unwrap().documents, vec![doc]);
}

/// The one-byte codes are as many as leave two-byte codes for the whole alphabet, and a table
/// at each edge of that (every character used, so all ranks coded) round-trips.
#[test]
fn the_one_byte_codes_fit_the_alphabet() {
    use super::strings::one_byte_codes;
    for n in [0, 1, 254, 255, 256, 510, 511, 1137, 5000, 16_320] {
        let one = one_byte_codes(n);
        assert!((0xC0..=0xFE).contains(&one), "{n}: {one}");
        assert!(one + (0xFF - one) * 256 >= n, "{n}: {one} leaves too few codes");
        // One more one-byte code would leave too few two-byte ones (or none).
        assert!(one == 0xFE || (one + 1) + (0xFF - one - 1) * 256 < n, "{n}: {one} is not the most");
    }
    assert_eq!(one_byte_codes(1137), 251);
    for n in [254, 255, 510, 511, 765, 766] {
        let text: String = (0x4E00u32..0x4E00 + n).filter_map(char::from_u32).collect();
        let doc = Document {
            name: "d.txt".into(),
            plans: vec![PlanSummary { title: "计划".into(), jurisdiction: "某区".into(), measures: 1 }],
            measures: vec![Measure {
                doc: "d.txt".into(),
                plan: "计划".into(),
                jurisdiction: "某区".into(),
                seq: 1,
                number: None,
                parent: None,
                path: vec![],
                title: text.chars().take(10).collect(),
                text_head: text.chars().take(30).collect(),
                lead: vec!["区某局".into()],
                support: vec![],
                responsible: vec![],
                raw: "牵头单位：区某局".into(),
                deadline: String::new(),
                text,
            }],
            warnings: vec![],
        };
        let bytes = encode(std::slice::from_ref(&doc));
        assert_eq!(decode(&bytes).unwrap().documents, vec![doc], "{n} characters");
    }
}

#[test]
fn a_code_outside_the_alphabet_is_corrupt() {
    let mut payload = Vec::new();
    put_varint(&mut payload, 1); // alphabet: "a"
    payload.push(b'a');
    put_varint(&mut payload, 1); // one string: code 5, which the alphabet lacks
    put_varint(&mut payload, 1);
    payload.push(5);
    put_varint(&mut payload, 0); // no documents
    match decode(&frame(MAGIC, FORMAT_VERSION, &payload)) {
        Err(StoreError::Corrupt(why)) => assert!(why.to_string().contains("alphabet lacks"), "{why}"),
        other => panic!("expected a corrupt-file error, got {:?}", other.map(|d| d.documents.len())),
    }
}

#[test]
fn wrong_magic_is_not_a_data_file() {
    let mut bytes = encode(&corpus());
    bytes[0] = b'<';
    assert_eq!(decode(&bytes), Err(StoreError::NotADataFile));
    assert_eq!(decode(b"<!doctype html><title>404</title>"), Err(StoreError::NotADataFile));
    assert_eq!(decode(b""), Err(StoreError::NotADataFile));
    let msg = StoreError::NotADataFile.to_string();
    assert!(msg.contains("scripts/build-web") && msg.contains("plan-lookup build"), "{msg}");
}

#[test]
fn other_format_version_is_rejected() {
    let mut bytes = encode(&corpus());
    let other = FORMAT_VERSION + 1;
    bytes[4..6].copy_from_slice(&other.to_le_bytes());
    let err = decode(&bytes).unwrap_err();
    assert_eq!(err, StoreError::UnsupportedVersion { found: other, expected: FORMAT_VERSION });
    assert!(err.to_string().contains(&format!("format version {other}")), "{err}");
}

#[test]
fn truncated_file_is_reported_as_truncated() {
    let bytes = encode(&corpus());
    for cut in [6, HEADER_LEN - 1, HEADER_LEN, bytes.len() / 2, bytes.len() - 1] {
        match decode(&bytes[..cut]) {
            Err(StoreError::Truncated { expected, found }) => {
                assert_eq!(found, cut);
                assert!(expected > cut);
            }
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    assert!(decode(&bytes[..100]).unwrap_err().to_string().contains("truncated"));
}

#[test]
fn flipped_payload_byte_fails_the_checksum() {
    let mut bytes = encode(&corpus());
    let i = bytes.len() - 10;
    bytes[i] ^= 0x20;
    let err = decode(&bytes).unwrap_err();
    assert!(matches!(err, StoreError::ChecksumMismatch { .. }), "{err:?}");
    assert!(err.to_string().contains("corrupted"), "{err}");
}

#[test]
fn extra_bytes_are_rejected() {
    let mut bytes = encode(&corpus());
    bytes.push(0);
    assert!(matches!(decode(&bytes), Err(StoreError::Corrupt(_))));
}

#[test]
fn bad_payload_with_valid_checksum_is_corrupt_not_a_panic() {
    // A header over a payload that announces far more strings than it holds.
    for payload in [vec![0xff, 0xff, 0x03], vec![1, 5, b'a'], vec![0, 1, 9], vec![1, 2, 0xff, 0xfe, 0]] {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&0u16.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&crc32(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        assert!(matches!(decode(&bytes), Err(StoreError::Corrupt(_))), "{payload:?}");
    }
}

/// The default plans and, for two places, the same plans as a second document naming both.
fn documents_for_shards() -> Vec<Document> {
    let mut docs = crate::corpus::default_documents().expect("default corpus ingests");
    let mut mixed = docs[0].clone();
    mixed.name = "mixed.txt".into();
    let other = docs.iter().find(|d| d.measures[0].jurisdiction != mixed.measures[0].jurisdiction).unwrap();
    mixed.measures.extend(other.measures.iter().take(3).cloned());
    docs.push(mixed);
    docs
}

#[test]
fn a_data_file_read_lazily_gives_the_documents_decode_gives() {
    let docs = documents_for_shards();
    let bytes = encode(&docs);
    let mut lazy = DataFileDocuments::open(&bytes).unwrap();
    let all = decode(&bytes).unwrap().documents;
    assert_eq!(lazy.len(), all.len());
    // Out of order, and twice: each document is read from where it starts.
    for i in (0..all.len()).rev().chain(0..all.len()) {
        assert_eq!(lazy.document(i).unwrap(), all[i], "document {i}");
        assert_eq!(lazy.places(i), places_of(&all[i]));
    }
    let mut broken = bytes.clone();
    let last = broken.len() - 1;
    broken[last] ^= 1;
    assert!(matches!(DataFileDocuments::open(&broken), Err(StoreError::ChecksumMismatch { .. })));
}

#[test]
fn a_sharded_build_streamed_from_data_files_is_the_in_memory_build_byte_for_byte() {
    let docs = documents_for_shards();
    let (a, b) = docs.split_at(3);
    let (fa, fb) = (encode(a), encode(b));
    let mut chain = Chain(vec![Box::new(DataFileDocuments::open(&fa).unwrap()), Box::new(DataFileDocuments::open(&fb).unwrap())]);
    let streamed = build_shards_from(&mut chain).unwrap();
    let in_memory = build_shards(&docs);
    assert_eq!(streamed.manifest, in_memory.manifest);
    assert_eq!(streamed.shards, in_memory.shards);
}

#[test]
fn the_manifest_counts_each_unit_over_the_places_of_the_whole_corpus() {
    // Per place, as the build counts, must equal the directory of every place at once.
    let docs = documents_for_shards();
    let all: Vec<Measure> = docs.iter().flat_map(|d| d.measures.iter().cloned()).collect();
    let dir = crate::units::Directory::build(&all);
    let mut want: std::collections::BTreeMap<String, usize> = Default::default();
    let mut seen = std::collections::HashSet::new();
    for u in &dir.units {
        if seen.insert((u.place, u.key.clone())) {
            *want.entry(u.key.clone()).or_default() += 1;
        }
    }
    want.retain(|_, n| *n >= 2);
    let manifest = decode_manifest(&build_shards(&docs).manifest).unwrap();
    let got: std::collections::BTreeMap<String, usize> = manifest.units.into_iter().map(|u| (u.name, u.places)).collect();
    assert_eq!(got, want);
    // The mixed document is split: its part for the other place holds just that place's measures.
    assert!(manifest.places.iter().all(|p| p.documents >= 1));
}
