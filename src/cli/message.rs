//! `dossier message add|edit|remove`: correspondence about an order, and corrections.

use clap::Subcommand;
use serde::Serialize;

use super::{Ctx, code_parser, trimmed};
use crate::db::{MessageEdit, NewMessage};
use crate::error::{Error, Result};
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
    /// Correct a message (logged as a correction with the message before and after)
    Edit {
        /// The message's id (the first column of the messages in `order show`)
        id: i64,
        /// The message text
        #[arg(long)]
        text: Option<String>,
        /// Who wrote it
        #[arg(long, value_parser = code_parser::<Sender>())]
        from: Option<Sender>,
        /// When it was written
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// Another evidence reference of the order ("" unlinks it)
        #[arg(long, value_name = "E")]
        evidence: Option<String>,
        /// Accept a moment after now
        #[arg(long)]
        force: bool,
    },
    /// Remove messages (logged as corrections with the messages removed)
    Remove {
        /// The messages' ids
        #[arg(required = true)]
        ids: Vec<i64>,
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
    let (order, text, from, at, evidence, force) = match cmd {
        MessageCommand::Add { order, text, from, at, evidence, force } => (order, text, from, at, evidence, force),
        MessageCommand::Edit { id, text, from, at, evidence, force } => {
            let edit = MessageEdit {
                at: at.as_deref().map(|a| ctx.past("--at", a, force)).transpose()?,
                text: text.as_deref().map(|t| non_empty("message text", t)).transpose()?,
                from,
                evidence: super::edit_text(evidence.as_ref()),
            };
            if edit.at.is_none() && edit.text.is_none() && edit.from.is_none() && edit.evidence.is_none() {
                return Err(Error::usage(
                    "nothing to change",
                    "give what to correct, e.g. `dossier message edit 3 --from seller`",
                ));
            }
            let mut db = ctx.home()?.db()?;
            let corrected = db.edit_message(id, &edit, &ctx.stamp())?;
            return ctx.out.value(&corrected, || {
                let after = corrected.after.as_ref().unwrap_or(&corrected.before);
                format!("corrected message {id} of order {}: {} from {}\n", corrected.order, after.at, after.from)
            });
        }
        MessageCommand::Remove { ids } => {
            let mut db = ctx.home()?.db()?;
            let removed = db.remove_messages(&ids, &ctx.stamp())?;
            return ctx.out.value(&removed, || {
                removed
                    .iter()
                    .map(|r| {
                        format!(
                            "removed message {} of order {}: {} from {}\n",
                            r.before.id, r.order, r.before.at, r.before.from
                        )
                    })
                    .collect()
            });
        }
    };
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
