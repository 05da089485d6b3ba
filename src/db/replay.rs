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
    "status.edit",
    "status.remove",
    "message.edit",
    "message.remove",
    "evidence.remove",
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
            ("status.edit", Some(_)) => correct(&mut state.statuses, data, "before", Some("after"), seq)?,
            ("status.remove", Some(_)) => correct(&mut state.statuses, data, "status", None, seq)?,
            ("message.edit", Some(_)) => correct(&mut state.messages, data, "before", Some("after"), seq)?,
            ("message.remove", Some(_)) => correct(&mut state.messages, data, "message", None, seq)?,
            ("evidence.remove", Some(_)) => correct(&mut state.evidence, data, "evidence", None, seq)?,
            ("order.add", Some(_)) => return Err(format!("entry {seq} adds the order a second time")),
            (kind, None) if KINDS.contains(&kind) => {
                return Err(format!("entry {seq} ({kind}) comes before the order was added"));
            }
            (kind, _) => return Err(format!("entry {seq} is of a kind this version does not know ('{kind}')")),
        }
    }
    Ok(state)
}

/// Applies a correction: the row the entry names under `before` (matched by content, not by
/// local id) is replaced by the row under `after`, or removed when there is none.
fn correct(
    rows: &mut Vec<Logged>,
    data: &Value,
    before: &str,
    after: Option<&str>,
    seq: i64,
) -> std::result::Result<(), String> {
    let old = &data[before];
    let at = rows
        .iter()
        .position(|r| same_row(old, &r.row) && same_row(&r.row, old))
        .ok_or_else(|| format!("entry {seq} corrects a row its log never wrote"))?;
    match after.map(|key| &data[key]) {
        Some(row @ Value::Object(_)) => rows[at] = Logged { seq, row: row.clone() },
        Some(_) => return Err(format!("entry {seq} has no corrected row")),
        None => {
            rows.remove(at);
        }
    }
    Ok(())
}

/// How the rows of a case differ from what its log wrote, one sentence per difference.
pub fn differences(replayed: &Replayed, case: &Case) -> Vec<String> {
    match serde_json::to_value(case) {
        Ok(case) => json_differences(replayed, &case),
        Err(e) => vec![format!("the case cannot be read ({e})")],
    }
}

/// [`differences`] for a case given as JSON in the shape of `order show --json` (local ids
/// may be left out, as in a bundle's `case.json`).
pub fn json_differences(replayed: &Replayed, case: &Value) -> Vec<String> {
    let mut found = Vec::new();
    match (&replayed.order, case["order"].as_object()) {
        (None, _) => found.push("the order is in the database but its log has no entry adding it".to_string()),
        (Some(logged), Some(actual)) => {
            for (field, value) in logged {
                if field == "id" {
                    continue;
                }
                if let Some(now) = actual.get(field).filter(|now| *now != value) {
                    found.push(format!("order field '{field}' is {now} but its log says {value}"));
                }
            }
        }
        (Some(_), None) => found.push("the case has no order".into()),
    }
    let flags: Vec<Logged> = replayed.flags.values().cloned().collect();
    let rows = |key: &str| case[key].as_array().cloned().unwrap_or_default();
    compare("tracking number", &replayed.tracking, &rows("tracking"), &mut found);
    compare("status", &replayed.statuses, &rows("statuses"), &mut found);
    compare("message", &replayed.messages, &rows("messages"), &mut found);
    compare("evidence", &replayed.evidence, &rows("evidence"), &mut found);
    compare("flag", &flags, &rows("flags"), &mut found);
    found
}

/// Matches logged rows with actual rows as multisets of their comparable JSON.
fn compare(what: &str, logged: &[Logged], actual: &[Value], found: &mut Vec<String>) {
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
    /// `work` gets the hashes every evidence row names.
    pub fn with_references_locked<T>(&mut self, work: impl FnOnce(&BTreeSet<String>) -> Result<T>) -> Result<T> {
        let tx = self.write()?;
        let mut referenced = BTreeSet::new();
        {
            let mut stmt = tx.prepare("SELECT sha256 FROM evidence")?;
            for sha in stmt.query_map([], |row| row.get::<_, String>(0))? {
                referenced.insert(sha?);
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

/// What an import wrote into the database.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Added {
    /// The order's local id.
    pub order: i64,
    /// True when the case was new to this home.
    pub new_case: bool,
    /// Log entries appended.
    pub entries: usize,
    /// Rows added, by table.
    pub tracking: usize,
    /// Statuses added.
    pub statuses: usize,
    /// Messages added.
    pub messages: usize,
    /// Evidence rows added.
    pub evidence: usize,
    /// Corrections (edits and removals) applied.
    pub corrections: usize,
}

/// What the entries after the first `known` add, by kind.
pub fn counts(entries: &[Entry], known: usize) -> Added {
    let mut added = Added::default();
    for entry in entries.iter().skip(known) {
        let kind = serde_json::from_str::<Value>(&entry.body).ok().and_then(|b| b["kind"].as_str().map(str::to_string));
        added.entries += 1;
        match kind.as_deref().unwrap_or_default() {
            "track.add" => added.tracking += 1,
            "status.add" => added.statuses += 1,
            "message.add" => added.messages += 1,
            "evidence.add" => added.evidence += 1,
            k if k.ends_with(".edit") || k.ends_with(".remove") => added.corrections += 1,
            _ => {}
        }
    }
    added
}

/// A JSON scalar as an SQLite value (objects and arrays are not stored in a row).
fn sql_value(value: Option<&Value>) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match value {
        Some(Value::String(s)) => V::Text(s.clone()),
        Some(Value::Number(n)) => n.as_i64().map_or_else(|| V::Real(n.as_f64().unwrap_or(0.0)), V::Integer),
        Some(Value::Bool(b)) => V::Integer(i64::from(*b)),
        _ => V::Null,
    }
}

/// The sort key of a stored moment, or an error naming the row.
fn sort_key(row: &Value, what: &str) -> std::result::Result<i64, String> {
    let at = row["at"].as_str().unwrap_or_default();
    crate::dates::When::from_storage(at)
        .map(|w| w.sort_key())
        .ok_or_else(|| format!("{what} {} has no valid moment ('{at}')", describe(row)))
}

/// The number of an `E3`-style evidence reference.
fn evidence_seq(reference: Option<&str>) -> Option<i64> {
    reference.and_then(|r| r.strip_prefix('E')).and_then(|n| n.parse().ok())
}

/// Column lists of the order row, in the JSON's key names.
const ORDER_FIELDS: &[&str] = &[
    "platform",
    "number",
    "item",
    "store",
    "price",
    "currency",
    "ordered",
    "shipped",
    "protection_until",
    "protection_days",
    "country",
    "city",
    "postcode",
    "weight_grams",
    "shipping",
    "outcome",
    "close_note",
    "closed_at",
    "created_at",
];

impl Db {
    /// The local order of a case id, if this home has the case.
    pub fn order_by_uuid(&self, uuid: &str) -> Result<Option<Order>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {} FROM orders WHERE uuid = ?1", super::orders::ORDER_COLUMNS), [uuid], |row| {
                super::orders::order_from_row(row)
            })
            .optional()?)
    }

    /// The local id of another case with this platform and order number, if any.
    pub fn order_with_number(&self, platform: &str, number: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM orders WHERE platform = ?1 AND number = ?2", params![platform, number], |row| {
                row.get(0)
            })
            .optional()?)
    }

    /// Writes what a checked bundle adds, in one transaction: the case's order row (new, or
    /// brought up to the bundle's state), the rows written by the entries after the first
    /// `known` (which this home already has), the manual flags as the log leaves them, and
    /// the entries themselves, verbatim. Before committing, the case is read back through the
    /// usual readers and compared with its log; any difference rolls everything back.
    pub fn import_case(&mut self, uuid: &str, replayed: &Replayed, entries: &[Entry], known: usize) -> Result<Added> {
        let refuse = |problem: String| {
            crate::error::Error::invalid(
                format!("the bundle's case cannot be stored: {problem}"),
                "the bundle was not made by this version of dossier, or was altered; nothing was imported",
            )
        };
        let Some(order) = &replayed.order else { return Err(refuse("it has no order".into())) };
        let tx = self.write()?;
        let existing: Option<i64> =
            tx.query_row("SELECT id FROM orders WHERE uuid = ?1", [uuid], |row| row.get(0)).optional()?;
        let values: Vec<rusqlite::types::Value> = ORDER_FIELDS.iter().map(|f| sql_value(order.get(*f))).collect();
        let order_id = match existing {
            Some(id) => {
                let sets: Vec<String> =
                    ORDER_FIELDS.iter().enumerate().map(|(i, f)| format!("{f} = ?{}", i + 2)).collect();
                let mut params: Vec<rusqlite::types::Value> = vec![rusqlite::types::Value::Integer(id)];
                params.extend(values);
                tx.execute(
                    &format!("UPDATE orders SET {} WHERE id = ?1", sets.join(", ")),
                    rusqlite::params_from_iter(params),
                )?;
                id
            }
            None => {
                let marks: Vec<String> = (2..=ORDER_FIELDS.len() + 1).map(|i| format!("?{i}")).collect();
                let mut params: Vec<rusqlite::types::Value> = vec![rusqlite::types::Value::Text(uuid.to_string())];
                params.extend(values);
                tx.execute(
                    &format!(
                        "INSERT INTO orders (uuid, {}) VALUES (?1, {})",
                        ORDER_FIELDS.join(", "),
                        marks.join(", ")
                    ),
                    rusqlite::params_from_iter(params),
                )
                .map_err(|e| refuse(format!("the order row ({e})")))?;
                tx.last_insert_rowid()
            }
        };
        // The rows are rebuilt whole from the log: corrections among the new entries may
        // change or remove rows written before them.
        for table in ["messages", "statuses", "evidence", "tracking_numbers", "flags"] {
            tx.execute(&format!("DELETE FROM {table} WHERE order_id = ?1"), [order_id])?;
        }
        let new = |rows: &[Logged]| -> Vec<Value> { rows.iter().map(|r| r.row.clone()).collect() };
        let mut added = counts(entries, known);
        added.order = order_id;
        added.new_case = existing.is_none();
        for row in new(&replayed.tracking) {
            let g = |k: &str| sql_value(row.get(k));
            tx.execute(
                "INSERT INTO tracking_numbers (order_id, number, carrier, note, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![order_id, g("number"), g("carrier"), g("note"), g("added_at")],
            )
            .map_err(|e| refuse(format!("tracking number {} ({e})", describe(&row))))?;
        }
        for row in new(&replayed.statuses) {
            let g = |k: &str| sql_value(row.get(k));
            tx.execute(
                "INSERT INTO statuses (order_id, at, at_sort, text, place, weight_grams, source, track, stage, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    order_id,
                    g("at"),
                    sort_key(&row, "status").map_err(refuse)?,
                    g("text"),
                    g("place"),
                    g("weight_grams"),
                    g("source"),
                    g("track"),
                    g("stage"),
                    g("added_at")
                ],
            )
            .map_err(|e| refuse(format!("status {} ({e})", describe(&row))))?;
        }
        for row in new(&replayed.evidence) {
            let g = |k: &str| sql_value(row.get(k));
            let seq = evidence_seq(row["reference"].as_str())
                .ok_or_else(|| refuse(format!("evidence {} has no reference", describe(&row))))?;
            tx.execute(
                "INSERT INTO evidence (order_id, seq, kind, sha256, size, media_type, width, height, file_name, note, taken, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    order_id,
                    seq,
                    g("kind"),
                    g("sha256"),
                    g("size"),
                    g("media_type"),
                    g("width"),
                    g("height"),
                    g("file_name"),
                    g("note"),
                    g("taken"),
                    g("added_at")
                ],
            )
            .map_err(|e| refuse(format!("evidence {} ({e})", describe(&row))))?;
        }
        for row in new(&replayed.messages) {
            let g = |k: &str| sql_value(row.get(k));
            let evidence: Option<i64> = match evidence_seq(row["evidence"].as_str()) {
                Some(seq) => Some(
                    tx.query_row(
                        "SELECT id FROM evidence WHERE order_id = ?1 AND seq = ?2",
                        params![order_id, seq],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| refuse(format!("message {} names evidence that is not there", describe(&row))))?,
                ),
                None => None,
            };
            tx.execute(
                "INSERT INTO messages (order_id, sender, at, at_sort, text, evidence_id, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    order_id,
                    g("from"),
                    g("at"),
                    sort_key(&row, "message").map_err(refuse)?,
                    g("text"),
                    evidence,
                    g("added_at")
                ],
            )
            .map_err(|e| refuse(format!("message {} ({e})", describe(&row))))?;
        }
        for logged in replayed.flags.values() {
            let g = |k: &str| sql_value(logged.row.get(k));
            tx.execute(
                "INSERT INTO flags (order_id, code, note, set_at) VALUES (?1, ?2, ?3, ?4)",
                params![order_id, g("code"), g("note"), g("set_at")],
            )
            .map_err(|e| refuse(format!("flag {} ({e})", describe(&logged.row))))?;
        }
        let known = i64::try_from(known).unwrap_or(i64::MAX);
        for entry in entries.iter().filter(|e| e.seq > known) {
            tx.execute(
                "INSERT INTO events (order_id, seq, body, hash) VALUES (?1, ?2, ?3, ?4)",
                params![order_id, entry.seq, entry.body, entry.hash],
            )
            .map_err(|e| refuse(format!("log entry {} ({e})", entry.seq)))?;
        }
        // Read the case back as every command will, and compare it with its log.
        let read_back = |e: crate::error::Error| refuse(format!("it cannot be read back ({e})"));
        let case = Case {
            order: super::orders::load_order(&tx, order_id).map_err(read_back)?,
            tracking: super::records::rows_of(&tx, order_id, &super::records::TRACKING).map_err(read_back)?,
            statuses: super::records::rows_of(&tx, order_id, &super::records::STATUSES).map_err(read_back)?,
            messages: super::records::rows_of(&tx, order_id, &super::records::MESSAGES).map_err(read_back)?,
            evidence: super::records::rows_of(&tx, order_id, &super::records::EVIDENCE).map_err(read_back)?,
            flags: super::records::rows_of(&tx, order_id, &super::records::FLAGS).map_err(read_back)?,
            log: events::head(&tx, order_id)?,
        };
        if let Some(first) = differences(replayed, &case).into_iter().next() {
            return Err(refuse(first));
        }
        tx.commit()?;
        Ok(added)
    }
}
