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
        // What the case needs is in DO and by when in BY; why is one cuttable column, so the
        // table fits 80 columns without cutting a date or a number.
        let mut table = ctx.out.table(&["BY", "ORDER", "DO", "PROTECTION", "WHY"]);
        for item in &items {
            let a = item.assessment;
            let due = if item.by <= ctx.now.date_naive() { format!("{} (now)", item.by) } else { item.by.to_string() };
            let mut why: Vec<String> =
                a.flags.first().map(|f| format!("{} {}", f.severity, f.code)).into_iter().collect();
            let silent = a.days_silent.map(|d| {
                format!(", silent {}", super::output::count(usize::try_from(d).unwrap_or_default(), "day", "days"))
            });
            why.push(format!("{}{}", a.stage, silent.unwrap_or_default()));
            table.add_row(vec![
                due,
                format!("{} {}", a.order.id, a.order.number),
                a.next_action.code.to_string(),
                a.protection.as_ref().map_or_else(|| "?".into(), |p| p.until.to_string()),
                why.join("; "),
            ]);
        }
        table_text(&table)
    })
}
