//! Document ingestion, bytes in: any bytes must give a Document or an IngestError, never a
//! panic, hang or runaway allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = plan_lookup::ingest_bytes("fuzz.txt", data) {
        assert!(!doc.measures.is_empty(), "a Document always holds measures");
        for m in &doc.measures {
            // Every unit named is a non-empty surface form.
            assert!(m.units().all(|(_, u)| !u.is_empty()));
        }
    }
});
