//! Table-driven scenarios for the rules: one row per situation a buyer can be in, each
//! checking the flags raised (with severity), the flags not raised, and the next action.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset};

use super::{Assessment, Rules};
use crate::dates::When;
use crate::model::{
    Case, Code, Evidence, EvidenceKind, FlagCode, Grams, LogHead, ManualFlag, Order, Outcome, Platform, Reuse, SetFlag,
    Source, Stage, Status, TrackingNumber,
};

/// Classifies and judges, as `judge` does.
fn assess(case: &Case, reused: &[Reuse], rules: &Rules, now: DateTime<FixedOffset>) -> Assessment {
    super::assess(case, &super::stages::classify_case(case, rules.phrases()), reused, rules, now)
}

fn when(text: &str) -> When {
    When::from_storage(text).unwrap()
}

fn now(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn number(n: &str) -> TrackingNumber {
    TrackingNumber {
        id: 1,
        number: n.into(),
        carrier: None,
        note: None,
        added_at: String::new(),
        verdict: crate::tracking::check(n),
    }
}

/// An AliExpress order to Kazan (RU 420000), 350 g, ordered 26 Sep, shipped 28 Sep 2026,
/// 75 days of protection (until 12 Dec), one valid S10 number, nothing else.
fn base() -> Case {
    Case {
        order: Order {
            id: 1,
            uuid: "00000000-0000-4000-8000-000000000001".into(),
            platform: Platform::AliExpress,
            number: "8123456789012345".into(),
            item: Some("USB hub".into()),
            store: None,
            price: None,
            currency: None,
            ordered: Some(when("2026-09-26")),
            shipped: Some(when("2026-09-28")),
            protection_until: None,
            protection_days: Some(75),
            country: Some("RU".into()),
            city: Some("Kazan".into()),
            postcode: Some("420000".into()),
            weight_grams: Some(Grams(350.0)),
            shipping: None,
            outcome: None,
            close_note: None,
            closed_at: None,
            created_at: String::new(),
        },
        tracking: vec![number("RS473102580CN")],
        statuses: Vec::new(),
        messages: Vec::new(),
        evidence: Vec::new(),
        flags: Vec::new(),
        log: LogHead { entries: 0, head: String::new() },
    }
}

fn add(case: &mut Case, at: &str, text: &str, place: Option<&str>) -> usize {
    let id = case.statuses.len() as i64 + 1;
    case.statuses.push(Status {
        id,
        at: when(at),
        text: text.into(),
        place: place.map(Into::into),
        weight_grams: None,
        source: Source::Tracker,
        track: None,
        stage: None,
        added_at: String::new(),
    });
    case.statuses.sort_by_key(|s| s.at.sort_key());
    case.statuses.iter().position(|s| s.id == id).unwrap()
}

fn evidence(case: &mut Case, kind: EvidenceKind) {
    let n = case.evidence.len() + 1;
    case.evidence.push(Evidence {
        reference: format!("E{n}"),
        id: n as i64,
        kind,
        sha256: "0".repeat(64),
        size: 1,
        media_type: "image/png".into(),
        width: None,
        height: None,
        file_name: format!("e{n}.png"),
        note: None,
        taken: None,
        added_at: String::new(),
    });
}

fn flag(case: &mut Case, code: ManualFlag) {
    case.flags.push(SetFlag { code, note: None, set_at: "2026-11-20T10:00:00+03:00".into() });
}

/// The route up to departure, last status on 1 Oct 2026.
fn departed(case: &mut Case) {
    add(case, "2026-09-28", "Shipment information received", None);
    add(case, "2026-09-29T10:00:00+08:00", "揽收成功", Some("深圳"));
    add(case, "2026-09-30T10:00:00+08:00", "Export customs clearance complete", Some("Guangzhou"));
    add(case, "2026-10-01", "Departed from departure country/region", Some("Guangzhou"));
}

fn accepted(case: &mut Case) {
    add(case, "2026-10-01", "Accepted by carrier", Some("Shenzhen"));
}

fn arrived(case: &mut Case) {
    departed(case);
    add(case, "2026-10-05", "Прибыло на территорию РФ", Some("Москва"));
}

struct Scenario {
    name: &'static str,
    now: &'static str,
    setup: fn(&mut Case),
    reused: &'static [(&'static str, i64)],
    stage: Option<&'static str>,
    raised: &'static [(&'static str, &'static str)],
    not_raised: &'static [&'static str],
    action: &'static str,
}

const NOON: &str = "T12:00:00+03:00";

macro_rules! at {
    ($date:literal) => {
        concatcp!($date, NOON)
    };
}

/// `concat!` for `&str` constants.
macro_rules! concatcp {
    ($a:expr, $b:expr) => {{
        const A: &str = $a;
        const B: &str = $b;
        const LEN: usize = A.len() + B.len();
        const BYTES: [u8; LEN] = {
            let mut out = [0u8; LEN];
            let (a, b) = (A.as_bytes(), B.as_bytes());
            let mut i = 0;
            while i < a.len() {
                out[i] = a[i];
                i += 1;
            }
            while i < LEN {
                out[i] = b[i - a.len()];
                i += 1;
            }
            out
        };
        match std::str::from_utf8(&BYTES) {
            Ok(s) => s,
            Err(_) => "",
        }
    }};
}

fn none(_: &mut Case) {}

const SCENARIOS: &[Scenario] = &[
    // --- no first scan: shipped 28 Sep, react 7 days, critical 10 ---
    Scenario {
        name: "no first scan: the day before the threshold",
        now: at!("2026-10-04"),
        setup: none,
        reused: &[],
        stage: Some("order-placed"),
        raised: &[],
        not_raised: &["no-first-scan"],
        action: "wait",
    },
    Scenario {
        name: "no first scan: on the day of the threshold",
        now: at!("2026-10-05"),
        setup: none,
        reused: &[],
        stage: None,
        raised: &[("no-first-scan", "warning")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "no first scan: the day after the threshold",
        now: at!("2026-10-06"),
        setup: none,
        reused: &[],
        stage: None,
        raised: &[("no-first-scan", "warning")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "no first scan: critical after ten days",
        now: at!("2026-10-08"),
        setup: none,
        reused: &[],
        stage: None,
        raised: &[("no-first-scan", "critical")],
        not_raised: &["stalled"],
        action: "open-dispute",
    },
    Scenario {
        name: "label created but never scanned counts as no first scan",
        now: at!("2026-10-06"),
        setup: |c| {
            add(c, "2026-09-28", "Shipment information received", None);
        },
        reused: &[],
        stage: Some("info-received"),
        raised: &[("no-first-scan", "warning")],
        not_raised: &["stalled"],
        action: "write-seller",
    },
    Scenario {
        name: "a cancelled shipment order before any pick-up is no proof of a scan",
        now: at!("2026-10-08"),
        setup: |c| {
            add(c, "2026-09-28", "接收到电子预报", None);
            add(c, "2026-09-30", "取消成功", None);
            add(c, "2026-10-02", "接单成功", None);
        },
        reused: &[],
        stage: Some("info-received"),
        raised: &[("no-first-scan", "critical")],
        not_raised: &["stalled"],
        action: "open-dispute",
    },
    Scenario {
        name: "a status no rule reads is no proof of a scan",
        now: at!("2026-10-08"),
        setup: |c| {
            add(c, "2026-09-27", "Something only the platform says", None);
            add(c, "2026-10-06", "Shipment information received", None);
        },
        reused: &[],
        stage: Some("info-received"),
        raised: &[("no-first-scan", "critical")],
        not_raised: &["stalled"],
        action: "open-dispute",
    },
    Scenario {
        name: "an unreadable notice without a place after shipment is no proof of a scan",
        now: at!("2026-10-08"),
        setup: |c| {
            add(c, "2026-10-01", "Powiadomienie mail", None);
        },
        reused: &[],
        stage: Some("unknown"),
        raised: &[("no-first-scan", "critical")],
        not_raised: &["stalled"],
        action: "open-dispute",
    },
    Scenario {
        name: "an unreadable status with a place after shipment may be a scan: silence, not no-first-scan",
        now: at!("2026-10-08"),
        setup: |c| {
            add(c, "2026-10-01", "Zásilka zpracována v mezinárodní výměně", Some("CINA"));
        },
        reused: &[],
        stage: Some("unknown"),
        raised: &[("stalled", "warning")],
        not_raised: &["no-first-scan"],
        action: "write-seller",
    },
    Scenario {
        name: "an unreadable status with a place, dated before shipment, is no proof of a scan",
        now: at!("2026-10-08"),
        setup: |c| {
            add(c, "2026-09-27", "Objednávka se připravuje", Some("Praha"));
        },
        reused: &[],
        stage: Some("unknown"),
        raised: &[("no-first-scan", "critical")],
        not_raised: &["stalled"],
        action: "open-dispute",
    },
    // --- origin: accepted 1 Oct, react 14, critical 21 ---
    Scenario {
        name: "origin: the day before the threshold",
        now: at!("2026-10-14"),
        setup: accepted,
        reused: &[],
        stage: Some("accepted"),
        raised: &[],
        not_raised: &["stalled", "no-first-scan"],
        action: "wait",
    },
    Scenario {
        name: "origin: on the day of the threshold",
        now: at!("2026-10-15"),
        setup: accepted,
        reused: &[],
        stage: None,
        raised: &[("stalled", "warning")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "origin: the day after the threshold",
        now: at!("2026-10-16"),
        setup: accepted,
        reused: &[],
        stage: None,
        raised: &[("stalled", "warning")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "origin: critical after three weeks",
        now: at!("2026-10-22"),
        setup: accepted,
        reused: &[],
        stage: None,
        raised: &[("stalled", "critical")],
        not_raised: &["stalled-over-month"],
        action: "open-dispute",
    },
    // --- exported: departed 1 Oct, react 25, critical 30, over a month after 30 ---
    Scenario {
        name: "exported: the day before the threshold",
        now: at!("2026-10-25"),
        setup: departed,
        reused: &[],
        stage: Some("departed-origin"),
        raised: &[],
        not_raised: &["stalled"],
        action: "wait",
    },
    Scenario {
        name: "exported: on the day of the threshold",
        now: at!("2026-10-26"),
        setup: departed,
        reused: &[],
        stage: None,
        raised: &[("stalled", "warning")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "exported: the day after the threshold",
        now: at!("2026-10-27"),
        setup: departed,
        reused: &[],
        stage: None,
        raised: &[("stalled", "warning")],
        not_raised: &["stalled-over-month"],
        action: "write-seller",
    },
    Scenario {
        name: "exported: critical on day thirty, not yet over a month",
        now: at!("2026-10-31"),
        setup: departed,
        reused: &[],
        stage: None,
        raised: &[("stalled", "critical")],
        not_raised: &["stalled-over-month"],
        action: "open-dispute",
    },
    Scenario {
        name: "exported: over a month on day thirty-one",
        now: at!("2026-11-01"),
        setup: departed,
        reused: &[],
        stage: None,
        raised: &[("stalled", "critical"), ("stalled-over-month", "critical")],
        not_raised: &[],
        action: "open-dispute",
    },
    // --- destination: arrived in Russia 5 Oct, react 10, critical 14 ---
    Scenario {
        name: "destination: the day before the threshold",
        now: at!("2026-10-14"),
        setup: arrived,
        reused: &[],
        stage: Some("arrived-destination"),
        raised: &[],
        not_raised: &["stalled"],
        action: "wait",
    },
    Scenario {
        name: "destination: on the day of the threshold",
        now: at!("2026-10-15"),
        setup: arrived,
        reused: &[],
        stage: None,
        raised: &[("stalled", "warning")],
        not_raised: &[],
        action: "contact-post-office",
    },
    Scenario {
        name: "destination: the day after the threshold",
        now: at!("2026-10-16"),
        setup: arrived,
        reused: &[],
        stage: None,
        raised: &[("stalled", "warning")],
        not_raised: &[],
        action: "contact-post-office",
    },
    Scenario {
        name: "destination: critical after two weeks",
        now: at!("2026-10-19"),
        setup: arrived,
        reused: &[],
        stage: None,
        raised: &[("stalled", "critical")],
        not_raised: &[],
        action: "open-dispute",
    },
    // --- offsets ---
    Scenario {
        name: "a +08:00 event is judged on the +03:00 calendar of now",
        now: "2026-10-15T12:00:00+03:00",
        setup: |c| {
            departed(c);
            add(c, "2026-10-05T02:00:00+08:00", "Arrived at destination country", Some("Moscow"));
        },
        reused: &[],
        stage: Some("arrived-destination"),
        raised: &[("stalled", "warning")],
        not_raised: &[],
        action: "contact-post-office",
    },
    Scenario {
        name: "a time with unknown offset counts by its own calendar day",
        now: at!("2026-10-14"),
        setup: |c| {
            departed(c);
            add(c, "2026-10-04T23:30:00", "Arrived at destination country", Some("Moscow"));
        },
        reused: &[],
        stage: Some("arrived-destination"),
        raised: &[("stalled", "warning")],
        not_raised: &[],
        action: "contact-post-office",
    },
    // --- stage subtleties ---
    Scenario {
        name: "a generic in-transit status keeps the exported stage",
        now: at!("2026-10-27"),
        setup: |c| {
            departed(c);
            add(c, "2026-10-02", "In transit", None);
        },
        reused: &[],
        stage: Some("departed-origin"),
        raised: &[("stalled", "warning")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "arrival in a transit country is not import",
        now: at!("2026-10-20"),
        setup: |c| {
            departed(c);
            add(c, "2026-10-04", "Arrived at destination country/region", Some("Riga"));
        },
        reused: &[],
        stage: Some("transit-hub"),
        raised: &[],
        not_raised: &["stalled"],
        action: "wait",
    },
    Scenario {
        name: "stopped at the local office: ask the post office",
        now: at!("2026-10-20"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-08", "Прибыло в место вручения", Some("420000 Казань"));
        },
        reused: &[],
        stage: Some("at-local-office"),
        raised: &[("stalled", "warning")],
        not_raised: &[],
        action: "contact-post-office",
    },
    // --- delivery ---
    Scenario {
        name: "delivered in another region",
        now: at!("2026-10-20"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-15", "Вручение адресату", Some("630000 Новосибирск"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[("delivered-elsewhere", "critical")],
        // The buyer typed the protection length: a "delivered" status does not replace it.
        not_raised: &["stalled", "delivered-autoclose", "protection-expired", "protection-ending"],
        action: "open-dispute",
    },
    Scenario {
        name: "typed protection end holds after a delivered scan in another city",
        now: at!("2026-11-24"),
        setup: |c| {
            c.order.protection_days = None;
            c.order.protection_until = Some(when("2026-12-20"));
            arrived(c);
            add(c, "2026-11-05", "Delivered", Some("630000 Novosibirsk"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[("delivered-elsewhere", "critical")],
        not_raised: &["delivered-autoclose", "protection-expired", "protection-ending"],
        action: "open-dispute",
    },
    Scenario {
        name: "delivered at another office of the same region",
        now: at!("2026-10-20"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-15", "Вручение адресату", Some("420015 Казань"));
        },
        reused: &[],
        stage: None,
        raised: &[("delivered-elsewhere", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "delivered at home with typed protection: nothing to flag",
        now: at!("2026-10-20"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-15", "Delivered", Some("420000 Kazan"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[],
        not_raised: &["delivered-autoclose", "delivered-elsewhere", "stalled", "protection-ending"],
        action: "none",
    },
    Scenario {
        name: "delivered at home, the place in capitals without accents: nothing to flag",
        now: at!("2026-10-20"),
        setup: |c| {
            c.order.city = Some("São Paulo".into());
            c.order.postcode = None;
            arrived(c);
            add(c, "2026-10-15", "Delivered", Some("SAO PAULO - SP"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[],
        not_raised: &["delivered-elsewhere"],
        action: "none",
    },
    Scenario {
        name: "delivered at a place that names only the country: nothing to flag",
        now: at!("2026-10-20"),
        setup: |c| {
            c.order.country = Some("CA".into());
            c.order.city = Some("Montréal".into());
            c.order.postcode = Some("H2X 1Y4".into());
            arrived(c);
            add(c, "2026-10-14", "Arrival at Post Office", Some("CA"));
            add(c, "2026-10-15", "Delivered", Some("Canada"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[],
        not_raised: &["delivered-elsewhere"],
        action: "none",
    },
    Scenario {
        name: "delivered in another town in the same script: a warning",
        now: at!("2026-10-20"),
        setup: |c| {
            c.order.city = Some("Ankara".into());
            c.order.postcode = None;
            arrived(c);
            add(c, "2026-10-15", "Delivered", Some("Eskişehir / Tepebaşı"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[("delivered-elsewhere", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "delivered at home, AliExpress, nothing typed: an info reminder of the estimated cut",
        now: at!("2026-10-17"),
        setup: |c| {
            c.order.protection_days = None;
            arrived(c);
            add(c, "2026-10-15", "Delivered", Some("420000 Kazan"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[("delivered-autoclose", "info")],
        not_raised: &["delivered-elsewhere", "stalled", "protection-ending", "protection-expired"],
        action: "none",
    },
    Scenario {
        name: "delivered but the buyer has nothing",
        now: at!("2026-10-17"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-15", "Delivered", Some("Kazan"));
            flag(c, ManualFlag::NotReceived);
        },
        reused: &[],
        stage: None,
        raised: &[("not-received", "critical")],
        not_raised: &["delivered-elsewhere"],
        action: "open-dispute",
    },
    Scenario {
        name: "a final notice before the return is critical, and not yet a return",
        now: at!("2026-10-17"),
        setup: |c| {
            arrived(c);
            add(
                c,
                "2026-10-15",
                "Final Notice; Item will be returned to sender if not collected within 10 days",
                Some("Kazan"),
            );
        },
        reused: &[],
        stage: Some("awaiting-pickup"),
        raised: &[("pickup-waiting", "critical")],
        not_raised: &["delivered-autoclose"],
        action: "collect-parcel",
    },
    Scenario {
        name: "waiting in a parcel locker is not delivery",
        now: at!("2026-10-17"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-15", "Прибыло в почтомат", Some("Казань"));
        },
        reused: &[],
        stage: Some("awaiting-pickup"),
        raised: &[("pickup-waiting", "warning")],
        not_raised: &["delivered-autoclose"],
        action: "collect-parcel",
    },
    Scenario {
        name: "storage running out at the post office",
        now: at!("2026-10-30"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-28", "Истекает срок хранения", Some("Казань"));
        },
        reused: &[],
        stage: Some("awaiting-pickup"),
        raised: &[("pickup-waiting", "critical")],
        not_raised: &[],
        action: "collect-parcel",
    },
    // --- weights, numbers, order of events ---
    Scenario {
        name: "carrier weight far below the item's",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.statuses[1].weight_grams = Some(Grams(30.0));
        },
        reused: &[],
        stage: None,
        raised: &[("weight-mismatch", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "a delivered parcel weighed far below the item is not the item: dispute",
        now: at!("2026-10-25"),
        setup: |c| {
            departed(c);
            c.statuses[1].weight_grams = Some(Grams(30.0));
            add(c, "2026-10-20", "Delivered", Some("Kazan"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[("weight-mismatch", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "a light item in its packet weighs more, and that is normal",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.order.weight_grams = Some(Grams(30.0));
            c.statuses[1].weight_grams = Some(Grams(86.0));
        },
        reused: &[],
        stage: None,
        raised: &[],
        not_raised: &["weight-mismatch"],
        action: "wait",
    },
    Scenario {
        name: "a 1.35 kg item weighed at 62 g",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.order.weight_grams = Some(Grams(1350.0));
            c.statuses[1].weight_grams = Some(Grams(62.0));
        },
        reused: &[],
        stage: None,
        raised: &[("weight-mismatch", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "far heavier than the item and its packaging",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.order.weight_grams = Some(Grams(100.0));
            c.statuses[1].weight_grams = Some(Grams(1200.0));
        },
        reused: &[],
        stage: None,
        raised: &[("weight-mismatch", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "carrier weight within bounds",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.statuses[1].weight_grams = Some(Grams(400.0));
        },
        reused: &[],
        stage: None,
        raised: &[],
        not_raised: &["weight-mismatch"],
        action: "wait",
    },
    Scenario {
        name: "the carrier scanned the parcel before it was ordered",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            add(c, "2026-09-20T09:00:00+08:00", "Accepted by carrier", Some("Yiwu"));
        },
        reused: &[],
        stage: None,
        raised: &[("scan-before-order", "critical")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "a letter service for a heavy item",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.tracking = vec![number("LT123456785CN")];
            c.order.weight_grams = Some(Grams(3000.0));
        },
        reused: &[],
        stage: None,
        raised: &[("letter-service-heavy-item", "warning")],
        not_raised: &["invalid-tracking-number"],
        action: "write-seller",
    },
    Scenario {
        name: "a letter service for a heavy item with protection running short",
        now: at!("2026-12-01"),
        setup: |c| {
            departed(c);
            c.tracking = vec![number("LT123456785CN")];
            c.order.weight_grams = Some(Grams(3000.0));
            add(c, "2026-11-28", "Arrived at destination country", Some("Kazan"));
        },
        reused: &[],
        stage: None,
        raised: &[("letter-service-heavy-item", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "held at export customs: still the origin's thresholds",
        now: at!("2026-10-18"),
        setup: |c| {
            add(c, "2026-09-29T10:00:00+08:00", "揽收成功", Some("深圳"));
            add(c, "2026-09-30T10:00:00+08:00", "Export customs clearance started", Some("Guangzhou"));
        },
        reused: &[],
        stage: Some("export-customs"),
        raised: &[("stalled", "warning")],
        not_raised: &["stalled-over-month"],
        action: "write-seller",
    },
    Scenario {
        name: "the carrier reports the parcel lost",
        now: at!("2026-10-20"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-18", "Parcel lost", Some("Kazan"));
        },
        reused: &[],
        stage: Some("exception"),
        raised: &[],
        not_raised: &["stalled"],
        action: "open-dispute",
    },
    Scenario {
        name: "the carrier declares a loss in Russian after a search",
        now: at!("2026-10-20"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-12", "Посылка в розыске", None);
            add(c, "2026-10-18", "Отправление утрачено", Some("Kazan"));
        },
        reused: &[],
        stage: Some("exception"),
        raised: &[],
        not_raised: &["stalled"],
        action: "open-dispute",
    },
    Scenario {
        name: "a problem the carrier reports that may pass goes to the seller first",
        now: at!("2026-10-20"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-18", "Consignee information is required", Some("Kazan"));
        },
        reused: &[],
        stage: Some("exception"),
        raised: &[],
        not_raised: &["stalled"],
        action: "write-seller",
    },
    Scenario {
        name: "a problem the parcel moved on from no longer settles the case",
        now: at!("2026-11-01"),
        setup: |c| {
            departed(c);
            add(c, "2026-10-03", "Shipment on hold", Some("Guangzhou"));
            add(c, "2026-10-05", "In transit", None);
        },
        reused: &[],
        stage: Some("departed-origin"),
        raised: &[("stalled", "warning")],
        not_raised: &["stalled-over-month"],
        action: "write-seller",
    },
    Scenario {
        name: "a declared loss stays when a generic in-transit line follows it",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            add(c, "2026-10-05", "Parcel lost", Some("Frankfurt"));
            add(c, "2026-10-06", "In transit", None);
        },
        reused: &[],
        stage: Some("exception"),
        raised: &[],
        not_raised: &["stalled"],
        action: "open-dispute",
    },
    Scenario {
        name: "a problem after the last movement still stands",
        now: at!("2026-11-01"),
        setup: |c| {
            departed(c);
            add(c, "2026-10-03", "In transit", None);
            add(c, "2026-10-05", "Shipment on hold", Some("Guangzhou"));
        },
        reused: &[],
        stage: Some("exception"),
        raised: &[],
        not_raised: &["stalled"],
        action: "write-seller",
    },
    Scenario {
        name: "after a failed attempt, a pick-up office named by its district is no delivery elsewhere",
        now: at!("2026-10-10"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-07", "Delivery attempted, recipient not at home", Some("Kazan"));
            add(c, "2026-10-08", "Ready for pickup", Some("Privolzhsky"));
        },
        reused: &[],
        stage: Some("awaiting-pickup"),
        raised: &[("pickup-waiting", "warning")],
        not_raised: &["delivered-elsewhere"],
        action: "collect-parcel",
    },
    Scenario {
        name: "a pick-up point in another town reached straight from sorting is questioned",
        now: at!("2026-10-10"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-08", "Ready for pickup", Some("Zelenodolsk"));
        },
        reused: &[],
        stage: Some("awaiting-pickup"),
        raised: &[("delivered-elsewhere", "warning"), ("pickup-waiting", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "a delivery in a place that is not the buyer's town is questioned",
        now: at!("2026-10-10"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-08", "Delivered", Some("Privolzhsky"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[("delivered-elsewhere", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "a delivery at a spot of the address is at home (round 25: GOFO's DoorYard)",
        now: at!("2026-10-20"),
        setup: |c| {
            c.order.country = Some("US".into());
            c.order.city = Some("Honolulu".into());
            c.order.postcode = None;
            add(c, "2026-10-10", "Arrived at GOFO Delivery Station", Some("Honolulu"));
            add(c, "2026-10-11", "Out for Delivery", Some("Honolulu"));
            add(c, "2026-10-11", "Delivered successfully", Some("DoorYard"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[],
        not_raised: &["delivered-elsewhere"],
        action: "none",
    },
    Scenario {
        name: "a delivery at a numbered branch after the buyer's town is at home (round 25: Justin)",
        now: at!("2026-10-20"),
        setup: |c| {
            c.order.country = Some("UA".into());
            c.order.city = Some("Київ".into());
            c.order.postcode = None;
            add(c, "2026-10-10", "В місті одержувачі", Some("Київ"));
            add(c, "2026-10-11", "Одержано", Some("Відділення №105"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[],
        not_raised: &["delivered-elsewhere"],
        action: "none",
    },
    Scenario {
        name: "a delivery in another town is still one (round 25's guard)",
        now: at!("2026-10-20"),
        setup: |c| {
            c.order.country = Some("UA".into());
            c.order.city = Some("Київ".into());
            c.order.postcode = None;
            add(c, "2026-10-10", "В місті одержувачі", Some("Київ"));
            add(c, "2026-10-11", "Одержано", Some("Житомир"));
        },
        reused: &[],
        stage: Some("delivered"),
        raised: &[("delivered-elsewhere", "warning")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "going back to the sender",
        now: at!("2026-10-20"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-18", "Return to sender", Some("Kazan"));
        },
        reused: &[],
        stage: Some("returning"),
        raised: &[],
        not_raised: &["stalled"],
        action: "write-seller",
    },
    Scenario {
        name: "delivered back to the sender with protection ending",
        now: at!("2026-12-05"),
        setup: |c| {
            arrived(c);
            add(c, "2026-12-01", "Вручение отправителю", None);
        },
        reused: &[],
        stage: Some("returned"),
        raised: &[],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "a delivered number that is also on another order",
        now: at!("2026-10-20"),
        setup: |c| {
            arrived(c);
            add(c, "2026-10-15", "Delivered", Some("420000 Kazan"));
        },
        reused: &[("RS473102580CN", 7)],
        stage: Some("delivered"),
        raised: &[("tracking-number-reused", "critical")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "a tracking number with a wrong check digit",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.tracking = vec![number("RR123456789CN")];
        },
        reused: &[],
        stage: None,
        raised: &[("invalid-tracking-number", "warning")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "the same number on another order",
        now: at!("2026-10-10"),
        setup: departed,
        reused: &[("RS473102580CN", 7)],
        stage: None,
        raised: &[("tracking-number-reused", "critical")],
        not_raised: &[],
        action: "open-dispute",
    },
    Scenario {
        name: "a second number without statuses of its own",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.tracking.push(number("LP00123456789012"));
            for s in &mut c.statuses {
                s.track = Some("RS473102580CN".into());
            }
        },
        reused: &[],
        stage: None,
        raised: &[("number-changed", "info")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "two numbers and statuses that name none: nothing to say",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.tracking.push(number("LP00123456789012"));
        },
        reused: &[],
        stage: None,
        raised: &[],
        not_raised: &["number-changed"],
        action: "wait",
    },
    Scenario {
        name: "two numbers that both have statuses",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.tracking.push(number("LP00123456789012"));
            for s in &mut c.statuses {
                s.track = Some("RS473102580CN".into());
            }
            let i = add(c, "2026-10-02", "Departed from sorting center", None);
            c.statuses[i].track = Some("LP00123456789012".into());
        },
        reused: &[],
        stage: None,
        raised: &[],
        not_raised: &["number-changed"],
        action: "wait",
    },
    Scenario {
        name: "a carrier update status",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            add(c, "2026-10-03", "Зарегистрировано с новым номером", None);
        },
        reused: &[],
        stage: Some("departed-origin"),
        raised: &[("number-changed", "info")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "a carrier update naming a number already on the order",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.tracking.push(number("SF1163587967471"));
            add(c, "2026-10-03", "国内快递公司：顺丰速递,单号：SF1163587967471", None);
        },
        reused: &[],
        stage: Some("departed-origin"),
        raised: &[],
        not_raised: &["number-changed"],
        action: "wait",
    },
    Scenario {
        name: "a carrier update naming the added old number and a new one",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.tracking.push(number("SF1234567890"));
            add(c, "2026-10-03", "单号变更：原单号SF1234567890，新单号YT9876543210", None);
        },
        reused: &[],
        stage: Some("departed-origin"),
        raised: &[("number-changed", "info")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "an earlier update still unheeded under a later one already added",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.tracking.push(number("SF1234567890"));
            add(c, "2026-10-02", "更改运单号：新单号YT9876543210", None);
            add(c, "2026-10-03", "国内快递公司：顺丰速递，单号：SF1234567890", None);
        },
        reused: &[],
        stage: Some("departed-origin"),
        raised: &[("number-changed", "info")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "a carrier update naming a number not on the order",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            c.tracking.push(number("SF1163587967471"));
            add(c, "2026-10-03", "国内快递公司：顺丰速递,单号：SF9999999999999", None);
        },
        reused: &[],
        stage: Some("departed-origin"),
        raised: &[("number-changed", "info")],
        not_raised: &[],
        action: "write-seller",
    },
    Scenario {
        name: "movement in a country off the route",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            add(c, "2026-10-04", "Arrived at sorting center", Some("Ukraine"));
        },
        reused: &[],
        stage: None,
        raised: &[("wrong-country", "warning")],
        not_raised: &[],
        action: "wait",
    },
    Scenario {
        name: "a town printed with the buyer's state or country code is in the buyer's country",
        now: at!("2026-10-10"),
        setup: |c| {
            c.order.country = Some("US".into());
            c.order.city = Some("Portland".into());
            c.order.postcode = Some("97214".into());
            departed(c);
            add(c, "2026-10-04", "Arrived at USPS Regional Facility", Some("VANCOUVER, WA 98661"));
            add(c, "2026-10-05", "Arrived at Post Office", Some("St. Petersburg, US"));
        },
        reused: &[],
        stage: None,
        raised: &[],
        not_raised: &["wrong-country"],
        action: "wait",
    },
    Scenario {
        name: "a courier's own number leaves the origin to the places: a US parcel to Germany",
        now: at!("2026-10-10"),
        setup: |c| {
            c.order.country = Some("DE".into());
            c.order.city = Some("München".into());
            c.tracking = vec![number("1ZA8R21X6704716532")];
            add(c, "2026-10-01", "Ankunfts-Scan", Some("Philadelphia, PA, Vereinigte Staaten"));
            add(c, "2026-10-02", "Abfahrts Scan", Some("Louisville, KY, Vereinigte Staaten"));
            add(c, "2026-10-04", "Zollabfertigung läuft", Some("Köln, Deutschland"));
        },
        reused: &[],
        stage: None,
        raised: &[],
        not_raised: &["wrong-country"],
        action: "wait",
    },
    Scenario {
        name: "template replies from the seller",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            flag(c, ManualFlag::TemplateReplies);
        },
        reused: &[],
        stage: None,
        raised: &[("template-replies", "warning")],
        not_raised: &[],
        action: "write-seller",
    },
    // --- protection ---
    Scenario {
        name: "protection ends within the safety margin",
        now: at!("2026-10-20"),
        setup: |c| {
            departed(c);
            c.order.protection_days = None;
            c.order.protection_until = Some(when("2026-10-24"));
        },
        reused: &[],
        stage: None,
        raised: &[("protection-ending", "critical")],
        not_raised: &["protection-expired"],
        action: "open-dispute",
    },
    Scenario {
        name: "protection ended and the case is open",
        now: at!("2026-10-20"),
        setup: |c| {
            departed(c);
            c.order.protection_days = None;
            c.order.protection_until = Some(when("2026-10-18"));
        },
        reused: &[],
        stage: None,
        raised: &[("protection-expired", "critical")],
        not_raised: &["protection-ending"],
        action: "escalate",
    },
    Scenario {
        name: "protection ends in ten days: ask for an extension",
        now: at!("2026-10-20"),
        setup: |c| {
            departed(c);
            c.order.protection_days = None;
            c.order.protection_until = Some(when("2026-10-30"));
        },
        reused: &[],
        stage: None,
        raised: &[],
        not_raised: &["protection-ending", "stalled"],
        action: "ask-extension",
    },
    // --- evidence, closed cases, empty cases ---
    Scenario {
        name: "all basic evidence attached",
        now: at!("2026-10-10"),
        setup: |c| {
            departed(c);
            evidence(c, EvidenceKind::Order);
            evidence(c, EvidenceKind::Tracker);
            evidence(c, EvidenceKind::Chat);
        },
        reused: &[],
        stage: None,
        raised: &[],
        not_raised: &["evidence-missing"],
        action: "wait",
    },
    Scenario {
        name: "nothing attached: evidence is missing",
        now: at!("2026-10-10"),
        setup: departed,
        reused: &[],
        stage: None,
        raised: &[("evidence-missing", "info")],
        not_raised: &[],
        action: "wait",
    },
    Scenario {
        name: "a closed case raises nothing",
        now: at!("2026-11-20"),
        setup: |c| {
            departed(c);
            c.order.outcome = Some(Outcome::Refunded);
        },
        reused: &[],
        stage: None,
        raised: &[],
        not_raised: &["stalled", "stalled-over-month", "evidence-missing", "protection-ending"],
        action: "none",
    },
    Scenario {
        name: "no statuses and no dates at all",
        now: at!("2026-10-10"),
        setup: |c| {
            c.order.shipped = None;
            c.order.ordered = None;
            c.order.protection_days = None;
        },
        reused: &[],
        stage: Some("order-placed"),
        raised: &[],
        not_raised: &["no-first-scan", "stalled", "protection-ending"],
        action: "wait",
    },
];

/// The pick-up warning names where the parcel waits, so a far office is seen.
#[test]
fn the_pickup_warning_names_the_place() {
    let mut case = base();
    arrived(&mut case);
    add(&mut case, "2026-10-08", "Ready for pickup", Some("Zelenodolsk"));
    let a = assess(&case, &[], &Rules::default(), now(at!("2026-10-10")));
    let flag = a.flags.iter().find(|f| f.code.code() == "pickup-waiting").unwrap();
    assert!(flag.facts[0].ends_with("Ready for pickup, Zelenodolsk"), "{:?}", flag.facts);
}

#[test]
fn scenarios() {
    let rules = Rules::default();
    let mut failures = Vec::new();
    for s in SCENARIOS {
        let mut case = base();
        (s.setup)(&mut case);
        let reused: Vec<Reuse> = s.reused.iter().map(|(n, o)| Reuse { number: (*n).into(), other_order: *o }).collect();
        let a = assess(&case, &reused, &rules, now(s.now));
        let got: Vec<(&str, &str)> = a.flags.iter().map(|f| (f.code.code(), f.severity.code())).collect();
        let mut problems = Vec::new();
        for want in s.raised {
            if !got.contains(want) {
                problems.push(format!("missing {want:?}"));
            }
        }
        for code in s.not_raised {
            if got.iter().any(|(c, _)| c == code) {
                problems.push(format!("unexpected {code}"));
            }
        }
        if a.next_action.code.code() != s.action {
            problems.push(format!("action {} instead of {}", a.next_action.code, s.action));
        }
        if let Some(stage) = s.stage
            && a.stage.code() != stage
        {
            problems.push(format!("stage {} instead of {stage}", a.stage));
        }
        if a.next_action.by < now(s.now).date_naive() {
            problems.push(format!("action date {} is in the past", a.next_action.by));
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {} (flags {got:?})", s.name, problems.join("; ")));
        }
    }
    assert!(SCENARIOS.len() >= 40);
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n{}",
        failures.len(),
        SCENARIOS.len(),
        failures.join("\n")
    );
}

#[test]
fn every_flag_code_and_action_is_covered_by_a_scenario() {
    for code in crate::model::FlagCode::codes() {
        assert!(SCENARIOS.iter().any(|s| s.raised.iter().any(|(c, _)| *c == code)), "no scenario raises {code}");
    }
    for action in crate::model::ActionCode::codes() {
        assert!(SCENARIOS.iter().any(|s| s.action == action), "no scenario ends in {action}");
    }
}

/// The reason given for a declared loss says why the dispute comes before the seller, and
/// the message is the dispute's; a problem that may pass asks the seller.
#[test]
fn a_declared_loss_is_explained_and_worded_as_a_dispute() {
    let rules = Rules::default();
    let today = now(at!("2026-10-20"));
    let mut case = base();
    arrived(&mut case);
    add(&mut case, "2026-10-18", "Отправление утрачено", Some("Kazan"));
    let a = assess(&case, &[], &rules, today);
    assert_eq!(a.next_action.code.code(), "open-dispute");
    assert!(a.next_action.why.contains("lost, destroyed or seized"), "{}", a.next_action.why);
    assert!(a.next_action.why.contains("the seller cannot deliver it"), "{}", a.next_action.why);
    assert_eq!(a.next_action.template.map(Code::code), Some("dispute-stalled"));
    let mut case = base();
    arrived(&mut case);
    add(&mut case, "2026-10-18", "Consignee information is required", Some("Kazan"));
    let a = assess(&case, &[], &rules, today);
    assert_eq!(a.next_action.template.map(Code::code), Some("status-request"));
    assert!(a.next_action.why.contains("ask the seller"), "{}", a.next_action.why);
}

#[test]
fn protection_is_worked_out_from_what_was_entered() {
    let rules = Rules::default();
    let today = now(at!("2026-10-10"));
    let mut case = base();
    let a = assess(&case, &[], &rules, today);
    let p = a.protection.unwrap();
    assert_eq!((p.until.to_string(), p.days_left, p.estimated), ("2026-12-12".into(), 63, false));
    // Nothing entered: AliExpress to Russia is 90 days from shipment, said to be an estimate.
    case.order.protection_days = None;
    let p = assess(&case, &[], &rules, today).protection.unwrap();
    assert_eq!((p.until.to_string(), p.estimated), ("2026-12-27".into(), true));
    // eBay: 60 days from the order.
    case.order.platform = Platform::Ebay;
    let p = assess(&case, &[], &rules, today).protection.unwrap();
    assert_eq!(p.until.to_string(), "2026-11-25");
    // An entered end date wins.
    case.order.protection_until = Some(when("2026-11-01"));
    let p = assess(&case, &[], &rules, today).protection.unwrap();
    assert_eq!((p.until.to_string(), p.estimated), ("2026-11-01".into(), false));
    // A delivered status does not touch an entered end date.
    departed(&mut case);
    add(&mut case, "2026-10-08", "Delivered", Some("Kazan"));
    let p = assess(&case, &[], &rules, today).protection.unwrap();
    assert_eq!((p.until.to_string(), p.estimated, p.cut_by_delivery), ("2026-11-01".into(), false, false));
}

/// After a "delivered" status, per platform: only AliExpress, and only when the buyer typed
/// no date, is cut to five days after delivery, and then it is an estimate with its basis.
#[test]
fn a_delivered_status_cuts_protection_only_on_aliexpress_and_only_as_an_estimate() {
    let rules = Rules::default();
    let today = now(at!("2026-10-10"));
    let delivered = |platform: Platform, days: Option<i64>, until: Option<&str>| {
        let mut case = base();
        case.order.platform = platform;
        case.order.protection_days = days;
        case.order.protection_until = until.map(when);
        departed(&mut case);
        add(&mut case, "2026-10-08", "Delivered", Some("Kazan"));
        assess(&case, &[], &rules, today).protection.unwrap()
    };
    let cut = delivered(Platform::AliExpress, None, None);
    assert_eq!((cut.until.to_string(), cut.estimated, cut.cut_by_delivery), ("2026-10-13".into(), true, true));
    assert!(cut.basis.contains("AliExpress usually cuts it to 5 days"), "{}", cut.basis);
    for (platform, until) in [
        (Platform::Ebay, "2026-11-25"),
        (Platform::PayPal, "2027-03-25"),
        (Platform::Temu, "2026-12-25"),
        (Platform::Joom, "2026-12-10"),
    ] {
        let p = delivered(platform, None, None);
        assert_eq!((p.until.to_string(), p.cut_by_delivery), (until.into(), false), "{platform}");
    }
    for platform in [Platform::AliExpress, Platform::Ebay, Platform::PayPal, Platform::Temu, Platform::Joom] {
        let typed = delivered(platform, None, Some("2026-11-30"));
        assert_eq!((typed.until.to_string(), typed.estimated), ("2026-11-30".into(), false), "{platform}");
        let days = delivered(platform, Some(75), None);
        assert!(!days.cut_by_delivery && !days.estimated, "{platform}");
    }
}

#[test]
fn rules_toml_changes_the_judgement() {
    let mut case = base();
    departed(&mut case);
    let day = now(at!("2026-10-22"));
    assert!(!assess(&case, &[], &Rules::default(), day).flags.iter().any(|f| f.code.code() == "stalled"));
    let stricter = Rules::load(Some("[silence]\nexported = 20\n")).unwrap();
    let a = assess(&case, &[], &stricter, day);
    assert!(a.flags.iter().any(|f| f.code.code() == "stalled"), "{:?}", a.flags);
    assert_eq!(a.threshold_days, Some(20));
}

#[test]
fn messages_are_filled_with_the_case_facts() {
    let mut case = base();
    departed(&mut case);
    let a = assess(&case, &[], &Rules::default(), now(at!("2026-11-01")));
    let message = a.next_action.message.unwrap();
    for fact in [
        "8123456789012345",
        "RS473102580CN",
        "2026-10-01",
        "Departed from departure country/region",
        "31 days",
        "2026-12-12",
    ] {
        assert!(message.contains(fact), "{fact} missing from: {message}");
    }
    assert!(!message.contains("{"), "no unfilled placeholders: {message}");
    // Sentences are short: no sentence over 25 words.
    for sentence in message.split(". ") {
        assert!(sentence.split_whitespace().count() <= 25, "long sentence: {sentence}");
    }
    for template in super::Template::ALL {
        let text = super::write_message(
            &case,
            &super::stages::classify_case(&case, &[]),
            &Rules::default(),
            now(at!("2026-11-01")),
            *template,
        );
        assert!(text.len() > 60 && !text.contains("{"), "{template}: {text}");
    }
}

#[test]
fn the_stage_comes_from_the_user_when_given() {
    let mut case = base();
    let i = add(&mut case, "2026-10-01", "Something the classifier does not know", None);
    let a = assess(&case, &[], &Rules::default(), now(at!("2026-10-02")));
    assert_eq!(a.stage, Stage::Unknown);
    case.statuses[i].stage = Some(Stage::ImportCustoms);
    let a = assess(&case, &[], &Rules::default(), now(at!("2026-10-02")));
    assert_eq!(a.stage, Stage::ImportCustoms);
}

/// The stages of a Chinese courier's domestic history to a buyer in `city`, one status a
/// day from 1 October, none with a place.
fn chinese_route(city: &str, texts: &[&str]) -> Vec<Stage> {
    let statuses: Vec<(&str, Option<&str>)> = texts.iter().map(|&text| (text, None)).collect();
    chinese_route_at(city, &statuses)
}

/// [`chinese_route`] with each status's place.
fn chinese_route_at(city: &str, statuses: &[(&str, Option<&str>)]) -> Vec<Stage> {
    let mut case = base();
    case.order.country = Some("CN".into());
    case.order.city = Some(city.into());
    case.order.postcode = None;
    case.tracking = vec![number("YT7512345678901")];
    for (day, &(text, place)) in statuses.iter().enumerate() {
        add(&mut case, &format!("2026-10-{:02}", day + 1), text, place);
    }
    super::stages::classify_case(&case, &[])
}

/// A Chinese courier's status that names no place is placed at the site it names first, on
/// a domestic route: the hub of a third town after the origin's is on the buyer's side, the
/// buyer's own town's hub too, and a site named apart before its verb is an outlet.
#[test]
fn a_chinese_couriers_site_named_in_the_text_is_its_place() {
    let stages = chinese_route(
        "深圳",
        &[
            "广东省汕头市公司(点击查询电话) 已揽收",
            "【汕头转运中心】 已收入",
            "深圳转运中心 已发出,下一站 广东省深圳市梅林",
            "广东省深圳市梅林公司 已收入",
        ],
    );
    assert_eq!(stages, [Stage::Accepted, Stage::OriginSorting, Stage::DestinationSorting, Stage::AtLocalOffice]);
    // A sentence names no site: without places the side stays the one before.
    assert_eq!(chinese_route("深圳", &["快件已揽收", "快件已到达转运中心"]), [Stage::Accepted, Stage::OriginSorting]);
}

/// JD's and SF's sentences place the parcel at the bracketed site after their verb ("您的快件已
/// 到达【成都祥福分拣中心】"); the branch's own departure ("您的快件已发车") is no journey past
/// the origin's hub, so the first hub is the origin's and the next town's the buyer's
/// (round 9, JD Logistics).
#[test]
fn a_site_after_a_placing_verb_is_the_place_and_the_first_hub_the_origins() {
    let stages = chinese_route(
        "重庆",
        &[
            "您的快件已由【广元苍溪营业部】揽收完成",
            "您的快件已发车",
            "您的快件已到达【成都祥福分拣中心】",
            "您的快件由【成都祥福分拣中心】准备发往【重庆分拣中心】",
            "您的快件已到达【重庆分拣中心】",
            "您的快件在【重庆分拣中心】分拣完成",
        ],
    );
    assert_eq!(
        stages[2..],
        [Stage::OriginSorting, Stage::OriginSorting, Stage::DestinationSorting, Stage::DestinationSorting]
    );
}

/// A ZTO status that opens with a bare town ("【杭州市】") is judged by the site it names: the
/// origin town's hub is the hub, the next town's scans are the buyer's side, even when the
/// buyer's town is typed in Latin letters (review of round 9).
#[test]
fn a_bare_town_in_the_opening_brackets_is_no_branch() {
    let stages = chinese_route(
        "Guangzhou",
        &[
            "【杭州市】快件离开【杭州余杭】已发往【杭州中转部】",
            "【杭州市】快件已经到达【杭州中转部】",
            "【广州市】快件已经到达【广州中心】",
            "【广州市】快件已经到达【广州天河】",
        ],
    );
    assert_eq!(stages[1..], [Stage::OriginSorting, Stage::DestinationSorting, Stage::AtLocalOffice]);
}

/// Between two provinces, every hub in the sender's province is the origin's and every hub
/// in the buyer's the destination's, however many there are (ZTO from Yichang through
/// Jingzhou and Wuhan to Beijing, round 29; Yunda's "浙江义乌分拨中心", round 34). Within one
/// province the first hub stays the origin's: a branch's departure that names its next stop
/// is not at that stop (YTO from Chaozhou through Jieyang to Shenzhen, round 34).
#[test]
fn a_chinese_route_between_provinces_is_sided_by_province() {
    let stages = chinese_route(
        "北京市",
        &[
            "【宜昌市】 宜昌公司 已揽收",
            "【宜昌市】 快件已发往 荆州中转部",
            "【荆州市】 快件已到达 荆州中转部",
            "【武汉市】 快件已到达 武汉中转部",
            "【北京市】 快件已到达 北京中转部",
        ],
    );
    assert_eq!(stages[2..], [Stage::OriginSorting, Stage::OriginSorting, Stage::DestinationSorting]);
    let stages = chinese_route(
        "长沙市",
        &[
            "浙江义乌洪华公司 进行揽件扫描",
            "浙江义乌分拨中心 在分拨中心进行称重扫描",
            "浙江义乌分拨中心 进行装车扫描，发往：湖南长沙分拨中心",
            "【长沙转运中心】 已收入",
        ],
    );
    assert_eq!(stages[1..], [Stage::OriginSorting, Stage::OriginSorting, Stage::DestinationSorting]);
    let stages = chinese_route(
        "东莞市",
        &[
            "【广东省潮州市公司】 已收件",
            "【广东省潮州市】 已发出 下一站 【揭阳转运中心】",
            "【揭阳转运中心】 已收入",
            "【揭阳转运中心】 已发出 下一站 【深圳转运中心】",
            "【深圳转运中心】 已收入",
        ],
    );
    assert_eq!(stages[2..], [Stage::OriginSorting, Stage::OriginSorting, Stage::DestinationSorting]);
}

/// A domestic route in the United States is sided by state when the sender's and the buyer's
/// differ: a facility in the sender's state is the origin's, one in the buyer's state (told by
/// the buyer's ZIP code) the destination's, even the first one seen there; a third state's
/// stays sided as before (round 29, LaserShip's "Arrived at Facility" at Orlando).
#[test]
fn a_us_domestic_route_is_sided_by_state() {
    let mut case = base();
    case.order.country = Some("US".into());
    case.order.city = Some("Berkeley".into());
    case.order.postcode = Some("94704".into());
    case.tracking = vec![number("772345678901")];
    add(&mut case, "2026-10-01", "Picked up", Some("PORTLAND, OR 97201"));
    let mut direct = case.clone();
    // The first facility seen, in the buyer's state: the destination's.
    add(&mut direct, "2026-10-02", "Arrived at FedEx location", Some("SACRAMENTO, CA"));
    add(&mut direct, "2026-10-03", "Arrived at FedEx location", Some("OAKLAND CA DISTRIBUTION CENTER"));
    let stages = super::stages::classify_case(&direct, &[]);
    assert_eq!(stages[1..], [Stage::DestinationSorting, Stage::DestinationSorting]);
    // A second town's facility in the sender's state, after the sender's town's hub: the
    // origin's still.
    add(&mut case, "2026-10-02", "Arrived at FedEx location", Some("PORTLAND, OR 97218"));
    add(&mut case, "2026-10-03", "Arrived at FedEx location", Some("TROUTDALE, OR 97060"));
    add(&mut case, "2026-10-04", "Arrived at FedEx location", Some("SACRAMENTO, CA"));
    let stages = super::stages::classify_case(&case, &[]);
    assert_eq!(stages[1..], [Stage::OriginSorting, Stage::OriginSorting, Stage::DestinationSorting]);
    // Once on the buyer's side, a scan back in the sender's state is no step back (review
    // s18: Vancouver, WA is in Portland's area).
    let mut seattle = base();
    seattle.order.country = Some("US".into());
    seattle.order.city = Some("Seattle".into());
    seattle.order.postcode = Some("98101".into());
    seattle.tracking = vec![number("772345678901")];
    add(&mut seattle, "2026-10-01", "Picked up", Some("Portland, OR"));
    add(&mut seattle, "2026-10-02", "Arrived at FedEx location", Some("Vancouver, WA"));
    add(&mut seattle, "2026-10-03", "Arrived at FedEx location", Some("Troutdale, OR"));
    let stages = super::stages::classify_case(&seattle, &[]);
    assert_eq!(stages[1..], [Stage::DestinationSorting, Stage::DestinationSorting]);
}

/// A sentence names no site: "快件已到达 X" is no place of its own, so arrivals further on
/// the route are not taken for the first hub's town (review of the fourth round).
#[test]
fn arrivals_told_in_a_sentence_keep_the_buyers_side() {
    let stages = chinese_route(
        "杭州市",
        &[
            "【浙江省金华市义乌市公司】 已收件",
            "快件已到达 义乌转运中心",
            "【杭州转运中心公司】 已收入",
            "【浙江省杭州市萧山区公司】 派件中 派件员：李四",
            "派送不成功 原因：客户不在",
            "快件已到达 杭州萧山",
            "快件已到达 杭州萧山网点",
        ],
    );
    assert_eq!(stages[2], Stage::DestinationSorting);
    assert_eq!(stages[5..], [Stage::DestinationSorting, Stage::AtLocalOffice]);
}

/// A "delivered" status elsewhere that the parcel moved on from, before a delivery at the
/// buyer's postcode, was a step on the way (a service centre's "Parcel collected") and raises
/// nothing; without the movement after it, or after the delivery at home, it still does.
#[test]
fn a_delivery_at_home_supersedes_an_earlier_one_elsewhere() {
    let elsewhere = |case: &Case| {
        assess(case, &[], &Rules::default(), now(at!("2026-10-25")))
            .flags
            .iter()
            .any(|f| f.code.code() == "delivered-elsewhere")
    };
    let mut case = base();
    accepted(&mut case);
    add(&mut case, "2026-10-20", "Parcel collected", Some("Москва 101000"));
    add(&mut case, "2026-10-21", "Прибыло в сортировочный центр", Some("Казань 420300"));
    add(&mut case, "2026-10-22", "Вручение адресату", Some("Казань 420000"));
    assert!(!elsewhere(&case));
    let mut case = base();
    accepted(&mut case);
    add(&mut case, "2026-10-20", "Parcel collected", Some("Москва 101000"));
    add(&mut case, "2026-10-22", "Вручение адресату", Some("Казань 420000"));
    assert!(elsewhere(&case), "no movement after the delivery elsewhere");
    let mut case = base();
    accepted(&mut case);
    add(&mut case, "2026-10-20", "Вручение адресату", Some("Казань 420000"));
    add(&mut case, "2026-10-22", "Вручение адресату", Some("Москва 101000"));
    assert!(elsewhere(&case));
}

/// ZJS names a site by its parts joined with "_" in square brackets: the counter (营业厅) of a
/// district's office it reaches in the buyer's town is the delivery outlet, not a hub (round 11).
#[test]
fn a_zjs_counter_reached_is_the_delivery_outlet() {
    let stages = chinese_route_at(
        "深圳",
        &[
            ("已取件，离开 [北京_东城营业所] 发往 [北京运转中心]", Some("北京市")),
            ("到达 [北京运转中心]", Some("北京市")),
            ("到达 [深圳_龙岗区营业所_坪山营业厅]", Some("深圳市")),
        ],
    );
    assert_eq!(stages, [Stage::Accepted, Stage::OriginSorting, Stage::AtLocalOffice]);
}

/// A bare "Collected" is the carrier's collection from the sender until the carrier is known
/// to have the parcel, and the buyer's collection after (round 11: Royal Mail's and Pos
/// Malaysia's "Item Collected").
#[test]
fn a_bare_collected_is_the_senders_hand_over_first_and_the_buyers_collection_later() {
    let mut first = base();
    add(&mut first, "2026-10-01", "Item Collected", None);
    add(&mut first, "2026-10-02", "Item processed at sorting centre", None);
    assert_eq!(super::stages::classify_case(&first, &[])[0], Stage::Accepted);
    let mut last = base();
    add(&mut last, "2026-10-01", "Item received for processing", None);
    add(&mut last, "2026-10-05", "Ready for collection at the post office", None);
    add(&mut last, "2026-10-07", "Collected", None);
    assert_eq!(super::stages::classify_case(&last, &[]).last(), Some(&Stage::Delivered));
}

/// DHL Express prints the place at the end of its text and leaves the place empty: "Arrived
/// at Sort Facility BAHRAIN - BAHRAIN" on the way from San Francisco to Bengaluru is the
/// transit hub's, and the scans in India are the destination's (round 24).
#[test]
fn a_place_printed_at_the_end_of_the_text_places_the_scan() {
    let mut case = base();
    case.order.country = Some("IN".into());
    case.order.city = Some("Bengaluru".into());
    case.order.postcode = None;
    case.tracking.clear();
    for (day, text) in [
        "Shipment picked up",
        "Processed at SAN FRANCISCO,CA-USA",
        "Departed Facility in CINCINNATI HUB,OH-USA",
        "Arrived at Sort Facility BAHRAIN - BAHRAIN",
        "Departed Facility in BAHRAIN - BAHRAIN",
        "Arrived at Sort Facility BANGALORE - INDIA",
    ]
    .into_iter()
    .enumerate()
    {
        add(&mut case, &format!("2026-09-{:02}", day + 1), text, None);
    }
    let stages = super::stages::classify_case(&case, &[]);
    assert_eq!(stages[1], Stage::OriginSorting, "{stages:?}");
    assert_eq!(stages[3], Stage::TransitHub, "{stages:?}");
    assert_eq!(stages[5], Stage::ArrivedDestination, "{stages:?}");
}

/// A courier's return scans read like any scan, but say they are the return's (round 24:
/// the harvested Indian couriers' lists); a delivery's return receipt is no return.
#[test]
fn a_scan_marked_as_the_return_is_the_return() {
    let mut case = base();
    add(&mut case, "2026-10-01", "Shipment picked up", None);
    add(&mut case, "2026-10-05", "Return Shipment Out for Delivery", None);
    add(&mut case, "2026-10-06", "RTO/DTO Delivered", None);
    let stages = super::stages::classify_case(&case, &[]);
    assert_eq!(stages[1..], [Stage::Returning, Stage::Returned]);
    let mut receipt = base();
    add(&mut receipt, "2026-10-01", "Delivered, return receipt", None);
    assert_eq!(super::stages::classify_case(&receipt, &[]), [Stage::Delivered]);
}

/// A failed delivery printed after the return began is the return's reason: the case is
/// still going back, and the seller is asked (round 29, USPS's "Return to Sender Processed",
/// then "Moved, Left no Address"); a failed delivery with no return before it stays one.
#[test]
fn a_reason_printed_after_the_return_keeps_the_case_returning() {
    let mut case = base();
    accepted(&mut case);
    add(&mut case, "2026-10-20", "Out for Delivery", Some("Dayton, OH 45402"));
    add(&mut case, "2026-10-20", "Return to Sender Processed", Some("Dayton, OH 45402"));
    add(&mut case, "2026-10-21", "Moved, Left no Address", Some("Dayton, OH 45402"));
    let a = assess(&case, &[], &Rules::default(), now(at!("2026-10-22")));
    assert_eq!(a.stage, Stage::Returning);
    assert_eq!(a.next_action.code, crate::model::ActionCode::WriteSeller);
    let mut failed = base();
    accepted(&mut failed);
    add(&mut failed, "2026-10-20", "Out for Delivery", Some("Dayton, OH 45402"));
    add(&mut failed, "2026-10-21", "Moved, Left no Address", Some("Dayton, OH 45402"));
    let a = assess(&failed, &[], &Rules::default(), now(at!("2026-10-22")));
    assert_eq!(a.stage, Stage::DeliveryFailed);
}

/// A bare word of a shop's or a label's state is the notice stage before the carrier has the
/// parcel, and says nothing after (round 26: "Pending", "Confirmed", "Criado").
#[test]
fn a_bare_state_word_before_the_carrier_is_the_notice() {
    let mut case = base();
    add(&mut case, "2026-10-01", "Pending", None);
    add(&mut case, "2026-10-02", "Criado", None);
    add(&mut case, "2026-10-02T12:00:00+00:00", "submitted", None);
    add(&mut case, "2026-10-03", "Shipment picked up", None);
    add(&mut case, "2026-10-04", "Pending", None);
    let stages = super::stages::classify_case(&case, &[]);
    assert_eq!(
        stages,
        [Stage::InfoReceived, Stage::InfoReceived, Stage::InfoReceived, Stage::Accepted, Stage::Unknown]
    );
}

/// A stall after the arrival in the buyer's country, or at the local office, sends the buyer
/// to the delivering post, and the reason says which (round 26).
#[test]
fn a_stall_in_the_buyers_country_is_explained_by_where_it_stopped() {
    let rules = Rules::default();
    let today = now(at!("2026-10-16"));
    let mut case = base();
    arrived(&mut case);
    let a = assess(&case, &[], &rules, today);
    assert_eq!(a.next_action.code.code(), "contact-post-office");
    assert!(a.next_action.why.contains("after it reached your country"), "{}", a.next_action.why);
    assert_eq!(a.next_action.template.map(Code::code), Some("post-office"));
    add(&mut case, "2026-10-06", "Прибыло в место вручения", Some("420000 Казань"));
    let a = assess(&case, &[], &rules, now(at!("2026-10-17")));
    assert_eq!(a.next_action.code.code(), "contact-post-office");
    assert!(a.next_action.why.contains("at your local office"), "{}", a.next_action.why);
    // Handed to the post that delivers it, then only "in transit" (ELTA Courier after
    // Cainiao, round 57): that post has it.
    let mut handed = base();
    handed.order.country = Some("GR".into());
    (handed.order.city, handed.order.postcode) = (Some("Patra".into()), Some("26221".into()));
    add(&mut handed, "2026-09-30", "Departed from departure country/region", Some("Shenzhen"));
    add(&mut handed, "2026-10-02", "Import customs clearance complete", Some("Athens"));
    add(&mut handed, "2026-10-03", "Delivered to local carrier", Some("Athens"));
    add(&mut handed, "2026-10-04", "Αποστολή βρίσκεται σε στάδιο μεταφοράς", None);
    let a = assess(&handed, &[], &rules, now(at!("2026-10-16")));
    assert_eq!(a.next_action.code.code(), "contact-post-office", "{:?}", a.flags);
    assert!(a.next_action.why.contains("after it reached your country"), "{}", a.next_action.why);
}

/// An AliExpress parcel to Portugal on PostNL's "RS…NL" number starts in China and crosses
/// the Netherlands: PostNL's sorting there is the transit hub's, and China is no wrong
/// country (round 37, Cainiao then PostNL); for a buyer in the Netherlands it is no hub.
#[test]
fn a_transit_posts_number_and_name_make_its_country_the_hub() {
    let mut case = base();
    case.order.country = Some("PT".into());
    case.order.city = Some("Braga".into());
    case.order.postcode = Some("4700-320".into());
    case.tracking = vec![number("LP00264819350712"), number("RS815630279NL")];
    add(&mut case, "2026-09-22", "Accepted by carrier", Some("Guangzhou"));
    add(&mut case, "2026-09-24", "Left from departure country/region", None);
    add(&mut case, "2026-09-27", "The item is at the PostNL sorting center", None);
    add(&mut case, "2026-10-01", "The item has arrived in the country of destination", None);
    let stages = super::stages::classify_case(&case, &[]);
    assert_eq!(stages[2..], [Stage::TransitHub, Stage::ArrivedDestination], "{stages:?}");
    let a = assess(&case, &[], &Rules::default(), now(at!("2026-10-03")));
    assert!(!a.flags.iter().any(|f| f.code == FlagCode::WrongCountry), "{:?}", a.flags);
    case.order.country = Some("NL".into());
    case.order.city = Some("Utrecht".into());
    let stages = super::stages::classify_case(&case, &[]);
    assert_ne!(stages[2], Stage::TransitHub, "{stages:?}");
}

/// A Chinese courier's round and locker in another city (绍兴市 for a buyer in 杭州市) is a
/// delivery elsewhere, not the buyer's own office named by its district (round 38, ZTO); a
/// store named with the buyer's town ("高雄明誠門市" in 高雄市) is the buyer's (7-ELEVEN).
#[test]
fn a_chinese_locker_in_another_city_is_elsewhere_and_a_store_of_the_buyers_town_is_not() {
    let locker = |city: &str, place: &str| {
        let mut case = base();
        case.order.platform = Platform::Other;
        case.order.country = Some("CN".into());
        case.order.city = Some(city.into());
        case.order.postcode = None;
        case.tracking = vec![number("3904718826153209671")];
        add(&mut case, "2026-11-20", "【广州市】 广州天河公司 已揽收", Some("广州市"));
        add(&mut case, "2026-11-22T08:00:00+08:00", "【绍兴市】 【柯桥钱清】 的周师傅 正在第1次派件", Some(place));
        add(&mut case, "2026-11-22T10:00:00+08:00", "【绍兴市】 快件已被【丰巢智能快递柜】代收", Some(place));
        let a = assess(&case, &[], &Rules::default(), now(at!("2026-11-23")));
        a.flags.iter().filter(|f| f.severity.code() != "info").map(|f| f.code).collect::<Vec<_>>()
    };
    assert_eq!(locker("杭州市", "绍兴市"), [FlagCode::PickupWaiting, FlagCode::DeliveredElsewhere]);
    assert_eq!(locker("绍兴市", "绍兴市"), [FlagCode::PickupWaiting]);
    assert_eq!(locker("高雄市", "高雄明誠門市"), [FlagCode::PickupWaiting]);
    // A county-level city inside the buyer's (昆山市 in 苏州市) and a supermarket are no other city;
    // a province or a street that opens with the town's name is no place in it.
    assert_eq!(locker("苏州市", "昆山市"), [FlagCode::PickupWaiting]);
    assert_eq!(locker("杭州市", "华联超市"), [FlagCode::PickupWaiting]);
    assert_eq!(locker("臺中市", "台中明誠門市"), [FlagCode::PickupWaiting]);
    assert!(locker("吉林市", "吉林省长春市").contains(&FlagCode::DeliveredElsewhere));
}

/// Chinese couriers' branch scans before the first hub are the intake (round 39, J&T's
/// "包裹顺利到达【义乌福田网点】" after its courier's pick-up), and STO's dash before the site
/// still names the outlet reached ("已到达-浙江绍兴柯桥华舍营业厅").
#[test]
fn a_chinese_branch_before_the_hub_is_the_intake_and_a_dashed_outlet_the_office() {
    let stages = chinese_route_at(
        "上海市",
        &[
            ("【义乌福田网点】您的极兔小哥李明已取件", Some("金华市")),
            ("包裹顺利到达【义乌福田网点】，放心交给极兔小哥吧！", Some("金华市")),
            ("快件到达【义乌转运中心】", Some("金华市")),
        ],
    );
    assert_eq!(stages, [Stage::Accepted, Stage::Accepted, Stage::OriginSorting]);
    let stages = chinese_route_at(
        "绍兴市",
        &[
            ("浙江义乌公司-已收件", Some("金华市")),
            ("已到达-浙江绍兴转运中心", Some("绍兴市")),
            ("已到达-浙江绍兴柯桥华舍营业厅", Some("绍兴市")),
        ],
    );
    assert_eq!(stages[2], Stage::AtLocalOffice, "{stages:?}");
}

/// Leaving a transit hub before any arrival is still the hub's (round 37: PostNL's "The item
/// is on transport to the country of destination" after its sorting centre).
#[test]
fn leaving_a_transit_hub_is_the_hubs() {
    let mut case = base();
    case.order.country = Some("PT".into());
    case.order.city = Some("Braga".into());
    case.order.postcode = None;
    case.tracking = vec![number("RS815630279NL")];
    add(&mut case, "2026-09-22", "Accepted by carrier", Some("Guangzhou"));
    add(&mut case, "2026-09-24", "Left from departure country/region", None);
    add(&mut case, "2026-09-27", "The item is at the PostNL sorting center", None);
    add(&mut case, "2026-09-28", "The item is on transport to the country of destination", None);
    add(&mut case, "2026-10-01", "The item has arrived in the country of destination", None);
    let stages = super::stages::classify_case(&case, &[]);
    assert_eq!(stages[2..], [Stage::TransitHub, Stage::TransitHub, Stage::ArrivedDestination], "{stages:?}");
}

/// Under way from a place that is only the origin country's name, straight before the
/// crossing, is leaving it (round 39:
/// Correios' "Objeto em trânsito - por favor aguarde" at "CHINA", Belpost's "Отправлено" at
/// "Китай"); a city state's name is its town too (Hongkong Post's "In transit." at "Hong
/// Kong" right after the posting stays under way).
#[test]
fn under_way_from_the_origin_countrys_name_is_leaving_it() {
    let route = |country: &str, number: &str, texts: &[(&str, &str)]| {
        let mut case = base();
        case.order.country = Some(country.into());
        case.order.city = None;
        case.order.postcode = None;
        case.tracking = vec![super::tests::number(number)];
        for (day, (text, place)) in texts.iter().enumerate() {
            add(&mut case, &format!("2026-09-{:02}", day + 1), text, Some(place));
        }
        super::stages::classify_case(&case, &[])
    };
    let stages = route(
        "BY",
        "RR407261531CN",
        &[("Принято от отправителя", "Китай"), ("Отправлено", "Китай"), ("Поступило в обработку", "Минск ММПО")],
    );
    assert_eq!(stages[1], Stage::DepartedOrigin, "{stages:?}");
    // Only straight before the crossing: under way at "United States", then a facility there.
    let stages = route(
        "CA",
        "1ZA8R21X6704716532",
        &[
            ("Pickup Scan", "Memphis, TN, United States"),
            ("On the Way", "United States"),
            ("Departed from Facility", "Louisville, KY, United States"),
        ],
    );
    assert_eq!(stages[1], Stage::InTransit, "{stages:?}");
    let stages = route(
        "BR",
        "NL482173505BR",
        &[
            ("Objeto postado", "CHINA"),
            ("Objeto em trânsito - por favor aguarde", "CHINA"),
            ("Encaminhado para fiscalização aduaneira", "UNIDADE INTERNACIONAL CURITIBA - Curitiba / PR"),
        ],
    );
    assert_eq!(stages[1], Stage::DepartedOrigin, "{stages:?}");
    let stages = route(
        "AE",
        "RR123456785HK",
        &[("Item posted and is being processed.", "Hong Kong"), ("In transit.", "Hong Kong")],
    );
    assert_eq!(stages[1], Stage::InTransit);
}

/// A Japan Post number's parcel taken in at Tokyo started in Japan, though Japan is a usual hub
/// and Los Angeles comes next: the scans in the United States are the transit hub's (review of
/// session 19); Malaysia Post's "RQ…MY" first named at Kuala Lumpur after the airline's
/// hand-over names no origin.
#[test]
fn a_hub_countrys_number_names_the_origin_only_where_the_parcel_was_taken_in() {
    let mut case = base();
    case.order.country = Some("MX".into());
    case.order.city = Some("Guadalajara".into());
    case.order.postcode = None;
    case.tracking = vec![number("EJ123456785JP")];
    add(&mut case, "2026-09-01", "Posting/Collection", Some("TOKYO, JAPAN"));
    add(&mut case, "2026-09-02", "Dispatch from outward office of exchange", Some("JAPAN"));
    add(&mut case, "2026-09-04", "Arrival at transit office of exchange", Some("LOS ANGELES, UNITED STATES"));
    add(&mut case, "2026-09-05", "Departure from transit office of exchange", Some("LOS ANGELES, UNITED STATES"));
    let stages = super::stages::classify_case(&case, &[]);
    assert_eq!(stages[2..], [Stage::TransitHub, Stage::TransitHub], "{stages:?}");
}

/// A pick-up notice printed with no town ("PostNord, Sweden") before the delivery at the
/// buyer's own service point is no delivery elsewhere (round 38, PostNord).
#[test]
fn a_pickup_notice_before_the_delivery_at_home_is_not_elsewhere() {
    let mut case = base();
    case.order.country = Some("SE".into());
    case.order.city = Some("Stockholm".into());
    case.order.postcode = Some("12067".into());
    departed(&mut case);
    add(
        &mut case,
        "2026-10-05",
        "The shipment item has been delivered to a service point.",
        Some("DIREKTEN HAMMARBY, 12067 Stockholm"),
    );
    add(
        &mut case,
        "2026-10-05T12:00:00+00:00",
        "E-mail notification has been sent to the recipient.",
        Some("PostNord, Sweden"),
    );
    add(&mut case, "2026-10-06", "The shipment item has been delivered.", Some("DIREKTEN HAMMARBY, 12067 Stockholm"));
    let a = assess(&case, &[], &Rules::default(), now(at!("2026-10-07")));
    assert!(!a.flags.iter().any(|f| f.code == FlagCode::DeliveredElsewhere), "{:?}", a.flags);
}

/// A Chinese line that opens with an office abroad happened there (round 42, Yanwen's China
/// Post leg: "葡萄牙里斯本 到达互换局" is the arrival in Portugal).
#[test]
fn a_chinese_line_opening_with_an_office_abroad_is_placed_there() {
    let mut case = base();
    case.order.country = Some("PT".into());
    case.order.city = Some("Lisboa".into());
    case.order.postcode = None;
    case.tracking = vec![number("UR848385766YP")];
    add(&mut case, "2026-09-01", "广商国际小包 已收寄", None);
    add(&mut case, "2026-09-03", "上海互换局 已出口直封", None);
    add(&mut case, "2026-09-05", "上海浦东 离开", None);
    add(&mut case, "2026-09-09", "葡萄牙里斯本 到达互换局", None);
    let stages = super::stages::classify_case(&case, &[]);
    assert_eq!(stages[3], Stage::ArrivedDestination, "{stages:?}");
}
