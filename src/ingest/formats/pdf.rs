//! PDF with a text layer -> text: every page's text in reading order (lines top to bottom,
//! runs left to right), cells of a table line separated by tabs, page numbers and running
//! headers dropped. Lines that wrap are joined later, by the clean stage, as for any text.
//!
//! Characters come through each font's ToUnicode map, else the predefined Chinese CMaps the
//! font names (UniGB-UCS2-H / UniGB-UTF16-H: the codes are Unicode; GBK-EUC-H, GB-EUC-H…: the
//! codes are GBK). A PDF without a text layer (a scan) or whose fonts cannot be mapped gives a
//! message saying so, never garbage measures.
//!
//! Written by hand: lopdf and pdf-extract read PDFs well but bring encryption, random numbers,
//! brotli and encoding_rs's tables into the browser build (hundreds of KB); what a plan needs —
//! objects, Flate streams, object streams, ToUnicode CMaps, the text operators — is small. Every
//! loop is bounded by the input's size; nothing recurses on the input without a depth limit.

use super::text::gb18030;
use crate::ingest::outline::numbering;
use crate::ingest::unit_list::looks_like_unit_list;
use crate::ingest::IngestError;
use std::collections::BTreeMap;

/// The most bytes decompressed from one stream, and from all of them together.
const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// How deep arrays and dictionaries nest, and how deep the page tree goes.
const MAX_DEPTH: usize = 32;

fn not_pdf(why: impl std::fmt::Display) -> IngestError {
    IngestError::Format(format!("a PDF that cannot be read ({why})"))
}

/// Is this a PDF file?
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF")
}

// ---- objects -----------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Arr(Vec<Obj>),
    Dict(Vec<(Vec<u8>, Obj)>),
    Ref(u32),
    /// A keyword (an operator in a content stream).
    Op(Vec<u8>),
}

impl Obj {
    fn get(&self, key: &[u8]) -> Option<&Obj> {
        match self {
            Obj::Dict(d) => d.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    fn num(&self) -> Option<f64> {
        match self {
            Obj::Num(n) => Some(*n),
            _ => None,
        }
    }
    fn name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// A tokenizer and parser of PDF syntax over a byte slice.
struct Parser<'a> {
    b: &'a [u8],
    at: usize,
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

impl<'a> Parser<'a> {
    fn new(b: &'a [u8], at: usize) -> Parser<'a> {
        Parser { b, at }
    }

    fn skip_white(&mut self) {
        while self.at < self.b.len() {
            let c = self.b[self.at];
            if is_white(c) {
                self.at += 1;
            } else if c == b'%' {
                while self.at < self.b.len() && !matches!(self.b[self.at], b'\n' | b'\r') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.at < self.b.len() && !is_white(self.b[self.at]) && !is_delim(self.b[self.at]) {
            self.at += 1;
        }
        &self.b[start..self.at]
    }

    /// The next object, or `None` at the end or at a closing `]` / `>>`.
    fn value(&mut self, depth: usize) -> Option<Obj> {
        self.skip_white();
        let c = *self.b.get(self.at)?;
        match c {
            b'/' => {
                self.at += 1;
                let raw = self.regular();
                let mut name = Vec::with_capacity(raw.len());
                let mut i = 0;
                while i < raw.len() {
                    if raw[i] == b'#' && i + 2 < raw.len() + 1 {
                        if let Some(v) =
                            raw.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok())
                        {
                            name.push(v);
                            i += 3;
                            continue;
                        }
                    }
                    name.push(raw[i]);
                    i += 1;
                }
                Some(Obj::Name(name))
            }
            b'(' => Some(Obj::Str(self.literal())),
            b'<' if self.b.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                let mut d = Vec::new();
                loop {
                    self.skip_white();
                    if self.b.get(self.at..self.at + 2) == Some(b">>") {
                        self.at += 2;
                        break;
                    }
                    if depth >= MAX_DEPTH || self.at >= self.b.len() {
                        return Some(Obj::Dict(d));
                    }
                    match self.value(depth + 1) {
                        Some(Obj::Name(k)) => {
                            let v = self.value(depth + 1).unwrap_or(Obj::Null);
                            d.push((k, v));
                        }
                        Some(_) => {}
                        None => {
                            // A stray `]` or `>`: step over it.
                            self.at += 1;
                        }
                    }
                }
                Some(Obj::Dict(d))
            }
            b'<' => Some(Obj::Str(self.hex())),
            b'[' => {
                self.at += 1;
                let mut a = Vec::new();
                loop {
                    self.skip_white();
                    match self.b.get(self.at) {
                        None => break,
                        Some(b']') => {
                            self.at += 1;
                            break;
                        }
                        Some(b'>') => self.at += 1,
                        _ if depth >= MAX_DEPTH => return Some(Obj::Arr(a)),
                        _ => match self.value(depth + 1) {
                            Some(v) => a.push(v),
                            None => self.at += 1,
                        },
                    }
                }
                Some(Obj::Arr(a))
            }
            b']' | b'>' | b')' | b'{' | b'}' => None,
            _ => {
                let word = self.regular();
                if word.is_empty() {
                    self.at += 1;
                    return Some(Obj::Null);
                }
                if let Some(n) = std::str::from_utf8(word).ok().and_then(|w| w.parse::<f64>().ok()) {
                    // `12 0 R` is a reference.
                    let save = self.at;
                    if n.fract() == 0.0 && n >= 0.0 {
                        self.skip_white();
                        let gen = self.regular();
                        if !gen.is_empty() && gen.iter().all(u8::is_ascii_digit) {
                            self.skip_white();
                            if self.b.get(self.at) == Some(&b'R') && self.b.get(self.at + 1).is_none_or(|&c| is_white(c) || is_delim(c)) {
                                self.at += 1;
                                return Some(Obj::Ref(n as u32));
                            }
                        }
                    }
                    self.at = save;
                    return Some(Obj::Num(n));
                }
                Some(match word {
                    b"true" => Obj::Bool(true),
                    b"false" => Obj::Bool(false),
                    b"null" => Obj::Null,
                    _ => Obj::Op(word.to_vec()),
                })
            }
        }
    }

    fn literal(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while self.at < self.b.len() {
            let c = self.b[self.at];
            self.at += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.b.get(self.at) else { break };
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.b.get(self.at) == Some(&b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.b.get(self.at) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut digits = Vec::new();
        while self.at < self.b.len() && self.b[self.at] != b'>' {
            let c = self.b[self.at];
            if let Some(v) = (c as char).to_digit(16) {
                digits.push(v as u8);
            }
            self.at += 1;
        }
        self.at = (self.at + 1).min(self.b.len());
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect()
    }
}

/// Every object of the file by number (the last definition wins, as incremental updates
/// intend), streams with their raw data, found by scanning for `N G obj` rather than trusting
/// the cross-reference table, so a PDF whose table is broken still reads.
struct Doc<'a> {
    objects: BTreeMap<u32, Obj>,
    /// Stream data: object number -> decoded bytes (decoded on first use).
    streams: BTreeMap<u32, (Obj, &'a [u8])>,
    budget: usize,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

impl<'a> Doc<'a> {
    fn read(bytes: &'a [u8]) -> Doc<'a> {
        let mut doc = Doc { objects: BTreeMap::new(), streams: BTreeMap::new(), budget: MAX_STREAM_BYTES };
        let mut at = 0;
        while let Some(i) = find(bytes, b"obj", at) {
            at = i + 3;
            if bytes.get(i + 3).is_some_and(|&c| !is_white(c) && !is_delim(c)) {
                continue; // "objstm" or the like
            }
            // Walk back over "N G ".
            let mut j = i;
            let mut nums = [0u32; 2];
            let mut ok = true;
            for slot in (0..2).rev() {
                while j > 0 && is_white(bytes[j - 1]) {
                    j -= 1;
                }
                let end = j;
                while j > 0 && bytes[j - 1].is_ascii_digit() {
                    j -= 1;
                }
                match std::str::from_utf8(&bytes[j..end]).ok().and_then(|s| s.parse::<u32>().ok()) {
                    Some(n) if end > j => nums[slot] = n,
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok {
                continue;
            }
            let mut p = Parser::new(bytes, i + 3);
            let Some(value) = p.value(0) else { continue };
            p.skip_white();
            if bytes.get(p.at..).is_some_and(|rest| rest.starts_with(b"stream")) {
                let mut start = p.at + 6;
                if bytes.get(start) == Some(&b'\r') {
                    start += 1;
                }
                if bytes.get(start) == Some(&b'\n') {
                    start += 1;
                }
                let by_length = value.get(b"Length").and_then(Obj::num).map(|n| start + n as usize);
                let end = match by_length {
                    Some(e)
                        if bytes.get(e..).is_some_and(|rest| {
                            rest.iter().take(16).copied().collect::<Vec<u8>>().windows(9).any(|w| w == b"endstream")
                        }) =>
                    {
                        e
                    }
                    _ => find(bytes, b"endstream", start).unwrap_or(bytes.len()),
                };
                doc.streams.insert(nums[0], (value.clone(), &bytes[start..end.max(start)]));
                at = end.max(start);
            } else {
                at = p.at.max(at);
            }
            doc.objects.insert(nums[0], value);
        }
        doc.unpack_object_streams();
        doc
    }

    /// Objects stored inside object streams (PDF 1.5+): `/Type /ObjStm` with `/N` pairs of
    /// (number, offset) before `/First`.
    fn unpack_object_streams(&mut self) {
        let ids: Vec<u32> =
            self.streams.iter().filter(|(_, (d, _))| d.get(b"Type").and_then(Obj::name) == Some(b"ObjStm")).map(|(k, _)| *k).collect();
        for id in ids {
            let Some(data) = self.stream(id) else { continue };
            let dict = &self.streams[&id].0;
            let n = dict.get(b"N").and_then(Obj::num).unwrap_or(0.0) as usize;
            let first = dict.get(b"First").and_then(Obj::num).unwrap_or(0.0) as usize;
            let mut head = Parser::new(&data, 0);
            let mut pairs = Vec::new();
            for _ in 0..n.min(data.len()) {
                match (head.value(0), head.value(0)) {
                    (Some(Obj::Num(num)), Some(Obj::Num(off))) => pairs.push((num as u32, off as usize)),
                    _ => break,
                }
            }
            for (num, off) in pairs {
                // An object defined outside object streams is newer only if it came later;
                // keep a direct definition when both exist.
                if self.objects.contains_key(&num) {
                    continue;
                }
                if let Some(v) = Parser::new(&data, first.saturating_add(off)).value(0) {
                    self.objects.insert(num, v);
                }
            }
        }
    }

    fn resolve<'o>(&'o self, o: &'o Obj) -> &'o Obj {
        let mut o = o;
        for _ in 0..MAX_DEPTH {
            match o {
                Obj::Ref(n) => o = self.objects.get(n).unwrap_or(&Obj::Null),
                _ => return o,
            }
        }
        &Obj::Null
    }

    fn get<'o>(&'o self, o: &'o Obj, key: &[u8]) -> &'o Obj {
        self.resolve(self.resolve(o).get(key).unwrap_or(&Obj::Null))
    }

    /// A stream's data, decoded (FlateDecode, ASCIIHexDecode; none); `None` for other filters
    /// or when the budget of decompressed bytes is spent.
    fn stream(&mut self, id: u32) -> Option<Vec<u8>> {
        let (dict, raw) = self.streams.get(&id)?.clone();
        let filters: Vec<Vec<u8>> = match self.resolve(dict.get(b"Filter").unwrap_or(&Obj::Null)) {
            Obj::Name(n) => vec![n.clone()],
            Obj::Arr(a) => a.iter().filter_map(|f| self.resolve(f).name().map(<[u8]>::to_vec)).collect(),
            _ => Vec::new(),
        };
        let mut data = raw.to_vec();
        for f in filters {
            data = match f.as_slice() {
                b"FlateDecode" | b"Fl" => {
                    let out = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&data, self.budget.min(MAX_STREAM_BYTES))
                        .or_else(|e| if e.output.is_empty() { Err(()) } else { Ok(e.output) })
                        .ok()?;
                    self.budget = self.budget.saturating_sub(out.len());
                    out
                }
                b"ASCIIHexDecode" | b"AHx" => {
                    let mut p = Parser::new(&data, 0);
                    let mut wrapped = vec![b'<'];
                    wrapped.extend_from_slice(p.b);
                    p = Parser::new(&wrapped, 0);
                    p.hex()
                }
                _ => return None,
            };
        }
        Some(data)
    }

    fn stream_of(&mut self, o: &Obj) -> Option<Vec<u8>> {
        match o {
            Obj::Ref(n) => self.stream(*n),
            _ => None,
        }
    }

    /// The pages, in order, each with its content objects and its (inherited) resources.
    fn pages(&self) -> Vec<(Vec<Obj>, Obj)> {
        let root = self.objects.values().find(|o| o.get(b"Type").and_then(Obj::name) == Some(b"Catalog"));
        let mut out = Vec::new();
        if let Some(pages) = root.map(|r| self.get(r, b"Pages")) {
            self.walk_pages(pages, &Obj::Null, 0, &mut out);
        }
        if out.is_empty() {
            // No usable page tree: every page object, in object order.
            for o in self.objects.values().filter(|o| o.get(b"Type").and_then(Obj::name) == Some(b"Page")) {
                out.push((self.contents(o), self.get(o, b"Resources").clone()));
            }
        }
        out
    }

    fn contents(&self, page: &Obj) -> Vec<Obj> {
        match page.get(b"Contents") {
            Some(Obj::Arr(a)) => a.clone(),
            Some(r @ Obj::Ref(_)) => match self.resolve(r) {
                Obj::Arr(a) => a.clone(),
                _ => vec![r.clone()],
            },
            _ => Vec::new(),
        }
    }

    fn walk_pages(&self, node: &Obj, inherited: &Obj, depth: usize, out: &mut Vec<(Vec<Obj>, Obj)>) {
        if depth > MAX_DEPTH || out.len() > 100_000 {
            return;
        }
        let node = self.resolve(node);
        let resources = match self.get(node, b"Resources") {
            Obj::Null => inherited.clone(),
            r => r.clone(),
        };
        match node.get(b"Type").and_then(Obj::name) {
            Some(b"Page") => out.push((self.contents(node), resources)),
            _ => {
                if let Obj::Arr(kids) = self.get(node, b"Kids") {
                    for k in kids {
                        self.walk_pages(k, &resources, depth + 1, out);
                    }
                }
            }
        }
    }
}

// ---- fonts -------------------------------------------------------------------------------------

/// How a font's string bytes become text and advance.
#[derive(Default)]
struct Font {
    /// Code length in bytes (2 for composite fonts with a two-byte CMap).
    two_byte: bool,
    /// Code -> text, from the ToUnicode CMap.
    to_unicode: BTreeMap<u32, String>,
    /// Codes are GBK bytes (GBK-EUC-H…), or Unicode (UniGB-UCS2-H…), when no ToUnicode.
    gbk: bool,
    ucs2: bool,
    /// Glyph widths by code (thousandths of the font size), and the default width.
    widths: BTreeMap<u32, f64>,
    default_width: f64,
    /// Whether codes can be mapped to text at all.
    mapped: bool,
}

impl Font {
    fn load(doc: &mut Doc, obj: &Obj) -> Font {
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

    fn read_cid_widths(&mut self, doc: &Doc, w: &[Obj]) {
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
    fn decode(&self, s: &[u8]) -> Vec<(u32, String)> {
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

    fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }
}

/// A simple font's byte as text (WinAnsi / standard encodings agree on ASCII).
fn latin(b: u8) -> Option<char> {
    match b {
        0x20..=0x7E => Some(b as char),
        0xA0..=0xFF => Some(b as char),
        _ => None,
    }
}

/// A ToUnicode CMap: `beginbfchar` pairs and `beginbfrange` ranges, code -> UTF-16BE text.
fn parse_to_unicode(cmap: &[u8]) -> BTreeMap<u32, String> {
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

// ---- content streams -------------------------------------------------------------------------

/// A run of text shown at one place: its start and end x, its baseline y, its size.
#[derive(Debug, Clone)]
struct Run {
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    text: String,
}

type Matrix = [f64; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// The runs of one page's content.
/// Fonts read so far, by object number (shared by every page that uses the font).
type Fonts = BTreeMap<u32, Font>;

fn page_runs(doc: &mut Doc, content: &[u8], resources: &Obj, fonts: &mut Fonts, unmapped: &mut usize) -> Vec<Run> {
    let font_dict = doc.get(resources, b"Font").clone();
    let mut runs = Vec::new();
    let mut p = Parser::new(content, 0);
    let mut operands: Vec<Obj> = Vec::new();
    let (mut ctm, mut stack) = (IDENTITY, Vec::<Matrix>::new());
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let mut font_id: Option<u32> = None;
    let mut direct_font: Option<Font> = None;
    let (mut size, mut leading, mut char_space, mut word_space, mut scale) = (12.0, 0.0, 0.0, 0.0, 1.0);
    let num = |o: &[Obj], i: usize| o.get(i).and_then(Obj::num).unwrap_or(0.0);
    while let Some(v) = p.value(0) {
        let Obj::Op(op) = v else {
            if operands.len() < 64 {
                operands.push(v);
            }
            continue;
        };
        match op.as_slice() {
            b"q" => stack.push(ctm),
            b"Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            b"cm" if operands.len() >= 6 => {
                let m = [num(&operands, 0), num(&operands, 1), num(&operands, 2), num(&operands, 3), num(&operands, 4), num(&operands, 5)];
                ctm = mul(&m, &ctm);
            }
            b"BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            b"Tf" if operands.len() >= 2 => {
                if let Some(Obj::Name(n)) = operands.first() {
                    match font_dict.get(n) {
                        Some(Obj::Ref(id)) => {
                            font_id = Some(*id);
                            direct_font = None;
                            if !fonts.contains_key(id) {
                                let f = Font::load(doc, &Obj::Ref(*id));
                                fonts.insert(*id, f);
                            }
                        }
                        Some(o) => {
                            font_id = None;
                            direct_font = Some(Font::load(doc, o));
                        }
                        None => {
                            font_id = None;
                            direct_font = Some(Font { default_width: 1000.0, ..Font::default() });
                        }
                    }
                }
                size = num(&operands, 1);
            }
            b"TL" => leading = num(&operands, 0),
            b"Tc" => char_space = num(&operands, 0),
            b"Tw" => word_space = num(&operands, 0),
            b"Tz" => scale = num(&operands, 0) / 100.0,
            b"Td" | b"TD" if operands.len() >= 2 => {
                let (tx, ty) = (num(&operands, 0), num(&operands, 1));
                if op == b"TD" {
                    leading = -ty;
                }
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                tm = tlm;
            }
            b"Tm" if operands.len() >= 6 => {
                tlm = [num(&operands, 0), num(&operands, 1), num(&operands, 2), num(&operands, 3), num(&operands, 4), num(&operands, 5)];
                tm = tlm;
            }
            b"T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
            }
            b"Tj" | b"'" | b"\"" | b"TJ" => {
                if op == b"'" || op == b"\"" {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                let items: Vec<Obj> = match (op.as_slice(), operands.last()) {
                    (b"TJ", Some(Obj::Arr(a))) => a.clone(),
                    (_, Some(s @ Obj::Str(_))) => vec![s.clone()],
                    _ => Vec::new(),
                };
                let Some(font) = font_id.and_then(|id| fonts.get(&id)).or(direct_font.as_ref()) else {
                    operands.clear();
                    continue;
                };
                for item in items {
                    match item {
                        Obj::Num(adj) => {
                            let tx = -adj / 1000.0 * size * scale;
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                        }
                        Obj::Str(s) => {
                            let start = mul(&tm, &ctm);
                            let mut text = String::new();
                            for (code, t) in font.decode(&s) {
                                if t.is_empty() && !font.mapped {
                                    *unmapped += 1;
                                }
                                let space = if t == " " { word_space } else { 0.0 };
                                text.push_str(&t);
                                let tx = (font.width(code) / 1000.0 * size + char_space + space) * scale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                            }
                            let end = mul(&tm, &ctm);
                            // The size on the page: the text matrix's vertical scale times the font size.
                            let page_size = (size * (start[2].powi(2) + start[3].powi(2)).sqrt()).abs().max(1.0);
                            if !text.is_empty() {
                                runs.push(Run { x: start[4], end: end[4], y: start[5], size: page_size, text });
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        operands.clear();
    }
    runs
}

/// A line of a page, and whether it runs to the right margin (so wraps on to the next line).
#[derive(Debug, Clone)]
struct Line {
    text: String,
    full: bool,
}

/// The runs of a page as lines: grouped by baseline, top to bottom, left to right; a wide gap
/// between runs is a tab (a table's next cell). A line that reaches the page's right margin
/// wrapped there: the text goes on in the next line, even after a full stop.
fn lines_of(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| {
        b.y.partial_cmp(&a.y).unwrap_or(std::cmp::Ordering::Equal).then(a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal))
    });
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some(line) if (line[0].y - r.y).abs() <= line[0].size.min(r.size) * 0.5 => line.push(r),
            _ => lines.push(vec![r]),
        }
    }
    let margin = lines.iter().flatten().map(|r| r.end.max(r.x)).fold(f64::MIN, f64::max);
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal));
            let last = line.last().map_or((f64::MIN, 1.0), |r| (r.end.max(r.x), r.size));
            // Line breaking leaves up to two characters of room (a closing quote may not start a
            // line, so the character before it moves down too).
            let full = last.0 >= margin - 2.5 * last.1;
            let mut out = String::new();
            let mut prev_end: Option<(f64, f64)> = None;
            for r in line {
                if let Some((end, size)) = prev_end {
                    let gap = r.x - end;
                    let ascii = out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                        && r.text.starts_with(|c: char| c.is_ascii_alphanumeric());
                    if gap > 2.0 * size {
                        out.push('\t');
                    } else if ascii && gap > 0.15 * size {
                        out.push(' ');
                    }
                }
                out.push_str(&r.text);
                prev_end = Some((r.end.max(r.x), r.size));
            }
            let text = out.trim().to_string();
            Line { full: full && !text.contains('\t'), text }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// A line that is only a page number: 3, - 3 -, — 3 —, 第3页, 第 3 页 共 9 页, 3/9.
fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－' | '·')).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(&t) {
        return true;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let (n, tail) = rest.split_once('页').unwrap_or((rest, "x"));
        return digits(n) && (tail.is_empty() || tail.strip_prefix('共').and_then(|x| x.strip_suffix('页')).is_some_and(digits));
    }
    t.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b))
}

/// The text of a PDF, page by page.
pub fn pdf_to_text(bytes: &[u8]) -> Result<String, IngestError> {
    let mut doc = Doc::read(bytes);
    if doc.objects.values().any(|o| o.get(b"Filter").and_then(Obj::name) == Some(b"Standard")) || find(bytes, b"/Encrypt", 0).is_some() {
        return Err(not_pdf("it is encrypted; open it, print it to a new PDF without a password, or save it as .docx"));
    }
    let pages = doc.pages();
    if pages.is_empty() {
        return Err(not_pdf("no pages were found: the file is damaged or incomplete; save it again, or as .docx"));
    }
    let mut fonts_by_page: Vec<Vec<Line>> = Vec::with_capacity(pages.len());
    let mut unmapped = 0usize;
    let mut images = 0usize;
    let mut fonts = Fonts::new();
    for (contents, resources) in &pages {
        let mut data = Vec::new();
        for c in contents {
            if let Some(mut d) = doc.stream_of(c) {
                data.append(&mut d);
                data.push(b'\n');
            }
        }
        if find(&data, b"Do", 0).is_some() {
            images += 1;
        }
        let runs = page_runs(&mut doc, &data, resources, &mut fonts, &mut unmapped);
        fonts_by_page.push(lines_of(runs));
    }
    let chars: usize = fonts_by_page.iter().flatten().map(|l| l.text.chars().count()).sum();
    if chars == 0 && unmapped > 0 {
        return Err(not_pdf("its fonts carry no map from glyphs to characters (no ToUnicode), so its text cannot be recovered; export it again from the original document, or save that as .docx"));
    }
    if chars < 20 {
        let scan = if images > 0 {
            "it is a scan (扫描件): its pages are images with no text layer (无文字层)"
        } else {
            "it has no text layer (无文字层)"
        };
        return Err(not_pdf(format!("{scan}; it needs OCR (文字识别) first, or give the plan as .docx or text")));
    }
    Ok(join_pages(fonts_by_page))
}

/// Pages' lines as one text, page numbers and lines repeated at the top or bottom of most
/// pages (running headers and footers) left out, wrapped lines joined (across pages too).
fn join_pages(pages: Vec<Vec<Line>>) -> String {
    let mut edge_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for lines in &pages {
        let mut edges: Vec<&str> = lines.iter().take(2).chain(lines.iter().rev().take(2)).map(|l| l.text.as_str()).collect();
        edges.dedup();
        for e in edges {
            *edge_counts.entry(e).or_default() += 1;
        }
    }
    let running = |l: &str| pages.len() >= 3 && edge_counts.get(l).is_some_and(|&n| n * 2 > pages.len());
    let kept: Vec<&Line> = pages
        .iter()
        .flat_map(|lines| {
            let last = lines.len().saturating_sub(2);
            lines
                .iter()
                .enumerate()
                .filter(move |(i, l)| !(is_page_number(&l.text) || ((*i < 2 || *i >= last) && running(&l.text))))
                .map(|(_, l)| l)
        })
        .collect();
    let mut out = String::new();
    for (i, l) in kept.iter().enumerate() {
        out.push_str(&l.text);
        if !(l.full && wraps_into(&l.text, kept.get(i + 1).map(|n| n.text.as_str()))) {
            out.push('\n');
        }
    }
    out
}

/// Whether a line that reaches the right margin goes on in `next`: always, unless it ends a
/// unit clause, or ends a sentence and the next line starts something of its own (a numbered
/// item, a heading, a table's unit cell) — a paragraph can end exactly at the margin.
fn wraps_into(line: &str, next: Option<&str>) -> bool {
    let Some(next) = next else { return false };
    // A closing bracket at the margin ends a unit clause （责任单位：…）: the measure ends there.
    if line.ends_with(['）', ')', '〕', ']', '】']) {
        return false;
    }
    let ends_sentence = line.ends_with(['。', '；', '！', '？', '：', '.', ';']);
    !ends_sentence || (numbering(next).is_none() && !looks_like_unit_list(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_and_references_parse() {
        let mut p = Parser::new(b"<< /Type /Page /Kids [3 0 R 4 0 R] /N 5 /S (a\\(b\\)) /H <4E2D> /X#20Y 1 >>", 0);
        let o = p.value(0).unwrap();
        assert_eq!(o.get(b"Kids"), Some(&Obj::Arr(vec![Obj::Ref(3), Obj::Ref(4)])));
        assert_eq!(o.get(b"S"), Some(&Obj::Str(b"a(b)".to_vec())));
        assert_eq!(o.get(b"H"), Some(&Obj::Str(vec![0x4E, 0x2D])));
        assert_eq!(o.get(b"X Y"), Some(&Obj::Num(1.0)));
    }

    #[test]
    fn to_unicode_maps_chars_and_ranges() {
        let cmap = b"begincmap 2 beginbfchar <0001> <4E2D> <0002> <6587> endbfchar 1 beginbfrange <0010> <0012> <0041> endbfrange endcmap";
        let m = parse_to_unicode(cmap);
        assert_eq!(m[&1], "中");
        assert_eq!(m[&2], "文");
        assert_eq!(m[&0x12], "C");
    }

    #[test]
    fn page_numbers_are_recognised() {
        for p in ["3", "- 3 -", "— 12 —", "第3页", "第 3 页 共 9 页", "3/9"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["3、加强执法", "第三章", "2021年"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn damaged_and_empty_pdfs_say_why() {
        let e = pdf_to_text(b"%PDF-1.4\n%%EOF").unwrap_err().to_string();
        assert!(e.contains("no pages"), "{e}");
        let e = pdf_to_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj\n3 0 obj << /Type /Page >> endobj\ntrailer << /Encrypt 9 0 R >>").unwrap_err().to_string();
        assert!(e.contains("encrypted"), "{e}");
        let e = pdf_to_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj\n3 0 obj << /Type /Page >> endobj\n").unwrap_err().to_string();
        assert!(e.contains("OCR"), "{e}");
    }

    /// A one-page PDF whose font uses `encoding` with no ToUnicode map, showing `shown` (the
    /// string operand, as written in the content stream) on three lines, one under another.
    fn pdf_with(encoding: &str, shown: &str) -> Vec<u8> {
        let content = format!("BT /F1 12 Tf 1 0 0 1 72 700 Tm {shown} Tj 1 0 0 1 72 680 Tm {shown} Tj 1 0 0 1 72 660 Tm {shown} Tj ET");
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            format!("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} /DescendantFonts [6 0 R] >>"),
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 >>".to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        for (i, o) in objects.iter().enumerate() {
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        out.extend_from_slice(b"trailer << /Root 1 0 R >>\n%%EOF\n");
        out
    }

    /// Fonts with no ToUnicode map that name a predefined Chinese CMap: the codes are Unicode
    /// (UniGB-UCS2-H) or GBK (GBK-EUC-H), as in many 公文 PDFs. (Each line ends a unit clause,
    /// so none is taken to wrap into the next.)
    #[test]
    fn predefined_chinese_cmaps_give_text() {
        let words = "（牵头单位：区司法局）";
        let ucs2: String = words.encode_utf16().map(|u| format!("{u:04X}")).collect();
        let text = pdf_to_text(&pdf_with("UniGB-UCS2-H", &format!("<{ucs2}>"))).unwrap();
        assert_eq!(text, format!("{words}\n").repeat(3));
        // The GBK bytes of the same words.
        let gbk = "A3A8C7A3CDB7B5A5CEBBA3BAC7F8CBBEB7A8BED6A3A9";
        let text = pdf_to_text(&pdf_with("GBK-EUC-H", &format!("<{gbk}>"))).unwrap();
        assert_eq!(text, format!("{words}\n").repeat(3));
    }

    /// Identity-H codes without a ToUnicode map are glyph numbers of that font: no text can be
    /// recovered, and the message says so instead of giving nothing or garbage.
    #[test]
    fn an_unmapped_font_is_named() {
        let e = pdf_to_text(&pdf_with("Identity-H", "<0001000200030004000500060007000800090A0B0C0D0E0F1011>")).unwrap_err().to_string();
        assert!(e.contains("no ToUnicode"), "{e}");
    }
}
