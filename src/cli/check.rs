//! `dossier check`: stage, silence, red flags, protection and the next action of one case, or
//! of every open case.

use std::fmt::Write;

use clap::Args;

use super::Ctx;
use super::output::{Paint, clip, wrap};
use crate::error::{Error, Result};
use crate::judge;
use crate::model::{Code, Severity};
use crate::rules::Assessment;

/// `check` arguments.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Local id, platform order number or tracking number (default: every open case)
    #[arg(conflicts_with = "all")]
    order: Option<String>,
    /// Every open case
    #[arg(long)]
    all: bool,
    /// Exit with code 3 when a critical red flag is found
    #[arg(long)]
    strict: bool,
}

/// Runs `check`.
pub fn run(ctx: &Ctx, args: &CheckArgs) -> Result<()> {
    let home = ctx.home()?;
    let (db, rules) = (home.read_db()?, home.rules()?);
    let criticals = |a: &Assessment| a.flags.iter().filter(|f| f.severity == Severity::Critical).count();
    let critical = match &args.order {
        Some(reference) => {
            let judged = judge::judge(&db, &rules, &db.resolve_order(reference)?, ctx.now)?;
            let one = &judged.assessment;
            ctx.out.value(one, || render(ctx, one))?;
            criticals(one)
        }
        None => {
            let mut list = ctx.out.list();
            let mut critical = 0;
            judge::each_open(&db, &rules, ctx.now, |judged| {
                let a = &judged.assessment;
                critical += criticals(a);
                list.item(a, || render(ctx, a))
            })?;
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

/// The human form of one judgement.
fn render(ctx: &Ctx, a: &Assessment) -> String {
    let mut text = String::new();
    // Writing to a String cannot fail.
    let _ = write_assessment(ctx, a, &mut text);
    text
}

fn write_assessment(ctx: &Ctx, a: &Assessment, text: &mut String) -> std::fmt::Result {
    let out = &ctx.out;
    let width = out.width();
    let days = |n: i64| if n == 1 { format!("{n} day") } else { format!("{n} days") };
    let bold = out.paint(Paint::Bold, &format!("order {}", a.order.id));
    writeln!(text, "{bold} · {} {}", a.order.platform, a.order.number)?;
    match &a.last_event {
        Some(e) => {
            let place = e.place.as_ref().map(|p| format!(", {p}")).unwrap_or_default();
            let body = format!("{} — last status {}: {}{place}", a.stage, e.at, clip(&e.text, 60));
            writeln!(text, "{}", wrap(&format!("  {:<11} ", "stage"), &body, 14, width))?;
        }
        None => writeln!(text, "  {:<11} {} — no tracking status recorded yet", "stage", a.stage)?,
    }
    if let Some(silent) = a.days_silent {
        let line = match a.threshold_days {
            Some(t) => format!("{} (unusual after {t})", days(silent)),
            None => days(silent),
        };
        let over = a.threshold_days.is_some_and(|t| silent >= t);
        writeln!(text, "  {:<11} {}", "silent", if over { out.paint(Paint::Red, &line) } else { line })?;
    }
    let protection = match &a.protection {
        Some(p) => {
            let left = if p.days_left < 0 {
                out.paint(Paint::Red, &format!("ended {} ago", days(-p.days_left)))
            } else if p.days_left == 1 {
                "1 day left".to_string()
            } else {
                format!("{} days left", p.days_left)
            };
            format!("until {} — {left}{}", p.until, if p.estimated { " (estimate)" } else { "" })
        }
        None => "unknown: enter it with `order edit --protection-until DATE`".to_string(),
    };
    writeln!(text, "  {:<11} {protection}", "protection")?;
    if a.flags.is_empty() {
        writeln!(text, "  {:<11} {}", "flags", out.paint(Paint::Green, "none"))?;
    } else {
        writeln!(text, "  flags")?;
        for flag in &a.flags {
            let severity = flag.severity.code().to_uppercase();
            let severity = out.paint(severity_paint(flag.severity), &severity);
            writeln!(text, "    {severity} {}", flag.code.code())?;
            // The message and its facts under the flag, so that they fit 80 columns.
            writeln!(text, "{}", wrap("      ", &flag.message, 6, width))?;
            for fact in &flag.facts {
                writeln!(text, "{}", wrap("      · ", fact, 8, width))?;
            }
            if !flag.evidence.is_empty() {
                writeln!(text, "{}", wrap("      · evidence ", &flag.evidence.join(", "), 8, width))?;
            }
        }
    }
    if !a.open {
        return writeln!(text, "  {:<11} nothing: the case is closed", "next");
    }
    let action = &a.next_action;
    writeln!(text, "  {:<11} {}", "next", out.paint(Paint::Bold, &format!("{} by {}", action.code, action.by)))?;
    writeln!(text, "{}", wrap(&" ".repeat(14), &action.why, 14, width))?;
    if action.message.is_some() {
        writeln!(text, "  {:<11} `dossier advise {}` prints the message to send", "", a.order.id)?;
    }
    Ok(())
}
