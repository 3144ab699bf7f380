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
mod tests {
    use super::super::html::*;
    use super::*;
    use encoding_rs::{Encoding, GB18030, GBK};

    fn binary_reason(r: Result<String, IngestError>) -> String {
        match r {
            Err(IngestError::Binary(why)) => why,
            other => panic!("expected Binary, got {other:?}"),
        }
    }

    /// Non-empty lines, trimmed.
    fn lines(s: &str) -> Vec<&str> {
        s.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
    }

    const PLAN: &str = "资阳区法治政府建设实施方案（2021-2025年）\n\
        一、总体要求\n\
        （一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导。\n\
        1.完善依法行政制度体系。（牵头单位：区司法局；责任单位：区直各单位）\n\
        2.推进严格规范公正文明执法。（牵头单位：区司法局、区公安分局）\n\
        二、保障措施\n";

    fn html_page(body: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>关于印发实施方案的通知</title>\n\
             <style>p {{ text-indent: 2em; }} .x > a {{ color: red }}</style>\n\
             <script>var s = \"<p>not text</p>\"; if (a < b && c > d) {{}}</script>\n</head>\n<body>\n\
             <nav><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zc\">政策文件</a></li></ul></nav>\n\
             <noscript><p>请启用JavaScript</p></noscript>\n<!-- 正文开始 <p>注释</p> -->\n\
             <div class=\"content\">\n{body}</div>\n<script type=\"text/javascript\">document.write('<div>x</div>');</script>\n\
             <template><p>模板</p></template>\n<footer><p>版权所有</p><nav>网站地图</nav></footer>\n</body>\n</html>\n"
        )
    }

    fn as_paragraphs(plain: &str) -> String {
        plain.lines().map(|l| format!("<p>{l}</p>\n")).collect()
    }

    #[test]
    fn utf8_plain_text_is_kept() {
        assert_eq!(decode(PLAN.as_bytes()).unwrap(), PLAN);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(PLAN.as_bytes());
        assert_eq!(decode(&bytes).unwrap(), PLAN);
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        assert_eq!(decode("一、总体\r\n二、措施\r三、其他\r\n".as_bytes()).unwrap(), "一、总体\n二、措施\n三、其他\n");
    }

    #[test]
    fn gbk_bytes_are_decoded() {
        let (gbk, _, had_errors) = GBK.encode(PLAN);
        assert!(!had_errors);
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(decode(&gbk).unwrap(), PLAN);
        // GB18030-only characters (four-byte sequences) too.
        let rare = "𠀀㐀€ 计划\n";
        let (gb, _, had_errors) = GB18030.encode(rare);
        assert!(!had_errors);
        assert_eq!(decode(&gb).unwrap(), rare);
    }

    #[test]
    fn gbk_html_with_meta_charset() {
        let page = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>{}</body></html>",
            as_paragraphs(PLAN)
        );
        let (gbk, _, had_errors) = GBK.encode(&page);
        assert!(!had_errors);
        assert_eq!(lines(&decode(&gbk).unwrap()), lines(PLAN));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in PLAN.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), PLAN);
        assert_eq!(decode(&be).unwrap(), PLAN);
        // Odd length: not UTF-16.
        le.push(0x41);
        assert!(binary_reason(decode(&le)).contains("UTF-16LE"));
    }

    #[test]
    fn empty_and_whitespace() {
        for input in [&b""[..], b"   ", b"\n\r\n\t ", "\u{3000}\u{3000}\n".as_bytes(), b"\xEF\xBB\xBF", b"\xEF\xBB\xBF \n"] {
            assert_eq!(decode(input), Err(IngestError::Empty), "{input:?}");
        }
        assert_eq!(decode(&[0xFF, 0xFE, 0x20, 0x00, 0x00, 0x30]), Err(IngestError::Empty));
        assert_eq!(decode(b"<html><head><title>x</title></head><body>&nbsp;<script>x()</script></body></html>"), Err(IngestError::Empty));
    }

    #[test]
    fn binary_signatures() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert!(binary_reason(decode(png)).contains("PNG"));
        let zip = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0word/document.xml";
        let why = binary_reason(decode(zip));
        assert!(why.contains("ZIP/DOCX"), "{why}");
        assert!(binary_reason(decode(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")).contains("PDF"));
        assert!(binary_reason(decode(b"\xFF\xD8\xFF\xE0\0\x10JFIF")).contains("JPEG"));
        assert!(binary_reason(decode(b"GIF89a\x01\0\x01\0")).contains("GIF"));
        assert!(binary_reason(decode(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0")).contains("OLE"));
    }

    fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn random_bytes_are_binary() {
        for seed in 1..20 {
            let why = binary_reason(decode(&random_bytes(seed, 4096)));
            assert!(!why.is_empty());
        }
    }

    #[test]
    fn nul_and_control_characters() {
        assert!(binary_reason(decode(b"plan\0text")).contains("NUL"));
        let utf16_no_bom: Vec<u8> = "plan text here".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(binary_reason(decode(&utf16_no_bom)).contains("UTF-16"));
        assert!(binary_reason(decode(b"abc\x01\x02def\x03\x04")).contains("control"));
        // A few control characters in a long text are fine; tabs and form feeds always are.
        let mut ok = "正文\t内容\x0c第二页\n".repeat(20);
        ok.push('\x1b');
        assert!(decode(ok.as_bytes()).is_ok());
    }

    #[test]
    fn gb_labels_agree_with_encoding_rs() {
        for label in [
            "gbk",
            "GB2312",
            "x-gbk",
            "gb18030",
            "GB18030",
            "chinese",
            "csgb2312",
            "csiso58gb231280",
            "gb_2312",
            "gb_2312-80",
            "iso-ir-58",
            "utf-8",
            "big5",
            "gb",
            "gb-2312",
            "euc-cn",
            "x-euc-cn",
            "hz-gb-2312",
            "gbk2",
        ] {
            let by_table = Encoding::for_label(label.as_bytes()).is_some_and(|e| e == GBK || e == GB18030);
            assert_eq!(is_gb_label(label.as_bytes()), by_table, "{label}");
        }
    }

    #[test]
    fn invalid_bytes_reason_has_offset() {
        let mut bytes = b"abc ".to_vec();
        bytes.extend_from_slice(&[0xFF, 0x41]);
        let why = binary_reason(decode(&bytes));
        assert!(why.contains("byte 4") && why.contains("not UTF-8 or GBK"), "{why}");
    }

    #[test]
    fn utf8_with_a_bad_byte_is_not_taken_for_gbk() {
        // Even-length runs of UTF-8 Chinese decode as (wrong) GB18030 without errors; a UTF-8
        // file with one bad byte must not come out as mojibake.
        let mut bytes = "中文".repeat(10).into_bytes();
        bytes.push(0xB0);
        bytes.push(0xA1);
        assert!(decode_strict(Codec::Gb18030, &bytes).is_ok());
        let why = binary_reason(decode(&bytes));
        assert!(why.contains("UTF-8"), "{why}");
    }

    #[test]
    fn truncated_last_character_is_dropped() {
        let mut bytes = PLAN.as_bytes().to_vec();
        bytes.extend_from_slice(&"法".as_bytes()[..2]);
        assert_eq!(decode(&bytes).unwrap(), PLAN);
    }

    #[test]
    fn html_page_gives_the_plain_lines() {
        let page = html_page(&as_paragraphs(PLAN));
        let text = decode(page.as_bytes()).unwrap();
        assert_eq!(lines(&text), lines(PLAN), "{text}");
        for hidden in ["首页", "not text", "模板", "版权所有", "网站地图", "注释", "关于印发"] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
        // Word-style markup: spans, o:p, conditional comments, attributes with `>` in quotes.
        let word: String = PLAN
            .lines()
            .map(|l| {
                format!(
                    "<p class=MsoNormal style='text-indent:2em' title=\"a>b\"><span lang=EN-US>\
                     <![if !supportLists]><![endif]>{l}</span><o:p></o:p></p>\r\n"
                )
            })
            .collect();
        let word = format!("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><!--[if gte mso 9]><xml><w:Word>x</w:Word></xml><![endif]--></head><body lang=ZH-CN>{word}</body></html>");
        assert_eq!(lines(&decode(word.as_bytes()).unwrap()), lines(PLAN));
    }

    #[test]
    fn html_fragment_and_blank_lines() {
        let frag = "<div>一、总体要求</div><div><p>（一）指导思想</p><p>二、措施</p></div>";
        assert_eq!(decode(frag.as_bytes()).unwrap(), "一、总体要求\n\n（一）指导思想\n\n二、措施\n");
    }

    #[test]
    fn entities() {
        let html = "<p>&ldquo;放管服&rdquo;改革&mdash;&mdash;深化&hellip;&nbsp;A&amp;B &lt;规划&gt; &quot;q&quot; &#39;s&#x27; &#20013;&#x6587; &middot; &copy&nbsp&unknown; & x</p><p>b</p><p>c</p>";
        assert_eq!(decode(html.as_bytes()).unwrap(), "“放管服”改革——深化… A&B <规划> \"q\" 's' 中文 · © &unknown; & x\n\nb\n\nc\n");
        // Decoded `<` is text, never markup; Windows-1252 numeric references; bad values.
        let html = "<p>&lt;p&gt; &#150; &#x110000; &#0; &#1;x &#99999999999999999999;</p><br><br>";
        assert_eq!(decode(html.as_bytes()).unwrap(), "<p> – \u{FFFD} \u{FFFD} x \u{FFFD}\n");
    }

    #[test]
    fn br_and_whitespace() {
        let html = "<div>第一行<br>第二行<br/>第三行<BR />\n\n<br>第五行</div>  <p>  多个   空格\t和\n换行  </p><p>区司\n   法局</p><p>2021\n年 a\nb</p>";
        assert_eq!(decode(html.as_bytes()).unwrap(), "第一行\n第二行\n第三行\n\n第五行\n\n多个 空格 和换行\n\n区司法局\n\n2021 年 a b\n");
    }

    #[test]
    fn tables_put_each_cell_on_its_own_line() {
        let html = "<table><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>\
                    <tr><td>1</td><td>完善制度</td><td>区司法局</td></tr></table>";
        assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["序号", "任务", "牵头单位", "1", "完善制度", "区司法局"]);
    }

    #[test]
    fn literal_angle_brackets_are_text() {
        let html = "<p>《资阳区贯彻落实<法治湖南建设规划（2021-2025年）>实施细则》</p><p>a < b, 3<4</p><p>x</p>";
        assert_eq!(
            lines(&decode(html.as_bytes()).unwrap()),
            ["《资阳区贯彻落实<法治湖南建设规划（2021-2025年）>实施细则》", "a < b, 3<4", "x"]
        );
        // Plain text with such brackets is not HTML.
        let plain = "关于征求《资阳区贯彻落实<法治湖南建设规划>实施细则》意见的函\n";
        assert_eq!(decode(plain.as_bytes()).unwrap(), plain);
    }

    #[test]
    fn pre_keeps_line_breaks() {
        let html = "<p>前</p><pre>\n一、总体\n  二、措施\n</pre><p>后</p>";
        assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["前", "一、总体", "二、措施", "后"]);
    }

    #[test]
    fn head_without_end_tag_and_unclosed_nav() {
        let html = "<html><head><title>标题</title><meta charset=utf-8><p>正文一</p><p>正文二</p></html>";
        assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["正文一", "正文二"]);
        let html = "<html><body><nav>导航<p>正文一</p><p>正文二</p></body></html>";
        assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["导航", "正文一", "正文二"]);
        let html = "<p>正文一</p><footer>版权所有</footer><p>正文二</p><footer><p>正文三</p>";
        assert_eq!(lines(&decode(html.as_bytes()).unwrap()), ["正文一", "正文二", "正文三"]);
    }

    #[test]
    fn deep_nesting_does_not_blow_the_stack() {
        let n = 100_000;
        let html = format!("{}正文{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(decode(html.as_bytes()).unwrap(), "正文\n");
        let html = format!("<p>a</p>{}<p>b</p>{}", "<template>".repeat(n), "</template>".repeat(n));
        assert_eq!(decode(html.as_bytes()).unwrap(), "a\n");
        let html = format!("<p>a</p>{}b", "<span><nav><pre><b>".repeat(n));
        assert!(decode(html.as_bytes()).is_ok());
    }

    #[test]
    fn pathological_inputs_are_fast_and_safe() {
        let n = 200_000;
        let cases = [
            format!("<p>x</p>{}", "<a ".repeat(n)),
            format!("<p>x</p>{}", "<script>".repeat(n)),
            format!("<p>x</p>{}", "<!--".repeat(n)),
            format!("<p>x</p>{}", "<a href=\"".repeat(n)),
            format!("<p>x</p>{}", "&#".repeat(n)),
            format!("<p>x</p>{}", "&amp".repeat(n)),
            format!("<p>x</p>{}", "<".repeat(n)),
            format!("<p>x</p>{}", "</".repeat(n)),
            format!("<p>x</p>{}", "<!".repeat(n)),
            format!("<p>x</p>{}", "&#x".repeat(n)),
            format!("<p>x</p><p>{}</p>", "1".repeat(n)),
            format!("<p>x</p><p>&#{};</p>", "9".repeat(n)),
            format!("<p>x</p><p>&{};</p>", "a".repeat(n)),
            format!("<body>{}", "<p>\n".repeat(n)),
            "charset=".repeat(n),
        ];
        for case in &cases {
            let _ = decode(case.as_bytes());
        }
    }

    #[test]
    fn never_panics_on_truncated_or_mutated_input() {
        let page = html_page(&as_paragraphs(PLAN));
        let (gbk, _, _) = GBK.encode(&page);
        for bytes in [page.as_bytes(), &gbk[..]] {
            for cut in 0..bytes.len() {
                let _ = decode(&bytes[..cut]);
                let _ = decode(&bytes[cut..]);
            }
        }
        for seed in 1..200u64 {
            let mut bytes = page.as_bytes().to_vec();
            let noise = random_bytes(seed, 16);
            for pair in noise.chunks(2) {
                let at = (pair[0] as usize * 131 + pair[1] as usize * 7) % bytes.len();
                bytes[at] = pair[1];
            }
            let _ = decode(&bytes);
            let _ = decode(&random_bytes(seed, seed as usize * 3));
        }
    }

    #[test]
    fn looks_like_html_is_strict_enough() {
        assert!(looks_like_html("  <!doctype HTML><p>x"));
        assert!(looks_like_html("<HTML>"));
        assert!(looks_like_html("text <BODY bgcolor=white> more"));
        assert!(looks_like_html("<p>a</p><p>b</p>"));
        assert!(!looks_like_html("<p>a</p>"));
        assert!(!looks_like_html("<htmlx> <法治湖南> <1> a<b"));
    }
}
