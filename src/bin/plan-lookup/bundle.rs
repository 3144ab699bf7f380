//! `plan-lookup build -o OUT.wasm --module pkg/plan_lookup_query_bg.wasm`: the data file inside
//! the browser's query module, as a custom section. A page then loads one file where it loaded
//! two (the module and the data file), and the browser reads the data from the compiled module
//! (`WebAssembly.Module.customSections`, see www/plan-lookup.js). In Chromium each request
//! costs a first answer milliseconds of round trips between its processes whatever its size:
//! the bundle answered ~5–7 ms sooner on the bare page (from `load()` to the answer, median
//! of 100 rounds in turns: 47.7 → 40.3 ms).

use plan_lookup::store::put_varint;
use wasmparser::{Parser, Payload};

/// The first bytes of every WebAssembly module, so of every bundle.
pub const WASM_MAGIC: &[u8] = b"\0asm";

/// The custom section holding the data file (read by www/plan-lookup.js under this name).
pub const SECTION: &str = "plan-lookup-data";

/// An export only the query module's builds have, and one only the others have: the sharded
/// and full modules read data files too, but a page instantiates a bundle with the query
/// module's glue, which their imports do not match.
const QUERY_EXPORT: &str = "lookup_fromData";
const NOT_QUERY_EXPORT: &str = "lookup_fromManifest";

/// `module` (the query module's bytes) with `data` (a data file) appended as the
/// [`SECTION`] custom section; an error says what `module` is instead.
pub fn bundle(module: &[u8], data: &[u8]) -> Result<Vec<u8>, String> {
    let (mut query, mut other) = (false, false);
    for payload in Parser::new(0).parse_all(module) {
        match payload.map_err(|e| format!("is not a WebAssembly module ({e})"))? {
            Payload::ExportSection(exports) => {
                for export in exports {
                    let name = export.map_err(|e| format!("is not a WebAssembly module ({e})"))?.name;
                    query |= name == QUERY_EXPORT;
                    other |= name == NOT_QUERY_EXPORT;
                }
            }
            Payload::CustomSection(section) if section.name() == SECTION => {
                return Err("already holds a data file (it is a bundle)".into());
            }
            _ => {}
        }
    }
    if !query || other {
        return Err("is not plan-lookup's query module".into());
    }
    // A custom section is its id (0), its size, then its name (length, UTF-8) and contents:
    // written here, as one header is all a bundle adds.
    let mut contents = Vec::with_capacity(SECTION.len() + data.len() + 5);
    put_varint(&mut contents, SECTION.len() as u64);
    contents.extend_from_slice(SECTION.as_bytes());
    contents.extend_from_slice(data);
    let mut out = Vec::with_capacity(module.len() + contents.len() + 6);
    out.extend_from_slice(module);
    out.push(0);
    put_varint(&mut out, contents.len() as u64);
    out.extend_from_slice(&contents);
    Ok(out)
}

/// The data file a bundle holds, if it is one.
pub fn data_of(bundle: &[u8]) -> Option<&[u8]> {
    Parser::new(0).parse_all(bundle).find_map(|payload| match payload {
        Ok(Payload::CustomSection(section)) if section.name() == SECTION => Some(section.data()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one exported function per name, and nothing else.
    fn module_exporting(names: &[&str]) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // type section: one type, () -> ()
        m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        // function section: one function of type 0
        m.extend_from_slice(&[3, 2, 1, 0]);
        // export section: every name → function 0
        let mut exports = vec![names.len() as u8];
        for name in names {
            exports.push(name.len() as u8);
            exports.extend_from_slice(name.as_bytes());
            exports.extend_from_slice(&[0, 0]);
        }
        m.push(7);
        m.push(exports.len() as u8);
        m.extend_from_slice(&exports);
        // code section: one empty body
        m.extend_from_slice(&[10, 4, 1, 2, 0, 0x0b]);
        m
    }

    #[test]
    fn a_bundle_is_the_module_with_the_data_as_a_custom_section() {
        let module = module_exporting(&["lookup_fromData", "lookup_ask"]);
        let data = vec![7u8; 300];
        let bundled = bundle(&module, &data).unwrap();
        assert_eq!(&bundled[..module.len()], &module[..], "the module's bytes are kept as they are");
        assert_eq!(data_of(&bundled), Some(&data[..]));
        assert_eq!(data_of(&module), None);
        // Every section still parses (the size prefix of a 300-byte section takes two bytes).
        assert!(Parser::new(0).parse_all(&bundled).all(|p| p.is_ok()));
    }

    #[test]
    fn only_the_query_module_is_bundled() {
        let not_wasm = bundle(b"PLKP not a module", b"data").unwrap_err();
        assert!(not_wasm.contains("not a WebAssembly module"), "{not_wasm}");
        let sharded = bundle(&module_exporting(&["lookup_fromData", "lookup_fromManifest"]), b"data").unwrap_err();
        assert!(sharded.contains("not plan-lookup's query module"), "{sharded}");
        let other = bundle(&module_exporting(&["main"]), b"data").unwrap_err();
        assert!(other.contains("not plan-lookup's query module"), "{other}");
        let twice = bundle(&bundle(&module_exporting(&["lookup_fromData"]), b"data").unwrap(), b"data").unwrap_err();
        assert!(twice.contains("already holds a data file"), "{twice}");
    }
}
