//! `dossier advise`: the next action of one case and the message to send, filled in.

use clap::Args;
use serde::Serialize;

use super::{Ctx, code_parser};
use crate::error::Result;
use crate::judge;
use crate::model::Code;
use crate::rules::{NextAction, Template};

/// `advise` arguments.
#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// Local id, platform order number or tracking number
    order: String,
    /// Write this message instead of the one the next action calls for
    #[arg(long, value_name = "NAME", value_parser = code_parser::<Template>())]
    template: Option<Template>,
}

/// What `advise` prints.
#[derive(Debug, Serialize)]
struct Advice<'a> {
    order: i64,
    next_action: &'a NextAction,
    template: Option<Template>,
    message: Option<String>,
}

/// Runs `advise`.
pub fn run(ctx: &Ctx, args: &AdviseArgs) -> Result<()> {
    let home = ctx.home()?;
    let (db, rules) = (home.read_db()?, home.rules()?);
    let judged = judge::judge(&db, &rules, &db.resolve_order(&args.order)?, ctx.now)?;
    let action = &judged.assessment.next_action;
    let (template, message) = match args.template {
        Some(t) => (Some(t), Some(judged.message(&rules, ctx.now, t))),
        None => (action.template, action.message.clone()),
    };
    let advice = Advice { order: judged.case.order.id, next_action: action, template, message };
    ctx.out.value(&advice, || {
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
