//! The one path from a stored case to its judgement: load the case, classify its statuses,
//! assess it. Every command that shows a stage or a verdict (`check`, `agenda`, `advise`,
//! `calendar`, `build`, `order show`, `status list`) goes through here, so a status text is
//! classified in exactly one place ([`crate::rules::stages::classify_case`]).
//!
//! Invariant: the other owners of a case's tracking numbers are index lookups of that case's
//! numbers ([`Db::other_owners`]; for every open case, the same join read in order id order
//! with the cases), never a scan of the whole home.

use chrono::{DateTime, FixedOffset};

use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{Case, Order, Reuse, Stage};
use crate::rules::{self, Assessment, Rules, Template};

/// A case with its statuses' stages and its assessment.
#[derive(Debug, Clone)]
pub struct Judged {
    /// Everything recorded about the order.
    pub case: Case,
    /// The stage in force of each status, in the order of `case.statuses`.
    pub stages: Vec<Stage>,
    /// The judgement at the moment it was made.
    pub assessment: Assessment,
}

impl Judged {
    /// The text of `template`, filled in with this case's facts at `now`.
    pub fn message(&self, rules: &Rules, now: DateTime<FixedOffset>, template: Template) -> String {
        rules::write_message(&self.case, &self.stages, rules, now, template)
    }
}

/// Loads and judges one order at `now`.
pub fn judge(db: &Db, rules: &Rules, order: &Order, now: DateTime<FixedOffset>) -> Result<Judged> {
    Ok(judged(db.load_case(order)?, &db.other_owners(order.id)?, rules, now))
}

/// Judges every open case at `now`, in order id order, a few cases in memory at a time.
///
/// Reading the cases from the database and judging them cost about the same, so they run
/// side by side on the machine's cores: a second thread reads with a connection of its own
/// and hands each case over a short queue; this thread judges it and calls `visit`. When
/// `visit` fails, the queue closes and the reader stops at its next case.
pub fn each_open(
    db: &Db,
    rules: &Rules,
    now: DateTime<FixedOffset>,
    mut visit: impl FnMut(Judged) -> Result<()>,
) -> Result<()> {
    let reader = db.reopen()?;
    std::thread::scope(|scope| {
        let (send, received) = std::sync::mpsc::sync_channel::<(Case, Vec<Reuse>)>(64);
        let reading = scope.spawn(move || {
            reader.each_open_case(|case, reused| {
                send.send((case, reused)).map_err(|_| Error::Internal("the judging side stopped".into()))
            })
        });
        let mut visited = Ok(());
        for (case, reused) in &received {
            visited = visit(judged(case, &reused, rules, now));
            if visited.is_err() {
                break;
            }
        }
        drop(received);
        let read = reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // The visit's own error explains a stop better than the reader's "stopped".
        visited.and(read)
    })
}

fn judged(case: Case, reused: &[Reuse], rules: &Rules, now: DateTime<FixedOffset>) -> Judged {
    let stages = rules::stages::classify_case(&case, rules.phrases());
    let assessment = rules::assess(&case, &stages, reused, rules, now);
    Judged { case, stages, assessment }
}
