//! `dossier verify [ORDER] [--gc]`: the audit of `crate::verify`, printed by kind.

use std::time::Duration;

use clap::Args;
use serde::Serialize;

use super::Ctx;
use super::output::{count, human_size};
use crate::error::{Error, Result};
use crate::model::Code;
use crate::verify::{self, Report};

/// `verify` arguments.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Only this order (local id or platform order number); default: the whole data home
    pub order: Option<String>,
    /// After the report, remove blobs that no evidence refers to (older than an hour)
    #[arg(long)]
    pub gc: bool,
}

/// Unreferenced blobs younger than this are kept by `--gc`: an `evidence add` stores its
/// files before it writes their rows, and may be between the two.
const GC_MIN_AGE: Duration = Duration::from_secs(3600);

#[derive(Serialize)]
struct Output<'a> {
    clean: bool,
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    removed: Option<Vec<String>>,
}

/// Runs `verify`.
pub fn run(ctx: &Ctx, args: &VerifyArgs) -> Result<()> {
    let home = ctx.home()?;
    let db = home.read_db()?;
    let order = args.order.as_deref().map(|o| db.resolve_order(o)).transpose()?;
    let bar = ctx.out.bar(0, "{msg} [{bar:24}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec}");
    bar.message("hashing evidence");
    let report = verify::audit(&home, &db, order.as_ref(), &|done, total| {
        bar.set_length(total);
        bar.set(done);
    })?;
    bar.finish();
    drop(db);
    let removed = if args.gc {
        let mut db = home.db()?;
        Some(verify::collect_garbage(&home, &mut db, &report, GC_MIN_AGE)?)
    } else {
        None
    };
    let output = Output { clean: report.clean(), report: &report, removed: removed.clone() };
    ctx.out.value(&output, || human(&report, removed.as_deref(), args.gc))?;
    if report.clean() {
        Ok(())
    } else {
        Err(Error::VerifyFailed { count: report.findings.iter().filter(|f| !f.kind.is_housekeeping()).count() })
    }
}

fn human(report: &Report, removed: Option<&[String]>, gc: bool) -> String {
    let mut text = String::new();
    for f in &report.findings {
        let order =
            f.order.filter(|_| !f.subject.starts_with("order ")).map(|o| format!("order {o}: ")).unwrap_or_default();
        text.push_str(&format!("{:<17} {}\n{:<17} {order}{}\n", f.kind.code(), f.subject, "", f.detail));
    }
    let scope = format!(
        "checked {} ({}), {} ({})",
        count(report.cases, "case", "cases"),
        count(report.entries, "log entry", "log entries"),
        count(report.blobs, "blob", "blobs"),
        human_size(report.bytes)
    );
    let problems = report.findings.iter().filter(|f| !f.kind.is_housekeeping()).count();
    if problems == 0 {
        text.push_str(&format!("{scope}: every file and row is as recorded\n"));
    } else {
        text.push_str(&format!("{scope}: {}\n", count(problems, "problem", "problems")));
    }
    let unreferenced = report.unreferenced().len();
    match removed {
        Some(removed) => {
            let kept = unreferenced - removed.len();
            text.push_str(&format!("removed {}", count(removed.len(), "unreferenced blob", "unreferenced blobs")));
            if kept > 0 {
                text.push_str(&format!(
                    "; kept {kept} written in the last hour (an evidence add may be about to use them)"
                ));
            }
            text.push('\n');
        }
        None if unreferenced > 0 && !gc => {
            text.push_str(&format!(
                "{} no evidence refers to: `dossier verify --gc` removes them\n",
                count(unreferenced, "blob", "blobs")
            ));
        }
        None => {}
    }
    text
}
