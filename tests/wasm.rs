//! The wasm API (`src/wasm/`) in a real browser:
//! `CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome -- --test wasm`
//! (scripts/test runs it). Checks that values arrive as plain JS objects with the CLI's field
//! names, that documents ingest at run time from text and bytes, and that every bad input is a
//! JS exception with a helpful message, never a trap.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use plan_lookup::wasm::Lookup;
use plan_lookup::{corpus, store};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

mod support {
    pub mod malformed_text;
}

wasm_bindgen_test_configure!(run_in_browser);

fn data_file() -> Vec<u8> {
    store::encode(&corpus::default_documents().expect("default corpus"))
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn s(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_else(|| panic!("{key} is not a string"))
}

fn arr(v: &JsValue, key: &str) -> Array {
    Array::from(&get(v, key))
}

/// The message of a JsError returned across the boundary (as JS would see it thrown).
fn message(e: impl Into<JsValue>) -> String {
    let v: JsValue = e.into();
    assert!(v.is_instance_of::<js_sys::Error>(), "errors are JS Error objects");
    s(&v, "message")
}

/// A data-file error's message and `reason`.
fn data_error(e: JsValue) -> (String, String) {
    let reason = s(&e, "reason");
    (message(e), reason)
}

const PLAN: &str = "测试区法治政府建设实施方案\n\
一、加强政府立法\n\
1.完善行政复议体制。推进行政复议规范化建设。（牵头单位：区司法局，参加单位：区政府办）\n\
2.深化营商环境改革。优化审批流程。（牵头单位：区行政审批局）\n";

#[wasm_bindgen_test]
fn ask_returns_plain_objects_with_cli_fields() {
    let lookup = Lookup::from_data(&data_file()).map_err(message).unwrap();
    let a = lookup.ask("区司法局牵头哪些任务？").map_err(message).unwrap();
    assert_eq!(Object::get_prototype_of(&a), Object::get_prototype_of(&Object::new()), "a plain object, not a Map");
    assert_eq!(s(&a, "intent"), "unit");
    assert_eq!(s(&a, "unit"), "区司法局");
    assert_eq!(s(&a, "role"), "lead");
    assert!(get(&a, "topic").is_null(), "None is null, as in JSON");
    let results = arr(&a, "results");
    assert!(results.length() > 50, "the three 区司法局 lead many measures");
    let first = results.get(0);
    for key in ["id", "doc", "plan", "jurisdiction", "seq", "path", "title", "text", "role", "lead", "support", "responsible", "highlights"]
    {
        assert!(!get(&first, key).is_undefined(), "result field {key}");
    }
    assert!(get(&first, "id").as_f64().is_some());
    let summary = arr(&a, "summary");
    assert!(summary.length() >= 3);
    assert!(get(&summary.get(0), "responsible_first").as_f64().is_some());

    let k = lookup.ask("营商环境").map_err(message).unwrap();
    assert_eq!(s(&k, "intent"), "keyword");
    let hl = arr(&arr(&k, "results").get(0), "highlights");
    assert!(hl.length() > 0, "keyword answers carry highlights");
    let h = hl.get(0);
    assert!(get(&h, "end").as_f64().unwrap() > get(&h, "start").as_f64().unwrap());
}

#[wasm_bindgen_test]
fn units_measure_and_info() {
    let lookup = Lookup::from_data(&data_file()).map_err(message).unwrap();
    let units = Array::from(&lookup.units().map_err(message).unwrap());
    assert!(units.length() > 100);
    let names: Vec<String> = units.iter().map(|u| s(&u, "name")).collect();
    assert!(names.iter().any(|n| n == "区司法局"));
    assert!(Array::is_array(&get(&units.get(0), "aliases")));

    let m = lookup.measure(0.0).map_err(message).unwrap();
    assert_eq!(s(&m, "doc"), "000_a5641d4319222d19.txt");
    assert!(!s(&m, "text").is_empty());
    assert!(!get(&m, "text_head").is_undefined(), "export field names");
    assert!(lookup.measure(-1.0).unwrap().is_null());
    assert!(lookup.measure(1.5).unwrap().is_null());
    assert!(lookup.measure(1e9).unwrap().is_null());
    assert!(lookup.measure(f64::NAN).unwrap().is_null());

    let info = lookup.info().map_err(message).unwrap();
    assert_eq!(get(&info, "formatVersion").as_f64(), Some(f64::from(store::FORMAT_VERSION)));
    assert_eq!(s(&info, "dataVersion").len(), 8);
    assert_eq!(arr(&info, "documents").length(), 5);
    assert_eq!(get(&info, "measures").as_f64(), Some(lookup.measure_count() as f64));
}

#[wasm_bindgen_test]
fn bad_data_files_throw_clear_errors() {
    let good = data_file();
    let (not_data, reason) = data_error(Lookup::from_data(b"<!doctype html><h1>404</h1>").err().unwrap());
    assert!(not_data.contains("not a plan-lookup data file") && not_data.contains("scripts/build-web"), "{not_data}");
    assert_eq!(reason, "not-a-data-file");

    let (truncated, reason) = data_error(Lookup::from_data(&good[..good.len() / 2]).err().unwrap());
    assert!(truncated.contains("truncated"), "{truncated}");
    assert_eq!(reason, "truncated");

    let mut corrupted = good.clone();
    let i = corrupted.len() - 7;
    corrupted[i] ^= 1;
    let (msg, reason) = data_error(Lookup::from_data(&corrupted).err().unwrap());
    assert!(msg.contains("corrupted"), "{msg}");
    assert_eq!(reason, "corrupt");

    let mut stale = good.clone();
    stale[4] = 99;
    let (msg, reason) = data_error(Lookup::from_data(&stale).err().unwrap());
    assert!(msg.contains("format version 99") && msg.contains("plan-lookup build"), "{msg}");
    assert_eq!(reason, "version");

    let (msg, reason) = data_error(Lookup::from_manifest(&good).err().unwrap());
    assert!(msg.contains("not the manifest"), "{msg}");
    assert_eq!(reason, "wrong-kind");

    // After all that, the module still works (no trap poisoned it).
    assert!(Lookup::from_data(&good).is_ok());
}

#[wasm_bindgen_test]
fn documents_ingest_at_run_time_from_text_and_bytes() {
    let mut lookup = Lookup::new();
    assert_eq!(lookup.measure_count(), 0);
    let empty = lookup.ask("区司法局牵头哪些任务").map_err(message).unwrap();
    assert_eq!(arr(&empty, "results").length(), 0);

    let doc = lookup.add_document("test.txt", JsValue::from_str(PLAN), None).map_err(message).unwrap();
    assert_eq!(get(&doc, "measures").as_f64(), Some(2.0));
    assert_eq!(s(&doc, "source"), "added");
    let a = lookup.ask("区司法局牵头哪些任务").map_err(message).unwrap();
    assert_eq!(arr(&a, "results").length(), 1);
    assert_eq!(s(&arr(&a, "results").get(0), "title"), "完善行政复议体制");

    // The same plan as GBK bytes, replacing the text document of the same name.
    let (gbk, _, _) = encoding_rs::GBK.encode(PLAN);
    let bytes = Uint8Array::from(&gbk[..]);
    lookup.add_document("test.txt", bytes.into(), None).map_err(message).unwrap();
    assert_eq!(lookup.measure_count(), 2, "same name replaces");
    let a = lookup.ask("区行政审批局").map_err(message).unwrap();
    assert_eq!(arr(&a, "results").length(), 1);

    // HTML as text goes through the same decoder as the CLI.
    let html = format!("<html><body><p>{}</p></body></html>", PLAN.replace('\n', "</p><p>"));
    lookup.add_document("page.html", JsValue::from_str(&html), None).map_err(message).unwrap();
    assert_eq!(lookup.measure_count(), 4);

    // The user's place wins over the reader's.
    let doc = lookup.add_document("placed.txt", JsValue::from_str(PLAN), Some("某某县".into())).map_err(message).unwrap();
    assert_eq!(s(&arr(&doc, "plans").get(0), "jurisdiction"), "某某县");
    assert_eq!(lookup.measure_count(), 6);

    // exportData round-trips through fromData.
    let again = Lookup::from_data(&lookup.export_data()).map_err(message).unwrap();
    assert_eq!(again.measure_count(), 6);
}

#[wasm_bindgen_test]
fn bad_documents_throw_clear_errors() {
    let mut lookup = Lookup::from_data(&data_file()).map_err(message).unwrap();
    let before = lookup.measure_count();
    let msg = message(lookup.add_document("empty.txt", JsValue::from_str(""), None).err().unwrap());
    assert!(msg.contains("empty.txt") && msg.contains("empty"), "{msg}");
    let msg = message(lookup.add_document("notes.txt", JsValue::from_str("今天天气很好。\n没有任何任务。"), None).err().unwrap());
    assert!(msg.contains("no measures"), "{msg}");
    let msg = message(lookup.add_document("x", JsValue::from_f64(3.0), None).err().unwrap());
    assert!(msg.contains("string, Uint8Array or ArrayBuffer"), "{msg}");
    let binary = Uint8Array::from(&[0u8, 159, 146, 150, 0, 0, 1, 2, 255, 0][..]);
    assert!(lookup.add_document("x.bin", binary.into(), None).is_err());
    assert_eq!(lookup.measure_count(), before, "failed documents change nothing");
}

/// The browser build decodes GBK/GB18030 and UTF-16 with the browser's TextDecoder instead of
/// encoding_rs (src/ingest/decode.rs): every seed plan as GB18030 and as UTF-16 gives the same
/// measures as its UTF-8 text, and malformed bytes are reported at the same offsets as natively
/// (the cases of tests/support/malformed_text.rs, checked natively by tests/decode.rs).
#[wasm_bindgen_test]
fn gbk_and_utf16_documents_decode_in_the_browser_as_natively() {
    for (name, bytes) in corpus::DEFAULT_DOCUMENTS {
        let text = std::str::from_utf8(bytes).expect("the seeds are UTF-8");
        let utf8 = plan_lookup::ingest_bytes(name, bytes).expect("UTF-8 seed");
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(text);
        assert!(!unmappable);
        let from_gb = plan_lookup::ingest_bytes(name, &gb).expect("GB18030 seed");
        assert_eq!(from_gb.measures, utf8.measures, "{name} as GB18030");
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let from_le = plan_lookup::ingest_bytes(name, &le).expect("UTF-16LE seed");
        assert_eq!(from_le.measures, utf8.measures, "{name} as UTF-16LE");
    }
    support::malformed_text::check_malformed_text();
}

/// The allocator (src/wasm/alloc.rs) hands out memory past the module's own, grows the memory
/// when that is used up, and keeps every block intact: blocks of many sizes, some freed and
/// allocated again, well past the memory the module starts with, each checked byte for byte.
#[wasm_bindgen_test]
fn allocator_keeps_blocks_intact_as_memory_grows() {
    let pages_before = core::arch::wasm32::memory_size::<0>();
    let fill = |i: usize, len: usize| (0..len).map(|j| (i * 31 + j * 7) as u8).collect::<Vec<u8>>();
    // 1 byte to 64 KiB, and every 100th block 1 MiB: about 120 MB in all.
    let len_of = |i: usize| if i % 100 == 99 { 1 << 20 } else { 1 + (i as u64 * 2654435761 % 65536) as usize };
    let mut blocks: Vec<(usize, Vec<u8>)> = Vec::new();
    for i in 0..3000 {
        blocks.push((i, fill(i, len_of(i))));
        if i % 3 == 2 {
            // Free one block in three.
            blocks.swap_remove(i * 7 % blocks.len());
        }
    }
    let mut kept = 0;
    for (i, b) in &blocks {
        assert!(*b == fill(*i, len_of(*i)), "block {i} changed");
        kept += b.len();
    }
    assert!(kept > 16 << 20, "{kept} bytes kept");
    assert!(core::arch::wasm32::memory_size::<0>() > pages_before, "the memory grew");
}
