//! `dossier message add|import|edit|remove`: correspondence about an order, pasted chats,
//! and corrections.

use clap::Subcommand;
use serde::Serialize;

use super::output::{clip, count, table_text};
use super::{Ctx, code_parser, trimmed};
use crate::dates::When;
use crate::db::{MessageEdit, NewMessage};
use crate::error::{Error, Result};
use crate::model::{Message, Sender, non_empty};
use crate::paste::chat::{ChatMessage, parse_chat, sender_of};

/// Message commands.
#[derive(Debug, Subcommand)]
pub enum MessageCommand {
    /// Record a message sent or received
    Add {
        /// Local id, platform order number or tracking number
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
    /// Add the messages of a chat copied from the platform's message page
    Import {
        /// Local id, platform order number or tracking number
        order: String,
        /// A file holding the pasted chat, or - for standard input (the default)
        #[arg(value_name = "FILE|-")]
        file: Option<std::path::PathBuf>,
        /// Your name as the chat shows it (lines by "You" are always yours)
        #[arg(long, value_name = "NAME")]
        me: Option<String>,
        /// Show the messages found, their senders and the lines not understood; write nothing
        #[arg(long)]
        dry_run: bool,
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
        MessageCommand::Import { order, file, me, dry_run } => {
            return import(ctx, &order, file.as_deref(), me.as_deref(), dry_run);
        }
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
    if evidence.as_deref().is_some_and(|e| e.trim().is_empty()) {
        return Err(Error::usage(
            "--evidence is empty",
            "give the reference of a screenshot of the order, e.g. --evidence E1 (see `dossier evidence list`)",
        ));
    }
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

/// One message of `message import`'s report.
#[derive(Serialize)]
struct FoundMessage {
    at: When,
    from: Sender,
    /// The sender's name as the chat shows it.
    name: String,
    text: String,
    line: usize,
    /// False when the order already has it (same sender, moment and text).
    new: bool,
}

/// What `message import` reports.
#[derive(Serialize)]
struct ImportReport {
    order: i64,
    dry_run: bool,
    messages: Vec<FoundMessage>,
    added: usize,
    already: usize,
    noise: Vec<(usize, String)>,
    not_understood: Vec<(usize, String)>,
}

/// Maps each message's name to a sender. The buyer is "You" (or the like) or `--me`; the
/// platform's agents and notices and carriers are known by their names; every other name
/// is the seller's. When nobody in the chat is the buyer and it has several other names,
/// one of them must be: `--me` is asked for rather than guessed.
fn senders(messages: &[ChatMessage], me: Option<&str>) -> Result<Vec<Sender>> {
    let mapped: Vec<Option<Sender>> = messages.iter().map(|m| sender_of(&m.name, me)).collect();
    let mut others: Vec<&str> =
        messages.iter().zip(&mapped).filter(|(_, s)| s.is_none()).map(|(m, _)| m.name.as_str()).collect();
    others.sort_unstable();
    others.dedup();
    let names = || {
        let mut all: Vec<&str> = messages.iter().map(|m| m.name.as_str()).collect();
        all.sort_unstable();
        all.dedup();
        all.join(", ")
    };
    if let Some(me) = me {
        if !mapped.contains(&Some(Sender::Me)) {
            return Err(Error::invalid(
                format!("--me '{me}' names nobody in the chat"),
                format!("the names in it are: {}", names()),
            ));
        }
    }
    if !mapped.contains(&Some(Sender::Me)) && others.len() > 1 {
        return Err(Error::invalid(
            format!("the chat has {} names and none is marked as yours: {}", others.len(), others.join(", ")),
            "name yourself as the chat shows you, e.g. --me \"ivan_p\"",
        ));
    }
    Ok(mapped.into_iter().map(|s| s.unwrap_or(Sender::Seller)).collect())
}

/// `message import`: reads the chat, finds who wrote each message, and adds the new ones in
/// one transaction (or, with `--dry-run`, only shows them).
fn import(ctx: &Ctx, order: &str, file: Option<&std::path::Path>, me: Option<&str>, dry_run: bool) -> Result<()> {
    let text = super::read_paste(file)?;
    let mut parsed = parse_chat(&text, ctx.now);
    // A message whose sender the chat does not name cannot be recorded: it is reported.
    let (named, nameless): (Vec<ChatMessage>, Vec<ChatMessage>) =
        parsed.messages.drain(..).partition(|m| !m.name.is_empty());
    for m in nameless {
        parsed.not_understood.push((m.line, format!("no sender named: {}", m.text.replace('\n', " "))));
    }
    parsed.not_understood.sort();
    let from = senders(&named, me)?;
    let home = ctx.home()?;
    let db = home.read_db()?;
    let order = db.resolve_order(order)?;
    let recorded: std::collections::HashSet<(Sender, String, String)> =
        db.list_messages(&order)?.into_iter().map(|m| (m.from, m.at.to_storage(), m.text)).collect();
    drop(db);
    // A message repeated in the paste itself is recorded once, like one already stored.
    let mut seen = std::collections::HashSet::new();
    let messages: Vec<FoundMessage> = named
        .into_iter()
        .zip(from)
        .map(|(m, from)| FoundMessage {
            new: !recorded.contains(&(from, m.at.to_storage(), m.text.clone()))
                && seen.insert((from, m.at.to_storage(), m.text.clone())),
            at: m.at,
            from,
            name: m.name,
            text: m.text,
            line: m.line,
        })
        .collect();
    let (added, already) = if dry_run || messages.is_empty() {
        (messages.iter().filter(|m| m.new).count(), messages.iter().filter(|m| !m.new).count())
    } else {
        let new: Vec<NewMessage> = messages
            .iter()
            .map(|m| NewMessage { text: m.text.clone(), from: m.from, at: m.at, evidence: None })
            .collect();
        let mut db = home.db()?;
        let added = db.import_messages(&order, &new, &ctx.stamp())?.len();
        (added, messages.len() - added)
    };
    let report = ImportReport {
        order: order.id,
        dry_run,
        messages,
        added,
        already,
        noise: parsed.noise,
        not_understood: parsed.not_understood,
    };
    ctx.out.value(&report, || import_text(ctx, &report))
}

fn import_text(ctx: &Ctx, r: &ImportReport) -> String {
    let mut text = super::output::import_head(
        r.order,
        &count(r.messages.len(), "message", "messages"),
        r.added,
        r.already,
        r.dry_run,
    );
    if !r.messages.is_empty() {
        let mut table = ctx.out.table(&["LINE", "WHEN", "FROM", "NAME", "TEXT", ""]);
        for m in &r.messages {
            table.add_row(vec![
                m.line.to_string(),
                m.at.compact(),
                m.from.to_string(),
                m.name.clone(),
                clip(&m.text.replace('\n', " / "), 60),
                if m.new { String::new() } else { "already recorded".into() },
            ]);
        }
        text.push_str(&table_text(&table));
    }
    text.push_str(&super::output::import_tail(&r.not_understood, r.dry_run));
    text
}
