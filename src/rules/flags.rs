//! The red-flag checklist (SPEC §5, domain.md §4): each check looks at the derived facts of
//! one case and, when it fires, says why in a calm sentence and lists the facts it rests on.

use super::{About, Facts, Flag, Situation};
use crate::model::{EvidenceKind, FlagCode, ManualFlag, Reuse, Severity, Stage};
use crate::tracking;

/// Every flag the data supports, except `evidence-missing` (added by the caller).
pub(super) fn raise(f: &Facts<'_>, reused: &[Reuse]) -> Vec<Flag> {
    if !f.case.order.is_open() {
        return Vec::new();
    }
    let mut flags = Vec::new();
    let mut push = |code: FlagCode, severity: Severity, message: String, facts: Vec<String>, about: About| {
        let evidence = supporting_evidence(f, code);
        flags.push(Flag { code, severity, message, facts, evidence, about });
    };

    silence(f, &mut push);
    delivery(f, &mut push);
    weights(f, &mut push);
    numbers(f, reused, &mut push);

    if let Some(i) = f.events.iter().position(|e| !matches!(e.stage, Stage::OrderPlaced | Stage::Unknown))
        && let Some(ordered) = f.case.order.ordered
        && f.events[i].status.at.date() < ordered.date()
    {
        let first = &f.events[i];
        push(
            FlagCode::ScanBeforeOrder,
            Severity::Critical,
            "The carrier's first event is older than the order itself: the number may belong to someone else's parcel."
                .into(),
            vec![
                format!("first carrier event {}: {}", first.status.at, first.status.text),
                format!("ordered {ordered}"),
            ],
            About::ScanBeforeOrder { first: i, ordered },
        );
    }
    if f.manual(ManualFlag::TemplateReplies) {
        let (facts, about) = manual(f, ManualFlag::TemplateReplies);
        push(
            FlagCode::TemplateReplies,
            Severity::Warning,
            "The seller answers only with ready-made replies and gives no new information.".into(),
            facts,
            about,
        );
    }
    if f.manual(ManualFlag::NotReceived) {
        let (facts, about) = manual(f, ManualFlag::NotReceived);
        push(
            FlagCode::NotReceived,
            Severity::Critical,
            "The tracker says the parcel was handed over, but you have not received it.".into(),
            facts,
            about,
        );
    }
    protection(f, &mut push);
    flags
}

type Push<'p> = dyn FnMut(FlagCode, Severity, String, Vec<String>, About) + 'p;

/// A manual flag's facts for `check` and, typed, for the dossier: the day it was set and the
/// buyer's note.
fn manual(f: &Facts<'_>, code: ManualFlag) -> (Vec<String>, About) {
    let notes: Vec<(String, Option<String>)> = f
        .case
        .flags
        .iter()
        .filter(|m| m.code == code)
        .map(|m| (m.set_at[..10.min(m.set_at.len())].to_string(), m.note.clone()))
        .collect();
    let facts = notes
        .iter()
        .map(|(day, note)| match note {
            Some(note) => format!("set by you on {day}: {note}"),
            None => format!("set by you on {day}"),
        })
        .collect();
    (facts, About::Manual { notes })
}

fn silence(f: &Facts<'_>, push: &mut Push<'_>) {
    let Some((react, critical)) = f.situation.thresholds(f.rules) else { return };
    let Some(days) = f.days_silent else { return };
    let last = f.events.last();
    let over_month = f.rules.days("silence.over_month");
    if f.situation == Situation::NoFirstScan && !f.has_carrier_scan() {
        let since = f.case.order.shipped.or(f.events.first().map(|e| e.status.at));
        if let Some(since) = since {
            let waited = since.days_until(f.now);
            if waited >= react {
                let severity = if waited >= critical { Severity::Critical } else { Severity::Warning };
                push(
                    FlagCode::NoFirstScan,
                    severity,
                    format!("The parcel was marked as shipped {waited} days ago, but no carrier has scanned it yet."),
                    vec![
                        format!("shipped {since}"),
                        "no carrier scan recorded".into(),
                        format!("threshold {react} days"),
                    ],
                    About::NoFirstScan { since, waited, react },
                );
            }
        }
    } else if days >= react
        && let Some(last) = last
    {
        let severity = if days >= critical { Severity::Critical } else { Severity::Warning };
        let what = if f.situation == Situation::Exported { " and no import event" } else { "" };
        push(
            FlagCode::Stalled,
            severity,
            format!("No movement for {days} days{what}; at this stage {react} days is already unusual."),
            vec![
                format!("last status {}: {}", last.status.at, last.status.text),
                format!("stage {}", f.stage),
                format!("threshold {react} days, critical at {critical}"),
            ],
            About::Stalled { days, react, last: f.events.len() - 1, exported: f.situation == Situation::Exported },
        );
    }
    if days > over_month {
        push(
            FlagCode::StalledOverMonth,
            Severity::Critical,
            format!("Nothing has happened for {days} days: over a month without movement."),
            vec![match last {
                Some(last) => format!("last status {}: {}", last.status.at, last.status.text),
                None => "no status at all since shipment".into(),
            }],
            About::OverMonth { days, last: f.events.len().checked_sub(1) },
        );
    }
}

fn delivery(f: &Facts<'_>, push: &mut Push<'_>) {
    let order = &f.case.order;
    if f.stage == Stage::AwaitingPickup
        && let Some(at) = f.events.iter().rposition(|e| e.stage == Stage::AwaitingPickup)
    {
        let last = &f.events[at];
        let text = last.status.text.to_lowercase();
        // Words of a storage period running out, in the tables' languages.
        let expiring = [
            "срок хранения",
            "истекает",
            "storage",
            "expire",
            "return soon",
            "final notice",
            "if not collected",
            "if not picked up",
            "will be returned",
            "last day",
            "letzter tag",
            "dernier jour",
            "último día",
            "ostatni dzień",
        ]
        .iter()
        .any(|w| text.contains(w));
        push(
            FlagCode::PickupWaiting,
            if expiring { Severity::Critical } else { Severity::Warning },
            "The parcel waits at a pick-up point: it is not delivered until you collect it.".into(),
            vec![match last.status.place.as_deref() {
                Some(place) => format!("status {}: {}, {place}", last.status.at, last.status.text),
                None => format!("status {}: {}", last.status.at, last.status.text),
            }],
            About::PickupWaiting { status: at },
        );
    }
    // One flag, from the latest delivery or pick-up status that is away from the address.
    let mut delivered_home_after = false;
    for (at, event) in
        f.events.iter().enumerate().rev().filter(|(_, e)| matches!(e.stage, Stage::Delivered | Stage::AwaitingPickup))
    {
        let where_ = format!("{} {}", event.status.place.as_deref().unwrap_or(""), event.status.text);
        let found = postcodes(&where_);
        let mut facts = Vec::new();
        let mut severity = None;
        let (mut postcode, mut place_of) = (None, None);
        // The number of the buyer's postcode: its first run of digits when that has 4 to 6
        // ("3512" of the Dutch "3512 AB", "78701" of the ZIP+4 "78701-1234"); a postcode
        // with none ("SW1A 1AA", "K1A 0B1") is left to the town. A country's postcodes
        // have one length: a number of another length in the status is something else
        // (a year, "before October 27, 2026").
        let home = order.postcode.as_deref().and_then(|home| {
            let number = home.split(|c: char| !c.is_ascii_digit()).find(|run| !run.is_empty())?;
            (4..=6).contains(&number.len()).then_some((home, number))
        });
        let compared: Vec<&String> =
            found.iter().filter(|code| home.is_some_and(|(_, number)| code.len() == number.len())).collect();
        if let Some((home, number)) = home {
            let others: Vec<&&String> = compared.iter().filter(|code| code.as_str() != number).collect();
            // Another office of the buyer's own town is a question, not a parcel lost; a
            // pick-up point there has its own postcode and is no question at all. (The town
            // is the status's place, named by the same words as the buyer's city.)
            let same_town = !others.is_empty()
                && order
                    .city
                    .as_deref()
                    .zip(event.status.place.as_deref())
                    .is_some_and(|(city, place)| names_own_town(place, city));
            let pickup_in_town = same_town && event.stage == Stage::AwaitingPickup;
            // The Soviet six-digit postcodes start with the region's three digits.
            let soviet = ["RU", "BY", "KZ", "UZ", "KG", "TJ"].contains(&order.country.as_deref().unwrap_or(""));
            for code in others.into_iter().filter(|_| !pickup_in_town) {
                let same_region = soviet && code.get(..3) == number.get(..3);
                // In the buyer's own town the number is most often the delivery office's
                // ("SURABAYA 60000" for an address at 60271): worth a look, no more.
                severity = Some(if same_town {
                    Severity::Info
                } else if same_region {
                    Severity::Warning
                } else {
                    Severity::Critical
                });
                facts.push(format!("postcode {code} in the status, yours is {home}"));
                postcode.get_or_insert((code.to_string(), home.to_string()));
            }
        }
        // Only comparable in the same script: "Казань" and "Kazan" are one city, while
        // "Eskişehir" and "Ankara" are two. Compared folded: "SAO PAULO - SP" is São Paulo,
        // "İSTANBUL" is Istanbul; or by town words: a Chinese post office named by town and
        // street ("臺中民權路郵局") is in 臺中市.
        let comparable = order.city.as_deref().zip(event.status.place.as_deref()).filter(|&(city, place)| {
            script(place) == script(city) && !super::stages::names_only_country(place) && !names_no_town(place)
        });
        let in_town = comparable.map(|(city, place)| names_town(place, city));
        // After a round to the buyer's door (out for delivery, or a failed attempt) with no
        // place, in the buyer's town or at the pick-up office's own place, the office that keeps
        // the parcel for collection is the buyer's own, and is often named by its branch or
        // district ("AC ALDEOTA" in Fortaleza, "ÇANKAYA" in Ankara): only a postcode can place
        // it elsewhere then. A pick-up point reached without such a round ("NOKIA" for a buyer
        // in Tampere), or after a round in another town, is compared by name, as a delivery
        // is. The cost, chosen knowingly: a parcel taken out in the buyer's town and then held
        // in a far town named only by name raises just `pickup-waiting`, whose fact shows it.
        // (A Chinese place that is a whole city, "绍兴市", is no branch or district of the
        // buyer's: a locker there after a round there is elsewhere, round 38. See
        // `names_no_chinese_city` for the places ending in 市 that are not.)
        let other_city = event.status.place.as_deref().is_some_and(|place| {
            let place = place.trim();
            place.ends_with('市') && in_town == Some(false) && !names_no_chinese_city(place)
        });
        let held_after_round = event.stage == Stage::AwaitingPickup
            && !other_city
            && f.events[..at]
                .iter()
                .rev()
                .find(|e| matches!(e.stage, Stage::OutForDelivery | Stage::DeliveryFailed))
                .is_some_and(|round| match (round.status.place.as_deref(), event.status.place.as_deref()) {
                    (None, _) => true,
                    (Some(there), Some(here)) if there.trim().eq_ignore_ascii_case(here.trim()) => true,
                    (Some(there), _) => order.city.as_deref().is_some_and(|city| names_town(there, city)),
                });
        if severity.is_none()
            && compared.is_empty()
            && !held_after_round
            && let Some((city, place)) = comparable.filter(|_| in_town == Some(false))
        {
            severity = Some(Severity::Warning);
            facts.push(format!("place \"{place}\", your city is {city}"));
            place_of = Some((place.to_string(), city.to_string()));
        }
        // A "delivered" or pick-up status elsewhere that the parcel moved on from, before a
        // later delivery at the buyer's own postcode or town, was a step on the way
        // (Landmark's "Parcel collected" at a service centre, "Despatched from service
        // centre", then "Parcel delivered" in the buyer's town).
        let at_home = home.is_some_and(|(_, number)| compared.iter().any(|code| code.as_str() == number))
            || in_town == Some(true);
        if severity.is_none() && at_home && event.stage == Stage::Delivered {
            delivered_home_after = true;
        }
        let moved_on = || {
            f.events[at + 1..].iter().any(|later| {
                super::stages::moving(later.stage)
                    || matches!(later.stage, Stage::AtLocalOffice | Stage::OutForDelivery)
            })
        };
        // (Nor is a pick-up notice before the delivery at the buyer's own town or postcode:
        // PostNord's "E-mail notification has been sent to the recipient" at "PostNord, Sweden",
        // then "delivered" at the service point in Stockholm.)
        if delivered_home_after && (moved_on() || event.stage == Stage::AwaitingPickup) {
            severity = None;
        }
        if let Some(severity) = severity {
            facts.insert(0, format!("status {}: {}", event.status.at, event.status.text));
            push(
                FlagCode::DeliveredElsewhere,
                severity,
                "The parcel is shown as delivered or waiting somewhere that is not your address.".into(),
                facts,
                About::Elsewhere { status: at, postcode, place: place_of },
            );
            break;
        }
    }
    if let Some(at) = f.delivered
        && let Some(p) = f.protection.as_ref().filter(|p| p.cut_by_delivery)
    {
        let delivered = &f.events[at];
        push(
            FlagCode::DeliveredAutoclose,
            Severity::Info,
            format!(
                "After a \"delivered\" status AliExpress usually closes protection early: estimated end {}.",
                p.until
            ),
            vec![format!("status {}: {}", delivered.status.at, delivered.status.text), p.basis.clone()],
            About::Autoclose { status: at, until: p.until },
        );
    }
    if let Some(destination) = order.country.as_deref() {
        let origin = origin_country(f, destination);
        // Statuses in a row often name the same place: its country is looked up once.
        let mut previous = None;
        for (at, event) in f.events.iter().enumerate() {
            let Some(place) = event.status.place.as_deref() else { continue };
            if previous.replace(place) == Some(place) {
                continue;
            }
            // Read for this buyer: "VANCOUVER, WA 98661" is in Washington State for a buyer
            // in the United States, not in Canada.
            if let Some(country) = super::stages::country_at(place, Some(destination))
                && country != destination
                && country != origin
                && !super::stages::is_transit_country(country)
            {
                push(
                    FlagCode::WrongCountry,
                    Severity::Warning,
                    format!("The parcel moved in {country}, which is neither where it came from nor where it goes."),
                    vec![format!("status {}: {} ({place})", event.status.at, event.status.text)],
                    About::WrongCountry { status: at, country: country.to_string() },
                );
                break;
            }
        }
    }
}

/// Where the parcel came from: the country that issued its tracking number, unless that is
/// the buyer's own (a destination post's label on an import, Correios' "NL…BR", says nothing
/// of the origin); then the first country its statuses name that is not the buyer's or a
/// usual transit country (a courier's own number, UPS's "1Z…" from Philadelphia to Köln,
/// names no country); China when nothing says.
fn origin_country(f: &Facts<'_>, destination: &str) -> &'static str {
    // (A usual hub's post, PostNL's "RS…NL" on a parcel from Guangzhou, leaves it to the
    // statuses.)
    match super::stages::issuing_country(f.case) {
        Some(country) if !country.eq_ignore_ascii_case(destination) && !super::stages::is_transit_country(country) => {
            country
        }
        _ => f
            .events
            .iter()
            .filter_map(|event| {
                event.status.place.as_deref().and_then(|place| super::stages::country_at(place, Some(destination)))
            })
            .find(|c| !c.eq_ignore_ascii_case(destination) && !super::stages::is_transit_country(c))
            .unwrap_or("CN"),
    }
}

fn weights(f: &Facts<'_>, push: &mut Push<'_>) {
    let Some(item) = f.case.order.weight_grams else { return };
    // The carrier weighs the parcel with its packaging: much lighter than the item is the
    // strong signal; heavier only counts beyond the ratio plus a packaging allowance.
    let (low, high) = (f.rules.number("weight.low_ratio"), f.rules.number("weight.high_ratio"));
    let packaging = f.rules.number("weight.packaging_grams");
    if item.0 > 0.0 {
        for (at, event) in f.events.iter().enumerate() {
            let Some(weight) = event.status.weight_grams else { continue };
            if weight.0 < low * item.0 || weight.0 > high * item.0 + packaging {
                push(
                    FlagCode::WeightMismatch,
                    Severity::Warning,
                    format!(
                        "The carrier weighed {weight}, but the item weighs {item}: the parcel may not hold your item."
                    ),
                    vec![
                        format!("status {}: {} ({weight})", event.status.at, event.status.text),
                        format!("item {item}"),
                    ],
                    About::Weight { status: at, weighed: weight, item },
                );
                break;
            }
        }
    }
    let heavy = f.rules.number("weight.letter_heavy_grams");
    if item.0 > heavy {
        for number in &f.case.tracking {
            if tracking::is_letter_service(&number.verdict) {
                push(
                    FlagCode::LetterServiceHeavyItem,
                    Severity::Warning,
                    format!("{} is a letter service, but the item weighs {item}.", number.number),
                    vec![format!("service indicator {}", number.number.get(..1).unwrap_or("")), format!("item {item}")],
                    About::LetterService { number: number.number.clone(), item },
                );
            }
        }
    }
}

fn order_country<'a>(f: &Facts<'a>) -> Option<&'a str> {
    f.case.order.country.as_deref()
}

fn numbers(f: &Facts<'_>, reused: &[Reuse], push: &mut Push<'_>) {
    for number in &f.case.tracking {
        let verdict = &number.verdict;
        // Fourteen digits are Russian Post's domestic format, and also the parcel numbers of
        // DPD, Hermes and Chinese couriers: a failed Russian check digit means nothing for a
        // buyer outside Russia.
        let foreign_format = verdict.format == crate::tracking::Format::RuDomestic
            && order_country(f).is_some_and(|c| !c.eq_ignore_ascii_case("RU"));
        if verdict.valid == Some(false) && !foreign_format {
            let mut facts = vec![format!("{}: {}", number.number, verdict.problem.clone().unwrap_or_default())];
            if let Some(suggestion) = &verdict.suggestion {
                facts.push(format!("did you mean {suggestion}?"));
            }
            push(
                FlagCode::InvalidTrackingNumber,
                Severity::Warning,
                format!("{} fails its format check: ask the seller to confirm it.", number.number),
                facts,
                About::InvalidNumber { number: number.number.clone(), suggestion: verdict.suggestion.clone() },
            );
        }
    }
    for reuse in reused {
        push(
            FlagCode::TrackingNumberReused,
            Severity::Critical,
            format!("{} is also the tracking number of order {}.", reuse.number, reuse.other_order),
            vec![format!("{} on order {} and on order {}", reuse.number, f.case.order.id, reuse.other_order)],
            About::Reused { number: reuse.number.clone() },
        );
    }
    // The latest carrier update that leaves something to do. One whose every number is
    // already on the order ("国内快递公司：顺丰速递,单号：SF…" after `track add`) asks nothing:
    // the buyer has done what the flag would ask. A number is a run of 8 or more letters and
    // digits with a digit in it, and it must equal a number on the order, not just contain one.
    let all_added = |text: &str| {
        let numbers: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|run| run.len() >= 8 && run.bytes().any(|b| b.is_ascii_digit()))
            .collect();
        !numbers.is_empty() && numbers.iter().all(|n| f.case.tracking.iter().any(|t| t.number.eq_ignore_ascii_case(n)))
    };
    let update_at = f.events.iter().rposition(|e| e.stage == Stage::CarrierUpdate && !all_added(&e.status.text));
    let update = update_at.map(|i| &f.events[i]);
    // Which number a status belongs to is only known when statuses name one (--track).
    let tracked = f.case.statuses.iter().any(|s| s.track.is_some());
    let silent: Vec<&str> = f
        .case
        .tracking
        .iter()
        .skip(1)
        .filter(|_| tracked)
        .filter(|t| !f.case.statuses.iter().any(|s| s.track.as_deref() == Some(t.number.as_str())))
        .map(|t| t.number.as_str())
        .collect();
    if update.is_some() || !silent.is_empty() {
        let mut facts = Vec::new();
        if let Some(update) = update {
            facts.push(format!("status {}: {}", update.status.at, update.status.text));
        }
        facts.extend(silent.iter().map(|n| format!("{n} has no statuses of its own yet")));
        push(
            FlagCode::NumberChanged,
            Severity::Info,
            "The parcel has a new number: track it too, and record its statuses.".into(),
            facts,
            About::NumberChanged { status: update_at, silent: silent.iter().map(|n| (*n).to_string()).collect() },
        );
    }
}

fn protection(f: &Facts<'_>, push: &mut Push<'_>) {
    let Some(p) = &f.protection else { return };
    let margin = f.rules.days("protection.safety_margin");
    let facts = vec![format!("protection until {}", p.until), p.basis.clone()];
    let about = About::Protection { until: p.until, days_left: p.days_left };
    if p.days_left < 0 {
        push(
            FlagCode::ProtectionExpired,
            Severity::Critical,
            format!("Buyer protection ended on {}, {} days ago.", p.until, -p.days_left),
            facts,
            about,
        );
    } else if p.days_left <= margin && f.stage != Stage::Delivered {
        push(
            FlagCode::ProtectionEnding,
            Severity::Critical,
            format!("Buyer protection ends on {}: {} days left. Do not wait for the last day.", p.until, p.days_left),
            facts,
            about,
        );
    }
}

/// Evidence the situation calls for (domain.md §5) that the case does not have.
pub(super) fn evidence_missing(f: &Facts<'_>, raised: &[Flag]) -> Vec<EvidenceKind> {
    if !f.case.order.is_open() {
        return Vec::new();
    }
    let has = |code: FlagCode| raised.iter().any(|r| r.code == code);
    let mut wanted = vec![EvidenceKind::Order, EvidenceKind::Tracker, EvidenceKind::Chat];
    if has(FlagCode::DeliveredElsewhere) {
        wanted.push(EvidenceKind::Delivery);
    }
    if has(FlagCode::DeliveredElsewhere) || has(FlagCode::NotReceived) {
        wanted.push(EvidenceKind::Post);
    }
    if has(FlagCode::WeightMismatch) {
        wanted.push(EvidenceKind::Photo);
    }
    if f.stage == Stage::ImportCustoms && has(FlagCode::Stalled) {
        wanted.push(EvidenceKind::Customs);
    }
    wanted.retain(|kind| !f.case.evidence.iter().any(|e| e.kind == *kind));
    wanted
}

/// The references of attached evidence that bears on a flag.
fn supporting_evidence(f: &Facts<'_>, code: FlagCode) -> Vec<String> {
    use EvidenceKind as K;
    let kinds: &[EvidenceKind] = match code {
        FlagCode::NoFirstScan | FlagCode::Stalled | FlagCode::StalledOverMonth | FlagCode::ScanBeforeOrder => {
            &[K::Tracker]
        }
        FlagCode::DeliveredElsewhere | FlagCode::NotReceived | FlagCode::PickupWaiting => {
            &[K::Delivery, K::Post, K::Tracker]
        }
        FlagCode::WrongCountry | FlagCode::NumberChanged | FlagCode::DeliveredAutoclose => &[K::Tracker],
        FlagCode::WeightMismatch | FlagCode::LetterServiceHeavyItem => &[K::Photo, K::Tracker],
        FlagCode::InvalidTrackingNumber | FlagCode::TrackingNumberReused => &[K::Order, K::Tracker],
        FlagCode::TemplateReplies => &[K::Chat],
        FlagCode::ProtectionEnding | FlagCode::ProtectionExpired => &[K::Order],
        FlagCode::EvidenceMissing => &[],
    };
    f.case.evidence.iter().filter(|e| kinds.contains(&e.kind)).map(|e| e.reference.clone()).collect()
}

/// Postcode-like numbers (4 to 6 digits standing alone) in a text. Digits joined to a
/// masked phone number or a code (`137****4974`, `A-1234`, `12/3456`) are not postcodes.
pub(crate) fn postcodes(text: &str) -> Vec<String> {
    let joined = |c: Option<char>| c.is_some_and(|c| matches!(c, '*' | '-' | '/' | '+' | '#') || c.is_alphanumeric());
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let before = start.checked_sub(1).map(|k| chars[k]);
        if (4..=6).contains(&(i - start)) && !joined(before) && !joined(chars.get(i).copied()) {
            found.push(chars[start..i].iter().collect());
        }
    }
    found
}

/// True when a place, or one of its comma-separated parts, is the buyer's town and no other:
/// the same name words ("SURABAYA 60000" is Surabaya; "MAGALLANES 1576, USHUAIA, TIERRA DEL
/// FUEGO" has Ushuaia as a part; "Великий Новгород" is not "Нижний Новгород", nor "SOUTH
/// PORTLAND, ME" Portland).
fn names_own_town(place: &str, city: &str) -> bool {
    let city = super::stages::town_words(city);
    !city.is_empty()
        && std::iter::once(place).chain(place.split(',')).any(|part| super::stages::town_words(part) == city)
}

/// True when a place names the buyer's town: folded ("SAO PAULO - SP" is São Paulo), or by
/// town words (see `stages::same_town`: "臺中民權路郵局" is in 臺中市, "ROMA" is Rome).
fn names_town(place: &str, city: &str) -> bool {
    // (A Chinese place opens with its town's name without 市: "高雄明誠門市", a store in 高雄市;
    // not when a province, a street or another town goes on from it: "吉林省长春市", "南京西路",
    // "新北投門市" in 台北市.)
    let opens_with_town = || {
        let city = simplet2s::convert(city.trim());
        let Some(stem) = city.strip_suffix('市').filter(|stem| stem.chars().count() >= 2) else {
            return false;
        };
        simplet2s::convert(place.trim())
            .strip_prefix(stem)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|next| !['省', '市', '路', '街', '道', '投', '东', '西', '南', '北', '大'].contains(&next))
    };
    super::stages::normalise(place).contains(super::stages::normalise(city).trim())
        || (city.trim_end().ends_with('市') && opens_with_town())
        || super::stages::same_town(place, city)
        || names_district(place, city)
}

/// True when a place names a spot at the address or a numbered branch and no town: "DoorYard",
/// "Front Door", "Parcel Locker", "Відділення №105". Such a place cannot put a delivery in
/// another town; only a postcode can.
fn names_no_town(place: &str) -> bool {
    // Whole words, normalised (lower case, no accents).
    const SPOTS: &[&str] = &[
        "door",
        "doorstep",
        "dooryard",
        "frontdoor",
        "backdoor",
        "porch",
        "yard",
        "mailbox",
        "letterbox",
        "locker",
        "reception",
        "garage",
        "mailroom",
        "concierge",
        "lobby",
        "neighbour",
        "neighbor",
        // The same spots in the other languages of the tables: Turkish ("Alıcıda", "at the
        // recipient's"; "Kendisi", "the addressee himself"), German, French, Spanish, Dutch,
        // Polish. (Not "buren" or "skrzynka": Buren, Büren and Skrzynka are towns.)
        "alicida",
        "alici",
        "kendisi",
        "komsu",
        "briefkasten",
        "nachbar",
        "nachbarn",
        "haustur",
        "boite",
        "voisin",
        "buzon",
        "vecino",
        "brievenbus",
        "sasiad",
    ];
    // Words of a branch's name that are no town's ("Відділення №105", "Отделение 5", "Branch 12").
    const BRANCH: &[&str] =
        &["відділення", "отделение", "поштомат", "почтомат", "пункт", "выдачи", "видачі", "пвз", "branch", "no", "nr"];
    // Words that go with a spot's name ("Front Door", "Left at the back porch").
    const WITH_SPOT: &[&str] = &[
        "front", "back", "side", "parcel", "left", "at", "the", "in", "to", "of", "safe", "place", "aux", "lettres",
        "bei", "de", "bij",
    ];
    let place = super::stages::normalise(place);
    let words: Vec<&str> = place.split(' ').filter(|word| !word.is_empty()).collect();
    // Every word is one of those: "Parcel Locker, Manchester Piccadilly" names a town.
    let number = |word: &&str| word.chars().all(|c| c.is_ascii_digit());
    let spot = words.iter().all(|word| SPOTS.contains(word) || WITH_SPOT.contains(word) || number(word))
        && words.iter().any(|word| SPOTS.contains(word));
    let branch = words.iter().all(|word| BRANCH.contains(word) || number(word));
    // A facility named by its kind and number alone ("Centre Courrier 06": La Poste's mail
    // centre of the Alpes-Maritimes) names no town either.
    let facility = words.iter().all(|word| super::stages::FACILITY_WORDS.contains(word) || number(word))
        && words.iter().any(|word| !number(word));
    !words.is_empty() && (spot || branch || facility)
}

/// True when a place starts with the district the buyer typed after the town, in Chinese
/// ("台北市內湖區": the post office "內湖東湖郵局"; "桃園市平鎮區": the branch "平鎮營業所").
/// Only the buyer's own district counts: districts of one name exist in many towns (朝阳区).
fn names_district(place: &str, city: &str) -> bool {
    let city = simplet2s::convert(city);
    let Some((_, after)) = city.split_once('市') else {
        return false;
    };
    // (One suffix only: "平镇区" is the district 平镇.)
    let after = after.trim();
    let district = after.strip_suffix(['区', '县', '镇']).unwrap_or(after);
    // Not when the name goes on as another town's or a street's: "朝阳市…" is a town, and
    // "中山路郵局" is on a road that most towns have.
    let place = simplet2s::convert(place);
    district.chars().count() >= 2
        && place.trim_start().strip_prefix(district).is_some_and(|rest| {
            !rest.starts_with(['市', '县', '大']) && !rest.starts_with(super::stages::STREET_AFTER_NAME)
        })
}

/// The writing system of a name, by its first letter: Latin (with accents: "ş", "é"),
/// Cyrillic, Chinese/Japanese/Korean, or another.
fn script(name: &str) -> u8 {
    match name.chars().find(|c| c.is_alphabetic()) {
        Some(c) if c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c) => 0,
        Some(c) if ('\u{0400}'..='\u{04FF}').contains(&c) => 1,
        Some(c) if ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7AF}').contains(&c) => 2,
        Some(_) => 3,
        None => 4,
    }
}

/// True for a Chinese place ending in 市 that names no other city than the buyer's: a store
/// or market (门市, 超市, 菜市, 夜市, 街市), or a county-level city that is part of a larger one
/// (昆山市 in 苏州市, 义乌市 in 金华市), which a buyer may well have typed as the larger one.
fn names_no_chinese_city(place: &str) -> bool {
    const NOT_TOWNS: &[&str] = &["门市", "門市", "超市", "菜市", "夜市", "街市"];
    const COUNTY_CITIES: &[&str] = &[
        "昆山",
        "常熟",
        "张家港",
        "江阴",
        "宜兴",
        "太仓",
        "义乌",
        "上虞",
        "慈溪",
        "余姚",
        "乐清",
        "瑞安",
        "诸暨",
        "海宁",
        "桐乡",
        "东阳",
        "永康",
        "晋江",
        "石狮",
        "南安",
        "福清",
        "增城",
        "从化",
        "普宁",
        "英德",
        "库尔勒",
        "都江堰",
    ];
    let place = simplet2s::convert(place.trim());
    NOT_TOWNS.iter().any(|end| place.ends_with(end)) || COUNTY_CITIES.iter().any(|town| place.contains(town))
}

#[cfg(test)]
mod tests {
    #[test]
    fn postcodes_are_found_alone() {
        assert_eq!(super::postcodes("630000 Novosibirsk, 12345678"), ["630000"]);
        assert!(super::postcodes("Kazan").is_empty());
        assert!(super::postcodes("王师傅（137****4974）").is_empty(), "a masked phone number");
        assert_eq!(super::postcodes("PLZ 5700, Zell am See"), ["5700"]);
    }

    #[test]
    fn a_spot_or_a_numbered_branch_names_no_town() {
        use super::names_no_town;
        for place in [
            "DoorYard",
            "Front Door",
            "PARCEL LOCKER",
            "Відділення №105",
            "Отделение 5",
            "Branch No. 12",
            "Alıcıda",
            "Briefkasten",
            "Boîte aux lettres",
            "Brievenbus",
        ] {
            assert!(names_no_town(place), "{place}");
        }
        for place in [
            "Doornik",
            "Відділення №105, Київ",
            "Zelenodolsk",
            "Great Yarmouth",
            "Branch Bizerte",
            "Parcel Locker, Manchester Piccadilly",
            "Alıcı Şubesi Kadıköy",
            "Buren",
            "Büren",
        ] {
            assert!(!names_no_town(place), "{place}");
        }
    }

    #[test]
    fn the_buyers_district_names_the_town() {
        use super::names_town;
        assert!(names_town("內湖東湖郵局", "台北市內湖區"));
        assert!(names_town("平鎮營業所", "桃園市平鎮區"));
        assert!(!names_town("中壢營業所", "桃園市平鎮區"));
        assert!(!names_town("朝阳营业部", "北京市"), "no district typed");
        assert!(!names_town("朝阳市双塔营业部", "北京市朝阳区"), "another town of the district's name");
        assert!(!names_town("中山路郵局", "台北市中山區"), "a road of the district's name");
    }

    #[test]
    fn names_are_compared_only_in_one_script() {
        use super::script;
        assert_eq!(script("Eskişehir / Tepebaşı"), script("Ankara"), "accented Latin is Latin");
        assert_ne!(script("Казань"), script("Kazan"));
        assert_ne!(script("上海市"), script("Shanghai"));
    }
}
