//! `dossier flag set|clear`: the manual checklist items.

use clap::Subcommand;
use serde::Serialize;

use super::{Ctx, code_parser, trimmed};
use crate::error::Result;
use crate::model::ManualFlag;

/// Manual flag commands.
#[derive(Debug, Subcommand)]
pub enum FlagCommand {
    /// Tick a manual checklist item
    Set {
        /// Local id, platform order number or tracking number
        order: String,
        /// The item
        #[arg(value_parser = code_parser::<ManualFlag>())]
        code: ManualFlag,
        /// What you saw
        #[arg(long)]
        note: Option<String>,
    },
    /// Untick a manual checklist item
    Clear {
        /// Local id, platform order number or tracking number
        order: String,
        /// The item
        #[arg(value_parser = code_parser::<ManualFlag>())]
        code: ManualFlag,
    },
}

/// What `flag clear` reports.
#[derive(Serialize)]
struct Cleared {
    order: i64,
    code: ManualFlag,
}

/// Runs a flag command.
pub fn run(ctx: &Ctx, cmd: FlagCommand) -> Result<()> {
    let mut db = ctx.home()?.db()?;
    match cmd {
        FlagCommand::Set { order, code, note } => {
            let order = db.resolve_order(&order)?;
            let set = db.set_flag(&order, code, trimmed(note.as_deref()), &ctx.stamp())?;
            ctx.out.value(&set, || format!("set {code} on order {}\n", order.id))
        }
        FlagCommand::Clear { order, code } => {
            let order = db.resolve_order(&order)?;
            db.clear_flag(&order, code, &ctx.stamp())?;
            ctx.out.value(&Cleared { order: order.id, code }, || format!("cleared {code} on order {}\n", order.id))
        }
    }
}
