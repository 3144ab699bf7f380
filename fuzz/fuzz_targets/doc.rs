//! The Office 97-2003 readers (the OLE container, then Word's FIB and piece table, or Excel's
//! BIFF8 records): any bytes must give text or an IngestError, never a panic, hang or runaway
//! allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plan_lookup::ingest::formats::document_text(data);
    // The BIFF8 records on their own, without the container in front.
    let _ = plan_lookup::ingest::formats::sheet::xls_to_text(data);
});
