//! PDF with a text layer -> text: every page's text in reading order (lines top to bottom,
//! runs left to right), cells of a table line separated by tabs, a line that reaches the right
//! margin joined to the next (it wrapped there), page numbers and running headers dropped.
//!
//! Stages, one per file: `syntax` (objects from bytes) → `document` (the file's objects,
//! streams and pages) → `fonts` (bytes of a shown string → text, widths) → `content` (text
//! operators → positioned runs) → `layout` (runs → lines → one text).
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

mod content;
mod document;
mod fonts;
mod layout;
mod syntax;

use crate::ingest::IngestError;
use content::{page_runs, Fonts};
use document::{find, Doc};
use layout::{join_pages, lines_of, Line};
use syntax::Obj;

/// The most bytes decompressed from one stream, and from all of them together.
pub(super) const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// How deep arrays and dictionaries nest, and how deep the page tree goes.
pub(super) const MAX_DEPTH: usize = 32;

fn not_pdf(why: impl std::fmt::Display) -> IngestError {
    IngestError::Format(format!("a PDF that cannot be read ({why})"))
}

/// Is this a PDF file?
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF")
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the pdf fuzz target: a stream /Length beyond any size overflowed the end offset.
    #[test]
    fn a_stream_length_beyond_any_size_is_a_refusal_not_an_overflow() {
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj\n3 0 obj << /Type /Page /Contents 4 0 R >> endobj\n4 0 obj << /Length 7777777777777777777777777777777777777777777777 >>\nstream\nBT ET\nendstream\nendobj\n";
        assert!(pdf_to_text(pdf).is_err());
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

    /// A page tree whose kids name nodes again and again (or itself) is walked once per node.
    #[test]
    fn a_page_tree_with_repeated_kids_is_walked_once() {
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R 2 0 R 3 0 R 2 0 R] >> endobj\n3 0 obj << /Type /Pages /Kids [2 0 R 3 0 R 4 0 R 3 0 R 2 0 R] >> endobj\n4 0 obj << /Type /Page >> endobj\n";
        let e = pdf_to_text(pdf).unwrap_err().to_string();
        assert!(e.contains("no text layer"), "{e}");
    }
}
