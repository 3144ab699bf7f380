//! Malformed GBK/UTF-16 input and the error `decode` must give for it. Shared by the native
//! test (tests/decode.rs, encoding_rs) and the browser test (tests/wasm.rs, TextDecoder), so
//! both builds are held to the same byte offsets.

pub const MALFORMED_TEXT: &[(&[u8], &str)] = &[
    (b"\xD6\xD0\xCE\xC4\x81 ab", "invalid byte sequence at byte 4, not UTF-8 or GBK"),
    (b"\xD6\xD0\x81\x30\x81 ab", "invalid byte sequence at byte 2, not UTF-8 or GBK"),
    (b"\xD6\xD0\xFF\x41", "invalid byte sequence at byte 2, not UTF-8 or GBK"),
    (b"\xD6\xD0\xCE", "invalid byte sequence at byte 2, not UTF-8 or GBK"),
    (b"\xFF\xFEa\0\x00\xDCb\0", "invalid UTF-16LE text at byte 4 (after its byte-order mark)"),
    (b"\xFF\xFE\x3D\xD8a\0", "invalid UTF-16LE text at byte 2 (after its byte-order mark)"),
    (b"\xFF\xFEa\0A", "invalid UTF-16LE text at byte 4 (after its byte-order mark)"),
    (b"\xFE\xFF\0a\xDC\x00", "invalid UTF-16BE text at byte 4 (after its byte-order mark)"),
];

/// Checks every case against `decode`.
pub fn check_malformed_text() {
    for (bytes, want) in MALFORMED_TEXT {
        let err = plan_lookup::ingest::formats::text::decode(bytes).expect_err("malformed");
        assert_eq!(err, plan_lookup::ingest::IngestError::Binary(want.to_string()), "{bytes:x?}");
    }
}
