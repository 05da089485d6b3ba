//! `order add|list|show|edit|close`, addressing orders, global flags.

use serde_json::json;

use crate::env::TestEnv;

#[test]
fn order_add_with_every_flag_is_stored_and_shown() {
    let env = TestEnv::new();
    let out = env.ok(&[
        "order",
        "add",
        "--platform",
        "aliexpress",
        "--number",
        "8123456789012345",
        "--item",
        "USB hub",
        "--store",
        "Best Store",
        "--price",
        "12,9",
        "--currency",
        "usd",
        "--ordered",
        "2026-09-12 21:14",
        "--shipped",
        "15.09.2026",
        "--protection-days",
        "75",
        "--country",
        "ru",
        "--city",
        "Kazan",
        "--postcode",
        "420000",
        "--weight",
        "0,35 kg",
        "--shipping",
        "AliExpress Standard Shipping",
        "--track",
        "rs 4731 0258 0cn",
        "--track",
        "LP00123456789012",
    ]);
    assert_eq!(
        out,
        "recorded order 1: aliexpress 8123456789012345 (USB hub)\n  tracking number RS473102580CN: s10, China Post, check digit ok\n  tracking number LP00123456789012: cainiao, Cainiao, format ok (no check digit to verify)\n"
    );

    let case = env.json(&["order", "show", "8123456789012345"]);
    let order = &case["order"];
    assert_eq!(order["id"], 1);
    assert_eq!(order["platform"], "aliexpress");
    assert_eq!(order["number"], "8123456789012345");
    assert_eq!(order["item"], "USB hub");
    assert_eq!(order["store"], "Best Store");
    assert_eq!(order["price"], "12.90");
    assert_eq!(order["currency"], "USD");
    assert_eq!(order["ordered"], "2026-09-12T21:14:00");
    assert_eq!(order["shipped"], "2026-09-15");
    assert_eq!(order["protection_days"], 75);
    assert_eq!(order["protection_until"], json!(null));
    assert_eq!(order["country"], "RU");
    assert_eq!(order["city"], "Kazan");
    assert_eq!(order["postcode"], "420000");
    assert_eq!(order["weight_grams"], 350.0);
    assert_eq!(order["shipping"], "AliExpress Standard Shipping");
    assert_eq!(order["outcome"], json!(null));
    assert_eq!(order["created_at"], "2026-11-24T12:00:00+03:00");
    assert_eq!(order["uuid"].as_str().unwrap().len(), 36);
    let numbers: Vec<&str> =
        case["tracking"].as_array().unwrap().iter().map(|t| t["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, ["RS473102580CN", "LP00123456789012"]);
    // order.add plus one track.add per number.
    assert_eq!(case["log"]["entries"], 3);
}

#[test]
fn protection_until_and_days_exclude_each_other() {
    let env = TestEnv::new();
    let err = env.fail(
        &[
            "order",
            "add",
            "--platform",
            "ebay",
            "--number",
            "1",
            "--protection-until",
            "2026-12-01",
            "--protection-days",
            "30",
        ],
        2,
    );
    assert!(err.contains("cannot be used with"), "{err}");
    env.ok(&["order", "add", "--platform", "ebay", "--number", "1", "--protection-until", "2026-12-01"]);
    let case = env.json(&["order", "show", "1"]);
    assert_eq!(case["order"]["protection_until"], "2026-12-01");
    // Giving days later replaces the end date.
    let edited = env.json(&["order", "edit", "1", "--protection-days", "45"]);
    assert_eq!(edited["order"]["protection_days"], 45);
    assert_eq!(edited["order"]["protection_until"], json!(null));
}

#[test]
fn order_list_shows_open_orders_unless_all() {
    let env = TestEnv::new();
    assert_eq!(
        env.ok(&["order", "list"]),
        "no open orders (`dossier order list --all` includes closed ones; `dossier order add` records one)\n"
    );
    env.order();
    env.ok(&["order", "add", "--platform", "temu", "--number", "PO-77", "--item", "Phone case"]);
    env.ok(&["status", "add", "1", "Departed from sorting center", "--at", "2026-10-02 10:00"]);
    env.ok(&["status", "add", "1", "Accepted", "--at", "2026-10-01"]);
    env.ok(&["order", "close", "2", "--outcome", "received"]);

    let open = env.ok(&["order", "list"]);
    assert!(open.contains("8123456789012345"), "{open}");
    // Per case: the stage in force, the days since the last status, the next deadline.
    let row = open.lines().find(|l| l.contains("8123456789012345")).unwrap();
    assert!(row.contains("origin-sorting") && row.contains("53 days"), "{open}");
    assert!(!open.contains("PO-77"), "{open}");
    let all = env.ok(&["order", "list", "--all"]);
    assert!(all.contains("PO-77") && all.contains("closed: received"), "{all}");

    let listed = env.json(&["order", "list", "--all"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["tracking"], json!(["RS473102580CN"]));
    assert_eq!(listed[0]["statuses"], 2);
    assert_eq!(listed[0]["stage"], "origin-sorting");
    assert_eq!(listed[0]["days_silent"], 53);
    assert!(listed[0]["next_action"]["by"].is_string(), "{}", listed[0]);
    assert!(listed[1]["next_action"].is_null(), "a closed case has no next action: {}", listed[1]);
    assert_eq!(listed[0]["last_status"]["text"], "Departed from sorting center");
    assert_eq!(listed[1]["outcome"], "received");
}

#[test]
fn order_show_has_every_section() {
    let env = TestEnv::new();
    env.order();
    env.ok(&[
        "status",
        "add",
        "1",
        "揽收成功",
        "--at",
        "2026-09-15T16:05:00+08:00",
        "--place",
        "深圳",
        "--source",
        "cainiao",
    ]);
    env.ok(&["message", "add", "1", "--from", "me", "--at", "2026-11-06", "Where is my parcel?"]);
    env.ok(&["flag", "set", "1", "template-replies", "--note", "same text twice"]);
    let png = env.file("order.png", &crate::env::png(20, 10));
    env.ok(&["evidence", "add", "1", &png, "--kind", "order"]);
    let text = env.ok(&["order", "show", "1"]);
    for expected in [
        "order 1 aliexpress 8123456789012345 — open",
        "item         USB hub",
        "weight       350 g",
        "RS473102580CN",
        "statuses (1)",
        "揽收成功",
        "2026-09-15 16:05 +08:00",
        "messages (1)",
        "Where is my parcel?",
        "evidence (1)",
        "E1",
        "order.png",
        "template-replies — same text twice",
        "event log: 6 entries\n  head ",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    let coloured = env.ok(&["--color", "always", "order", "show", "1"]);
    assert!(coloured.contains("\u{1b}[1m"), "{coloured}");
    let mut cmd = env.cmd(&["--color", "always", "order", "show", "1"]);
    let no_color = cmd.env("NO_COLOR", "1").output().unwrap();
    assert!(String::from_utf8(no_color.stdout).unwrap().contains("\u{1b}[1m"), "--color always beats NO_COLOR");
}

#[test]
fn order_edit_changes_and_clears_fields() {
    let env = TestEnv::new();
    env.order();
    let before = env.json(&["order", "show", "1"])["log"]["entries"].as_i64().unwrap();
    let out = env.ok(&[
        "order",
        "edit",
        "1",
        "--city",
        "Kazan",
        "--item",
        "",
        "--weight",
        "1.2kg",
        "--track",
        "LP00123456789012",
    ]);
    assert!(out.contains("order 1 changed:"), "{out}");
    assert!(out.contains("city: (none) → Kazan"), "{out}");
    assert!(out.contains("item: USB hub → (none)"), "{out}");
    assert!(out.contains("weight_grams: 350.0 → 1200.0"), "{out}");
    assert!(out.contains("tracking number LP00123456789012 added"), "{out}");
    let case = env.json(&["order", "show", "1"]);
    assert_eq!(case["order"]["city"], "Kazan");
    assert_eq!(case["order"]["item"], json!(null));
    assert_eq!(case["tracking"].as_array().unwrap().len(), 2);
    assert_eq!(case["log"]["entries"].as_i64().unwrap(), before + 2, "one edit entry and one track entry");

    let same = env.json(&["order", "edit", "1", "--city", "Kazan", "--track", "LP00123456789012"]);
    assert_eq!(same["changes"], json!([]));
    assert_eq!(same["added_tracking"], json!([]), "the number was already there");
    assert_eq!(env.ok(&["order", "edit", "1", "--city", "Kazan"]), "order 1: nothing changed\n");

    let err = env.fail(&["order", "edit", "1"], 2);
    assert!(err.contains("error: nothing to change"), "{err}");
}

#[test]
fn order_edit_can_change_the_number_but_not_onto_another_order() {
    let env = TestEnv::new();
    env.order();
    env.ok(&["order", "add", "--platform", "aliexpress", "--number", "999"]);
    let before = env.snapshot();
    let err = env.fail(&["order", "edit", "999", "--number", "8123456789012345"], 1);
    assert!(err.contains("aliexpress order 8123456789012345 is already recorded as order 1"), "{err}");
    assert_eq!(env.snapshot(), before);
    let edited = env.json(&["order", "edit", "999", "--number", "1000", "--platform", "joom"]);
    assert_eq!(edited["order"]["number"], "1000");
    assert_eq!(edited["order"]["platform"], "joom");
}

#[test]
fn order_close_records_outcome_and_can_change_it() {
    let env = TestEnv::new();
    env.order();
    assert_eq!(
        env.ok(&["order", "close", "1", "--outcome", "refunded", "--note", "dispute won"]),
        "closed order 1 as refunded\n"
    );
    let case = env.json(&["order", "show", "1"]);
    assert_eq!(case["order"]["outcome"], "refunded");
    assert_eq!(case["order"]["close_note"], "dispute won");
    assert_eq!(case["order"]["closed_at"], "2026-11-24T12:00:00+03:00");
    let out = env.ok(&["order", "close", "1", "--outcome", "partial-refund"]);
    assert_eq!(out, "order 1 outcome changed from refunded to partial-refund\n");
    let case = env.json(&["order", "show", "1"]);
    assert_eq!(case["order"]["outcome"], "partial-refund");
    assert_eq!(case["order"]["close_note"], "dispute won", "closing again without --note keeps the note");
    let shown = env.ok(&["order", "show", "1"]);
    assert!(shown.contains("closed       2026-11-24 12:00 +03:00 (dispute won)"), "{shown}");
    let err = env.fail(&["order", "close", "1", "--outcome", "won"], 2);
    assert!(err.contains("possible values: received, refunded, partial-refund, lost, cancelled"), "{err}");
}

#[test]
fn orders_are_found_by_local_id_or_order_number() {
    let env = TestEnv::new();
    env.order();
    assert_eq!(env.json(&["order", "show", "1"])["order"]["number"], "8123456789012345");
    assert_eq!(env.json(&["order", "show", " 8123456789012345 "])["order"]["id"], 1);
}

#[test]
fn quiet_prints_nothing_but_json_still_prints() {
    let env = TestEnv::new();
    assert_eq!(env.ok(&["-q", "order", "add", "--platform", "ebay", "--number", "5"]), "");
    let listed = env.json(&["-q", "order", "list"]);
    assert_eq!(listed[0]["number"], "5");
}

#[test]
fn now_flag_and_home_flag_override_the_environment() {
    let env = TestEnv::new();
    let other = env.path("other-home");
    env.ok(&[
        "--home",
        other.to_str().unwrap(),
        "--now",
        "2026-01-02T03:04:05+05:00",
        "order",
        "add",
        "--platform",
        "ebay",
        "--number",
        "7",
    ]);
    assert!(other.join("dossier.db").exists());
    assert!(!env.home.join("dossier.db").exists());
    let case = env.json(&["--home", other.to_str().unwrap(), "order", "show", "7"]);
    assert_eq!(case["order"]["created_at"], "2026-01-02T03:04:05+05:00");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&other).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "the data home is private");
    for sub in ["blobs", "cache"] {
        assert!(other.join(sub).is_dir(), "{sub}");
    }
}

#[test]
fn completions_and_man_page_are_printed() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = env.ok(&["completions", shell]);
        assert!(script.contains("evidence"), "{shell}");
    }
    let man = env.ok(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH dossier"), "{}", &man[..100.min(man.len())]);
    assert!(man.contains("order"));
    assert!(!env.home.exists(), "printing help texts does not create a data home");
}
