//! Reading many cases at once without holding them all: `check --all`, `agenda` and
//! `calendar` walk every open case, and a data home can hold hundreds of thousands of
//! statuses.
//!
//! One cursor per record table, each ordered by order id, advances in step with the orders
//! cursor; a case is complete when every cursor has moved past its id. Values of the case
//! before are recycled (their string buffers reused), so memory stays flat whatever the size
//! of the home.

use std::ops::RangeInclusive;

use rusqlite::Rows;

use super::orders::{ORDER_COLUMNS, order_from_row};
use super::records::{self, Table};
use super::{Db, events};
use crate::error::Result;
use crate::model::Case;

/// The rows of one record table, read in order id order, one row ahead of the case being
/// filled.
struct Cursor<'s, T: 'static> {
    rows: Rows<'s>,
    table: &'static Table<T>,
    /// A row already read that belongs to a later order.
    ahead: Option<(i64, T)>,
    /// Values of earlier cases, kept to be overwritten.
    spare: Vec<T>,
    /// Index of the order id column (worked out once: it splits the column list).
    id_column: usize,
}

impl<'s, T> Cursor<'s, T> {
    fn new(stmt: &'s mut rusqlite::Statement<'_>, table: &'static Table<T>, ids: &RangeInclusive<i64>) -> Result<Self> {
        let id_column = table.order_id_column();
        Ok(Cursor { rows: stmt.query([ids.start(), ids.end()])?, table, ahead: None, spare: Vec::new(), id_column })
    }

    /// Replaces the content of `into` with the rows of `order_id`, skipping rows of orders
    /// before it (closed cases when only open ones are read). Rows are written over the
    /// values already there, or over spare ones, so their string buffers are reused: after
    /// the first few cases, reading a row allocates nothing.
    fn take(&mut self, order_id: i64, into: &mut Vec<T>) -> Result<()> {
        self.take_with(order_id, into, None)
    }

    /// [`Cursor::take`], filling the rows of `order_id` with `lean` instead of the table's
    /// own `fill` when given (a row read ahead for a later order is always read in full: what
    /// that order needs is not known yet).
    fn take_with(&mut self, order_id: i64, into: &mut Vec<T>, lean: Option<records::Fill<T>>) -> Result<()> {
        let mut len = 0;
        match self.ahead.take() {
            Some((id, value)) if id == order_id => {
                match into.first_mut() {
                    Some(first) => self.spare.push(std::mem::replace(first, value)),
                    None => into.push(value),
                }
                len = 1;
            }
            Some((id, value)) if id > order_id => self.ahead = Some((id, value)),
            Some((_, value)) => self.spare.push(value),
            None => {}
        }
        if self.ahead.is_none() {
            while let Some(row) = self.rows.next()? {
                let id: i64 = row.get(self.id_column)?;
                if id < order_id {
                    continue;
                }
                let lean = lean.filter(|_| id == order_id);
                let fill = lean.unwrap_or(self.table.fill);
                let slot = if id > order_id { None } else { into.get_mut(len) };
                match slot {
                    Some(slot) => fill(row, slot)?,
                    None => {
                        let value = match (self.spare.pop(), lean) {
                            (Some(mut value), _) => {
                                fill(row, &mut value)?;
                                value
                            }
                            (None, None) => (self.table.read)(row)?,
                            // Only while the spare values warm up: read in full, then lean.
                            (None, Some(lean)) => {
                                let mut value = (self.table.read)(row)?;
                                lean(row, &mut value)?;
                                value
                            }
                        };
                        if id > order_id {
                            self.ahead = Some((id, value));
                            break;
                        }
                        into.push(value);
                    }
                }
                len += 1;
            }
        }
        self.spare.extend(into.drain(len..));
        Ok(())
    }
}

impl Db {
    /// Calls `visit` with every case whose order id is in `ids` (open ones only unless
    /// `all`), in order id order, read as far as `rules::assess` needs: statuses come
    /// without their row id, source and recording time (0, `manual`, empty), without the
    /// tracking number they name unless the case has several numbers, and the event-log
    /// head is left empty — statuses are most of a data home, and those columns
    /// are a good part of what reading them costs. Use [`Db::load_case`] for a whole case.
    /// The `&Case` is only valid during the call: its values are reused for the next case.
    ///
    /// All cursors live in one connection, so they read one snapshot of the database.
    pub fn each_case(
        &self,
        all: bool,
        ids: RangeInclusive<i64>,
        mut visit: impl FnMut(&Case) -> Result<()>,
    ) -> Result<()> {
        // Pages straight from the page cache instead of a pread copy each.
        self.conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        let clause = "t.order_id BETWEEN ?1 AND ?2";
        let mut orders = self.conn.prepare_cached(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders
             WHERE id BETWEEN ?1 AND ?2 AND (?3 OR outcome IS NULL) ORDER BY id"
        ))?;
        let status_table = &records::JUDGED_STATUSES;
        let (mut st_tracking, mut st_statuses, mut st_messages, mut st_evidence, mut st_flags) = (
            self.conn.prepare_cached(&records::TRACKING.select(clause))?,
            self.conn.prepare_cached(&status_table.select(clause))?,
            self.conn.prepare_cached(&records::MESSAGES.select(clause))?,
            self.conn.prepare_cached(&records::EVIDENCE.select(clause))?,
            self.conn.prepare_cached(&records::FLAGS.select(clause))?,
        );
        // The orders cursor opens first, so every cursor shares its read transaction.
        let mut order_rows = orders.query(rusqlite::params![ids.start(), ids.end(), all])?;
        let mut tracking = Cursor::new(&mut st_tracking, &records::TRACKING, &ids)?;
        let mut statuses = Cursor::new(&mut st_statuses, status_table, &ids)?;
        let mut messages = Cursor::new(&mut st_messages, &records::MESSAGES, &ids)?;
        let mut evidence = Cursor::new(&mut st_evidence, &records::EVIDENCE, &ids)?;
        let mut flags = Cursor::new(&mut st_flags, &records::FLAGS, &ids)?;
        let mut case: Option<Case> = None;
        while let Some(row) = order_rows.next()? {
            let (order, log) = (order_from_row(row)?, events::empty_head());
            let case = match case.as_mut() {
                Some(case) => {
                    case.order = order;
                    case.log = log;
                    case
                }
                None => case.insert(Case {
                    order,
                    tracking: Vec::new(),
                    statuses: Vec::new(),
                    messages: Vec::new(),
                    evidence: Vec::new(),
                    flags: Vec::new(),
                    log,
                }),
            };
            let id = case.order.id;
            tracking.take(id, &mut case.tracking)?;
            // Which number a status belongs to matters only when the case has several.
            let lean = (case.tracking.len() <= 1).then_some(records::fill_judged_status_untracked as records::Fill<_>);
            statuses.take_with(id, &mut case.statuses, lean)?;
            messages.take(id, &mut case.messages)?;
            evidence.take(id, &mut case.evidence)?;
            flags.take(id, &mut case.flags)?;
            visit(case)?;
        }
        Ok(())
    }

    /// Splits the order ids into at most `parts` consecutive ranges of equal width, each
    /// about `min_ids` ids wide or more (one range when there are fewer), in order and
    /// covering every id. Only the smallest and largest id are read (the rowid B-tree's
    /// ends): counting open cases would scan the orders table. Open cases are not spread
    /// evenly over ids (old orders are closed first), so callers hand ranges out as threads
    /// become free rather than one range per thread.
    pub fn case_ranges(&self, parts: usize, min_ids: i64) -> Result<Vec<RangeInclusive<i64>>> {
        let (low, high): (Option<i64>, Option<i64>) =
            self.conn.query_row("SELECT min(id), max(id) FROM orders", [], |row| Ok((row.get(0)?, row.get(1)?)))?;
        // Saturating: row ids can be any i64, and the arithmetic must not overflow.
        let count = high.zip(low).map_or(0, |(high, low)| high.saturating_sub(low).saturating_add(1));
        let parts = i64::try_from(parts).unwrap_or(1).min(count / min_ids.max(1)).max(1);
        let (Some(low), Some(high)) = (low, high) else { return Ok(vec![i64::MIN..=i64::MAX]) };
        let width = (high.saturating_sub(low) / parts).saturating_add(1).max(1);
        let mut ranges = Vec::new();
        let mut start = i64::MIN;
        for part in 1..parts {
            let bound = low.saturating_add(part.saturating_mul(width));
            if bound > high {
                break;
            }
            ranges.push(start..=bound - 1);
            start = bound;
        }
        ranges.push(start..=i64::MAX);
        Ok(ranges)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Db;

    /// Ranges cover every id once, in order, whatever the ids: none, a few, or the ends
    /// of i64 (where the width arithmetic would overflow).
    #[test]
    fn case_ranges_cover_every_id_once_at_any_ids() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("dossier.db")).unwrap();
        let insert = |id: i64| {
            db.conn
                .execute(
                    "INSERT INTO orders (id, uuid, platform, number, created_at) VALUES (?1, ?2, 'other', ?2, 'x')",
                    rusqlite::params![id, id.to_string()],
                )
                .unwrap();
        };
        let check = |parts: usize, min_ids: i64| {
            let ranges = db.case_ranges(parts, min_ids).unwrap();
            assert_eq!(*ranges[0].start(), i64::MIN);
            assert_eq!(*ranges[ranges.len() - 1].end(), i64::MAX);
            assert!(ranges.windows(2).all(|w| *w[0].end() + 1 == *w[1].start() && !w[0].is_empty()));
            assert!(ranges.len() <= parts.max(1));
            ranges.len()
        };
        assert_eq!(check(16, 100), 1, "no orders");
        (1..=1000).for_each(insert);
        assert_eq!(check(16, 100), 10, "at least 100 ids a range");
        assert_eq!(check(4, 100), 4);
        insert(i64::MIN + 1);
        insert(i64::MAX);
        check(16, 100);
        check(usize::MAX, 1);
    }
}
