//! Replaying a case's event log: what the chain says, what the rows should be, and where the
//! rows differ from it. Used by `verify` (rows against their log) and by `import` (a bundle's
//! rows against its log, and the rows to write).
//!
//! Every entry carries the whole row it wrote (`status.add` holds the status as stored), so
//! the log alone rebuilds a case. Local row ids are not compared: they differ from home to
//! home. A key the logged row does not have (a field added by a later version) is not
//! compared either, so logs written by older versions still replay.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{OptionalExtension, params};
use serde_json::{Map, Value};

use super::Db;
use super::events::{self, GENESIS_HASH};
use crate::error::Result;
use crate::model::{Case, Order};

/// One stored entry of a case's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// Canonical JSON of the entry.
    pub body: String,
    /// SHA-256 of `body`.
    pub hash: String,
}

/// A row as its log entry wrote it.
#[derive(Debug, Clone)]
pub struct Logged {
    /// The entry that wrote it.
    pub seq: i64,
    /// The row's JSON.
    pub row: Value,
}

/// The rows a log says a case has.
#[derive(Debug, Clone, Default)]
pub struct Replayed {
    /// The order, once `order.add` was seen.
    pub order: Option<Map<String, Value>>,
    /// Tracking numbers, statuses, messages and evidence, in log order.
    pub tracking: Vec<Logged>,
    /// Statuses.
    pub statuses: Vec<Logged>,
    /// Messages.
    pub messages: Vec<Logged>,
    /// Evidence.
    pub evidence: Vec<Logged>,
    /// Manual flags that are set, by code.
    pub flags: BTreeMap<String, Logged>,
}

/// The kinds of entry this version writes and replays.
pub const KINDS: &[&str] = &[
    "order.add",
    "order.edit",
    "order.close",
    "track.add",
    "status.add",
    "message.add",
    "evidence.add",
    "flag.set",
    "flag.clear",
];

/// The first break in a case's chain: the entry (1-based position) and what is wrong.
pub fn chain_break(case_uuid: &str, entries: &[Entry]) -> Option<(i64, String)> {
    let mut prev = GENESIS_HASH.to_string();
    for (i, entry) in entries.iter().enumerate() {
        let expected = i64::try_from(i).unwrap_or(i64::MAX) + 1;
        if entry.seq != expected {
            return Some((expected, format!("entry {expected} is missing (the next one is {})", entry.seq)));
        }
        if events::entry_hash(&entry.body) != entry.hash {
            return Some((expected, format!("entry {expected} does not hash to its recorded hash (edited)")));
        }
        let Ok(body) = serde_json::from_str::<Value>(&entry.body) else {
            return Some((expected, format!("entry {expected} is not JSON")));
        };
        if body["seq"].as_i64() != Some(expected) {
            return Some((expected, format!("entry {expected} names another position ({})", body["seq"])));
        }
        if body["prev"].as_str() != Some(prev.as_str()) {
            return Some((
                expected,
                format!("entry {expected} does not follow entry {} (an entry was removed or replaced)", expected - 1),
            ));
        }
        if body["case"].as_str() != Some(case_uuid) {
            return Some((expected, format!("entry {expected} belongs to another case ({})", body["case"])));
        }
        prev.clone_from(&entry.hash);
    }
    None
}

/// Rebuilds a case's rows from its log bodies; an error names an entry that cannot be replayed.
pub fn replay(entries: &[Entry]) -> std::result::Result<Replayed, String> {
    let mut state = Replayed::default();
    for entry in entries {
        let body: Value = serde_json::from_str(&entry.body).map_err(|_| format!("entry {} is not JSON", entry.seq))?;
        let seq = entry.seq;
        let data = &body["data"];
        let logged = |key: &str| -> std::result::Result<Logged, String> {
            match data.get(key) {
                Some(row @ Value::Object(_)) => Ok(Logged { seq, row: row.clone() }),
                _ => Err(format!("entry {seq} has no {key}")),
            }
        };
        let kind = body["kind"].as_str().unwrap_or_default();
        let order = state.order.as_mut();
        match (kind, order) {
            ("order.add", None) => {
                if let Value::Object(order) = logged("order")?.row {
                    state.order = Some(order);
                }
            }
            ("order.edit", Some(order)) => {
                let Some(changes) = data["changes"].as_object() else {
                    return Err(format!("entry {seq} has no changes"));
                };
                for (field, change) in changes {
                    order.insert(field.clone(), change["to"].clone());
                }
            }
            ("order.close", Some(order)) => {
                order.insert("outcome".into(), data["outcome"].clone());
                if !data["note"].is_null() {
                    order.insert("close_note".into(), data["note"].clone());
                }
                order.insert("closed_at".into(), body["at"].clone());
            }
            ("track.add", Some(_)) => state.tracking.push(logged("tracking")?),
            ("status.add", Some(_)) => state.statuses.push(logged("status")?),
            ("message.add", Some(_)) => state.messages.push(logged("message")?),
            ("evidence.add", Some(_)) => state.evidence.push(logged("evidence")?),
            ("flag.set", Some(_)) => {
                let code = data["code"].as_str().unwrap_or_default().to_string();
                let row = serde_json::json!({"code": code, "note": data["note"], "set_at": body["at"]});
                state.flags.insert(code, Logged { seq, row });
            }
            ("flag.clear", Some(_)) => {
                state.flags.remove(data["code"].as_str().unwrap_or_default());
            }
            ("order.add", Some(_)) => return Err(format!("entry {seq} adds the order a second time")),
            (kind, None) if KINDS.contains(&kind) => {
                return Err(format!("entry {seq} ({kind}) comes before the order was added"));
            }
            (kind, _) => return Err(format!("entry {seq} is of a kind this version does not know ('{kind}')")),
        }
    }
    Ok(state)
}

/// How the rows of a case differ from what its log wrote, one sentence per difference.
pub fn differences(replayed: &Replayed, case: &Case) -> Vec<String> {
    let mut found = Vec::new();
    match (&replayed.order, serde_json::to_value(&case.order)) {
        (None, _) => found.push("the order is in the database but its log has no entry adding it".to_string()),
        (Some(logged), Ok(Value::Object(actual))) => {
            for (field, value) in logged {
                if field == "id" {
                    continue;
                }
                if let Some(now) = actual.get(field).filter(|now| *now != value) {
                    found.push(format!("order field '{field}' is {now} but its log says {value}"));
                }
            }
        }
        (Some(_), _) => found.push("the order cannot be read".into()),
    }
    let flags: Vec<Logged> = replayed.flags.values().cloned().collect();
    compare("tracking number", &replayed.tracking, &case.tracking, &mut found);
    compare("status", &replayed.statuses, &case.statuses, &mut found);
    compare("message", &replayed.messages, &case.messages, &mut found);
    compare("evidence", &replayed.evidence, &case.evidence, &mut found);
    compare("flag", &flags, &case.flags, &mut found);
    found
}

/// Matches logged rows with actual rows as multisets of their comparable JSON.
fn compare<T: serde::Serialize>(what: &str, logged: &[Logged], actual: &[T], found: &mut Vec<String>) {
    let actual: Vec<Value> = actual.iter().filter_map(|row| serde_json::to_value(row).ok()).collect();
    let mut unmatched: Vec<Option<&Value>> = actual.iter().map(Some).collect();
    for entry in logged {
        let slot = unmatched.iter_mut().find(|slot| slot.is_some_and(|row| same_row(&entry.row, row)));
        match slot {
            Some(slot) => *slot = None,
            None => found.push(format!(
                "{what} {} written by log entry {} is missing or changed in the database",
                describe(&entry.row),
                entry.seq
            )),
        }
    }
    for row in unmatched.into_iter().flatten() {
        found.push(format!("{what} {} in the database is not as any log entry wrote it", describe(row)));
    }
}

/// True when every key of the logged row (but local ids and computed fields) has the same
/// value in the actual row.
fn same_row(logged: &Value, actual: &Value) -> bool {
    let (Some(logged), Some(actual)) = (logged.as_object(), actual.as_object()) else { return false };
    logged
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "id" | "verdict"))
        .all(|(key, value)| actual.get(key).is_none_or(|now| now == value))
}

/// A short name for a row in a report: its reference, moment or number and a bit of text.
fn describe(row: &Value) -> String {
    let text = |key: &str| row.get(key).and_then(Value::as_str).unwrap_or_default();
    let mut parts = Vec::new();
    for key in ["reference", "number", "code", "at"] {
        if !text(key).is_empty() {
            parts.push(text(key).to_string());
        }
    }
    let body = [text("text"), text("file_name")].into_iter().find(|t| !t.is_empty()).unwrap_or_default();
    if !body.is_empty() {
        let short: String = body.chars().take(40).collect();
        let ellipsis = if body.chars().count() > 40 { "…" } else { "" };
        parts.push(format!("'{}{ellipsis}'", short.replace(['\n', '\r'], " ")));
    }
    parts.join(" ")
}

impl Db {
    /// Every order id that has a row or a log entry, with its case id when the order row exists.
    pub fn case_ids(&self) -> Result<Vec<(i64, Option<String>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, uuid FROM orders
             UNION SELECT DISTINCT order_id, NULL FROM events WHERE order_id NOT IN (SELECT id FROM orders)
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The order with this local id, if it exists.
    pub fn order_by_id(&self, id: i64) -> Result<Option<Order>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {} FROM orders WHERE id = ?1", super::orders::ORDER_COLUMNS), [id], |row| {
                super::orders::order_from_row(row)
            })
            .optional()?)
    }

    /// A case's log entries, oldest first.
    pub fn log_entries(&self, order_id: i64) -> Result<Vec<Entry>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT seq, body, hash FROM events WHERE order_id = ?1 ORDER BY seq")?;
        let rows = stmt
            .query_map(params![order_id], |row| Ok(Entry { seq: row.get(0)?, body: row.get(1)?, hash: row.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The SHA-256 of every evidence row, with the order it belongs to.
    pub fn evidence_hashes(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare("SELECT order_id, sha256 FROM evidence ORDER BY order_id, seq")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs `work` while holding the write lock, so no evidence row can be added meanwhile;
    /// `work` gets the hashes every evidence row and every logged evidence entry names.
    pub fn with_references_locked<T>(&mut self, work: impl FnOnce(&BTreeSet<String>) -> Result<T>) -> Result<T> {
        let tx = self.write()?;
        let mut referenced = BTreeSet::new();
        {
            let mut stmt = tx.prepare("SELECT sha256 FROM evidence")?;
            for sha in stmt.query_map([], |row| row.get::<_, String>(0))? {
                referenced.insert(sha?);
            }
            let mut stmt = tx.prepare(
                "SELECT json_extract(body, '$.data.evidence.sha256') FROM events WHERE body LIKE '%\"evidence.add\"%'",
            )?;
            for sha in stmt.query_map([], |row| row.get::<_, Option<String>>(0))? {
                referenced.extend(sha?);
            }
        }
        let result = work(&referenced);
        tx.commit()?;
        result
    }

    /// SQLite's own integrity check: the problems it finds (empty when the file is sound).
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
        let lines: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
        Ok(lines.into_iter().filter(|line| line != "ok").collect())
    }
}
