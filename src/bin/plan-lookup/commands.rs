//! The commands: each loads its inputs, does its job and says how it went. Errors go back to
//! `main` as a [`CliError`].

use crate::args::{Command, Inputs, Target, USAGE};
use crate::error::CliError;
use crate::{build, load, render};
use plan_lookup::query::everyday::EverydayTerms;
use plan_lookup::query::pinyin::Pinyin;
use plan_lookup::query::Engine;
use plan_lookup::Document;
use serde::Serialize;
use std::io::{self, Write};
use std::process::ExitCode;

/// Runs a command. Ok(FAILURE) when it did its job but a file was bad (reported on stderr).
pub fn run(command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Help => {
            print(&format!("{USAGE}\n"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(inputs) => export(&inputs),
        Command::Ask { json, question, inputs, terms } => ask(json, &question, &inputs, terms.as_deref()),
        Command::Units { json, inputs } => units(json, &inputs),
        Command::Build { target, inputs } => build(&target, &inputs),
    }
}

fn exit_code(all_ok: bool) -> ExitCode {
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Writes `text` to stdout. A reader that went away (`| head`) is not an error.
fn print(text: &str) {
    let mut out = io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}

fn pretty_json<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<String, CliError> {
    serde_json::to_string_pretty(value).map(|j| j + "\n").map_err(|e| CliError::Failed(format!("could not encode {what} as JSON: {e}")))
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

fn engine_for(docs: Vec<Document>) -> Engine {
    Engine::new(docs.into_iter().flat_map(|d| d.measures).collect())
}

fn export(inputs: &Inputs) -> Result<ExitCode, CliError> {
    let loaded = load::load(inputs)?;
    report(&loaded.docs);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for m in loaded.docs.iter().flat_map(|d| &d.measures) {
        let line = serde_json::to_string(m).map_err(|e| CliError::Failed(format!("could not encode a measure as JSON: {e}")))?;
        if writeln!(out, "{line}").is_err() {
            return Ok(ExitCode::SUCCESS); // the reader went away (e.g. `| head`)
        }
    }
    let _ = out.flush();
    Ok(exit_code(loaded.all_ok))
}

/// The built-in everyday words, with those of `--terms FILE` added; any line of the file that
/// cannot be used is an error naming it.
fn everyday_terms(file: Option<&str>) -> Result<EverydayTerms, CliError> {
    let mut terms = EverydayTerms::default_list();
    let Some(file) = file else { return Ok(terms) };
    let text = std::fs::read_to_string(file).map_err(|e| CliError::Failed(format!("could not read --terms {file}: {e}")))?;
    let report = terms.extend(&text);
    if !report.problems.is_empty() {
        return Err(CliError::Failed(format!(
            "--terms {file}: {}\nFix these lines (one line per term: 方案用语：俗称1 俗称2) or remove them.",
            report.problems.join(" ")
        )));
    }
    Ok(terms)
}

fn ask(json: bool, question: &str, inputs: &Inputs, terms: Option<&str>) -> Result<ExitCode, CliError> {
    let terms = everyday_terms(terms)?;
    let loaded = load::load(inputs)?;
    if loaded.docs.is_empty() {
        return Err(CliError::Failed("no plans loaded, nothing to answer from".into()));
    }
    let mut engine = engine_for(loaded.docs);
    engine.set_everyday_terms(terms);
    engine.set_pinyin(Pinyin::built_in());
    let answer = engine.ask(question);
    print(&if json { pretty_json(&answer, "the answer")? } else { render::answer_text(&answer) });
    Ok(exit_code(loaded.all_ok))
}

fn units(json: bool, inputs: &Inputs) -> Result<ExitCode, CliError> {
    let loaded = load::load(inputs)?;
    let list = engine_for(loaded.docs).units();
    print(&if json { pretty_json(&list, "the units")? } else { render::units_text(&list) });
    Ok(exit_code(loaded.all_ok))
}

/// Writes the data file (or, with --shards, the sharded build). Refuses to write anything when
/// an input is bad, so a half-built file never replaces a good one on a portal.
fn build(target: &Target, inputs: &Inputs) -> Result<ExitCode, CliError> {
    if let Target::Shards(dir) = target {
        if let Some(files) = load::data_files(inputs) {
            build::shards_from_data_files(dir, &files)?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let loaded = load::load(inputs)?;
    report(&loaded.docs);
    let (Target::File { out, .. } | Target::Shards(out)) = target;
    if !loaded.all_ok {
        return Err(CliError::Failed(format!("{out} not written: fix or leave out the files above and re-run")));
    }
    match target {
        Target::File { out, module } => build::data_file(out, module.as_deref(), &loaded.docs)?,
        Target::Shards(dir) => build::shards(dir, &loaded.docs)?,
    }
    Ok(ExitCode::SUCCESS)
}
