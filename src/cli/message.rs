//! `dossier message add`: correspondence about an order.

use clap::Subcommand;
use serde::Serialize;

use super::{Ctx, code_parser, trimmed};
use crate::db::NewMessage;
use crate::error::Result;
use crate::model::{Message, Sender, non_empty};

/// Message commands.
#[derive(Debug, Subcommand)]
pub enum MessageCommand {
    /// Record a message sent or received
    Add {
        /// Local id or platform order number
        order: String,
        /// The message text
        text: String,
        /// Who wrote it
        #[arg(long, value_parser = code_parser::<Sender>())]
        from: Sender,
        /// When it was written
        #[arg(long, value_name = "WHEN")]
        at: String,
        /// The evidence reference of a screenshot of it (E1, E2, …)
        #[arg(long, value_name = "E")]
        evidence: Option<String>,
        /// Accept a moment after now
        #[arg(long)]
        force: bool,
    },
}

/// What `message add` reports.
#[derive(Serialize)]
struct Added<'a> {
    order: i64,
    added: bool,
    message: Option<&'a Message>,
}

/// Runs a message command.
pub fn run(ctx: &Ctx, cmd: MessageCommand) -> Result<()> {
    let MessageCommand::Add { order, text, from, at, evidence, force } = cmd;
    let message = NewMessage {
        text: non_empty("message text", &text)?,
        from,
        at: ctx.past("--at", &at, force)?,
        evidence: trimmed(evidence.as_deref()).map(str::to_string),
    };
    let mut db = ctx.home()?.db()?;
    let order = db.resolve_order(&order)?;
    let added = db.add_message(&order, &message, &ctx.stamp())?;
    if added.is_none() {
        ctx.out.note(&format!(
            "order {} already has this message ({} from {}); nothing added",
            order.id, message.at, message.from
        ));
    }
    let result = Added { order: order.id, added: added.is_some(), message: added.as_ref() };
    ctx.out.value(&result, || match &added {
        Some(m) => format!("added message from {} to order {} ({})\n", m.from, order.id, m.at),
        None => String::new(),
    })
}
