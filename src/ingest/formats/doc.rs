//! Word 97-2003 .doc (and Kingsoft WPS files in the same container) -> text: the main document's
//! characters through the piece table, one line per paragraph, and table cells one per line, as
//! the .docx reader gives them. The OLE compound file is read by the `cfb` crate; the Word
//! binary format inside it ([MS-DOC]: the FIB, the CLX and its piece table) is read here: no
//! maintained crate extracts .doc text, and the part needed is a few fixed offsets.

use crate::ingest::IngestError;
use std::io::Read;

fn not_doc(why: impl std::fmt::Display) -> IngestError {
    IngestError::Format(format!(
        "a Word 97-2003 (.doc / WPS) file that cannot be read ({why}); open it in Word or WPS and save it as .docx"
    ))
}

/// Is this an OLE compound file (.doc, .xls, .wps, .et)?
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// The streams an OLE file holds at its root, read whole (each at most the document's size).
struct Ole {
    file: cfb::CompoundFile<std::io::Cursor<Vec<u8>>>,
}

impl Ole {
    fn open(bytes: &[u8]) -> Result<Ole, String> {
        cfb::CompoundFile::open(std::io::Cursor::new(bytes.to_vec()))
            .map(|file| Ole { file })
            .map_err(|e| format!("its container is damaged: {e}"))
    }

    fn has(&self, name: &str) -> bool {
        self.file.is_stream(name)
    }

    fn stream(&mut self, name: &str) -> Result<Vec<u8>, String> {
        let mut s = self.file.open_stream(name).map_err(|_| format!("it has no {name} stream"))?;
        let mut out = Vec::new();
        s.read_to_end(&mut out).map_err(|e| format!("its {name} stream is damaged: {e}"))?;
        Ok(out)
    }
}

/// The `Workbook` (or older `Book`) stream of an Excel 97-2003 workbook.
pub fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut ole = Ole::open(bytes)?;
    if ole.has("/Workbook") {
        ole.stream("/Workbook")
    } else {
        ole.stream("/Book")
    }
}

/// What kind of OLE file this is, by its streams.
pub enum OleKind {
    Word,
    Excel,
    Other,
}

/// What kind of OLE file this is, or why its container cannot be read.
pub fn ole_kind(bytes: &[u8]) -> Result<OleKind, String> {
    let ole = Ole::open(bytes)?;
    Ok(if ole.has("/WordDocument") {
        OleKind::Word
    } else if ole.has("/Workbook") || ole.has("/Book") {
        OleKind::Excel
    } else {
        OleKind::Other
    })
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The text of a .doc: the main document (the first `ccpText` characters), paragraphs and table
/// cells on lines of their own; field codes dropped, field results kept.
pub fn doc_to_text(bytes: &[u8]) -> Result<String, IngestError> {
    let mut ole = Ole::open(bytes).map_err(not_doc)?;
    let word = ole.stream("/WordDocument").map_err(not_doc)?;
    let bad = || not_doc("its document header is damaged");
    if u16_at(&word, 0) != Some(0xA5EC) {
        return Err(not_doc("it is not a Word 97 or later document"));
    }
    let flags = u16_at(&word, 0x0A).ok_or_else(bad)?;
    if flags & 0x0100 != 0 {
        return Err(not_doc("it is encrypted (password-protected)"));
    }
    let table_name = if flags & 0x0200 != 0 { "/1Table" } else { "/0Table" };
    let table = ole.stream(table_name).map_err(not_doc)?;
    // FibBase (32 bytes), then the counted arrays: FibRgW, FibRgLw (ccpText is its 4th
    // field), FibRgFcLcb (fcClx/lcbClx is its 34th pair).
    let csw = u16_at(&word, 32).ok_or_else(bad)? as usize;
    let rglw = 34 + csw * 2;
    let cslw = u16_at(&word, rglw).ok_or_else(bad)? as usize;
    let ccp_text = u32_at(&word, rglw + 2 + 3 * 4).ok_or_else(bad)? as usize;
    let fclcb = rglw + 2 + cslw * 4 + 2;
    let fc_clx = u32_at(&word, fclcb + 33 * 8).ok_or_else(bad)? as usize;
    let lcb_clx = u32_at(&word, fclcb + 33 * 8 + 4).ok_or_else(bad)? as usize;
    let clx = table.get(fc_clx..fc_clx.checked_add(lcb_clx).ok_or_else(bad)?).ok_or_else(|| not_doc("its piece table is damaged"))?;
    let pieces = piece_table(clx).ok_or_else(|| not_doc("its piece table is damaged"))?;
    let mut chars: Vec<char> = Vec::new();
    for (cp_start, cp_end, fc, compressed) in pieces {
        if cp_start >= ccp_text {
            break;
        }
        let n = cp_end.min(ccp_text).saturating_sub(cp_start);
        if compressed {
            let from = fc / 2;
            let bytes = word.get(from..from + n).ok_or_else(|| not_doc("its text is cut short"))?;
            chars.extend(bytes.iter().map(|&b| cp1252(b)));
        } else {
            let bytes = word.get(fc..fc + 2 * n).ok_or_else(|| not_doc("its text is cut short"))?;
            let units = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]));
            chars.extend(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')));
        }
    }
    if chars.iter().all(|c| c.is_whitespace() || (*c as u32) < 0x20) {
        return Err(not_doc("it holds no text"));
    }
    Ok(plain_text(&chars))
}

/// The pieces of the CLX: (first CP, end CP, byte offset in WordDocument, 8-bit text).
fn piece_table(clx: &[u8]) -> Option<Vec<(usize, usize, usize, bool)>> {
    let mut at = 0;
    // Prc entries (formatting) come first: 0x01, a u16 size, that many bytes.
    while clx.get(at) == Some(&0x01) {
        at += 3 + u16_at(clx, at + 1)? as usize;
    }
    if clx.get(at) != Some(&0x02) {
        return None;
    }
    let lcb = u32_at(clx, at + 1)? as usize;
    let plc = clx.get(at + 5..at + 5 + lcb)?;
    // (n + 1) CPs of 4 bytes, then n piece descriptors of 8 bytes.
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return None;
    }
    let n = (lcb - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (start, end) = (u32_at(plc, i * 4)? as usize, u32_at(plc, i * 4 + 4)? as usize);
        let fc_raw = u32_at(plc, (n + 1) * 4 + i * 8 + 2)?;
        let compressed = fc_raw & 0x4000_0000 != 0;
        out.push((start, end.max(start), (fc_raw & 0x3FFF_FFFF) as usize, compressed));
    }
    Some(out)
}

/// Word's control characters as text: paragraph marks and cell marks end lines, field codes
/// (between 0x13 and 0x14) are dropped, field results (0x14..0x15) kept, objects dropped.
fn plain_text(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    let mut field_depth_code: Vec<bool> = Vec::new(); // per open field: still in its code part
    for &c in chars {
        match c {
            '\u{13}' => field_depth_code.push(true),
            '\u{14}' => {
                if let Some(top) = field_depth_code.last_mut() {
                    *top = false;
                }
            }
            '\u{15}' => {
                field_depth_code.pop();
            }
            _ if field_depth_code.last() == Some(&true) => {}
            '\r' | '\u{07}' | '\u{0B}' | '\u{0C}' => out.push('\n'),
            '\t' => out.push('\t'),
            '\u{1E}' => out.push('-'),
            '\u{A0}' => out.push(' '),
            c if (c as u32) < 0x20 => {} // objects, footnote marks, soft hyphens
            c => out.push(c),
        }
    }
    out
}

/// Windows-1252, which 8-bit pieces of a .doc are in.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•',
        '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters() {
        let c: Vec<char> = "一、标题\r任务\u{13} HYPERLINK x \u{14}链接\u{15}。\u{07}区司法局\u{07}\u{07}".chars().collect();
        assert_eq!(plain_text(&c), "一、标题\n任务链接。\n区司法局\n\n");
    }

    #[test]
    fn a_damaged_piece_table_is_refused() {
        assert!(piece_table(&[0x02, 0xFF, 0xFF, 0, 0]).is_none());
        assert!(piece_table(&[0x01, 0xFF, 0xFF]).is_none());
    }
}
