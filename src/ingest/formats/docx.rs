//! .docx (Office Open XML) -> text: the paragraphs of `word/document.xml`, one per line, so a
//! plan saved from Word gives the same lines as the same plan saved as text. Table cells are
//! paragraphs too, so a division-of-labour table reads as the flattened rows plain text has.

use super::xml::event_text;
use super::zip::zip_member;
use crate::ingest::IngestError;
use quick_xml::events::Event;

fn not_docx(why: impl std::fmt::Display) -> IngestError {
    IngestError::Format(format!(
        "a Word .docx document that cannot be read ({why}); open it in Word or WPS and save it again, or save it as text"
    ))
}

/// The text of a .docx: one line per paragraph (`<w:p>`), `<w:tab/>` as a tab, `<w:br/>` as a
/// line break. Deleted text (`<w:delText>`, tracked changes) and field codes are not text.
pub fn docx_to_text(bytes: &[u8]) -> Result<String, IngestError> {
    let xml = zip_member(bytes, "word/document.xml").map_err(not_docx)?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => in_text = e.name().as_ref() == b"w:t",
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:tab" => out.push('\t'),
                b"w:br" | b"w:cr" => out.push('\n'),
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => out.push('\n'),
                _ => {}
            },
            Ok(e @ (Event::Text(_) | Event::GeneralRef(_))) if in_text => {
                out.push_str(&event_text(&e).map_err(not_docx)?.unwrap_or_default())
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(not_docx(format!("bad XML at byte {}: {e}", reader.buffer_position()))),
        }
    }
    Ok(out)
}
