//! Corrections: status, message and evidence edits and removals are logged with the row
//! before (and after); the log still rebuilds the case, so `verify` stays clean and a bundle
//! carries them.

use serde_json::Value;

use crate::env::{TestEnv, png};

fn last_entry(env: &TestEnv) -> Value {
    let conn = rusqlite::Connection::open(env.home.join("dossier.db")).unwrap();
    let body: String = conn.query_row("SELECT body FROM events ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    serde_json::from_str(&body).unwrap()
}

/// A case whose history was typed with mistakes.
fn case() -> TestEnv {
    let env = TestEnv::new();
    env.order();
    env.ok(&["status", "add", "1", "Accepted", "--at", "2026-10-01 10:00"]);
    env.ok(&["status", "add", "1", "Departed from sorting centre", "--at", "2026-10-30 08:00"]);
    env.ok(&["status", "add", "1", "Pasted by mistake", "--at", "2026-11-20"]);
    let shot = env.file("chat.png", &png(12, 12));
    let other = env.file("other.png", &png(14, 14));
    env.ok(&["evidence", "add", "1", &shot, &other, "--kind", "chat"]);
    env.ok(&["message", "add", "1", "--from", "me", "--at", "2026-11-01", "Where is it?", "--evidence", "E1"]);
    env
}

#[test]
fn a_status_is_corrected_and_the_log_shows_before_and_after() {
    let env = case();
    let id = env.json(&["status", "list", "1"])[1]["id"].as_i64().unwrap().to_string();
    let out = env.ok(&[
        "status",
        "edit",
        &id,
        "--at",
        "2026-10-03 08:00",
        "--place",
        "Guangzhou",
        "--stage",
        "origin-sorting",
    ]);
    assert!(out.contains("corrected status") && out.contains("was: 2026-10-30 08:00"), "{out}");
    let listed = env.json(&["status", "list", "1"]);
    assert_eq!(listed[1]["at"], "2026-10-03T08:00:00");
    assert_eq!(listed[1]["place"], "Guangzhou");
    assert_eq!(listed[1]["stage_by"], "user");
    let entry = last_entry(&env);
    assert_eq!(entry["kind"], "status.edit");
    assert_eq!(entry["data"]["before"]["at"], "2026-10-30T08:00:00");
    assert_eq!(entry["data"]["after"]["place"], "Guangzhou");
    // Back to the classifier.
    env.ok(&["status", "edit", &id, "--stage", "auto", "--place", ""]);
    let listed = env.json(&["status", "list", "1"]);
    assert_eq!(listed[1]["stage_by"], "text");
    assert_eq!(listed[1]["place"], Value::Null);
    assert_eq!(env.json(&["verify"])["clean"], true);
    // Nothing to change is a usage error; an unknown id an error with a hint.
    env.fail(&["status", "edit", &id], 2);
    let err = env.fail(&["status", "edit", "999", "--text", "x"], 1);
    assert!(err.contains("there is no status 999") && err.contains("status list"), "{err}");
}

#[test]
fn removed_statuses_are_gone_and_logged() {
    let env = case();
    let listed = env.json(&["status", "list", "1"]);
    let id = listed[2]["id"].as_i64().unwrap().to_string();
    assert!(env.ok(&["status", "remove", &id]).contains("removed status"));
    let after = env.json(&["status", "list", "1"]);
    assert_eq!(after.as_array().unwrap().len(), 2);
    assert!(!after.to_string().contains("Pasted by mistake"));
    assert_eq!(last_entry(&env)["data"]["status"]["text"], "Pasted by mistake");
    assert_eq!(env.json(&["verify"])["clean"], true);
    // The silence is counted from the real last status again.
    let check = env.json(&["check", "1"]);
    assert!(check["days_silent"].as_i64().unwrap() > 20, "{check}");
    // A refused removal (one unknown id) removes nothing.
    let before = env.snapshot();
    env.fail(&["status", "remove", &listed[0]["id"].to_string(), "999"], 1);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn messages_are_corrected_and_removed() {
    let env = case();
    env.ok(&["message", "edit", "1", "--from", "seller", "--evidence", "E2", "--text", "Wait 30 days"]);
    let shown = env.json(&["order", "show", "1"]);
    assert_eq!(shown["messages"][0]["from"], "seller");
    assert_eq!(shown["messages"][0]["evidence"], "E2");
    assert_eq!(shown["messages"][0]["text"], "Wait 30 days");
    env.ok(&["message", "edit", "1", "--evidence", ""]);
    assert_eq!(env.json(&["order", "show", "1"])["messages"][0]["evidence"], Value::Null);
    env.ok(&["message", "remove", "1"]);
    assert_eq!(env.json(&["order", "show", "1"])["messages"], serde_json::json!([]));
    assert_eq!(crate::log::kinds(&env).iter().filter(|k| k.starts_with("message.")).count(), 4);
    assert_eq!(env.json(&["verify"])["clean"], true);
}

#[test]
fn evidence_is_removed_but_its_stored_copy_stays_until_gc() {
    let env = case();
    // E1 is shown by a message: refused with the way out.
    let err = env.fail(&["evidence", "remove", "1", "E1"], 1);
    assert!(err.contains("message 1 shows E1") && err.contains("--evidence \"\""), "{err}");
    let e2 = env.json(&["evidence", "list", "1"])[1]["sha256"].as_str().unwrap().to_string();
    let out = env.ok(&["evidence", "remove", "1", "E2"]);
    assert!(out.contains("removed E2 (other.png)") && out.contains("verify --gc"), "{out}");
    assert_eq!(env.json(&["evidence", "list", "1"]).as_array().unwrap().len(), 1);
    let blob = env.home.join("blobs").join(&e2[..2]).join(&e2[2..]);
    assert!(blob.exists());
    let report = env.json(&["verify"]);
    assert_eq!(report["clean"], true);
    assert_eq!(report["findings"][0]["kind"], "unreferenced");
    assert_eq!(report["findings"][0]["subject"], e2);
}

#[test]
fn a_bundle_carries_the_corrections() {
    let env = case();
    let old = env.path("old.zip");
    env.ok(&["export", "1", "-o", old.to_str().unwrap()]);
    let other = TestEnv::new();
    other.ok(&["import", old.to_str().unwrap()]);
    // Corrections at the origin, then a newer bundle.
    let ids: Vec<String> =
        env.json(&["status", "list", "1"]).as_array().unwrap().iter().map(|s| s["id"].to_string()).collect();
    env.ok(&["status", "remove", &ids[2]]);
    env.ok(&["status", "edit", &ids[1], "--text", "Departed from sorting center"]);
    env.ok(&["message", "edit", "1", "--evidence", ""]);
    env.ok(&["evidence", "remove", "1", "E1"]);
    let new = env.path("new.zip");
    env.ok(&["export", "1", "-o", new.to_str().unwrap()]);
    let imported = other.json(&["import", new.to_str().unwrap()]);
    assert_eq!(imported["added"]["corrections"], 4);
    let there = other.json(&["order", "show", "1"]);
    let texts: Vec<&str> = there["statuses"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Accepted", "Departed from sorting center"]);
    assert_eq!(there["evidence"].as_array().unwrap().len(), 1);
    assert_eq!(other.json(&["verify"])["clean"], true);
    // And the round trip still gives the same bytes.
    let again = other.path("again.zip");
    other.ok(&["export", "1", "-o", again.to_str().unwrap()]);
    assert_eq!(std::fs::read(again).unwrap(), std::fs::read(new).unwrap());
}

#[test]
fn a_pasted_history_or_a_dash_is_not_one_status() {
    let env = TestEnv::new();
    env.order();
    let before = env.snapshot();
    let err = env.fail(&["status", "add", "1", "-", "--at", "today"], 1);
    assert!(err.contains("status import ORDER -"), "{err}");
    let pasted = "2026-10-01 10:00 Accepted\n2026-10-03 08:00 Departed\n2026-10-05 Arrived";
    let err = env.fail(&["status", "add", "1", pasted, "--at", "today"], 1);
    assert!(err.contains("has 3 lines") && err.contains("status import"), "{err}");
    assert_eq!(env.snapshot(), before);
    // A status text may start with a dash.
    env.ok(&["status", "add", "1", "-Despatched from origin", "--at", "2026-10-01"]);
    assert_eq!(env.json(&["status", "list", "1"])[0]["text"], "-Despatched from origin");
}

#[test]
fn what_a_tracker_shows_can_be_typed_as_shown() {
    let env = TestEnv::new();
    env.order();
    env.ok(&["status", "add", "1", "Прием", "--at", "21 ноября 2026, 15:47", "--weight", "0,086 кг"]);
    env.ok(&["status", "add", "1", "Departed", "--at", "Nov 22, 2026 3:47 pm GMT+8", "--weight", "86克"]);
    env.ok(&["status", "add", "1", "到达", "--at", "2026年11月23日 09:05"]);
    // American trackers weigh in pounds ("1.352 LB" on DHL eCommerce); stored in grams.
    env.ok(&["status", "add", "1", "PROCESSED", "--at", "2026-11-24 10:00", "--weight", "1.352 LB"]);
    let listed = env.json(&["status", "list", "1"]);
    let got: Vec<(&str, f64)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["at"].as_str().unwrap(), s["weight_grams"].as_f64().unwrap_or(-1.0)))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-11-21T15:47:00", 86.0),
            ("2026-11-22T15:47:00+08:00", 86.0),
            ("2026-11-23T09:05:00", -1.0),
            ("2026-11-24T10:00:00", 1.352 * 453.592_37)
        ]
    );
    // A month-first date that could be read both ways is refused, not guessed.
    let err = env.fail(&["status", "add", "1", "x", "--at", "03/04/2026"], 1);
    assert!(err.contains("could be 4 March 2026 or 3 April 2026"), "{err}");
}
