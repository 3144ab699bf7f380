//! PDF -> text (in progress: see issue #11).

use crate::ingest::IngestError;

/// Is this a PDF file?
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF")
}

pub fn pdf_to_text(_bytes: &[u8]) -> Result<String, IngestError> {
    Err(IngestError::Format("a PDF file, which is not read yet; save the plan as .docx, text or HTML".into()))
}
