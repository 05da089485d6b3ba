//! The records of a case: tracking numbers, statuses, messages, evidence rows, manual flags.
//! Every insert appends its event in the same transaction.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::json;

use super::Db;
use super::events;
use super::orders::{code_col, opt_code_col, req_when_col, when_col};
use crate::dates::When;
use crate::error::{Error, Result};
use crate::model::{
    Code, Evidence, EvidenceKind, Grams, ManualFlag, Message, Order, Reuse, Sender, SetFlag, Source, Stage, Status,
    StoredFile, TrackingNumber,
};

/// A status to record.
#[derive(Debug, Clone)]
pub struct NewStatus {
    /// When it happened.
    pub at: When,
    /// The text, verbatim.
    pub text: String,
    /// Where it happened.
    pub place: Option<String>,
    /// The carrier's weight.
    pub weight: Option<Grams>,
    /// Where the user read it.
    pub source: Source,
    /// Which of the order's numbers it belongs to (normalised).
    pub track: Option<String>,
    /// A stage set by the user.
    pub stage: Option<Stage>,
}

/// A message to record.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// Who wrote it.
    pub from: Sender,
    /// When.
    pub at: When,
    /// The text, verbatim.
    pub text: String,
    /// An evidence reference of this order (`E2` or `2`).
    pub evidence: Option<String>,
}

/// The result of attaching one file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Attached {
    /// The evidence entry (new, or the existing one for a duplicate).
    #[serde(flatten)]
    pub evidence: Evidence,
    /// True when the same content was already attached to this order.
    pub duplicate: bool,
}

// Column lists for tables aliased `t` (the messages list also reads the evidence `e` it links to).
pub(super) const STATUS_COLUMNS: &str =
    "t.id, t.at, t.text, t.place, t.weight_grams, t.source, t.track, t.stage, t.added_at";
pub(super) const MESSAGE_COLUMNS: &str = "t.id, t.sender, t.at, t.text, e.seq, t.added_at";
pub(super) const MESSAGE_FROM: &str = "messages t LEFT JOIN evidence e ON e.id = t.evidence_id";
pub(super) const EVIDENCE_COLUMNS: &str = "t.id, t.seq, t.kind, t.sha256, t.size, t.media_type, t.width, t.height, \
     t.file_name, t.note, t.taken, t.added_at";

impl Db {
    /// Attaches a tracking number; `None` when the order already has it.
    pub fn add_tracking(
        &mut self,
        order: &Order,
        number: &str,
        carrier: Option<&str>,
        note: Option<&str>,
        now: &str,
    ) -> Result<Option<TrackingNumber>> {
        let tx = self.write()?;
        let added = insert_tracking(&tx, order, number, carrier, note, now)?;
        tx.commit()?;
        Ok(added)
    }

    /// Records a status; `None` when the same status (moment, text, source) is already there.
    pub fn add_status(&mut self, order: &Order, status: &NewStatus, now: &str) -> Result<Option<Status>> {
        let tx = self.write()?;
        if let Some(track) = &status.track {
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM tracking_numbers WHERE order_id = ?1 AND number = ?2)",
                params![order.id, track],
                |row| row.get(0),
            )?;
            if !known {
                return Err(Error::UnknownTrackingNumber { order: order.id, number: track.clone() });
            }
        }
        let at = status.at.to_storage();
        let duplicate: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM statuses WHERE order_id = ?1 AND at = ?2 AND text = ?3 AND source = ?4)",
            params![order.id, at, status.text, status.source.code()],
            |row| row.get(0),
        )?;
        if duplicate {
            return Ok(None);
        }
        let row = insert_status(&tx, order, status, now)?;
        tx.commit()?;
        Ok(Some(row))
    }

    /// The statuses of an order in time order.
    pub fn list_statuses(&self, order: &Order) -> Result<Vec<Status>> {
        rows_of(&self.conn, order.id, &STATUSES)
    }

    /// An order's messages, in time order.
    pub fn list_messages(&self, order: &Order) -> Result<Vec<Message>> {
        rows_of(&self.conn, order.id, &MESSAGES)
    }

    /// Records a message; `None` when the same message (sender, moment, text) is already there.
    pub fn add_message(&mut self, order: &Order, message: &NewMessage, now: &str) -> Result<Option<Message>> {
        let tx = self.write()?;
        let added = insert_message(&tx, order, message, now)?;
        tx.commit()?;
        Ok(added)
    }

    /// Adds the messages of a pasted chat in one transaction, skipping those already
    /// recorded (same sender, moment and text).
    pub fn import_messages(&mut self, order: &Order, messages: &[NewMessage], now: &str) -> Result<Vec<Message>> {
        let tx = self.write()?;
        let mut added = Vec::new();
        for message in messages {
            added.extend(insert_message(&tx, order, message, now)?);
        }
        tx.commit()?;
        Ok(added)
    }

    /// Attaches stored files to an order in one transaction. Content already attached to
    /// this order is reported as a duplicate of the existing entry, not attached twice.
    pub fn add_evidence(
        &mut self,
        order: &Order,
        files: &[StoredFile],
        kind: EvidenceKind,
        note: Option<&str>,
        taken: Option<When>,
        now: &str,
    ) -> Result<Vec<Attached>> {
        let tx = self.write()?;
        let mut attached = Vec::with_capacity(files.len());
        for file in files {
            let existing = tx
                .query_row(
                    &format!("SELECT {EVIDENCE_COLUMNS} FROM evidence t WHERE t.order_id = ?1 AND t.sha256 = ?2"),
                    params![order.id, file.sha256],
                    evidence_from_row,
                )
                .optional()?;
            if let Some(evidence) = existing {
                attached.push(Attached { evidence, duplicate: true });
                continue;
            }
            let seq: i64 = tx.query_row(
                "SELECT coalesce(max(seq), 0) + 1 FROM evidence WHERE order_id = ?1",
                [order.id],
                |row| row.get(0),
            )?;
            tx.execute(
                "INSERT INTO evidence (order_id, seq, kind, sha256, size, media_type, width, height, file_name, note, taken, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    order.id,
                    seq,
                    kind.code(),
                    file.sha256,
                    i64::try_from(file.size).unwrap_or(i64::MAX),
                    file.media_type,
                    file.width,
                    file.height,
                    file.file_name,
                    note,
                    taken.map(|t| t.to_storage()),
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            let evidence = tx.query_row(
                &format!("SELECT {EVIDENCE_COLUMNS} FROM evidence t WHERE t.id = ?1"),
                [id],
                evidence_from_row,
            )?;
            events::append(&tx, order.id, &order.uuid, "evidence.add", &json!({ "evidence": evidence }), now)?;
            attached.push(Attached { evidence, duplicate: false });
        }
        tx.commit()?;
        Ok(attached)
    }

    /// The evidence of an order by reference.
    pub fn list_evidence(&self, order: &Order) -> Result<Vec<Evidence>> {
        rows_of(&self.conn, order.id, &EVIDENCE)
    }

    /// Whether any order's evidence points at this blob.
    pub fn blob_is_referenced(&self, sha256: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM evidence WHERE sha256 = ?1)", [sha256], |row| row.get(0))?)
    }

    /// Sets a manual flag (setting it again replaces the note).
    pub fn set_flag(&mut self, order: &Order, code: ManualFlag, note: Option<&str>, now: &str) -> Result<SetFlag> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO flags (order_id, code, note, set_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (order_id, code) DO UPDATE SET note = excluded.note, set_at = excluded.set_at",
            params![order.id, code.code(), note, now],
        )?;
        events::append(&tx, order.id, &order.uuid, "flag.set", &json!({"code": code, "note": note}), now)?;
        tx.commit()?;
        Ok(SetFlag { code, note: note.map(str::to_string), set_at: now.to_string() })
    }

    /// Clears a manual flag; an error when it was not set.
    pub fn clear_flag(&mut self, order: &Order, code: ManualFlag, now: &str) -> Result<()> {
        let tx = self.write()?;
        let removed =
            tx.execute("DELETE FROM flags WHERE order_id = ?1 AND code = ?2", params![order.id, code.code()])?;
        if removed == 0 {
            return Err(Error::FlagNotSet { order: order.id, code: code.to_string() });
        }
        events::append(&tx, order.id, &order.uuid, "flag.clear", &json!({ "code": code }), now)?;
        tx.commit()?;
        Ok(())
    }
}

/// Inserts a status and appends its `status.add` entry.
fn insert_status(tx: &Transaction<'_>, order: &Order, status: &NewStatus, now: &str) -> Result<Status> {
    tx.execute(
        "INSERT INTO statuses (order_id, at, at_sort, text, place, weight_grams, source, track, stage, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            order.id,
            status.at.to_storage(),
            status.at.sort_key(),
            status.text,
            status.place,
            status.weight.map(|g| g.0),
            status.source.code(),
            status.track,
            status.stage.map(Code::code),
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let row =
        tx.query_row(&format!("SELECT {STATUS_COLUMNS} FROM statuses t WHERE t.id = ?1"), [id], status_from_row)?;
    events::append(tx, order.id, &order.uuid, "status.add", &json!({ "status": row }), now)?;
    Ok(row)
}

/// Inserts a tracking number unless the order has it; appends the event.
pub(super) fn insert_tracking(
    tx: &Transaction<'_>,
    order: &Order,
    number: &str,
    carrier: Option<&str>,
    note: Option<&str>,
    now: &str,
) -> Result<Option<TrackingNumber>> {
    let inserted = tx.execute(
        "INSERT INTO tracking_numbers (order_id, number, carrier, note, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (order_id, number) DO NOTHING",
        params![order.id, number, carrier, note, now],
    )?;
    if inserted == 0 {
        return Ok(None);
    }
    let tracking = TrackingNumber {
        id: tx.last_insert_rowid(),
        number: number.to_string(),
        carrier: carrier.map(str::to_string),
        note: note.map(str::to_string),
        added_at: now.to_string(),
        verdict: crate::tracking::check(number),
    };
    events::append(tx, order.id, &order.uuid, "track.add", &json!({ "tracking": tracking }), now)?;
    Ok(Some(tracking))
}

pub(super) fn evidence_id(conn: &Connection, order: &Order, reference: &str) -> Result<i64> {
    let trimmed = reference.trim();
    let digits = trimmed.strip_prefix(['E', 'e']).unwrap_or(trimmed);
    let seq: Option<i64> = digits.parse().ok();
    let id = match seq {
        Some(seq) => conn
            .query_row("SELECT id FROM evidence WHERE order_id = ?1 AND seq = ?2", params![order.id, seq], |row| {
                row.get(0)
            })
            .optional()?,
        None => None,
    };
    id.ok_or_else(|| Error::UnknownEvidence { order: order.id, reference: reference.to_string() })
}

/// How to read one table of case records (aliased `t`), in the order a case lists them.
pub(super) struct Table<T> {
    /// The columns `read` expects, in order.
    pub columns: &'static str,
    /// The FROM clause.
    pub from: &'static str,
    /// The ORDER BY within one order.
    pub order: &'static str,
    /// Maps a row to a value.
    pub read: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
}

impl<T> Table<T> {
    /// `SELECT {columns}, t.order_id FROM {from} WHERE {clause} ORDER BY t.order_id, {order}`: the
    /// order id is the last column.
    pub fn select(&self, clause: &str) -> String {
        format!(
            "SELECT {}, t.order_id FROM {} WHERE {clause} ORDER BY t.order_id, {}",
            self.columns, self.from, self.order
        )
    }
}

pub(super) const TRACKING: Table<TrackingNumber> = Table {
    columns: "t.id, t.number, t.carrier, t.note, t.added_at",
    from: "tracking_numbers t",
    order: "t.id",
    read: |row| {
        let number: String = row.get(1)?;
        Ok(TrackingNumber {
            id: row.get(0)?,
            verdict: crate::tracking::check(&number),
            number,
            carrier: row.get(2)?,
            note: row.get(3)?,
            added_at: row.get(4)?,
        })
    },
};

pub(super) const STATUSES: Table<Status> =
    Table { columns: STATUS_COLUMNS, from: "statuses t", order: "t.at_sort, t.id", read: status_from_row };

pub(super) const MESSAGES: Table<Message> =
    Table { columns: MESSAGE_COLUMNS, from: MESSAGE_FROM, order: "t.at_sort, t.id", read: message_from_row };

pub(super) const EVIDENCE: Table<Evidence> =
    Table { columns: EVIDENCE_COLUMNS, from: "evidence t", order: "t.seq", read: evidence_from_row };

pub(super) const FLAGS: Table<SetFlag> = Table {
    columns: "t.code, t.note, t.set_at",
    from: "flags t",
    order: "t.code",
    read: |row| Ok(SetFlag { code: code_col(row, 0)?, note: row.get(1)?, set_at: row.get(2)? }),
};

/// Other orders holding one of the order's tracking numbers (`t` is the order's own number):
/// an index lookup per number of the order (`tracking_numbers (number, order_id)`).
pub(super) const OTHER_OWNERS: Table<Reuse> = Table {
    columns: "other.number, other.order_id",
    from: "tracking_numbers t JOIN tracking_numbers other ON other.number = t.number AND other.order_id != t.order_id",
    order: "t.id, other.order_id",
    read: |row| Ok(Reuse { number: row.get(0)?, other_order: row.get(1)? }),
};

/// Reads the rows of `table` that belong to one order.
pub(super) fn rows_of<T>(conn: &Connection, order_id: i64, table: &Table<T>) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(&table.select("t.order_id = ?1"))?;
    let rows = stmt.query_map([order_id], |row| (table.read)(row))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn status_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Status> {
    Ok(Status {
        id: row.get(0)?,
        at: req_when_col(row, 1)?,
        text: row.get(2)?,
        place: row.get(3)?,
        weight_grams: row.get::<_, Option<f64>>(4)?.map(Grams),
        source: code_col(row, 5)?,
        track: row.get(6)?,
        stage: opt_code_col(row, 7)?,
        added_at: row.get(8)?,
    })
}

pub(super) fn message_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Message> {
    Ok(Message {
        id: row.get(0)?,
        from: code_col(row, 1)?,
        at: req_when_col(row, 2)?,
        text: row.get(3)?,
        evidence: row.get::<_, Option<i64>>(4)?.map(|seq| format!("E{seq}")),
        added_at: row.get(5)?,
    })
}

pub(super) fn evidence_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Evidence> {
    let seq: i64 = row.get(1)?;
    Ok(Evidence {
        reference: format!("E{seq}"),
        id: row.get(0)?,
        kind: code_col::<EvidenceKind>(row, 2)?,
        sha256: row.get(3)?,
        size: u64::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
        media_type: row.get(5)?,
        width: row.get(6)?,
        height: row.get(7)?,
        file_name: row.get(8)?,
        note: row.get(9)?,
        taken: when_col(row, 10)?,
        added_at: row.get(11)?,
    })
}

/// What `Db::import_statuses` wrote.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Imported {
    /// Statuses added.
    pub added: Vec<Status>,
    /// Statuses already recorded (same moment and text), not added again.
    pub already: usize,
    /// Tracking numbers added to the order.
    pub tracking: Vec<String>,
}

impl Db {
    /// True when the order has this tracking number.
    pub fn order_has_number(&self, order: &Order, number: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM tracking_numbers WHERE order_id = ?1 AND number = ?2)",
            params![order.id, number],
            |row| row.get(0),
        )?)
    }

    /// Adds the statuses of a pasted history, and the tracking numbers its header named, in
    /// one transaction. A status with the same moment and text as one already recorded (from
    /// any source) is not added again, so pasting an updated history adds only what is new.
    pub fn import_statuses(
        &mut self,
        order: &Order,
        statuses: &[NewStatus],
        tracking: &[String],
        now: &str,
    ) -> Result<Imported> {
        let tx = self.write()?;
        let mut imported = Imported::default();
        for number in tracking {
            if insert_tracking(&tx, order, number, None, None, now)?.is_some() {
                imported.tracking.push(number.clone());
            }
        }
        for status in statuses {
            let at = status.at.to_storage();
            let duplicate: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM statuses WHERE order_id = ?1 AND at = ?2 AND text = ?3)",
                params![order.id, at, status.text],
                |row| row.get(0),
            )?;
            if duplicate {
                imported.already += 1;
                continue;
            }
            let row = insert_status(&tx, order, status, now)?;
            imported.added.push(row);
        }
        tx.commit()?;
        Ok(imported)
    }
}

/// Inserts a message and logs it; `None` when the order already has it (same sender,
/// moment and text).
fn insert_message(tx: &Transaction<'_>, order: &Order, message: &NewMessage, now: &str) -> Result<Option<Message>> {
    let duplicate: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM messages WHERE order_id = ?1 AND sender = ?2 AND at = ?3 AND text = ?4)",
        params![order.id, message.from.code(), message.at.to_storage(), message.text],
        |row| row.get(0),
    )?;
    if duplicate {
        return Ok(None);
    }
    let evidence_id = match &message.evidence {
        None => None,
        Some(reference) => Some(evidence_id(tx, order, reference)?),
    };
    tx.execute(
        "INSERT INTO messages (order_id, sender, at, at_sort, text, evidence_id, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            order.id,
            message.from.code(),
            message.at.to_storage(),
            message.at.sort_key(),
            message.text,
            evidence_id,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let row =
        tx.query_row(&format!("SELECT {MESSAGE_COLUMNS} FROM {MESSAGE_FROM} WHERE t.id = ?1"), [id], message_from_row)?;
    events::append(tx, order.id, &order.uuid, "message.add", &json!({ "message": row }), now)?;
    Ok(Some(row))
}
