//! `check`, `agenda`, `advise`, `rules`, `calendar`, `track check`.

use serde_json::{Value, json};

use crate::env::TestEnv;

/// The demo-like stalled case: departed 3 Oct, nothing since; protection until 29 Nov.
fn stalled(env: &TestEnv) {
    env.ok(&[
        "order",
        "add",
        "--platform",
        "aliexpress",
        "--number",
        "8123456789012345",
        "--shipped",
        "2026-09-15",
        "--ordered",
        "2026-09-12",
        "--protection-days",
        "75",
        "--country",
        "RU",
        "--city",
        "Kazan",
        "--postcode",
        "420000",
        "--weight",
        "350g",
        "--track",
        "RS473102580CN",
    ]);
    env.ok(&[
        "status",
        "add",
        "8123456789012345",
        "揽收成功",
        "--at",
        "2026-09-15T16:05:00+08:00",
        "--place",
        "深圳",
        "--source",
        "cainiao",
        "--weight",
        "0.352kg",
    ]);
    env.ok(&[
        "status",
        "add",
        "8123456789012345",
        "Departed from departure country/region",
        "--at",
        "2026-10-03 09:05",
        "--place",
        "Guangzhou",
    ]);
}

fn is_date(v: &Value) -> bool {
    v.as_str().is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok())
}

/// Checks one `check --json` object against the shape of SPEC §6.
fn assert_spec_shape(a: &Value) {
    assert!(a["order"]["id"].is_i64(), "{a}");
    assert!(a["order"]["platform"].is_string());
    assert!(a["order"]["number"].is_string());
    assert!(a["stage"].is_string());
    let last = &a["last_event"];
    assert!(
        last.is_null()
            || (last["at"].is_string()
                && last["text"].is_string()
                && (last["place"].is_string() || last["place"].is_null())),
        "{last}"
    );
    assert!(a["days_silent"].is_i64() || a["days_silent"].is_null());
    let p = &a["protection"];
    assert!(p.is_null() || (is_date(&p["until"]) && p["days_left"].is_i64()), "{p}");
    for flag in a["flags"].as_array().unwrap() {
        assert!(flag["code"].is_string() && flag["message"].is_string(), "{flag}");
        assert!(["info", "warning", "critical"].contains(&flag["severity"].as_str().unwrap()), "{flag}");
    }
    let action = &a["next_action"];
    assert!(
        [
            "wait",
            "write-seller",
            "ask-extension",
            "open-dispute",
            "contact-post-office",
            "collect-parcel",
            "escalate",
            "none"
        ]
        .contains(&action["code"].as_str().unwrap())
    );
    assert!(is_date(&action["by"]), "{action}");
    assert!(action["message"].is_string() || action["message"].is_null());
    assert!(a["evidence_missing"].as_array().unwrap().iter().all(Value::is_string));
}

#[test]
fn check_json_follows_the_spec_shape() {
    let env = TestEnv::new();
    stalled(&env);
    env.ok(&["order", "add", "--platform", "ebay", "--number", "77"]);
    let one = env.json(&["check", "1"]);
    assert_spec_shape(&one);
    assert_eq!(one["order"]["number"], "8123456789012345");
    assert_eq!(one["stage"], "departed-origin");
    assert_eq!(one["last_event"]["at"], "2026-10-03T09:05:00");
    assert_eq!(one["last_event"]["place"], "Guangzhou");
    assert_eq!(one["days_silent"], 52);
    assert_eq!(one["protection"]["until"], "2026-11-29");
    assert_eq!(one["protection"]["days_left"], 5);
    let codes: Vec<&str> = one["flags"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["stalled", "stalled-over-month", "protection-ending", "evidence-missing"]);
    assert_eq!(one["flags"][0]["severity"], "critical");
    assert_eq!(one["next_action"]["code"], "open-dispute");
    assert_eq!(one["next_action"]["by"], "2026-11-24");
    assert!(one["next_action"]["message"].as_str().unwrap().contains("RS473102580CN"));
    assert_eq!(one["evidence_missing"], serde_json::json!(["order", "tracker", "chat"]));

    let all = env.json(&["check", "--all"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2);
    all.iter().for_each(assert_spec_shape);
    assert_eq!(all[1]["stage"], "order-placed");
    assert_eq!(all[1]["last_event"], Value::Null);
    // Without an order, check looks at every open case too.
    assert_eq!(env.json(&["check"]).as_array().unwrap().len(), 2);
}

#[test]
fn check_human_output_and_strict_exit_code() {
    let env = TestEnv::new();
    stalled(&env);
    let text = env.ok(&["check", "1"]);
    for expected in [
        "order 1 · aliexpress 8123456789012345",
        "stage       departed-origin — last status 2026-10-03 09:05 (offset unknown): Departed from departure country/region, Guangzhou",
        "silent      52 days (unusual after 25)",
        "protection  until 2026-11-29 — 5 days left",
        "CRITICAL stalled",
        "· threshold 25 days, critical at 30",
        "next        open-dispute by 2026-11-24",
        "`dossier advise 1` prints the message to send",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let out = env.run(&["check", "1", "--strict"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("CRITICAL stalled"), "the report is still printed");
    assert!(String::from_utf8_lossy(&out.stderr).contains("critical red flag(s) found"));
    // A quiet case passes --strict.
    env.ok(&["order", "add", "--platform", "ebay", "--number", "77", "--ordered", "2026-11-20"]);
    env.ok(&["check", "77", "--strict"]);
    // One day left reads as one day; a closed case has nothing to do.
    let day_before = env.ok(&["--now", "2026-11-28T12:00:00+03:00", "check", "1"]);
    assert!(day_before.contains("until 2026-11-29 — 1 day left"), "{day_before}");
    env.ok(&["order", "close", "1", "--outcome", "refunded"]);
    let closed = env.ok(&["check", "1"]);
    assert!(
        closed.contains("flags       none") && closed.contains("next        nothing: the case is closed"),
        "{closed}"
    );
    assert!(!closed.contains(" by "), "{closed}");
    let err = env.fail(&["check", "1", "--all"], 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn agenda_lists_open_cases_most_urgent_first() {
    let env = TestEnv::new();
    env.ok(&[
        "order",
        "add",
        "--platform",
        "ebay",
        "--number",
        "calm",
        "--ordered",
        "2026-11-20",
        "--shipped",
        "2026-11-21",
    ]);
    stalled(&env);
    env.ok(&["order", "add", "--platform", "temu", "--number", "done", "--ordered", "2026-10-01"]);
    env.ok(&["order", "close", "done", "--outcome", "received"]);
    let items = env.json(&["agenda"]);
    let order: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["order"]["number"].as_str().unwrap()).collect();
    assert_eq!(order, ["8123456789012345", "calm"], "urgent first, closed cases left out");
    assert_eq!(items[0]["by"], "2026-11-24");
    assert_eq!(items[1]["next_action"]["code"], "wait");
    assert_eq!(items[1]["by"], "2026-11-28", "look again when the first scan is overdue (shipped + 7)");
    let text = env.ok(&["agenda"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("BY") && lines[0].contains("DO"), "{text}");
    assert!(
        lines[1].contains("2026-11-24 (now)")
            && lines[1].contains("open-dispute")
            && lines[1].contains("critical stalled"),
        "{text}"
    );
    assert!(lines[2].contains("calm") && lines[2].contains("wait"), "{text}");
}

#[test]
fn advise_prints_the_filled_message_and_other_templates() {
    let env = TestEnv::new();
    stalled(&env);
    env.ok(&["message", "add", "1", "--from", "me", "--at", "2026-11-06", "Where is my parcel?"]);
    let text = env.ok(&["advise", "1"]);
    assert!(text.starts_with("next: open-dispute by 2026-11-24\n"), "{text}");
    assert!(text.contains("message (dispute-stalled):"), "{text}");
    for fact in [
        "I did not receive my order 8123456789012345.",
        "The tracking number is RS473102580CN.",
        "There has been no movement for 52 days.",
        "I asked the seller about the parcel on 2026-11-06.",
        "The seller did not answer.",
        "The buyer protection ends on 2026-11-29.",
    ] {
        assert!(text.contains(fact), "missing {fact:?} in\n{text}");
    }
    let ext = env.json(&["advise", "8123456789012345", "--template", "extension-request"]);
    assert_eq!(ext["template"], "extension-request");
    assert_eq!(ext["next_action"]["code"], "open-dispute");
    assert!(ext["message"].as_str().unwrap().contains("Please extend the protection time"), "{ext}");
    let refuse = env.ok(&["advise", "1", "--template", "refuse-close"]);
    assert!(refuse.contains("I will not close or cancel the dispute"), "{refuse}");
    let err = env.fail(&["advise", "1", "--template", "beg"], 2);
    assert!(err.contains("status-request") && err.contains("post-office"), "{err}");
}

/// The message for a delivery elsewhere names the other place and its postcode beside the
/// buyer's own; a protection end already past is written as past, never as to come.
#[test]
fn advise_names_the_other_place_and_never_puts_a_past_date_ahead() {
    let env = TestEnv::new();
    stalled(&env);
    env.ok(&["status", "add", "1", "Вручение адресату 101000", "--at", "2026-11-20 14:00", "--place", "Москва"]);
    let text = env.ok(&["advise", "1"]);
    assert!(text.contains("message (dispute-delivered-elsewhere):"), "{text}");
    assert!(text.contains("The tracking gives the place as Москва, postcode 101000."), "{text}");
    assert!(text.contains("My address is 420000 Kazan."), "{text}");
    // 75 days from 15 September ended on 29 November.
    let later = ["--now", "2026-12-10T12:00:00+03:00"];
    let text = env.ok(&[&later[..], &["advise", "1", "--template", "dispute-stalled"]].concat());
    assert!(text.contains("The buyer protection ended on 2026-11-29."), "{text}");
    assert!(!text.contains("ends on"), "{text}");
    let text = env.ok(&[&later[..], &["advise", "1", "--template", "extension-request"]].concat());
    assert!(text.contains("The buyer protection ended on 2026-11-29."), "{text}");
}

/// A postcode with letters is compared by its number: "3512 AB Utrecht" is the Dutch
/// buyer's own "3512 AB", "1012 AB" is not; a British postcode has no number to compare,
/// so a year in a status is no other postcode.
#[test]
fn postcodes_with_letters_are_compared_by_their_number() {
    let severity = |place: &str, (country, city, postcode): (&str, &str, &str), text: &str| {
        let env = TestEnv::new();
        env.ok(&["order", "add", "--platform", "aliexpress", "--number", "8123456789012345"]);
        env.ok(&["order", "edit", "1", "--shipped", "2026-09-15", "--country", country]);
        env.ok(&["order", "edit", "1", "--postcode", postcode, "--city", city]);
        env.ok(&["status", "add", "1", text, "--at", "2026-11-20 14:00", "--place", place]);
        let check = env.json(&["check", "1"]);
        let flag = check["flags"].as_array().unwrap().iter().find(|f| f["code"] == "delivered-elsewhere").cloned();
        flag.map(|f| f["severity"].as_str().unwrap().to_string())
    };
    let utrecht = ("NL", "Utrecht", "3512 AB");
    assert_eq!(severity("3512 AB Utrecht", utrecht, "Afgehaald bij PostNL-punt"), None);
    assert_eq!(severity("1012 AB Amsterdam", utrecht, "Afgehaald bij PostNL-punt").as_deref(), Some("critical"));
    // A British postcode has no number: a year is no postcode, and the town decides.
    let leeds = ("GB", "Leeds", "LS1 4AP");
    assert_eq!(severity("LEEDS", leeds, "Delivered on 20 November 2026"), None);
    assert_eq!(severity("MANCHESTER", leeds, "Delivered on 20 November 2026").as_deref(), Some("warning"));
    // A ZIP+4 is compared by its ZIP.
    let austin = ("US", "Austin", "78701-1234");
    assert_eq!(severity("AUSTIN, TX 78701", austin, "Delivered, In/At Mailbox"), None);
    assert_eq!(severity("DALLAS, TX 75201", austin, "Delivered, In/At Mailbox").as_deref(), Some("critical"));
    // A town whose name holds the buyer's, or shares one of its words, is another town.
    let waiting = "Ожидает адресата в месте вручения";
    assert_eq!(severity("Томск 634000", ("RU", "Омск", "644000"), waiting).as_deref(), Some("critical"));
    let nizhny = ("RU", "Нижний Новгород", "603000");
    assert_eq!(severity("Великий Новгород 173000", nizhny, waiting).as_deref(), Some("critical"));
    // The town in the carrier's language is the buyer's; another office of it is worth a
    // look, no more (a delivery in the buyer's city raises nothing above info).
    assert_eq!(severity("ROMA", ("IT", "Rome", "00100"), "Consegnato"), None);
    assert_eq!(severity("Алматы 050010", ("KZ", "Алматы", "050000"), "Вручено").as_deref(), Some("info"));
    assert_eq!(severity("SURABAYA 60000", ("ID", "Surabaya", "60271"), "Final Delivery").as_deref(), Some("info"));
    // A street number before the town is no postcode of another town.
    let ushuaia = ("AR", "Ushuaia", "V9410");
    let waiting_oca = "En Espera de Retiro por Sucursal - Suc: USHUAIA";
    assert_eq!(severity("MAGALLANES 1576, USHUAIA, TIERRA DEL FUEGO", ushuaia, waiting_oca), None);
    // A town that holds the buyer's town's name is another town.
    let portland = ("US", "Portland", "97201");
    assert_eq!(severity("SOUTH PORTLAND, ME 04106", portland, "Delivered").as_deref(), Some("critical"));
    let madrid = ("ES", "Madrid", "28001");
    let escorial = "SAN LORENZO DE EL ESCORIAL MADRID 28200";
    assert_eq!(severity(escorial, madrid, "Entregado").as_deref(), Some("critical"));
    // A mail centre named by its number names no town.
    assert_eq!(severity("Centre Courrier 06", ("FR", "Nice", "06000"), "Votre colis a été livré"), None);
    // A pick-up point in the buyer's town has its own postcode.
    let regensburg = ("DE", "Regensburg", "93047");
    let locker = "Die Sendung liegt in der Packstation 119, Wernerwerkstr. 2b, 93049 Regensburg zur Abholung bereit.";
    assert_eq!(severity("Regensburg", regensburg, locker), None);
    assert_eq!(
        severity("Straubing", regensburg, &locker.replace("Regensburg", "Straubing")).as_deref(),
        Some("critical")
    );
}

#[test]
fn rules_shows_defaults_and_rules_toml_overrides() {
    let env = TestEnv::new();
    let text = env.ok(&["rules"]);
    assert!(text.contains("silence.exported") && text.contains("25") && text.contains("default"), "{text}");
    std::fs::write(env.home.join("rules.toml"), "[silence]\nexported = 20\n").unwrap();
    let settings = env.json(&["rules"]);
    let exported = settings.as_array().unwrap().iter().find(|s| s["key"] == "silence.exported").unwrap();
    assert_eq!(exported["value"], 20.0);
    assert_eq!(exported["origin"], "rules-toml");
    assert_eq!(exported["default"], 25.0);
    assert!(env.ok(&["rules"]).contains("rules.toml (default 25)"));
    // The override changes the judgement.
    stalled(&env);
    assert_eq!(env.json(&["--now", "2026-10-24T12:00:00+03:00", "check", "1"])["flags"][0]["code"], "stalled");
    std::fs::write(env.home.join("rules.toml"), "[silence]\nexported = \"soon\"\n").unwrap();
    let err = env.fail(&["check", "1"], 1);
    assert!(err.contains("error: rules.toml: 'silence.exported' should be a number (days)"), "{err}");
    assert!(err.contains("hint: fix or delete rules.toml"), "{err}");
}

#[test]
fn track_check_reports_each_number() {
    let env = TestEnv::new();
    let out = env.ok(&["--json", "track", "check", "rr 12345678 9cn", "RS47310258OCN", "LP00123456789012"]);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "one JSON object per number");
    assert_eq!(
        lines[0],
        serde_json::json!({"input": "rr 12345678 9cn", "number": "RR123456789CN", "format": "s10", "carrier": "China Post",
            "valid": false, "problem": "check digit should be 5", "suggestion": null, "warning": null, "service": "R",
            "origin_country": "CN"})
    );
    assert_eq!(lines[1]["suggestion"], "RS473102580CN");
    assert_eq!(lines[2]["format"], "cainiao");
    assert_eq!(lines[2]["valid"], Value::Null);
    let text = env.ok(&["track", "check", "RS473102580CN"]);
    assert_eq!(text, "RS473102580CN  s10, China Post, check digit ok\n");
}

#[test]
fn calendar_is_valid_icalendar_with_reminders() {
    let env = TestEnv::new();
    stalled(&env);
    let text = env.ok(&["calendar"]);
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(events.len(), 2, "protection end and next action");
    let property = |c: &icalendar::parser::Component<'_>, name: &str| {
        c.properties.iter().find(|p| p.name == name).map(|p| p.val.to_string()).unwrap_or_default()
    };
    let protection = events.iter().find(|e| property(e, "SUMMARY").starts_with("Protection ends")).unwrap();
    assert_eq!(property(protection, "DTSTART"), "20261129");
    let alarms: Vec<String> =
        protection.components.iter().filter(|c| c.name == "VALARM").map(|a| property(a, "TRIGGER")).collect();
    // 09:00 seven and two days before the last day: 7 d − 9 h and 2 d − 9 h before midnight.
    assert_eq!(alarms, ["-PT572400S", "-PT140400S"]);
    let action = events.iter().find(|e| property(e, "SUMMARY").starts_with("open-dispute")).unwrap();
    assert_eq!(property(action, "DTSTART"), "20261124");
    assert_eq!(property(action, "DTEND"), "20261125", "an all-day event ends the next day");
    let action_alarms: Vec<String> =
        action.components.iter().filter(|c| c.name == "VALARM").map(|a| property(a, "TRIGGER")).collect();
    assert_eq!(action_alarms, ["PT32400S"], "09:00 on the day itself");
    // Reproducible: same data and --now give the same file.
    assert_eq!(env.ok(&["calendar"]), text);
    let path = env.path("deadlines.ics");
    let written = env.json(&["calendar", "-o", path.to_str().unwrap()]);
    assert_eq!(written["events"], 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// A home of `orders` cases written through the library (far faster than one process per
/// record): every 10th case closed, up to six statuses each from a mix of stages, some
/// with a second tracking number.
fn big_home(env: &TestEnv, orders: usize) {
    use dossier::dates::parse_when;
    use dossier::db::{Db, NewStatus, OrderFields};
    use dossier::model::{Outcome, Platform, Source};
    env.ok(&["order", "list"]);
    let mut db = Db::open(&env.home.join("dossier.db")).unwrap();
    let texts = [
        "Order information received by carrier",
        "Accepted by carrier",
        "已出库",
        "Departed from country of origin",
        "Прибыло в место вручения",
        "Delivered",
        "Arrived at destination country",
    ];
    let now = "2026-11-24T09:00:00+00:00";
    let clock = chrono::DateTime::parse_from_rfc3339(now).unwrap();
    let when = |text: &str| parse_when(text, clock).unwrap();
    for i in 0..orders {
        let fields = OrderFields {
            shipped: Some(Some(when(&format!("2026-{:02}-{:02}", 8 + i % 3, 1 + i % 28)))),
            country: Some(Some("RU".into())),
            city: Some(Some("Kazan".into())),
            ..OrderFields::default()
        };
        let order = db.add_order(Platform::AliExpress, &format!("81{i:014}"), &fields, now).unwrap();
        if i % 4 == 0 {
            db.add_tracking(&order, &format!("LP00{:012}", 500_000 + i), None, None, now).unwrap();
        }
        // A second number on every eighth case: with statuses of its own when i % 16 == 12,
        // without (the number-changed flag says so) when i % 16 == 4. The case before each
        // names its one number in its statuses.
        let second = format!("YT{:016}", 700_000 + i);
        if i % 8 == 4 {
            db.add_tracking(&order, &second, None, None, now).unwrap();
        }
        let single = format!("LP00{:012}", 600_000 + i);
        if i % 8 == 3 {
            db.add_tracking(&order, &single, None, None, now).unwrap();
        }
        let track = |s: usize| match (i % 16, i % 8) {
            (12, _) if s % 2 == 1 => Some(second.clone()),
            (_, 4) => Some(format!("LP00{:012}", 500_000 + i)),
            (_, 3) => Some(single.clone()),
            _ => None,
        };
        for s in 0..i % 7 {
            let status = NewStatus {
                at: when(&format!("2026-10-{:02}T{:02}:15:00+08:00", 1 + s * 3 + i % 5, 8 + s)),
                text: texts[(i + s) % texts.len()].to_string(),
                place: (s % 2 == 0).then(|| "Shenzhen".to_string()),
                weight: None,
                source: Source::Tracker,
                track: track(s),
                stage: None,
            };
            db.add_status(&order, &status, now).unwrap();
        }
        if i % 10 == 9 {
            db.close_order(&order, Outcome::Received, None, now).unwrap();
        }
    }
}

/// `check --all` streams the open cases of a large home: every open case once, in order id
/// order, each judged exactly as `check ORDER` judges it alone (same JSON bytes, indented one
/// level as an element of the array).
#[test]
fn check_all_streams_every_open_case_as_check_order_judges_it() {
    let env = TestEnv::new();
    big_home(&env, 400);
    let all_text = env.ok(&["--json", "check", "--all"]);
    let all: Value = serde_json::from_str(&all_text).unwrap();
    let ids: Vec<i64> = all.as_array().unwrap().iter().map(|a| a["order"]["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 360, "every open case once");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in order id order");
    assert!(!ids.contains(&10), "closed cases are not checked");
    // The streamed cases are the cases `check ORDER` loads one by one.
    for id in [1, 2, 4, 5, 7, 12, 13, 21, 37, 199, 201, 399] {
        let one = env.json(&["check", &id.to_string()]);
        let listed = all.as_array().unwrap().iter().find(|a| a["order"]["id"] == id);
        let listed = listed.unwrap_or_else(|| panic!("order {id} is not listed"));
        assert_eq!(&one, listed, "order {id}");
        // Byte for byte too: an item is the single case indented one level.
        let single = env.ok(&["--json", "check", &id.to_string()]);
        let indented = single.trim_end().replace('\n', "\n  ");
        assert!(all_text.contains(&format!("\n  {indented}")), "order {id}: listed bytes differ from `check {id}`");
    }
    // Statuses name their numbers: a second number without statuses of its own is flagged
    // (order 5, 21), one with statuses is not (order 13).
    let silent_second = |id: i64| {
        let case = all.as_array().unwrap().iter().find(|a| a["order"]["id"] == id).unwrap();
        case["flags"].as_array().unwrap().iter().any(|f| {
            f["code"] == "number-changed"
                && f["facts"].as_array().unwrap().iter().any(|fact| {
                    fact.as_str().unwrap().starts_with(&format!("YT{:016}", 700_000 + id - 1))
                        && fact.as_str().unwrap().ends_with("has no statuses of its own yet")
                })
        })
    };
    assert!(silent_second(5) && silent_second(21) && !silent_second(13));
}

/// The pass over every open case stops at the visitor's first error and returns that error
/// (a closed output pipe, say), although the cases are read on a thread of their own: the
/// reader is not left waiting to hand over the next case.
#[test]
fn every_open_case_pass_stops_at_the_visitors_error() {
    let env = TestEnv::new();
    big_home(&env, 400);
    let db = dossier::db::Db::open_read(&env.home.join("dossier.db")).unwrap();
    let rules = dossier::rules::Rules::load(None).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+00:00").unwrap();
    let mut seen = Vec::new();
    let result = dossier::judge::each_open(&db, &rules, now, |judged| {
        seen.push(judged.case.order.id);
        if seen.len() == 3 { Err(dossier::error::Error::Internal("visitor stops".into())) } else { Ok(()) }
    });
    assert_eq!(result.unwrap_err().to_string(), "internal error: visitor stops");
    assert_eq!(seen, [1, 2, 3], "three cases visited, in order id order, then none");
    // The whole pass, for comparison: every open case.
    let mut all = 0;
    dossier::judge::each_open(&db, &rules, now, |_| {
        all += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(all, 360);
}

/// A number on two orders is flagged on both, naming the other; numbers next to it in sort
/// order, or on one order only, are not. One shared number sorts between others, one sorts
/// last of all (the end of the pass over the index).
#[test]
fn a_tracking_number_on_two_orders_is_flagged_on_both() {
    let env = TestEnv::new();
    for (number, tracks) in [
        ("8100000000000001", &["LP00111111111111", "RS473102580CN"][..]),
        ("8100000000000002", &["RS473102580CN", "YT2312345678901234"]),
        ("8100000000000003", &["LP00111111111112", "YT2312345678901234"]),
        ("8100000000000004", &["RS473102581CN"]),
    ] {
        let mut args = vec!["order", "add", "--platform", "aliexpress", "--number", number, "--shipped", "2026-11-01"];
        for track in tracks {
            args.extend(["--track", track]);
        }
        env.ok(&args);
    }
    let reused = |case: &Value| -> Vec<String> {
        case["flags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "tracking-number-reused")
            .map(|f| f["facts"][0].as_str().unwrap().to_string())
            .collect()
    };
    let expected = [
        vec!["RS473102580CN on order 1 and on order 2"],
        vec!["RS473102580CN on order 2 and on order 1", "YT2312345678901234 on order 2 and on order 3"],
        vec!["YT2312345678901234 on order 3 and on order 2"],
        vec![],
    ];
    for (id, expected) in (1..).zip(&expected) {
        assert_eq!(&reused(&env.json(&["check", &id.to_string()])), expected, "order {id}");
    }
    let all = env.json(&["check", "--all"]);
    let listed: Vec<Vec<String>> = all.as_array().unwrap().iter().map(reused).collect();
    assert_eq!(listed, expected);
}

/// `stage explain` names the stage and the phrase (with its language) that decided it, or says
/// that no phrase did; the JSON carries the same.
#[test]
fn stage_explain_names_the_deciding_phrase() {
    let env = TestEnv::new();
    let out = env.ok(&["stage", "explain", "Paczka doręczona adresatowi"]);
    assert_eq!(out, "delivered\n  decided by the pl phrase \"doręczon*\"\n");
    let out = env.json(&["stage", "explain", "Sortowanie", "--previous", "import-customs"]);
    assert_eq!(out["stage"], "destination-sorting");
    assert_eq!(out["rule"]["target"], "sorting");
    let out = env.json(&["stage", "explain", "Delivered to local carrier"]);
    assert_eq!((&out["stage"], &out["rule"]["lang"]), (&json!("last-mile-handover"), &json!("en")));
    let out = env.ok(&["stage", "explain", "Das Wetter ist schön"]);
    assert_eq!(out, "unknown\n  no phrase of the tables occurs in this text\n");
    // The buyer's country is read as `order` reads it: any case, spaces around; a code that
    // is not two letters is refused as a usage error, not taken as a country no place matches.
    let out = env.json(&["stage", "explain", "Arrival at transit hub", "--place", "Riga", "--country", " ru "]);
    assert_eq!(out["stage"], "transit-hub");
    let err = env.fail(&["stage", "explain", "Arrival at transit hub", "--country", "Russia"], 2);
    assert!(err.contains("country 'Russia' is not a two-letter code"), "{err}");
}

/// The user's own phrases in `rules.toml` decide before the built-in tables: in `status list`,
/// in `check` and in `stage explain`; a bad `[phrases]` entry is refused with the phrase.
#[test]
fn phrases_in_rules_toml_come_before_the_tables() {
    let env = TestEnv::new();
    env.order();
    // Read as delivered by the built-in tables ("delivered"), as a hand-over by the user.
    env.ok(&["status", "add", "1", "Delivered to partner Flyt Express", "--at", "2026-11-10 09:00"]);
    env.ok(&["status", "add", "1", "Zustellpunkt erreicht", "--at", "2026-11-11 09:00"]);
    let before = env.json(&["status", "list", "1"]);
    assert_eq!(before[0]["stage"], "delivered");
    std::fs::write(
        env.home.join("rules.toml"),
        "[phrases]\n\"delivered to partner\" = \"last-mile-handover\"\n\"zustellpunkt erreicht\" = \"at-local-office\"\n",
    )
    .unwrap();
    let after = env.json(&["status", "list", "1"]);
    assert_eq!((&after[0]["stage"], &after[0]["stage_by"]), (&json!("last-mile-handover"), &json!("text")));
    assert_eq!(after[1]["stage"], "at-local-office");
    assert_eq!(env.json(&["check", "1"])["stage"], "at-local-office");
    assert!(env.ok(&["rules"]).contains("  \"zustellpunkt erreicht\" → at-local-office\n"));
    let out = env.ok(&["stage", "explain", "Zustellpunkt erreicht"]);
    assert_eq!(out, "at-local-office\n  decided by your phrase \"zustellpunkt erreicht\" in rules.toml\n");
    // A phrase written `=PHRASE` decides only the whole text.
    std::fs::write(env.home.join("rules.toml"), "[phrases]\n\"=Done\" = \"delivered\"\n").unwrap();
    let out = env.ok(&["stage", "explain", "Done"]);
    assert_eq!(out, "delivered\n  decided by your phrase \"=Done\" in rules.toml\n");
    assert!(!env.ok(&["stage", "explain", "Done sorting"]).contains("your phrase"));
    for (toml, expected) in [
        ("[phrases]\n\"arrived at hub\" = \"somewhere\"\n", "phrase \"arrived at hub\": 'somewhere' is not a stage"),
        ("[phrases]\n\"arrived at hub\" = 3\n", "phrase \"arrived at hub\" should name a stage in quotes"),
        ("[phrases]\n\"...\" = \"delivered\"\n", "phrase \"...\" has no letters"),
    ] {
        std::fs::write(env.home.join("rules.toml"), toml).unwrap();
        let err = env.fail(&["status", "list", "1"], 1);
        assert!(err.contains(expected), "{toml}: {err}");
    }
}

/// A status saying only that the carrier received the order's information is no acceptance
/// scan: `no-first-scan` still fires and the advice is not to wait.
#[test]
fn order_information_sent_to_the_carrier_is_no_first_scan() {
    let env = TestEnv::new();
    env.ok(&[
        "order",
        "add",
        "--platform",
        "aliexpress",
        "--number",
        "8100000000000009",
        "--shipped",
        "2026-11-10",
        "--protection-days",
        "60",
    ]);
    env.ok(&["status", "add", "1", "The carrier has received the order information", "--at", "2026-11-10 20:00"]);
    let a = env.json(&["check", "1"]);
    assert_eq!(a["stage"], "info-received");
    let codes: Vec<&str> = a["flags"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"no-first-scan"), "{codes:?}");
    assert_ne!(a["next_action"]["code"], "wait");
}

/// A domestic parcel refused in Beijing and signed for back at the sender's branch in Fujian,
/// recorded through the command line with the courier's sites as places: the signature is the
/// return's end, so `check` says `returned` (no delivery elsewhere) and asks the seller.
#[test]
fn a_parcel_signed_for_back_at_the_senders_branch_is_returned() {
    let env = TestEnv::new();
    env.ok(&[
        "order",
        "add",
        "--platform",
        "other",
        "--number",
        "TB-1",
        "--shipped",
        "2026-04-27",
        "--ordered",
        "2026-04-26",
        "--protection-until",
        "2026-06-10",
        "--country",
        "CN",
        "--city",
        "北京",
        "--track",
        "3901357983152",
    ]);
    let steps = [
        ("2026-04-27 18:00", "[福建漳州公司]进行揽件扫描", "福建漳州公司"),
        ("2026-04-27 21:54", "[福建晋江分拨中心]进行装车扫描，即将发往：北京分拨中心", "福建晋江分拨中心"),
        ("2026-04-29 14:35", "[北京西城区平安里公司]进行派件扫描", "北京西城区平安里公司"),
        ("2026-05-04 10:35", "[北京西城区平安里公司]快件异常；备注：客户拒收", "北京西城区平安里公司"),
        ("2026-05-08 00:00", "[北京分拨中心]进行装车扫描，即将发往：福建晋江分拨中心", "北京分拨中心"),
        ("2026-05-10 10:40", "[福建漳州公司]进行派件扫描", "福建漳州公司"),
        ("2026-05-10 10:41", "[福建漳州公司]快件已被 已签收 签收", "福建漳州公司"),
    ];
    for (at, text, place) in steps {
        env.ok(&["status", "add", "TB-1", text, "--at", at, "--place", place]);
    }
    let listed = env.json(&["--now", "2026-05-12T12:00:00+08:00", "status", "list", "TB-1"]);
    let stages: Vec<&str> = listed.as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
    assert_eq!(stages[3..], ["delivery-failed", "returning", "returning", "returned"]);
    let check = env.json(&["--now", "2026-05-12T12:00:00+08:00", "check", "TB-1"]);
    assert_eq!(check["stage"], "returned");
    let raised: Vec<&str> = check["flags"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(!raised.contains(&"delivered-elsewhere"), "{raised:?}");
    assert_eq!(check["next_action"]["code"], "write-seller");
    let why = check["next_action"]["why"].as_str().unwrap();
    assert!(why.starts_with("The parcel went back to the sender"), "{why}");
}

/// A delivery in the buyer's own town under the delivery office's postcode is no sign of a
/// parcel gone elsewhere: the flag is only `info`, and the next action is the buyer's to
/// confirm receipt, as for any delivery at home; another town's postcode still leads to a
/// dispute.
#[test]
fn a_delivery_in_the_buyers_town_under_the_offices_postcode_asks_only_for_confirmation() {
    let next = |place: &str| {
        let env = TestEnv::new();
        env.ok(&["order", "add", "--platform", "aliexpress", "--number", "8123456789012345"]);
        env.ok(&["order", "edit", "1", "--shipped", "2026-10-20", "--country", "ID"]);
        env.ok(&["order", "edit", "1", "--city", "Surabaya", "--postcode", "60271"]);
        env.ok(&["status", "add", "1", "Final Delivery", "--at", "2026-11-18 10:00", "--place", place]);
        let check = env.json(&["--now", "2026-11-19T12:00:00+07:00", "check", "1"]);
        let flag = check["flags"].as_array().unwrap().iter().find(|f| f["code"] == "delivered-elsewhere").cloned();
        let severity = flag.map(|f| f["severity"].as_str().unwrap().to_string());
        (severity, check["next_action"]["code"].as_str().unwrap().to_string())
    };
    assert_eq!(next("SURABAYA 60000"), (Some("info".to_string()), "none".to_string()));
    assert_eq!(next("MALANG 65111"), (Some("critical".to_string()), "open-dispute".to_string()));
}
