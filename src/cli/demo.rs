//! `dossier demo`: a worked sample case built from the bundled fixtures, and its dossier.

use std::path::PathBuf;

use chrono::DateTime;
use clap::Args;

use super::{Ctx, build, output};
use crate::error::{Error, Result};

/// `demo` arguments.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Directory to build it in
    #[arg(short, long, default_value = "dossier-demo", value_name = "DIR")]
    output: PathBuf,
}

/// Runs `demo`.
pub fn run(ctx: &Ctx, args: &DemoArgs) -> Result<()> {
    let dir = &args.output;
    let now = ctx.now_given.then_some(ctx.now);
    let mut made = crate::demo::build(dir, now, &mut |line| ctx.out.progress_line(line))?;
    // The dossier is built as of the demo's own moment, in the demo's home.
    let as_of = DateTime::parse_from_rfc3339(&made.as_of)
        .map_err(|e| Error::internal(format!("the demo's moment {}: {e}", made.as_of)))?;
    let demo_ctx = Ctx { home_dir: Some(made.home.clone()), now: as_of, now_given: true, out: ctx.out };
    let pdf = dir.join(format!("dossier-{}.pdf", made.number));
    let (pages, bytes) = build::demo_dossier(&demo_ctx, &made.order_id.to_string(), pdf.clone())?;
    made.dossier = Some(pdf.clone());
    ctx.out.value(&made, || {
        let mut text = format!("built a sample case in {}\n", made.home.display());
        text.push_str(&format!(
            "  order {} ({} {}): {} statuses, {} messages, {} evidence files\n",
            made.order_id, made.platform, made.number, made.statuses, made.messages, made.evidence
        ));
        text.push_str(&format!("  original files: {}\n", made.files.display()));
        text.push_str(&format!(
            "  dispute dossier: {} ({pages} pages, {})\n",
            pdf.display(),
            output::human_size(bytes as u64)
        ));
        text.push_str(&format!(
            "try:\n  dossier --home {home} order show {id}\n  dossier --home {home} --now {as_of} check {id}\n  dossier --home {home} --now {as_of} advise {id}\n  dossier --home {home} verify\n  dossier --home {home} export {id}\n",
            home = made.home.display(),
            id = made.order_id,
            as_of = made.as_of
        ));
        text
    })
}
