//! `plan-lookup`: the command-line face of the library. Thin by design: argument parsing,
//! file reading and output formatting only; all behaviour lives in the library.

use plan_lookup::{corpus, ingest_bytes, Document};
use std::io::{self, Write};
use std::process::ExitCode;

const USAGE: &str = "\
plan-lookup: who leads which measure of a rule-of-law plan

USAGE:
    plan-lookup export [FILE...]     measures as JSON Lines (no FILE: the embedded default plans)
    plan-lookup help                 this text

Files may be UTF-8 or GBK/GB18030 text, or HTML pages.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    match command.as_str() {
        "export" => export(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("plan-lookup: unknown command '{other}'\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Loads the named files (or the embedded corpus), reporting each bad file on stderr.
/// Returns the documents that loaded and whether every file did.
fn load(files: &[String]) -> (Vec<Document>, bool) {
    if files.is_empty() {
        return match corpus::default_documents() {
            Ok(docs) => (docs, true),
            Err(e) => {
                eprintln!("plan-lookup: the embedded default plans failed to load: {e}");
                (Vec::new(), false)
            }
        };
    }
    let mut docs = Vec::new();
    let mut all_ok = true;
    for path in files {
        let name = std::path::Path::new(path).file_name().map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        let result = std::fs::read(path)
            .map_err(|e| format!("cannot read the file ({e}): check the path and permissions"))
            .and_then(|bytes| ingest_bytes(&name, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(doc) => docs.push(doc),
            Err(message) => {
                eprintln!("plan-lookup: {path}: {message}");
                all_ok = false;
            }
        }
    }
    (docs, all_ok)
}

/// Prints one summary line per document and its warnings to stderr.
fn report(docs: &[Document]) {
    for doc in docs {
        let plans: Vec<String> = doc.plans.iter().map(|p| format!("{} ({}): {} measures", p.title, p.jurisdiction, p.measures)).collect();
        eprintln!("{}: {} plan(s), {} measures: {}", doc.name, doc.plans.len(), doc.measures.len(), plans.join("; "));
        for w in &doc.warnings {
            eprintln!("warning: {}: {}: {}", doc.name, w.plan, w.message);
        }
    }
}

fn export(files: &[String]) -> ExitCode {
    let (docs, all_ok) = load(files);
    report(&docs);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for m in docs.iter().flat_map(|d| &d.measures) {
        let line = match serde_json::to_string(m) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("plan-lookup: could not encode a measure as JSON: {e}");
                return ExitCode::FAILURE;
            }
        };
        if writeln!(out, "{line}").is_err() {
            return ExitCode::SUCCESS; // the reader went away (e.g. `| head`)
        }
    }
    if out.flush().is_err() {
        return ExitCode::SUCCESS;
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
