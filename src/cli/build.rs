//! `dossier build`: the PDF dispute dossier of one order.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::Ctx;
use super::check::judge_one;
use crate::error::{Error, Result};
use crate::pdf;

/// `build` arguments.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Local id or platform order number
    order: String,
    /// Where to write the PDF (default: dossier-ORDERNUMBER.pdf here)
    #[arg(short, long, value_name = "FILE.pdf")]
    output: Option<PathBuf>,
    /// The largest PDF to write, e.g. 8MB, 500KB
    #[arg(long, value_name = "SIZE", default_value = "8MB", value_parser = parse_size)]
    max_size: u64,
    /// Language of the document (English only for now)
    #[arg(long, default_value = "en", value_parser = ["en"])]
    lang: String,
}

/// Reads `8MB`, `500KB`, `3mb`, `1200000` (bytes); MB and KB are decimal (10^6, 10^3).
fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim().to_ascii_uppercase();
    let (number, unit) = match t.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(i) => t.split_at(i),
        None => (t.as_str(), "B"),
    };
    let factor = match unit.trim() {
        "B" | "" => 1.0,
        "KB" | "K" => 1e3,
        "MB" | "M" => 1e6,
        "GB" | "G" => 1e9,
        _ => return Err(format!("'{text}' is not a size: write it like 8MB, 500KB or 1200000")),
    };
    let value: f64 = number.parse().map_err(|_| format!("'{text}' is not a size: write it like 8MB or 500KB"))?;
    if value <= 0.0 {
        return Err(format!("'{text}' is not a size above zero"));
    }
    Ok((value * factor) as u64)
}

/// What `build` reports.
#[derive(Debug, Serialize)]
struct Built<'a> {
    path: &'a std::path::Path,
    bytes: usize,
    pages: usize,
    dossier: &'a pdf::Dossier,
}

/// Runs `build`.
pub fn run_build(ctx: &Ctx, args: &BuildArgs) -> Result<()> {
    let home = ctx.home()?;
    let (db, rules) = (home.db()?, home.rules()?);
    let order = db.resolve_order(&args.order)?;
    let (case, assessment) = judge_one(ctx, &db, &rules, &order)?;
    let dossier = pdf::assemble(&case, &assessment, &rules, ctx.now);
    let (bytes, pages) = pdf::build_pdf(&dossier, ctx.now.timestamp())?;
    if bytes.len() as u64 > args.max_size {
        return Err(Error::usage(
            format!("the dossier is {} bytes, over --max-size {} bytes", bytes.len(), args.max_size),
            "raise --max-size, or detach the largest evidence files",
        ));
    }
    let safe: String =
        order.number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let path = args.output.clone().unwrap_or_else(|| PathBuf::from(format!("dossier-{safe}.pdf")));
    super::write_file_atomically(&path, &bytes)?;
    let built = Built { path: &path, bytes: bytes.len(), pages, dossier: &dossier };
    ctx.out.value(&built, || {
        format!("wrote {} ({pages} pages, {})\n", path.display(), super::output::human_size(bytes.len() as u64))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_read_as_decimal_units_and_refuse_nonsense() {
        assert_eq!(parse_size("8MB"), Ok(8_000_000));
        assert_eq!(parse_size("500kb"), Ok(500_000));
        assert_eq!(parse_size(" 3 M"), Ok(3_000_000));
        assert_eq!(parse_size("1.5MB"), Ok(1_500_000));
        assert_eq!(parse_size("1200000"), Ok(1_200_000));
        assert!(parse_size("8 parsecs").unwrap_err().contains("is not a size"));
        assert!(parse_size("0MB").unwrap_err().contains("above zero"));
        assert!(parse_size("MB").is_err());
    }
}
