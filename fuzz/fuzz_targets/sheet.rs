//! The spreadsheet readers (.xlsx and .ods: ZIP, shared strings, rows, merged cells): any bytes
//! must give text or an IngestError, never a panic, hang or runaway allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plan_lookup::ingest::formats::sheet::xlsx_to_text(data);
    let _ = plan_lookup::ingest::formats::sheet::ods_to_text(data);
});
