//! The objects of a PDF file, its streams decoded, and its pages in order.

use super::syntax::{is_delim, is_white, Obj, Parser};
use super::{MAX_DEPTH, MAX_STREAM_BYTES};
use std::collections::{BTreeMap, BTreeSet};

/// Every object of the file by number (the last definition wins, as incremental updates
/// intend), streams with their raw data, found by scanning for `N G obj` rather than trusting
/// the cross-reference table, so a PDF whose table is broken still reads.
pub(super) struct Doc<'a> {
    pub(super) objects: BTreeMap<u32, Obj>,
    /// Stream data: object number -> decoded bytes (decoded on first use).
    pub(super) streams: BTreeMap<u32, (Obj, &'a [u8])>,
    pub(super) budget: usize,
}

pub(super) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

impl<'a> Doc<'a> {
    pub(super) fn read(bytes: &'a [u8]) -> Doc<'a> {
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
                // A /Length past any size (1e300) must not overflow: it is then ignored.
                let by_length = value.get(b"Length").and_then(Obj::num).and_then(|n| start.checked_add(n as usize));
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
    pub(super) fn unpack_object_streams(&mut self) {
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

    pub(super) fn resolve<'o>(&'o self, o: &'o Obj) -> &'o Obj {
        let mut o = o;
        for _ in 0..MAX_DEPTH {
            match o {
                Obj::Ref(n) => o = self.objects.get(n).unwrap_or(&Obj::Null),
                _ => return o,
            }
        }
        &Obj::Null
    }

    pub(super) fn get<'o>(&'o self, o: &'o Obj, key: &[u8]) -> &'o Obj {
        self.resolve(self.resolve(o).get(key).unwrap_or(&Obj::Null))
    }

    /// A stream's data, decoded (FlateDecode, ASCIIHexDecode; none); `None` for other filters
    /// or when the budget of decompressed bytes is spent.
    pub(super) fn stream(&mut self, id: u32) -> Option<Vec<u8>> {
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

    pub(super) fn stream_of(&mut self, o: &Obj) -> Option<Vec<u8>> {
        match o {
            Obj::Ref(n) => self.stream(*n),
            _ => None,
        }
    }

    /// The pages, in order, each with its content objects and its (inherited) resources.
    pub(super) fn pages(&self) -> Vec<(Vec<Obj>, Obj)> {
        let root = self.objects.values().find(|o| o.get(b"Type").and_then(Obj::name) == Some(b"Catalog"));
        let mut out = Vec::new();
        if let Some(pages) = root.map(|r| self.get(r, b"Pages")) {
            self.walk_pages(pages, &Obj::Null, 0, &mut BTreeSet::new(), &mut out);
        }
        if out.is_empty() {
            // No usable page tree: every page object, in object order.
            for o in self.objects.values().filter(|o| o.get(b"Type").and_then(Obj::name) == Some(b"Page")) {
                out.push((self.contents(o), self.get(o, b"Resources").clone()));
            }
        }
        out
    }

    pub(super) fn contents(&self, page: &Obj) -> Vec<Obj> {
        match page.get(b"Contents") {
            Some(Obj::Arr(a)) => a.clone(),
            Some(r @ Obj::Ref(_)) => match self.resolve(r) {
                Obj::Arr(a) => a.clone(),
                _ => vec![r.clone()],
            },
            _ => Vec::new(),
        }
    }

    /// The pages under `node`, depth first. Each node of the tree is visited once (`seen`): a
    /// tree whose kids name a node twice, or a cycle, cannot multiply the work.
    pub(super) fn walk_pages(&self, node: &Obj, inherited: &Obj, depth: usize, seen: &mut BTreeSet<u32>, out: &mut Vec<(Vec<Obj>, Obj)>) {
        if depth > MAX_DEPTH || out.len() > 100_000 || seen.len() > 200_000 {
            return;
        }
        if let Obj::Ref(id) = node {
            if !seen.insert(*id) {
                return;
            }
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
                        self.walk_pages(k, &resources, depth + 1, seen, out);
                    }
                }
            }
        }
    }
}
