//! The string table writer: every distinct string once, characters coded by frequency rank
//! (see the module docs of [`super`]), and the varints everything is written with.

use crate::units::FastMap;

/// Interns strings for the table, writing their indices into a body.
#[derive(Default)]
pub(super) struct Strings {
    /// Each distinct string with its index (one allocation per string: a province build interns
    /// millions).
    index: FastMap<String, u64>,
    bytes: usize,
}

impl Strings {
    fn id(&mut self, s: &str) -> u64 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.index.len() as u64;
        self.index.insert(s.to_owned(), i);
        self.bytes += s.len() + 2;
        i
    }
    /// The payload: this string table (character-coded, see the module docs), then `body`.
    pub(super) fn payload(&self, body: &[u8]) -> Vec<u8> {
        let mut list: Vec<&str> = vec![""; self.index.len()];
        for (s, &i) in &self.index {
            list[i as usize] = s;
        }
        CHAR_SCRATCH.with(|scratch| self.coded_payload(&list, body, &mut scratch.borrow_mut()))
    }

    /// [`Strings::payload`] of the strings in `list`, with `scratch` (all zero, and left so) as
    /// a table indexed by Basic Multilingual Plane character.
    fn coded_payload(&self, list: &[&str], body: &[u8], scratch: &mut [u32]) -> Vec<u8> {
        let mut seen: Vec<char> = Vec::new();
        let mut astral: FastMap<char, u64> = FastMap::default();
        for s in list {
            for c in s.chars() {
                match scratch.get_mut(c as usize) {
                    Some(n) => {
                        if *n == 0 {
                            seen.push(c);
                        }
                        *n += 1;
                    }
                    None => *astral.entry(c).or_default() += 1,
                }
            }
        }
        let mut alphabet: Vec<(char, u64)> = seen.iter().map(|&c| (c, u64::from(std::mem::take(&mut scratch[c as usize])))).collect();
        alphabet.extend(astral);
        // Most frequent first; ties by code point, so the same strings give the same bytes.
        alphabet.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        alphabet.truncate(CODED_CHARS);
        // From here `scratch` holds rank + 1 (0: not in the alphabet).
        let mut astral_rank: FastMap<char, usize> = FastMap::default();
        for (i, &(c, _)) in alphabet.iter().enumerate() {
            match scratch.get_mut(c as usize) {
                Some(r) => *r = i as u32 + 1,
                None => drop(astral_rank.insert(c, i)),
            }
        }
        let rank = |c: char| match scratch.get(c as usize) {
            Some(&r) => r.checked_sub(1).map(|r| r as usize),
            None => astral_rank.get(&c).copied(),
        };
        let one_byte = one_byte_codes(alphabet.len());
        let alphabet: String = alphabet.iter().map(|&(c, _)| c).collect();

        let mut payload = Vec::with_capacity(self.bytes + body.len() + alphabet.len() + 16);
        put_varint(&mut payload, alphabet.len() as u64);
        payload.extend_from_slice(alphabet.as_bytes());
        put_varint(&mut payload, list.len() as u64);
        let mut coded = Vec::new();
        for s in list {
            coded.clear();
            for c in s.chars() {
                match rank(c) {
                    Some(r) if r < one_byte => coded.push(r as u8),
                    Some(r) => {
                        let r = r - one_byte;
                        coded.push((one_byte + r / 256) as u8);
                        coded.push((r % 256) as u8);
                    }
                    None => {
                        coded.push(0xFF);
                        coded.extend_from_slice(&(c as u32).to_le_bytes()[..3]);
                    }
                }
            }
            put_varint(&mut payload, coded.len() as u64);
            payload.extend_from_slice(&coded);
        }
        payload.extend_from_slice(body);
        for c in alphabet.chars() {
            if let Some(r) = scratch.get_mut(c as usize) {
                *r = 0;
            }
        }
        payload
    }
    /// A reference to `s`: 0 when it is new (the table lists strings in order of first use, so
    /// a reader knows which one comes next), else its index + 1. Most texts are used once, so
    /// their references are all 0 and the body compresses well.
    fn reference(&mut self, s: &str) -> u64 {
        let known = self.index.len() as u64;
        match self.id(s) {
            i if i == known => 0,
            i => i + 1,
        }
    }
    pub(super) fn put(&mut self, out: &mut Vec<u8>, s: &str) {
        let r = self.reference(s);
        put_varint(out, r);
    }
    pub(super) fn put_opt(&mut self, out: &mut Vec<u8>, s: Option<&str>) {
        match s {
            None => put_varint(out, 0),
            Some(s) => self.put_shifted(out, s, 1),
        }
    }
    /// `s`'s reference plus `shift` (the values below it mean something else to the reader).
    pub(super) fn put_shifted(&mut self, out: &mut Vec<u8>, s: &str, shift: u64) {
        let r = self.reference(s);
        put_varint(out, r + shift);
    }
    /// `s` as a char count when it is a prefix of `text` (titles and text heads almost always
    /// are), else as a string.
    pub(super) fn put_prefix(&mut self, out: &mut Vec<u8>, s: &str, text: &str) {
        if text.starts_with(s) {
            put_varint(out, s.chars().count() as u64 + 1);
        } else {
            put_varint(out, 0);
            self.put(out, s);
        }
    }
    pub(super) fn put_list(&mut self, out: &mut Vec<u8>, list: &[String]) {
        self.put_shifted_list(out, list, 0);
    }
    /// A list whose length is written plus `shift` (the values below it mean something else).
    pub(super) fn put_shifted_list(&mut self, out: &mut Vec<u8>, list: &[String], shift: u64) {
        put_varint(out, list.len() as u64 + shift);
        for s in list {
            self.put(out, s);
        }
    }
}

thread_local! {
    /// A count or rank per Basic Multilingual Plane character (every character a plan uses in
    /// practice), zero between uses: counting and ranking a table's characters through a hash
    /// map was a tenth of a province build, and a fresh table per shard would cost as much.
    static CHAR_SCRATCH: std::cell::RefCell<Vec<u32>> = std::cell::RefCell::new(vec![0; 0x1_0000]);
}

/// The fewest alphabet ranks coded in one byte (0x00–0xBF): a table of the largest alphabet.
const MIN_ONE_BYTE_CODES: usize = 0xC0;
/// Alphabet ranks with a code at all: one byte, or two with a first byte from the one-byte
/// codes' end to 0xFE. Rarer characters are written out (0xFF + 3 bytes).
const CODED_CHARS: usize = MIN_ONE_BYTE_CODES + (0xFF - MIN_ONE_BYTE_CODES) * 256;

/// How many alphabet ranks a table of `alphabet` characters codes in one byte: as many as leave
/// enough two-byte codes for the rest (251 for the default plans' 1,137 characters, 192 for
/// 16,320). More one-byte codes compress better: the default data file 0.36 KB gz smaller than
/// with 192 always. Writer and reader derive it from the alphabet's length alone.
pub(super) fn one_byte_codes(alphabet: usize) -> usize {
    let lead_bytes = alphabet.saturating_sub(0xFF).div_ceil(0xFF).clamp(1, 0xFF - MIN_ONE_BYTE_CODES);
    0xFF - lead_bytes
}

/// A signed number as an unsigned one, small either side of zero: 0, −1, 1, −2… → 0, 1, 2, 3….
pub(super) fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

/// The inverse of [`zigzag`].
pub(super) fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

/// Appends `v` as an unsigned LEB128 number (seven bits a byte, low first; the data file's
/// numbers, and WebAssembly's).
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}
