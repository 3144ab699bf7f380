//! .docx (Office Open XML) -> text: the paragraphs of `word/document.xml`, one per line, so a
//! plan saved from Word gives the same lines as the same plan saved as text. Table cells are
//! paragraphs too, so a division-of-labour table reads as the flattened rows plain text has.
//!
//! Only one member of the archive is needed, so the ZIP container is read here directly (end
//! of central directory -> central directory entry -> local header -> stored or deflated
//! data), inflated by `miniz_oxide` and parsed by `quick-xml`'s streaming reader: pure Rust,
//! so the browser build reads .docx too. The `zip` crate did the same job but added ~80 KB
//! gzipped to the wasm; this adds ~16 KB. No recursion; memory bounded by
//! [`MAX_XML_BYTES`].

use super::IngestError;
use quick_xml::events::Event;

/// The largest `word/document.xml` read, uncompressed. Markup is several times the size of
/// its text, but a plan's is far below this; a larger one is refused rather than inflated
/// without bound (a "zip bomb").
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Is this a ZIP archive (the container of .docx)?
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn not_docx(why: impl std::fmt::Display) -> IngestError {
    IngestError::Binary(format!("a ZIP archive that is not a readable Word .docx document ({why}); save the plan as .docx, text or HTML"))
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

/// The uncompressed bytes of the member `name` of a ZIP archive (stored or deflated; ZIP64
/// and encryption, which Word does not use for a plan, are refused with a message).
fn zip_member(zip: &[u8], name: &str) -> Result<Vec<u8>, IngestError> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let damaged = || not_docx("the archive is damaged or incomplete");
    // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end.
    let from = zip.len().saturating_sub(22 + 0xFFFF);
    let eocd = (from..zip.len().saturating_sub(21)).rev().find(|&i| zip[i..].starts_with(EOCD)).ok_or_else(damaged)?;
    let entries = u16_at(zip, eocd + 10).ok_or_else(damaged)?;
    let mut at = u32_at(zip, eocd + 16).ok_or_else(damaged)?;
    for _ in 0..entries {
        if zip.get(at..at + 4) != Some(b"PK\x01\x02") {
            return Err(damaged());
        }
        let (flags, method) = (u16_at(zip, at + 8).ok_or_else(damaged)?, u16_at(zip, at + 10).ok_or_else(damaged)?);
        let packed = u32_at(zip, at + 20).ok_or_else(damaged)?;
        let name_len = u16_at(zip, at + 28).ok_or_else(damaged)?;
        let extra_len = u16_at(zip, at + 30).ok_or_else(damaged)? + u16_at(zip, at + 32).ok_or_else(damaged)?;
        let local = u32_at(zip, at + 42).ok_or_else(damaged)?;
        let entry_name = zip.get(at + 46..at + 46 + name_len).ok_or_else(damaged)?;
        at += 46 + name_len + extra_len;
        if entry_name != name.as_bytes() {
            continue;
        }
        if flags & 1 != 0 {
            return Err(not_docx("it is encrypted"));
        }
        if zip.get(local..local + 4) != Some(b"PK\x03\x04") {
            return Err(damaged());
        }
        let start = local + 30 + u16_at(zip, local + 26).ok_or_else(damaged)? + u16_at(zip, local + 28).ok_or_else(damaged)?;
        let data = zip.get(start..start.checked_add(packed).ok_or_else(damaged)?).ok_or_else(damaged)?;
        let limit = MAX_XML_BYTES as usize;
        return match method {
            0 if data.len() <= limit => Ok(data.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    not_docx(format!("its {name} is larger than {} MiB", MAX_XML_BYTES >> 20))
                }
                _ => damaged(),
            }),
            0 => Err(not_docx(format!("its {name} is larger than {} MiB", MAX_XML_BYTES >> 20))),
            m => Err(not_docx(format!("{name} uses compression method {m}, not deflate"))),
        };
    }
    Err(not_docx(format!("it has no {name}")))
}

/// The text of a .docx: one line per paragraph (`<w:p>`), `<w:tab/>` as a tab, `<w:br/>` as a
/// line break. Deleted text (`<w:delText>`, tracked changes) and field codes are not text.
pub fn docx_to_text(bytes: &[u8]) -> Result<String, IngestError> {
    let xml = zip_member(bytes, "word/document.xml")?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => in_text = e.name().as_ref() == b"w:t",
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:tab" => out.push('\t'),
                b"w:br" | b"w:cr" => out.push('\n'),
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => out.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let raw = std::str::from_utf8(t.as_ref()).map_err(|_| not_docx("its text is not UTF-8"))?;
                let text = quick_xml::escape::unescape(raw).map_err(|e| not_docx(format!("bad XML entity: {e}")))?;
                out.push_str(&text);
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                let name = std::str::from_utf8(r.as_ref()).map_err(|_| not_docx("its text is not UTF-8"))?;
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => quick_xml::escape::resolve_predefined_entity(name).and_then(|s| s.chars().next()),
                };
                out.extend(c);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(not_docx(format!("bad XML at byte {}: {e}", reader.buffer_position()))),
        }
    }
    Ok(out)
}
