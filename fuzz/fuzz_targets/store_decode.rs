//! The data-file and manifest decoders: any bytes must decode to a DataFile (or Manifest) or
//! give a StoreError, and a data file that decodes must re-encode to one that decodes to the
//! same measures.
//!
//! Random bytes almost never pass the header's CRC-32, so each input is tried twice: as a
//! whole file, and as a payload behind a valid header (which exercises the payload reader).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_lookup::store::{self, FORMAT_VERSION, MAGIC, MANIFEST_MAGIC, MANIFEST_VERSION};

fn check(bytes: &[u8]) {
    if let Ok(file) = store::decode(bytes) {
        let measures = file.measures();
        let again = store::decode(&store::encode(&file.documents)).expect("a re-encoded data file decodes");
        assert_eq!(again.measures(), measures);
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    check(&store::frame(MAGIC, FORMAT_VERSION, data));
    let _ = store::decode_manifest(data);
    let _ = store::decode_manifest(&store::frame(MANIFEST_MAGIC, MANIFEST_VERSION, data));
});
