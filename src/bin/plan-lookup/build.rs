//! `plan-lookup build`: the data file, or a sharded build, written so that readers never see a
//! half-written file and a bad input never replaces a good build.

use crate::error::CliError;
use plan_lookup::store::{self, ShardSet};
use plan_lookup::Document;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// Writes one data file of `docs` to `out`.
pub fn data_file(out: &str, docs: &[Document]) -> Result<(), CliError> {
    let bytes = store::build_data_file(docs);
    let version = store::decode(&bytes)
        .map_err(|e| CliError::Failed(format!("{out} not written: the encoded data does not read back ({e}); please report this")))?
        .version;
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
    let set = store::build_shards(docs);
    let manifest = store::decode_manifest(&set.manifest)
        .map_err(|e| CliError::Failed(format!("{dir} not written: the manifest does not read back ({e}); please report this")))?;
    for (i, (_, bytes)) in set.shards.iter().enumerate() {
        store::decode_shard(&manifest, i, bytes)
            .map_err(|e| CliError::Failed(format!("{dir} not written: a shard does not read back ({e}); please report this")))?;
    }
    let dir_path = Path::new(dir);
    std::fs::create_dir_all(dir_path)
        .map_err(|e| CliError::Failed(format!("cannot create {dir} ({e}): check the path and permissions")))?;
    let cannot = |file: &str, e: std::io::Error| {
        CliError::Failed(format!("cannot write {dir}/{file} ({e}): check the folder is writable; the previous build is left in place"))
    };
    for (file, bytes) in &set.shards {
        write_atomically(&dir_path.join(file), bytes).map_err(|e| cannot(file, e))?;
    }
    let listing =
        shard_listing(&set, &manifest.version).map_err(|e| CliError::Failed(format!("{dir} not written: {e}; please report this")))?;
    write_atomically(&dir_path.join("shards.json"), listing.as_bytes()).map_err(|e| cannot("shards.json", e))?;
    write_atomically(&dir_path.join("manifest.bin"), &set.manifest).map_err(|e| cannot("manifest.bin", e))?;
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
    Ok(())
}

/// shards.json: `{version, shards: [{file, bytes, sha256}]}`. The service worker (www/sw.js)
/// caches a shard only if it matches its entry, checked with the browser's own SHA-256, and
/// prunes cached shards no listing names; it never parses the binary manifest.
fn shard_listing(set: &ShardSet, version: &str) -> serde_json::Result<String> {
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
    let shards =
        set.shards.iter().map(|(file, bytes)| Entry { file, bytes: bytes.len(), sha256: format!("{:x}", Sha256::digest(bytes)) }).collect();
    serde_json::to_string(&Listing { version, shards })
}

/// Writes a temporary file beside `path`, then renames it over `path`:
/// readers never see a half-written file, and a failed write leaves the old one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
