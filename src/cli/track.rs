//! `dossier track add|check`: an order's tracking numbers, and checking numbers as typed.

use clap::Subcommand;
use serde::Serialize;

use super::{Ctx, trimmed};
use crate::error::{Error, Result};
use crate::model::{TrackingNumber, normalize_tracking};
use crate::tracking::Verdict;

/// Tracking-number commands.
#[derive(Debug, Subcommand)]
pub enum TrackCommand {
    /// Add a tracking number to an order (carrier change, last mile)
    Add {
        /// Local id, platform order number or tracking number
        order: String,
        /// The tracking number
        number: String,
        /// The carrier's name
        #[arg(long)]
        carrier: Option<String>,
        /// A note, e.g. where the number came from
        #[arg(long)]
        note: Option<String>,
    },
    /// Check numbers: format, carrier, check digit, a suggested correction
    Check {
        /// The numbers, as typed or pasted
        #[arg(required = true, value_name = "NUMBER")]
        numbers: Vec<String>,
    },
}

/// What `track add` reports.
#[derive(Serialize)]
struct Tracked {
    order: i64,
    number: String,
    added: bool,
    tracking: Option<TrackingNumber>,
}

/// Runs a tracking-number command.
pub fn run(ctx: &Ctx, cmd: TrackCommand) -> Result<()> {
    let (order, number, carrier, note) = match cmd {
        TrackCommand::Add { order, number, carrier, note } => (order, number, carrier, note),
        TrackCommand::Check { numbers } => return check_numbers(ctx, &numbers),
    };
    let number = normalize_tracking(&number)?;
    let mut db = ctx.home()?.db()?;
    let order = db.resolve_order(&order)?;
    let added =
        db.add_tracking(&order, &number, trimmed(carrier.as_deref()), trimmed(note.as_deref()), &ctx.stamp())?;
    if added.is_none() {
        ctx.out.note(&format!("order {} already has tracking number {number}; nothing added", order.id));
    }
    let result = Tracked { order: order.id, number: number.clone(), added: added.is_some(), tracking: added };
    ctx.out.value(&result, || match &result.tracking {
        Some(t) => format!("added tracking number {number} to order {}: {}\n", order.id, t.verdict.summary()),
        None => String::new(),
    })
}

/// `track check`: one verdict per number; with --json one JSON object per line.
fn check_numbers(ctx: &Ctx, numbers: &[String]) -> Result<()> {
    let verdicts: Vec<Verdict> = numbers.iter().map(|n| crate::tracking::check(n)).collect();
    if ctx.out.is_json() {
        let mut text = String::new();
        for v in &verdicts {
            text.push_str(&serde_json::to_string(v).map_err(Error::internal)?);
            text.push('\n');
        }
        return super::output::write_raw(&text);
    }
    ctx.out.value(&verdicts, || verdicts.iter().map(|v| format!("{}  {}\n", v.number, v.summary())).collect())
}
