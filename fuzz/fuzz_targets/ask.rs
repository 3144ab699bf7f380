//! The question parser and answerer on the default corpus: any question must answer (possibly
//! with nothing), never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plan_lookup::query::Engine;
use std::sync::OnceLock;

/// The CLI's text rendering, fuzzed with the answers it renders.
#[path = "../../src/bin/plan-lookup/render.rs"]
mod render;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let docs = plan_lookup::corpus::default_documents().expect("the default plans ingest");
        Engine::new(docs.into_iter().flat_map(|d| d.measures).collect())
    })
}

fuzz_target!(|data: &[u8]| {
    let question = String::from_utf8_lossy(data);
    let answer = engine().ask(&question);
    let _ = render::answer_text(&answer);
});
