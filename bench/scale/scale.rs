//! Scale benchmark program (not the product CLI): makes synthetic province-size corpora out of
//! the seed plans, and measures the native side of plan-lookup on them. `bench/scale/run` drives
//! it, then measures the browser side.
//!
//! ```text
//! cargo run --release --example scale -- gen FACTOR OUT.bin [--jsonl OUT.jsonl]
//! cargo run --release --example scale -- native FILE.bin
//! ```
//!
//! `gen` writes a data file (the `plan-lookup build` format) of FACTOR × the seed corpus: copy 0
//! is the five seed plans as they are; every further copy gives each seed plan to a new,
//! invented place (青山区, 临江县…) so a 1,000× corpus has 5,000 places and 473,000 measures.
//! In each copy:
//! - place names are invented from two lists of characters common in Chinese place names, never
//!   a seed's name, each used once;
//! - a district (区) or county (县) plan may become either, and its units are renamed with the new
//!   place's level and name (区司法局 → 县司法局, 资阳区人民法院 → 青山县人民法院, 团区委 →
//!   团县委), in unit lists, clauses and text alike, so the directory grows as a province's would;
//!   a county-level city (市) stays a city, because its plans name prefecture (州) units;
//! - about a quarter of each plan's measures swap their text with another measure of the same
//!   plan, so the same duties fall to different units from place to place.
//!
//! `native` reads such a file and prints one JSON line: decode, Engine::new, data-file and
//! shard encoding times, the process's peak resident memory, and warm latency (median, p99) of
//! unit questions for one place, unit questions across all places, and keyword questions.

use plan_lookup::query::Engine;
use plan_lookup::units::split_level;
use plan_lookup::{corpus, store, Document, Measure};
use std::collections::HashMap;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// First characters of invented place names (none is a level character or a seed's).
const FIRST: &str = "青临江永安平东西南北清河云龙华丰新泰长兴福德昌隆金玉白石沙松柳桃梅莲凤鹤鹿鸣春秋夏和顺通达远望海湖溪泉峰乐康宜嘉瑞祥盛荣景文武明光晋汉秦楚吴越湘黔桂滇蜀洛汾渭淮";
/// Second characters (disjoint from FIRST, so no name repeats a character).
const SECOND: &str = "山水城阳口林原田坪塘桥湾洲岗岭滩园台庄坝堡寨沟峪港浦泽陵丘谷岩冈亭营集店铺渡津门屿岛埠矶垣坡岚岱峡潭渚汀礁沛涧汇埔垭坞塬岙峤崖埭垌畈圩坳墩湄堰圃垄埂";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => gen(&args[1..]),
        Some("native") => native(&args[1..]),
        _ => Err("usage: scale gen FACTOR OUT.bin [--jsonl OUT.jsonl] | scale native FILE.bin".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scale: {e}");
            ExitCode::FAILURE
        }
    }
}

fn gen(args: &[String]) -> Result<(), String> {
    let [factor, out, rest @ ..] = args else {
        return Err("gen needs FACTOR and OUT.bin".into());
    };
    let factor: usize = factor.parse().map_err(|_| format!("FACTOR must be a whole number, not {factor:?}"))?;
    if factor == 0 {
        return Err("FACTOR must be at least 1".into());
    }
    let seeds = corpus::default_documents().map_err(|e| format!("the seed plans failed to ingest: {e}"))?;
    let t = Instant::now();
    let docs = synthesize(&seeds, factor)?;
    let generated = t.elapsed();
    let bytes = store::build_data_file(&docs);
    std::fs::write(out, &bytes).map_err(|e| format!("cannot write {out}: {e}"))?;
    if let [flag, path] = rest {
        if flag != "--jsonl" {
            return Err(format!("unknown option {flag}"));
        }
        let mut text = String::new();
        for m in docs.iter().flat_map(|d| &d.measures) {
            text.push_str(&serde_json::to_string(m).map_err(|e| e.to_string())?);
            text.push('\n');
        }
        std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    let measures: usize = docs.iter().map(|d| d.measures.len()).sum();
    eprintln!(
        "{out}: {factor}× the seeds: {} documents, {measures} measures, {} bytes (generated in {:.2} s)",
        docs.len(),
        bytes.len(),
        generated.as_secs_f64()
    );
    Ok(())
}

/// The seeds, then `factor - 1` renamed, recombined copies of them.
fn synthesize(seeds: &[Document], factor: usize) -> Result<Vec<Document>, String> {
    let first: Vec<char> = FIRST.chars().collect();
    let second: Vec<char> = SECOND.chars().collect();
    let capacity = first.len() * second.len();
    let wanted = (factor - 1) * seeds.len();
    if wanted > capacity {
        return Err(format!("{factor}× needs {wanted} place names; the lists make {capacity}"));
    }
    let mut docs: Vec<Document> = seeds.iter().map(|d| Document { warnings: Vec::new(), ..d.clone() }).collect();
    let mut n = 0;
    for copy in 1..factor {
        for (j, seed) in seeds.iter().enumerate() {
            // Name n: first character n mod F, second shifted by 11 per first character, so
            // neighbouring places differ in both and (n < F × S) no name repeats.
            let (a, q) = (n % first.len(), n / first.len());
            n += 1;
            let stem: String = [first[a], second[(q + a * 11) % second.len()]].iter().collect();
            docs.push(copy_for_place(seed, &stem, copy, j));
        }
    }
    Ok(docs)
}

/// `seed` as the plan of the place `stem` + level: renamed throughout, measures recombined.
fn copy_for_place(seed: &Document, stem: &str, copy: usize, j: usize) -> Document {
    let old_place = seed.plans.first().map(|p| p.jurisdiction.clone()).unwrap_or_default();
    let old: Vec<char> = old_place.chars().collect();
    let old_level = old.last().copied().unwrap_or('区');
    let old_stem: String = old[..old.len().saturating_sub(1)].iter().collect();
    let surfaces: Vec<&str> = seed.measures.iter().flat_map(|m| m.units().map(|(_, u)| u)).collect();
    // Levels the plan prints for other (higher) bodies: the new place must not take one of them.
    let foreign: Vec<char> = surfaces.iter().filter_map(|u| split_level(u).0).filter(|l| *l != old_level).collect();
    let level = if old_level == '区' || old_level == '县' {
        let preferred = if (copy + j).is_multiple_of(3) { '县' } else { '区' };
        [preferred, '区', '县'].into_iter().find(|l| !foreign.contains(l)).unwrap_or(old_level)
    } else {
        old_level
    };
    let new_place = format!("{stem}{level}");

    let mut rules: Vec<(String, String)> = Vec::new();
    for u in &surfaces {
        let renamed = rename_unit(u, &old_place, &old_stem, old_level, &new_place, stem, level);
        if renamed != *u {
            rules.push((u.to_string(), renamed));
        }
    }
    rules.push((old_place.clone(), new_place.clone()));
    if old_stem.chars().count() >= 2 {
        rules.push((old_stem.clone(), stem.to_string()));
    }
    if level != old_level {
        for w in ["委", "政府", "人民政府", "直", "级", "属"] {
            rules.push((format!("{old_level}{w}"), format!("{level}{w}")));
        }
        for w in ["全", "本", "各"] {
            rules.push((format!("{w}{old_level}"), format!("{w}{level}")));
        }
    }
    let rw = Rewriter::new(rules);

    let name = format!("s{copy:04}-{j}_{new_place}.txt");
    let mut measures: Vec<Measure> = seed
        .measures
        .iter()
        .map(|m| Measure {
            doc: name.clone(),
            plan: rw.apply(&m.plan),
            jurisdiction: new_place.clone(),
            seq: m.seq,
            number: m.number.clone(),
            parent: m.parent.clone(),
            path: m.path.iter().map(|p| rw.apply(p)).collect(),
            title: rw.apply(&m.title),
            text_head: rw.apply(&m.text_head),
            lead: m.lead.iter().map(|u| rw.apply(u)).collect(),
            support: m.support.iter().map(|u| rw.apply(u)).collect(),
            responsible: m.responsible.iter().map(|u| rw.apply(u)).collect(),
            raw: rw.apply(&m.raw),
            deadline: rw.apply(&m.deadline),
            text: rw.apply(&m.text),
        })
        .collect();
    recombine(&mut measures, copy * 31 + j);
    Document {
        name,
        plans: seed
            .plans
            .iter()
            .map(|p| plan_lookup::PlanSummary { title: rw.apply(&p.title), jurisdiction: new_place.clone(), measures: p.measures })
            .collect(),
        measures,
        warnings: Vec::new(),
    }
}

/// A unit name printed in the seed place, as the new place would print it.
fn rename_unit(u: &str, old_place: &str, old_stem: &str, old_level: char, new_place: &str, stem: &str, level: char) -> String {
    if let Some(rest) = u.strip_prefix(old_place) {
        return format!("{new_place}{rest}");
    }
    if old_stem.chars().count() >= 2 {
        if let Some(rest) = u.strip_prefix(old_stem) {
            return format!("{stem}{rest}");
        }
    }
    if split_level(u).0 == Some(old_level) {
        return format!("{level}{}", &u[old_level.len_utf8()..]);
    }
    for (before, after) in [("团", "委"), ("中共", "委")] {
        if u == format!("{before}{old_level}{after}") {
            return format!("{before}{level}{after}");
        }
    }
    u.to_string()
}

/// Swaps the text of about a quarter of the measures with another measure of the same plan
/// (deterministic for a given `salt`); units, numbers and headings stay where they were.
fn recombine(measures: &mut [Measure], salt: usize) {
    let mut state = (salt as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut start = 0;
    while start < measures.len() {
        let end = start + measures[start..].iter().take_while(|m| m.plan == measures[start].plan).count();
        let len = end - start;
        for i in start..end {
            if len > 1 && next() % 4 == 0 {
                let k = start + (next() % len as u64) as usize;
                if k != i {
                    let (a, b) = (i.min(k), i.max(k));
                    let (left, right) = measures.split_at_mut(b);
                    let (x, y) = (&mut left[a], &mut right[0]);
                    std::mem::swap(&mut x.text, &mut y.text);
                    std::mem::swap(&mut x.title, &mut y.title);
                    std::mem::swap(&mut x.text_head, &mut y.text_head);
                }
            }
        }
        start = end;
    }
}

/// Longest-match replacement of many literal patterns in one pass (no chained replacements).
struct Rewriter {
    by_first: HashMap<char, Vec<(String, String)>>,
}

impl Rewriter {
    fn new(rules: Vec<(String, String)>) -> Rewriter {
        let mut by_first: HashMap<char, Vec<(String, String)>> = HashMap::new();
        for (from, to) in rules {
            if let Some(c) = from.chars().next() {
                let list = by_first.entry(c).or_default();
                if !list.iter().any(|(f, _)| *f == from) {
                    list.push((from, to));
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
        }
        Rewriter { by_first }
    }

    fn apply(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 8);
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            let hit = self.by_first.get(&c).and_then(|list| list.iter().find(|(f, _)| rest.starts_with(f.as_str())));
            match hit {
                Some((from, to)) => {
                    out.push_str(to);
                    rest = &rest[from.len()..];
                }
                None => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------

/// Unit questions naming one place (the seed places, present at every scale).
const UNIT_ONE_PLACE: &[&str] =
    &["资阳区司法局牵头哪些任务", "下陆区人社局参与哪些工作", "吉首市公安局负责什么", "宁远县司法局牵头哪些任务", "襄州区法院有哪些任务"];
/// Unit questions with no place: every place's unit of that name answers.
const UNIT_ALL_PLACES: &[&str] = &["区司法局牵头哪些任务", "县人社局参与哪些工作"];
const KEYWORD: &[&str] = &["行政复议", "法律顾问", "宪法 学习", "公共法律服务", "矛盾纠纷", "量子计算机"];

fn native(args: &[String]) -> Result<(), String> {
    let [path] = args else {
        return Err("native needs FILE.bin".into());
    };
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let t = Instant::now();
    let data = store::decode(&bytes).map_err(|e| format!("{path}: {e}"))?;
    let decode = t.elapsed();
    let t = Instant::now();
    let encoded = store::build_data_file(&data.documents);
    let encode = t.elapsed();
    drop(encoded);
    let t = Instant::now();
    let set = store::build_shards(&data.documents);
    let shards = t.elapsed();
    let largest_shard = set.shards.iter().map(|(_, b)| b.len()).max().unwrap_or(0);
    let manifest_bytes = set.manifest.len();
    drop(set);
    let measures = data.measures();
    let count = measures.len();
    drop(data);
    let t = Instant::now();
    let engine = Engine::new(measures);
    let build = t.elapsed();
    let one = latency(&engine, UNIT_ONE_PLACE, 30);
    let all = latency(&engine, UNIT_ALL_PLACES, 5);
    let kw = latency(&engine, KEYWORD, 10);
    let ms = |d: Duration| (d.as_secs_f64() * 1e5).round() / 100.0;
    let us = |d: Duration| (d.as_secs_f64() * 1e7).round() / 10.0;
    println!(
        "{}",
        serde_json::json!({
            "measures": count,
            "decode_ms": ms(decode),
            "engine_ms": ms(build),
            "encode_ms": ms(encode),
            "shards_ms": ms(shards),
            "manifest_bytes": manifest_bytes,
            "largest_shard_bytes": largest_shard,
            "peak_rss_kb": peak_rss_kb(),
            "unit_one_place_us": [us(one.0), us(one.1)],
            "unit_all_places_us": [us(all.0), us(all.1)],
            "keyword_us": [us(kw.0), us(kw.1)],
        })
    );
    Ok(())
}

/// Median and p99 of `engine.ask` over `questions`, `iters` timed runs each after a warm-up.
fn latency(engine: &Engine, questions: &[&str], iters: usize) -> (Duration, Duration) {
    let mut samples = Vec::new();
    for q in questions {
        black_box(engine.ask(q));
        for _ in 0..iters {
            let t = Instant::now();
            black_box(engine.ask(black_box(q)));
            samples.push(t.elapsed());
        }
    }
    samples.sort_unstable();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.99))
}

/// Peak resident set size of this process in KiB (Linux: VmHWM), or 0 where unknown.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()))
        .unwrap_or(0)
}
