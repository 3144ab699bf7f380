//! The page's text as lines: whitespace collapsed as a browser does, line breaks only between
//! pieces of text, lines tidied.

/// Builds the text of the page: collapses whitespace as a browser does, and puts line breaks
/// only between pieces of text (never leading, never trailing).
#[derive(Default)]
pub(super) struct LineBuilder {
    pub(super) s: String,
    /// Line breaks wanted before the next visible character (0, 1, or 2 for a blank line).
    breaks: u8,
    /// Whitespace seen since the last visible character.
    space: u8,
    /// Last visible character of the current line.
    last: Option<char>,
    pub(super) started: bool,
}

const SPACE: u8 = 1;
const SEGMENT_BREAK: u8 = 2;
const NBSP: u8 = 4;

impl LineBuilder {
    pub(super) fn push(&mut self, c: char, pre: bool) {
        match c {
            '\n' | '\r' if pre => {
                self.line_break();
                return;
            }
            ' ' | '\t' | '\x0c' => {
                self.space |= SPACE;
                return;
            }
            '\n' | '\r' => {
                self.space |= SEGMENT_BREAK;
                return;
            }
            '\u{A0}' => {
                self.space |= NBSP;
                return;
            }
            _ => {}
        }
        if self.breaks > 0 {
            if self.started {
                for _ in 0..self.breaks {
                    self.s.push('\n');
                }
            }
            self.breaks = 0;
            self.last = None;
        } else if self.space != 0 {
            if let Some(prev) = self.last {
                // A source line break between two Chinese characters is not a space (CSS Text
                // segment-break rule), so `区司\n法局` stays `区司法局`.
                let cjk_join = self.space & NBSP == 0 && self.space & SEGMENT_BREAK != 0 && is_wide(prev) && is_wide(c);
                if !cjk_join {
                    self.s.push(' ');
                }
            }
        }
        self.space = 0;
        self.s.push(c);
        self.last = Some(c);
        self.started = true;
    }

    pub(super) fn block(&mut self, weight: u8) {
        self.breaks = self.breaks.max(weight.min(2));
        self.space = 0;
    }

    pub(super) fn line_break(&mut self) {
        self.breaks = (self.breaks + 1).min(2);
        self.space = 0;
    }
}

/// East Asian wide/full-width characters (CJK ideographs, kana, CJK and full-width punctuation).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF
        | 0xF900..=0xFAFF | 0xFE10..=0xFE19 | 0xFE30..=0xFE6F | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Trims every line and keeps at most one blank line between non-empty lines.
pub(super) fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    let mut blank = false;
    for line in s.split('\n') {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank {
                out.push('\n');
            }
        }
        out.push_str(line);
        blank = false;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}
