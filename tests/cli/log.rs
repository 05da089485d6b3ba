//! The event log: every change appends an entry chained to the one before.

use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::env::TestEnv;

/// Re-walks every case's chain from the raw rows and panics on any break.
pub fn assert_chain(db: &Path) {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT order_id, seq, body, hash FROM events ORDER BY order_id, seq").unwrap();
    let rows: Vec<(i64, i64, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect();
    let mut last: Option<(i64, i64, String)> = None;
    for (order, seq, body, hash) in rows {
        let digest: String = Sha256::digest(body.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(digest, hash, "order {order} entry {seq}: hash is not sha256(body)");
        let parsed: Value = serde_json::from_str(&body).unwrap();
        let (expected_seq, expected_prev) = match &last {
            Some((o, s, h)) if *o == order => (s + 1, h.clone()),
            _ => (1, "0".repeat(64)),
        };
        assert_eq!(seq, expected_seq, "order {order}: gap in the chain");
        assert_eq!(parsed["seq"], expected_seq);
        assert_eq!(parsed["prev"], expected_prev, "order {order} entry {seq}: prev does not match");
        last = Some((order, seq, hash));
    }
}

/// The kinds of every log entry, by order and position.
pub fn kinds(env: &TestEnv) -> Vec<String> {
    let conn = rusqlite::Connection::open(env.home.join("dossier.db")).unwrap();
    let mut stmt = conn.prepare("SELECT body FROM events ORDER BY order_id, seq").unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|b| serde_json::from_str::<Value>(&b.unwrap()).unwrap()["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_change_appends_a_chained_entry() {
    let env = TestEnv::new();
    env.order();
    env.ok(&["order", "edit", "1", "--city", "Kazan"]);
    env.ok(&["track", "add", "1", "LP00123456789012"]);
    env.ok(&["status", "add", "1", "Accepted", "--at", "2026-09-15"]);
    let f = env.file("p.png", &crate::env::png(4, 4));
    env.ok(&["evidence", "add", "1", &f, "--kind", "photo"]);
    env.ok(&["message", "add", "1", "--from", "me", "--at", "2026-11-01", "Hello"]);
    env.ok(&["flag", "set", "1", "template-replies"]);
    env.ok(&["flag", "clear", "1", "template-replies"]);
    env.ok(&["order", "close", "1", "--outcome", "lost"]);
    env.ok(&["order", "add", "--platform", "ebay", "--number", "2"]);
    // Reading changes nothing.
    env.ok(&["order", "list", "--all"]);
    env.ok(&["order", "show", "1"]);
    assert_eq!(
        kinds(&env),
        [
            "order.add",
            "track.add",
            "order.edit",
            "track.add",
            "status.add",
            "evidence.add",
            "message.add",
            "flag.set",
            "flag.clear",
            "order.close",
            "order.add"
        ]
    );
    assert_chain(&env.home.join("dossier.db"));
    let case = env.json(&["order", "show", "1"]);
    assert_eq!(case["log"]["entries"], 10);
    let conn = rusqlite::Connection::open(env.home.join("dossier.db")).unwrap();
    let head: String = conn
        .query_row("SELECT hash FROM events WHERE order_id = 1 ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(case["log"]["head"], head);
    // The entry content records what changed.
    let body: String =
        conn.query_row("SELECT body FROM events WHERE order_id = 1 AND seq = 3", [], |r| r.get(0)).unwrap();
    let entry: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(entry["data"]["changes"]["city"]["to"], "Kazan");
    assert_eq!(entry["at"], crate::env::NOW);
    assert_eq!(entry["case"], case["order"]["uuid"]);
}

#[test]
fn the_log_cannot_be_edited_in_place() {
    let env = TestEnv::new();
    env.order();
    let conn = rusqlite::Connection::open(env.home.join("dossier.db")).unwrap();
    let update = conn.execute("UPDATE events SET body = 'x'", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM events", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}
