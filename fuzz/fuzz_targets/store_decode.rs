//! The data-file decoder: any bytes must decode to a DataFile or give a StoreError, and a
//! file that decodes must re-encode to one that decodes to the same measures.
//!
//! Random bytes almost never pass the header's CRC-32, so each input is tried twice: as a
//! whole file, and as a payload behind a valid header (which exercises the payload reader).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_lookup::store::{self, crc32, FORMAT_VERSION, MAGIC};

fn check(bytes: &[u8]) {
    if let Ok(file) = store::decode(bytes) {
        let measures = file.measures();
        let again = store::decode(&store::encode(&file.documents)).expect("a re-encoded data file decodes");
        assert_eq!(again.measures(), measures);
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    let mut file = Vec::with_capacity(16 + data.len());
    file.extend_from_slice(&MAGIC);
    file.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    file.extend_from_slice(&0u16.to_le_bytes());
    file.extend_from_slice(&(data.len() as u32).to_le_bytes());
    file.extend_from_slice(&crc32(data).to_le_bytes());
    file.extend_from_slice(data);
    check(&file);
});
