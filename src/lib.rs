//! plan-lookup: an indexed model of the measures of Chinese rule-of-law plans, and the
//! questions people ask of it ("区司法局牵头哪些任务？").
//!
//! Stages, each in its own module: [`ingest`] turns document bytes into [`model`] data;
//! [`corpus`] holds the embedded default plans. See ARCHITECTURE.md for the map.

#[cfg(feature = "ingest")]
pub mod corpus;
#[cfg(feature = "ingest")]
pub mod edits;
pub mod index;
#[cfg(feature = "ingest")]
pub mod ingest;
pub mod model;
pub mod query;
pub mod store;
pub mod text;
pub mod units;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(feature = "ingest")]
pub use ingest::{ingest_bytes, IngestError};
pub use model::{Document, Measure, PlanSummary, Role, Warning};
