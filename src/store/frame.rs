//! The header every file of this format starts with (magic, version, flags, payload length,
//! payload CRC-32), and the checksum.

use super::error::{Corruption, StoreError};
use super::shards::{MANIFEST_MAGIC, MANIFEST_VERSION};
use super::summary::{SUMMARY_MAGIC, SUMMARY_VERSION};
use super::{FORMAT_VERSION, HEADER_LEN, MAGIC};

/// Header + payload: magic, version, flags (0), payload length, payload CRC-32. Public so
/// the fuzzer can wrap arbitrary payloads in a valid header and reach the payload reader.
pub fn frame(magic: [u8; 4], version: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The kinds of file this module writes, told apart by their magic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A data file ([`MAGIC`]): a whole corpus, or one shard of a sharded build.
    Data,
    /// The manifest of a sharded build ([`MANIFEST_MAGIC`]).
    Manifest,
    /// A unit summary file of a sharded build ([`SUMMARY_MAGIC`]).
    Summary,
}

impl FileKind {
    fn magic(self) -> [u8; 4] {
        match self {
            FileKind::Data => MAGIC,
            FileKind::Manifest => MANIFEST_MAGIC,
            FileKind::Summary => SUMMARY_MAGIC,
        }
    }
    fn version(self) -> u16 {
        match self {
            FileKind::Data => FORMAT_VERSION,
            FileKind::Manifest => MANIFEST_VERSION,
            FileKind::Summary => SUMMARY_VERSION,
        }
    }
    /// Which kind `bytes` claim to be, by magic.
    pub fn of(bytes: &[u8]) -> Option<FileKind> {
        [FileKind::Data, FileKind::Manifest, FileKind::Summary].into_iter().find(|k| bytes.starts_with(&k.magic()))
    }
}

/// The payload checksum a header states (bytes 12–15), or None for bytes shorter than a
/// header. Of bytes [`frame`] wrote, it is the payload's CRC-32: the data version, and what a
/// shard's or summary file's name carries.
pub fn header_checksum(bytes: &[u8]) -> Option<u32> {
    let b = bytes.get(12..16)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Checks magic, version, length and checksum; returns the payload and its CRC-32.
pub(super) fn unframe(bytes: &[u8], kind: FileKind) -> Result<(&[u8], u32), StoreError> {
    if bytes.len() < 4 || bytes[..4] != kind.magic() {
        return Err(match FileKind::of(bytes) {
            Some(found) => StoreError::WrongKind { found, expected: kind },
            None => StoreError::NotADataFile,
        });
    }
    if bytes.len() < HEADER_LEN {
        return Err(StoreError::Truncated { expected: HEADER_LEN, found: bytes.len() });
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != kind.version() {
        return Err(StoreError::UnsupportedVersion { found: version, expected: kind.version() });
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let expected_crc = header_checksum(bytes).unwrap_or_default();
    let total = HEADER_LEN.saturating_add(len);
    if bytes.len() < total {
        return Err(StoreError::Truncated { expected: total, found: bytes.len() });
    }
    if bytes.len() > total {
        return Err(StoreError::Corrupt(Corruption::TrailingBytes(bytes.len() - total)));
    }
    let payload = &bytes[HEADER_LEN..];
    let found_crc = crc32(payload);
    if found_crc != expected_crc {
        return Err(StoreError::ChecksumMismatch { expected: expected_crc, found: found_crc });
    }
    Ok((payload, found_crc))
}

/// CRC-32 (IEEE 802.3, as in zip and PNG). Natively crc32fast's SIMD code: a province build
/// checksums every shard and summary, and the byte-at-a-time loop was a twentieth of its time.
#[cfg(not(target_arch = "wasm32"))]
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

/// CRC-32 (IEEE 802.3) in the browser: a page checks one data file, and crc32fast's tables
/// would add 16 KB to the module.
#[cfg(target_arch = "wasm32")]
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32_bytewise(bytes)
}

/// CRC-32 a byte at a time, with one 256-entry table.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
pub(super) fn crc32_bytewise(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}
