//! Writes synthetic phone screenshots (1170×2532 PNG) for the build benchmark:
//! `cargo run --release --example screenshots -- DIR [COUNT]` (COUNT defaults to 40).

#[path = "../tests/support/sample.rs"]
mod sample;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: screenshots DIR [COUNT]");
        return ExitCode::from(2);
    };
    let count: u64 = match args.next().map(|c| c.parse()) {
        None => 40,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("error: COUNT must be a whole number");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: {}: {e}", dir.display());
        return ExitCode::from(1);
    }
    for i in 0..count {
        let path = dir.join(format!("screenshot-{i:02}.png"));
        if let Err(e) = sample::screenshot(i).save(&path) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
