//! The next action (SPEC §5) and the messages to send, filled in with the case's facts.
//!
//! Messages use short, plain sentences that machine translation keeps intact: one fact per
//! sentence, no idioms, dates written as 2026-11-03. Sentences whose facts are unknown are
//! left out rather than filled with blanks.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::stages::declares_loss;
use super::{Facts, Flag, Situation};
use crate::model::{ActionCode, Code, EvidenceKind, FlagCode, Sender, Severity, Stage};

crate::model::code_enum! {
    /// The messages dossier can write (`advise --template NAME`).
    Template {
        /// Ask the seller where the parcel is.
        StatusRequest = "status-request",
        /// Ask the seller to extend protection.
        ExtensionRequest = "extension-request",
        /// Refuse to close a dispute on a promise to resend.
        RefuseClose = "refuse-close",
        /// Dispute: not received, stalled or lost.
        DisputeStalled = "dispute-stalled",
        /// Dispute: delivered somewhere else.
        DisputeDeliveredElsewhere = "dispute-delivered-elsewhere",
        /// Dispute: the carrier's weight does not fit the item.
        DisputeWeight = "dispute-weight",
        /// Ask for the new or correct tracking number.
        ChangedNumber = "changed-number",
        /// Ask the local post office.
        PostOffice = "post-office",
    }
}

/// The one thing to do next.
#[derive(Debug, Clone, Serialize)]
pub struct NextAction {
    /// Stable code.
    pub code: ActionCode,
    /// The date to do it by.
    pub by: NaiveDate,
    /// The message to send, when one applies.
    pub message: Option<String>,
    /// Which template the message comes from.
    pub template: Option<Template>,
    /// Why this action, in a sentence.
    pub why: String,
}

/// Evidence kinds as a sentence fragment: "a, b and c".
pub fn evidence_list(kinds: &[EvidenceKind]) -> String {
    let labels: Vec<&str> = kinds.iter().map(|k| evidence_label(*k)).collect();
    match labels.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A short human label for an evidence kind.
pub fn evidence_label(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Order => "a screenshot of the order page",
        EvidenceKind::Tracker => "screenshots of the tracking history",
        EvidenceKind::Chat => "the chat with the seller",
        EvidenceKind::Delivery => "the delivery data that shows the other address",
        EvidenceKind::Post => "the post office's written answer",
        EvidenceKind::Photo => "photos of the parcel and its weight on a scale",
        EvidenceKind::Customs => "the customs papers",
        EvidenceKind::Other => "other evidence",
    }
}

fn days_after(date: NaiveDate, days: i64) -> NaiveDate {
    u64::try_from(days)
        .ok()
        .and_then(|d| date.checked_add_days(Days::new(d)))
        .or_else(|| u64::try_from(-days).ok().and_then(|d| date.checked_sub_days(Days::new(d))))
        .unwrap_or(date)
}

/// Picks the next action from the facts and the raised flags.
pub(super) fn next_action(f: &Facts<'_>, flags: &[Flag]) -> NextAction {
    let today = f.today;
    let has = |code: FlagCode| flags.iter().any(|flag| flag.code == code);
    let critical = |code: FlagCode| flags.iter().any(|flag| flag.code == code && flag.severity == Severity::Critical);
    let margin = f.rules.days("protection.safety_margin");
    // The latest safe day to act before protection ends (never the last day itself).
    let safe = f.protection.as_ref().map(|p| days_after(p.until, -margin).max(today));
    let soon = |days: i64| safe.map_or(days_after(today, days), |s| s.min(days_after(today, days)));
    let action = |code: ActionCode, by: NaiveDate, template: Option<Template>, why: &str| NextAction {
        code,
        by,
        message: template.map(|t| fill(t, f)),
        template,
        why: why.to_string(),
    };

    if !f.case.order.is_open() {
        return action(ActionCode::None, today, None, "The case is closed.");
    }
    if has(FlagCode::ProtectionExpired) {
        return action(
            ActionCode::Escalate,
            today,
            Some(Template::DisputeStalled),
            "Protection has ended: ask the platform's support, or your payment provider or bank, to step in.",
        );
    }
    // Another office's postcode in the buyer's own town is only worth a look (`info`): the
    // delivery there is the buyer's to confirm, as any delivery at home.
    let elsewhere =
        flags.iter().any(|flag| flag.code == FlagCode::DeliveredElsewhere && flag.severity != Severity::Info);
    if has(FlagCode::NotReceived) || elsewhere {
        return action(
            ActionCode::OpenDispute,
            today,
            Some(Template::DisputeDeliveredElsewhere),
            "The parcel is shown as delivered but you do not have it: open a dispute now: on platforms that cut protection after a delivered status (AliExpress), little time is left.",
        );
    }
    if has(FlagCode::PickupWaiting) {
        return action(
            ActionCode::CollectParcel,
            soon(3),
            None,
            "The parcel waits at a pick-up point: collect it before the storage time runs out.",
        );
    }
    let short = f.protection.as_ref().is_some_and(|p| p.days_left <= margin + 7);
    if f.stage == Stage::Delivered && has(FlagCode::TrackingNumberReused) {
        return action(
            ActionCode::WriteSeller,
            soon(2),
            Some(Template::ChangedNumber),
            "The number shows delivered but is also on another order: ask the seller for this parcel's own number.",
        );
    }
    // A "delivered" parcel the carrier weighed as something else than the item is not the
    // item: an empty or substituted parcel was sent to end the tracking (round 11, PEC).
    if f.stage == Stage::Delivered && has(FlagCode::WeightMismatch) {
        return action(
            ActionCode::OpenDispute,
            soon(2),
            Some(Template::DisputeWeight),
            "The tracker says delivered, but the carrier weighed a parcel that cannot be the item: open a dispute with the weight as evidence.",
        );
    }
    if f.stage == Stage::Delivered {
        // Nothing is wrong yet; the date is the last safe day to act if the parcel is not there.
        let by = safe.unwrap_or(today);
        let why = format!(
            "The tracker says delivered. Confirm receipt if you have the parcel (and close the case with `dossier order close ORDER --outcome received`), or act by {by}: if you do not have it, set the not-received flag."
        );
        return action(ActionCode::None, by, None, &why);
    }
    if has(FlagCode::ProtectionEnding) {
        return action(
            ActionCode::OpenDispute,
            today,
            Some(dispute_template(flags)),
            "Protection ends within the safety margin and the parcel has not arrived: open the dispute now.",
        );
    }
    // A parcel the carrier declares lost, destroyed or seized (or searches for) will not come:
    // the seller cannot deliver it, so the dispute is opened at once (domain §1: a lost
    // shipment → a dispute). The latest problem status is the one read.
    let lost = f.stage == Stage::Exception
        && f.events.iter().rev().find(|e| e.stage == Stage::Exception).is_some_and(|e| declares_loss(&e.status.text));
    if lost {
        return action(
            ActionCode::OpenDispute,
            soon(2),
            Some(Template::DisputeStalled),
            "The carrier reports the parcel lost, destroyed or seized: open a dispute, as the seller cannot deliver it.",
        );
    }
    // Going back to the sender, or a problem the carrier reports that may pass (damaged,
    // held for information, an address query): the seller is asked first, unless protection
    // is short.
    let trouble = match f.stage {
        Stage::Returning => Some(("The parcel is going back to the sender", "to resend it or to refund")),
        Stage::Returned => Some(("The parcel went back to the sender", "to resend it or to refund")),
        Stage::Exception => Some(("The carrier reports a problem with the parcel", "to act, or to refund")),
        _ => None,
    };
    if let Some((what, ask)) = trouble {
        let (code, template, why) = if short {
            (
                ActionCode::OpenDispute,
                dispute_template(flags),
                format!("{what} and protection ends soon: open a dispute."),
            )
        } else {
            (ActionCode::WriteSeller, Template::StatusRequest, format!("{what}: ask the seller {ask}."))
        };
        return action(code, soon(2), Some(template), &why);
    }
    let grave = [
        FlagCode::Stalled,
        FlagCode::StalledOverMonth,
        FlagCode::NoFirstScan,
        FlagCode::ScanBeforeOrder,
        FlagCode::TrackingNumberReused,
    ]
    .into_iter()
    .any(critical)
        || has(FlagCode::WeightMismatch);
    if grave {
        return action(
            ActionCode::OpenDispute,
            soon(2),
            Some(dispute_template(flags)),
            "The facts point to a lost or wrong parcel: open a dispute with the evidence.",
        );
    }
    if has(FlagCode::LetterServiceHeavyItem) {
        let (code, template) = if short {
            (ActionCode::OpenDispute, dispute_template(flags))
        } else {
            (ActionCode::WriteSeller, Template::ChangedNumber)
        };
        return action(
            code,
            soon(2),
            Some(template),
            "A letter-class number cannot carry an item this heavy: ask the seller for the parcel's real number.",
        );
    }
    if let Some(p) = &f.protection
        && p.days_left <= margin + 7
    {
        return action(
            ActionCode::AskExtension,
            soon(1),
            Some(Template::ExtensionRequest),
            "Protection ends soon and the parcel is still on its way: ask the seller to extend it now.",
        );
    }
    if has(FlagCode::InvalidTrackingNumber) || has(FlagCode::NumberChanged) {
        return action(
            ActionCode::WriteSeller,
            soon(2),
            Some(Template::ChangedNumber),
            "The tracking number needs checking: ask the seller for the right or new number.",
        );
    }
    if has(FlagCode::Stalled) || has(FlagCode::NoFirstScan) || has(FlagCode::TemplateReplies) {
        // At the local office, or arrived in the buyer's country and sorted or handed to the
        // post that delivers it there, the parcel is in that post's hands, which answers the
        // buyer directly (held-out writers: 6 of 6 cases stalled at the destination's arrival
        // or sorting, and one after the hand-over to ELTA Courier; customs stays with the
        // seller).
        let why = match f.stage {
            Stage::AtLocalOffice | Stage::DeliveryFailed | Stage::OutForDelivery => {
                Some("The parcel stopped at your local office: ask the post office directly.")
            }
            Stage::ArrivedDestination | Stage::DestinationSorting | Stage::LastMileHandover => {
                Some("The parcel stopped after it reached your country: ask the post that delivers it there.")
            }
            _ => None,
        };
        if let Some(why) = why {
            return action(ActionCode::ContactPostOffice, soon(2), Some(Template::PostOffice), why);
        }
        return action(
            ActionCode::WriteSeller,
            soon(2),
            Some(Template::StatusRequest),
            "The parcel is silent for longer than usual at this stage: ask the seller to check with the carrier.",
        );
    }
    // Nothing unusual yet: wait until the silence would become unusual, or the extension window.
    let last_movement = f.events.last().map(|e| e.status.at.date()).or(f.case.order.shipped.map(|s| s.date()));
    let mut by = match (f.situation.thresholds(f.rules), last_movement) {
        (Some((react, _)), Some(last)) => days_after(last, react),
        _ => days_after(today, 7),
    };
    if let Some(p) = &f.protection {
        by = by.min(days_after(p.until, -(margin + 7)));
    }
    let why = if f.situation == Situation::NoFirstScan && f.events.is_empty() && f.case.order.shipped.is_none() {
        "Nothing to judge yet: record the shipment date and the tracking statuses as they come."
    } else {
        "Nothing unusual yet: look at the tracking again by this date."
    };
    action(ActionCode::Wait, by.max(today), None, why)
}

fn dispute_template(flags: &[Flag]) -> Template {
    if flags.iter().any(|f| f.code == FlagCode::WeightMismatch) {
        Template::DisputeWeight
    } else {
        Template::DisputeStalled
    }
}

/// Fills a template with the case's facts.
pub(crate) fn fill(template: Template, f: &Facts<'_>) -> String {
    let order = &f.case.order;
    let track = f.case.tracking.first().map(|t| t.number.as_str());
    let last = f.events.last();
    let mut s: Vec<String> = Vec::new();
    let mut say = |sentence: String| s.push(sentence);
    let number_sentence = track.map(|t| format!("The tracking number is {t}."));
    let last_sentence = last.map(|e| {
        let place = e.status.place.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
        format!("The last tracking status is from {}: \"{}\"{place}.", e.status.at.date(), e.status.text)
    });
    let silent = f.days_silent.filter(|d| *d > 0).map(|d| format!("There has been no movement for {d} days."));
    // A date already past is said as past: a reviewer reads the message after it is sent.
    let protection_sentence = f.protection.as_ref().map(|p| {
        if p.until < f.today {
            format!("The buyer protection ended on {}.", p.until)
        } else {
            format!("The buyer protection ends on {}.", p.until)
        }
    });
    match template {
        Template::StatusRequest => {
            say("Hello.".into());
            say(format!("I am writing about my order {}.", order.number));
            number_sentence.into_iter().chain(last_sentence).chain(silent).for_each(&mut say);
            say("Please ask the carrier where the parcel is now.".into());
            say("Please tell me what they answer.".into());
            say("Thank you.".into());
        }
        Template::ExtensionRequest => {
            say("Hello.".into());
            say(format!("My order {} has not arrived yet.", order.number));
            number_sentence.into_iter().chain(last_sentence).for_each(&mut say);
            protection_sentence.into_iter().for_each(&mut say);
            say("Please extend the protection time by 15 days.".into());
            say("Then the parcel still has time to arrive.".into());
            say("Thank you.".into());
        }
        Template::RefuseClose => {
            say("Hello.".into());
            say("Thank you for offering to send the item again.".into());
            say("I will not close or cancel the dispute because of this promise.".into());
            say("Please give the refund through the dispute.".into());
            say("If you send a new parcel, I will close the dispute when it arrives.".into());
            say("The dispute stays open until then.".into());
        }
        Template::DisputeStalled => {
            say(format!("I did not receive my order {}.", order.number));
            number_sentence.into_iter().chain(last_sentence).chain(silent).for_each(&mut say);
            if let Some(asked) = f.case.messages.iter().find(|m| m.from == Sender::Me) {
                say(format!("I asked the seller about the parcel on {}.", asked.at.date()));
                if f.case.messages.iter().any(|m| m.from == Sender::Seller) {
                    say("The seller did not give a new tracking status or a solution.".into());
                } else {
                    say("The seller did not answer.".into());
                }
            }
            protection_sentence.into_iter().for_each(&mut say);
            say(attachments(f));
            say("I ask for a full refund.".into());
        }
        Template::DisputeDeliveredElsewhere => {
            let delivered = f.events.iter().rev().find(|e| matches!(e.stage, Stage::Delivered | Stage::AwaitingPickup));
            say(format!("I did not receive my order {}.", order.number));
            number_sentence.into_iter().for_each(&mut say);
            if let Some(e) = delivered {
                say(format!("The tracking says on {}: \"{}\".", e.status.at.date(), e.status.text));
                // The other place as the tracking gives it, and any postcode it names that the
                // place does not already show.
                let place = e.status.place.as_deref().unwrap_or_default();
                let mut other: Vec<String> = (!place.is_empty()).then(|| place.to_string()).into_iter().collect();
                other.extend(
                    super::flags::postcodes(&e.status.text)
                        .into_iter()
                        .filter(|code| !place.contains(code.as_str()))
                        .map(|code| format!("postcode {code}")),
                );
                if !other.is_empty() {
                    say(format!("The tracking gives the place as {}.", other.join(", ")));
                }
            }
            let home = [order.postcode.as_deref(), order.city.as_deref()].into_iter().flatten().collect::<Vec<_>>();
            if !home.is_empty() {
                say(format!("My address is {}.", home.join(" ")));
            }
            say("Nobody gave me the parcel, and I did not sign for it.".into());
            say(attachments(f));
            say("I ask for a full refund.".into());
        }
        Template::DisputeWeight => {
            say(format!("I did not receive the item of my order {}.", order.number));
            number_sentence.into_iter().for_each(&mut say);
            if let Some(e) = f.events.iter().find(|e| e.status.weight_grams.is_some())
                && let Some(weight) = e.status.weight_grams
            {
                say(format!("The carrier weighed the parcel at {weight} on {}.", e.status.at.date()));
            }
            if let Some(item) = order.weight_grams {
                say(format!("The item I ordered weighs {item}."));
            }
            say("A parcel of this weight cannot contain my item.".into());
            say(attachments(f));
            say("I ask for a full refund.".into());
        }
        Template::ChangedNumber => {
            say("Hello.".into());
            match track {
                Some(t) => {
                    say(format!(
                        "The tracking number {t} of my order {} does not show the parcel's way.",
                        order.number
                    ));
                }
                None => say(format!("My order {} has no working tracking number.", order.number)),
            }
            if let Some(e) = last {
                say(format!("The last status is from {}.", e.status.at.date()));
            }
            say("Was the parcel sent with a new tracking number?".into());
            say("Please send me the correct tracking number and the name of the carrier.".into());
            say("Thank you.".into());
        }
        Template::PostOffice => {
            say("Hello.".into());
            match track {
                Some(t) => say(format!("I am waiting for a parcel with the tracking number {t}.")),
                None => say("I am waiting for a parcel.".into()),
            }
            last_sentence.into_iter().for_each(&mut say);
            say("I have not received the parcel or a notice.".into());
            say("Please tell me where the parcel is now.".into());
            say("If it was handed over, please tell me to whom, and show the signature.".into());
            say("Thank you.".into());
        }
    }
    s.join(" ")
}

fn attachments(f: &Facts<'_>) -> String {
    let mut kinds: Vec<EvidenceKind> = f.case.evidence.iter().map(|e| e.kind).collect();
    kinds.sort();
    kinds.dedup();
    if kinds.is_empty() {
        "I can send screenshots of the order and the tracking history.".into()
    } else {
        format!("I attach {}.", evidence_list(&kinds))
    }
}
