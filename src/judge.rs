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
use crate::error::Result;
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

/// Judges every open case at `now`, in order id order, one case in memory at a time.
pub fn each_open(
    db: &Db,
    rules: &Rules,
    now: DateTime<FixedOffset>,
    mut visit: impl FnMut(Judged) -> Result<()>,
) -> Result<()> {
    db.each_open_case(|case, reused| visit(judged(case, &reused, rules, now)))
}

fn judged(case: Case, reused: &[Reuse], rules: &Rules, now: DateTime<FixedOffset>) -> Judged {
    let stages = rules::stages::classify_case(&case, rules.phrases());
    let assessment = rules::assess(&case, &stages, reused, rules, now);
    Judged { case, stages, assessment }
}
