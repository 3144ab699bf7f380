//! Text and HTML documents: bytes -> text. (The HTML reduction is [`super::html`].)
//!
//! * Encoding: UTF-8 (a BOM is stripped), UTF-16 LE/BE with a BOM, otherwise GB18030 (a superset
//!   of GBK/GB2312) when the bytes are not UTF-8 and decode without a single error.
//! * Anything else is [`IngestError::Binary`] with a short reason: known file signatures (PDF,
//!   ZIP/DOCX, OLE .doc, images, archives), NUL bytes, more than 10% control characters, or bytes
//!   that are neither UTF-8 nor GBK.
//! * Line ends (CRLF, CR, U+2028/9, NEL) become `\n`; every U+FEFF is removed.
//! * An HTML page is reduced to its visible text, one block (paragraph, list item, table cell…)
//!   per line, so a plain-text plan and the same plan as an HTML page give the same non-empty
//!   lines. `<script>`, `<style>`, `<noscript>`, `<template>`, `<title>`, the `<head>`, comments,
//!   and the page furniture in `<nav>` and `<footer>` are dropped (but a `<nav>`/`<footer>` that
//!   is never closed is kept, so a broken page does not lose its text).
//!
//! Everything here is a single forward pass over the input (linear time, no recursion, no
//! element stack), and never panics: all slicing is done with `get` at ASCII delimiters.

use super::html::{html_to_text, looks_like_html};
use crate::ingest::IngestError;

/// Decodes a document's bytes to text (HTML reduced to its visible text, lines ended by `\n`).
///
/// Errors: [`IngestError::Empty`] when there is no visible character (no bytes, only whitespace
/// or BOMs, or an HTML page without text); [`IngestError::Binary`] when the bytes are not text in
/// UTF-8, UTF-16 (with BOM) or GB18030/GBK.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if let Some(what) = binary_signature(bytes) {
        return Err(IngestError::Binary(what.to_string()));
    }
    let text = to_text(bytes)?;
    if is_blank(&text) {
        return Err(IngestError::Empty);
    }
    check_not_binary(&text, bytes)?;
    let text = normalise_newlines(&text);
    let text = if looks_like_html(&text) { html_to_text(&text) } else { text };
    if is_blank(&text) {
        return Err(IngestError::Empty);
    }
    Ok(text)
}

fn binary(reason: impl Into<String>) -> IngestError {
    IngestError::Binary(reason.into())
}

/// Only whitespace (ASCII, full-width, no-break…) and byte-order marks?
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
}

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

/// File signatures of formats people save plans in that are not text.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF file; save the document as text or HTML"),
        (b"PK\x03\x04", "a ZIP/DOCX archive; save the document as text or HTML"),
        (b"PK\x05\x06", "a ZIP/DOCX archive; save the document as text or HTML"),
        (b"PK\x07\x08", "a ZIP/DOCX archive; save the document as text or HTML"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "a Word/Excel/WPS 97-2003 (OLE) file; save the document as text or HTML"),
        (b"{\\rtf", "an RTF document; save the document as text or HTML"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"Rar!\x1A\x07", "a RAR archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7z archive"),
        (b"\xFF\xFE\x00\x00", "UTF-32 text, which is not supported"),
        (b"\x00\x00\xFE\xFF", "UTF-32 text, which is not supported"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|&(_, what)| what)
}

/// Non-ASCII characters in a valid UTF-8 prefix beyond which the file is taken to be UTF-8 (and
/// not GBK that happens to start like UTF-8: the chance of that is about 0.14 per character).
const STRONG_UTF8: usize = 8;

fn to_text(bytes: &[u8]) -> Result<String, IngestError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) if e.error_len().is_none() => Ok(utf8_prefix(rest, e.valid_up_to()).to_owned()),
            Err(e) => Err(binary(format!("invalid UTF-8 byte sequence at byte {} after a UTF-8 byte-order mark", e.valid_up_to() + 3))),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_strict(Codec::Utf16Le, rest)
            .map_err(|e| e.into_error(|at| format!("invalid UTF-16LE text at byte {} (after its byte-order mark)", at + 2)));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_strict(Codec::Utf16Be, rest)
            .map_err(|e| e.into_error(|at| format!("invalid UTF-16BE text at byte {} (after its byte-order mark)", at + 2)));
    }
    let e = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(s.to_owned()),
        Err(e) => e,
    };
    let valid = e.valid_up_to();
    let prefix = utf8_prefix(bytes, valid);
    let evidence = prefix.chars().filter(|c| !c.is_ascii()).take(STRONG_UTF8).count();
    // Only the last character is cut off (a truncated download or copy): keep the rest.
    let truncated = e.error_len().is_none();
    if truncated && evidence > 0 {
        return Ok(prefix.to_owned());
    }
    let declared_gb = declares_gb_charset(bytes);
    if evidence >= STRONG_UTF8 && !declared_gb {
        return Err(binary(format!("invalid UTF-8 byte sequence at byte {valid} in text that is UTF-8 before it, so not GBK either")));
    }
    match decode_strict(Codec::Gb18030, bytes) {
        Ok(text) => Ok(text),
        Err(Malformed::At(_)) if truncated => Ok(prefix.to_owned()),
        Err(Malformed::Unsupported(why)) => Err(binary(why)),
        Err(Malformed::At(gb_at)) => {
            let at = valid.max(gb_at);
            let declared = if declared_gb { " (the page declares a GBK/GB2312 charset)" } else { "" };
            Err(binary(format!("invalid byte sequence at byte {at}, not UTF-8 or GBK{declared}")))
        }
    }
}

/// The first `valid` bytes as text (they were checked by `from_utf8`).
fn utf8_prefix(bytes: &[u8], valid: usize) -> &str {
    bytes.get(..valid).and_then(|p| std::str::from_utf8(p).ok()).unwrap_or("")
}

/// The encodings besides UTF-8 that documents come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf16Le,
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312.
    Gb18030,
}

/// GBK/GB18030 bytes as text, for PDF fonts that use a GB CMap (GBK-EUC-H…); a malformed or
/// undecodable sequence gives U+FFFD for the whole string.
pub(crate) fn gb18030(bytes: &[u8]) -> String {
    decode_strict(Codec::Gb18030, bytes).unwrap_or_else(|_| "\u{FFFD}".to_string())
}

/// Why [`decode_strict`] gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Malformed {
    /// The first malformed sequence starts at this byte.
    At(usize),
    /// The platform cannot decode this encoding at all (a browser without the TextDecoder).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Unsupported(String),
}

impl Malformed {
    fn into_error(self, at: impl FnOnce(usize) -> String) -> IngestError {
        match self {
            Malformed::At(n) => binary(at(n)),
            Malformed::Unsupported(why) => binary(why),
        }
    }
}

/// Decodes all of `bytes` with `codec` (no BOM sniffing, a BOM is kept as U+FEFF), or gives the
/// offset of the first malformed sequence. Native builds use encoding_rs.
#[cfg(not(target_arch = "wasm32"))]
fn decode_strict(codec: Codec, bytes: &[u8]) -> Result<String, Malformed> {
    use encoding_rs::{DecoderResult, GB18030, UTF_16BE, UTF_16LE};
    let encoding = match codec {
        Codec::Utf16Le => UTF_16LE,
        Codec::Utf16Be => UTF_16BE,
        Codec::Gb18030 => GB18030,
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or_else(|| bytes.len().saturating_mul(2));
    let mut out = String::with_capacity(capacity);
    let mut pos = 0usize;
    loop {
        let src = bytes.get(pos..).unwrap_or(&[]);
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, true);
        pos = pos.saturating_add(read);
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(src.len().saturating_sub(read).saturating_mul(3).max(64)),
            DecoderResult::Malformed(bad, after) => {
                return Err(Malformed::At(pos.saturating_sub(usize::from(bad) + usize::from(after))));
            }
        }
    }
}

/// The browser build decodes with the browser's own `TextDecoder` (the WHATWG decoders that
/// encoding_rs implements too), which keeps encoding_rs's GB18030 tables, about half of the
/// module, out of the wasm.
#[cfg(target_arch = "wasm32")]
fn decode_strict(codec: Codec, bytes: &[u8]) -> Result<String, Malformed> {
    let label = match codec {
        Codec::Utf16Le => "utf-16le",
        Codec::Utf16Be => "utf-16be",
        Codec::Gb18030 => "gb18030",
    };
    let decode = |input: &[u8], stream: bool| -> Result<Option<String>, Malformed> {
        text_decoder::decode(label, input, stream)
            .map_err(|e| Malformed::Unsupported(format!("this browser cannot decode {label} text ({e}); save the document as UTF-8")))
    };
    if let Some(text) = decode(bytes, false)? {
        return Ok(text);
    }
    // A fatal TextDecoder says only that the bytes are malformed. Find where, as encoding_rs
    // reports it (the first byte of the malformed sequence): the shortest prefix on which a
    // streaming decode fails ends with that sequence (a prefix that merely stops inside a
    // sequence is fine when streaming); its start is the last sequence boundary before that
    // end, i.e. the longest shorter prefix that decodes completely. A sequence is at most 4
    // bytes. When every prefix streams fine, the text ends inside a sequence.
    let (mut lo, mut hi) = (0usize, bytes.len() + 1);
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if decode(&bytes[..mid], true)?.is_some() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let end = hi.min(bytes.len());
    for start in (end.saturating_sub(4)..end).rev() {
        if decode(&bytes[..start], false)?.is_some() {
            return Err(Malformed::At(start));
        }
    }
    Err(Malformed::At(end.saturating_sub(4)))
}

/// The browser's `TextDecoder`, fatal on malformed input.
#[cfg(target_arch = "wasm32")]
mod text_decoder {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        type TextDecoder;
        #[wasm_bindgen(constructor, catch)]
        fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
        #[wasm_bindgen(method, catch)]
        fn decode(this: &TextDecoder, input: &[u8], options: &JsValue) -> Result<String, JsValue>;
    }

    fn options(pairs: &[(&str, bool)]) -> JsValue {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            // Setting a property on a fresh plain object cannot fail.
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_bool(*v));
        }
        o.into()
    }

    /// `Ok(Some(text))`, `Ok(None)` when the bytes are malformed (with `stream`, a sequence cut
    /// off at the end is not), `Err` when the browser has no decoder for `label`. A BOM is kept.
    pub fn decode(label: &str, input: &[u8], stream: bool) -> Result<Option<String>, String> {
        let decoder = TextDecoder::new(label, &options(&[("fatal", true), ("ignoreBOM", true)]))
            .map_err(|e| String::from(js_sys::Error::from(e).message()))?;
        Ok(decoder.decode(input, &options(&[("stream", stream)])).ok())
    }
}

/// Does the head of an HTML page declare a GBK-family charset (`<meta charset=gbk>`,
/// `content="text/html; charset=gb2312"`)?
fn declares_gb_charset(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let mut i = 0;
    while let Some(off) = find_ci(head.get(i..).unwrap_or(&[]), b"charset") {
        let mut j = i + off + b"charset".len();
        let skip_ws = |j: &mut usize| {
            while head.get(*j).is_some_and(|b| b.is_ascii_whitespace()) {
                *j += 1;
            }
        };
        skip_ws(&mut j);
        if head.get(j) == Some(&b'=') {
            j += 1;
            skip_ws(&mut j);
            if matches!(head.get(j), Some(b'"' | b'\'')) {
                j += 1;
            }
            let start = j;
            while head.get(j).is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')) {
                j += 1;
            }
            let label = head.get(start..j).unwrap_or(&[]);
            if is_gb_label(label) {
                return true;
            }
        }
        i = j;
    }
    false
}

/// Is `label` one of the WHATWG Encoding Standard's labels of GBK or GB18030 (ASCII case
/// ignored, as `encoding_rs::Encoding::for_label` does)?
fn is_gb_label(label: &[u8]) -> bool {
    const GB_LABELS: &[&[u8]] =
        &[b"chinese", b"csgb2312", b"csiso58gb231280", b"gb2312", b"gb_2312", b"gb_2312-80", b"gbk", b"iso-ir-58", b"x-gbk", b"gb18030"];
    GB_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label))
}

/// Position of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// NUL characters or too many control characters mean this is not a text document.
fn check_not_binary(text: &str, bytes: &[u8]) -> Result<(), IngestError> {
    let (mut total, mut controls, mut nul) = (0usize, 0usize, false);
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            nul = true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    if nul {
        return Err(binary(if looks_like_bomless_utf16(bytes) {
            "NUL bytes: it looks like UTF-16 text without a byte-order mark"
        } else {
            "it contains NUL bytes"
        }));
    }
    if controls.saturating_mul(10) > total {
        let percent = controls.saturating_mul(100) / total.max(1);
        return Err(binary(format!("{percent}% of its characters are control codes")));
    }
    Ok(())
}

/// Zero bytes at (nearly) every other position, as ASCII in UTF-16 without a BOM has.
fn looks_like_bomless_utf16(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let half = head.len() / 2;
    half >= 2 && (even.max(odd) * 5 >= half * 2) && even.min(odd) * 10 <= even.max(odd)
}

/// CRLF, CR, U+2028, U+2029 and NEL become `\n`; U+FEFF (BOM / zero-width no-break space) goes.
fn normalise_newlines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\u{FEFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
