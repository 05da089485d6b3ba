//! `dossier agenda`: every open case, most urgent first, with the date each needs action.

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::Ctx;
use super::output::table_text;
use crate::error::Result;
use crate::judge;
use crate::rules::Assessment;

/// `agenda` arguments (none).
#[derive(Debug, Args)]
pub struct AgendaArgs {}

/// One line of `agenda`.
#[derive(Debug, Serialize)]
struct AgendaItem<'a> {
    by: NaiveDate,
    #[serde(flatten)]
    assessment: &'a Assessment,
}

/// Runs `agenda`.
pub fn run(ctx: &Ctx, _args: &AgendaArgs) -> Result<()> {
    let home = ctx.home()?;
    let (db, rules) = (home.read_db()?, home.rules()?);
    let mut assessments = Vec::new();
    judge::each_open(&db, &rules, ctx.now, |judged| {
        assessments.push(judged.assessment);
        Ok(())
    })?;
    let worst = |a: &Assessment| a.flags.iter().map(|f| f.severity).max();
    let days_left = |a: &Assessment| a.protection.as_ref().map_or(i64::MAX, |p| p.days_left);
    assessments.sort_by(|a, b| {
        a.next_action
            .by
            .cmp(&b.next_action.by)
            .then_with(|| worst(b).cmp(&worst(a)))
            .then_with(|| days_left(a).cmp(&days_left(b)))
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
                a.days_silent
                    .map(|d| super::output::count(usize::try_from(d).unwrap_or_default(), "day", "days"))
                    .unwrap_or_default(),
                a.protection
                    .as_ref()
                    .map(|p| format!("{} ({})", p.until, super::output::days_left(p.days_left)))
                    .unwrap_or_else(|| "?".into()),
                a.flags.first().map(|f| format!("{} {}", f.severity, f.code)).unwrap_or_default(),
            ]);
        }
        table_text(&table)
    })
}
