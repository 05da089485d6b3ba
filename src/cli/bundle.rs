//! `dossier export` and `dossier import`: a case as a BagIt bundle, and back.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::Ctx;
use super::output::{count, human_size};
use crate::bundle::{self, Exported, Imported};
use crate::error::Result;
use crate::{files, pdf};

/// `export` arguments.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Local id, platform order number or tracking number
    pub order: String,
    /// Where to write the bundle, a file or a directory (default: dossier-ORDERNUMBER.zip here)
    #[arg(short, long, value_name = "FILE.zip")]
    pub output: Option<PathBuf>,
    /// Language of the dossier PDF inside: en, ru or zh [default: config dossier.lang, else en]
    #[arg(long, value_parser = pdf::words::LANGUAGES)]
    pub lang: Option<String>,
}

/// `import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The bundle (.zip) that `dossier export` wrote
    pub file: PathBuf,
    /// Check the bundle and say what it would add; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Serialize)]
struct ExportOutput<'a> {
    path: &'a std::path::Path,
    bytes: u64,
    #[serde(flatten)]
    exported: &'a Exported,
}

/// Runs `export`.
pub fn run_export(ctx: &Ctx, args: &ExportArgs) -> Result<()> {
    let home = ctx.home()?;
    let db = home.read_db()?;
    let order = db.resolve_order(&args.order)?;
    let lang = super::build::dossier_lang(&home, args.lang.as_deref())?;
    let pdf = super::build::bundle_dossier(ctx, &home, &db, &order, &lang)?;
    let safe: String =
        order.number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let path = files::output_path(args.output.as_deref(), &format!("dossier-{safe}.zip"));
    let bar = ctx.out.bar(0, "{msg} [{bar:24}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec}");
    bar.message("writing the bundle");
    let today = ctx.now.date_naive().to_string();
    let exported = bundle::export(&home, &db, &order, pdf, &today, &path, &|done, total| {
        bar.set_length(total);
        bar.set(done);
    })?;
    bar.finish();
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    let output = ExportOutput { path: &path, bytes, exported: &exported };
    ctx.out.value(&output, || {
        format!(
            "wrote {} ({}): the dossier, {}, the case and its log of {}\n",
            path.display(),
            human_size(bytes),
            count(exported.evidence, "evidence file", "evidence files"),
            count(exported.entries, "entry", "entries")
        )
    })
}

/// Runs `import`.
pub fn run_import(ctx: &Ctx, args: &ImportArgs) -> Result<()> {
    let home = ctx.home()?;
    let bar = ctx.out.bar(0, "{msg} [{bar:24}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec}");
    bar.message("checking the bundle");
    let imported = bundle::import(&home, &args.file, args.dry_run, &|done, total| {
        bar.set_length(total);
        bar.set(done);
    })?;
    bar.finish();
    ctx.out.value(&imported, || human(&imported))
}

fn human(i: &Imported) -> String {
    let case = format!("{} order {}", i.platform, i.number);
    if i.nothing_new {
        let mut text = format!("nothing new: order {} ({case}) already has everything in the bundle", i.added.order);
        if i.local_only_entries > 0 {
            let word = if i.local_only_entries == 1 { "change" } else { "changes" };
            text.push_str(&format!(", and {} more {word} made here since", i.local_only_entries));
        }
        return text + "\n";
    }
    let a = &i.added;
    let mut parts = Vec::new();
    for (n, one, many) in [
        (a.statuses, "status", "statuses"),
        (a.messages, "message", "messages"),
        (a.evidence, "evidence file", "evidence files"),
        (a.tracking, "tracking number", "tracking numbers"),
    ] {
        if n > 0 {
            parts.push(count(n, one, many));
        }
    }
    let what = if parts.is_empty() { "no new rows".to_string() } else { parts.join(", ") };
    let verb = if i.dry_run { "would add" } else { "added" };
    let head = if a.new_case {
        let order = if i.dry_run { String::new() } else { format!(" as order {}", a.order) };
        format!("{verb} the case {case}{order}: {what}")
    } else {
        format!("{verb} to order {} ({case}): {what}", a.order)
    };
    format!(
        "{head} ({} of the log){}\n",
        count(a.entries, "entry", "entries"),
        if i.dry_run { "; nothing was written (--dry-run)" } else { "" }
    )
}
