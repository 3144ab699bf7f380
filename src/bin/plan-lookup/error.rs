//! The CLI's one error type; `main` prints it, in one place, and exits with its code.

use std::process::ExitCode;

#[derive(Debug)]
pub enum CliError {
    /// The command line is wrong: printed with the usage, exit code 2.
    Usage(String),
    /// The command could not do its job (a file not written, an input unusable): exit code 1.
    Failed(String),
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::from(2),
            CliError::Failed(_) => ExitCode::FAILURE,
        }
    }
}

impl From<lexopt::Error> for CliError {
    fn from(e: lexopt::Error) -> Self {
        CliError::Usage(e.to_string())
    }
}
