//! The command line → a [`Command`], by lexopt (flags anywhere, `--` ends them). Nothing here
//! reads files or prints.

use crate::error::CliError;
use lexopt::prelude::*;
use std::ffi::OsString;

pub const USAGE: &str = "\
plan-lookup: who leads which measure of a rule-of-law plan

USAGE:
    plan-lookup export [FILE...]             measures as JSON Lines
    plan-lookup ask [--json] QUESTION [FILE...]
                                             answer a question, e.g. \"区司法局牵头哪些任务\",
                                             \"谁牵头行政复议\", \"区人社局参与哪些工作\"
    plan-lookup units [--json] [FILE...]     every unit, its place, kind and role counts
    plan-lookup build -o OUT [FILE...]       write the data file the browser loads (www/data/plans.bin)
    plan-lookup build -o OUT.wasm --module pkg/plan_lookup_query_bg.wasm [FILE...]
                                             write a bundle: the data file inside the query module
                                             (www/data/plans.wasm), one download where the data file
                                             and module are two; give the module deployed with the
                                             page's scripts
    plan-lookup build --shards DIR [FILE...] write a sharded build: DIR/manifest.bin, one data file
                                             per place (fetched by the browser only for the places
                                             asked), unit summaries (counts in every place) and
                                             shards.json; data files given are read one place at a time
    plan-lookup help                         this text

OPTIONS:
    --place NAME    the place every plan document given is for (e.g. --place 某某县), for a plan
                    whose title and issuing body do not name it (export warns when it cannot)
    --edits FILE    corrections saved by the builder page (www/builder.html, 生成数据文件): places,
                    plan titles, units, measures dropped; applied as the page applies them, so
                    `build --edits` writes the file the page downloads. An edit that no longer
                    finds its measure is an error (exit 1, nothing written)
    --terms FILE    (ask) everyday words for plan terms, added to the built-in list
                    (data/terms.txt; one line per term: 信访：上访 来信来访). The browser reads
                    the same file from data/terms.txt next to the data file. A line that
                    cannot be used is an error (exit 1, nothing answered)

With no FILE, the embedded default plans are used. A FILE is a plan document (text, HTML,
Word .docx/.doc, PDF with a text layer, .xlsx/.xls/.ods), a data file written by
`plan-lookup build`, or the manifest.bin of a sharded build (all its shards are read).
Exit code: 0 when every file loaded, 1 when a file was bad (the good ones are still used),
2 for a usage error.";

/// What to read: the files (none: the embedded plans), and what the user said about them.
pub struct Inputs {
    pub files: Vec<String>,
    /// `--place`: the place of every plan document read (not of data files).
    pub place: Option<String>,
    /// `--edits`: the edits file's path.
    pub edits: Option<String>,
}

/// Where `build` writes.
pub enum Target {
    /// One data file; with a module (the query module's path), a bundle of the two.
    File {
        out: String,
        module: Option<String>,
    },
    Shards(String),
}

pub enum Command {
    Export(Inputs),
    Ask { json: bool, question: String, inputs: Inputs, terms: Option<String> },
    Units { json: bool, inputs: Inputs },
    Build { target: Target, inputs: Inputs },
    Help,
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, CliError> {
    let mut p = lexopt::Parser::from_args(args);
    let command = match p.next()? {
        None => return Err(CliError::Usage("give a command: export, ask, units or build".into())),
        Some(Long("help") | Short('h')) => return Ok(Command::Help),
        Some(Value(v)) => text(v)?,
        Some(other) => return Err(other.unexpected().into()),
    };
    let builds = command == "build";
    let (mut json, mut output, mut shards, mut module, mut terms) = (false, None, None, None, None);
    let mut inputs = Inputs { files: Vec::new(), place: None, edits: None };
    while let Some(arg) = p.next()? {
        match arg {
            Long("json") => json = true,
            Long("place") => match p.value().map(text) {
                Ok(Ok(place)) if !place.trim().is_empty() => inputs.place = Some(place.trim().to_string()),
                _ => return Err(CliError::Usage("--place needs the place's name, e.g. --place 某某县".into())),
            },
            Long("edits") => {
                inputs.edits = Some(value(&mut p, "--edits needs the edits file saved by the builder page, e.g. --edits edits.json")?)
            }
            Short('o') | Long("output") if builds => output = Some(value(&mut p, "-o needs a file name, e.g. -o www/data/plans.bin")?),
            Long("module") if builds => {
                module = Some(value(&mut p, "--module needs the query module, e.g. --module www/pkg/plan_lookup_query_bg.wasm")?)
            }
            Long("terms") if command == "ask" => {
                terms = Some(value(&mut p, "--terms needs a file of everyday words, e.g. --terms data/terms.txt")?)
            }
            Long("shards") if builds => shards = Some(value(&mut p, "--shards needs a folder, e.g. --shards www/data/shards")?),
            Value(v) => inputs.files.push(text(v)?),
            other => return Err(other.unexpected().into()),
        }
    }
    match command.as_str() {
        "export" => Ok(Command::Export(inputs)),
        "units" => Ok(Command::Units { json, inputs }),
        "ask" => {
            if inputs.files.is_empty() {
                return Err(CliError::Usage("ask needs a question, e.g. plan-lookup ask \"区司法局牵头哪些任务\"".into()));
            }
            let question = inputs.files.remove(0);
            if question.trim().is_empty() {
                return Err(CliError::Usage("the question is blank: ask about a unit or a topic, e.g. \"谁牵头行政复议\"".into()));
            }
            Ok(Command::Ask { json, question, inputs, terms })
        }
        "build" => {
            let target = match (output, shards) {
                (Some(_), Some(_)) => return Err(CliError::Usage("build takes -o FILE or --shards DIR, not both".into())),
                (None, None) => return Err(CliError::Usage(
                    "build needs -o OUT (one data file) or --shards DIR (a sharded build), e.g. plan-lookup build -o www/data/plans.bin"
                        .into(),
                )),
                (Some(out), None) => {
                    let bundle = out.to_ascii_lowercase().ends_with(".wasm");
                    match (bundle, &module) {
                        (true, None) => return Err(CliError::Usage(format!(
                            "{out} is a bundle (a .wasm file): give the query module it holds the data in, e.g. --module www/pkg/plan_lookup_query_bg.wasm"
                        ))),
                        (false, Some(_)) => return Err(CliError::Usage(format!(
                            "--module writes a bundle, and {out} is not a .wasm file: write e.g. -o www/data/plans.wasm"
                        ))),
                        _ => Target::File { out, module: module.take() },
                    }
                }
                (None, Some(dir)) if module.is_some() => {
                    return Err(CliError::Usage(format!(
                        "--module writes one bundle, not a sharded build: leave it out for --shards {dir}"
                    )))
                }
                (None, Some(dir)) => Target::Shards(dir),
            };
            Ok(Command::Build { target, inputs })
        }
        "help" => Ok(Command::Help),
        other => Err(CliError::Usage(format!("unknown command '{other}'"))),
    }
}

/// The value of the option just read, or a usage error saying what it needs.
fn value(p: &mut lexopt::Parser, needs: &str) -> Result<String, CliError> {
    p.value().map_err(|_| CliError::Usage(needs.into())).and_then(text)
}

fn text(v: OsString) -> Result<String, CliError> {
    v.into_string().map_err(|v| CliError::Usage(format!("{} is not valid UTF-8: give names and paths in UTF-8", v.to_string_lossy())))
}
