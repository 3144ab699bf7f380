//! The ZIP container of .docx, .xlsx and OpenDocument files, read directly (end of central
//! directory -> central directory entries -> local header -> stored or deflated data), inflated
//! by `miniz_oxide`: pure Rust, so the browser build reads them too. The `zip` crate did the same
//! job but added ~80 KB gzipped to the wasm; this adds a few KB. Memory is bounded by
//! [`MAX_MEMBER_BYTES`] per member (a "zip bomb" is refused, not inflated).

/// The largest member read, uncompressed. Markup is several times the size of its text, but a
/// plan's is far below this.
pub const MAX_MEMBER_BYTES: u64 = 64 * 1024 * 1024;

/// Is this a ZIP archive?
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

/// Offsets and sizes of 2 GiB or more (and ZIP64's 0xFFFFFFFF markers) cannot belong to a
/// document under the size limit; refusing them keeps offset sums from overflowing on wasm32.
fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let v = u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?);
    (v < 1 << 31).then_some(v as usize)
}

/// One central-directory entry.
struct Entry<'a> {
    name: &'a [u8],
    flags: usize,
    method: usize,
    packed: usize,
    local: usize,
}

const DAMAGED: &str = "the archive is damaged or incomplete";

/// Every entry of the central directory, in order.
fn entries(zip: &[u8]) -> Result<Vec<Entry<'_>>, String> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let damaged = || DAMAGED.to_string();
    // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end.
    let from = zip.len().saturating_sub(22 + 0xFFFF);
    let eocd = (from..zip.len().saturating_sub(21)).rev().find(|&i| zip[i..].starts_with(EOCD)).ok_or_else(damaged)?;
    let count = u16_at(zip, eocd + 10).ok_or_else(damaged)?;
    let mut at = u32_at(zip, eocd + 16).ok_or_else(damaged)?;
    let mut out = Vec::with_capacity(count.min(4096));
    for _ in 0..count {
        if zip.get(at..at + 4) != Some(b"PK\x01\x02") {
            return Err(damaged());
        }
        let name_len = u16_at(zip, at + 28).ok_or_else(damaged)?;
        let extra_len = u16_at(zip, at + 30).ok_or_else(damaged)? + u16_at(zip, at + 32).ok_or_else(damaged)?;
        out.push(Entry {
            flags: u16_at(zip, at + 8).ok_or_else(damaged)?,
            method: u16_at(zip, at + 10).ok_or_else(damaged)?,
            packed: u32_at(zip, at + 20).ok_or_else(damaged)?,
            local: u32_at(zip, at + 42).ok_or_else(damaged)?,
            name: zip.get(at + 46..at + 46 + name_len).ok_or_else(damaged)?,
        });
        at += 46 + name_len + extra_len;
    }
    Ok(out)
}

/// Whether the archive's directory can be read (else why not).
pub fn check(zip: &[u8]) -> Result<(), String> {
    entries(zip).map(|_| ())
}

/// Whether the archive has a member called `name`.
pub fn has_member(zip: &[u8], name: &str) -> bool {
    entries(zip).is_ok_and(|es| es.iter().any(|e| e.name == name.as_bytes()))
}

/// The uncompressed bytes of the member `name` (stored or deflated; ZIP64 and encryption,
/// which office suites do not use for a plan, are refused). The error says why, in words.
pub fn zip_member(zip: &[u8], name: &str) -> Result<Vec<u8>, String> {
    let entry = entries(zip)?.into_iter().find(|e| e.name == name.as_bytes()).ok_or_else(|| format!("it has no {name}"))?;
    let damaged = || DAMAGED.to_string();
    if entry.flags & 1 != 0 {
        return Err("it is encrypted (password-protected)".to_string());
    }
    let local = entry.local;
    if zip.get(local..local + 4) != Some(b"PK\x03\x04") {
        return Err(damaged());
    }
    let start = local + 30 + u16_at(zip, local + 26).ok_or_else(damaged)? + u16_at(zip, local + 28).ok_or_else(damaged)?;
    let data = zip.get(start..start.checked_add(entry.packed).ok_or_else(damaged)?).ok_or_else(damaged)?;
    let limit = MAX_MEMBER_BYTES as usize;
    let too_large = || format!("its {name} is larger than {} MiB", MAX_MEMBER_BYTES >> 20);
    match entry.method {
        0 if data.len() <= limit => Ok(data.to_vec()),
        8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => too_large(),
            _ => damaged(),
        }),
        0 => Err(too_large()),
        m => Err(format!("{name} uses compression method {m}, not deflate")),
    }
}
