//! Corrections: editing or removing a status or message, and removing an evidence row. Each is
//! logged in the case's chain with the whole row before (and after) the change, so the log
//! still rebuilds the case (`replay.rs`) and shows what was changed and when. Nothing is
//! rewritten silently; a removed evidence file's blob stays until `verify --gc`.

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::Db;
use super::events;
use super::orders::load_order;
use super::records::{
    EVIDENCE_COLUMNS, MESSAGE_COLUMNS, MESSAGE_FROM, STATUS_COLUMNS, evidence_from_row, message_from_row,
    status_from_row,
};
use crate::dates::When;
use crate::error::{Error, Result};
use crate::model::{Code, Evidence, Grams, Message, Order, Sender, Stage, Status};

/// Changes to a status; `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Default, Clone)]
#[allow(clippy::option_option)]
pub struct StatusEdit {
    /// New moment.
    pub at: Option<When>,
    /// New text.
    pub text: Option<String>,
    /// New place, or none.
    pub place: Option<Option<String>>,
    /// A stage set by hand, or back to the classifier.
    pub stage: Option<Option<Stage>>,
    /// New weight, or none.
    pub weight: Option<Option<Grams>>,
}

/// Changes to a message.
#[derive(Debug, Default, Clone)]
#[allow(clippy::option_option)]
pub struct MessageEdit {
    /// New moment.
    pub at: Option<When>,
    /// New text.
    pub text: Option<String>,
    /// New sender.
    pub from: Option<Sender>,
    /// Another evidence reference of the same order, or none.
    pub evidence: Option<Option<String>>,
}

/// A corrected row: its order, and the row before and after.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Corrected<T> {
    /// The order's local id.
    pub order: i64,
    /// The row before.
    pub before: T,
    /// The row after (`None` when removed).
    pub after: Option<T>,
}

impl Db {
    fn status_by_id(conn: &rusqlite::Connection, id: i64) -> Result<(Status, Order)> {
        let found: Option<(Status, i64)> = conn
            .query_row(&format!("SELECT {STATUS_COLUMNS}, t.order_id FROM statuses t WHERE t.id = ?1"), [id], |row| {
                Ok((status_from_row(row)?, row.get(9)?))
            })
            .optional()?;
        let (status, order) = found.ok_or_else(|| {
            Error::invalid(format!("there is no status {id}"), "`dossier status list ORDER` shows each status's id")
        })?;
        Ok((status, load_order(conn, order)?))
    }

    fn message_by_id(conn: &rusqlite::Connection, id: i64) -> Result<(Message, Order)> {
        let found: Option<(Message, i64)> = conn
            .query_row(
                &format!("SELECT {MESSAGE_COLUMNS}, t.order_id FROM {MESSAGE_FROM} WHERE t.id = ?1"),
                [id],
                |row| Ok((message_from_row(row)?, row.get(6)?)),
            )
            .optional()?;
        let (message, order) = found.ok_or_else(|| {
            Error::invalid(format!("there is no message {id}"), "`dossier order show ORDER` shows each message's id")
        })?;
        Ok((message, load_order(conn, order)?))
    }

    /// Edits one status; logged as `status.edit` with the row before and after.
    pub fn edit_status(&mut self, id: i64, edit: &StatusEdit, now: &str) -> Result<Corrected<Status>> {
        let tx = self.write()?;
        let (before, order) = Db::status_by_id(&tx, id)?;
        let at = edit.at.unwrap_or(before.at);
        let text = edit.text.clone().unwrap_or_else(|| before.text.clone());
        let place = edit.place.clone().unwrap_or_else(|| before.place.clone());
        let stage = edit.stage.unwrap_or(before.stage);
        let weight = edit.weight.unwrap_or(before.weight_grams);
        tx.execute(
            "UPDATE statuses SET at = ?2, at_sort = ?3, text = ?4, place = ?5, stage = ?6, weight_grams = ?7 WHERE id = ?1",
            params![id, at.to_storage(), at.sort_key(), text, place, stage.map(Code::code), weight.map(|g| g.0)],
        )?;
        let (after, _) = Db::status_by_id(&tx, id)?;
        events::append(&tx, order.id, &order.uuid, "status.edit", &json!({"before": before, "after": after}), now)?;
        tx.commit()?;
        Ok(Corrected { order: order.id, before, after: Some(after) })
    }

    /// Removes statuses; each is logged as `status.remove` with the row removed.
    pub fn remove_statuses(&mut self, ids: &[i64], now: &str) -> Result<Vec<Corrected<Status>>> {
        let tx = self.write()?;
        let mut removed = Vec::new();
        for &id in ids {
            let (status, order) = Db::status_by_id(&tx, id)?;
            tx.execute("DELETE FROM statuses WHERE id = ?1", [id])?;
            events::append(&tx, order.id, &order.uuid, "status.remove", &json!({ "status": status }), now)?;
            removed.push(Corrected { order: order.id, before: status, after: None });
        }
        tx.commit()?;
        Ok(removed)
    }

    /// Edits one message; logged as `message.edit` with the row before and after.
    pub fn edit_message(&mut self, id: i64, edit: &MessageEdit, now: &str) -> Result<Corrected<Message>> {
        let tx = self.write()?;
        let (before, order) = Db::message_by_id(&tx, id)?;
        let evidence_id: Option<i64> = match &edit.evidence {
            None => tx.query_row("SELECT evidence_id FROM messages WHERE id = ?1", [id], |row| row.get(0))?,
            Some(None) => None,
            Some(Some(reference)) => Some(super::records::evidence_id(&tx, &order, reference)?),
        };
        let at = edit.at.unwrap_or(before.at);
        tx.execute(
            "UPDATE messages SET sender = ?2, at = ?3, at_sort = ?4, text = ?5, evidence_id = ?6 WHERE id = ?1",
            params![
                id,
                edit.from.unwrap_or(before.from).code(),
                at.to_storage(),
                at.sort_key(),
                edit.text.clone().unwrap_or_else(|| before.text.clone()),
                evidence_id
            ],
        )?;
        let (after, _) = Db::message_by_id(&tx, id)?;
        events::append(&tx, order.id, &order.uuid, "message.edit", &json!({"before": before, "after": after}), now)?;
        tx.commit()?;
        Ok(Corrected { order: order.id, before, after: Some(after) })
    }

    /// Removes messages; each is logged as `message.remove` with the row removed.
    pub fn remove_messages(&mut self, ids: &[i64], now: &str) -> Result<Vec<Corrected<Message>>> {
        let tx = self.write()?;
        let mut removed = Vec::new();
        for &id in ids {
            let (message, order) = Db::message_by_id(&tx, id)?;
            tx.execute("DELETE FROM messages WHERE id = ?1", [id])?;
            events::append(&tx, order.id, &order.uuid, "message.remove", &json!({ "message": message }), now)?;
            removed.push(Corrected { order: order.id, before: message, after: None });
        }
        tx.commit()?;
        Ok(removed)
    }

    /// Removes evidence rows of one order (their blobs stay until `verify --gc`); each is
    /// logged as `evidence.remove`. Evidence a message points at is refused.
    pub fn remove_evidence(&mut self, order: &Order, references: &[String], now: &str) -> Result<Vec<Evidence>> {
        let tx = self.write()?;
        let mut removed = Vec::new();
        for reference in references {
            let id = super::records::evidence_id(&tx, order, reference)?;
            let linked: Option<i64> = tx
                .query_row("SELECT id FROM messages WHERE evidence_id = ?1 LIMIT 1", [id], |row| row.get(0))
                .optional()?;
            let evidence = tx.query_row(
                &format!("SELECT {EVIDENCE_COLUMNS} FROM evidence t WHERE t.id = ?1"),
                [id],
                evidence_from_row,
            )?;
            if let Some(message) = linked {
                return Err(Error::invalid(
                    format!(
                        "message {message} shows {}: it cannot be removed while a message refers to it",
                        evidence.reference
                    ),
                    format!("unlink it first: dossier message edit {message} --evidence \"\""),
                ));
            }
            tx.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
            events::append(&tx, order.id, &order.uuid, "evidence.remove", &json!({ "evidence": evidence }), now)?;
            removed.push(evidence);
        }
        tx.commit()?;
        Ok(removed)
    }
}
