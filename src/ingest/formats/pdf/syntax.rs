//! PDF syntax: objects (numbers, names, strings, arrays, dictionaries, references, operators)
//! read from bytes, with no recursion deeper than [`super::MAX_DEPTH`].

use super::MAX_DEPTH;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Obj {
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
    pub(super) fn get(&self, key: &[u8]) -> Option<&Obj> {
        match self {
            Obj::Dict(d) => d.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub(super) fn num(&self) -> Option<f64> {
        match self {
            Obj::Num(n) => Some(*n),
            _ => None,
        }
    }
    pub(super) fn name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// A tokenizer and parser of PDF syntax over a byte slice.
pub(super) struct Parser<'a> {
    pub(super) b: &'a [u8],
    pub(super) at: usize,
}

pub(super) fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

pub(super) fn is_delim(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

impl<'a> Parser<'a> {
    pub(super) fn new(b: &'a [u8], at: usize) -> Parser<'a> {
        Parser { b, at }
    }

    pub(super) fn skip_white(&mut self) {
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

    pub(super) fn regular(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.at < self.b.len() && !is_white(self.b[self.at]) && !is_delim(self.b[self.at]) {
            self.at += 1;
        }
        &self.b[start..self.at]
    }

    /// The next object, or `None` at the end or at a closing `]` / `>>`.
    pub(super) fn value(&mut self, depth: usize) -> Option<Obj> {
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

    pub(super) fn literal(&mut self) -> Vec<u8> {
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

    pub(super) fn hex(&mut self) -> Vec<u8> {
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
}
