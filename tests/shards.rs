//! Sharded builds (`plan-lookup build --shards DIR`, `store::build_shards`): the manifest and
//! per-place shards round-trip exactly, a damaged, truncated or foreign shard is rejected with a
//! message naming it, and the CLI writes, reads and replaces sharded builds.

mod support {
    pub mod cli;
}
use plan_lookup::store::{self, FileKind, StoreError};
use plan_lookup::{corpus, Document, Measure, PlanSummary};
use support::cli::{run, temp_dir};

fn corpus() -> Vec<Document> {
    corpus::default_documents().expect("default corpus ingests")
}

fn without_warnings(docs: &[Document]) -> Vec<Document> {
    docs.iter().map(|d| Document { warnings: Vec::new(), ..d.clone() }).collect()
}

#[test]
fn default_corpus_round_trips_through_one_shard_per_place() {
    let docs = corpus();
    let set = store::build_shards(&docs);
    let manifest = store::decode_manifest(&set.manifest).expect("manifest decodes");
    let places: Vec<&str> = manifest.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(places, ["资阳区", "吉首市", "宁远县", "襄州区", "下陆区"]);
    assert_eq!(manifest.shards.len(), 5);
    assert_eq!(set.shards.len(), 5);

    let mut back = Vec::new();
    for (i, (file, bytes)) in set.shards.iter().enumerate() {
        let entry = &manifest.shards[i];
        assert_eq!(&entry.file, file);
        assert!(store::is_shard_file_name(file), "{file}");
        assert!(file.contains(&format!("{:08x}", entry.checksum)), "the name carries the checksum: {file}");
        assert_eq!(entry.bytes, bytes.len());
        let data = store::decode_shard(&manifest, i, bytes).expect("shard decodes");
        assert_eq!(data.version, format!("{:08x}", entry.checksum));
        let place = &manifest.places[i];
        assert_eq!(place.shard, i);
        assert!(data.measures().iter().all(|m| m.jurisdiction == place.name));
        assert_eq!(data.measures().len(), place.measures);
        assert_eq!(entry.measures, place.measures);
        back.extend(data.documents);
    }
    assert_eq!(back, without_warnings(&docs));

    let again = store::build_shards(&docs);
    assert_eq!(again.manifest, set.manifest, "deterministic");
    assert_eq!(again.shards, set.shards);
}

#[test]
fn manifest_holds_the_unit_directory_across_places() {
    let m = store::decode_manifest(&store::build_shards(&corpus()).manifest).unwrap();
    let count = |name: &str| m.units.iter().find(|u| u.name == name).map(|u| u.places);
    // 区司法局 is printed in the three districts; 县司法局 in 宁远县 only, so it comes with
    // that shard and is not in the manifest.
    assert_eq!(count("区司法局"), Some(3), "{:?}", &m.units[..10]);
    assert_eq!(count("县司法局"), None);
    assert!(m.units.iter().all(|u| u.places >= 2 && u.places <= 5));
}

#[test]
fn places_are_found_in_questions_by_full_and_short_name() {
    let m = store::decode_manifest(&store::build_shards(&corpus()).manifest).unwrap();
    let names = |q: &str| -> Vec<String> { m.places_named_in(q).into_iter().map(|i| m.places[i].name.clone()).collect() };
    assert_eq!(names("下陆区人社局参与哪些工作"), ["下陆区"]);
    assert_eq!(names("资阳司法局牵头哪些任务"), ["资阳区"]);
    assert_eq!(names("吉首市和宁远县的法院负责什么"), ["吉首市", "宁远县"]);
    assert_eq!(names("ＬＸ 襄州区 行政复议"), ["襄州区"]);
    assert!(names("区司法局牵头哪些任务").is_empty());
    assert_eq!(m.place("下陆区"), Some(4));
    assert_eq!(m.place("不存在区"), None);
}

fn measure(place: &str, seq: u32) -> Measure {
    Measure {
        doc: "joint.txt".into(),
        plan: format!("{place}方案"),
        jurisdiction: place.into(),
        seq,
        number: Some(seq.to_string()),
        parent: None,
        path: vec![],
        title: "推进严格规范公正文明执法".into(),
        text_head: "推进严格规范公正文明执法".into(),
        lead: vec!["区司法局".into()],
        support: vec![],
        responsible: vec![],
        raw: "牵头单位：区司法局".into(),
        deadline: String::new(),
        text: "推进严格规范公正文明执法".into(),
    }
}

#[test]
fn a_document_spanning_places_is_split_per_place() {
    let doc = Document {
        name: "joint.txt".into(),
        plans: vec![
            PlanSummary { title: "甲区方案".into(), jurisdiction: "甲山区".into(), measures: 2 },
            PlanSummary { title: "乙区方案".into(), jurisdiction: "乙水区".into(), measures: 1 },
        ],
        measures: vec![measure("甲山区", 1), measure("乙水区", 1), measure("甲山区", 2)],
        warnings: vec![],
    };
    let set = store::build_shards(std::slice::from_ref(&doc));
    let m = store::decode_manifest(&set.manifest).unwrap();
    assert_eq!(m.places.len(), 2);
    let first = store::decode_shard(&m, 0, &set.shards[0].1).unwrap();
    assert_eq!(first.documents[0].name, "joint.txt");
    assert_eq!(first.documents[0].plans.len(), 1);
    assert_eq!(first.measures().iter().map(|x| x.seq).collect::<Vec<_>>(), [1, 2]);
    let second = store::decode_shard(&m, 1, &set.shards[1].1).unwrap();
    assert_eq!(second.measures().len(), 1);
    assert_eq!(second.measures()[0].jurisdiction, "乙水区");
    assert_eq!(m.places[1].documents, 1);

    let empty = store::build_shards(&[]);
    let m = store::decode_manifest(&empty.manifest).unwrap();
    assert!(m.places.is_empty() && m.shards.is_empty() && empty.shards.is_empty());
}

#[test]
fn corrupted_truncated_and_foreign_shards_are_rejected_by_name() {
    let set = store::build_shards(&corpus());
    let m = store::decode_manifest(&set.manifest).unwrap();
    let (file, good) = &set.shards[1];

    let mut flipped = good.clone();
    let at = flipped.len() - 7;
    flipped[at] ^= 0x40;
    let err = store::decode_shard(&m, 1, &flipped).unwrap_err();
    match &err {
        StoreError::InShard { file: f, error } => {
            assert_eq!(f, file);
            assert!(matches!(**error, StoreError::ChecksumMismatch { .. }), "{error:?}");
        }
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.starts_with(&format!("shard {file}: ")) && msg.contains("corrupted"), "{msg}");

    let err = store::decode_shard(&m, 1, &good[..good.len() / 3]).unwrap_err();
    assert!(matches!(&err, StoreError::InShard { error, .. } if matches!(**error, StoreError::Truncated { .. })), "{err:?}");
    assert!(err.to_string().contains("truncated"), "{err}");

    // An intact shard in the wrong place (another place's, or an older build's) is a mismatch.
    let err = store::decode_shard(&m, 1, &set.shards[2].1).unwrap_err();
    assert_eq!(err, StoreError::ShardMismatch { file: file.clone(), expected: m.shards[1].checksum, found: m.shards[2].checksum });
    let msg = err.to_string();
    assert!(msg.contains("mixes two builds") && msg.contains("--shards"), "{msg}");

    let html = b"<!doctype html><title>404 Not Found</title>";
    let err = store::decode_shard(&m, 1, html).unwrap_err();
    assert!(matches!(&err, StoreError::InShard { error, .. } if **error == StoreError::NotADataFile), "{err:?}");

    assert!(matches!(store::decode_shard(&m, 99, good), Err(StoreError::Corrupt(_))));
}

#[test]
fn manifest_and_data_file_are_not_confused() {
    let docs = corpus();
    let set = store::build_shards(&docs);
    let err = store::decode(&set.manifest).unwrap_err();
    assert_eq!(err, StoreError::WrongKind { found: FileKind::Manifest, expected: FileKind::Data });
    assert!(err.to_string().contains("manifest of a sharded build"), "{err}");
    let err = store::decode_manifest(&store::encode(&docs)).unwrap_err();
    assert_eq!(err, StoreError::WrongKind { found: FileKind::Data, expected: FileKind::Manifest });
    assert!(err.to_string().contains("--shards"), "{err}");
    assert_eq!(store::decode_manifest(b"<html>"), Err(StoreError::NotADataFile));
    assert_eq!(FileKind::of(&set.manifest), Some(FileKind::Manifest));
    assert_eq!(FileKind::of(&set.shards[0].1), Some(FileKind::Data));
}

#[test]
fn damaged_manifest_is_rejected() {
    let set = store::build_shards(&corpus());
    let good = &set.manifest;
    let mut bad = good.clone();
    bad[good.len() - 3] ^= 1;
    assert!(matches!(store::decode_manifest(&bad), Err(StoreError::ChecksumMismatch { .. })));
    assert!(matches!(store::decode_manifest(&good[..good.len() - 1]), Err(StoreError::Truncated { .. })));
    let mut newer = good.clone();
    newer[4] = 9;
    let err = store::decode_manifest(&newer).unwrap_err();
    assert_eq!(err, StoreError::UnsupportedVersion { found: 9, expected: store::MANIFEST_VERSION });
    assert!(!store::is_shard_file_name("manifest.bin"));
    assert!(!store::is_shard_file_name("p00001-XYZ.bin"));
    assert!(!store::is_shard_file_name("../p00001-0badcafe.bin"));
    assert!(store::is_shard_file_name("p123456-0badcafe.bin"));
}

#[test]
fn cli_writes_reads_and_replaces_a_sharded_build() {
    let dir = temp_dir("shards-cli");
    let shards = dir.join("shards");
    let o = run(&["build", "--shards", shards.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("5 place(s), 5 shard(s), 473 measures"), "{err}");
    let manifest = shards.join("manifest.bin");
    let files: Vec<String> = std::fs::read_dir(&shards).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(files.len(), 8, "5 shards, the manifest, one unit summary file and the listing for the service worker: {files:?}");
    assert!(files.contains(&"shards.json".to_string()));

    // The CLI reads a sharded build like a data file: same export as the plans themselves.
    let from_shards = run(&["export", manifest.to_str().unwrap()]);
    assert!(from_shards.status.success(), "{}", String::from_utf8_lossy(&from_shards.stderr));
    assert_eq!(from_shards.stdout, run(&["export"]).stdout);

    // A rebuild from fewer plans replaces the build and removes shards no longer listed.
    let seed = format!("{}/data/plans/004_7b0fa0002b4ed437.txt", env!("CARGO_MANIFEST_DIR"));
    let stray = shards.join("notes.txt");
    std::fs::write(&stray, "kept").unwrap();
    let o = run(&["build", "--shards", shards.to_str().unwrap(), &seed]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut files: Vec<String> = std::fs::read_dir(&shards).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(files.len(), 4, "{files:?}");
    assert!(files.contains(&"notes.txt".to_string()) && files.contains(&"manifest.bin".to_string()));
    let listing: serde_json::Value = serde_json::from_slice(&std::fs::read(shards.join("shards.json")).unwrap()).unwrap();
    assert_eq!(listing["shards"].as_array().unwrap().len(), 1, "the listing is of the new build");
    let answer = run(&["ask", "--json", "区人社局参与哪些工作", manifest.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&answer.stdout).unwrap();
    let results = json["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["jurisdiction"] == "下陆区"));

    // A missing shard: the file is named, exit 1.
    let shard = files.iter().find(|f| store::is_shard_file_name(f)).unwrap();
    std::fs::remove_file(shards.join(shard)).unwrap();
    let o = run(&["ask", "谁牵头行政复议", manifest.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(shard.as_str()) && err.contains("--shards"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_build_needs_exactly_one_target_and_keeps_the_old_build_on_bad_input() {
    let o = run(&["build"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--shards DIR"));
    let o = run(&["build", "-o", "x.bin", "--shards", "d"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not both"));
    let o = run(&["build", "--shards"]);
    assert_eq!(o.status.code(), Some(2));

    let dir = temp_dir("shards-bad");
    let shards = dir.join("shards");
    assert!(run(&["build", "--shards", shards.to_str().unwrap()]).status.success());
    let before = std::fs::read(shards.join("manifest.bin")).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let o = run(&["build", "--shards", shards.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not written"));
    assert_eq!(std::fs::read(shards.join("manifest.bin")).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unit_summaries_count_each_place_as_a_question_in_that_place_answers_it() {
    let docs = corpus();
    let set = store::build_shards(&docs);
    let manifest = store::decode_manifest(&set.manifest).unwrap();
    assert!(!manifest.summaries.is_empty() && manifest.summaries.len() == set.summaries.len());
    let mut summaries = Vec::new();
    for (i, (file, bytes)) in set.summaries.iter().enumerate() {
        assert_eq!(file, &manifest.summaries[i].file);
        summaries.extend(store::decode_summary(&manifest.summaries, manifest.places.len(), i, bytes).unwrap());
    }
    // Every unit of the manifest's directory is summarised, in the file its name hashes to.
    assert_eq!(summaries.len(), manifest.units.len());
    for u in &manifest.units {
        let s = summaries.iter().find(|s| s.name == u.name).unwrap();
        assert_eq!(s.places.len(), u.places, "{}", u.name);
    }
    // The counts are what the engine answers when the question names the place.
    let engine = plan_lookup::query::Engine::new(docs.iter().flat_map(|d| d.measures.iter().cloned()).collect());
    let mut checked = 0;
    for s in summaries.iter().filter(|s| s.name.contains("司法局") || s.name.contains("政府办")) {
        for c in &s.places {
            let place = &manifest.places[c.place as usize].name;
            let a = engine.ask(&format!("{place}{}牵头哪些任务", s.name));
            let named = a.results.iter().filter(|r| matches!(r.role.as_str(), "lead" | "responsible_first")).count() as u32;
            assert_eq!(named, c.lead + c.responsible_first, "{place}{}", s.name);
            checked += 1;
        }
    }
    assert!(checked >= 2, "{checked}");
    // A summary file of another build is refused, naming the file.
    let mut other = set.summaries[0].1.clone();
    other[20] ^= 1;
    assert!(store::decode_summary(&manifest.summaries, manifest.places.len(), 0, &other).is_err());
}

#[test]
fn a_shard_that_cannot_be_written_fails_the_build_and_leaves_no_new_shard_behind() {
    // Shards are written by the workers as they are encoded, before the manifest: a failed
    // write must take the files this build already created with it.
    let dir = temp_dir("shards-unwritable");
    let (fresh, old) = (dir.join("fresh"), dir.join("old"));
    assert!(run(&["build", "--shards", fresh.to_str().unwrap()]).status.success());
    let seed = format!("{}/data/plans/004_7b0fa0002b4ed437.txt", env!("CARGO_MANIFEST_DIR"));
    assert!(run(&["build", "--shards", old.to_str().unwrap(), &seed]).status.success());
    let listing = |d: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    };
    let before = listing(&old);
    let manifest = std::fs::read(old.join("manifest.bin")).unwrap();
    // A folder where the new build's last shard must go.
    let blocked = listing(&fresh).into_iter().rfind(|f| f.starts_with('p') && store::is_shard_file_name(f)).unwrap();
    std::fs::create_dir(old.join(&blocked)).unwrap();

    let o = run(&["build", "--shards", old.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&blocked) && err.contains("previous build is left in place"), "{err}");
    assert_eq!(std::fs::read(old.join("manifest.bin")).unwrap(), manifest);
    let mut want = before.clone();
    want.push(blocked.clone());
    want.sort();
    assert_eq!(listing(&old), want, "only the old build and the folder in the way");

    // The same when the failure comes after every shard and summary file was written: here
    // shards.json cannot replace a folder of that name.
    std::fs::remove_dir(old.join(&blocked)).unwrap();
    std::fs::remove_file(old.join("shards.json")).unwrap();
    std::fs::create_dir(old.join("shards.json")).unwrap();
    let before = listing(&old);
    let o = run(&["build", "--shards", old.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("shards.json") && err.contains("previous build is left in place"), "{err}");
    assert_eq!(std::fs::read(old.join("manifest.bin")).unwrap(), manifest);
    assert_eq!(listing(&old), before, "no new shard or unit summary file left behind");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_shards_a_data_file_one_place_at_a_time_as_it_shards_the_documents() {
    let dir = temp_dir("shards-from-data");
    let data = dir.join("plans.bin");
    assert!(run(&["build", "-o", data.to_str().unwrap()]).status.success());
    let (a, b) = (dir.join("a"), dir.join("b"));
    assert!(run(&["build", "--shards", a.to_str().unwrap()]).status.success());
    let o = run(&["build", "--shards", b.to_str().unwrap(), data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&a).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    for name in &names {
        assert_eq!(std::fs::read(a.join(name)).unwrap(), std::fs::read(b.join(name)).unwrap(), "{name}");
    }
    // A damaged data file is refused, naming it, and nothing is written.
    let mut bytes = std::fs::read(&data).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&data, bytes).unwrap();
    let c = dir.join("c");
    let o = run(&["build", "--shards", c.to_str().unwrap(), data.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("plans.bin"));
    assert!(!c.join("manifest.bin").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
