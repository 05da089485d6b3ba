//! `dossier check`, `agenda`, `advise`, `rules` and `calendar`: the judgement of the rules
//! module, rendered.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{OnceLock, mpsc};

use chrono::{Duration, NaiveDate};
use clap::Args;
use serde::Serialize;

use super::output::{Paint, clip, table_text};
use super::{Ctx, code_parser};
use crate::dates::Ymd;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{Case, Code, Order, Severity};
use crate::rules::{self, Assessment, Reuse, Rules, Template};

/// `check` arguments.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Local id or platform order number (default: every open case)
    #[arg(conflicts_with = "all")]
    order: Option<String>,
    /// Every open case
    #[arg(long)]
    all: bool,
    /// Exit with code 3 when a critical red flag is found
    #[arg(long)]
    strict: bool,
}

/// `advise` arguments.
#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// Local id or platform order number
    order: String,
    /// Write this message instead of the one the next action calls for
    #[arg(long, value_name = "NAME", value_parser = code_parser::<Template>())]
    template: Option<Template>,
}

/// `calendar` arguments.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Write the calendar to this file instead of stdout
    #[arg(short, long, value_name = "FILE.ics")]
    output: Option<PathBuf>,
}

/// Other orders holding each of this case's tracking numbers.
fn reuses(case: &Case, shared: &std::collections::HashMap<String, Vec<i64>>) -> Vec<Reuse> {
    case.tracking
        .iter()
        .filter_map(|t| shared.get(&t.number).map(|orders| (t, orders)))
        .flat_map(|(t, orders)| {
            orders.iter().filter(|o| **o != case.order.id).map(|o| Reuse { number: t.number.clone(), other_order: *o })
        })
        .collect()
}

/// Loads one case and judges it at `ctx.now`.
pub(super) fn judge_one(ctx: &Ctx, db: &Db, rules: &Rules, order: &Order) -> Result<(Case, Assessment)> {
    let case = db.load_case(order)?;
    let shared = db.shared_tracking_numbers()?;
    let assessment = rules::assess(&case, &reuses(&case, &shared), rules, ctx.now);
    Ok((case, assessment))
}

/// Judges every open case and hands `each` what `map` makes of it, in order id order.
///
/// The open cases are split into ranges of ids (several per core, when there are enough
/// cases to be worth it), and the threads take the next range as they become free: this
/// thread with its connection, the others each with their own read-only one. A range is
/// printed as soon as every range before it has been; this thread's range is passed to
/// `each` case by case when it is the next to print, and kept until its turn otherwise.
///
/// The other threads are started first and open their connections while this one finds
/// the shared tracking numbers; they wait for those only when they judge their first case.
fn assess_open<R: Send>(
    ctx: &Ctx,
    db: &Db,
    rules: &Rules,
    map: impl Fn(&Case, Assessment) -> Result<R> + Sync,
    mut each: impl FnMut(R) -> Result<()>,
) -> Result<()> {
    /// Ranges narrower than this many order ids cost more to set up than they save.
    const MIN_IDS_PER_RANGE: i64 = 100;
    /// Ranges per thread: enough to even out uneven ranges, few enough to stay cheap.
    const RANGES_PER_THREAD: usize = 16;
    type Shared = HashMap<String, Vec<i64>>;
    let judge = |case: &Case, shared: &Shared| rules::assess(case, &reuses(case, shared), rules, ctx.now);
    // DOSSIER_THREADS caps the threads (1 to 64); by default one per core, at most 8.
    let threads = std::env::var("DOSSIER_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from).min(8))
        .clamp(1, 64);
    if threads == 1 {
        let shared = db.shared_tracking_numbers()?;
        return db.each_case(false, i64::MIN..=i64::MAX, |case| each(map(case, judge(case, &shared))?));
    }
    let ranges = db.case_ranges(threads * RANGES_PER_THREAD, MIN_IDS_PER_RANGE)?;
    let next = AtomicUsize::new(0);
    // None when reading them failed: the other threads then stop, and this one reports it.
    let shared_once: OnceLock<Option<Shared>> = OnceLock::new();
    let (sender, results) = mpsc::channel::<(usize, Result<Vec<R>>)>();
    std::thread::scope(|scope| {
        /// Lets the other threads go however this one leaves (error or panic): they take
        /// no further range, and stop waiting for the shared numbers.
        struct Release<'a, T> {
            next: &'a AtomicUsize,
            ranges: usize,
            shared: &'a OnceLock<Option<T>>,
        }
        impl<T> Drop for Release<'_, T> {
            fn drop(&mut self) {
                self.next.store(self.ranges, Ordering::Relaxed);
                let _ = self.shared.set(None);
            }
        }
        let _release = Release { next: &next, ranges: ranges.len(), shared: &shared_once };
        for _ in 1..threads.min(ranges.len()) {
            let (sender, readers) = (sender.clone(), db.readers());
            let (next, ranges, map, judge, shared_once) = (&next, &ranges, &map, &judge, &shared_once);
            // A thread the system refuses (a limit on processes) is simply not there: the
            // ranges go to the threads that did start, this one included.
            let started = std::thread::Builder::new().spawn_scoped(scope, move || {
                let reader = match readers.open() {
                    Ok(reader) => reader,
                    Err(e) => return drop(sender.send((usize::MAX, Err(e)))),
                };
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(ids) = ranges.get(index) else { return };
                    let Some(shared) = shared_once.wait() else { return };
                    let mut done = Vec::new();
                    let read = reader.each_case(false, ids.clone(), |case| {
                        done.push(map(case, judge(case, shared))?);
                        Ok(())
                    });
                    if sender.send((index, read.map(|()| done))).is_err() {
                        return;
                    }
                }
            });
            if started.is_err() {
                break;
            }
        }
        drop(sender);
        (|| {
            let shared = db.shared_tracking_numbers()?;
            // Only this thread sets it, so it holds what was just read.
            let shared = shared_once
                .get_or_init(|| Some(shared))
                .as_ref()
                .ok_or_else(|| Error::Corrupt("shared tracking numbers unset".into()))?;
            let mut waiting: BTreeMap<usize, Vec<R>> = BTreeMap::new();
            let mut printed = 0;
            while printed < ranges.len() {
                if let Some(done) = waiting.remove(&printed) {
                    done.into_iter().try_for_each(&mut each)?;
                    printed += 1;
                    continue;
                }
                let index = next.fetch_add(1, Ordering::Relaxed);
                match ranges.get(index) {
                    Some(ids) if index == printed => {
                        db.each_case(false, ids.clone(), |case| each(map(case, judge(case, shared))?))?;
                        printed += 1;
                    }
                    Some(ids) => {
                        let mut done = Vec::new();
                        db.each_case(false, ids.clone(), |case| {
                            done.push(map(case, judge(case, shared))?);
                            Ok(())
                        })?;
                        waiting.insert(index, done);
                    }
                    None => {
                        let (index, done) =
                            results.recv().map_err(|_| Error::Corrupt("a worker thread stopped".into()))?;
                        waiting.insert(index, done?);
                    }
                }
                while let Ok((index, done)) = results.try_recv() {
                    waiting.insert(index, done?);
                }
            }
            Ok(())
        })()
    })
}

/// Runs `check`.
pub fn run_check(ctx: &Ctx, args: &CheckArgs) -> Result<()> {
    let home = ctx.home()?;
    let (db, rules) = (home.db()?, home.rules()?);
    let criticals = |a: &Assessment| a.flags.iter().filter(|f| f.severity == Severity::Critical).count();
    let critical = match &args.order {
        Some(reference) => {
            let (_, one) = judge_one(ctx, &db, &rules, &db.resolve_order(reference)?)?;
            ctx.out.value(&one, || render_assessment(ctx, &one))?;
            criticals(&one)
        }
        None => {
            let mut list = ctx.out.list();
            let mut critical = 0;
            assess_open(
                ctx,
                &db,
                &rules,
                |_, a| {
                    // Rendered into a per-thread buffer that keeps its size, then copied out
                    // once at the exact length: no growing copies per item.
                    thread_local!(static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) });
                    let item = SCRATCH.with(|scratch| {
                        let mut scratch = scratch.borrow_mut();
                        scratch.clear();
                        ctx.out.render_item(&a, || render_assessment(ctx, &a), &mut scratch).map(|()| scratch.to_vec())
                    })?;
                    Ok((item, criticals(&a)))
                },
                |(item, n)| {
                    critical += n;
                    list.rendered(&item)
                },
            )?;
            list.finish("no open cases to check\n")?;
            critical
        }
    };
    if args.strict && critical > 0 {
        return Err(Error::CriticalFlags { count: critical });
    }
    Ok(())
}

fn severity_paint(severity: Severity) -> Paint {
    match severity {
        Severity::Critical => Paint::Red,
        Severity::Warning => Paint::Yellow,
        Severity::Info => Paint::Dim,
    }
}

fn render_assessment(ctx: &Ctx, a: &Assessment) -> String {
    let mut text = String::with_capacity(1024);
    // Writing to a String cannot fail.
    let _ = write_assessment(ctx, a, &mut text);
    text
}

/// The human form of one judgement, written straight into `text` (`check --all` renders
/// thousands of them).
fn write_assessment(ctx: &Ctx, a: &Assessment, text: &mut String) -> std::fmt::Result {
    use std::fmt::Write;
    let out = &ctx.out;
    let plural = |n: i64, one: &'static str, many: &'static str| (n, if n == 1 { one } else { many });
    writeln!(
        text,
        "{} · {} {}",
        out.painted(Paint::Bold, format_args!("order {}", a.order.id)),
        a.order.platform,
        a.order.number
    )?;
    let label = |text: &mut String, label: &str| write!(text, "  {label:<11} ");
    label(text, "stage")?;
    match &a.last_event {
        Some(e) => {
            write!(text, "{} — last status {}: {}", a.stage, e.at, clip(&e.text, 60))?;
            if let Some(place) = &e.place {
                write!(text, ", {place}")?;
            }
            text.push('\n');
        }
        None => writeln!(text, "{} — no tracking status recorded yet", a.stage)?,
    }
    if let Some(days) = a.days_silent {
        label(text, "silent")?;
        let (n, unit) = plural(days, "day", "days");
        let over = a.threshold_days.is_some_and(|t| days >= t);
        let paint = if over { Some(Paint::Red) } else { None };
        match a.threshold_days {
            Some(t) => writeln!(text, "{}", out.painted_if(paint, format_args!("{n} {unit} (unusual after {t})")))?,
            None => writeln!(text, "{}", out.painted_if(paint, format_args!("{n} {unit}")))?,
        }
    }
    label(text, "protection")?;
    match &a.protection {
        Some(p) => {
            write!(text, "until {} — ", Ymd(p.until))?;
            if p.days_left < 0 {
                let (n, unit) = plural(-p.days_left, "day", "days");
                write!(text, "{}", out.painted(Paint::Red, format_args!("ended {n} {unit} ago")))?;
            } else {
                let (n, unit) = plural(p.days_left, "day left", "days left");
                write!(text, "{n} {unit}")?;
            }
            writeln!(text, "{}", if p.estimated { " (estimate)" } else { "" })?;
        }
        None => writeln!(text, "unknown: enter it with `order edit --protection-until DATE`")?,
    }
    if a.flags.is_empty() {
        label(text, "flags")?;
        writeln!(text, "{}", out.painted(Paint::Green, "none"))?;
    } else {
        text.push_str("  flags\n");
        for flag in &a.flags {
            let severity = match flag.severity {
                Severity::Critical => "CRITICAL",
                Severity::Warning => "WARNING",
                Severity::Info => "INFO",
            };
            write!(text, "    {} ", out.painted(severity_paint(flag.severity), format_args!("{severity:<8}")))?;
            let code = flag.code.code();
            text.push_str(code);
            text.extend(std::iter::repeat_n(' ', 26usize.saturating_sub(code.len())));
            text.push(' ');
            text.push_str(&flag.message);
            text.push('\n');
            // Facts line up under the message: 4 + 8 + 1 + 26 + 1 columns in.
            const UNDER: &str = "                                        · ";
            for fact in &flag.facts {
                text.push_str(UNDER);
                text.push_str(fact);
                text.push('\n');
            }
            if !flag.evidence.is_empty() {
                text.push_str(UNDER);
                text.push_str("evidence ");
                text.push_str(&flag.evidence.join(", "));
                text.push('\n');
            }
        }
    }
    let action = &a.next_action;
    label(text, "next")?;
    if !a.open {
        return writeln!(text, "nothing: the case is closed");
    }
    writeln!(text, "{}", out.painted(Paint::Bold, format_args!("{} by {}", action.code, Ymd(action.by))))?;
    label(text, "")?;
    writeln!(text, "{}", action.why)?;
    if action.message.is_some() {
        label(text, "")?;
        writeln!(text, "`dossier advise {}` prints the message to send", a.order.id)?;
    }
    Ok(())
}

/// One line of `agenda`.
#[derive(Debug, Serialize)]
struct AgendaItem<'a> {
    #[serde(serialize_with = "crate::dates::serialize_ymd")]
    by: NaiveDate,
    #[serde(flatten)]
    assessment: &'a Assessment,
}

/// Runs `agenda`: open cases, most urgent first.
pub fn run_agenda(ctx: &Ctx) -> Result<()> {
    let home = ctx.home()?;
    let (db, rules) = (home.db()?, home.rules()?);
    let mut assessments = Vec::new();
    assess_open(
        ctx,
        &db,
        &rules,
        |_, a| Ok(a),
        |a| {
            assessments.push(a);
            Ok(())
        },
    )?;
    let worst = |a: &Assessment| a.flags.iter().map(|f| f.severity).max();
    assessments.sort_by(|a, b| {
        a.next_action
            .by
            .cmp(&b.next_action.by)
            .then_with(|| worst(b).cmp(&worst(a)))
            .then_with(|| {
                let left = |x: &Assessment| x.protection.as_ref().map_or(i64::MAX, |p| p.days_left);
                left(a).cmp(&left(b))
            })
            .then_with(|| a.order.id.cmp(&b.order.id))
    });
    let items: Vec<AgendaItem<'_>> =
        assessments.iter().map(|a| AgendaItem { by: a.next_action.by, assessment: a }).collect();
    ctx.out.value(&items, || {
        if items.is_empty() {
            return "no open cases: nothing to do\n".into();
        }
        let mut table = ctx.out.table(&["BY", "ORDER", "DO", "STAGE", "SILENT", "PROTECTION", "MOST SERIOUS FLAG"]);
        for item in &items {
            let a = item.assessment;
            let due = if item.by <= ctx.now.date_naive() { format!("{} (now)", item.by) } else { item.by.to_string() };
            table.add_row(vec![
                due,
                format!("{} {}", a.order.id, a.order.number),
                a.next_action.code.to_string(),
                a.stage.to_string(),
                a.days_silent.map(|d| format!("{d} d")).unwrap_or_default(),
                a.protection.as_ref().map(|p| format!("{} ({} d)", p.until, p.days_left)).unwrap_or_else(|| "?".into()),
                a.flags.first().map(|f| format!("{} {}", f.severity, f.code)).unwrap_or_default(),
            ]);
        }
        table_text(&table)
    })
}

/// What `advise` prints.
#[derive(Debug, Serialize)]
struct Advice<'a> {
    order: i64,
    next_action: &'a rules::NextAction,
    template: Option<Template>,
    message: Option<String>,
}

/// Runs `advise`.
pub fn run_advise(ctx: &Ctx, args: &AdviseArgs) -> Result<()> {
    let home = ctx.home()?;
    let (db, rules) = (home.db()?, home.rules()?);
    let order = db.resolve_order(&args.order)?;
    let (case, assessment) = judge_one(ctx, &db, &rules, &order)?;
    let (template, message) = match args.template {
        Some(t) => (Some(t), Some(rules::write_message(&case, &rules, ctx.now, t))),
        None => (assessment.next_action.template, assessment.next_action.message.clone()),
    };
    let advice = Advice { order: order.id, next_action: &assessment.next_action, template, message };
    ctx.out.value(&advice, || {
        let action = &assessment.next_action;
        let mut text = format!("next: {} by {}\n{}\n", action.code, action.by, action.why);
        match (&advice.template, &advice.message) {
            (Some(t), Some(m)) => text.push_str(&format!("\nmessage ({t}):\n\n{m}\n")),
            _ => text.push_str(&format!(
                "\nno message is needed now; `--template NAME` writes one anyway ({})\n",
                Template::codes().join(", ")
            )),
        }
        text
    })
}

/// Runs `rules`: the effective settings and where each came from.
pub fn run_rules(ctx: &Ctx) -> Result<()> {
    let home = ctx.home()?;
    let rules = home.rules()?;
    let settings = rules.effective();
    ctx.out.value(&settings, || {
        let mut table = ctx.out.table(&["SETTING", "VALUE", "UNIT", "FROM", "MEANING"]);
        for s in &settings {
            let from = match s.origin {
                rules::config::Origin::Default => "default".to_string(),
                rules::config::Origin::RulesToml => format!("rules.toml (default {})", s.default),
            };
            table.add_row(vec![
                s.key.to_string(),
                s.value.to_string(),
                s.unit.to_string(),
                from,
                s.meaning.to_string(),
            ]);
        }
        format!("{}\nrules.toml: {}\n", table_text(&table), home.rules_path().display())
    })
}

/// A display alarm `before` the start of an all-day event (negative: after it), with a stable
/// UID and stamp so the file is reproducible. All-day events start at midnight, so the
/// reminders subtract 9 hours to fire at 09:00 rather than in the night.
fn alarm(text: &str, before: Duration, uuid: &str, stamp: chrono::DateTime<chrono::Utc>) -> icalendar::Alarm {
    use icalendar::Component;
    let mut alarm = icalendar::Alarm::display(text, -before);
    alarm.uid(&format!("{uuid}-alarm-{}@dossier", before.num_minutes())).timestamp(stamp);
    alarm
}

/// Runs `calendar`: protection deadlines and next-action dates as iCalendar events.
pub fn run_calendar(ctx: &Ctx, args: &CalendarArgs) -> Result<()> {
    use icalendar::{Calendar, Component, Event, EventLike};
    let home = ctx.home()?;
    let (db, rules) = (home.db()?, home.rules()?);
    let stamp = ctx.now.with_timezone(&chrono::Utc);
    let mut calendar = Calendar::new();
    calendar.name("dossier: parcel deadlines");
    let (mut events, mut cases) = (0, 0);
    let about = |case: &Case, a| {
        let label = format!("order {} ({} {})", case.order.id, case.order.platform, case.order.number);
        Ok((case.order.uuid.clone(), case.order.id, label, a))
    };
    assess_open(ctx, &db, &rules, about, |(uuid, id, label, a): (String, i64, String, Assessment)| {
        cases += 1;
        if let Some(p) = &a.protection {
            let description = format!(
                "Buyer protection for {label} ends on this day. Open a dispute before it ends if the parcel has not arrived. {}",
                p.basis
            );
            calendar.push(
                Event::new()
                    .uid(&format!("{}-protection@dossier", uuid))
                    .timestamp(stamp)
                    .summary(&format!("Protection ends: {label}"))
                    .description(&description)
                    .all_day(p.until)
                    .ends(p.until + Duration::days(1))
                    .alarm(alarm(
                        &format!("Protection ends in 7 days: {label}"),
                        Duration::days(7) - Duration::hours(9),
                        &uuid,
                        stamp,
                    ))
                    .alarm(alarm(
                        &format!("Protection ends in 2 days: {label}"),
                        Duration::days(2) - Duration::hours(9),
                        &uuid,
                        stamp,
                    ))
                    .done(),
            );
            events += 1;
        }
        if a.next_action.code != crate::model::ActionCode::None {
            calendar.push(
                Event::new()
                    .uid(&format!("{}-action@dossier", uuid))
                    .timestamp(stamp)
                    .summary(&format!("{}: {label}", a.next_action.code))
                    .description(&format!("{} Run `dossier advise {}`.", a.next_action.why, id))
                    .all_day(a.next_action.by)
                    .ends(a.next_action.by + Duration::days(1))
                    .alarm(alarm(&format!("{}: {label}", a.next_action.code), -Duration::hours(9), &uuid, stamp))
                    .done(),
            );
            events += 1;
        }
        Ok(())
    })?;
    let text = calendar.done().to_string();
    match &args.output {
        Some(path) => {
            super::write_file_atomically(path, text.as_bytes())?;
            #[derive(Serialize)]
            struct Written<'a> {
                path: &'a std::path::Path,
                events: usize,
            }
            ctx.out.value(&Written { path, events }, || {
                format!("wrote {events} events for {} open cases to {}\n", cases, path.display())
            })
        }
        None => {
            if ctx.out.is_json() {
                return Err(Error::usage(
                    "calendar prints iCalendar, not JSON",
                    "drop --json, or write the file with -o FILE.ics",
                ));
            }
            super::output::write_raw(&text)
        }
    }
}
