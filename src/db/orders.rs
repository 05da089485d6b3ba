//! Orders: adding, editing, closing, finding by reference, listing, and loading a whole case.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use serde_json::{Value, json};

use super::{Db, events, records};
use crate::dates::When;
use crate::error::{Error, Result};
use crate::model::{Case, Code, Grams, Order, Outcome, Platform, Reuse};

pub(super) const ORDER_COLUMNS: &str = "id, uuid, platform, number, item, store, price, currency, ordered, shipped, \
     protection_until, protection_days, country, city, postcode, weight_grams, shipping, outcome, \
     close_note, closed_at, created_at";

/// The facts of an order as given on the command line. For `edit`, `None` leaves a field
/// alone and `Some(None)` clears it; for `add`, both mean "not given".
#[derive(Debug, Default, Clone)]
#[allow(clippy::option_option)]
pub struct OrderFields {
    /// The platform (required to add).
    pub platform: Option<Platform>,
    /// The platform's order number (required to add).
    pub number: Option<String>,
    /// What was bought.
    pub item: Option<Option<String>>,
    /// The store.
    pub store: Option<Option<String>>,
    /// Canonical price text.
    pub price: Option<Option<String>>,
    /// ISO currency.
    pub currency: Option<Option<String>>,
    /// Order date.
    pub ordered: Option<Option<When>>,
    /// Shipment date.
    pub shipped: Option<Option<When>>,
    /// Protection end date.
    pub protection_until: Option<Option<When>>,
    /// Protection length in days.
    pub protection_days: Option<Option<i64>>,
    /// Destination country.
    pub country: Option<Option<String>>,
    /// Destination city.
    pub city: Option<Option<String>>,
    /// Destination postcode.
    pub postcode: Option<Option<String>>,
    /// The item's weight.
    pub weight: Option<Option<Grams>>,
    /// Shipping method.
    pub shipping: Option<Option<String>>,
    /// Tracking numbers to attach (normalised).
    pub track: Vec<String>,
}

/// One changed field of an order, as reported by `order edit`.
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    /// Field name as in the JSON of an order.
    pub field: String,
    /// The old value.
    pub from: Value,
    /// The new value.
    pub to: Value,
}

/// One line of `order list`.
#[derive(Debug, Clone, Serialize)]
pub struct OrderSummary {
    /// The order's facts.
    #[serde(flatten)]
    pub order: Order,
    /// Its tracking numbers.
    pub tracking: Vec<String>,
    /// How many statuses it has.
    pub statuses: i64,
    /// The latest status by event time.
    pub last_status: Option<LastStatus>,
}

/// The latest status of an order, for listings.
#[derive(Debug, Clone, Serialize)]
pub struct LastStatus {
    /// When it happened.
    pub at: When,
    /// Its text.
    pub text: String,
}

impl Db {
    /// Finds an order by local id or platform order number.
    pub fn resolve_order(&self, reference: &str) -> Result<Order> {
        let reference = reference.trim();
        let id: Option<i64> = reference.parse().ok();
        // A tracking number is written as the carrier prints it, in capitals, spaces left out.
        let tracking: String = reference.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?1 OR number = ?2
             OR id IN (SELECT order_id FROM tracking_numbers WHERE number = ?3) ORDER BY id"
        ))?;
        let found: Vec<Order> =
            stmt.query_map(params![id, reference, tracking], order_from_row)?.collect::<rusqlite::Result<_>>()?;
        match found.len() {
            0 => Err(Error::UnknownOrder { reference: reference.to_string(), suggestions: self.near(&tracking)? }),
            1 => Ok(found.into_iter().next().expect("one element")),
            _ => Err(Error::AmbiguousOrder {
                reference: reference.to_string(),
                candidates: found
                    .iter()
                    .map(|o| format!("order {} ({} {})", o.id, o.platform, o.number))
                    .collect::<Vec<_>>()
                    .join(", "),
                ids: found.iter().map(|o| o.id).collect(),
            }),
        }
    }

    /// Orders whose number or tracking number is within one typo (a wrong, missing, extra or
    /// swapped character; two for numbers of 10 characters or more) of `typed`, closest
    /// first, at most three.
    fn near(&self, typed: &str) -> Result<Vec<String>> {
        if typed.chars().count() < 4 {
            return Ok(Vec::new());
        }
        let allowed = if typed.chars().count() >= 10 { 2 } else { 1 };
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.platform, o.number, o.number FROM orders o
             UNION ALL SELECT o.id, o.platform, o.number, t.number FROM tracking_numbers t JOIN orders o ON o.id = t.order_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut close: Vec<(usize, i64, String)> = Vec::new();
        for row in rows {
            let (id, platform, number, candidate) = row?;
            let distance = typo_distance(typed, &candidate.to_uppercase());
            if distance > allowed {
                continue;
            }
            // An order counts once, by whichever of its numbers is closest.
            let via = if candidate == number { String::new() } else { format!(", tracking number {candidate}") };
            let text = format!("order {id} ({platform} {number}{via})");
            match close.iter_mut().find(|(_, seen, _)| *seen == id) {
                Some(entry) if distance < entry.0 => *entry = (distance, id, text),
                Some(_) => {}
                None => close.push((distance, id, text)),
            }
        }
        close.sort_by_key(|(distance, id, _)| (*distance, *id));
        Ok(close.into_iter().take(3).map(|(_, _, text)| text).collect())
    }

    /// Records a new order with its tracking numbers.
    pub fn add_order(&mut self, platform: Platform, number: &str, fields: &OrderFields, now: &str) -> Result<Order> {
        let tx = self.write()?;
        check_unique(&tx, platform, number, None)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let mut order = Order {
            id: 0,
            uuid,
            platform,
            number: number.to_string(),
            item: None,
            store: None,
            price: None,
            currency: None,
            ordered: None,
            shipped: None,
            protection_until: None,
            protection_days: None,
            country: None,
            city: None,
            postcode: None,
            weight_grams: None,
            shipping: None,
            outcome: None,
            close_note: None,
            closed_at: None,
            created_at: now.to_string(),
        };
        apply(&mut order, fields);
        tx.execute(
            "INSERT INTO orders (uuid, platform, number, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![order.uuid, order.platform.code(), order.number, now],
        )?;
        order.id = tx.last_insert_rowid();
        write_order(&tx, &order)?;
        events::append(&tx, order.id, &order.uuid, "order.add", &json!({ "order": order }), now)?;
        for number in &fields.track {
            records::insert_tracking(&tx, &order, number, None, None, now)?;
        }
        tx.commit()?;
        Ok(order)
    }

    /// Changes an order's facts; returns the new order and what changed.
    pub fn edit_order(
        &mut self,
        order: &Order,
        fields: &OrderFields,
        now: &str,
    ) -> Result<(Order, Vec<FieldChange>, Vec<String>)> {
        let tx = self.write()?;
        let mut edited = order.clone();
        apply(&mut edited, fields);
        if edited.platform != order.platform || edited.number != order.number {
            check_unique(&tx, edited.platform, &edited.number, Some(order.id))?;
        }
        let changes = diff(order, &edited);
        if !changes.is_empty() {
            write_order(&tx, &edited)?;
            let data: serde_json::Map<String, Value> =
                changes.iter().map(|c| (c.field.clone(), json!({"from": c.from, "to": c.to}))).collect();
            events::append(&tx, order.id, &order.uuid, "order.edit", &json!({ "changes": data }), now)?;
        }
        let mut added = Vec::new();
        for number in &fields.track {
            if records::insert_tracking(&tx, &edited, number, None, None, now)?.is_some() {
                added.push(number.clone());
            }
        }
        tx.commit()?;
        Ok((edited, changes, added))
    }

    /// Closes a case with an outcome (closing again changes the outcome).
    pub fn close_order(&mut self, order: &Order, outcome: Outcome, note: Option<&str>, now: &str) -> Result<Order> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE orders SET outcome = ?2, close_note = ?3, closed_at = ?4 WHERE id = ?1",
            params![order.id, outcome.code(), note.or(order.close_note.as_deref()), now],
        )?;
        events::append(
            &tx,
            order.id,
            &order.uuid,
            "order.close",
            &json!({"outcome": outcome, "note": note, "previous_outcome": order.outcome}),
            now,
        )?;
        let closed = load_order(&tx, order.id)?;
        tx.commit()?;
        Ok(closed)
    }

    /// Orders for `order list`: open ones, or all with `all`.
    pub fn list_orders(&self, all: bool) -> Result<Vec<OrderSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ORDER_COLUMNS},
                (SELECT group_concat(number, ' ') FROM
                    (SELECT number FROM tracking_numbers t WHERE t.order_id = orders.id ORDER BY t.id)),
                (SELECT count(*) FROM statuses s WHERE s.order_id = orders.id),
                (SELECT s.at || char(31) || s.text FROM statuses s WHERE s.order_id = orders.id
                    ORDER BY s.at_sort DESC, s.id DESC LIMIT 1)
             FROM orders WHERE ?1 OR outcome IS NULL ORDER BY id"
        ))?;
        let rows = stmt.query_map([all], |row| {
            let order = order_from_row(row)?;
            let tracking: Option<String> = row.get(21)?;
            let last: Option<String> = row.get(23)?;
            let last_status = last.and_then(|joined| {
                let (at, text) = joined.split_once('\u{1f}')?;
                Some(LastStatus { at: When::from_storage(at)?, text: text.to_string() })
            });
            Ok(OrderSummary {
                order,
                tracking: tracking.map(|t| t.split(' ').map(str::to_string).collect()).unwrap_or_default(),
                statuses: row.get(22)?,
                last_status,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything recorded about one order.
    pub fn load_case(&self, order: &Order) -> Result<Case> {
        Ok(Case {
            order: order.clone(),
            tracking: records::rows_of(&self.conn, order.id, &records::TRACKING)?,
            statuses: records::rows_of(&self.conn, order.id, &records::STATUSES)?,
            messages: records::rows_of(&self.conn, order.id, &records::MESSAGES)?,
            evidence: records::rows_of(&self.conn, order.id, &records::EVIDENCE)?,
            flags: records::rows_of(&self.conn, order.id, &records::FLAGS)?,
            log: events::head(&self.conn, order.id)?,
        })
    }

    /// Other orders that hold one of this order's tracking numbers, by number and order id:
    /// index lookups of this order's numbers, never a scan of the home.
    pub fn other_owners(&self, order_id: i64) -> Result<Vec<Reuse>> {
        records::rows_of(&self.conn, order_id, &records::OTHER_OWNERS)
    }
}

fn check_unique(conn: &Connection, platform: Platform, number: &str, except: Option<i64>) -> Result<()> {
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM orders WHERE platform = ?1 AND number = ?2 AND id IS NOT ?3",
            params![platform.code(), number, except],
            |row| row.get(0),
        )
        .optional()?;
    match existing {
        Some(existing) => {
            Err(Error::DuplicateOrder { platform: platform.code().to_string(), number: number.to_string(), existing })
        }
        None => Ok(()),
    }
}

fn apply(order: &mut Order, f: &OrderFields) {
    fn set<T: Clone>(slot: &mut T, value: Option<&T>) {
        if let Some(value) = value {
            slot.clone_from(value);
        }
    }
    set(&mut order.platform, f.platform.as_ref());
    set(&mut order.number, f.number.as_ref());
    set(&mut order.item, f.item.as_ref());
    set(&mut order.store, f.store.as_ref());
    set(&mut order.price, f.price.as_ref());
    set(&mut order.currency, f.currency.as_ref());
    set(&mut order.ordered, f.ordered.as_ref());
    set(&mut order.shipped, f.shipped.as_ref());
    set(&mut order.country, f.country.as_ref());
    set(&mut order.city, f.city.as_ref());
    set(&mut order.postcode, f.postcode.as_ref());
    set(&mut order.weight_grams, f.weight.as_ref());
    set(&mut order.shipping, f.shipping.as_ref());
    // The two ways of giving protection exclude each other: the newer one wins.
    if let Some(until) = f.protection_until {
        order.protection_until = until;
        order.protection_days = None;
    }
    if let Some(days) = f.protection_days {
        order.protection_days = days;
        order.protection_until = None;
    }
}

fn diff(old: &Order, new: &Order) -> Vec<FieldChange> {
    let (Ok(Value::Object(old)), Ok(Value::Object(new))) = (serde_json::to_value(old), serde_json::to_value(new))
    else {
        return Vec::new();
    };
    new.into_iter()
        .filter_map(|(field, to)| {
            let from = old.get(&field).cloned().unwrap_or(Value::Null);
            (from != to).then_some(FieldChange { field, from, to })
        })
        .collect()
}

fn write_order(conn: &Connection, o: &Order) -> Result<()> {
    conn.execute(
        "UPDATE orders SET platform = ?2, number = ?3, item = ?4, store = ?5, price = ?6, currency = ?7,
            ordered = ?8, shipped = ?9, protection_until = ?10, protection_days = ?11, country = ?12,
            city = ?13, postcode = ?14, weight_grams = ?15, shipping = ?16 WHERE id = ?1",
        params![
            o.id,
            o.platform.code(),
            o.number,
            o.item,
            o.store,
            o.price,
            o.currency,
            o.ordered.map(|w| w.to_storage()),
            o.shipped.map(|w| w.to_storage()),
            o.protection_until.map(|w| w.to_storage()),
            o.protection_days,
            o.country,
            o.city,
            o.postcode,
            o.weight_grams.map(|g| g.0),
            o.shipping,
        ],
    )?;
    Ok(())
}

pub(super) fn load_order(conn: &Connection, id: i64) -> Result<Order> {
    Ok(conn.query_row(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?1"), [id], order_from_row)?)
}

pub(super) fn order_from_row(row: &Row<'_>) -> rusqlite::Result<Order> {
    Ok(Order {
        id: row.get(0)?,
        uuid: row.get(1)?,
        platform: code_col(row, 2)?,
        number: row.get(3)?,
        item: row.get(4)?,
        store: row.get(5)?,
        price: row.get(6)?,
        currency: row.get(7)?,
        ordered: when_col(row, 8)?,
        shipped: when_col(row, 9)?,
        protection_until: when_col(row, 10)?,
        protection_days: row.get(11)?,
        country: row.get(12)?,
        city: row.get(13)?,
        postcode: row.get(14)?,
        weight_grams: row.get::<_, Option<f64>>(15)?.map(Grams),
        shipping: row.get(16)?,
        outcome: opt_code_col(row, 17)?,
        close_note: row.get(18)?,
        closed_at: row.get(19)?,
        created_at: row.get(20)?,
    })
}

fn corrupt(idx: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        format!("unexpected stored value '{text}'").into(),
    )
}

/// Borrows an optional TEXT column: moments and codes are parsed from it without a copy.
fn str_col<'r>(row: &'r Row<'_>, idx: usize) -> rusqlite::Result<Option<&'r str>> {
    row.get_ref(idx)?
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.into()))
}

/// Borrows a required TEXT column.
fn req_str_col<'r>(row: &'r Row<'_>, idx: usize) -> rusqlite::Result<&'r str> {
    str_col(row, idx)?.ok_or(rusqlite::Error::InvalidColumnType(idx, String::new(), rusqlite::types::Type::Null))
}

/// Reads an optional stored moment.
pub(super) fn when_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<When>> {
    str_col(row, idx)?.map(|t| When::from_storage(t).ok_or_else(|| corrupt(idx, t))).transpose()
}

/// Reads a required stored moment.
pub(super) fn req_when_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<When> {
    let text = req_str_col(row, idx)?;
    When::from_storage(text).ok_or_else(|| corrupt(idx, text))
}

/// Reads a required stored code.
pub(super) fn code_col<T: Code>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text = req_str_col(row, idx)?;
    T::from_code(text).ok_or_else(|| corrupt(idx, text))
}

/// Reads an optional stored code.
pub(super) fn opt_code_col<T: Code>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>> {
    str_col(row, idx)?.map(|t| T::from_code(t).ok_or_else(|| corrupt(idx, t))).transpose()
}

/// The number of single-character edits (change, insert, delete, swap of neighbours) from
/// `a` to `b` (optimal string alignment).
fn typo_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 2 {
        return usize::MAX;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}
