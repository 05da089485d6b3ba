//! The `dossier` binary: parse, run, print the error with its hint, exit with its code.

use std::io::Write;
use std::process::ExitCode;

use dossier::cli::{parse, run};
use dossier::error::Error;

fn main() -> ExitCode {
    let cli = parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`dossier order list | head`) is not a failure.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {error}");
            if let Some(hint) = error.hint() {
                let _ = writeln!(stderr, "hint: {hint}");
            }
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1))
        }
    }
}

/// mimalloc instead of the system allocator: `check --all` allocates a few strings for every
/// status of every open case, and with glibc's allocator a tenth of its time went to
/// allocating and freeing them (benches/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
