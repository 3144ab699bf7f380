//! The data-file, manifest and unit-summary decoders, and the lazy data-file reader: any bytes
//! must decode (to a DataFile, Manifest or unit summaries) or
//! give a StoreError, and a data file that decodes must re-encode to one that decodes to the
//! same measures.
//!
//! Random bytes almost never pass the header's CRC-32, so each input is tried twice: as a
//! whole file, and as a payload behind a valid header (which exercises the payload reader).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_lookup::store::{self, DocumentSource, FORMAT_VERSION, MAGIC, MANIFEST_MAGIC, MANIFEST_VERSION, SUMMARY_MAGIC, SUMMARY_VERSION};

fn check(bytes: &[u8]) {
    if let Ok(file) = store::decode(bytes) {
        let measures = file.measures();
        let again = store::decode(&store::encode(&file.documents)).expect("a re-encoded data file decodes");
        assert_eq!(again.measures(), measures);
        // The lazy reader gives the same documents, and the places its light first pass read.
        let mut lazy = store::DataFileDocuments::open(bytes).expect("a file that decodes opens lazily");
        for (i, doc) in file.documents.iter().enumerate() {
            assert_eq!(lazy.places(i), store::places_of(doc));
            assert_eq!(&lazy.document(i).expect("its documents read again"), doc);
        }
    }
}

/// A unit summary file, listed as the only one of a manifest with 1,000 places.
fn check_summary(bytes: &[u8]) {
    if bytes.len() >= 16 {
        let checksum = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
        let entry = store::SummaryEntry { file: store::summary_file_name(0, checksum), bytes: bytes.len(), checksum };
        let _ = store::decode_summary(&[entry], 1000, 0, bytes);
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    check(&store::frame(MAGIC, FORMAT_VERSION, data));
    let _ = store::decode_manifest(data);
    let _ = store::decode_manifest(&store::frame(MANIFEST_MAGIC, MANIFEST_VERSION, data));
    check_summary(&store::frame(SUMMARY_MAGIC, SUMMARY_VERSION, data));
});
