//! `plan-lookup`: the command-line face of the library. Thin by design: argument parsing
//! (args.rs), the commands (commands.rs), reading inputs (load.rs), writing builds (build.rs,
//! bundle.rs) and text rendering (render.rs); all behaviour lives in the library. Errors are one type
//! (error.rs), printed here.
//!
//! The CLI is native only. `wasm-pack test` compiles every target of the crate for wasm32, so
//! there this file is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod build;
#[cfg(not(target_arch = "wasm32"))]
mod bundle;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod error;
#[cfg(not(target_arch = "wasm32"))]
mod load;
#[cfg(not(target_arch = "wasm32"))]
mod render;

/// mimalloc: building a province's shards allocates and frees millions of small strings, a
/// fifth of the time under glibc's allocator.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use error::CliError;
    match args::parse(std::env::args_os().skip(1)).and_then(commands::run) {
        Ok(code) => code,
        Err(e) => {
            match &e {
                CliError::Usage(message) => eprintln!("plan-lookup: {message}\n\n{}", args::USAGE),
                CliError::Failed(message) => eprintln!("plan-lookup: {message}"),
            }
            e.exit_code()
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
