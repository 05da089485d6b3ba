//! The per-case event log: an append-only hash chain.
//!
//! Each entry's `body` is canonical JSON (keys sorted, no whitespace) of
//! `{seq, case, at, kind, data, prev}` where `prev` is the previous entry's hash (64 zeros
//! for the first); `hash` is the SHA-256 of `body`. Anyone can re-check the chain from the
//! bodies alone.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::model::LogHead;

/// The `prev` of a case's first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Appends one entry to the case's chain inside the caller's transaction.
pub(super) fn append(
    tx: &Transaction<'_>,
    order_id: i64,
    case_uuid: &str,
    kind: &str,
    data: &Value,
    at: &str,
) -> Result<()> {
    let LogHead { entries: seq, head: prev } = head(tx, order_id)?;
    let body = canonical_json(&serde_json::json!({
        "seq": seq + 1,
        "case": case_uuid,
        "at": at,
        "kind": kind,
        "data": data,
        "prev": prev,
    }));
    tx.execute(
        "INSERT INTO events (order_id, seq, body, hash) VALUES (?1, ?2, ?3, ?4)",
        params![order_id, seq + 1, body, entry_hash(&body)],
    )?;
    Ok(())
}

/// The newest entry of the log of the order `orders.id`, as two columns of a query over
/// `orders` (read with [`head_from_row`]): reading every open case, one statement reads the
/// heads with the orders instead of a query per case.
pub(super) const HEAD_COLUMNS: &str = "(SELECT seq FROM events WHERE order_id = orders.id ORDER BY seq DESC LIMIT 1), \
     (SELECT hash FROM events WHERE order_id = orders.id ORDER BY seq DESC LIMIT 1)";

/// Reads the [`HEAD_COLUMNS`] that start at column `idx`.
pub(super) fn head_from_row(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<LogHead> {
    let seq: Option<i64> = row.get(idx)?;
    let hash: Option<String> = row.get(idx + 1)?;
    Ok(seq.zip(hash).map_or_else(empty_log, |(entries, head)| LogHead { entries, head }))
}

/// The head of a log with no entry yet.
fn empty_log() -> LogHead {
    LogHead { entries: 0, head: GENESIS_HASH.to_string() }
}

/// The log head of a case.
pub(super) fn head(conn: &rusqlite::Connection, order_id: i64) -> Result<LogHead> {
    let head = conn
        .prepare_cached("SELECT seq, hash FROM events WHERE order_id = ?1 ORDER BY seq DESC LIMIT 1")?
        .query_row([order_id], |row| head_from_row(row, 0))
        .optional()?;
    Ok(head.unwrap_or_else(empty_log))
}

/// SHA-256 of an entry body, lowercase hex.
pub fn entry_hash(body: &str) -> String {
    crate::hex(&Sha256::digest(body.as_bytes()))
}

/// Serialises JSON with object keys sorted at every level and no whitespace, so the same
/// value always gives the same bytes whatever serde_json's map order is.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_sorts_nested_keys() {
        let value = serde_json::json!({"b": 1, "a": {"z": [1, {"y": 2, "x": "é"}], "c": null}});
        assert_eq!(canonical_json(&value), r#"{"a":{"c":null,"z":[1,{"x":"é","y":2}]},"b":1}"#);
    }

    #[test]
    fn hash_is_sha256_of_body() {
        assert_eq!(entry_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
