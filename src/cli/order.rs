//! `dossier order add|list|show|edit|close`.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{Paint, table_text};
use super::{Ctx, code_parser, edit_text, edit_with, trimmed};
use crate::dates::When;
use crate::db::{FieldChange, OrderFields};
use crate::error::{Error, Result};
use crate::judge::Judged;
use crate::model::{
    Code, Evidence, Grams, LogHead, Message, Order, Outcome, Platform, SetFlag, TrackingNumber, normalize_tracking,
    parse_country, parse_currency, parse_price,
};

/// Order commands.
#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Record a new order (a case)
    Add {
        /// The platform [default: config order.platform]
        #[arg(long, value_parser = code_parser::<Platform>())]
        platform: Option<Platform>,
        /// The platform's order number
        #[arg(long)]
        number: String,
        #[command(flatten)]
        facts: OrderFacts,
    },
    /// List open orders (all with --all)
    List {
        /// Include closed orders
        #[arg(long)]
        all: bool,
    },
    /// Show everything recorded about an order
    Show {
        /// Local id, platform order number or tracking number
        order: String,
    },
    /// Change an order's facts (an empty value clears a field)
    Edit {
        /// Local id, platform order number or tracking number
        order: String,
        /// The platform
        #[arg(long, value_parser = code_parser::<Platform>())]
        platform: Option<Platform>,
        /// The platform's order number
        #[arg(long)]
        number: Option<String>,
        #[command(flatten)]
        facts: OrderFacts,
    },
    /// Close a case with its outcome
    Close {
        /// Local id, platform order number or tracking number
        order: String,
        /// How it ended
        #[arg(long, value_parser = code_parser::<Outcome>())]
        outcome: Outcome,
        /// A note about the outcome
        #[arg(long)]
        note: Option<String>,
    },
}

/// The optional facts shared by `order add` and `order edit`.
#[derive(Debug, Args)]
pub struct OrderFacts {
    /// What was bought
    #[arg(long)]
    item: Option<String>,
    /// The seller's store
    #[arg(long)]
    store: Option<String>,
    /// Price paid, e.g. 12.99
    #[arg(long, allow_hyphen_values = true)]
    price: Option<String>,
    /// Currency code, e.g. USD
    #[arg(long)]
    currency: Option<String>,
    /// When the order was placed
    #[arg(long, value_name = "DATE")]
    ordered: Option<String>,
    /// When the seller marked it shipped
    #[arg(long, value_name = "DATE")]
    shipped: Option<String>,
    /// Protection end date as shown by the platform
    #[arg(long, value_name = "DATE", conflicts_with = "protection_days")]
    protection_until: Option<String>,
    /// Protection length in days from shipment
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=730))]
    protection_days: Option<u16>,
    /// Destination country (ISO code, e.g. RU) [order add default: config buyer.country]
    #[arg(long)]
    country: Option<String>,
    /// Destination city [order add default: config buyer.city]
    #[arg(long)]
    city: Option<String>,
    /// Destination postcode [order add default: config buyer.postcode]
    #[arg(long)]
    postcode: Option<String>,
    /// The item's weight, e.g. 350g or 1.2kg
    #[arg(long, allow_hyphen_values = true)]
    weight: Option<String>,
    /// Shipping method
    #[arg(long)]
    shipping: Option<String>,
    /// A tracking number (repeat for more)
    #[arg(long = "track", value_name = "NUMBER")]
    track: Vec<String>,
    /// Accept an order or shipping date after now
    #[arg(long)]
    force: bool,
}

impl OrderFacts {
    fn fields(&self, ctx: &Ctx) -> Result<OrderFields> {
        let past = |what: &str, v: &str| ctx.past(what, v, self.force);
        Ok(OrderFields {
            platform: None,
            number: None,
            item: edit_text(self.item.as_ref()),
            store: edit_text(self.store.as_ref()),
            price: edit_with(self.price.as_ref(), parse_price)?,
            currency: edit_with(self.currency.as_ref(), parse_currency)?,
            ordered: edit_with(self.ordered.as_ref(), |v| past("--ordered", v))?,
            shipped: edit_with(self.shipped.as_ref(), |v| past("--shipped", v))?,
            protection_until: edit_with(self.protection_until.as_ref(), |v| ctx.when("--protection-until", v))?,
            protection_days: self.protection_days.map(|d| Some(i64::from(d))),
            country: edit_with(self.country.as_ref(), parse_country)?,
            city: edit_text(self.city.as_ref()),
            postcode: edit_text(self.postcode.as_ref()),
            weight: edit_with(self.weight.as_ref(), Grams::parse)?,
            shipping: edit_text(self.shipping.as_ref()),
            track: self.track.iter().map(|t| normalize_tracking(t)).collect::<Result<_>>()?,
        })
    }

    fn is_empty(&self) -> bool {
        let texts = [
            &self.item,
            &self.store,
            &self.price,
            &self.currency,
            &self.ordered,
            &self.shipped,
            &self.protection_until,
            &self.country,
            &self.city,
            &self.postcode,
            &self.weight,
            &self.shipping,
        ];
        texts.iter().all(|t| t.is_none()) && self.protection_days.is_none() && self.track.is_empty()
    }
}

fn order_number(input: &str) -> Result<String> {
    let number = input.trim();
    if number.is_empty() || number.chars().any(char::is_whitespace) {
        return Err(Error::invalid(
            format!("order number '{input}' should be one word without spaces"),
            "copy the order number from the platform's order page",
        ));
    }
    Ok(number.to_string())
}

/// Runs an order command.
pub fn run(ctx: &Ctx, cmd: OrderCommand) -> Result<()> {
    match cmd {
        OrderCommand::Add { platform, number, facts } => {
            let (mut fields, number) = (facts.fields(ctx)?, order_number(&number)?);
            let home = ctx.home()?;
            let config = home.config()?;
            // A flag given wins (even an empty one, which leaves the field out); a default
            // from `config set` fills only what was not given, and the report says so.
            let mut from_config = Vec::new();
            let platform = match platform {
                Some(platform) => platform,
                None => {
                    let code = config.get("order.platform").ok_or_else(|| {
                        Error::usage(
                            "order add needs --platform",
                            "give --platform aliexpress (or ebay, paypal, temu, joom, other), or set a default once: \
                             `dossier config set order.platform aliexpress`",
                        )
                    })?;
                    from_config.push(format!("platform {code}"));
                    Platform::from_code(code).ok_or_else(|| {
                        Error::invalid(format!("'{code}' is not a platform"), "check `dossier config list`")
                    })?
                }
            };
            // The buyer's address is one default: a country, city or postcode given on the
            // command line is another address, never completed with parts of this one.
            let address_given = [&fields.country, &fields.city, &fields.postcode].iter().any(|f| f.is_some());
            if !address_given {
                for (key, field, name) in [
                    ("buyer.country", &mut fields.country, "country"),
                    ("buyer.city", &mut fields.city, "city"),
                    ("buyer.postcode", &mut fields.postcode, "postcode"),
                ] {
                    if let Some(value) = config.get(key) {
                        *field = Some(Some(value.to_string()));
                        from_config.push(format!("{name} {value}"));
                    }
                }
            }
            let mut db = home.db()?;
            let order = db.add_order(platform, &number, &fields, &ctx.stamp())?;
            let case = db.load_case(&order)?;
            ctx.out.value(&case, || {
                let mut text = format!("recorded order {}: {} {}", order.id, order.platform, order.number);
                if let Some(item) = &order.item {
                    text.push_str(&format!(" ({item})"));
                }
                text.push('\n');
                if !from_config.is_empty() {
                    text.push_str(&format!("  from config: {}\n", from_config.join(", ")));
                }
                for t in &case.tracking {
                    let verdict = t.verdict.summary();
                    text.push_str(&format!("  tracking number {}: {verdict}\n", t.number));
                }
                text
            })
        }
        OrderCommand::List { all } => {
            let home = ctx.home()?;
            let (db, rules) = (home.read_db()?, home.rules()?);
            // Open cases are judged in one pass over the database (as `check --all` does);
            // only a closed one (with --all) is loaded on its own, for its stage.
            let mut open = std::collections::HashMap::new();
            crate::judge::each_open(&db, &rules, ctx.now, |judged| {
                let a = judged.assessment;
                open.insert(
                    a.order.id,
                    (a.stage, a.days_silent, Next { code: a.next_action.code, by: a.next_action.by }),
                );
                Ok(())
            })?;
            let orders = db
                .list_orders(all)?
                .into_iter()
                .map(|summary| {
                    let listed = match open.remove(&summary.order.id) {
                        Some((stage, days_silent, next)) => {
                            Listed { summary, stage, days_silent, next_action: Some(next) }
                        }
                        None => {
                            let stage = crate::judge::judge(&db, &rules, &summary.order, ctx.now)?.assessment.stage;
                            Listed { summary, stage, days_silent: None, next_action: None }
                        }
                    };
                    Ok(listed)
                })
                .collect::<Result<Vec<_>>>()?;
            ctx.out.value(&orders, || {
                if orders.is_empty() {
                    return if all {
                        "no orders yet; record one with `dossier order add`\n".into()
                    } else {
                        "no open orders (`dossier order list --all` includes closed ones; `dossier order add` records one)\n".into()
                    };
                }
                let mut table = ctx.out.table(&["ID", "ORDER NUMBER", "ITEM", "STAGE", "SILENT", "NEXT DEADLINE"]);
                for o in &orders {
                    let order = &o.summary.order;
                    table.add_row(vec![
                        order.id.to_string(),
                        order.number.clone(),
                        order.item.clone().unwrap_or_else(|| "—".into()),
                        o.stage.to_string(),
                        o.days_silent
                            .map(|d| super::output::count(usize::try_from(d).unwrap_or_default(), "day", "days"))
                            .unwrap_or_default(),
                        o.next_action.as_ref().map_or_else(|| state(order), |n| n.by.to_string()),
                    ]);
                }
                table_text(&table)
            })
        }
        OrderCommand::Show { order } => {
            let home = ctx.home()?;
            let (db, rules) = (home.read_db()?, home.rules()?);
            let judged = crate::judge::judge(&db, &rules, &db.resolve_order(&order)?, ctx.now)?;
            let case = &judged.case;
            let shown = ShownCase {
                order: &case.order,
                tracking: &case.tracking,
                statuses: super::status::views(&case.statuses, &judged.stages),
                messages: &case.messages,
                evidence: &case.evidence,
                flags: &case.flags,
                log: &case.log,
            };
            ctx.out.value(&shown, || show_case(ctx, &judged))
        }
        OrderCommand::Edit { order, platform, number, facts } => {
            if platform.is_none() && number.is_none() && facts.is_empty() {
                return Err(Error::usage(
                    "nothing to change",
                    "give the fields to change, e.g. `dossier order edit 1 --city Kazan`",
                ));
            }
            let mut fields = facts.fields(ctx)?;
            fields.platform = platform;
            fields.number = number.as_deref().map(order_number).transpose()?;
            let mut db = ctx.home()?.db()?;
            let current = db.resolve_order(&order)?;
            let (edited, changes, added_tracking) = db.edit_order(&current, &fields, &ctx.stamp())?;
            #[derive(Serialize)]
            struct Edited<'a> {
                order: &'a Order,
                changes: &'a [FieldChange],
                added_tracking: &'a [String],
            }
            let result = Edited { order: &edited, changes: &changes, added_tracking: &added_tracking };
            ctx.out.value(&result, || {
                if changes.is_empty() && added_tracking.is_empty() {
                    return format!("order {}: nothing changed\n", edited.id);
                }
                let mut text = format!("order {} changed:\n", edited.id);
                for c in &changes {
                    let (from, to) = (json_text(&c.from), json_text(&c.to));
                    text.push_str(&format!("  {}: {from} → {to}\n", c.field));
                }
                for number in &added_tracking {
                    text.push_str(&format!("  tracking number {number} added\n"));
                }
                text
            })
        }
        OrderCommand::Close { order, outcome, note } => {
            let mut db = ctx.home()?.db()?;
            let current = db.resolve_order(&order)?;
            let closed = db.close_order(&current, outcome, trimmed(note.as_deref()), &ctx.stamp())?;
            ctx.out.value(&closed, || match current.outcome {
                Some(previous) => format!("order {} outcome changed from {previous} to {outcome}\n", closed.id),
                None => format!("closed order {} as {outcome}\n", closed.id),
            })
        }
    }
}

/// One line of `order list`: the order, and where its case stands now.
#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    summary: crate::db::OrderSummary,
    /// The stage in force.
    stage: crate::model::Stage,
    /// Whole days since the latest status (none for a closed case).
    days_silent: Option<i64>,
    /// What to do next and by when; none for a closed case.
    next_action: Option<Next>,
}

/// The next action's code and date.
#[derive(Serialize)]
struct Next {
    code: crate::model::ActionCode,
    by: chrono::NaiveDate,
}

/// `order show --json`: the case with each status's stage in force (as `status list`).
#[derive(Serialize)]
struct ShownCase<'a> {
    order: &'a Order,
    tracking: &'a [TrackingNumber],
    statuses: Vec<super::status::StatusView<'a>>,
    messages: &'a [Message],
    evidence: &'a [Evidence],
    flags: &'a [SetFlag],
    log: &'a LogHead,
}

fn state(order: &Order) -> String {
    order.outcome.map_or_else(|| "open".to_string(), |o| format!("closed: {o}"))
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "(none)".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn show_case(ctx: &Ctx, judged: &Judged) -> String {
    let case = &judged.case;
    let o = &case.order;
    let bold = |t: &str| ctx.out.paint(Paint::Bold, t);
    let mut text = format!("{} {} {} — {}\n", bold(&format!("order {}", o.id)), o.platform, o.number, state(o));
    let mut fact = |label: &str, value: Option<String>| {
        if let Some(value) = value {
            // One line per fact: a line break in a typed item or city is shown, not obeyed.
            text.push_str(&format!("  {label:<12} {}\n", super::output::visible(&value)));
        }
    };
    fact("item", o.item.clone());
    fact("store", o.store.clone());
    fact("price", o.price.as_ref().map(|p| format!("{p} {}", o.currency.as_deref().unwrap_or("")).trim().to_string()));
    fact("ordered", o.ordered.map(|w| w.to_string()));
    fact("shipped", o.shipped.map(|w| w.to_string()));
    fact(
        "protection",
        o.protection_until
            .map(|w| format!("until {w}"))
            .or(o.protection_days.map(|d| format!("{d} days from shipment"))),
    );
    let place = [o.postcode.clone(), o.city.clone(), o.country.clone()].into_iter().flatten().collect::<Vec<_>>();
    fact("deliver to", (!place.is_empty()).then(|| place.join(", ")));
    fact("weight", o.weight_grams.map(|g| g.to_string()));
    fact("shipping", o.shipping.clone());
    fact(
        "closed",
        o.closed_at.as_ref().map(|at| {
            let at = When::from_storage(at).map_or_else(|| at.clone(), |w| w.to_string());
            match &o.close_note {
                Some(note) => format!("{at} ({note})"),
                None => at,
            }
        }),
    );
    fact("case id", Some(o.uuid.clone()));

    text.push_str(&format!("\n{}\n", bold("tracking numbers")));
    if case.tracking.is_empty() {
        text.push_str("  none yet: `dossier track add` records one\n");
    }
    for t in &case.tracking {
        let extra = [t.carrier.clone(), t.note.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        text.push_str(format!("  {} {extra}", t.number).trim_end());
        text.push_str(&format!("\n    {}\n", t.verdict.summary()));
    }

    text.push_str(&format!("\n{} ({})\n", bold("statuses"), case.statuses.len()));
    if case.statuses.is_empty() {
        text.push_str("  none yet: `dossier status add` records one\n");
    } else {
        text.push_str(&super::status::table(ctx, &super::status::views(&case.statuses, &judged.stages)));
    }

    text.push_str(&format!("\n{} ({})\n", bold("messages"), case.messages.len()));
    if !case.messages.is_empty() {
        let mut table = ctx.out.table(&["ID", "WHEN", "FROM", "TEXT", "REF"]);
        for m in &case.messages {
            table.add_row(vec![
                m.id.to_string(),
                m.at.compact(),
                m.from.to_string(),
                m.text.clone(),
                m.evidence.clone().unwrap_or_default(),
            ]);
        }
        text.push_str(&table_text(&table));
    }

    text.push_str(&format!("\n{} ({})\n", bold("evidence"), case.evidence.len()));
    if !case.evidence.is_empty() {
        text.push_str(&super::evidence::evidence_table(ctx, &case.evidence));
    }

    if !case.flags.is_empty() {
        text.push_str(&format!("\n{}\n", bold("flags set by you")));
        for f in &case.flags {
            let note = f.note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default();
            text.push_str(&format!("  {}{note}\n", f.code));
        }
    }
    text.push_str(&format!(
        "\n{}\n",
        ctx.out.paint(Paint::Dim, &format!("event log: {} entries\n  head {}", case.log.entries, case.log.head))
    ));
    text
}
