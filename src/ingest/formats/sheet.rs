//! Spreadsheets (.xlsx, .ods, .xls) -> text: every sheet's rows, one line per row, cells separated
//! by tabs, so a division-of-labour table reads as the tab-separated rows the table reader
//! knows (its columns typed by their headers: 序号 / 任务 / 牵头单位 / 责任单位 …). A row with one
//! filled cell (a title between tables) is a line of its own. A merged cell's value fills every
//! cell it covers (a 牵头单位 merged down three rows leads all three). Line breaks inside a cell
//! are joined, as a wrapped line of text is.
//!
//! Written by hand over the ZIP and XML readers the .docx reader already uses: calamine reads
//! these formats well but brings the `zip` crate (~80 KB gzipped in the wasm) for what is here
//! two small XML walks and, for .xls, the handful of BIFF8 records a table of text needs.

use super::xml::{attr, event_text};
use super::zip::{has_member, zip_member};
use crate::ingest::IngestError;
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// The most cells a sheet may fill: far above any plan's table, and a bound on memory for a
/// sheet that claims millions of repeated or merged cells.
const MAX_CELLS: usize = 1_000_000;

fn not_sheet(kind: &str, why: impl std::fmt::Display) -> IngestError {
    IngestError::Format(format!(
        "a {kind} workbook that cannot be read ({why}); open it in a spreadsheet program and save it again as .xlsx"
    ))
}

/// One sheet's cells: row -> column -> text, and merged regions (top, left, bottom, right).
#[derive(Default)]
struct Grid {
    cells: BTreeMap<usize, BTreeMap<usize, String>>,
    merges: Vec<(usize, usize, usize, usize)>,
    count: usize,
}

impl Grid {
    fn set(&mut self, row: usize, col: usize, text: String) -> Result<(), String> {
        if text.trim().is_empty() {
            return Ok(());
        }
        self.count += 1;
        if self.count > MAX_CELLS {
            return Err(format!("a sheet has more than {MAX_CELLS} filled cells"));
        }
        self.cells.entry(row).or_default().insert(col, text);
        Ok(())
    }

    /// The rows as lines: merged regions filled from their first cell, cells joined by tabs.
    fn render(mut self, out: &mut String) -> Result<(), String> {
        for (top, left, bottom, right) in std::mem::take(&mut self.merges) {
            let Some(v) = self.cells.get(&top).and_then(|r| r.get(&left)).cloned() else { continue };
            if (bottom - top + 1).saturating_mul(right - left + 1) > MAX_CELLS {
                return Err("a merged region is too large".to_string());
            }
            for r in top..=bottom {
                for c in left..=right {
                    if (r, c) != (top, left) {
                        self.set(r, c, v.clone())?;
                    }
                }
            }
        }
        for row in self.cells.values() {
            let last = row.keys().next_back().copied().unwrap_or(0);
            let cells: Vec<String> = (0..=last).map(|c| row.get(&c).map(|t| one_line(t)).unwrap_or_default()).collect();
            let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
            match filled.as_slice() {
                [only] => out.push_str(only),
                _ => out.push_str(&cells.join("\t")),
            }
            out.push('\n');
        }
        out.push('\n');
        Ok(())
    }
}

/// A cell's text on one line: line breaks joined (without a space between Chinese characters),
/// tabs as spaces.
fn one_line(t: &str) -> String {
    let mut out = String::new();
    for (i, part) in t.split(['\n', '\r']).map(str::trim).filter(|p| !p.is_empty()).enumerate() {
        let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
        if i > 0 && !(wide(out.chars().last()) || wide(part.chars().next())) {
            out.push(' ');
        }
        out.push_str(part);
    }
    out.replace('\t', " ")
}

/// "AB12" -> (row 11, column 27), zero-based.
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].bytes().fold(0usize, |a, b| a * 26 + (b.to_ascii_uppercase() - b'A' + 1) as usize) - 1;
    let row: usize = r[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

// ---- .xlsx -----------------------------------------------------------------------------------

/// Is this ZIP archive an Excel workbook?
pub fn is_xlsx(zip: &[u8]) -> bool {
    has_member(zip, "xl/workbook.xml")
}

/// The text of every sheet of an .xlsx workbook, in workbook order.
pub fn xlsx_to_text(bytes: &[u8]) -> Result<String, IngestError> {
    let fail = |why: String| not_sheet("Excel .xlsx", why);
    let strings = match zip_member(bytes, "xl/sharedStrings.xml") {
        Ok(xml) => shared_strings(&xml).map_err(fail)?,
        Err(_) => Vec::new(),
    };
    let mut out = String::new();
    for path in sheet_paths(bytes).map_err(fail)? {
        let xml = zip_member(bytes, &path).map_err(fail)?;
        xlsx_sheet(&xml, &strings).map_err(fail)?.render(&mut out).map_err(fail)?;
    }
    Ok(out)
}

/// The members holding the sheets, in workbook order (workbook.xml's sheets, resolved through
/// its relationships).
fn sheet_paths(bytes: &[u8]) -> Result<Vec<String>, String> {
    let rels = zip_member(bytes, "xl/_rels/workbook.xml.rels")?;
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    let mut reader = quick_xml::Reader::from_reader(rels.as_slice());
    loop {
        match reader.read_event().map_err(|e| format!("bad XML in its relationships: {e}"))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    let path = match target.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("xl/{target}"),
                    };
                    targets.insert(id, path);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let workbook = zip_member(bytes, "xl/workbook.xml")?;
    let mut reader = quick_xml::Reader::from_reader(workbook.as_slice());
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|e| format!("bad XML in its workbook: {e}"))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                if let Some(path) = attr(&e, b"r:id").and_then(|id| targets.get(&id)) {
                    out.push(path.clone());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if out.is_empty() {
        return Err("it has no sheets".to_string());
    }
    Ok(out)
}

/// The shared strings: each `<si>`'s text, rich-text runs joined, phonetic guides left out.
fn shared_strings(xml: &[u8]) -> Result<Vec<String>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let (mut out, mut cur, mut in_t, mut in_phonetic) = (Vec::new(), String::new(), false, false);
    loop {
        let ev = reader.read_event().map_err(|e| format!("bad XML in its shared strings: {e}"))?;
        match &ev {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_t = true,
                b"rPh" => in_phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_t = false,
                b"rPh" => in_phonetic = false,
                b"si" => out.push(std::mem::take(&mut cur)),
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Event::Eof => break,
            _ if in_t && !in_phonetic => cur.push_str(&event_text(&ev)?.unwrap_or_default()),
            _ => {}
        }
    }
    Ok(out)
}

/// One worksheet's cells and merged regions.
fn xlsx_sheet(xml: &[u8], strings: &[String]) -> Result<Grid, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut grid = Grid::default();
    let (mut row, mut next_col) = (0usize, 0usize);
    let mut cell: Option<(usize, String)> = None; // column, type
    let (mut value, mut in_value) = (String::new(), false);
    loop {
        let ev = reader.read_event().map_err(|e| format!("bad XML in a sheet: {e}"))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"row" => {
                    // Rows are numbered from 1 in the file; a row without its number follows the last.
                    row = attr(e, b"r").and_then(|r| r.parse::<usize>().ok()).and_then(|r| r.checked_sub(1)).unwrap_or(row + 1);
                    next_col = 0;
                }
                b"c" => {
                    let col = attr(e, b"r").and_then(|r| cell_ref(&r)).map_or(next_col, |(_, c)| c);
                    next_col = col + 1;
                    cell = Some((col, attr(e, b"t").unwrap_or_default()));
                    value.clear();
                }
                b"v" | b"t" => in_value = matches!(ev, Event::Start(_)),
                b"mergeCell" => {
                    if let Some((a, b)) = attr(e, b"ref").as_deref().and_then(|r| r.split_once(':')) {
                        if let (Some((t, l)), Some((bt, rt))) = (cell_ref(a), cell_ref(b)) {
                            grid.merges.push((t.min(bt), l.min(rt), t.max(bt), l.max(rt)));
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"v" | b"t" => in_value = false,
                b"c" => {
                    if let Some((col, kind)) = cell.take() {
                        let text = match kind.as_str() {
                            "s" => value.trim().parse::<usize>().ok().and_then(|i| strings.get(i)).cloned().unwrap_or_default(),
                            _ => std::mem::take(&mut value),
                        };
                        grid.set(row, col, text)?;
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ if in_value => value.push_str(&event_text(&ev)?.unwrap_or_default()),
            _ => {}
        }
    }
    Ok(grid)
}

// ---- .ods ------------------------------------------------------------------------------------

/// Is this ZIP archive an OpenDocument spreadsheet?
pub fn is_ods(zip: &[u8]) -> bool {
    zip_member(zip, "mimetype").is_ok_and(|m| m.starts_with(b"application/vnd.oasis.opendocument.spreadsheet"))
}

/// The text of every table of an .ods spreadsheet, in order.
pub fn ods_to_text(bytes: &[u8]) -> Result<String, IngestError> {
    let fail = |why: String| not_sheet("OpenDocument .ods", why);
    let xml = zip_member(bytes, "content.xml").map_err(fail)?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut out = String::new();
    let mut grid: Option<Grid> = None;
    let (mut row, mut col) = (0usize, 0usize);
    // The open cell: its column, how many columns it repeats, the rows and columns it spans.
    let mut cell: Option<(usize, usize, usize, usize)> = None;
    let (mut text, mut in_p, mut paragraphs) = (String::new(), false, 0usize);
    let mut row_repeat = 1usize;
    let mut row_cells: Vec<(usize, String)> = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| fail(format!("bad XML: {e}")))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.name().as_ref() {
                    b"table:table" => {
                        grid = Some(Grid::default());
                        row = 0;
                    }
                    b"table:table-row" => {
                        col = 0;
                        row_cells.clear();
                        row_repeat = attr(e, b"table:number-rows-repeated").and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
                        if empty {
                            row += row_repeat;
                        }
                    }
                    b"table:table-cell" | b"table:covered-table-cell" => {
                        let repeat = attr(e, b"table:number-columns-repeated").and_then(|n| n.parse().ok()).unwrap_or(1usize).max(1);
                        let rows = attr(e, b"table:number-rows-spanned").and_then(|n| n.parse().ok()).unwrap_or(1usize).max(1);
                        let cols = attr(e, b"table:number-columns-spanned").and_then(|n| n.parse().ok()).unwrap_or(1usize).max(1);
                        if empty || e.name().as_ref() == b"table:covered-table-cell" {
                            col = col.saturating_add(repeat);
                            cell = None;
                        } else {
                            cell = Some((col, repeat, rows, cols));
                            text.clear();
                            paragraphs = 0;
                        }
                    }
                    b"text:p" | b"text:h" if !empty => {
                        if paragraphs > 0 {
                            text.push('\n');
                        }
                        paragraphs += 1;
                        in_p = true;
                    }
                    b"text:s" => {
                        text.extend(std::iter::repeat_n(' ', attr(e, b"text:c").and_then(|n| n.parse().ok()).unwrap_or(1usize).min(64)))
                    }
                    b"text:tab" => text.push(' '),
                    b"text:line-break" => text.push('\n'),
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"text:p" | b"text:h" => in_p = false,
                b"table:table-cell" => {
                    if let Some((c, repeat, rows, cols)) = cell.take() {
                        if !text.trim().is_empty() {
                            // A filled cell repeated across columns is rare; a handful at most.
                            for k in 0..repeat.min(64) {
                                row_cells.push((c + k, text.clone()));
                            }
                            if rows > 1 || cols > 1 {
                                if let Some(g) = grid.as_mut() {
                                    g.merges.push((row, c, row + rows - 1, c + cols - 1));
                                }
                            }
                        }
                        col = c.saturating_add(repeat);
                    }
                }
                b"table:table-row" => {
                    if let Some(g) = grid.as_mut() {
                        // Filled rows repeat as often as they say (a few); empty ones only move on.
                        let times = if row_cells.is_empty() { 0 } else { row_repeat.min(64) };
                        for k in 0..times {
                            for (c, t) in &row_cells {
                                g.set(row + k, *c, t.clone()).map_err(fail)?;
                            }
                        }
                    }
                    row = row.saturating_add(row_repeat);
                }
                b"table:table" => {
                    if let Some(g) = grid.take() {
                        g.render(&mut out).map_err(fail)?;
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ if in_p && cell.is_some() => text.push_str(&event_text(&ev).map_err(fail)?.unwrap_or_default()),
            _ => {}
        }
    }
    Ok(out)
}

// ---- .xls (BIFF8) ------------------------------------------------------------------------------

/// A stream of BIFF records, one record's payload (and its CONTINUE records) read across their
/// boundaries, as strings in the shared-string table may be split between them.
struct Segments<'a> {
    segs: Vec<&'a [u8]>,
    seg: usize,
    pos: usize,
}

impl<'a> Segments<'a> {
    fn byte(&mut self) -> Option<u8> {
        while self.seg < self.segs.len() && self.pos >= self.segs[self.seg].len() {
            self.seg += 1;
            self.pos = 0;
        }
        let b = *self.segs.get(self.seg)?.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([self.byte()?, self.byte()?, self.byte()?, self.byte()?]))
    }
    fn skip(&mut self, n: usize) -> Option<()> {
        for _ in 0..n {
            self.byte()?;
        }
        Some(())
    }
    /// An XLUnicodeRichExtendedString: a continuation record restarts its characters with a
    /// fresh flag byte saying whether they are one or two bytes each.
    fn rich_string(&mut self) -> Option<String> {
        let cch = self.u16()? as usize;
        let flags = self.byte()?;
        let runs = if flags & 0x08 != 0 { self.u16()? as usize } else { 0 };
        let ext = if flags & 0x04 != 0 { self.u32()? as usize } else { 0 };
        let mut high = flags & 0x01 != 0;
        let mut units = Vec::with_capacity(cch.min(32_768));
        for _ in 0..cch {
            if self.pos >= self.segs.get(self.seg)?.len() {
                self.seg += 1;
                self.pos = 0;
                high = self.byte()? & 0x01 != 0;
            }
            units.push(if high { self.u16()? } else { self.byte()? as u16 });
        }
        self.skip(runs * 4)?;
        self.skip(ext)?;
        Some(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect())
    }
}

/// The records of a BIFF stream: (type, payload).
fn records(b: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let kind = u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?);
        let len = u16::from_le_bytes(b.get(at + 2..at + 4)?.try_into().ok()?) as usize;
        let data = b.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// An RK number (a compressed integer or float) as text.
fn rk(v: u32) -> String {
    let x = if v & 2 != 0 { ((v as i32) >> 2) as f64 } else { f64::from_bits(((v & 0xFFFF_FFFC) as u64) << 32) };
    let x = if v & 1 != 0 { x / 100.0 } else { x };
    number_text(x)
}

fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The text of every sheet of an Excel 97-2003 workbook (the BIFF8 `Workbook` stream).
pub fn xls_to_text(workbook: &[u8]) -> Result<String, IngestError> {
    let fail = |why: &str| not_sheet("Excel 97-2003 .xls", why);
    let all: Vec<(u16, &[u8])> = records(workbook).collect();
    if all.first().map(|r| r.0) != Some(0x0809) {
        return Err(fail("it is not a BIFF8 workbook (Excel 97 or later)"));
    }
    if all.iter().any(|r| r.0 == 0x002F) {
        return Err(fail("it is encrypted (password-protected)"));
    }
    // The shared strings: SST and the CONTINUE records after it.
    let mut strings = Vec::new();
    if let Some(i) = all.iter().position(|r| r.0 == 0x00FC) {
        let segs: Vec<&[u8]> = std::iter::once(all[i].1).chain(all[i + 1..].iter().take_while(|r| r.0 == 0x003C).map(|r| r.1)).collect();
        let mut s = Segments { segs, seg: 0, pos: 8 };
        let unique =
            u32::from_le_bytes(all[i].1.get(4..8).and_then(|b| b.try_into().ok()).ok_or_else(|| fail("its string table is damaged"))?);
        for _ in 0..unique.min(1_000_000) {
            match s.rich_string() {
                Some(t) => strings.push(t),
                None => break,
            }
        }
    }
    let mut out = String::new();
    let mut grid: Option<Grid> = None;
    // Substreams: BOF .. EOF, the first the workbook's globals, then one per sheet (a chart's
    // BOF nests inside a sheet's).
    let mut depth = 0usize;
    let u16_at = |d: &[u8], at: usize| d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    for &(kind, d) in &all {
        match kind {
            0x0809 => {
                depth += 1;
                // A worksheet substream (type 0x0010) at the top level gets a grid.
                if depth == 1 && u16_at(d, 2) == Some(0x0010) {
                    grid = Some(Grid::default());
                }
            }
            0x000A => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(g) = grid.take() {
                        g.render(&mut out).map_err(|e| fail(&e))?;
                    }
                }
            }
            _ if depth != 1 => {}
            _ => {
                let Some(g) = grid.as_mut() else { continue };
                let (Some(row), Some(col)) = (u16_at(d, 0), u16_at(d, 2)) else { continue };
                let text = match kind {
                    0x00FD => d.get(6..10).and_then(|b| strings.get(u32::from_le_bytes(b.try_into().ok()?) as usize)).cloned(),
                    0x0204 => {
                        let mut s = Segments { segs: vec![d], seg: 0, pos: 6 };
                        s.rich_string()
                    }
                    0x0203 => d.get(6..14).map(|b| number_text(f64::from_le_bytes(b.try_into().unwrap_or([0; 8])))),
                    0x027E => d.get(6..10).map(|b| rk(u32::from_le_bytes(b.try_into().unwrap_or([0; 4])))),
                    0x00BD => {
                        // MULRK: several RK cells of one row.
                        let n = d.len().saturating_sub(6) / 6;
                        for k in 0..n {
                            if let Some(b) = d.get(4 + k * 6 + 2..4 + k * 6 + 6) {
                                g.set(row, col + k, rk(u32::from_le_bytes(b.try_into().unwrap_or([0; 4])))).map_err(|e| fail(&e))?;
                            }
                        }
                        None
                    }
                    0x00E5 => {
                        let n = u16_at(d, 0).unwrap_or(0);
                        for k in 0..n {
                            let at = 2 + k * 8;
                            if let (Some(r1), Some(r2), Some(c1), Some(c2)) =
                                (u16_at(d, at), u16_at(d, at + 2), u16_at(d, at + 4), u16_at(d, at + 6))
                            {
                                g.merges.push((r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2)));
                            }
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(t) = text {
                    g.set(row, col, t).map_err(|e| fail(&e))?;
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("1"), None);
        assert_eq!(cell_ref("A0"), None);
    }

    #[test]
    fn merged_cells_fill_and_rows_become_lines() {
        let mut g = Grid::default();
        g.set(0, 0, "标题".into()).unwrap();
        g.set(1, 0, "1".into()).unwrap();
        g.set(1, 1, "任务一".into()).unwrap();
        g.set(1, 2, "区司法局".into()).unwrap();
        g.set(2, 0, "2".into()).unwrap();
        g.set(2, 1, "任务\n二".into()).unwrap();
        g.merges.push((1, 2, 2, 2));
        let mut out = String::new();
        g.render(&mut out).unwrap();
        assert_eq!(out, "标题\n1\t任务一\t区司法局\n2\t任务二\t区司法局\n\n");
    }
}
