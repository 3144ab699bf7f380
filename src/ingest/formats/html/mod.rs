//! HTML -> text: an HTML page reduced to its visible text, one block (paragraph, list item,
//! table cell…) per line, so a plain-text plan and the same plan as an HTML page give the same
//! non-empty lines. `<script>`, `<style>`, `<noscript>`, `<template>`, `<title>`, the `<head>`,
//! comments, and the page furniture in `<nav>` and `<footer>` are dropped (but a `<nav>`/`<footer>`
//! that is never closed is kept, so a broken page does not lose its text). A single forward pass
//! (linear time, no recursion, no element stack); all slicing with `get` at ASCII delimiters.

mod entities;
mod lines;

use entities::parse_entity;
use lines::{tidy_lines, LineBuilder};

// ---------------------------------------------------------------------------------------------
// HTML detection
// ---------------------------------------------------------------------------------------------

/// Does the text look like an HTML page (or a fragment with several block tags)?
pub(crate) fn looks_like_html(text: &str) -> bool {
    let b = text.trim_start().as_bytes();
    let starts = |p: &[u8]| b.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if starts(b"<!doctype html") || (starts(b"<html") && b.get(5).is_none_or(|&c| is_tag_delim(c))) {
        return true;
    }
    let mut tags = 0usize;
    let mut i = 0usize;
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        let lt = i + off;
        i = lt + 1;
        let (start, end_tag) = if b.get(lt + 1) == Some(&b'/') { (lt + 2, true) } else { (lt + 1, false) };
        if !b.get(start).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = tag_name_end(b, start);
        let mut buf = [0u8; 16];
        let Some(name) = lower_name(b.get(start..name_end).unwrap_or(&[]), &mut buf) else { continue };
        match name {
            b"body" if !end_tag => return true,
            b"p" | b"div" | b"br" | b"table" | b"tr" | b"td" | b"th" | b"li" | b"ul" | b"ol" | b"span" | b"font" | b"h1" | b"h2"
            | b"h3" | b"h4" | b"h5" | b"h6" | b"body" | b"head" | b"html" => {
                tags += 1;
                if tags >= 3 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn is_html_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn is_tag_delim(b: u8) -> bool {
    is_html_ws(b) || b == b'/' || b == b'>'
}

/// End of a tag name starting at `start` (HTML: up to whitespace, `/` or `>`).
fn tag_name_end(b: &[u8], start: usize) -> usize {
    let mut j = start;
    while b.get(j).is_some_and(|&c| !is_tag_delim(c)) {
        j += 1;
    }
    j
}

/// The tag name in ASCII lower case, or `None` when it is too long to be one we know.
fn lower_name<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let dst = buf.get_mut(..name.len())?;
    for (d, s) in dst.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    Some(dst)
}

// ---------------------------------------------------------------------------------------------
// HTML -> text
// ---------------------------------------------------------------------------------------------

/// What a tag means for the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Contents are raw text that is never shown (`<script>`, `<style>`, `<title>`…).
    Hidden,
    Head,
    Body,
    /// `<template>`: contents not shown; may nest.
    Template,
    /// `<nav>` (0) and `<footer>` (1): page furniture, never plan content; may nest.
    Furniture(usize),
    Pre,
    /// Block element: a line break (1) or a blank line (2) before and after.
    Block(u8),
    Br,
    Meta,
    Other,
}

fn kind(name: &[u8]) -> Kind {
    let mut buf = [0u8; 16];
    let Some(name) = lower_name(name, &mut buf) else { return Kind::Other };
    match name {
        b"script" | b"style" | b"noscript" | b"title" | b"iframe" | b"noembed" | b"noframes" => Kind::Hidden,
        b"head" => Kind::Head,
        b"body" => Kind::Body,
        b"template" => Kind::Template,
        b"nav" => Kind::Furniture(0),
        b"footer" => Kind::Furniture(1),
        b"pre" | b"listing" => Kind::Pre,
        b"br" => Kind::Br,
        b"base" | b"basefont" | b"bgsound" | b"link" | b"meta" => Kind::Meta,
        b"p" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"table" | b"tr" | b"ul" | b"ol" | b"dl" | b"blockquote" | b"section"
        | b"article" | b"header" | b"hr" | b"address" | b"aside" | b"figure" | b"form" | b"main" | b"center" | b"fieldset" | b"details"
        | b"hgroup" | b"menu" => Kind::Block(2),
        b"div" | b"li" | b"td" | b"th" | b"dd" | b"dt" | b"caption" | b"thead" | b"tbody" | b"tfoot" | b"option" | b"figcaption"
        | b"legend" | b"summary" | b"textarea" | b"select" => Kind::Block(1),
        _ => Kind::Other,
    }
}

/// A piece of markup found at a `<`.
enum Markup {
    /// Comment, doctype, processing instruction: nothing to show. Resume at `end`.
    Skip {
        end: usize,
    },
    Start {
        name: (usize, usize),
        end: usize,
    },
    End {
        name: (usize, usize),
        end: usize,
    },
}

/// Parses the markup starting at `b[lt] == b'<'`; `None` when this `<` is just text
/// (`<` followed by a digit, a space, a Chinese character…).
fn parse_markup(b: &[u8], lt: usize) -> Option<Markup> {
    let n = b.len();
    let to_gt = |from: usize| find_byte(b, from, b'>').map_or(n, |k| k + 1);
    match *b.get(lt + 1)? {
        b'!' => {
            if b.get(lt + 2..lt + 4) == Some(b"--") {
                // `<!-->` and `<!--->` are (empty) comments too.
                let end = if b.get(lt + 4) == Some(&b'>') {
                    lt + 5
                } else if b.get(lt + 4..lt + 6) == Some(b"->") {
                    lt + 6
                } else {
                    find_seq(b, lt + 4, b"-->").map_or(n, |k| k + 3)
                };
                Some(Markup::Skip { end })
            } else {
                Some(Markup::Skip { end: to_gt(lt + 2) })
            }
        }
        b'?' => Some(Markup::Skip { end: to_gt(lt + 2) }),
        b'/' => match *b.get(lt + 2)? {
            c if c.is_ascii_alphabetic() => {
                let name_end = tag_name_end(b, lt + 2);
                Some(Markup::End { name: (lt + 2, name_end), end: scan_attributes(b, name_end) })
            }
            b'>' => Some(Markup::Skip { end: lt + 3 }),
            _ => Some(Markup::Skip { end: to_gt(lt + 2) }),
        },
        c if c.is_ascii_alphabetic() => {
            let name_end = tag_name_end(b, lt + 1);
            Some(Markup::Start { name: (lt + 1, name_end), end: scan_attributes(b, name_end) })
        }
        _ => None,
    }
}

fn find_byte(b: &[u8], from: usize, x: u8) -> Option<usize> {
    b.get(from..)?.iter().position(|&c| c == x).map(|k| from + k)
}

fn find_seq(b: &[u8], from: usize, seq: &[u8]) -> Option<usize> {
    let rest = b.get(from..)?;
    if rest.len() < seq.len() {
        return None;
    }
    rest.windows(seq.len()).position(|w| w == seq).map(|k| from + k)
}

/// Skips a tag's attributes (quoted values may contain `>`); returns the position after the
/// closing `>`, or the end of the input for a tag that is never closed.
fn scan_attributes(b: &[u8], mut j: usize) -> usize {
    let n = b.len();
    let at = |j: usize| b.get(j).copied();
    loop {
        while at(j).is_some_and(|c| is_html_ws(c) || c == b'/') {
            j += 1;
        }
        match at(j) {
            None => return n,
            Some(b'>') => return j + 1,
            Some(_) => j += 1, // first character of the name (may even be `=`)
        }
        while at(j).is_some_and(|c| !is_tag_delim(c) && c != b'=') {
            j += 1;
        }
        while at(j).is_some_and(is_html_ws) {
            j += 1;
        }
        if at(j) != Some(b'=') {
            continue;
        }
        j += 1;
        while at(j).is_some_and(is_html_ws) {
            j += 1;
        }
        match at(j) {
            None => return n,
            Some(b'>') => return j + 1,
            Some(q @ (b'"' | b'\'')) => match find_byte(b, j + 1, q) {
                Some(k) => j = k + 1,
                None => return n,
            },
            Some(_) => {
                while at(j).is_some_and(|c| !is_html_ws(c) && c != b'>') {
                    j += 1;
                }
            }
        }
    }
}

/// Skips the contents of a raw-text element up to and including its end tag `</name…>`.
fn skip_raw_text(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut j = from;
    while let Some(lt) = find_byte(b, j, b'<') {
        let start = lt + 2;
        let name_end = start + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && b.get(start..name_end).is_some_and(|s| s.eq_ignore_ascii_case(name))
            && b.get(name_end).is_none_or(|&c| is_tag_delim(c))
        {
            return scan_attributes(b, name_end);
        }
        j = lt + 1;
    }
    b.len()
}

/// Reduces an HTML page to its visible text (see the module docs).
pub(crate) fn html_to_text(src: &str) -> String {
    match HtmlText::run(src, usize::MAX) {
        // A `<nav>`/`<footer>` never closed would hide the rest of the page: run again, keeping
        // the furniture that starts there (the closed ones before it are still dropped).
        (_, Some(unclosed_at)) => HtmlText::run(src, unclosed_at).0,
        (text, None) => text,
    }
}

struct HtmlText<'a> {
    src: &'a str,
    out: LineBuilder,
    /// `<nav>`/`<footer>` starting at or after this byte are kept, not dropped.
    keep_furniture_from: usize,
    in_head: bool,
    templates: usize,
    /// Open `<nav>` and `<footer>` elements being dropped.
    furniture: [usize; 2],
    /// Where the furniture now open began.
    furniture_since: Option<usize>,
    pres: usize,
}

impl<'a> HtmlText<'a> {
    /// Returns the text, and where a dropped `<nav>`/`<footer>` still open at the end began.
    fn run(src: &'a str, keep_furniture_from: usize) -> (String, Option<usize>) {
        let mut h = HtmlText {
            src,
            out: LineBuilder::default(),
            keep_furniture_from,
            in_head: false,
            templates: 0,
            furniture: [0, 0],
            furniture_since: None,
            pres: 0,
        };
        let b = src.as_bytes();
        let (mut i, mut text_start) = (0usize, 0usize);
        while let Some(lt) = find_byte(b, i, b'<') {
            match parse_markup(b, lt) {
                None => i = lt + 1,
                Some(m) => {
                    h.text(text_start, lt);
                    // Always move forward, whatever the markup says.
                    i = h.markup(b, lt, m).clamp(lt + 1, b.len());
                    text_start = i;
                }
            }
        }
        h.text(text_start, b.len());
        (tidy_lines(&h.out.s), h.furniture_since.filter(|_| h.in_furniture()))
    }

    fn hidden(&self) -> bool {
        self.in_head || self.templates > 0 || self.in_furniture()
    }

    fn in_furniture(&self) -> bool {
        self.furniture.iter().any(|&n| n > 0)
    }

    fn text(&mut self, from: usize, to: usize) {
        let Some(s) = self.src.get(from..to) else { return };
        if s.is_empty() {
            return;
        }
        if self.in_head {
            // Text that is not whitespace ends the head, as in a browser.
            if s.bytes().all(is_html_ws) {
                return;
            }
            self.in_head = false;
        }
        if self.templates > 0 || self.in_furniture() {
            return;
        }
        let pre = self.pres > 0;
        let mut rest = s;
        while let Some(amp) = rest.find('&') {
            for c in rest.get(..amp).unwrap_or("").chars() {
                self.out.push(c, pre);
            }
            let after = rest.get(amp + 1..).unwrap_or("");
            match parse_entity(after) {
                Some((c, used)) => {
                    if let Some(c) = c {
                        self.out.push(c, pre);
                    }
                    rest = after.get(used..).unwrap_or("");
                }
                None => {
                    self.out.push('&', pre);
                    rest = after;
                }
            }
        }
        for c in rest.chars() {
            self.out.push(c, pre);
        }
    }

    /// Handles one piece of markup; returns where the text resumes.
    fn markup(&mut self, b: &[u8], lt: usize, m: Markup) -> usize {
        match m {
            Markup::Skip { end } => end,
            Markup::Start { name: (ns, ne), end } => {
                let name = b.get(ns..ne).unwrap_or(&[]);
                let k = kind(name);
                if self.in_head && !matches!(k, Kind::Hidden | Kind::Meta | Kind::Template | Kind::Head) {
                    self.in_head = false;
                }
                match k {
                    Kind::Hidden => return skip_raw_text(b, end, name),
                    Kind::Head => {
                        // A `<head>` after the page has started showing text is ignored.
                        if !self.out.started && self.templates == 0 {
                            self.in_head = true;
                        }
                    }
                    Kind::Body | Kind::Meta | Kind::Other => {}
                    Kind::Template => self.templates = self.templates.saturating_add(1),
                    Kind::Furniture(f) => {
                        self.block(2);
                        if lt < self.keep_furniture_from {
                            if !self.in_furniture() {
                                self.furniture_since = Some(lt);
                            }
                            if let Some(n) = self.furniture.get_mut(f) {
                                *n = n.saturating_add(1);
                            }
                        }
                    }
                    Kind::Pre => {
                        self.block(2);
                        self.pres = self.pres.saturating_add(1);
                    }
                    Kind::Block(w) => self.block(w),
                    Kind::Br => {
                        if !self.hidden() {
                            self.out.line_break();
                        }
                    }
                }
                end
            }
            Markup::End { name: (ns, ne), end } => {
                match kind(b.get(ns..ne).unwrap_or(&[])) {
                    Kind::Head => self.in_head = false,
                    Kind::Template => self.templates = self.templates.saturating_sub(1),
                    Kind::Furniture(f) => {
                        if let Some(n) = self.furniture.get_mut(f) {
                            *n = n.saturating_sub(1);
                        }
                        if !self.in_furniture() {
                            self.furniture_since = None;
                        }
                        self.block(2);
                    }
                    Kind::Pre => {
                        self.pres = self.pres.saturating_sub(1);
                        self.block(2);
                    }
                    Kind::Block(w) => self.block(w),
                    // `</br>` is a line break in browsers too.
                    Kind::Br => {
                        if !self.hidden() {
                            self.out.line_break();
                        }
                    }
                    Kind::Hidden | Kind::Body | Kind::Meta | Kind::Other => {}
                }
                end
            }
        }
    }

    fn block(&mut self, weight: u8) {
        if !self.hidden() {
            self.out.block(weight);
        }
    }
}
