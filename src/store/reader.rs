//! The payload reader: the string table, then documents or a manifest. Every failure is a
//! typed [`Corruption`]; nothing here panics or allocates without bound on any bytes.

use super::error::Corruption;
use super::strings::{one_byte_codes, unzigzag};
use crate::model::{Document, Measure, PlanSummary};

/// Reads the payload; every failure is a [`Corruption`] (see [`super::StoreError::Corrupt`]).
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Every string of the table, decoded, one after the other.
    table: String,
    /// Each string's byte range in `table`.
    strings: Vec<(usize, usize)>,
    /// How many strings of the table references have reached (the table is in order of first
    /// reference, so reference 0 means string `fresh`).
    fresh: usize,
    /// Bytes of text the reader may still materialise. Strings are shared by index, so a tiny
    /// crafted payload could otherwise name one long string millions of times and exhaust
    /// memory; real files expand about 10×, far below [`EXPANSION_LIMIT`].
    budget: usize,
}

/// How many times its payload's size a decoded data file may be (plus 1 MiB of slack).
pub(super) const EXPANSION_LIMIT: usize = 64;

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            pos: 0,
            table: String::new(),
            strings: Vec::new(),
            fresh: 0,
            budget: bytes.len().saturating_mul(EXPANSION_LIMIT).saturating_add(1 << 20),
        }
    }

    /// Resolves a string reference (see [`Strings::reference`]), charges the string against the
    /// expansion budget and copies it.
    pub(super) fn owned(&mut self, reference: u64) -> Result<String, Corruption> {
        let (start, end) = self.span(reference)?;
        Ok(self.table[start..end].to_owned())
    }

    /// Where the string `reference` names lies in the decoded table, its length charged.
    fn span(&mut self, reference: u64) -> Result<(usize, usize), Corruption> {
        let i = match reference {
            0 => {
                self.fresh += 1;
                self.fresh - 1
            }
            r => usize::try_from(r - 1).unwrap_or(usize::MAX),
        };
        let &(start, end) = self.strings.get(i).ok_or(Corruption::NoSuchString { index: i, strings: self.strings.len() })?;
        self.charge(end - start)?;
        Ok((start, end))
    }

    /// The next string, as a span of the table.
    fn str_span(&mut self) -> Result<(usize, usize), Corruption> {
        let i = self.varint()?;
        self.span(i)
    }

    /// Takes `len` bytes of text from the expansion budget.
    fn charge(&mut self, len: usize) -> Result<(), Corruption> {
        self.budget = self.budget.checked_sub(len).ok_or(Corruption::ExpandsTooMuch)?;
        Ok(())
    }

    pub(super) fn varint(&mut self) -> Result<u64, Corruption> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(Corruption::EndsInNumber(self.pos));
            };
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Corruption::NumberTooLong(self.pos))
    }

    pub(super) fn u32(&mut self) -> Result<u32, Corruption> {
        let Some(b) = self.bytes.get(self.pos..self.pos + 4) else {
            return Err(Corruption::EndsInChecksum(self.pos));
        };
        self.pos += 4;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A count of items that each take at least one byte, so a bad count fails here instead
    /// of allocating without bound.
    pub(super) fn count(&mut self, what: &'static str) -> Result<usize, Corruption> {
        let n = self.varint()?;
        self.counted(what, n)
    }

    /// `n` as a count of items that each take at least one byte (see [`Reader::count`]).
    fn counted(&self, what: &'static str, n: u64) -> Result<usize, Corruption> {
        let left = (self.bytes.len() - self.pos) as u64;
        if n > left {
            return Err(Corruption::CountTooLarge { what, count: n, left });
        }
        Ok(n as usize)
    }

    pub(super) fn str(&mut self) -> Result<String, Corruption> {
        let i = self.varint()?;
        self.owned(i)
    }

    pub(super) fn opt(&mut self) -> Result<Option<String>, Corruption> {
        match self.varint()? {
            0 => Ok(None),
            i => self.owned(i - 1).map(Some),
        }
    }

    fn prefix(&mut self, text: &str) -> Result<String, Corruption> {
        match self.varint()? {
            0 => self.str(),
            n => {
                let end = prefix_end(text, n - 1)?;
                self.charge(end)?;
                Ok(text[..end].to_owned())
            }
        }
    }

    /// [`Reader::prefix`] of the text at `text` (a span of the table), checked and passed over.
    fn skip_prefix(&mut self, text: (usize, usize)) -> Result<(), Corruption> {
        match self.varint()? {
            0 => self.str_span().map(drop),
            n => {
                let end = prefix_end(&self.table[text.0..text.1], n - 1)?;
                self.charge(end)
            }
        }
    }

    /// Passes over a list of strings, checking each reference.
    fn skip_list(&mut self) -> Result<(), Corruption> {
        let n = self.count("list items")?;
        self.skip_strs(n)
    }

    /// Passes over `n` strings, checking each reference.
    fn skip_strs(&mut self, n: usize) -> Result<(), Corruption> {
        (0..n).try_for_each(|_| self.str_span().map(drop))
    }

    /// The next `n` strings.
    fn strs(&mut self, n: usize) -> Result<Vec<String>, Corruption> {
        (0..n).map(|_| self.str()).collect()
    }

    /// Passes over an optional string, checking its reference.
    fn skip_opt(&mut self) -> Result<(), Corruption> {
        match self.varint()? {
            0 => Ok(()),
            i => self.span(i - 1).map(drop),
        }
    }

    /// A measure's seq, stored as the step from the previous measure's (`previous`, 0 for the
    /// first of a document), less one.
    fn seq(&mut self, previous: u32) -> Result<u32, Corruption> {
        let step = unzigzag(self.varint()?);
        let seq = step.checked_add(i64::from(previous) + 1).ok_or(Corruption::SequenceOutOfRange)?;
        u32::try_from(seq).map_err(|_| Corruption::SequenceOutOfRange)
    }

    /// A measure's printed number: none, its seq in decimal, or a string.
    fn number(&mut self, seq: u32) -> Result<Option<String>, Corruption> {
        match self.varint()? {
            0 => Ok(None),
            1 => {
                // itoa, not to_string(): no formatting machinery on the load path.
                let n = itoa::Buffer::new().format(seq).to_owned();
                self.charge(n.len())?;
                Ok(Some(n))
            }
            r => self.owned(r - 2).map(Some),
        }
    }

    /// [`Reader::number`], checked and passed over.
    fn skip_number(&mut self) -> Result<(), Corruption> {
        match self.varint()? {
            0 | 1 => Ok(()),
            r => self.span(r - 2).map(drop),
        }
    }

    /// A measure's path: the previous measure's of the document (`previous`), or a list.
    fn path(&mut self, previous: &[String]) -> Result<Vec<String>, Corruption> {
        match self.varint()? {
            0 => {
                self.charge(previous.iter().map(String::len).sum())?;
                Ok(previous.to_vec())
            }
            n => {
                let n = self.counted("list items", n - 1)?;
                self.strs(n)
            }
        }
    }

    /// [`Reader::path`], checked and passed over.
    fn skip_path(&mut self) -> Result<(), Corruption> {
        match self.varint()? {
            0 => Ok(()),
            n => {
                let n = self.counted("list items", n - 1)?;
                self.skip_strs(n)
            }
        }
    }

    /// A measure's unit clause, stored as a skeleton of its unit names (see clause.rs).
    fn clause(&mut self, lead: &[String], support: &[String], responsible: &[String]) -> Result<String, Corruption> {
        let (start, end) = self.str_span()?;
        let mut budget = self.budget;
        let raw = super::clause::expand(&self.table[start..end], [lead, support, responsible], |n| {
            budget = budget.checked_sub(n).ok_or(Corruption::ExpandsTooMuch)?;
            Ok(())
        })?;
        self.budget = budget;
        Ok(raw)
    }

    pub(super) fn list(&mut self) -> Result<Vec<String>, Corruption> {
        let n = self.count("list items")?;
        self.strs(n)
    }

    /// Reads the string table that starts every payload (see the module docs).
    ///
    /// Not inlined into its caller, for V8's sake (see [`Reader::measure`]): its loop runs
    /// thousands of times, and Chromium optimises the function a long loop runs in, on another
    /// thread, to no use for a function run once. Inlined, that was the whole decoder: ~15 ms
    /// of compiling that competed with the first load for the CPU (seen with V8's
    /// `--trace-wasm-compilation-times`).
    #[inline(never)]
    pub(super) fn string_table(&mut self) -> Result<(), Corruption> {
        let len = self.count("alphabet bytes")?;
        let alphabet = std::str::from_utf8(&self.bytes[self.pos..self.pos + len]).map_err(|_| Corruption::AlphabetNotUtf8(self.pos))?;
        // Each character's UTF-8 bytes (padded to four) and their length, for decode_string.
        let alphabet: Vec<([u8; 4], usize)> = alphabet
            .chars()
            .map(|c| {
                let mut b = [0u8; 4];
                let n = c.encode_utf8(&mut b).len();
                (b, n)
            })
            .collect();
        self.pos += len;
        let one_byte = one_byte_codes(alphabet.len());
        let n = self.count("strings")?;
        self.strings.reserve(n);
        // Chinese text decodes to about 2.5 bytes per payload byte.
        let mut table: Vec<u8> = Vec::with_capacity(self.bytes.len() * 3);
        // Each string is decoded into `buf` through a cursor (room for every byte being a
        // four-byte character; a fixed four-byte copy per character, no growth checks), then
        // appended to the table in one copy.
        let mut buf: Vec<u8> = Vec::new();
        for _ in 0..n {
            let len = self.varint()? as usize;
            let end = self.pos.checked_add(len).filter(|&e| e <= self.bytes.len());
            let Some(end) = end else {
                return Err(Corruption::StringPastEnd(self.pos));
            };
            if buf.len() < len * 4 {
                buf.resize(len * 4, 0);
            }
            let w = decode_string(&self.bytes[self.pos..end], self.pos, &alphabet, one_byte, &mut buf)?;
            let start = table.len();
            table.extend_from_slice(&buf[..w]);
            self.strings.push((start, table.len()));
            self.pos = end;
        }
        // Not validated again: on the load path, checking the whole table (every character
        // multi-byte) cost the browser's first load ~0.5 ms, and it cannot fail.
        // Checked with debug assertions on (the fuzz targets, which decode arbitrary bytes).
        debug_assert!(std::str::from_utf8(&table).is_ok(), "the string table decoded to invalid UTF-8");
        // SAFETY: every byte of `table` was copied from `buf[..w]`, into which decode_string
        // writes only whole UTF-8 encodings of chars: an alphabet entry (`char::encode_utf8` of
        // a character of a checked `str`) or `char::encode_utf8` of a checked `char`.
        self.table = unsafe { String::from_utf8_unchecked(table) };
        Ok(())
    }

    /// Fails unless every byte was read.
    pub(super) fn finish(&self) -> Result<(), Corruption> {
        if self.pos != self.bytes.len() {
            return Err(Corruption::UnreadBytes(self.bytes.len() - self.pos));
        }
        Ok(())
    }

    pub(super) fn documents(mut self) -> Result<Vec<Document>, Corruption> {
        self.string_table()?;
        let mut positions = self.document_positions()?;
        let mut docs = Vec::with_capacity(positions.len());
        for _ in 0..positions.len() {
            docs.push(self.document()?);
        }
        self.finish()?;
        // Each document to its place, by swaps along the permutation's cycles (no sort or
        // Option per document: either brought a few hundred bytes of code into the browser's
        // module).
        for k in 0..positions.len() {
            while positions[k] != k {
                let p = positions[k];
                docs.swap(k, p);
                positions.swap(k, p);
            }
        }
        Ok(docs)
    }

    /// The document count and where each stored document belongs in the order the file was
    /// built from (see `order.rs`): a permutation of 0..count, or the file is corrupt.
    pub(super) fn document_positions(&mut self) -> Result<Vec<usize>, Corruption> {
        let n = self.count("documents")?;
        let mut positions = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        for _ in 0..n {
            let p = self.varint()? as usize;
            match seen.get_mut(p) {
                Some(s) if !*s => *s = true,
                _ => return Err(Corruption::NotAnOrder),
            }
            positions.push(p);
        }
        Ok(positions)
    }

    /// Where the next document starts: the byte, and how many strings references have reached
    /// (so [`Reader::seek`] can come back and read it again).
    pub(super) fn mark(&self) -> (usize, usize) {
        (self.pos, self.fresh)
    }

    /// Comes back to a [`Reader::mark`].
    pub(super) fn seek(&mut self, (pos, fresh): (usize, usize)) {
        self.pos = pos;
        self.fresh = fresh;
    }

    /// The places of the document at the current position ([`super::places_of`] of it), read
    /// without building the document: opening a province's data file for a sharded build reads
    /// every document once for this, and building them was a tenth of the build. Checks what
    /// [`Reader::document`] checks. Keep the two in step (`src/store/tests.rs` compares them).
    pub(super) fn document_places(&mut self) -> Result<Vec<String>, Corruption> {
        let mut measure_places = Vec::new();
        let mut plan_places = Vec::new();
        self.str_span()?;
        for _ in 0..self.count("plans")? {
            self.str_span()?;
            plan_places.push(self.str_span()?);
            self.varint()?;
        }
        let mut seq = 0;
        for _ in 0..self.count("measures")? {
            self.str_span()?;
            measure_places.push(self.str_span()?);
            seq = self.seq(seq)?;
            self.skip_number()?;
            self.skip_opt()?;
            self.skip_path()?;
            let text = self.str_span()?;
            self.skip_prefix(text)?;
            self.skip_prefix(text)?;
            for _ in 0..3 {
                self.skip_list()?;
            }
            self.str_span()?;
            self.str_span()?;
        }
        Ok(super::source::distinct_places(measure_places.iter().chain(&plan_places).map(|&(start, end)| &self.table[start..end])))
    }

    /// Reads the document at the current position. Not inlined, as [`Reader::string_table`].
    #[inline(never)]
    pub(super) fn document(&mut self) -> Result<Document, Corruption> {
        let name = self.str()?;
        let nplans = self.count("plans")?;
        let mut plans = Vec::with_capacity(nplans);
        for _ in 0..nplans {
            let title = self.str()?;
            let jurisdiction = self.str()?;
            let measures = self.varint()? as usize;
            plans.push(PlanSummary { title, jurisdiction, measures });
        }
        let nmeasures = self.count("measures")?;
        let mut measures: Vec<Measure> = Vec::with_capacity(nmeasures);
        for _ in 0..nmeasures {
            let m = self.measure(&name, measures.last())?;
            measures.push(m);
        }
        Ok(Document { name, plans, measures, warnings: Vec::new() })
    }
}

impl Reader<'_> {
    /// Reads one measure of document `doc`, after `previous` (its seq and path are stored as
    /// steps from the previous measure's).
    ///
    /// Not inlined into the document loop, nor is [`decode_string`] into the string table's: V8
    /// optimises (TurboFan) a wasm function that has run long enough, on a background thread.
    /// Inlined, these loops made the whole run-once decoding function that hot, and compiling
    /// it took more CPU (tens of ms) than decoding did, on the phone's other core while the
    /// first answer waited. Apart, the small per-item functions are what gets optimised: cheap
    /// to compile, and they run the rest of the loop faster.
    #[inline(never)]
    fn measure(&mut self, doc: &str, previous: Option<&Measure>) -> Result<Measure, Corruption> {
        let plan = self.str()?;
        let jurisdiction = self.str()?;
        let seq = self.seq(previous.map_or(0, |m| m.seq))?;
        let number = self.number(seq)?;
        let parent = self.opt()?;
        let path = self.path(previous.map_or(&[][..], |m| &m.path[..]))?;
        let text = self.str()?;
        let title = self.prefix(&text)?;
        let text_head = self.prefix(&text)?;
        let (lead, support, responsible) = (self.list()?, self.list()?, self.list()?);
        let raw = self.clause(&lead, &support, &responsible)?;
        Ok(Measure {
            doc: doc.to_string(),
            plan,
            jurisdiction,
            seq,
            number,
            parent,
            path,
            title,
            text_head,
            lead,
            support,
            responsible,
            raw,
            text,
            deadline: self.str()?,
        })
    }
}

/// Decodes one string of the string table, `code` (the bytes at payload offset `at`), into `buf`
/// (room for 4 bytes per code byte); returns the UTF-8 length. Each character's UTF-8 bytes
/// (padded to four) and length come from `alphabet`, copied as is: a fixed four-byte copy per
/// character, no growth checks. Most of a data file's decoding, run before the first answer:
/// kept free of per-character Options and slices, and a function of its own (see
/// [`Reader::measure`]).
#[inline(never)]
fn decode_string(code: &[u8], at: usize, alphabet: &[([u8; 4], usize)], one_byte: usize, buf: &mut [u8]) -> Result<usize, Corruption> {
    let end = code.len();
    let mut w = 0;
    let mut i = 0;
    while i < end {
        let b = code[i] as usize;
        let code_point = if b < one_byte {
            i += 1;
            b
        } else if b < 0xFF && i + 1 < end {
            i += 2;
            one_byte + (b - one_byte) * 256 + code[i - 1] as usize
        } else if b == 0xFF && i + 4 <= end {
            let v = &code[i + 1..i + 4];
            i += 4;
            let c = char::from_u32(u32::from_le_bytes([v[0], v[1], v[2], 0])).ok_or(Corruption::UnknownCharacter(at))?;
            w += c.encode_utf8(&mut buf[w..w + 4]).len();
            continue;
        } else {
            return Err(Corruption::StringEndsInCharacter(at));
        };
        let &(c, n) = alphabet.get(code_point).ok_or(Corruption::UnknownCharacter(at))?;
        buf[w..w + 4].copy_from_slice(&c);
        w += n;
    }
    Ok(w)
}

/// The byte length of the first `n` characters of `text` (the whole text when it has exactly `n`).
/// Counted over the bytes (a character starts at every byte that is not a UTF-8 continuation
/// byte, 10xxxxxx) instead of decoding each character: every measure's title and text head are
/// read this way on the browser's first load, and decoding them char by char was a tenth of
/// the data file's decoding.
fn prefix_end(text: &str, n: u64) -> Result<usize, Corruption> {
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    let mut seen = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if seen == n {
                return Ok(i);
            }
            seen += 1;
        }
    }
    if seen == n {
        Ok(text.len())
    } else {
        Err(Corruption::PrefixTooLong(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_end_counts_characters_not_bytes() {
        let text = "资阳a区，司法局";
        for n in 0..=8 {
            let want = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
            assert_eq!(prefix_end(text, n as u64), Ok(want), "{n}");
        }
        assert_eq!(prefix_end(text, 9), Err(Corruption::PrefixTooLong(9)));
        assert_eq!(prefix_end("", 0), Ok(0));
        assert_eq!(prefix_end("", 1), Err(Corruption::PrefixTooLong(1)));
    }
}
