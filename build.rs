//! Writes the curated unit knowledge (data/units/*.txt) without its comment and blank lines into
//! OUT_DIR, for `include_str!` in src/units.rs. `Rules::parse` skips those lines anyway; the
//! files' comments (the format and the reasons for each rule) would otherwise ship in every
//! browser module, about 1.2 KB gzipped of the first answer's download.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for name in ["aliases.txt", "kinds.txt"] {
        let source = Path::new("data/units").join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
        let kept: String = text
            .lines()
            .filter(|line| {
                let line = line.trim();
                !line.is_empty() && !line.starts_with('#')
            })
            .map(|line| format!("{line}\n"))
            .collect();
        let target = Path::new(&out).join(name);
        std::fs::write(&target, kept).unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
    println!("cargo:rerun-if-changed=build.rs");
}
