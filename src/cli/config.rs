//! `dossier config set|get|list|unset`: the defaults kept in the data home's `config.toml`.

use clap::Subcommand;
use serde::Serialize;

use super::Ctx;
use super::output::table_text;
use crate::config::KEYS;
use crate::error::{Error, Result};

/// Config commands.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Set defaults (buyer.country, buyer.city, buyer.postcode, order.platform, dossier.lang)
    Set {
        /// The setting
        key: String,
        /// Its value
        value: String,
        /// More settings and values, in pairs: buyer.city Kazan buyer.postcode 420000
        #[arg(value_name = "KEY VALUE")]
        more: Vec<String>,
    },
    /// Print one setting's value
    Get {
        /// The setting
        key: String,
    },
    /// List every setting, set or not
    List,
    /// Remove a setting
    Unset {
        /// The setting
        key: String,
    },
}

/// One setting as `config list --json` prints it.
#[derive(Serialize)]
struct Setting<'a> {
    key: &'a str,
    value: Option<&'a str>,
    about: &'a str,
}

/// Runs a config command.
pub fn run(ctx: &Ctx, cmd: ConfigCommand) -> Result<()> {
    let home = ctx.home()?;
    let path = home.config_path();
    let mut config = home.config()?;
    match cmd {
        ConfigCommand::Set { key, value, more } => {
            if more.len() % 2 == 1 {
                return Err(Error::usage(
                    format!("'{}' has no value", more[more.len() - 1]),
                    "give settings and values in pairs: `dossier config set buyer.city Kazan buyer.postcode 420000`",
                ));
            }
            let pairs: Vec<(&str, &str)> = std::iter::once((key.as_str(), value.as_str()))
                .chain(more.chunks(2).map(|pair| (pair[0].as_str(), pair[1].as_str())))
                .collect();
            // All checked before the file is written: one bad value writes nothing.
            for (key, value) in &pairs {
                config.set(key, value)?;
            }
            config.save(&path)?;
            let set: Vec<Setting<'_>> =
                pairs.iter().map(|(key, _)| Setting { key, value: config.get(key), about: about(key) }).collect();
            ctx.out
                .value(&set, || set.iter().map(|s| format!("{} = {}\n", s.key, s.value.unwrap_or_default())).collect())
        }
        ConfigCommand::Get { key } => {
            // Checked first, so a typo is told apart from a setting not set.
            crate::config::known(&key)?;
            let Some(value) = config.get(&key) else {
                return Err(Error::invalid(
                    format!("{key} is not set"),
                    format!("`dossier config set {key} VALUE` sets it"),
                ));
            };
            ctx.out.value(&Setting { key: &key, value: Some(value), about: about(&key) }, || format!("{value}\n"))
        }
        ConfigCommand::List => {
            let settings: Vec<Setting<'_>> =
                KEYS.iter().map(|k| Setting { key: k.name, value: config.get(k.name), about: k.about }).collect();
            ctx.out.value(&settings, || {
                let mut table = ctx.out.table(&["KEY", "VALUE", "MEANING"]);
                for s in &settings {
                    table.add_row(vec![s.key.to_string(), s.value.unwrap_or("—").to_string(), s.about.to_string()]);
                }
                format!("{}(kept in {})\n", table_text(&table), path.display())
            })
        }
        ConfigCommand::Unset { key } => {
            let was_set = config.unset(&key)?;
            if was_set {
                config.save(&path)?;
            }
            #[derive(Serialize)]
            struct Unset<'a> {
                key: &'a str,
                was_set: bool,
            }
            ctx.out.value(&Unset { key: &key, was_set }, || {
                if was_set { format!("{key} removed\n") } else { format!("{key} was not set\n") }
            })
        }
    }
}

fn about(key: &str) -> &'static str {
    KEYS.iter().find(|k| k.name == key).map_or("", |k| k.about)
}
