//! The Word 97-2003 .doc reader (OLE container, FIB, piece table): any bytes must give text or
//! an IngestError, never a panic, hang or runaway allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plan_lookup::ingest::formats::doc::doc_to_text(data);
});
