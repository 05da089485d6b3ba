//! `dossier status add|list|edit|remove`: an order's tracking statuses, and corrections.

use clap::Subcommand;
use serde::Serialize;

use super::output::{clip, table_text};
use super::{Ctx, code_parser, trimmed};
use crate::dates::When;
use crate::db::{NewStatus, StatusEdit};
use crate::error::{Error, Result};
use crate::judge;
use crate::model::{Code, Grams, Source, Stage, Status, non_empty, normalize_tracking};

/// Status commands.
#[derive(Debug, Subcommand)]
pub enum StatusCommand {
    /// Record a tracking status
    Add {
        /// Local id, platform order number or tracking number
        order: String,
        /// The status text as the tracker shows it (it may start with '-')
        #[arg(allow_hyphen_values = true)]
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
    /// List an order's statuses in time order, with their ids
    List {
        /// Local id, platform order number or tracking number
        order: String,
    },
    /// Add the events of a tracker's history pasted from a page or an app
    Import {
        /// Local id, platform order number or tracking number
        order: String,
        /// A file holding the pasted text, or - for standard input (the default)
        #[arg(value_name = "FILE|-")]
        file: Option<std::path::PathBuf>,
        /// Where you copied it from
        #[arg(long, value_name = "S", value_parser = code_parser::<Source>(), default_value = "tracker")]
        source: Source,
        /// Which of the order's tracking numbers the history belongs to
        #[arg(long, value_name = "NUMBER")]
        track: Option<String>,
        /// Show the events found, their stages and the lines not understood; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Correct a status (logged as a correction with the status before and after)
    Edit {
        /// The status's id (the ID column of `status list`)
        id: i64,
        /// When it happened
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// The status text
        #[arg(long)]
        text: Option<String>,
        /// Where it happened ("" clears it)
        #[arg(long, value_name = "P")]
        place: Option<String>,
        /// The stage, or `auto` to let dossier classify the text again
        #[arg(long, value_name = "STAGE")]
        stage: Option<String>,
        /// The carrier's weight ("" clears it)
        #[arg(long, value_name = "W", allow_hyphen_values = true)]
        weight: Option<String>,
        /// Accept a moment after now
        #[arg(long)]
        force: bool,
    },
    /// Remove statuses (logged as corrections with the statuses removed)
    Remove {
        /// The statuses' ids (the ID column of `status list`)
        #[arg(required = true)]
        ids: Vec<i64>,
    },
}

/// What `status add` reports.
#[derive(Serialize)]
struct Added<'a> {
    order: i64,
    added: bool,
    status: Option<StatusView<'a>>,
}

/// Whose stage a status has (`stage_by` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StageBy {
    /// Set with `--stage`.
    User,
    /// Read from the status text.
    Text,
}

/// A status as printed: `stage` is the stage in force, `stage_by` says where it came from
/// (SPEC §5). The other fields are the status as recorded.
#[derive(Debug, Serialize)]
pub struct StatusView<'a> {
    id: i64,
    at: When,
    text: &'a str,
    place: Option<&'a str>,
    weight_grams: Option<Grams>,
    source: Source,
    track: Option<&'a str>,
    stage: Stage,
    stage_by: StageBy,
    added_at: &'a str,
}

impl<'a> StatusView<'a> {
    fn new(status: &'a Status, stage: Stage) -> Self {
        StatusView {
            id: status.id,
            at: status.at,
            text: &status.text,
            place: status.place.as_deref(),
            weight_grams: status.weight_grams,
            source: status.source,
            track: status.track.as_deref(),
            stage,
            stage_by: if status.stage.is_some() { StageBy::User } else { StageBy::Text },
            added_at: &status.added_at,
        }
    }
}

/// Runs a status command.
pub fn run(ctx: &Ctx, cmd: StatusCommand) -> Result<()> {
    match cmd {
        StatusCommand::Add { order, text, at, place, weight, source, track, stage, force } => {
            let status = NewStatus {
                text: status_text(&text)?,
                at: ctx.past("--at", &at, force)?,
                place: trimmed(place.as_deref()).map(str::to_string),
                weight: weight.as_deref().map(Grams::parse).transpose()?,
                source,
                track: track.as_deref().map(normalize_tracking).transpose()?,
                stage,
            };
            let home = ctx.home()?;
            let mut db = home.db()?;
            let order = db.resolve_order(&order)?;
            let added = db.add_status(&order, &status, &ctx.stamp())?;
            if added.is_none() {
                ctx.out.note(&format!(
                    "order {} already has this status ({} from {}); nothing added",
                    order.id, status.at, status.source
                ));
            }
            // The stage in force depends on the statuses around it: judge the case to show it.
            let judged = match &added {
                Some(_) if ctx.out.is_json() => Some(judge::judge(&db, &home.rules()?, &order, ctx.now)?),
                _ => None,
            };
            let view = judged.as_ref().zip(added.as_ref()).and_then(|(judged, added)| {
                views(&judged.case.statuses, &judged.stages).into_iter().find(|view| view.id == added.id)
            });
            ctx.out.value(&Added { order: order.id, added: added.is_some(), status: view }, || match &added {
                Some(s) => format!("added status to order {}: {} {}\n", order.id, s.at, clip(&s.text, 60)),
                None => String::new(),
            })
        }
        StatusCommand::Import { order, file, source, track, dry_run } => {
            import(ctx, &order, file.as_deref(), source, track.as_deref(), dry_run)
        }
        StatusCommand::Edit { id, at, text, place, stage, weight, force } => {
            let edit = StatusEdit {
                at: at.as_deref().map(|a| ctx.past("--at", a, force)).transpose()?,
                text: text.as_deref().map(status_text).transpose()?,
                place: super::edit_text(place.as_ref()),
                stage: stage.as_deref().map(parse_stage).transpose()?,
                weight: super::edit_with(weight.as_ref(), Grams::parse)?,
            };
            if edit.at.is_none()
                && edit.text.is_none()
                && edit.place.is_none()
                && edit.stage.is_none()
                && edit.weight.is_none()
            {
                return Err(Error::usage(
                    "nothing to change",
                    "give what to correct, e.g. `dossier status edit 12 --at \"2026-10-03 09:05\"`",
                ));
            }
            let mut db = ctx.home()?.db()?;
            let corrected = db.edit_status(id, &edit, &ctx.stamp())?;
            ctx.out.value(&corrected, || {
                let after = corrected.after.as_ref().unwrap_or(&corrected.before);
                format!(
                    "corrected status {id} of order {}: {} {}\n  was: {} {}\n",
                    corrected.order,
                    after.at,
                    clip(&after.text, 60),
                    corrected.before.at,
                    clip(&corrected.before.text, 60)
                )
            })
        }
        StatusCommand::Remove { ids } => {
            let mut db = ctx.home()?.db()?;
            let removed = db.remove_statuses(&ids, &ctx.stamp())?;
            ctx.out.value(&removed, || {
                removed
                    .iter()
                    .map(|r| {
                        format!(
                            "removed status {} of order {}: {} {}\n",
                            r.before.id,
                            r.order,
                            r.before.at,
                            clip(&r.before.text, 60)
                        )
                    })
                    .collect()
            })
        }
        StatusCommand::List { order } => {
            let home = ctx.home()?;
            let (db, rules) = (home.read_db()?, home.rules()?);
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

/// One event of `status import`'s report.
#[derive(Serialize)]
struct FoundEvent {
    at: When,
    text: String,
    place: Option<String>,
    stage: Stage,
    line: usize,
    /// False when the order already has it (same moment and text).
    new: bool,
}

/// What `status import` reports.
#[derive(Serialize)]
struct ImportReport {
    order: i64,
    dry_run: bool,
    events: Vec<FoundEvent>,
    added: usize,
    already: usize,
    tracking: Vec<String>,
    weight_grams: Option<Grams>,
    noise: Vec<(usize, String)>,
    not_understood: Vec<(usize, String)>,
}

/// `status import`: reads the paste, classifies what it found in the context of the case,
/// and adds the new events in one transaction (or, with `--dry-run`, only shows them).
fn import(
    ctx: &Ctx,
    order: &str,
    file: Option<&std::path::Path>,
    source: Source,
    track: Option<&str>,
    dry_run: bool,
) -> Result<()> {
    let track = track.map(normalize_tracking).transpose()?;
    let text = super::read_paste(file)?;
    let home = ctx.home()?;
    let db = home.read_db()?;
    let order = db.resolve_order(order)?;
    let parsed = crate::paste::parse_history(&text, ctx.now, order.country.as_deref());
    if let Some(number) = &track {
        if !db.order_has_number(&order, number)? && !parsed.tracking.contains(number) {
            return Err(Error::UnknownTrackingNumber { order: order.id, number: number.clone() });
        }
    }
    let rules = home.rules()?;
    let existing = db.list_statuses(&order)?;
    let recorded: std::collections::HashSet<(String, &str)> =
        existing.iter().map(|s| (s.at.to_storage(), s.text.as_str())).collect();
    let known = |at: &When, text: &str| recorded.contains(&(at.to_storage(), text));
    // The carrier weighs a parcel when it takes it in: a header weight goes with the earliest event.
    let statuses: Vec<NewStatus> = parsed
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| NewStatus {
            at: e.at,
            text: e.text.clone(),
            place: e.place.clone(),
            weight: if i == 0 { parsed.weight } else { None },
            source,
            track: track.clone(),
            stage: None,
        })
        .collect();
    // Stages in the context of the whole case, as `status list` will show them: the case's
    // statuses and the pasted events in time order, each marked new or not.
    struct Item<'a> {
        text: &'a str,
        place: Option<&'a str>,
        stage: Option<Stage>,
        sort: i64,
        /// The index of the pasted event, for the case's own statuses `None`.
        event: Option<usize>,
    }
    let mut all: Vec<Item<'_>> = existing
        .iter()
        .map(|s| Item { text: &s.text, place: s.place.as_deref(), stage: s.stage, sort: s.at.sort_key(), event: None })
        .collect();
    all.extend(parsed.events.iter().enumerate().map(|(i, e)| Item {
        text: &e.text,
        place: e.place.as_deref(),
        stage: None,
        sort: e.at.sort_key(),
        event: Some(i),
    }));
    all.sort_by_key(|item| item.sort);
    let items: Vec<(&str, Option<&str>, Option<Stage>)> = all.iter().map(|i| (i.text, i.place, i.stage)).collect();
    let classified = crate::rules::stages::classify_all(&items, order.country.as_deref(), rules.phrases());
    let mut stages = vec![Stage::Unknown; parsed.events.len()];
    for (item, stage) in all.iter().zip(classified) {
        if let Some(i) = item.event {
            stages[i] = stage;
        }
    }
    let events: Vec<FoundEvent> = parsed
        .events
        .iter()
        .zip(&stages)
        .map(|(e, &stage)| FoundEvent {
            at: e.at,
            text: e.text.clone(),
            place: e.place.clone(),
            stage,
            line: e.line,
            new: !known(&e.at, &e.text),
        })
        .collect();
    let new_numbers: Vec<String> =
        parsed.tracking.iter().filter(|n| !db.order_has_number(&order, n).unwrap_or(false)).cloned().collect();
    drop(db);
    let (added, already) = if dry_run || events.is_empty() && new_numbers.is_empty() {
        (events.iter().filter(|e| e.new).count(), events.iter().filter(|e| !e.new).count())
    } else {
        let mut db = home.db()?;
        let imported = db.import_statuses(&order, &statuses, &new_numbers, &ctx.stamp())?;
        (imported.added.len(), imported.already)
    };
    let report = ImportReport {
        order: order.id,
        dry_run,
        events,
        added,
        already,
        tracking: new_numbers,
        weight_grams: parsed.weight,
        noise: parsed.noise,
        not_understood: parsed.not_understood,
    };
    ctx.out.value(&report, || import_text(ctx, &report))
}

fn import_text(ctx: &Ctx, r: &ImportReport) -> String {
    let verb = if r.dry_run { "would add" } else { "added" };
    let mut text = super::output::import_head(
        r.order,
        &super::output::count(r.events.len(), "event", "events"),
        r.added,
        r.already,
        r.dry_run,
    );
    for number in &r.tracking {
        text.push_str(&format!("{verb} tracking number {number}\n"));
    }
    if let Some(weight) = r.weight_grams.filter(|_| r.added > 0) {
        text.push_str(&format!("weight {weight}: recorded with the earliest event\n"));
    }
    if !r.events.is_empty() {
        let mut table = ctx.out.table(&["LINE", "WHEN", "STAGE", "STATUS", "PLACE", ""]);
        for e in &r.events {
            table.add_row(vec![
                e.line.to_string(),
                e.at.compact(),
                e.stage.to_string(),
                e.text.clone(),
                e.place.clone().unwrap_or_default(),
                if e.new { String::new() } else { "already recorded".into() },
            ]);
        }
        text.push_str(&table_text(&table));
    }
    text.push_str(&super::output::import_tail(&r.not_understood, r.dry_run));
    text
}

/// A status text as typed: one line, not empty, not `-`. A pasted history (several lines)
/// belongs to `status import`, which splits it into statuses with their own moments.
fn status_text(text: &str) -> Result<String> {
    let text = non_empty("status text", text)?;
    if text.trim() == "-" {
        return Err(Error::invalid(
            "the status text is '-'",
            "to read a pasted history from standard input use: dossier status import ORDER -",
        ));
    }
    if text.trim().contains('\n') {
        return Err(Error::invalid(
            format!("the status text has {} lines; one status is one line", text.trim().lines().count()),
            "to record a pasted history, save it to a file and use: dossier status import ORDER FILE",
        ));
    }
    Ok(text.trim().to_string())
}

/// `--stage` of `status edit`: a stage code, or `auto` for the classifier.
#[allow(clippy::option_option)]
fn parse_stage(text: &str) -> Result<Option<Stage>> {
    if text.trim().eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    Stage::from_code(text.trim()).map(Some).ok_or_else(|| {
        Error::usage(format!("'{text}' is not a stage"), format!("use one of: auto, {}", Stage::codes().join(", ")))
    })
}

/// Pairs each status with its stage in force.
pub fn views<'a>(statuses: &'a [Status], stages: &[Stage]) -> Vec<StatusView<'a>> {
    statuses.iter().zip(stages).map(|(status, &stage)| StatusView::new(status, stage)).collect()
}

/// The status table of `status list` and `order show`; a stage the user set is marked `*`.
pub fn table(ctx: &Ctx, statuses: &[StatusView<'_>]) -> String {
    let mut table = ctx.out.table(&["ID", "WHEN", "STAGE", "STATUS", "PLACE", "WEIGHT", "SOURCE", "TRACK"]);
    for s in statuses {
        let stage = if s.stage_by == StageBy::User { format!("{}*", s.stage) } else { s.stage.to_string() };
        table.add_row(vec![
            s.id.to_string(),
            s.at.compact(),
            stage,
            s.text.to_string(),
            s.place.unwrap_or_default().to_string(),
            s.weight_grams.map(|g| g.to_string()).unwrap_or_default(),
            s.source.to_string(),
            s.track.unwrap_or_default().to_string(),
        ]);
    }
    table_text(&table)
}
