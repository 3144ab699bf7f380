//! Why a data file or manifest is refused: typed, each with a message that says what is wrong
//! and how to fix it.

use super::frame::FileKind;
use super::reader::EXPANSION_LIMIT;
use crate::text::{cat, decimal, hex8};
use std::fmt;

const HOW_TO_REBUILD: &str = "rebuild it with `scripts/build-web` (default plans) or `plan-lookup build [FILE...] -o FILE` \
     (`--shards DIR` for a sharded build)";

/// Why a data file could not be read. Each message says what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The bytes do not start with [`super::MAGIC`]: not a plan-lookup data file at all (an HTML error
    /// page served instead of the file is the usual cause).
    NotADataFile,
    /// The file was written for another format version (an older or newer plan-lookup).
    UnsupportedVersion { found: u16, expected: u16 },
    /// The file is shorter than its header says (an interrupted download or copy).
    Truncated { expected: usize, found: usize },
    /// The payload's checksum does not match the header (the file was altered or damaged).
    ChecksumMismatch { expected: u32, found: u32 },
    /// The checksum matched but the payload does not decode (written by a buggy writer).
    Corrupt(Corruption),
    /// A manifest where a data file was expected, or the other way round.
    WrongKind { found: FileKind, expected: FileKind },
    /// A shard that is intact but is not the one its manifest lists (the folder mixes files of
    /// two builds, e.g. a half-finished deploy or a stale cache).
    ShardMismatch { file: String, expected: u32, found: u32 },
    /// A shard that could not be read, and why.
    InShard { file: String, error: Box<StoreError> },
}

impl StoreError {
    /// A stable machine name for what went wrong, for programs that react to it (the widget
    /// words its message for readers by it): `not-a-data-file`, `version`, `truncated`,
    /// `corrupt`, `wrong-kind` or `shard-mismatch`. A shard's error gives the shard's reason.
    pub fn reason(&self) -> &'static str {
        match self {
            StoreError::NotADataFile => "not-a-data-file",
            StoreError::UnsupportedVersion { .. } => "version",
            StoreError::Truncated { .. } => "truncated",
            StoreError::ChecksumMismatch { .. } | StoreError::Corrupt(_) => "corrupt",
            StoreError::WrongKind { .. } => "wrong-kind",
            StoreError::ShardMismatch { .. } => "shard-mismatch",
            StoreError::InShard { error, .. } => error.reason(),
        }
    }

    /// What went wrong and how to fix it, in words (also its Display). Built with
    /// [`cat`](crate::text::cat), not `write!`: the browser's module shows it, and core::fmt
    /// would cost that module ~1 KB gz.
    pub fn message(&self) -> String {
        match self {
            StoreError::NotADataFile => {
                cat(&["not a plan-lookup data file (it does not start with \"PLKP\"; was an error page served instead?): ", HOW_TO_REBUILD])
            }
            StoreError::UnsupportedVersion { found, expected } => cat(&[
                "the data file has format version ",
                &decimal(u64::from(*found)),
                ", but this plan-lookup reads version ",
                &decimal(u64::from(*expected)),
                ": ",
                HOW_TO_REBUILD,
            ]),
            StoreError::Truncated { expected, found } => cat(&[
                "the data file is truncated (",
                &decimal(*found as u64),
                " of ",
                &decimal(*expected as u64),
                " bytes; an interrupted download or copy?): ",
                HOW_TO_REBUILD,
            ]),
            StoreError::ChecksumMismatch { expected, found } => {
                cat(&["the data file is corrupted (checksum ", &hex8(*found), ", expected ", &hex8(*expected), "): ", HOW_TO_REBUILD])
            }
            StoreError::Corrupt(why) => cat(&["the data file is corrupted (", &why.describe(), "): ", HOW_TO_REBUILD]),
            StoreError::WrongKind { found: FileKind::Manifest, .. } => {
                "this is the manifest of a sharded build (\"PLKM\"), not a data file: load it with \
                 PlanLookup.load(url, {place}) in the browser, or give plan-lookup the manifest's path"
                    .to_owned()
            }
            StoreError::WrongKind { found: FileKind::Summary, .. } => "this is a unit summary file of a sharded build (\"PLKU\"), \
                 not a data file or manifest: give the build's manifest.bin"
                .to_owned(),
            StoreError::WrongKind { .. } => "this is a single data file (\"PLKP\"), not the manifest of a sharded build: load it \
                 as a data file, or write shards with `plan-lookup build --shards DIR`"
                .to_owned(),
            StoreError::ShardMismatch { file, expected, found } => cat(&[
                "shard ",
                file,
                " does not belong to this manifest (data version ",
                &hex8(*found),
                ", the manifest lists ",
                &hex8(*expected),
                "): the folder mixes two builds; deploy the whole folder written by \
                 `plan-lookup build --shards DIR` again, manifest last",
            ]),
            StoreError::InShard { file, error } => cat(&["shard ", file, ": ", &error.message()]),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for StoreError {}

/// What is wrong inside a payload whose checksum matched (a writer's bug, or crafted bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Corruption {
    /// Bytes after the payload the header announces.
    TrailingBytes(usize),
    /// Bytes of the payload that no field read.
    UnreadBytes(usize),
    /// The payload ends inside a number, at this byte.
    EndsInNumber(usize),
    /// A number longer than 64 bits, ending at this byte.
    NumberTooLong(usize),
    /// The payload ends inside a checksum, at this byte.
    EndsInChecksum(usize),
    /// More items announced than bytes left.
    CountTooLarge { what: &'static str, count: u64, left: u64 },
    /// A reference to a string the table does not have.
    NoSuchString { index: usize, strings: usize },
    /// The strings referenced add up to more than 64 times the payload (`EXPANSION_LIMIT`).
    ExpandsTooMuch,
    /// A title or text head said to be a prefix longer than its text.
    PrefixTooLong(usize),
    /// The alphabet at this byte is not UTF-8.
    AlphabetNotUtf8(usize),
    /// The string at this byte runs past the end of the payload.
    StringPastEnd(usize),
    /// The string at this byte ends inside a character code or character.
    StringEndsInCharacter(usize),
    /// The string at this byte has a code the alphabet lacks, or one that is no character.
    UnknownCharacter(usize),
    /// A measure's sequence number does not fit 32 bits.
    SequenceOutOfRange,
    /// A manifest's place in a shard the manifest does not list.
    PlaceInNoShard { place: String, shard: usize, shards: usize },
    /// A shard index the manifest does not have.
    NoSuchShard { index: usize, shards: usize },
    /// A unit summary file index the manifest does not have.
    NoSuchSummary { index: usize, files: usize },
    /// A unit summary row for a place the manifest does not have.
    NoSuchPlace { index: usize, places: usize },
    /// A count that does not fit 32 bits.
    CountOutOfRange,
    /// A unit clause marks a unit name its measure does not have (see `clause.rs`).
    NoSuchClauseName { index: usize, names: usize },
    /// The documents' positions are not each of 0..count once (see `order.rs`).
    NotAnOrder,
}

impl Corruption {
    /// What is wrong, in words. The browser's module says only that the contents do not decode,
    /// and where to read why: each message of the Display below is a writer's bug or crafted
    /// bytes, never a reader's doing, and their text (and core::fmt) would cost the page's first
    /// answer ~1 KB gz (budget 150 KB).
    fn describe(&self) -> String {
        if cfg!(target_arch = "wasm32") {
            return "its contents do not decode; `plan-lookup export FILE` says where and why".to_owned();
        }
        self.to_string()
    }
}

impl fmt::Display for Corruption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Corruption::TrailingBytes(n) => write!(f, "{n} unexpected bytes after the payload"),
            Corruption::UnreadBytes(n) => write!(f, "{n} unread bytes at the end of the payload"),
            Corruption::EndsInNumber(at) => write!(f, "payload ends inside a number at byte {at}"),
            Corruption::NumberTooLong(at) => write!(f, "number too long at byte {at}"),
            Corruption::EndsInChecksum(at) => write!(f, "payload ends inside a checksum at byte {at}"),
            Corruption::CountTooLarge { what, count, left } => write!(f, "{count} {what} announced but only {left} bytes left"),
            Corruption::NoSuchString { index, strings } => write!(f, "string {index} out of range ({strings} strings)"),
            Corruption::ExpandsTooMuch => write!(f, "the payload expands to more than {EXPANSION_LIMIT} times its size"),
            Corruption::PrefixTooLong(n) => write!(f, "prefix of {n} chars is longer than its text"),
            Corruption::AlphabetNotUtf8(at) => write!(f, "alphabet at byte {at} is not UTF-8"),
            Corruption::StringPastEnd(at) => write!(f, "string runs past the end at byte {at}"),
            Corruption::StringEndsInCharacter(at) => write!(f, "string at byte {at} ends inside a character code"),
            Corruption::UnknownCharacter(at) => write!(f, "string at byte {at} has a character code the alphabet lacks"),
            Corruption::SequenceOutOfRange => write!(f, "sequence number out of range"),
            Corruption::PlaceInNoShard { place, shard, shards } => write!(f, "place {place} is in shard {shard} of {shards}"),
            Corruption::NoSuchShard { index, shards } => write!(f, "there is no shard {index} (the manifest lists {shards})"),
            Corruption::NoSuchSummary { index, files } => {
                write!(f, "there is no unit summary file {index} (the manifest lists {files})")
            }
            Corruption::NoSuchPlace { index, places } => write!(f, "a unit summary names place {index} of {places}"),
            Corruption::CountOutOfRange => write!(f, "a count out of range"),
            Corruption::NotAnOrder => write!(f, "the documents' positions are not an order of them"),
            Corruption::NoSuchClauseName { index, names } => {
                write!(f, "a unit clause names unit {index} of a measure with {names} units")
            }
        }
    }
}
