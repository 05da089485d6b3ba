//! `dossier status add|list`: an order's tracking statuses.

use clap::Subcommand;
use serde::Serialize;

use super::output::{clip, table_text};
use super::{Ctx, code_parser, trimmed};
use crate::db::NewStatus;
use crate::error::Result;
use crate::judge;
use crate::model::{Grams, Source, Stage, Status, non_empty, normalize_tracking};

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

/// What `status add` reports.
#[derive(Serialize)]
struct Added<'a> {
    order: i64,
    added: bool,
    status: Option<&'a Status>,
}

/// A status with the stage in force (the `--stage` the user gave, or the classifier's).
#[derive(Debug, Serialize)]
pub struct StatusView<'a> {
    /// The status as recorded.
    #[serde(flatten)]
    pub status: &'a Status,
    /// The stage in force.
    pub classified_stage: Stage,
}

/// Runs a status command.
pub fn run(ctx: &Ctx, cmd: StatusCommand) -> Result<()> {
    match cmd {
        StatusCommand::Add { order, text, at, place, weight, source, track, stage, force } => {
            let status = NewStatus {
                text: non_empty("status text", &text)?,
                at: ctx.past("--at", &at, force)?,
                place: trimmed(place.as_deref()).map(str::to_string),
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
            ctx.out.value(&Added { order: order.id, added: added.is_some(), status: added.as_ref() }, || match &added {
                Some(s) => format!("added status to order {}: {} {}\n", order.id, s.at, clip(&s.text, 60)),
                None => String::new(),
            })
        }
        StatusCommand::List { order } => {
            let home = ctx.home()?;
            let (db, rules) = (home.db()?, home.rules()?);
            let judged = judge::judge(&db, &rules, &db.resolve_order(&order)?, ctx.now)?;
            let views = views(&judged.case.statuses, &judged.stages);
            ctx.out.value(&views, || {
                if views.is_empty() {
                    let id = judged.case.order.id;
                    format!(
                        "order {id} has no statuses yet; `dossier status add {id} \"TEXT\" --at WHEN` records one\n"
                    )
                } else {
                    table(ctx, &views)
                }
            })
        }
    }
}

/// Pairs each status with its stage in force.
pub fn views<'a>(statuses: &'a [Status], stages: &[Stage]) -> Vec<StatusView<'a>> {
    statuses.iter().zip(stages).map(|(status, &classified_stage)| StatusView { status, classified_stage }).collect()
}

/// The status table of `status list` and `order show`; a stage the user set is marked `*`.
pub fn table(ctx: &Ctx, statuses: &[StatusView<'_>]) -> String {
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
