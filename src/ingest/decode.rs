//! Bytes -> text. (Being written: UTF-8 / UTF-16 BOM / GBK-GB18030 detection and HTML to text.)
use super::IngestError;

pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    std::str::from_utf8(bytes).map(|s| s.to_string()).map_err(|e| IngestError::Binary(e.to_string()))
}
