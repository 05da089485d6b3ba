//! `verify`: each kind of tampering is found and named; a clean home verifies; repair, `--gc`
//! and readers that are never blocked by a writer.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use serde_json::Value;

use crate::env::{TestEnv, png};

/// A case with a tracking number, three statuses, a message and two evidence files.
fn case() -> (TestEnv, Vec<String>) {
    let env = TestEnv::new();
    env.order();
    for (at, text) in
        [("2026-10-01 10:00", "Accepted"), ("2026-10-03 08:00", "Departed"), ("2026-10-09 12:00", "Arrived")]
    {
        env.ok(&["status", "add", "1", text, "--at", at]);
    }
    let a = env.file("order.png", &png(20, 30));
    let b = env.file("chat.txt", b"seller: wait 30 days\n");
    let listed = env.json(&["evidence", "add", "1", &a, &b, "--kind", "order"]);
    env.ok(&["message", "add", "1", "--from", "seller", "--at", "2026-10-20", "Please wait"]);
    let hashes = listed.as_array().unwrap().iter().map(|e| e["sha256"].as_str().unwrap().to_string()).collect();
    (env, hashes)
}

fn sql(env: &TestEnv, statements: &str) {
    let conn = rusqlite::Connection::open(env.home.join("dossier.db")).unwrap();
    conn.execute_batch(statements).unwrap();
}

fn blob(env: &TestEnv, sha: &str) -> PathBuf {
    env.home.join("blobs").join(&sha[..2]).join(&sha[2..])
}

/// Runs `verify --json`, which must fail with exit 1; returns the finding kinds and the report.
fn findings(env: &TestEnv) -> (Vec<String>, Value) {
    let out = env.run(&["--json", "verify"]);
    assert_eq!(out.status.code(), Some(1), "verify did not fail: {}", String::from_utf8_lossy(&out.stdout));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["clean"], false);
    let kinds =
        report["findings"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap().to_string()).collect();
    (kinds, report)
}

fn has(kinds: &[String], kind: &str) -> bool {
    kinds.iter().any(|k| k == kind)
}

#[test]
fn a_clean_home_verifies_with_exit_0() {
    let (env, _) = case();
    let report = env.json(&["verify"]);
    assert_eq!(report["clean"], true);
    assert_eq!(report["findings"], serde_json::json!([]));
    assert_eq!(report["blobs"], 2);
    assert_eq!(report["cases"], 1);
    let text = env.ok(&["verify"]);
    assert!(text.contains("every file and row is as recorded"), "{text}");
    // One order, too.
    assert_eq!(env.json(&["verify", "1"])["clean"], true);
}

#[test]
fn verify_changes_nothing() {
    let (env, hashes) = case();
    std::fs::set_permissions(blob(&env, &hashes[0]), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(blob(&env, &hashes[0]), b"damaged").unwrap();
    let (before, files) = (env.snapshot(), env.home_files());
    findings(&env);
    assert_eq!(env.snapshot(), before);
    assert_eq!(env.home_files(), files);
}

#[test]
fn t01_a_flipped_byte_in_a_blob_is_changed() {
    let (env, hashes) = case();
    let path = blob(&env, &hashes[0]);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[40] ^= 1;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(&path, bytes).unwrap();
    let (kinds, report) = findings(&env);
    assert_eq!(kinds, ["changed"], "{report}");
    assert_eq!(report["findings"][0]["order"], 1);
    // The single-order audit finds it too.
    assert_eq!(env.run(&["verify", "1"]).status.code(), Some(1));
}

#[test]
fn t02_a_deleted_blob_is_missing() {
    let (env, hashes) = case();
    std::fs::remove_file(blob(&env, &hashes[1])).unwrap();
    let (kinds, report) = findings(&env);
    assert_eq!(kinds, ["missing"], "{report}");
    assert!(report["findings"][0]["detail"].as_str().unwrap().contains(&hashes[1]));
}

#[test]
fn t03_an_extra_file_in_the_store_is_unexpected() {
    let (env, _) = case();
    std::fs::write(env.home.join("blobs/ab/not-a-blob"), b"x").unwrap_or_else(|_| {
        std::fs::create_dir_all(env.home.join("blobs/ab")).unwrap();
        std::fs::write(env.home.join("blobs/ab/not-a-blob"), b"x").unwrap();
    });
    std::fs::write(env.home.join("blobs/notes.txt"), b"x").unwrap();
    let (kinds, report) = findings(&env);
    assert_eq!(kinds, ["unexpected", "unexpected"], "{report}");
}

#[test]
fn t04_an_evidence_rows_hash_edited_is_a_row_without_blob_and_differs_from_its_log() {
    let (env, hashes) = case();
    sql(&env, &format!("UPDATE evidence SET sha256 = '{}' WHERE seq = 1", "ab".repeat(32)));
    let (kinds, report) = findings(&env);
    assert!(has(&kinds, "row-without-blob"), "{report}");
    assert!(has(&kinds, "row-differs"), "{report}");
    // The genuine blob is still the log's, so it is not offered for garbage collection.
    assert!(!has(&kinds, "unreferenced"), "{report}");
    assert!(blob(&env, &hashes[0]).exists());
}

#[test]
fn t05_a_deleted_evidence_row_differs_from_its_log() {
    let (env, _) = case();
    sql(&env, "UPDATE messages SET evidence_id = NULL; DELETE FROM evidence WHERE seq = 2");
    let (kinds, report) = findings(&env);
    assert_eq!(kinds, ["row-differs"], "{report}");
    assert!(report["findings"][0]["detail"].as_str().unwrap().contains("chat.txt"), "{report}");
}

#[test]
fn t06_a_middle_event_deleted_breaks_the_chain_at_that_entry() {
    let (env, _) = case();
    sql(&env, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE order_id = 1 AND seq = 3");
    let (kinds, report) = findings(&env);
    assert!(has(&kinds, "broken-chain"), "{report}");
    let broken = report["findings"].as_array().unwrap().iter().find(|f| f["kind"] == "broken-chain").unwrap();
    assert!(broken["subject"].as_str().unwrap().ends_with("entry 3"), "{broken}");
}

#[test]
fn t07_the_last_event_deleted_leaves_a_row_the_log_never_wrote() {
    let (env, _) = case();
    sql(
        &env,
        "DROP TRIGGER events_no_delete; DELETE FROM events WHERE order_id = 1 AND seq = (SELECT max(seq) FROM events WHERE order_id = 1)",
    );
    let (kinds, report) = findings(&env);
    assert_eq!(kinds, ["row-differs"], "{report}");
    assert!(report["findings"][0]["detail"].as_str().unwrap().contains("Please wait"), "{report}");
}

#[test]
fn t08_all_of_a_cases_events_deleted() {
    let (env, _) = case();
    sql(&env, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE order_id = 1");
    let (kinds, report) = findings(&env);
    assert!(has(&kinds, "row-differs"), "{report}");
    assert!(report["findings"][0]["detail"].as_str().unwrap().contains("no entry adding it"), "{report}");
}

#[test]
fn t09_an_event_body_edited_breaks_the_chain() {
    let (env, _) = case();
    sql(
        &env,
        "DROP TRIGGER events_no_update; UPDATE events SET body = replace(body, 'Departed', 'Delivered') WHERE order_id = 1 AND body LIKE '%Departed%'",
    );
    let (kinds, report) = findings(&env);
    assert!(has(&kinds, "broken-chain"), "{report}");
    assert!(report.to_string().contains("does not hash to its recorded hash"), "{report}");
}

#[test]
fn t10_a_status_text_edited_differs_from_its_log() {
    let (env, _) = case();
    sql(&env, "UPDATE statuses SET text = 'Delivered' WHERE text = 'Departed'");
    let (kinds, report) = findings(&env);
    assert_eq!(kinds, ["row-differs", "row-differs"], "{report}");
    let text = report.to_string();
    assert!(text.contains("'Departed' written by log entry") && text.contains("'Delivered' in the database"), "{text}");
}

#[test]
fn t11_a_deleted_status_differs_from_its_log() {
    let (env, _) = case();
    sql(&env, "DELETE FROM statuses WHERE text = 'Arrived'");
    let (kinds, report) = findings(&env);
    assert_eq!(kinds, ["row-differs"], "{report}");
    assert!(report.to_string().contains("'Arrived' written by log entry"), "{report}");
}

#[test]
fn t12_a_message_text_edited_differs_from_its_log() {
    let (env, _) = case();
    sql(&env, "UPDATE messages SET text = 'Refund agreed'");
    let (kinds, report) = findings(&env);
    assert_eq!(kinds, ["row-differs", "row-differs"], "{report}");
    assert!(report.to_string().contains("message"), "{report}");
}

#[test]
fn t13_the_order_rows_protection_date_edited_differs_from_its_log() {
    let (env, _) = case();
    sql(&env, "UPDATE orders SET protection_until = '2027-03-01'");
    let (kinds, report) = findings(&env);
    assert_eq!(kinds, ["row-differs"], "{report}");
    assert!(report.to_string().contains("protection_until"), "{report}");
}

#[test]
fn an_edit_through_dossier_is_not_a_difference() {
    let (env, _) = case();
    env.ok(&["order", "edit", "1", "--protection-until", "2027-01-10", "--city", "Kazan"]);
    env.ok(&["flag", "set", "1", "template-replies"]);
    env.ok(&["flag", "set", "1", "not-received", "--note", "not here"]);
    env.ok(&["flag", "clear", "1", "template-replies"]);
    env.ok(&["order", "close", "1", "--outcome", "refunded"]);
    env.ok(&["order", "close", "1", "--outcome", "lost", "--note", "again"]);
    assert_eq!(env.json(&["verify"])["clean"], true);
}

#[test]
fn leftover_temporary_files_are_reported_and_the_next_write_removes_them() {
    let (env, _) = case();
    // A pid that cannot be running (above the kernel's limit).
    let leftover = env.home.join("blobs/tmp/99999999-1.part");
    std::fs::write(&leftover, b"half a file").unwrap();
    let (kinds, _) = findings(&env);
    assert_eq!(kinds, ["leftover-temp"]);
    let f = env.file("new.txt", b"new evidence");
    env.ok(&["evidence", "add", "1", &f, "--kind", "other"]);
    assert!(!leftover.exists());
    assert_eq!(env.json(&["verify"])["clean"], true);
}

#[test]
fn attaching_the_genuine_file_again_repairs_a_damaged_or_missing_blob() {
    let (env, hashes) = case();
    let path = blob(&env, &hashes[0]);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    // Same size, other bytes: a size check alone would trust it.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[10] ^= 0xff;
    std::fs::write(&path, &bytes).unwrap();
    std::fs::remove_file(blob(&env, &hashes[1])).unwrap();
    assert_eq!(findings(&env).0, ["changed", "missing"]);
    let original = env.path("order.png");
    let chat = env.path("chat.txt");
    env.ok(&["evidence", "add", "1", original.to_str().unwrap(), chat.to_str().unwrap(), "--kind", "order"]);
    assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(&original).unwrap());
    assert_eq!(env.json(&["verify"])["clean"], true);
}

#[test]
fn gc_lists_then_removes_old_unreferenced_blobs_only() {
    let (env, hashes) = case();
    // A sound blob nothing refers to (what a killed `evidence add` leaves), an hour old.
    let other = TestEnv::new();
    other.order();
    let f = other.file("stray.bin", b"stray bytes");
    let stray = other.json(&["evidence", "add", "1", &f, "--kind", "other"])[0]["sha256"].as_str().unwrap().to_string();
    let dir = env.home.join("blobs").join(&stray[..2]);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(blob(&other, &stray), blob(&env, &stray)).unwrap();
    let fresh = env.json(&["verify"]);
    assert_eq!(fresh["clean"], true, "an unreferenced blob is housekeeping, not damage");
    assert_eq!(fresh["findings"][0]["kind"], "unreferenced");
    assert!(env.ok(&["verify"]).contains("1 blob no evidence refers to"));
    // Too recent: kept.
    let kept = env.json(&["verify", "--gc"]);
    assert_eq!(kept["removed"], serde_json::json!([]));
    assert!(blob(&env, &stray).exists());
    let status = std::process::Command::new("touch")
        .args(["-d", "2 hours ago", blob(&env, &stray).to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let removed = env.json(&["verify", "--gc"]);
    assert_eq!(removed["removed"], serde_json::json!([stray]));
    assert!(!blob(&env, &stray).exists());
    assert!(blob(&env, &hashes[0]).exists() && blob(&env, &hashes[1]).exists());
    assert_eq!(env.json(&["verify"])["findings"], serde_json::json!([]));
}

#[test]
fn readers_are_not_blocked_by_a_writer() {
    let (env, _) = case();
    let conn = rusqlite::Connection::open(env.home.join("dossier.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE orders SET item = 'in progress';").unwrap();
    // A reader that waited for the lock would fail with "database is locked" after the busy
    // timeout: the lock is held until after every reader has finished.
    for args in [&["order", "list"][..], &["check", "1"], &["status", "list", "1"], &["verify"], &["agenda"]] {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // And a reader sees the last committed state.
    assert!(env.ok(&["order", "list"]).contains("USB hub"));
    conn.execute_batch("ROLLBACK").unwrap();
}
