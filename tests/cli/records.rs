//! `track add`, `status add|list`, `message add`, `flag set|clear`.

use serde_json::json;

use crate::env::TestEnv;

#[test]
fn track_add_normalises_and_does_not_add_twice() {
    let env = TestEnv::new();
    env.order();
    let out = env.ok(&[
        "track",
        "add",
        "1",
        "lp-0012 3456 7890 12",
        "--carrier",
        "Cainiao",
        "--note",
        "from the seller's chat",
    ]);
    assert_eq!(
        out,
        "added tracking number LP00123456789012 to order 1: cainiao, Cainiao, format ok (no check digit to verify)\n"
    );
    let again = env.run(&["track", "add", "1", "LP00123456789012"]);
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("order 1 already has tracking number LP00123456789012; nothing added")
    );
    let tracking = &env.json(&["order", "show", "1"])["tracking"];
    assert_eq!(tracking.as_array().unwrap().len(), 2);
    assert_eq!(tracking[1]["carrier"], "Cainiao");
    assert_eq!(tracking[1]["note"], "from the seller's chat");
    let json = env.json(&["track", "add", "1", "LP00123456789012"]);
    assert_eq!(json["added"], false);
}

#[test]
fn status_add_with_every_flag_and_list_in_time_order() {
    let env = TestEnv::new();
    env.order();
    let added = env.json(&[
        "status",
        "add",
        "1",
        "Departed from departure country/region",
        "--at",
        "2026-10-03T09:05:00+03:00",
        "--place",
        "Guangzhou",
        "--weight",
        "0.352kg",
        "--source",
        "tracker",
        "--track",
        "rs473102580cn",
        "--stage",
        "departed-origin",
    ]);
    assert_eq!(added["added"], true);
    let status = &added["status"];
    assert_eq!(status["text"], "Departed from departure country/region");
    assert_eq!(status["at"], "2026-10-03T09:05:00+03:00");
    assert_eq!(status["place"], "Guangzhou");
    assert_eq!(status["weight_grams"], 352.0);
    assert_eq!(status["source"], "tracker");
    assert_eq!(status["track"], "RS473102580CN");
    assert_eq!(status["stage"], "departed-origin");
    assert_eq!(status["stage_by"], "user");
    assert!(status.get("classified_stage").is_none(), "one key for the stage: {status}");

    // 01:40 at +08:00 is 20:40 UTC the day before: it sorts before the +03:00 event.
    env.ok(&["status", "add", "1", "航班起飞", "--at", "2026-10-03T01:40:00+08:00", "--source", "cainiao"]);
    env.ok(&["status", "add", "1", "Приём", "--at", "2026-09-15 10:00"]);
    let listed = env.json(&["status", "list", "1"]);
    let texts: Vec<&str> = listed.as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Приём", "航班起飞", "Departed from departure country/region"]);
    assert_eq!(listed[0]["source"], "manual", "the default source");
    // `stage` is the stage in force: the classifier's for typed text, yours when you set one,
    // and `stage_by` says which. `order show` prints statuses the same way.
    let stages: Vec<(&str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["stage"].as_str().unwrap(), s["stage_by"].as_str().unwrap()))
        .collect();
    assert_eq!(stages, [("accepted", "text"), ("departed-origin", "text"), ("departed-origin", "user")]);
    assert_eq!(env.json(&["order", "show", "1"])["statuses"], listed);
    let added = env.json(&["status", "add", "1", "Прибыло в место вручения", "--at", "2026-10-20"]);
    assert_eq!((&added["status"]["stage"], &added["status"]["stage_by"]), (&json!("at-local-office"), &json!("text")));

    let table = env.ok(&["status", "list", "1"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].contains("WHEN") && lines[0].contains("STAGE") && lines[0].contains("SOURCE"), "{table}");
    assert!(lines[1].contains("2026-09-15 10:00  ") && lines[1].contains("Приём"), "{table}");
    assert!(
        lines[3].contains("departed-origin*") && lines[3].contains("352 g") && lines[3].contains("Guangzhou"),
        "{table}"
    );
    assert!(lines[1].contains("accepted") && !table.contains('—'), "{table}");
}

#[test]
fn relative_dates_are_resolved_against_now() {
    let env = TestEnv::new();
    env.order();
    env.ok(&["status", "add", "1", "a", "--at", "yesterday"]);
    env.ok(&["status", "add", "1", "b", "--at", "3 days ago"]);
    env.ok(&["status", "add", "1", "c", "--at", "monday"]);
    env.ok(&["status", "add", "1", "d", "--at", "today"]);
    let listed = env.json(&["status", "list", "1"]);
    let at: Vec<(&str, &str)> =
        listed.as_array().unwrap().iter().map(|s| (s["text"].as_str().unwrap(), s["at"].as_str().unwrap())).collect();
    // Now is Tuesday 2026-11-24.
    // Same day: the order they were recorded in.
    assert_eq!(at, [("b", "2026-11-21"), ("a", "2026-11-23"), ("c", "2026-11-23"), ("d", "2026-11-24")]);
}

#[test]
fn the_same_status_twice_is_recorded_once() {
    let env = TestEnv::new();
    env.order();
    env.ok(&["status", "add", "1", "Accepted", "--at", "2026-09-15 10:00", "--source", "post"]);
    let before = env.snapshot();
    let out = env.run(&["status", "add", "1", "Accepted", "--at", "2026-09-15 10:00", "--source", "post"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already has this status"), "{out:?}");
    assert_eq!(env.snapshot(), before);
    // The same text from another source is a separate observation.
    env.ok(&["status", "add", "1", "Accepted", "--at", "2026-09-15 10:00", "--source", "tracker"]);
    assert_eq!(env.json(&["status", "list", "1"]).as_array().unwrap().len(), 2);
}

#[test]
fn status_track_must_be_one_of_the_orders_numbers() {
    let env = TestEnv::new();
    env.order();
    let before = env.snapshot();
    let err = env.fail(&["status", "add", "1", "x", "--at", "2026-10-01", "--track", "LP00000000000001"], 1);
    assert!(err.contains("error: tracking number LP00000000000001 is not on order 1"), "{err}");
    assert!(err.contains("hint: add it first: dossier track add 1 LP00000000000001"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn message_add_links_evidence() {
    let env = TestEnv::new();
    env.order();
    let chat = env.file("chat.png", &crate::env::png(30, 60));
    env.ok(&["evidence", "add", "1", &chat, "--kind", "chat"]);
    let out = env.ok(&[
        "message",
        "add",
        "1",
        "--from",
        "seller",
        "--at",
        "2026-11-07T09:03:00+03:00",
        "Please wait.",
        "--evidence",
        "E1",
    ]);
    assert_eq!(out, "added message from seller to order 1 (2026-11-07 09:03 +03:00)\n");
    let msg =
        env.json(&["message", "add", "1", "--from", "me", "--at", "2026-11-08", "Still nothing.", "--evidence", "1"]);
    assert_eq!(msg["added"], true);
    assert_eq!(msg["message"]["evidence"], "E1");
    let again = env.run(&["message", "add", "1", "--from", "me", "--at", "2026-11-08", "Still nothing."]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("order 1 already has this message"), "{again:?}");
    let case = env.json(&["order", "show", "1"]);
    let messages = case["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0]["from"], "seller");
    assert_eq!(messages[0]["text"], "Please wait.");
    assert_eq!(messages[0]["at"], "2026-11-07T09:03:00+03:00");
    assert_eq!(messages[0]["evidence"], "E1");

    let before = env.snapshot();
    let err = env.fail(&["message", "add", "1", "--from", "me", "--at", "2026-11-08", "x", "--evidence", "E9"], 1);
    assert!(err.contains("error: order 1 has no evidence E9"), "{err}");
    assert!(err.contains("hint: `dossier evidence list 1`"), "{err}");
    let err = env.fail(&["message", "add", "1", "--from", "courier", "--at", "2026-11-08", "x"], 2);
    assert!(err.contains("possible values: me, seller, platform, carrier"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn flags_are_set_replaced_and_cleared() {
    let env = TestEnv::new();
    env.order();
    assert_eq!(env.ok(&["flag", "set", "1", "not-received", "--note", "box empty"]), "set not-received on order 1\n");
    let set = env.json(&["flag", "set", "1", "not-received", "--note", "nothing in the mailbox"]);
    assert_eq!(set["note"], "nothing in the mailbox");
    let flags = &env.json(&["order", "show", "1"])["flags"];
    assert_eq!(flags, &json!([{"code": "not-received", "note": "nothing in the mailbox", "set_at": crate::env::NOW}]));
    assert_eq!(env.ok(&["flag", "clear", "1", "not-received"]), "cleared not-received on order 1\n");
    assert_eq!(env.json(&["order", "show", "1"])["flags"], json!([]));

    let before = env.snapshot();
    let err = env.fail(&["flag", "clear", "1", "not-received"], 1);
    assert!(err.contains("error: flag not-received is not set on order 1"), "{err}");
    let err = env.fail(&["flag", "set", "1", "stalled"], 2);
    assert!(err.contains("possible values: template-replies, not-received"), "{err}");
    assert_eq!(env.snapshot(), before);
}
