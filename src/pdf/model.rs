//! The `Dossier`: everything the PDF says, as plain data assembled from a case and its
//! judgement. No I/O and no layout here; `build --json` prints this value.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::dates::When;
use crate::judge::Judged;
use crate::model::{Case, Severity, Stage};
use crate::rules::{Assessment, Rules, Situation};

/// The whole document, section by section (SPEC §7).
#[derive(Debug, Clone, Serialize)]
pub struct Dossier {
    /// Document title.
    pub title: String,
    /// "order NUMBER", used in every footer.
    pub footer: String,
    /// The moment the dossier describes (`--now`), RFC 3339.
    pub generated: String,
    /// "dossier VERSION".
    pub tool: String,
    /// Section 1.
    pub summary: Summary,
    /// Section 2.
    pub flags: Vec<FlagItem>,
    /// Section 3, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// Section 4, oldest first.
    pub correspondence: Vec<Letter>,
    /// Section 5.
    pub evidence: Vec<EvidenceItem>,
    /// Section 6.
    pub integrity: Integrity,
}

/// Order facts, numbers, deadline, the description and the next action.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// (label, value) rows of what is known about the order.
    pub facts: Vec<(String, String)>,
    /// Each tracking number with what its format says.
    pub tracking: Vec<(String, String)>,
    /// The protection line.
    pub protection: String,
    /// A calm, factual description of the problem, from the data.
    pub description: String,
    /// The next action and its date.
    pub next_action: String,
}

/// One red flag.
#[derive(Debug, Clone, Serialize)]
pub struct FlagItem {
    /// Severity.
    pub severity: Severity,
    /// Stable code.
    pub code: String,
    /// The explanation.
    pub message: String,
    /// The facts it rests on.
    pub facts: Vec<String>,
    /// Evidence references.
    pub evidence: Vec<String>,
}

/// What a timeline line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// A tracking status.
    Status,
    /// A message to or from the seller, platform or carrier.
    Message,
    /// When a piece of evidence was captured.
    Evidence,
}

/// One line of the timeline, with the silence before it.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// What it is.
    pub kind: EntryKind,
    /// When, in its human form.
    pub at: String,
    /// The stage of a status.
    pub stage: Option<Stage>,
    /// The text (status text, message text, evidence caption).
    pub text: String,
    /// Where, for a status.
    pub place: Option<String>,
    /// Whole days of tracking silence since the previous status (statuses only; also on
    /// the final "now" line).
    pub gap_days: Option<i64>,
    /// True when that silence is longer than the stage's threshold.
    pub gap_over: bool,
}

/// One message.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    /// When.
    pub at: String,
    /// Who wrote it.
    pub from: String,
    /// The text, verbatim.
    pub text: String,
    /// A screenshot of it.
    pub evidence: Option<String>,
}

/// One evidence file.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceItem {
    /// E1, E2, …
    pub reference: String,
    /// Kind code.
    pub kind: String,
    /// The user's note.
    pub note: Option<String>,
    /// When it was captured, if known.
    pub taken: Option<String>,
    /// When it was attached.
    pub added: String,
    /// Full SHA-256.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type.
    pub media_type: String,
    /// The original file name.
    pub file_name: String,
    /// Pixel size, for images.
    pub pixels: Option<(u32, u32)>,
}

/// The integrity appendix.
#[derive(Debug, Clone, Serialize)]
pub struct Integrity {
    /// Number of event-log entries.
    pub log_entries: i64,
    /// SHA-256 of the newest entry.
    pub log_head: String,
    /// How to re-check a file.
    pub how_to_check: String,
}

/// Builds the dossier of a judged case at `now`.
pub fn assemble(judged: &Judged, rules: &Rules, now: DateTime<FixedOffset>) -> Dossier {
    let (case, assessment) = (&judged.case, &judged.assessment);
    let order = &case.order;
    let footer = format!("order {}", order.number);
    let mut facts =
        vec![("Platform".to_string(), order.platform.to_string()), ("Order number".to_string(), order.number.clone())];
    let mut fact = |label: &str, value: Option<String>| {
        if let Some(value) = value {
            facts.push((label.to_string(), value));
        }
    };
    fact("Item", order.item.clone());
    fact("Store", order.store.clone());
    fact(
        "Price",
        order
            .price
            .as_ref()
            .map(|p| format!("{p}{}", order.currency.as_ref().map(|c| format!(" {c}")).unwrap_or_default())),
    );
    fact("Ordered", order.ordered.map(|w| w.to_string()));
    fact("Shipped", order.shipped.map(|w| w.to_string()));
    fact("Shipping", order.shipping.clone());
    let destination = [order.city.clone(), order.postcode.clone(), order.country.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    fact("Destination", (!destination.is_empty()).then_some(destination));
    fact("Item weight", order.weight_grams.map(|g| g.to_string()));
    fact("Current stage", Some(assessment.stage.to_string()));
    let tracking = case.tracking.iter().map(|t| (t.number.clone(), t.verdict.summary())).collect();
    let protection = match &assessment.protection {
        Some(p) if p.days_left >= 0 => {
            format!("Buyer protection ends on {} ({} days left). {}", p.until, p.days_left, p.basis)
        }
        Some(p) => format!("Buyer protection ended on {} ({} days ago). {}", p.until, -p.days_left, p.basis),
        None => "The end of buyer protection is not known: it was not entered.".to_string(),
    };
    let action = &assessment.next_action;
    let summary = Summary {
        facts,
        tracking,
        protection,
        description: describe(case, assessment),
        next_action: format!("{} by {}: {}", action.code, action.by, action.why),
    };
    let flags = assessment
        .flags
        .iter()
        .map(|f| FlagItem {
            severity: f.severity,
            code: f.code.to_string(),
            message: f.message.clone(),
            facts: f.facts.clone(),
            evidence: f.evidence.clone(),
        })
        .collect();
    let correspondence = case
        .messages
        .iter()
        .map(|m| Letter {
            at: m.at.to_string(),
            from: m.from.to_string(),
            text: m.text.clone(),
            evidence: m.evidence.clone(),
        })
        .collect();
    let evidence = case
        .evidence
        .iter()
        .map(|e| EvidenceItem {
            reference: e.reference.clone(),
            kind: e.kind.to_string(),
            note: e.note.clone(),
            taken: e.taken.map(|t| t.to_string()),
            added: e.added_at.clone(),
            sha256: e.sha256.clone(),
            size: e.size,
            media_type: e.media_type.clone(),
            file_name: e.file_name.clone(),
            pixels: e.width.zip(e.height),
        })
        .collect();
    Dossier {
        title: format!("Dispute dossier: {} order {}", order.platform, order.number),
        footer,
        generated: now.to_rfc3339(),
        tool: format!("dossier {}", env!("CARGO_PKG_VERSION")),
        summary,
        flags,
        timeline: timeline(judged, rules, now),
        correspondence,
        evidence,
        integrity: Integrity {
            log_entries: case.log.entries,
            log_head: case.log.head.clone(),
            how_to_check: "Anyone can re-check a file: `sha256sum FILE` prints its SHA-256, which must equal the \
                           value listed here. The event-log head is the hash of the newest entry of the case's \
                           append-only, hash-chained log; `dossier verify` re-walks that chain."
                .to_string(),
        },
    }
}

/// A calm, factual description of what the data shows.
fn describe(case: &Case, a: &Assessment) -> String {
    let order = &case.order;
    let mut text = format!("This is {} order {}", order.platform, order.number);
    if let Some(item) = &order.item {
        text.push_str(&format!(" for {item}"));
    }
    if let Some(ordered) = order.ordered {
        text.push_str(&format!(", placed on {ordered}"));
    }
    text.push('.');
    if let Some(shipped) = order.shipped {
        text.push_str(&format!(" The seller marked it as shipped on {shipped}."));
    }
    match &a.last_event {
        Some(e) => {
            text.push_str(&format!(
                " {} tracking statuses are recorded. The latest, on {}, reads \"{}\"{}.",
                case.statuses.len(),
                e.at,
                e.text,
                e.place.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
            ));
            text.push_str(&format!(" The parcel's stage is: {}.", a.stage));
        }
        None => text.push_str(" No tracking status has been recorded."),
    }
    if let (Some(days), Some(t)) = (a.days_silent, a.threshold_days)
        && days >= t
    {
        text.push_str(&format!(
            " The tracking has been silent for {days} days; at this stage more than {t} days is unusual."
        ));
    }
    if a.open {
        text.push_str(" The buyer has not received the parcel.");
    }
    text
}

/// Statuses, messages and evidence captures in time order, each status with the silence
/// before it, then a last line for the silence up to `now`.
fn timeline(judged: &Judged, rules: &Rules, now: DateTime<FixedOffset>) -> Vec<TimelineEntry> {
    let (case, stages) = (&judged.case, &judged.stages);
    let over = |stage: Stage, days: i64| Situation::of(stage).thresholds(rules).is_some_and(|(react, _)| days >= react);
    let mut entries: Vec<(i64, usize, TimelineEntry)> = Vec::new();
    let mut previous: Option<(&When, Stage)> = None;
    for (i, (status, stage)) in case.statuses.iter().zip(stages.iter()).enumerate() {
        let gap = previous.map(|(at, _)| (status.at.sort_key() - at.sort_key()).div_euclid(86_400));
        let gap_over = match (previous, gap) {
            (Some((_, before)), Some(days)) => over(before, days),
            _ => false,
        };
        entries.push((
            status.at.sort_key(),
            i,
            TimelineEntry {
                kind: EntryKind::Status,
                at: status.at.to_string(),
                stage: Some(*stage),
                text: status.text.clone(),
                place: status.place.clone(),
                gap_days: gap,
                gap_over,
            },
        ));
        previous = Some((&status.at, *stage));
    }
    let n = entries.len();
    for (i, m) in case.messages.iter().enumerate() {
        entries.push((
            m.at.sort_key(),
            n + i,
            TimelineEntry {
                kind: EntryKind::Message,
                at: m.at.to_string(),
                stage: None,
                text: format!("Message from {}: {}", m.from, m.text),
                place: None,
                gap_days: None,
                gap_over: false,
            },
        ));
    }
    let n = entries.len();
    for (i, e) in case.evidence.iter().enumerate() {
        if let Some(taken) = e.taken {
            entries.push((
                taken.sort_key(),
                n + i,
                TimelineEntry {
                    kind: EntryKind::Evidence,
                    at: taken.to_string(),
                    stage: None,
                    text: format!(
                        "{} captured ({}){}",
                        e.reference,
                        e.kind,
                        e.note.as_ref().map(|n| format!(": {n}")).unwrap_or_default()
                    ),
                    place: None,
                    gap_days: None,
                    gap_over: false,
                },
            ));
        }
    }
    entries.sort_by_key(|(key, order, _)| (*key, *order));
    let mut timeline: Vec<TimelineEntry> = entries.into_iter().map(|(_, _, e)| e).collect();
    if let Some((at, stage)) = previous {
        let days = at.days_until(now);
        timeline.push(TimelineEntry {
            kind: EntryKind::Status,
            at: When::Fixed(now).to_string(),
            stage: None,
            text: "Now: no newer tracking status".to_string(),
            place: None,
            gap_days: Some(days),
            gap_over: over(stage, days),
        });
    }
    timeline
}
