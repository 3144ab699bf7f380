//! `plan-lookup`: the command-line face of the library. Thin by design: argument parsing,
//! file reading and output formatting only; all behaviour lives in the library.

mod render;

use plan_lookup::edits::Edits;
use plan_lookup::query::Engine;
use plan_lookup::{corpus, store, Document};
use std::io::{self, Write};
use std::process::ExitCode;

const USAGE: &str = "\
plan-lookup: who leads which measure of a rule-of-law plan

USAGE:
    plan-lookup export [FILE...]             measures as JSON Lines
    plan-lookup ask [--json] QUESTION [FILE...]
                                             answer a question, e.g. \"区司法局牵头哪些任务\",
                                             \"谁牵头行政复议\", \"区人社局参与哪些工作\"
    plan-lookup units [--json] [FILE...]     every unit, its place, kind and role counts
    plan-lookup build -o OUT [FILE...]       write the data file the browser loads (www/data/plans.bin)
    plan-lookup build --shards DIR [FILE...] write a sharded build: DIR/manifest.bin and one data file
                                             per place, fetched by the browser only for the places asked
    plan-lookup help                         this text

OPTIONS:
    --place NAME    the place every plan document given is for (e.g. --place 某某县), for a plan
                    whose title and issuing body do not name it (export warns when it cannot)
    --edits FILE    corrections saved by the builder page (www/builder.html, 生成数据文件): places,
                    plan titles, units, measures dropped; applied as the page applies them, so
                    `build --edits` writes the file the page downloads. An edit that no longer
                    finds its measure is an error (exit 1, nothing written)

With no FILE, the embedded default plans are used. A FILE is a plan document (UTF-8 or
GBK/GB18030 text, or an HTML page), a data file written by `plan-lookup build`, or the
manifest.bin of a sharded build (all its shards are read).
Exit code: 0 when every file loaded, 1 when a file was bad (the good ones are still used),
2 for a usage error.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let result = match command.as_str() {
        "export" => Options::parse(rest, false).map(|o| export(&o)),
        "ask" => Options::parse(rest, false).and_then(ask),
        "units" => Options::parse(rest, false).map(|o| units(&o)),
        "build" => Options::parse(rest, true).and_then(|o| build(&o)),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => Err(format!("unknown command '{other}'")),
    };
    match result {
        Ok(code) => code,
        Err(usage_error) => {
            eprintln!("plan-lookup: {usage_error}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The arguments after the command: flags anywhere, `--` ends flags.
struct Options {
    json: bool,
    /// `--place`: the place of every plan document read (not of data files).
    place: Option<String>,
    /// `--edits`: the edits file's path.
    edits: Option<String>,
    output: Option<String>,
    shards: Option<String>,
    positional: Vec<String>,
}

impl Options {
    fn parse(args: &[String], takes_output: bool) -> Result<Options, String> {
        let mut o = Options { json: false, place: None, edits: None, output: None, shards: None, positional: Vec::new() };
        let mut it = args.iter();
        let mut flags_done = false;
        while let Some(a) = it.next() {
            match a.as_str() {
                _ if flags_done => o.positional.push(a.clone()),
                "--" => flags_done = true,
                "--json" => o.json = true,
                "--place" => match it.next() {
                    Some(place) if !place.trim().is_empty() => o.place = Some(place.trim().to_string()),
                    _ => return Err("--place needs the place's name, e.g. --place 某某县".into()),
                },
                "--edits" => match it.next() {
                    Some(path) => o.edits = Some(path.clone()),
                    None => return Err("--edits needs the edits file saved by the builder page, e.g. --edits edits.json".into()),
                },
                "-o" | "--output" if takes_output => match it.next() {
                    Some(path) => o.output = Some(path.clone()),
                    None => return Err(format!("{a} needs a file name, e.g. {a} www/data/plans.bin")),
                },
                "--shards" if takes_output => match it.next() {
                    Some(dir) => o.shards = Some(dir.clone()),
                    None => return Err("--shards needs a folder, e.g. --shards www/data/shards".into()),
                },
                s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option '{s}'")),
                _ => o.positional.push(a.clone()),
            }
        }
        Ok(o)
    }
}

/// Loads the named files (or the embedded corpus), reporting each bad file on stderr.
/// Returns the documents that loaded and whether every file did. A file starting with the
/// data-file magic is read as a data file, anything else is read as a plan document, with
/// `--place` and the `--edits` file's corrections.
fn load(o: &Options) -> (Vec<Document>, bool) {
    let (files, place) = (&o.positional, o.place.as_deref());
    let edits = match o.edits.as_deref().map(read_edits).transpose() {
        Ok(edits) => edits.unwrap_or_default(),
        Err(message) => {
            eprintln!("plan-lookup: {message}");
            return (Vec::new(), false);
        }
    };
    if files.is_empty() {
        if place.is_some() || !edits.is_empty() {
            eprintln!("plan-lookup: --place and --edits are for the plan documents you give; the embedded plans are used as they are");
        }
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
        let result = read_input(path).and_then(|bytes| match store::FileKind::of(&bytes) {
            Some(store::FileKind::Data) => store::decode(&bytes).map(|data| data.documents).map_err(|e| e.to_string()),
            Some(store::FileKind::Manifest) => read_sharded(path, &bytes),
            None => {
                let (doc, applied) = edits.read(&name, &bytes, place).map_err(|e| e.to_string())?;
                if applied.unmatched.is_empty() {
                    Ok(vec![doc])
                } else {
                    Err(format!("{}; fix these edits in the builder page or remove them from the edits file", applied.unmatched.join("; ")))
                }
            }
        });
        match result {
            Ok(loaded) => docs.extend(loaded),
            Err(message) => {
                eprintln!("plan-lookup: {path}: {message}");
                all_ok = false;
            }
        }
    }
    for name in edits.documents.keys().filter(|n| !docs.iter().any(|d| &&d.name == n)) {
        eprintln!("plan-lookup: warning: the edits file has corrections for {name}, which was not given (not used)");
    }
    (docs, all_ok)
}

/// Reads and checks an edits file.
fn read_edits(path: &str) -> Result<Edits, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read the edits file ({e}): check the path"))?;
    Edits::from_json(&text).map_err(|e| format!("{path}: {e}"))
}

/// Reads a file, refusing a plan document larger than the ingestion limit before reading all
/// of it (data files, our own format, are read whole).
fn read_input(path: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let cannot = |e: io::Error| format!("cannot read the file ({e}): check the path and permissions");
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    (&mut file).take(plan_lookup::ingest::MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if store::FileKind::of(&bytes).is_some() {
        file.read_to_end(&mut bytes).map_err(cannot)?;
    } else if bytes.len() > plan_lookup::ingest::MAX_DOCUMENT_BYTES {
        let size = file.metadata().map_or(bytes.len() as u64, |m| m.len());
        plan_lookup::ingest::check_size(size).map_err(|e| e.to_string())?;
    }
    Ok(bytes)
}

/// Every document of a sharded build, its shards read from the manifest's folder.
fn read_sharded(manifest_path: &str, bytes: &[u8]) -> Result<Vec<Document>, String> {
    let manifest = store::decode_manifest(bytes).map_err(|e| e.to_string())?;
    let dir = std::path::Path::new(manifest_path).parent().unwrap_or(std::path::Path::new("."));
    let mut docs = Vec::new();
    for (i, shard) in manifest.shards.iter().enumerate() {
        let path = dir.join(&shard.file);
        let bytes = std::fs::read(&path).map_err(|e| {
            format!("cannot read shard {} ({e}): deploy the whole folder written by `plan-lookup build --shards`", path.display())
        })?;
        docs.extend(store::decode_shard(&manifest, i, &bytes).map_err(|e| e.to_string())?.documents);
    }
    Ok(docs)
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

fn engine_for(docs: Vec<Document>) -> Engine {
    Engine::new(docs.into_iter().flat_map(|d| d.measures).collect())
}

fn export(o: &Options) -> ExitCode {
    let (docs, all_ok) = load(o);
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
    exit_code(all_ok)
}

fn ask(mut o: Options) -> Result<ExitCode, String> {
    if o.positional.is_empty() {
        return Err("ask needs a question, e.g. plan-lookup ask \"区司法局牵头哪些任务\"".into());
    }
    let question = o.positional.remove(0);
    if question.trim().is_empty() {
        return Err("the question is blank: ask about a unit or a topic, e.g. \"谁牵头行政复议\"".into());
    }
    let (docs, all_ok) = load(&o);
    if docs.is_empty() {
        eprintln!("plan-lookup: no plans loaded, nothing to answer from");
        return Ok(ExitCode::FAILURE);
    }
    let answer = engine_for(docs).ask(&question);
    if o.json {
        let json = serde_json::to_string_pretty(&answer).map_err(|e| format!("could not encode the answer as JSON: {e}"))?;
        print(&format!("{json}\n"));
    } else {
        print(&render::answer_text(&answer));
    }
    Ok(exit_code(all_ok))
}

fn units(o: &Options) -> ExitCode {
    let (docs, all_ok) = load(o);
    let list = engine_for(docs).units();
    if o.json {
        match serde_json::to_string_pretty(&list) {
            Ok(json) => print(&format!("{json}\n")),
            Err(e) => {
                eprintln!("plan-lookup: could not encode the units as JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print(&render::units_text(&list));
    }
    exit_code(all_ok)
}

/// Writes the data file (or, with --shards, the sharded build). Refuses to write anything when
/// an input is bad, so a half-built file never replaces a good one on a portal.
fn build(o: &Options) -> Result<ExitCode, String> {
    let target = match (&o.output, &o.shards) {
        (Some(_), Some(_)) => return Err("build takes -o FILE or --shards DIR, not both".into()),
        (None, None) => {
            return Err(
                "build needs -o OUT (one data file) or --shards DIR (a sharded build), e.g. plan-lookup build -o www/data/plans.bin".into(),
            )
        }
        (Some(out), None) => out,
        (None, Some(dir)) => dir,
    };
    let (docs, all_ok) = load(o);
    report(&docs);
    if !all_ok {
        eprintln!("plan-lookup: {target} not written: fix or leave out the files above and re-run");
        return Ok(ExitCode::FAILURE);
    }
    if o.shards.is_some() {
        return Ok(build_shards(target, &docs));
    }
    let out_path = target;
    let bytes = store::build_data_file(&docs);
    let version = match store::decode(&bytes) {
        Ok(data) => data.version,
        Err(e) => {
            eprintln!("plan-lookup: {out_path} not written: the encoded data does not read back ({e}); please report this");
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Err(e) = write_atomically(std::path::Path::new(out_path), &bytes) {
        eprintln!("plan-lookup: cannot write {out_path} ({e}): check the folder exists and is writable");
        return Ok(ExitCode::FAILURE);
    }
    let measures: usize = docs.iter().map(|d| d.measures.len()).sum();
    eprintln!("{out_path}: {} document(s), {measures} measures, {} bytes, data version {version}", docs.len(), bytes.len());
    Ok(ExitCode::SUCCESS)
}

/// Writes beside the target, then renames: readers never see a half-written file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_file_name(format!(
        "{}.tmp-{}",
        path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        std::process::id()
    ));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes DIR/manifest.bin and one shard per place. Shards first (their names carry their
/// checksums, so an unchanged shard is rewritten with the same bytes and a changed one gets a
/// new name), the manifest last: a reader sees the old build or the new one, never a mix. Shards
/// of earlier builds that the new manifest does not list are then removed.
fn build_shards(dir: &str, docs: &[Document]) -> ExitCode {
    let set = store::build_shards(docs);
    let manifest = match store::decode_manifest(&set.manifest) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("plan-lookup: {dir} not written: the manifest does not read back ({e}); please report this");
            return ExitCode::FAILURE;
        }
    };
    for (i, (_, bytes)) in set.shards.iter().enumerate() {
        if let Err(e) = store::decode_shard(&manifest, i, bytes) {
            eprintln!("plan-lookup: {dir} not written: a shard does not read back ({e}); please report this");
            return ExitCode::FAILURE;
        }
    }
    let dir_path = std::path::Path::new(dir);
    if let Err(e) = std::fs::create_dir_all(dir_path) {
        eprintln!("plan-lookup: cannot create {dir} ({e}): check the path and permissions");
        return ExitCode::FAILURE;
    }
    for (file, bytes) in &set.shards {
        if let Err(e) = write_atomically(&dir_path.join(file), bytes) {
            eprintln!("plan-lookup: cannot write {dir}/{file} ({e}): check the folder is writable; the previous build is left in place");
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = write_atomically(&dir_path.join("manifest.bin"), &set.manifest) {
        eprintln!("plan-lookup: cannot write {dir}/manifest.bin ({e}): check the folder is writable; the previous build is left in place");
        return ExitCode::FAILURE;
    }
    let current: std::collections::HashSet<&str> = set.shards.iter().map(|(f, _)| f.as_str()).collect();
    if let Ok(entries) = std::fs::read_dir(dir_path) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if store::is_shard_file_name(&name) && !current.contains(name.as_str()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let total: usize = set.shards.iter().map(|(_, b)| b.len()).sum();
    let largest = set.shards.iter().map(|(_, b)| b.len()).max().unwrap_or(0);
    let measures: usize = docs.iter().map(|d| d.measures.len()).sum();
    eprintln!(
        "{dir}/manifest.bin: {} place(s), {} shard(s), {measures} measures; manifest {} bytes, shards {total} bytes (largest {largest}), data version {}",
        manifest.places.len(),
        manifest.shards.len(),
        set.manifest.len(),
        manifest.version
    );
    ExitCode::SUCCESS
}
