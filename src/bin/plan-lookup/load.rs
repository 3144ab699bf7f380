//! Inputs → documents: plan documents read with `--place` and `--edits`, data files and sharded
//! builds decoded, or the embedded plans. A bad file is reported on stderr and left out; the
//! caller learns whether every file loaded.

use crate::args::Inputs;
use crate::error::CliError;
use plan_lookup::edits::Edits;
use plan_lookup::{corpus, store, Document};
use std::io::{self, Read};
use std::path::Path;

/// The documents that loaded, and whether every file did.
pub struct Loaded {
    pub docs: Vec<Document>,
    pub all_ok: bool,
}

/// Loads the named files (or the embedded corpus), reporting each bad file on stderr. A file
/// starting with the data-file magic is read as a data file, a WebAssembly module as a bundle
/// (the data file it holds), anything else is read as a plan
/// document, with `--place` and the `--edits` file's corrections. An edits file that cannot be
/// read is an error: nothing is loaded without the corrections the user asked for.
pub fn load(inputs: &Inputs) -> Result<Loaded, CliError> {
    let edits = match inputs.edits.as_deref() {
        Some(path) => read_edits(path)?,
        None => Edits::default(),
    };
    if inputs.files.is_empty() {
        if inputs.place.is_some() || !edits.is_empty() {
            eprintln!("plan-lookup: --place and --edits are for the plan documents you give; the embedded plans are used as they are");
        }
        return corpus::default_documents()
            .map(|docs| Loaded { docs, all_ok: true })
            .map_err(|e| CliError::Failed(format!("the embedded default plans failed to load: {e}")));
    }
    let mut loaded = Loaded { docs: Vec::new(), all_ok: true };
    for path in &inputs.files {
        match read_one(path, inputs.place.as_deref(), &edits) {
            Ok(docs) => loaded.docs.extend(docs),
            Err(message) => {
                eprintln!("plan-lookup: {path}: {message}");
                loaded.all_ok = false;
            }
        }
    }
    for name in edits.documents.keys().filter(|n| !loaded.docs.iter().any(|d| &&d.name == n)) {
        eprintln!("plan-lookup: warning: the edits file has corrections for {name}, which was not given (not used)");
    }
    Ok(loaded)
}

/// The bytes of every input when every input is a data file (and nothing is to be applied to
/// documents): a sharded build then reads them one place at a time. None otherwise, or when a
/// file cannot be read (the ordinary path then reports it).
pub fn data_files(inputs: &Inputs) -> Option<Vec<(String, Vec<u8>)>> {
    if inputs.files.is_empty() || inputs.place.is_some() || inputs.edits.is_some() {
        return None;
    }
    let mut files = Vec::new();
    for path in &inputs.files {
        let bytes = read_input(path).ok()?;
        if store::FileKind::of(&bytes) != Some(store::FileKind::Data) {
            return None;
        }
        files.push((path.clone(), bytes));
    }
    Some(files)
}

/// One file's documents: a data file's, a sharded build's, or one plan document.
fn read_one(path: &str, place: Option<&str>, edits: &Edits) -> Result<Vec<Document>, String> {
    let bytes = read_input(path)?;
    match store::FileKind::of(&bytes) {
        Some(store::FileKind::Data) => store::decode(&bytes).map(|data| data.documents).map_err(|e| e.to_string()),
        Some(store::FileKind::Manifest) => read_sharded(path, &bytes),
        Some(store::FileKind::Summary) => Err("a unit summary file of a sharded build: give the build's manifest.bin instead".into()),
        None if bytes.starts_with(crate::bundle::WASM_MAGIC) => match crate::bundle::data_of(&bytes) {
            Some(data) => store::decode(data).map(|data| data.documents).map_err(|e| format!("the bundle's data file: {e}")),
            None => Err("a WebAssembly module without plan-lookup data: give a data file, or a bundle written by \
                         `plan-lookup build -o plans.wasm --module pkg/plan_lookup_query_bg.wasm`"
                .into()),
        },
        None => {
            let name = Path::new(path).file_name().map_or(path.to_string(), |n| n.to_string_lossy().into_owned());
            let (doc, applied) = edits.read(&name, &bytes, place).map_err(|e| e.to_string())?;
            if applied.unmatched.is_empty() {
                Ok(vec![doc])
            } else {
                Err(format!("{}; fix these edits in the builder page or remove them from the edits file", applied.unmatched.join("; ")))
            }
        }
    }
}

/// Reads and checks an edits file.
fn read_edits(path: &str) -> Result<Edits, CliError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| CliError::Failed(format!("{path}: cannot read the edits file ({e}): check the path")))?;
    Edits::from_json(&text).map_err(|e| CliError::Failed(format!("{path}: {e}")))
}

/// Reads a file, refusing a plan document larger than the ingestion limit before reading all
/// of it (data files, our own format, are read whole).
fn read_input(path: &str) -> Result<Vec<u8>, String> {
    let cannot = |e: io::Error| format!("cannot read the file ({e}): check the path and permissions");
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    (&mut file).take(plan_lookup::ingest::MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if store::FileKind::of(&bytes).is_some() || bytes.starts_with(crate::bundle::WASM_MAGIC) {
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
    let dir = Path::new(manifest_path).parent().unwrap_or(Path::new("."));
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
