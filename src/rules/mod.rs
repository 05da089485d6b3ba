//! The judgement at the heart of dossier: given a case, the rule settings and a moment,
//! what stage the parcel is at, how long it has been silent, which red flags are up, when
//! protection ends, and the one thing to do next (SPEC §5–6, domain.md §2–5).
//!
//! Invariants: everything here is a pure function of (case, rules, now) — no clock reads,
//! no I/O, no database. `now` comes in from the command line (`--now`), so every judgement
//! can be reproduced.

pub mod advice;
pub mod config;
mod flags;
pub mod protection;
pub mod stages;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

pub use advice::{NextAction, Template};
pub use config::Rules;
pub use protection::{Basis, Protection};

use crate::dates::When;
use crate::model::{Case, Code, EvidenceKind, FlagCode, Platform, Reuse, Severity, Stage, Status};

/// The order a judgement is about.
#[derive(Debug, Clone, Serialize)]
pub struct OrderRef {
    /// Local id.
    pub id: i64,
    /// Platform code.
    pub platform: Platform,
    /// The platform's order number.
    pub number: String,
}

/// The latest recorded status.
#[derive(Debug, Clone, Serialize)]
pub struct LastEvent {
    /// When it happened.
    pub at: When,
    /// Its text.
    pub text: String,
    /// Where.
    pub place: Option<String>,
    /// Its stage.
    pub stage: Stage,
}

/// One raised red flag with the facts it rests on.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    /// Stable code.
    pub code: FlagCode,
    /// How serious.
    pub severity: Severity,
    /// A calm one-sentence explanation.
    pub message: String,
    /// The facts it rests on: which status, which number, which weight.
    pub facts: Vec<String>,
    /// Evidence references that support it (E1, E2, …).
    pub evidence: Vec<String>,
    /// The same facts, typed, for texts worded elsewhere (the dossier words them for a
    /// reviewer, in its own language). Statuses are indexes into the case's statuses.
    #[serde(skip)]
    pub about: About,
}

/// The typed facts behind a [`Flag`].
#[derive(Debug, Clone, PartialEq)]
pub enum About {
    /// Shipped (or first recorded) on `since`, `waited` days without a carrier scan.
    NoFirstScan { since: When, waited: i64, react: i64 },
    /// `days` without movement since status `last`; `exported`: nothing since the export.
    Stalled { days: i64, react: i64, last: usize, exported: bool },
    /// `days` without movement since status `last` (or since shipment).
    OverMonth { days: i64, last: Option<usize> },
    /// The first carrier status is older than the order.
    ScanBeforeOrder { first: usize, ordered: When },
    /// Set by the buyer: when (a date) and the buyer's note.
    Manual { notes: Vec<(String, Option<String>)> },
    /// The latest status that says the parcel waits for collection.
    PickupWaiting { status: usize },
    /// A delivery or pick-up status away from the buyer's address: (found, the buyer's)
    /// postcode or place.
    Elsewhere { status: usize, postcode: Option<(String, String)>, place: Option<(String, String)> },
    /// Protection estimated to end on `until` after the "delivered" status.
    Autoclose { status: usize, until: chrono::NaiveDate },
    /// A status placed in a third country (ISO code).
    WrongCountry { status: usize, country: String },
    /// The carrier's weight against the item's.
    Weight { status: usize, weighed: crate::model::Grams, item: crate::model::Grams },
    /// A letter-class number for a heavy item.
    LetterService { number: String, item: crate::model::Grams },
    /// A number that fails its format check.
    InvalidNumber { number: String, suggestion: Option<String> },
    /// A number also on another recorded order.
    Reused { number: String },
    /// A carrier update status, and numbers without statuses of their own.
    NumberChanged { status: Option<usize>, silent: Vec<String> },
    /// The protection end and the days left (negative once past).
    Protection { until: chrono::NaiveDate, days_left: i64 },
    /// Kinds of evidence the situation calls for.
    EvidenceMissing { kinds: Vec<EvidenceKind> },
}

/// The whole judgement of one case (`check --json`, SPEC §6).
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// Which order.
    pub order: OrderRef,
    /// True while the case is open.
    pub open: bool,
    /// The current stage (the latest status that says where the parcel is).
    pub stage: Stage,
    /// The latest status.
    pub last_event: Option<LastEvent>,
    /// Whole days since the latest status (or since shipment when there is none).
    pub days_silent: Option<i64>,
    /// The silence threshold of the current stage, in days, when one applies.
    pub threshold_days: Option<i64>,
    /// The protection deadline, when it can be worked out.
    pub protection: Option<Protection>,
    /// Red flags, most severe first.
    pub flags: Vec<Flag>,
    /// The one thing to do next.
    pub next_action: NextAction,
    /// Evidence kinds the situation calls for that are not attached.
    pub evidence_missing: Vec<EvidenceKind>,
}

/// Which silence threshold applies to a stage (domain.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Situation {
    NoFirstScan,
    Origin,
    Exported,
    Destination,
    /// Delivered, returned, lost: silence is no longer the question.
    Settled,
}

impl Situation {
    pub fn of(stage: Stage) -> Situation {
        use Stage as S;
        match stage {
            S::OrderPlaced | S::InfoReceived | S::Unknown => Situation::NoFirstScan,
            // Export customs is still in the origin country: origin thresholds.
            S::Accepted | S::OriginSorting | S::ExportCustoms => Situation::Origin,
            S::LinehaulHandover | S::DepartedOrigin | S::TransitHub | S::Returning => Situation::Exported,
            S::ArrivedDestination
            | S::ImportCustoms
            | S::LastMileHandover
            | S::DestinationSorting
            | S::AtLocalOffice
            | S::OutForDelivery
            | S::DeliveryFailed
            | S::AwaitingPickup
            | S::InTransit
            | S::CarrierUpdate => Situation::Destination,
            S::Delivered | S::Returned | S::Exception => Situation::Settled,
        }
    }

    /// (react, critical) thresholds in days.
    pub fn thresholds(self, rules: &Rules) -> Option<(i64, i64)> {
        let (react, critical) = match self {
            Situation::NoFirstScan => ("silence.no_first_scan", "silence.no_first_scan_critical"),
            Situation::Origin => ("silence.origin", "silence.origin_critical"),
            Situation::Exported => ("silence.exported", "silence.exported_critical"),
            Situation::Destination => ("silence.destination", "silence.destination_critical"),
            Situation::Settled => return None,
        };
        Some((rules.days(react), rules.days(critical)))
    }
}

/// A status with its classified stage, as the rules see it.
#[derive(Debug, Clone)]
pub(crate) struct Event<'a> {
    pub status: &'a Status,
    pub stage: Stage,
}

/// The facts derived once from a case and shared by flags and advice.
pub(crate) struct Facts<'a> {
    pub case: &'a Case,
    pub now: DateTime<FixedOffset>,
    pub today: NaiveDate,
    pub rules: &'a Rules,
    pub events: Vec<Event<'a>>,
    /// The stage that says where the parcel is: the latest that is not generic (in transit,
    /// carrier update, unknown).
    pub stage: Stage,
    pub situation: Situation,
    pub days_silent: Option<i64>,
    pub protection: Option<Protection>,
    /// Index into `events` of the latest "delivered" status.
    pub delivered: Option<usize>,
}

impl Facts<'_> {
    /// True when any status shows the carrier has the parcel. A status whose text no rule
    /// reads may be a scan in words dossier does not know: it counts when it names a place
    /// (a scan happens somewhere) and is not dated before the day the seller marked the order
    /// shipped. A notice without a place ("Powiadomienie mail") or the platform's own status
    /// before shipment ("Собираем заказ") is no proof of a scan. Nor is an exception: a
    /// shipment order cancelled before any pick-up ("取消成功", then the warehouse's notices
    /// again) was never in a carrier's hands.
    pub fn has_carrier_scan(&self) -> bool {
        let shipped = self.case.order.shipped.map(|w| w.date());
        self.events.iter().any(|e| match e.stage {
            Stage::OrderPlaced | Stage::InfoReceived | Stage::Exception => false,
            Stage::Unknown => e.status.place.is_some() && shipped.is_none_or(|day| e.status.at.date() >= day),
            _ => true,
        })
    }

    /// True when a manual flag is set.
    pub fn manual(&self, code: crate::model::ManualFlag) -> bool {
        self.case.flags.iter().any(|f| f.code == code)
    }
}

/// Derives the shared facts of a case once; `stages` are its statuses' stages in force
/// ([`stages::classify_case`]).
fn derive<'a>(case: &'a Case, stages: &[Stage], rules: &'a Rules, now: DateTime<FixedOffset>) -> Facts<'a> {
    let today = now.date_naive();
    let events: Vec<Event<'_>> =
        case.statuses.iter().zip(stages).map(|(status, &stage)| Event { status, stage }).collect();
    // A problem the parcel has moved on from ("Ein Problem wurde festgestellt", then "Paket
    // ist auf dem Weg") no longer says where it is: the stage before the problem does, so the
    // silence after it is judged again (a held-out case went silent for 18 days after such a
    // pair and was judged settled). A declared loss stays: trackers often repeat a generic
    // "In transit" after the carrier's last word, and that is no sign the parcel was found.
    let mut moved_since = false;
    let stage = events
        .iter()
        .rev()
        .find(|e| {
            let s = e.stage;
            moved_since |= s == Stage::InTransit;
            let passed_over = s == Stage::Exception && moved_since && !stages::declares_loss(&e.status.text);
            !matches!(s, Stage::InTransit | Stage::Unknown | Stage::CarrierUpdate) && !passed_over
        })
        .map(|e| e.stage)
        .or_else(|| events.last().map(|e| e.stage))
        .unwrap_or(Stage::OrderPlaced);
    // A failed delivery printed after the return began is its reason ("Return to Sender
    // Processed", then "Moved, Left no Address"): the parcel is still going back.
    let quiet =
        |s: Stage| matches!(s, Stage::DeliveryFailed | Stage::InTransit | Stage::Unknown | Stage::CarrierUpdate);
    let stage = match events.iter().rev().find(|e| !quiet(e.stage)) {
        Some(e) if stage == Stage::DeliveryFailed && e.stage == Stage::Returning => Stage::Returning,
        _ => stage,
    };
    let days_silent = match events.last() {
        Some(e) => Some(e.status.at.days_until(now)),
        None => case.order.shipped.map(|s| s.days_until(now)),
    };
    let delivered = events.iter().rposition(|e| e.stage == Stage::Delivered);
    let protection = protection::protection(&case.order, delivered.map(|i| events[i].status.at), rules, today);
    let situation = Situation::of(stage);
    Facts { case, now, today, rules, events, stage, situation, days_silent, protection, delivered }
}

/// Judges one case at `now`. `stages` are the stages in force of its statuses
/// ([`stages::classify_case`]); `reused` lists other orders holding the same numbers.
pub fn assess(
    case: &Case,
    stages: &[Stage],
    reused: &[Reuse],
    rules: &Rules,
    now: DateTime<FixedOffset>,
) -> Assessment {
    let facts = derive(case, stages, rules, now);
    let mut raised = flags::raise(&facts, reused);
    raised.sort_by_key(|flag| std::cmp::Reverse(flag.severity));
    let evidence_missing = flags::evidence_missing(&facts, &raised);
    if !evidence_missing.is_empty() && case.order.is_open() {
        raised.push(Flag {
            code: FlagCode::EvidenceMissing,
            severity: Severity::Info,
            message: format!("The dispute will be stronger with {}.", advice::evidence_list(&evidence_missing)),
            facts: evidence_missing.iter().map(|k| ["no evidence of kind ", k.code()].concat()).collect(),
            evidence: Vec::new(),
            about: About::EvidenceMissing { kinds: evidence_missing.clone() },
        });
    }
    let next_action = advice::next_action(&facts, &raised);
    let last_event = facts.events.last().map(|e| LastEvent {
        at: e.status.at,
        text: e.status.text.clone(),
        place: e.status.place.clone(),
        stage: e.stage,
    });
    Assessment {
        order: OrderRef { id: case.order.id, platform: case.order.platform, number: case.order.number.clone() },
        open: case.order.is_open(),
        stage: facts.stage,
        last_event,
        days_silent: facts.days_silent,
        threshold_days: facts.situation.thresholds(rules).map(|t| t.0),
        protection: facts.protection,
        flags: raised,
        next_action,
        evidence_missing,
    }
}

/// The text of one template, filled in with the case's facts at `now`.
pub fn write_message(
    case: &Case,
    stages: &[Stage],
    rules: &Rules,
    now: DateTime<FixedOffset>,
    template: Template,
) -> String {
    advice::fill(template, &derive(case, stages, rules, now))
}

#[cfg(test)]
mod tests;
