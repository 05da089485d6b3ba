//! `dossier calendar`: protection ends and next-action dates of every open case as
//! iCalendar events, on stdout or in a file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use clap::Args;
use icalendar::{Alarm, Calendar, Component, Event, EventLike};
use serde::Serialize;

use super::Ctx;
use crate::error::{Error, Result};
use crate::files;
use crate::judge;
use crate::model::ActionCode;

/// `calendar` arguments.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Write the calendar to this file (or into this directory) instead of stdout
    #[arg(short, long, value_name = "FILE.ics")]
    output: Option<PathBuf>,
}

/// What `calendar -o` reports.
#[derive(Serialize)]
struct Written<'a> {
    path: &'a Path,
    events: usize,
}

/// A display alarm `before` the start of an all-day event (negative: after it), with a stable
/// UID and stamp so the file is reproducible. All-day events start at midnight, so the
/// reminders subtract 9 hours to fire at 09:00 rather than in the night.
fn alarm(text: &str, before: Duration, uuid: &str, stamp: DateTime<Utc>) -> Alarm {
    let mut alarm = Alarm::display(text, -before);
    alarm.uid(&format!("{uuid}-alarm-{}@dossier", before.num_minutes())).timestamp(stamp);
    alarm
}

/// Runs `calendar`.
pub fn run(ctx: &Ctx, args: &CalendarArgs) -> Result<()> {
    if ctx.out.is_json() && args.output.is_none() {
        return Err(Error::usage(
            "calendar prints iCalendar, not JSON",
            "drop --json, or write the file with -o FILE.ics",
        ));
    }
    let home = ctx.home()?;
    let (db, rules) = (home.read_db()?, home.rules()?);
    let stamp = ctx.now.with_timezone(&Utc);
    let mut calendar = Calendar::new();
    calendar.name("dossier: parcel deadlines");
    let (mut events, mut cases) = (0, 0);
    judge::each_open(&db, &rules, ctx.now, |judged| {
        let (order, a) = (&judged.case.order, &judged.assessment);
        let (uuid, label) = (&order.uuid, format!("order {} ({} {})", order.id, order.platform, order.number));
        cases += 1;
        if let Some(p) = &a.protection {
            let description = format!(
                "Buyer protection for {label} ends on this day. Open a dispute before it ends if the parcel has not arrived. {}",
                p.basis
            );
            let reminder = |days: i64| {
                let text = format!("Protection ends in {days} days: {label}");
                alarm(&text, Duration::days(days) - Duration::hours(9), uuid, stamp)
            };
            calendar.push(
                Event::new()
                    .uid(&format!("{uuid}-protection@dossier"))
                    .timestamp(stamp)
                    .summary(&format!("Protection ends: {label}"))
                    .description(&description)
                    .all_day(p.until)
                    .ends(p.until + Duration::days(1))
                    .alarm(reminder(7))
                    .alarm(reminder(2))
                    .done(),
            );
            events += 1;
        }
        if a.next_action.code != ActionCode::None {
            let summary = format!("{}: {label}", a.next_action.code);
            calendar.push(
                Event::new()
                    .uid(&format!("{uuid}-action@dossier"))
                    .timestamp(stamp)
                    .summary(&summary)
                    .description(&format!("{} Run `dossier advise {}`.", a.next_action.why, order.id))
                    .all_day(a.next_action.by)
                    .ends(a.next_action.by + Duration::days(1))
                    .alarm(alarm(&summary, -Duration::hours(9), uuid, stamp))
                    .done(),
            );
            events += 1;
        }
        Ok(())
    })?;
    let text = calendar.done().to_string();
    let Some(given) = &args.output else { return super::output::write_raw(&text) };
    let path = files::output_path(Some(given), "dossier.ics");
    files::write_atomically(&path, text.as_bytes())?;
    ctx.out.value(&Written { path: &path, events }, || {
        format!("wrote {events} events for {cases} open cases to {}\n", path.display())
    })
}
