//! Buyer protection: when it ends, from what the user entered and the platform's rules
//! (domain.md §3), shortened by a "delivered" status.
//!
//! Invariants: pure — `now` and the case come in, a value goes out. What the buyer typed
//! (`--protection-until`, or `--protection-days`) is the platform's own word and is used as
//! it is: nothing replaces it, not even a "delivered" status. Estimates (platform defaults,
//! and AliExpress's cut after "delivered") are used only when nothing was typed, and say so.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::config::Rules;
use crate::dates::When;
use crate::model::{Order, Platform};

/// The protection deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Protection {
    /// The last day of protection (as the platform counts it).
    pub until: NaiveDate,
    /// Whole days from now's date to `until` (negative once it has passed).
    pub days_left: i64,
    /// True when no end date was entered and it is worked out from platform defaults.
    pub estimated: bool,
    /// How the date was worked out, in a sentence.
    pub basis: String,
    /// True when a "delivered" status cut it short.
    pub cut_by_delivery: bool,
    /// The same basis, typed, for texts worded elsewhere (the dossier).
    #[serde(skip)]
    pub source: Basis,
    /// When cut short: the days allowed after "delivered", and that status's date.
    #[serde(skip)]
    pub cut: Option<(i64, NaiveDate)>,
}

/// Where the protection end comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The end date typed from the order page.
    Typed,
    /// A number of days typed, counted from the shipment (or the order) on `start`.
    Days { days: i64, from_shipment: bool, start: NaiveDate },
    /// The platform's usual number of days from `start`: an estimate.
    Default { days: i64, from_shipment: bool, start: NaiveDate },
}

/// Works out the protection end, or `None` when nothing entered allows it.
pub fn protection(order: &Order, delivered: Option<When>, rules: &Rules, today: NaiveDate) -> Option<Protection> {
    let (mut until, mut estimated, mut basis, source) = base(order, rules)?;
    let mut cut_by_delivery = false;
    let mut cut_at = None;
    // Only AliExpress is known to cut the remaining time after a "delivered" scan (eBay's and
    // PayPal's guarantees are not cut), and a typed date already is the platform's answer.
    let typed = order.protection_until.is_some() || order.protection_days.is_some();
    if let Some(delivered) = delivered.filter(|_| !typed && order.platform == Platform::AliExpress) {
        let days = rules.days("protection.delivered_autoclose");
        if let Some(cut) = add_days(delivered.date(), days).filter(|cut| *cut < until) {
            until = cut;
            estimated = true;
            cut_by_delivery = true;
            cut_at = Some((days, delivered.date()));
            basis = format!(
                "{basis}; AliExpress usually cuts it to {days} days after a \"delivered\" status (here {}), so it is estimated to end on {cut}",
                delivered.date()
            );
        }
    }
    Some(Protection {
        until,
        days_left: (until - today).num_days(),
        estimated,
        basis,
        cut_by_delivery,
        source,
        cut: cut_at,
    })
}

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::try_from(days).ok()?))
}

fn base(order: &Order, rules: &Rules) -> Option<(NaiveDate, bool, String, Basis)> {
    if let Some(until) = order.protection_until {
        return Some((until.date(), false, "end date entered from the order page".into(), Basis::Typed));
    }
    let start = order.shipped.map(|s| (s.date(), "shipment")).or(order.ordered.map(|o| (o.date(), "order")));
    if let Some(days) = order.protection_days {
        let (start, from) = start?;
        let source = Basis::Days { days, from_shipment: from == "shipment", start };
        return Some((add_days(start, days)?, false, format!("{days} days from {from} ({})", start), source));
    }
    // Platform defaults: an estimate, said to be one.
    let (key, from_shipment) = match order.platform {
        Platform::AliExpress => match order.country.as_deref() {
            Some("RU") => ("protection.aliexpress_ru", true),
            Some("BR") => ("protection.aliexpress_br", true),
            _ => ("protection.aliexpress", true),
        },
        Platform::Ebay => ("protection.ebay", false),
        Platform::PayPal => ("protection.paypal", false),
        Platform::Temu => ("protection.temu", false),
        Platform::Joom => ("protection.joom", false),
        Platform::Other => return None,
    };
    let (start, from) = if from_shipment { start? } else { order.ordered.map(|o| (o.date(), "order")).or(start)? };
    let days = rules.days(key);
    Some((
        add_days(start, days)?,
        true,
        format!(
            "estimated: {} default of {days} days from {from} ({}); enter the real date with --protection-until",
            order.platform, start
        ),
        Basis::Default { days, from_shipment: from == "shipment", start },
    ))
}
