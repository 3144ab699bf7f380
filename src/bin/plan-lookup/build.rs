//! `plan-lookup build`: the data file, or a sharded build, written so that readers never see a
//! half-written file and a bad input never replaces a good build.

use crate::error::CliError;
use plan_lookup::store::{self, ShardSet};
use plan_lookup::Document;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// Writes one data file of `docs` to `out`; with `module` (the query module's path), a bundle
/// of the two (see bundle.rs).
pub fn data_file(out: &str, module: Option<&str>, docs: &[Document]) -> Result<(), CliError> {
    let data = store::build_data_file(docs);
    let version = store::decode(&data)
        .map_err(|e| CliError::Failed(format!("{out} not written: the encoded data does not read back ({e}); please report this")))?
        .version;
    let bytes = match module {
        None => data,
        Some(path) => {
            let module = std::fs::read(path).map_err(|e| {
                CliError::Failed(format!("{out} not written: cannot read the query module {path} ({e}); run scripts/build-web to build it"))
            })?;
            let bundled = crate::bundle::bundle(&module, &data).map_err(|e| {
                CliError::Failed(format!(
                    "{out} not written: {path} {e}; give pkg/plan_lookup_query_bg.wasm from the build whose scripts the page loads"
                ))
            })?;
            if crate::bundle::data_of(&bundled) != Some(&data[..]) {
                return Err(CliError::Failed(format!("{out} not written: the bundle does not read back; please report this")));
            }
            bundled
        }
    };
    write_atomically(Path::new(out), &bytes)
        .map_err(|e| CliError::Failed(format!("cannot write {out} ({e}): check the folder exists and is writable")))?;
    let measures: usize = docs.iter().map(|d| d.measures.len()).sum();
    eprintln!("{out}: {} document(s), {measures} measures, {} bytes, data version {version}", docs.len(), bytes.len());
    Ok(())
}

/// Writes DIR/manifest.bin, one shard per place and DIR/shards.json (every shard's size and
/// SHA-256, for the offline page's service worker). Shards first (their names carry their
/// checksums, so an unchanged shard is rewritten with the same bytes and a changed one gets a
/// new name), the manifest last: a reader sees the old build or the new one, never a mix. Shards
/// of earlier builds that the new manifest does not list are then removed.
pub fn shards(dir: &str, docs: &[Document]) -> Result<(), CliError> {
    write_shards(dir, &mut store::InMemory(docs))
}

/// [`shards`] of data files (`build --shards DIR a.bin b.bin`, e.g. a province's data): read
/// one place at a time ([`store::build_shards_with`]), so memory stays that of a few places and
/// the files' bytes, whatever the province's size.
pub fn shards_from_data_files(dir: &str, files: &[(String, Vec<u8>)]) -> Result<(), CliError> {
    let mut sources: Vec<Box<dyn store::DocumentSource + '_>> = Vec::new();
    for (path, bytes) in files {
        let source = store::DataFileDocuments::open(bytes).map_err(|e| CliError::Failed(format!("{path}: {e}; {dir} not written")))?;
        sources.push(Box::new(source));
    }
    write_shards(dir, &mut store::Chain(sources))
}

/// A shard as written: what the manifest must list for it, and its SHA-256 for shards.json.
struct Written {
    bytes: usize,
    checksum: Option<u32>,
    sha256: String,
}

/// Builds the shards of `source`, each written by the worker that encoded it (file creation is
/// a good part of a province build), checks the manifest reads back and lists them, then writes
/// shards.json and the manifest (see [`shards`]). If the build fails, the shard and summary
/// files it created are removed again and the previous build is left as it was.
fn write_shards(dir: &str, source: &mut dyn store::DocumentSource) -> Result<(), CliError> {
    let dir_path = Path::new(dir);
    std::fs::create_dir_all(dir_path)
        .map_err(|e| CliError::Failed(format!("cannot create {dir} ({e}): check the path and permissions")))?;
    let created = std::sync::Mutex::new(Vec::new());
    let write = |file: &str, bytes: Vec<u8>| -> Result<Written, (String, std::io::Error)> {
        let path = dir_path.join(file);
        if write_shard(&path, &bytes).map_err(|e| (file.to_owned(), e))? {
            created.lock().unwrap_or_else(|e| e.into_inner()).push(path);
        }
        Ok(Written { bytes: bytes.len(), checksum: store::header_checksum(&bytes), sha256: format!("{:x}", Sha256::digest(&bytes)) })
    };
    let built = store::build_shards_with(source, write);
    let finished = built
        .map_err(|e| match e {
            store::BuildShardsError::Read(e) => CliError::Failed(format!("{dir} not written: {e}")),
            store::BuildShardsError::Keep((file, e)) => cannot_write(dir, &file, e),
        })
        .and_then(|set| finish_shards(dir, set, &created));
    if finished.is_err() {
        for path in created.into_inner().unwrap_or_else(|e| e.into_inner()) {
            let _ = std::fs::remove_file(path);
        }
    }
    finished
}

/// Checks that the manifest of `set` reads back and lists the shards as written, then writes
/// the unit summaries (noting those it creates in `created`), shards.json and the manifest, and
/// removes shards no longer listed.
fn finish_shards(dir: &str, set: ShardSet<Written>, created: &std::sync::Mutex<Vec<std::path::PathBuf>>) -> Result<(), CliError> {
    let manifest = store::decode_manifest(&set.manifest)
        .map_err(|e| CliError::Failed(format!("{dir} not written: the manifest does not read back ({e}); please report this")))?;
    for (entry, (_, written)) in manifest.shards.iter().zip(&set.shards) {
        if written.bytes != entry.bytes || written.checksum != Some(entry.checksum) {
            return Err(CliError::Failed(format!(
                "{dir} not written: shard {} is not the one the manifest lists; please report this",
                entry.file
            )));
        }
    }
    for (i, (_, bytes)) in set.summaries.iter().enumerate() {
        store::decode_summary(&manifest.summaries, manifest.places.len(), i, bytes)
            .map_err(|e| CliError::Failed(format!("{dir} not written: a unit summary does not read back ({e}); please report this")))?;
    }
    let dir_path = Path::new(dir);
    for (file, bytes) in &set.summaries {
        let path = dir_path.join(file);
        if write_shard(&path, bytes).map_err(|e| cannot_write(dir, file, e))? {
            created.lock().unwrap_or_else(|e| e.into_inner()).push(path);
        }
    }
    let listing =
        shard_listing(&set, &manifest.version).map_err(|e| CliError::Failed(format!("{dir} not written: {e}; please report this")))?;
    write_atomically(&dir_path.join("shards.json"), listing.as_bytes()).map_err(|e| cannot_write(dir, "shards.json", e))?;
    write_atomically(&dir_path.join("manifest.bin"), &set.manifest).map_err(|e| cannot_write(dir, "manifest.bin", e))?;
    let current: std::collections::HashSet<&str> =
        set.shards.iter().map(|(f, _)| f.as_str()).chain(set.summaries.iter().map(|(f, _)| f.as_str())).collect();
    if let Ok(entries) = std::fs::read_dir(dir_path) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if store::is_shard_file_name(&name) && !current.contains(name.as_str()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let total: usize = set.shards.iter().map(|(_, w)| w.bytes).sum();
    let largest = set.shards.iter().map(|(_, w)| w.bytes).max().unwrap_or(0);
    let measures: usize = manifest.shards.iter().map(|s| s.measures).sum();
    eprintln!(
        "{dir}/manifest.bin: {} place(s), {} shard(s), {measures} measures; manifest {} bytes, shards {total} bytes (largest {largest}), {} unit summary file(s) {} bytes, data version {}",
        manifest.places.len(),
        manifest.shards.len(),
        set.manifest.len(),
        set.summaries.len(),
        set.summaries.iter().map(|(_, b)| b.len()).sum::<usize>(),
        manifest.version
    );
    Ok(())
}

/// A file of a sharded build that could not be written.
fn cannot_write(dir: &str, file: &str, e: std::io::Error) -> CliError {
    CliError::Failed(format!("cannot write {dir}/{file} ({e}): check the folder is writable; the previous build is left in place"))
}

/// shards.json: `{version, shards: [{file, bytes, sha256}]}`, the unit summary files listed as
/// shards. The service worker (www/sw.js)
/// caches a shard only if it matches its entry, checked with the browser's own SHA-256, and
/// prunes cached shards no listing names; it never parses the binary manifest.
fn shard_listing(set: &ShardSet<Written>, version: &str) -> serde_json::Result<String> {
    #[derive(serde::Serialize)]
    struct Entry<'a> {
        file: &'a str,
        bytes: usize,
        sha256: String,
    }
    #[derive(serde::Serialize)]
    struct Listing<'a> {
        version: &'a str,
        shards: Vec<Entry<'a>>,
    }
    let shards = set
        .shards
        .iter()
        .map(|(file, w)| Entry { file, bytes: w.bytes, sha256: w.sha256.clone() })
        .chain(set.summaries.iter().map(|(file, bytes)| Entry { file, bytes: bytes.len(), sha256: format!("{:x}", Sha256::digest(bytes)) }))
        .collect();
    serde_json::to_string(&Listing { version, shards })
}

/// Writes a shard. Its name carries its checksum, so a file of that name and size already holds
/// these bytes and is left alone (a reader of the build before may be reading it); a new name
/// is referenced by no manifest until this build's is written, last, so it is written in place
/// (a temporary file and a rename per shard cost a province build seconds).
/// Returns whether it created the file.
fn write_shard(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64) {
        return Ok(false);
    }
    std::fs::write(path, bytes)?;
    Ok(true)
}

/// Writes a temporary file beside `path`, then renames it over `path`:
/// readers never see a half-written file, and a failed write leaves the old one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
