//! `dossier rules`: the effective rule settings and where each came from.

use clap::Args;

use super::Ctx;
use super::output::table_text;
use crate::error::Result;
use crate::rules::config::Origin;

/// `rules` arguments (none).
#[derive(Debug, Args)]
pub struct RulesArgs {}

/// Runs `rules`.
pub fn run(ctx: &Ctx, _args: &RulesArgs) -> Result<()> {
    let home = ctx.home()?;
    let rules = home.rules()?;
    let settings = rules.effective();
    ctx.out.value(&settings, || {
        let mut table = ctx.out.table(&["SETTING", "VALUE", "UNIT", "FROM", "MEANING"]);
        for s in &settings {
            let from = match s.origin {
                Origin::Default => "default".to_string(),
                Origin::RulesToml => format!("rules.toml (default {})", s.default),
            };
            table.add_row(vec![
                s.key.to_string(),
                s.value.to_string(),
                s.unit.to_string(),
                from,
                s.meaning.to_string(),
            ]);
        }
        // The user's phrases are listed in the human output only: the JSON stays the list
        // of settings that scripts already read.
        let phrases: String =
            rules.phrases().iter().map(|rule| format!("  \"{}\" → {}\n", rule.phrase, rule.target())).collect();
        let phrases =
            if phrases.is_empty() { String::new() } else { format!("\nyour phrases, tried first:\n{phrases}") };
        format!("{}\n{phrases}rules.toml: {}\n", table_text(&table), home.rules_path().display())
    })
}
