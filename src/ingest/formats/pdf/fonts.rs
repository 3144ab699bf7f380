//! Fonts: how a shown string's bytes become text (ToUnicode, the GB CMaps) and how far each
//! glyph advances.

use super::document::Doc;
use super::syntax::{Obj, Parser};
use crate::ingest::formats::text::gb18030;
use std::collections::BTreeMap;

/// How a font's string bytes become text and advance.
#[derive(Default)]
pub(super) struct Font {
    /// Code length in bytes (2 for composite fonts with a two-byte CMap).
    pub(super) two_byte: bool,
    /// Code -> text, from the ToUnicode CMap.
    pub(super) to_unicode: BTreeMap<u32, String>,
    /// Codes are GBK bytes (GBK-EUC-H…), or Unicode (UniGB-UCS2-H…), when no ToUnicode.
    pub(super) gbk: bool,
    pub(super) ucs2: bool,
    /// Glyph widths by code (thousandths of the font size), and the default width.
    pub(super) widths: BTreeMap<u32, f64>,
    pub(super) default_width: f64,
    /// Whether codes can be mapped to text at all.
    pub(super) mapped: bool,
}

impl Font {
    pub(super) fn load(doc: &mut Doc, obj: &Obj) -> Font {
        let dict = doc.resolve(obj).clone();
        let mut font = Font { default_width: 1000.0, ..Font::default() };
        let subtype = dict.get(b"Subtype").and_then(Obj::name).unwrap_or(b"");
        let encoding = doc.resolve(dict.get(b"Encoding").unwrap_or(&Obj::Null)).clone();
        if subtype == b"Type0" {
            font.two_byte = true;
            if let Some(name) = encoding.name() {
                let n = String::from_utf8_lossy(name);
                font.ucs2 = n.starts_with("UniGB-UCS2")
                    || n.starts_with("UniGB-UTF16")
                    || n.starts_with("UniCNS-UCS2")
                    || n.starts_with("UniCNS-UTF16");
                font.gbk = n.starts_with("GBK") || n.starts_with("GB-") || n.starts_with("GBpc") || n.starts_with("GBT");
                if font.gbk {
                    font.two_byte = false; // mixed one- and two-byte codes, decoded as GBK text
                }
            }
            if let Obj::Arr(desc) = doc.get(&dict, b"DescendantFonts").clone() {
                if let Some(d) = desc.first() {
                    let d = doc.resolve(d).clone();
                    font.default_width = doc.get(&d, b"DW").num().unwrap_or(1000.0);
                    if let Obj::Arr(w) = doc.get(&d, b"W").clone() {
                        font.read_cid_widths(doc, &w);
                    }
                }
            }
        } else {
            let first = doc.get(&dict, b"FirstChar").num().unwrap_or(0.0) as u32;
            if let Obj::Arr(w) = doc.get(&dict, b"Widths").clone() {
                for (i, v) in w.iter().enumerate().take(256) {
                    if let Some(n) = doc.resolve(v).num() {
                        font.widths.insert(first + i as u32, n);
                    }
                }
            }
            font.default_width = 500.0;
        }
        if let Some(cmap) = dict.get(b"ToUnicode").cloned().and_then(|t| doc.stream_of(&t)) {
            font.to_unicode = parse_to_unicode(&cmap);
        }
        font.mapped = !font.to_unicode.is_empty() || font.ucs2 || font.gbk || !font.two_byte;
        font
    }

    pub(super) fn read_cid_widths(&mut self, doc: &Doc, w: &[Obj]) {
        let mut i = 0;
        while i < w.len() && self.widths.len() < 100_000 {
            let Some(c) = doc.resolve(&w[i]).num() else { break };
            match w.get(i + 1).map(|o| doc.resolve(o)) {
                Some(Obj::Arr(list)) => {
                    for (k, v) in list.iter().enumerate() {
                        if let Some(n) = doc.resolve(v).num() {
                            self.widths.insert(c as u32 + k as u32, n);
                        }
                    }
                    i += 2;
                }
                Some(Obj::Num(last)) => {
                    let width = w.get(i + 2).and_then(|o| doc.resolve(o).num()).unwrap_or(self.default_width);
                    let (c, last) = (c as u32, (*last as u32).min(c as u32 + 65_535));
                    for code in c..=last {
                        self.widths.insert(code, width);
                    }
                    i += 3;
                }
                _ => break,
            }
        }
    }

    /// A shown string as (code, text) pairs.
    pub(super) fn decode(&self, s: &[u8]) -> Vec<(u32, String)> {
        if self.gbk && self.to_unicode.is_empty() {
            // One run of GBK text; the codes only matter for widths, which GB fonts give by
            // default width.
            return vec![(0, gb18030(s))];
        }
        let codes: Vec<u32> = if self.two_byte {
            s.chunks(2).map(|c| (c[0] as u32) << 8 | *c.get(1).unwrap_or(&0) as u32).collect()
        } else {
            s.iter().map(|&b| b as u32).collect()
        };
        codes
            .into_iter()
            .map(|c| {
                let text = match self.to_unicode.get(&c) {
                    Some(t) => t.clone(),
                    None if self.ucs2 => char::from_u32(c).map(String::from).unwrap_or_default(),
                    None if !self.two_byte => latin(c as u8).map(String::from).unwrap_or_default(),
                    None => String::new(),
                };
                (c, text)
            })
            .collect()
    }

    pub(super) fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }
}

/// A simple font's byte as text (WinAnsi / standard encodings agree on ASCII).
pub(super) fn latin(b: u8) -> Option<char> {
    match b {
        0x20..=0x7E => Some(b as char),
        0xA0..=0xFF => Some(b as char),
        _ => None,
    }
}

/// A ToUnicode CMap: `beginbfchar` pairs and `beginbfrange` ranges, code -> UTF-16BE text.
pub(super) fn parse_to_unicode(cmap: &[u8]) -> BTreeMap<u32, String> {
    let utf16 = |b: &[u8]| -> String {
        let units: Vec<u16> = b.chunks(2).map(|c| (c[0] as u16) << 8 | *c.get(1).unwrap_or(&0) as u16).collect();
        char::decode_utf16(units).filter_map(Result::ok).collect()
    };
    let code = |b: &[u8]| b.iter().take(4).fold(0u32, |a, &x| a << 8 | x as u32);
    let mut out = BTreeMap::new();
    let mut p = Parser::new(cmap, 0);
    let mut mode = 0u8; // 1: bfchar, 2: bfrange
    let mut items: Vec<Obj> = Vec::new();
    while let Some(v) = p.value(0) {
        match &v {
            Obj::Op(op) if op == b"beginbfchar" => (mode, items) = (1, Vec::new()),
            Obj::Op(op) if op == b"beginbfrange" => (mode, items) = (2, Vec::new()),
            Obj::Op(op) if op == b"endbfchar" => {
                for pair in items.chunks(2) {
                    if let [Obj::Str(src), Obj::Str(dst)] = pair {
                        out.insert(code(src), utf16(dst));
                    }
                }
                mode = 0;
            }
            Obj::Op(op) if op == b"endbfrange" => {
                for triple in items.chunks(3) {
                    if let [Obj::Str(lo), Obj::Str(hi), dst] = triple {
                        let (lo, hi) = (code(lo), code(hi).min(code(lo) + 65_535));
                        for (k, c) in (lo..=hi).enumerate() {
                            let text = match dst {
                                Obj::Str(d) => {
                                    // The last UTF-16 unit counts up through the range.
                                    let mut d = d.clone();
                                    if let Some(last) = d.len().checked_sub(1) {
                                        let v = (d[last] as usize + k) as u8;
                                        d[last] = v;
                                    }
                                    utf16(&d)
                                }
                                Obj::Arr(a) => match a.get(k) {
                                    Some(Obj::Str(d)) => utf16(d),
                                    _ => continue,
                                },
                                _ => continue,
                            };
                            out.insert(c, text);
                        }
                    }
                }
                mode = 0;
            }
            _ if mode != 0 => items.push(v),
            _ => {}
        }
        if out.len() > 200_000 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_maps_chars_and_ranges() {
        let cmap = b"begincmap 2 beginbfchar <0001> <4E2D> <0002> <6587> endbfchar 1 beginbfrange <0010> <0012> <0041> endbfrange endcmap";
        let m = parse_to_unicode(cmap);
        assert_eq!(m[&1], "中");
        assert_eq!(m[&2], "文");
        assert_eq!(m[&0x12], "C");
    }
}
