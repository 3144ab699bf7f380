//! The PDF reader: any bytes must give text or an IngestError, never a panic, hang or runaway
//! allocation (objects, streams, CMaps and content operators are all read from these bytes).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plan_lookup::ingest::formats::pdf::pdf_to_text(data);
});
