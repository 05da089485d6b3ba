//! Reading every open case without holding them all: `check --all`, `agenda` and `calendar`
//! walk every open case, and a data home can hold hundreds of thousands of statuses.
//!
//! One cursor per record table, each ordered by order id, advances in step with the orders
//! cursor; a case is complete when every cursor has moved past its id. Only one case (and
//! one row read ahead per table) is in memory at a time, so memory stays flat whatever the
//! size of the home. All cursors live in one connection, so they read one snapshot.

use rusqlite::{Row, Rows, Statement};

use super::orders::{ORDER_COLUMNS, order_from_row};
use super::records::{self, Table};
use super::{Db, events};
use crate::error::Result;
use crate::model::{Case, Reuse};

/// The rows of one record table in order id order, one row ahead of the case being read.
struct Cursor<'s, T> {
    rows: Rows<'s>,
    read: fn(&Row<'_>) -> rusqlite::Result<T>,
    /// Index of the order id column (the last one, see [`Table::select`]).
    id_column: usize,
    /// A row already read that belongs to a later order.
    ahead: Option<(i64, T)>,
}

impl<'s, T> Cursor<'s, T> {
    fn new(stmt: &'s mut Statement<'_>, table: &Table<T>) -> Result<Self> {
        let id_column = stmt.column_count() - 1;
        Ok(Cursor { rows: stmt.query([])?, read: table.read, id_column, ahead: None })
    }

    /// The rows of `order_id`, skipping rows of orders before it (closed cases).
    fn take(&mut self, order_id: i64) -> Result<Vec<T>> {
        let mut taken = Vec::new();
        loop {
            let (id, value) = match self.ahead.take() {
                Some(ahead) => ahead,
                None => {
                    let Some(row) = self.rows.next()? else { break };
                    let id: i64 = row.get(self.id_column)?;
                    if id < order_id {
                        continue; // a row of a closed case: not read
                    }
                    (id, (self.read)(row)?)
                }
            };
            if id > order_id {
                self.ahead = Some((id, value));
                break;
            }
            if id == order_id {
                taken.push(value); // else a row read ahead for a case that turned out closed
            }
        }
        Ok(taken)
    }
}

impl Db {
    /// Calls `visit` with every open case, whole, in order id order, and the other orders
    /// that hold its tracking numbers (as [`Db::other_owners`] reads them for one case).
    pub fn each_open_case(&self, mut visit: impl FnMut(Case, Vec<Reuse>) -> Result<()>) -> Result<()> {
        let mut orders = self.conn.prepare(&format!(
            "SELECT {ORDER_COLUMNS}, {} FROM orders WHERE outcome IS NULL ORDER BY id",
            events::HEAD_COLUMNS
        ))?;
        let head_column = orders.column_count() - 2;
        let (mut tracking, mut statuses, mut messages, mut evidence, mut flags, mut owners) = (
            self.conn.prepare(&records::TRACKING.select("1"))?,
            self.conn.prepare(&records::STATUSES.select("1"))?,
            self.conn.prepare(&records::MESSAGES.select("1"))?,
            self.conn.prepare(&records::EVIDENCE.select("1"))?,
            self.conn.prepare(&records::FLAGS.select("1"))?,
            self.conn.prepare(&records::OTHER_OWNERS.select("1"))?,
        );
        // The orders cursor opens first, so every cursor shares its read transaction.
        let mut order_rows = orders.query([])?;
        let mut tracking = Cursor::new(&mut tracking, &records::TRACKING)?;
        let mut statuses = Cursor::new(&mut statuses, &records::STATUSES)?;
        let mut messages = Cursor::new(&mut messages, &records::MESSAGES)?;
        let mut evidence = Cursor::new(&mut evidence, &records::EVIDENCE)?;
        let mut flags = Cursor::new(&mut flags, &records::FLAGS)?;
        let mut owners = Cursor::new(&mut owners, &records::OTHER_OWNERS)?;
        while let Some(row) = order_rows.next()? {
            let order = order_from_row(row)?;
            let id = order.id;
            let case = Case {
                tracking: tracking.take(id)?,
                statuses: statuses.take(id)?,
                messages: messages.take(id)?,
                evidence: evidence.take(id)?,
                flags: flags.take(id)?,
                log: events::head_from_row(row, head_column)?,
                order,
            };
            visit(case, owners.take(id)?)?;
        }
        Ok(())
    }
}
