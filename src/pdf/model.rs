//! The `Dossier`: everything the PDF says, as plain data assembled from a case and its
//! judgement, already worded in the dossier's language ([`super::words`]). No I/O and no
//! layout here; `build --json` prints this value.
//!
//! Voice (SPEC §7): the document is read by the platform's reviewer, the bank or the post
//! office. It states facts in the third person; stage codes, commands and advice to the
//! buyer never appear in it (tests read the PDF back to check).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::words::{self, Label, Reason, Words, moment, platform_name};
use crate::dates::When;
use crate::judge::Judged;
use crate::model::{ActionCode, Case, Evidence, FlagCode, Severity, Stage};
use crate::rules::{About, Assessment, Rules, Situation};

/// The whole document, section by section (SPEC §7).
#[derive(Debug, Clone, Serialize)]
pub struct Dossier {
    /// The language code.
    pub lang: String,
    /// Document title.
    pub title: String,
    /// The order's name in every footer.
    pub footer: String,
    /// The line under the title.
    pub prepared: String,
    /// "dossier VERSION".
    pub tool: String,
    /// Section 1.
    pub summary: Summary,
    /// Section 2.
    pub flags: Vec<FlagItem>,
    /// Section 3, oldest first.
    pub timeline: Timeline,
    /// Section 4, oldest first.
    pub correspondence: Vec<Letter>,
    /// Section 5.
    pub evidence: Vec<EvidenceItem>,
    /// Section 6.
    pub integrity: Integrity,
}

/// Order facts, numbers, deadline, the journey, the description and the request.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// (label, value) rows of what is known about the order.
    pub facts: Vec<(String, String)>,
    /// Each tracking number with what its format says.
    pub tracking: Vec<(String, String)>,
    /// The protection line.
    pub protection: String,
    /// The journey chart.
    pub chart: Chart,
    /// A calm, factual description of the case.
    pub description: String,
    /// What the buyer asks for and why.
    pub request: String,
}

/// The journey drawn to scale in days, on page 1.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// The first and last day of the axis.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// Marks on the line: order, shipment, each stage reached (day, label, stage).
    pub marks: Vec<(NaiveDate, String, Option<Stage>)>,
    /// The silence since the last movement: (from, to, label, over the stage's threshold).
    pub silence: Option<(NaiveDate, NaiveDate, String, bool)>,
    /// Today, and its label.
    pub today: (NaiveDate, String),
    /// The protection end and its label.
    pub protection: Option<(NaiveDate, String)>,
    /// Axis ticks: day and label.
    pub ticks: Vec<(NaiveDate, String)>,
}

/// One red flag.
#[derive(Debug, Clone, Serialize)]
pub struct FlagItem {
    /// Severity.
    pub severity: Severity,
    /// "Critical · No movement".
    pub title: String,
    /// The statement with its facts.
    pub text: String,
    /// "Evidence: E1, E2".
    pub evidence: Option<String>,
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
    /// Today, at the end.
    Now,
}

/// Section 3.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// A note at the head (times shown as the tracker showed them).
    pub note: Option<String>,
    /// The entries, oldest first, the last being today.
    pub entries: Vec<TimelineEntry>,
}

/// The time between two neighbouring entries.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    /// Whole days.
    pub days: i64,
    /// "12 days".
    pub label: String,
    /// True when it lies in a tracking silence longer than the stage's threshold.
    pub over: bool,
}

/// One line of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// What it is.
    pub kind: EntryKind,
    /// The day, in the left column.
    pub date: String,
    /// The head: time, stage label, place.
    pub head: String,
    /// The stage of a status (its dot's colour).
    pub stage: Option<Stage>,
    /// The text (status text, message text, evidence note).
    pub text: String,
    /// The time since the entry before, when a day or more.
    pub gap: Option<Gap>,
}

/// One message.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    /// When, who, which screenshot.
    pub head: String,
    /// The text, verbatim.
    pub text: String,
}

/// How an evidence file is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Show {
    /// As its image.
    Image,
    /// As text (its content is read when the PDF is built).
    Text,
    /// Listed only: a PDF cannot display the format.
    Listed,
}

/// One evidence file.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceItem {
    /// E1, E2, …
    pub reference: String,
    /// "E1 · Tracking page".
    pub title: String,
    /// File, type, dates, short hash.
    pub caption: String,
    /// The buyer's note.
    pub note: Option<String>,
    /// How it is shown.
    pub show: Show,
    /// Remarks set when the PDF is built: attached or not, shown or not, text cut.
    pub remarks: Vec<String>,
    /// The original file name.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Full SHA-256.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// The integrity appendix.
#[derive(Debug, Clone, Serialize)]
pub struct Integrity {
    /// How anyone re-checks a file (paragraphs).
    pub how_to_check: Vec<String>,
    /// Per evidence file: its line (reference, name, size) and its full SHA-256.
    pub files: Vec<(String, String)>,
    /// Originals not attached, and why (set when the PDF is built).
    pub not_attached: Vec<String>,
    /// The event-log line.
    pub log: String,
}

impl Show {
    /// How the dossier shows an evidence file: a decodable image (the store read its
    /// pixel size) as its image, chat exports and e-mails as text, anything else listed.
    pub fn of(e: &Evidence) -> Show {
        let name = e.file_name.to_ascii_lowercase();
        if e.media_type.starts_with("image/") && e.width.is_some() {
            Show::Image
        } else if e.media_type.starts_with("text/")
            || e.media_type == "message/rfc822"
            || [".txt", ".eml", ".csv", ".log", ".md"].iter().any(|ext| name.ends_with(ext))
        {
            Show::Text
        } else {
            Show::Listed
        }
    }
}

/// Builds the dossier of a judged case at `now`, in `lang`.
pub fn assemble(judged: &Judged, rules: &Rules, now: DateTime<FixedOffset>, lang: &str) -> Dossier {
    let w = words::of(lang);
    let (case, assessment) = (&judged.case, &judged.assessment);
    let order = &case.order;
    let platform = platform_name(order.platform, w);
    let day = |when: Option<When>| when.map(|x| w.date(x.date()));
    let mut facts = vec![
        (w.label(Label::Platform).to_string(), platform.to_string()),
        (w.label(Label::OrderNumber).to_string(), order.number.clone()),
    ];
    let mut fact = |label: Label, value: Option<String>| {
        if let Some(value) = value {
            facts.push((w.label(label).to_string(), value));
        }
    };
    fact(Label::Item, order.item.clone());
    fact(Label::Store, order.store.clone());
    fact(
        Label::Price,
        order
            .price
            .as_ref()
            .map(|p| format!("{p}{}", order.currency.as_ref().map(|c| format!(" {c}")).unwrap_or_default())),
    );
    fact(Label::Ordered, day(order.ordered));
    fact(Label::Shipped, day(order.shipped));
    fact(Label::Shipping, order.shipping.clone());
    let destination = [order.city.clone(), order.postcode.clone(), order.country.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    fact(Label::Destination, (!destination.is_empty()).then_some(destination));
    fact(Label::ItemWeight, order.weight_grams.map(|g| w.weight(g)));
    fact(Label::CurrentStage, Some(w.stage(assessment.stage).to_string()));
    let tracking = case
        .tracking
        .iter()
        .map(|t| (w.label(Label::TrackingNumber).to_string(), format!("{} ({})", t.number, w.verdict(&t.verdict))))
        .collect();
    let status = |i: usize| match case.statuses.get(i) {
        Some(s) => w.status_fact(&moment(w, &s.at), &s.text, s.place.as_deref()),
        None => String::new(),
    };
    // Which evidence is still missing is advice to the buyer (`check` says it), not a fact
    // for the reviewer.
    let flags = assessment
        .flags
        .iter()
        .filter(|f| f.code != FlagCode::EvidenceMissing)
        .map(|f| FlagItem {
            severity: f.severity,
            title: format!("{} · {}", w.severity(f.severity), w.flag_title(f.code)),
            text: w.flag_text(f.code, &f.about, &status),
            evidence: (!f.evidence.is_empty())
                .then(|| format!("{}: {}", w.label(Label::EvidenceRefs), f.evidence.join(", "))),
        })
        .collect();
    let correspondence = case
        .messages
        .iter()
        .map(|m| Letter { head: w.letter_head(&moment(w, &m.at), m.from, m.evidence.as_deref()), text: m.text.clone() })
        .collect();
    let evidence = case
        .evidence
        .iter()
        .map(|e| EvidenceItem {
            reference: e.reference.clone(),
            title: format!("{} · {}", e.reference, w.kind(e.kind)),
            caption: w.caption(
                &e.file_name,
                &e.media_type,
                e.taken.map(|t| moment(w, &t)).as_deref(),
                &added_day(w, &e.added_at),
                &e.sha256[..e.sha256.len().min(16)],
            ),
            note: e.note.clone(),
            show: Show::of(e),
            remarks: Vec::new(),
            file_name: e.file_name.clone(),
            media_type: e.media_type.clone(),
            sha256: e.sha256.clone(),
            size: e.size,
        })
        .collect::<Vec<_>>();
    let mut how_to_check = w.how_to_check();
    if !case.evidence.is_empty() {
        how_to_check.push(w.label(Label::HowToExtract).to_string());
    }
    let integrity = Integrity {
        how_to_check,
        files: case
            .evidence
            .iter()
            .map(|e| (w.file_line(&e.reference, &e.file_name, e.size), e.sha256.clone()))
            .collect(),
        not_attached: Vec::new(),
        log: w.log_line(case.log.entries, &case.log.head),
    };
    let generated = w.date(now.date_naive());
    Dossier {
        lang: w.code().to_string(),
        title: w.title(platform, &order.number),
        footer: w.footer(platform, &order.number),
        prepared: w.prepared(&generated, &format!("dossier {}", env!("CARGO_PKG_VERSION"))),
        tool: format!("dossier {}", env!("CARGO_PKG_VERSION")),
        summary: Summary {
            facts,
            tracking,
            protection: w.protection(assessment.protection.as_ref(), platform),
            chart: chart(judged, rules, now, w),
            description: describe(case, assessment, w, platform),
            request: request(judged, w),
        },
        flags,
        timeline: timeline(judged, rules, now, w),
        correspondence,
        evidence,
        integrity,
    }
}

/// The day of a stored RFC 3339 moment, worded; the text as it is when it is not one.
fn added_day(w: &dyn Words, stored: &str) -> String {
    DateTime::parse_from_rfc3339(stored).map(|t| w.date(t.date_naive())).unwrap_or_else(|_| stored.to_string())
}

/// A calm, factual description of what the data shows.
fn describe(case: &Case, a: &Assessment, w: &dyn Words, platform: &str) -> String {
    let order = &case.order;
    let mut text =
        w.intro(platform, &order.number, order.item.as_deref(), order.ordered.map(|o| w.date(o.date())).as_deref());
    if let Some(shipped) = order.shipped {
        text.push(' ');
        text.push_str(&w.shipped(&w.date(shipped.date())));
    }
    text.push(' ');
    match &a.last_event {
        Some(e) => {
            text.push_str(&w.latest(case.statuses.len(), &moment(w, &e.at), &e.text, e.place.as_deref(), a.stage));
        }
        None => text.push_str(&w.no_status()),
    }
    if let (Some(days), Some(t)) = (a.days_silent, a.threshold_days)
        && days >= t
        && a.last_event.is_some()
    {
        text.push(' ');
        text.push_str(&w.silent(days, t));
    }
    if a.open {
        text.push(' ');
        text.push_str(&w.not_received());
    }
    text
}

/// What the buyer asks for, from the next action and the flags that led to it.
fn request(judged: &Judged, w: &dyn Words) -> String {
    let a = &judged.assessment;
    let has = |code: FlagCode| a.flags.iter().any(|f| f.code == code);
    let flag = |code: FlagCode| a.flags.iter().find(|f| f.code == code);
    let delivered = judged
        .case
        .statuses
        .iter()
        .zip(&judged.stages)
        .rev()
        .find(|(_, s)| **s == Stage::Delivered)
        .map(|(status, _)| status.at.date());
    let reason = if !a.open {
        Reason::Closed
    } else if has(FlagCode::NotReceived) || has(FlagCode::DeliveredElsewhere) {
        Reason::DeliveredNotReceived(delivered)
    } else if matches!(a.stage, Stage::Returning | Stage::Returned) {
        Reason::Returned
    } else if let Some(About::NoFirstScan { waited, .. }) = flag(FlagCode::NoFirstScan).map(|f| &f.about) {
        Reason::NoScan(*waited)
    } else if has(FlagCode::Stalled) || has(FlagCode::StalledOverMonth) {
        Reason::Silent(a.days_silent.unwrap_or_default())
    } else if has(FlagCode::WeightMismatch) || has(FlagCode::LetterServiceHeavyItem) {
        Reason::Weight
    } else if has(FlagCode::TrackingNumberReused) {
        Reason::Reused
    } else if has(FlagCode::InvalidTrackingNumber) {
        Reason::InvalidNumber
    } else if has(FlagCode::PickupWaiting) {
        Reason::Pickup
    } else if let Some(p) =
        a.protection.as_ref().filter(|_| has(FlagCode::ProtectionEnding) || has(FlagCode::ProtectionExpired))
    {
        Reason::Protection(p.days_left)
    } else if a.stage == Stage::Delivered {
        Reason::Delivered(delivered)
    } else if let Some(days) = a.days_silent.filter(|d| *d >= 7) {
        Reason::Silent(days)
    } else {
        Reason::Nothing
    };
    let action = a.next_action.code;
    let until =
        a.protection.as_ref().filter(|p| p.days_left >= 0 && action != ActionCode::None).map(|p| w.date(p.until));
    w.request(action, &reason, &w.date(a.next_action.by), until.as_deref())
}

/// The journey chart's data: order, shipment, the first status of each stage reached, the
/// silence since the last status, today and the protection end.
fn chart(judged: &Judged, rules: &Rules, now: DateTime<FixedOffset>, w: &dyn Words) -> Chart {
    let (case, a) = (&judged.case, &judged.assessment);
    let today = now.date_naive();
    let mut marks: Vec<(NaiveDate, String, Option<Stage>)> = Vec::new();
    if let Some(o) = case.order.ordered {
        marks.push((o.date(), w.label(Label::ChartOrdered).to_string(), None));
    }
    if let Some(s) = case.order.shipped {
        marks.push((s.date(), w.label(Label::ChartShipped).to_string(), None));
    }
    let mut seen: Vec<Stage> = Vec::new();
    for (status, stage) in case.statuses.iter().zip(&judged.stages) {
        if matches!(stage, Stage::Unknown | Stage::InTransit | Stage::CarrierUpdate | Stage::OrderPlaced)
            || seen.contains(stage)
        {
            continue;
        }
        seen.push(*stage);
        marks.push((status.at.date(), w.stage_short(*stage).to_string(), Some(*stage)));
    }
    let last = case.statuses.last().map(|s| s.at.date());
    let silence = match (last, a.days_silent) {
        (Some(last), Some(days)) if days >= 1 && a.open && !matches!(a.stage, Stage::Delivered | Stage::Returned) => {
            let over = Situation::of(a.stage).thresholds(rules).is_some_and(|(react, _)| days >= react);
            Some((last, today, w.chart_silence(days), over))
        }
        _ => None,
    };
    let protection = a.protection.as_ref().map(|p| {
        let label = if p.estimated { Label::ChartProtectionEstimate } else { Label::ChartProtection };
        (p.until, format!("{} {}", w.label(label), w.short_date(p.until)))
    });
    let mut from = marks.iter().map(|m| m.0).min().unwrap_or(today).min(today);
    if let Some(first) = case.statuses.iter().map(|s| s.at.date()).min() {
        from = from.min(first);
    }
    let to = protection.as_ref().map_or(today, |p| p.0.max(today));
    let span = (to - from).num_days().max(1);
    let step = [1, 2, 7, 14, 30, 61, 91, 182, 365].into_iter().find(|s| span / s <= 8).unwrap_or(730);
    let ticks = (0..=span / step)
        .filter_map(|k| from.checked_add_days(chrono::Days::new((k * step) as u64)))
        .map(|d| (d, w.short_date(d)))
        .collect();
    Chart {
        from,
        to,
        marks,
        silence,
        today: (today, format!("{} {}", w.label(Label::ChartToday), w.short_date(today))),
        protection,
        ticks,
    }
}

/// Statuses, messages and evidence captures in time order, each with the time since the
/// entry before it, then today.
fn timeline(judged: &Judged, rules: &Rules, now: DateTime<FixedOffset>, w: &dyn Words) -> Timeline {
    let (case, stages) = (&judged.case, &judged.stages);
    let clock = |when: &When| match when {
        When::Date(_) => String::new(),
        _ => moment(w, when).split_once(", ").map(|(_, t)| t.to_string()).unwrap_or_default(),
    };
    // (moment, tie order, status index if a status, entry)
    let mut entries: Vec<(i64, usize, Option<usize>, TimelineEntry)> = Vec::new();
    let entry = |kind, when: &When, head: String, stage, text: String| TimelineEntry {
        kind,
        date: w.date(when.date()),
        head,
        stage,
        text,
        gap: None,
    };
    for (i, (s, stage)) in case.statuses.iter().zip(stages).enumerate() {
        let mut head = vec![clock(&s.at), w.stage(*stage).to_string()];
        head.extend(s.place.clone());
        head.retain(|h| !h.is_empty());
        entries.push((
            s.at.sort_key(),
            i,
            Some(i),
            entry(EntryKind::Status, &s.at, head.join(" · "), Some(*stage), s.text.clone()),
        ));
    }
    let n = entries.len();
    for (i, m) in case.messages.iter().enumerate() {
        let head = [clock(&m.at), w.message_line(m.from)]
            .into_iter()
            .filter(|h| !h.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        entries.push((m.at.sort_key(), n + i, None, entry(EntryKind::Message, &m.at, head, None, m.text.clone())));
    }
    let n = entries.len();
    for (i, e) in case.evidence.iter().enumerate() {
        if let Some(taken) = e.taken {
            let head = [clock(&taken), w.captured_line(&e.reference, e.kind)]
                .into_iter()
                .filter(|h| !h.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            entries.push((
                taken.sort_key(),
                n + i,
                None,
                entry(EntryKind::Evidence, &taken, head, None, e.note.clone().unwrap_or_default()),
            ));
        }
    }
    entries.sort_by_key(|(key, order, ..)| (*key, *order));
    if entries.is_empty() {
        return Timeline { note: None, entries: Vec::new() };
    }
    // Now's wall clock, comparable with the statuses' keys (a day's precision is enough).
    let now_key = now.naive_local().and_utc().timestamp();
    // Each tracking silence (from one status to the next, or to now) is over or not; a gap
    // between two entries is red when it lies in a silence that is over.
    let over_after = |status: usize| -> bool {
        let from = &case.statuses[status].at;
        let until = case.statuses.get(status + 1).map_or(now_key, |s| s.at.sort_key());
        let days = (until - from.sort_key()).div_euclid(86_400);
        Situation::of(stages[status]).thresholds(rules).is_some_and(|(react, _)| days >= react)
    };
    let mut out: Vec<TimelineEntry> = Vec::new();
    let mut last_status: Option<usize> = None;
    let mut previous_key: Option<i64> = None;
    for (key, _, status, mut e) in entries {
        if let Some(before) = previous_key {
            let days = (key - before).div_euclid(86_400);
            if days >= 1 {
                e.gap = Some(Gap { days, label: w.gap(days), over: last_status.is_some_and(over_after) });
            }
        }
        if status.is_some() {
            last_status = status;
        }
        previous_key = Some(key);
        out.push(e);
    }
    let mut today = TimelineEntry {
        kind: EntryKind::Now,
        date: w.date(now.date_naive()),
        head: w.label(Label::NowNoNews).to_string(),
        stage: None,
        text: String::new(),
        gap: None,
    };
    if let Some(before) = previous_key {
        let days = (now_key - before).div_euclid(86_400);
        if days >= 1 {
            today.gap = Some(Gap { days, label: w.gap(days), over: last_status.is_some_and(over_after) });
        }
    }
    out.push(today);
    let local = case
        .statuses
        .iter()
        .map(|s| &s.at)
        .chain(case.messages.iter().map(|m| &m.at))
        .any(|at| matches!(at, When::Local(_)));
    Timeline { note: local.then(|| w.label(Label::TimesLocal).to_string()), entries: out }
}
