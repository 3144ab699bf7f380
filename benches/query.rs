//! Query latency benchmark (a program, not a test): warm latency, median and p99, of unit
//! questions, topic questions and keyword queries, on the seed corpus and on a 100× synthetic
//! corpus (the seed corpus copied 100 times, each copy under its own place names, so the
//! directory, the postings and the answers all grow 100×).
//!
//! Three paths are timed for every question:
//! - `search`: question → intent → ranked rows with roles and highlights, by id (the engine);
//! - `view`: `search` plus the serialisable `AnswerView` borrowing the measures' strings (what
//!   the browser build converts to JS objects);
//! - `ask`: `search` plus copying every result's strings into a serialisable `Answer`.
//!
//! Run: `cargo bench --bench query` (release profile of this crate, opt-level "z"), or for
//! speed-optimised code `CARGO_PROFILE_BENCH_OPT_LEVEL=3 cargo bench --bench query`.

use plan_lookup::index::{RoleIndex, TextIndex};
use plan_lookup::query::Engine;
use plan_lookup::units::Directory;
use plan_lookup::Measure;
use std::hint::black_box;
use std::time::{Duration, Instant};

const UNIT_QUESTIONS: &[&str] = &[
    "区司法局牵头哪些任务？",
    "县司法局负责什么",
    "区法院参与哪些任务",
    "下陆区的区司法局牵头哪些任务",
    "市行政审批服务局牵头哪些任务",
    "司法局负责什么",
    "区发改委牵头哪些任务",
    "团区委参与哪些任务",
    "资阳区人民法院有哪些任务",
    "县委编办负责哪些任务",
];

const TOPIC_QUESTIONS: &[&str] = &["行政复议谁牵头", "哪些单位负责普法", "法律顾问相关任务由哪些单位承担", "区司法局 行政复议"];

const KEYWORD_QUERIES: &[&str] =
    &["行政复议", "法律顾问", "宪法 学习", "法治政府建设", "普法", "执法 监督", "公共法律服务", "矛盾纠纷", "数字政府", "量子计算机"];

/// The seed corpus copied `n` times; copy 0 keeps its names, copy k renames every place
/// (资阳区 → 资阳k区) and document, so each copy is a separate set of units.
fn synthetic(seed: &[Measure], n: usize) -> Vec<Measure> {
    let mut out = Vec::with_capacity(seed.len() * n);
    for k in 0..n {
        for m in seed {
            let mut m = m.clone();
            if k > 0 {
                let mut chars: Vec<char> = m.jurisdiction.chars().collect();
                let level = chars.pop().unwrap_or('区');
                m.jurisdiction = format!("{}{}{}", chars.iter().collect::<String>(), k, level);
                m.doc = format!("syn{k:03}_{}", m.doc);
            }
            out.push(m);
        }
    }
    out
}

struct Stats {
    median: Duration,
    p99: Duration,
    samples: usize,
    rows: usize,
}

/// Times `f` on every query: a few warm-up calls each, then `iters` timed calls each; all
/// samples of the group pooled for the median and p99.
fn time_group(queries: &[&str], iters: usize, mut f: impl FnMut(&str) -> usize) -> Stats {
    let mut samples = Vec::with_capacity(queries.len() * iters);
    let mut rows = 0;
    for q in queries {
        for _ in 0..3 {
            rows = rows.max(black_box(f(q)));
        }
        for _ in 0..iters {
            let t = Instant::now();
            black_box(f(black_box(q)));
            samples.push(t.elapsed());
        }
    }
    samples.sort_unstable();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    Stats { median: at(0.5), p99: at(0.99), samples: samples.len(), rows }
}

fn us(d: Duration) -> String {
    format!("{:>9.2} µs", d.as_secs_f64() * 1e6)
}

/// Milliseconds `f` takes, the fastest of `runs` runs.
fn best_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn bench_corpus(label: &str, measures: Vec<Measure>, iters: usize) {
    let n = measures.len();
    // Where the load time goes (the parts that are public; the rest of Engine::new is the
    // question lexicon and the unit-name forms), fastest of a few runs. The text index is built
    // on the first question that needs it, not by Engine::new.
    let runs = if n < 10_000 { 5 } else { 1 };
    let (dir, printed) = Directory::build_printed(&measures);
    println!(
        "\n   build (best of {runs}): Engine::new {:.2} ms (directory {:.2} ms, role index {:.2} ms); text index, on first use, {:.2} ms",
        best_ms(runs, || Engine::new(measures.clone())),
        best_ms(runs, || Directory::build_printed(&measures)),
        best_ms(runs, || RoleIndex::build(&measures, &dir, &printed)),
        best_ms(runs, || TextIndex::build(&measures)),
    );
    let t = Instant::now();
    let engine = Engine::new(measures);
    let build = t.elapsed();
    println!(
        "\n== {label}: {n} measures, {} units, {} places; {} indexed chars, {} bigrams; built in {:.1} ms",
        engine.directory().units.len(),
        engine.directory().places.len(),
        engine.text_index().len_chars(),
        engine.text_index().bigram_count(),
        build.as_secs_f64() * 1e3
    );
    println!("{:<22} {:<7} {:>12} {:>12} {:>9} {:>9}", "group", "path", "median", "p99", "samples", "max rows");
    for (group, queries) in
        [("unit questions", UNIT_QUESTIONS), ("topic / unit+keyword", TOPIC_QUESTIONS), ("keyword queries", KEYWORD_QUERIES)]
    {
        let s = time_group(queries, iters, |q| engine.search(q).rows.len());
        println!("{:<22} {:<7} {} {} {:>9} {:>9}", group, "search", us(s.median), us(s.p99), s.samples, s.rows);
        for (path, s) in [
            ("view", time_group(queries, iters, |q| engine.ask_view(q).results.len())),
            ("ask", time_group(queries, iters, |q| engine.ask(q).results.len())),
        ] {
            println!("{:<22} {:<7} {} {} {:>9} {:>9}", "", path, us(s.median), us(s.p99), s.samples, s.rows);
        }
    }
    println!("per question, search median:");
    for q in UNIT_QUESTIONS.iter().chain(TOPIC_QUESTIONS).chain(KEYWORD_QUERIES) {
        let s = time_group(&[q], iters, |q| engine.search(q).rows.len());
        println!("  {:<34} {} ({} rows)", q, us(s.median), s.rows);
    }
}

fn main() {
    // `cargo bench` passes `--bench`. Without it (`cargo test --all-targets` runs this program
    // too) every query is asked once as a smoke check and nothing is timed.
    let timed = std::env::args().any(|a| a == "--bench");
    let docs = match plan_lookup::corpus::default_documents() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot ingest the default corpus: {e}");
            std::process::exit(1);
        }
    };
    let data_file = plan_lookup::store::encode(&docs);
    let seed: Vec<Measure> = docs.into_iter().flat_map(|d| d.measures).collect();
    if !timed {
        let engine = Engine::new(synthetic(&seed, 2));
        for q in UNIT_QUESTIONS.iter().chain(TOPIC_QUESTIONS).chain(KEYWORD_QUERIES) {
            let _ = black_box(engine.ask(q));
        }
        println!("query benchmark: smoke run only; `cargo bench --bench query` prints figures");
        return;
    }
    println!("plan-lookup query benchmark (warm; one process, one machine: compare ratios)");
    println!(
        "\nLoading the seed data file ({} bytes) as the browser does, best of 5: decode {:.2} ms, then Engine::new",
        data_file.len(),
        best_ms(5, || plan_lookup::store::decode(&data_file).map(|d| d.documents.len()))
    );
    bench_corpus("seed corpus", seed.clone(), 2000);
    bench_corpus("100× synthetic corpus", synthetic(&seed, 100), 30);
}
