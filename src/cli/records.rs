//! `dossier track add`, `status add|list`, `message add`, `flag set|clear`.

use clap::Subcommand;
use serde::Serialize;

use super::output::{clip, table_text};
use super::{Ctx, code_parser};
use crate::db::{NewMessage, NewStatus};
use crate::error::Result;
use crate::model::{
    Grams, ManualFlag, Message, Sender, Source, Stage, Status, TrackingNumber, non_empty, normalize_tracking,
};
use crate::tracking::Verdict;

/// Tracking-number commands.
#[derive(Debug, Subcommand)]
pub enum TrackCommand {
    /// Add a tracking number to an order (carrier change, last mile)
    Add {
        /// Local id or platform order number
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

/// Status commands.
#[derive(Debug, Subcommand)]
pub enum StatusCommand {
    /// Record a tracking status
    Add {
        /// Local id or platform order number
        order: String,
        /// The status text as the tracker shows it
        text: String,
        /// When it happened
        #[arg(long, value_name = "WHEN")]
        at: String,
        /// Where it happened
        #[arg(long, value_name = "P")]
        place: Option<String>,
        /// The carrier's weight, e.g. 0.35kg
        #[arg(long, value_name = "W", allow_hyphen_values = true)]
        weight: Option<String>,
        /// Where you read it
        #[arg(long, value_name = "S", value_parser = code_parser::<Source>(), default_value = "manual")]
        source: Source,
        /// Which of the order's tracking numbers it belongs to
        #[arg(long, value_name = "NUMBER")]
        track: Option<String>,
        /// Set the stage yourself instead of letting dossier classify the text
        #[arg(long, value_parser = code_parser::<Stage>())]
        stage: Option<Stage>,
        /// Accept a moment after now
        #[arg(long)]
        force: bool,
    },
    /// List an order's statuses in time order
    List {
        /// Local id or platform order number
        order: String,
    },
}

/// Message commands.
#[derive(Debug, Subcommand)]
pub enum MessageCommand {
    /// Record a message sent or received
    Add {
        /// Local id or platform order number
        order: String,
        /// The message text
        text: String,
        /// Who wrote it
        #[arg(long, value_parser = code_parser::<Sender>())]
        from: Sender,
        /// When it was written
        #[arg(long, value_name = "WHEN")]
        at: String,
        /// The evidence reference of a screenshot of it (E1, E2, …)
        #[arg(long, value_name = "E")]
        evidence: Option<String>,
        /// Accept a moment after now
        #[arg(long)]
        force: bool,
    },
}

/// Manual flag commands.
#[derive(Debug, Subcommand)]
pub enum FlagCommand {
    /// Tick a manual checklist item
    Set {
        /// Local id or platform order number
        order: String,
        /// The item
        #[arg(value_parser = code_parser::<ManualFlag>())]
        code: ManualFlag,
        /// What you saw
        #[arg(long)]
        note: Option<String>,
    },
    /// Untick a manual checklist item
    Clear {
        /// Local id or platform order number
        order: String,
        /// The item
        #[arg(value_parser = code_parser::<ManualFlag>())]
        code: ManualFlag,
    },
}

fn optional_text(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Runs `track add`.
pub fn run_track(ctx: &Ctx, cmd: TrackCommand) -> Result<()> {
    let (order, number, carrier, note) = match cmd {
        TrackCommand::Add { order, number, carrier, note } => (order, number, carrier, note),
        TrackCommand::Check { numbers } => return check_numbers(ctx, &numbers),
    };
    let number = normalize_tracking(&number)?;
    let mut db = ctx.home()?.db()?;
    let order = db.resolve_order(&order)?;
    let added = db.add_tracking(
        &order,
        &number,
        optional_text(carrier).as_deref(),
        optional_text(note).as_deref(),
        &ctx.stamp(),
    )?;
    #[derive(Serialize)]
    struct Tracked {
        order: i64,
        number: String,
        added: bool,
        tracking: Option<TrackingNumber>,
    }
    if added.is_none() {
        ctx.out.note(&format!("order {} already has tracking number {number}; nothing added", order.id));
    }
    let result = Tracked { order: order.id, number: number.clone(), added: added.is_some(), tracking: added };
    ctx.out.value(&result, || match &result.tracking {
        Some(t) => format!(
            "added tracking number {number} to order {}: {}\n",
            order.id,
            crate::tracking::Verdict::summary(&t.verdict)
        ),
        None => String::new(),
    })
}

/// Runs a status command.
pub fn run_status(ctx: &Ctx, cmd: StatusCommand) -> Result<()> {
    match cmd {
        StatusCommand::Add { order, text, at, place, weight, source, track, stage, force } => {
            let status = NewStatus {
                text: non_empty("status text", &text)?,
                at: ctx.past("--at", &at, force)?,
                place: optional_text(place),
                weight: weight.as_deref().map(Grams::parse).transpose()?,
                source,
                track: track.as_deref().map(normalize_tracking).transpose()?,
                stage,
            };
            let mut db = ctx.home()?.db()?;
            let order = db.resolve_order(&order)?;
            let added = db.add_status(&order, &status, &ctx.stamp())?;
            if added.is_none() {
                ctx.out.note(&format!(
                    "order {} already has this status ({} from {}); nothing added",
                    order.id, status.at, status.source
                ));
            }
            #[derive(Serialize)]
            struct Added<'a> {
                order: i64,
                added: bool,
                status: Option<&'a Status>,
            }
            ctx.out.value(&Added { order: order.id, added: added.is_some(), status: added.as_ref() }, || match &added {
                Some(s) => format!("added status to order {}: {} {}\n", order.id, s.at, clip(&s.text, 60)),
                None => String::new(),
            })
        }
        StatusCommand::List { order } => {
            let db = ctx.home()?.db()?;
            let order = db.resolve_order(&order)?;
            let statuses = db.list_statuses(&order)?;
            let views = status_views(&statuses, order.country.as_deref());
            ctx.out.value(&views, || {
                if statuses.is_empty() {
                    format!(
                        "order {} has no statuses yet; `dossier status add {} \"TEXT\" --at WHEN` records one\n",
                        order.id, order.id
                    )
                } else {
                    status_table(ctx, &views)
                }
            })
        }
    }
}

/// A status with the stage dossier reads from it (the `--stage` you gave, or the classifier's).
#[derive(Debug, Serialize)]
pub struct StatusView<'a> {
    /// The status as recorded.
    #[serde(flatten)]
    pub status: &'a Status,
    /// The stage in force: `stage` when you set one, else the classification of the text.
    pub classified_stage: Stage,
}

/// Classifies a history in time order for display.
pub fn status_views<'a>(statuses: &'a [Status], destination: Option<&str>) -> Vec<StatusView<'a>> {
    let items: Vec<_> = statuses.iter().map(|s| (s.text.as_str(), s.place.as_deref(), s.stage)).collect();
    let stages = crate::rules::stages::classify_all(&items, destination);
    statuses.iter().zip(stages).map(|(status, classified_stage)| StatusView { status, classified_stage }).collect()
}

/// The status table used by `status list` and `order show`; a stage you set is marked `*`.
pub fn status_table(ctx: &Ctx, statuses: &[StatusView<'_>]) -> String {
    let mut table = ctx.out.table(&["WHEN", "STAGE", "STATUS", "PLACE", "WEIGHT", "SOURCE", "TRACK"]);
    for view in statuses {
        let s = view.status;
        let stage =
            if s.stage.is_some() { format!("{}*", view.classified_stage) } else { view.classified_stage.to_string() };
        table.add_row(vec![
            s.at.to_string(),
            stage,
            s.text.clone(),
            s.place.clone().unwrap_or_default(),
            s.weight_grams.map(|g| g.to_string()).unwrap_or_default(),
            s.source.to_string(),
            s.track.clone().unwrap_or_default(),
        ]);
    }
    table_text(&table)
}

/// Runs `message add`.
pub fn run_message(ctx: &Ctx, cmd: MessageCommand) -> Result<()> {
    let MessageCommand::Add { order, text, from, at, evidence, force } = cmd;
    let message = NewMessage {
        text: non_empty("message text", &text)?,
        from,
        at: ctx.past("--at", &at, force)?,
        evidence: optional_text(evidence),
    };
    let mut db = ctx.home()?.db()?;
    let order = db.resolve_order(&order)?;
    let added = db.add_message(&order, &message, &ctx.stamp())?;
    if added.is_none() {
        ctx.out.note(&format!(
            "order {} already has this message ({} from {}); nothing added",
            order.id, message.at, message.from
        ));
    }
    #[derive(Serialize)]
    struct Added<'a> {
        order: i64,
        added: bool,
        message: Option<&'a Message>,
    }
    let result = Added { order: order.id, added: added.is_some(), message: added.as_ref() };
    ctx.out.value(&result, || match &added {
        Some(m) => format!("added message from {} to order {} ({})\n", m.from, order.id, m.at),
        None => String::new(),
    })
}

/// Runs a flag command.
pub fn run_flag(ctx: &Ctx, cmd: FlagCommand) -> Result<()> {
    let mut db = ctx.home()?.db()?;
    match cmd {
        FlagCommand::Set { order, code, note } => {
            let order = db.resolve_order(&order)?;
            let set = db.set_flag(&order, code, optional_text(note).as_deref(), &ctx.stamp())?;
            ctx.out.value(&set, || format!("set {code} on order {}\n", order.id))
        }
        FlagCommand::Clear { order, code } => {
            let order = db.resolve_order(&order)?;
            db.clear_flag(&order, code, &ctx.stamp())?;
            #[derive(Serialize)]
            struct Cleared {
                order: i64,
                code: ManualFlag,
            }
            ctx.out.value(&Cleared { order: order.id, code }, || format!("cleared {code} on order {}\n", order.id))
        }
    }
}

/// `track check`: one verdict per number; with --json one JSON object per line.
fn check_numbers(ctx: &Ctx, numbers: &[String]) -> Result<()> {
    let verdicts: Vec<Verdict> = numbers.iter().map(|n| crate::tracking::check(n)).collect();
    if ctx.out.is_json() {
        let mut text = String::new();
        for v in &verdicts {
            text.push_str(&serde_json::to_string(v).map_err(|e| crate::error::Error::Corrupt(e.to_string()))?);
            text.push('\n');
        }
        return super::output::write_raw(&text);
    }
    ctx.out.value(&verdicts, || verdicts.iter().map(|v| format!("{}  {}\n", v.number, v.summary())).collect())
}
