//! The formats plans are published in, each read to text here (one format per file); nothing
//! after this stage knows which format a plan came in:
//! - [`docx`]: Word .docx; [`doc`]: Word 97-2003 .doc and WPS; [`sheet`]: .xlsx, .ods, .xls;
//!   [`pdf`]: PDF with a text layer;
//! - anything else is text ([`text`]: UTF-8, UTF-16, GBK/GB18030) or an HTML page ([`html`]).
//!
//! Tables come out the way the text reader expects them: a .doc or .docx table one cell per
//! line, a spreadsheet one row per line with tab-separated cells.

pub mod doc;
pub mod docx;
pub mod html;
pub mod pdf;
pub mod sheet;
pub mod text;
pub mod xml;
pub mod zip;

use super::IngestError;

/// The text of a document, by its format.
pub fn document_text(bytes: &[u8]) -> Result<String, IngestError> {
    if zip::is_zip(bytes) {
        return zip_text(bytes);
    }
    if doc::is_ole(bytes) {
        return match doc::ole_kind(bytes) {
            Err(why) => Err(IngestError::Format(format!(
                "an Office 97-2003 file (.doc, .xls, .wps) that cannot be read ({why}); open it in Word or WPS and save it as .docx"
            ))),
            Ok(doc::OleKind::Word) => doc::doc_to_text(bytes),
            Ok(doc::OleKind::Excel) => doc::workbook_stream(bytes)
                .map_err(|why| {
                    IngestError::Format(format!("an Excel 97-2003 (.xls) workbook that cannot be read ({why}); save it as .xlsx"))
                })
                .and_then(|w| sheet::xls_to_text(&w)),
            Ok(doc::OleKind::Other) => Err(IngestError::Format(
                "an Office 97-2003 (OLE) file that is neither a Word document nor a workbook; save the plan as .docx, .xlsx or text".into(),
            )),
        };
    }
    if pdf::is_pdf(bytes) {
        return pdf::pdf_to_text(bytes);
    }
    text::decode(bytes)
}

/// A ZIP archive: Word, Excel or OpenDocument, by the members it holds.
fn zip_text(bytes: &[u8]) -> Result<String, IngestError> {
    if let Err(why) = zip::check(bytes) {
        return Err(IngestError::Format(format!(
            "a ZIP archive (.docx, .xlsx, .ods) that cannot be read ({why}); save the plan again, or as text"
        )));
    }
    if zip::has_member(bytes, "word/document.xml") {
        docx::docx_to_text(bytes)
    } else if sheet::is_xlsx(bytes) {
        sheet::xlsx_to_text(bytes)
    } else if sheet::is_ods(bytes) {
        sheet::ods_to_text(bytes)
    } else {
        Err(IngestError::Format(
            "a ZIP archive that is not a Word (.docx), Excel (.xlsx) or OpenDocument spreadsheet (.ods) file; give one plan document"
                .into(),
        ))
    }
}
