//! The user's defaults: `config.toml` in the data home, written by `dossier config set`.
//!
//! A default fills a flag the user did not give (`order add` without `--country`, `build`
//! without `--lang`); a flag given always wins. The file is TOML, one table per key prefix:
//!
//! ```toml
//! [buyer]
//! country = "RU"
//! city = "Kazan"
//! ```
//!
//! Unknown keys in the file are refused with their name, so a typo in a hand edit does not
//! silently do nothing. An unknown key, platform or language is a usage error (exit 2), as
//! an unknown flag value is; a malformed country or a control character is bad data (1).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Code, Platform, parse_country};

/// A settable key: its name and what it is for.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The dotted name, `buyer.country`.
    pub name: &'static str,
    /// What it sets, for `config list`.
    pub about: &'static str,
}

/// Every key, in the order `config list` shows them.
pub const KEYS: &[Key] = &[
    Key { name: "buyer.country", about: "order add --country: the buyer's country (ISO code)" },
    Key { name: "buyer.city", about: "order add --city: the buyer's city" },
    Key { name: "buyer.postcode", about: "order add --postcode: the buyer's postcode" },
    Key { name: "order.platform", about: "order add --platform: the platform most orders are from" },
    Key { name: "dossier.lang", about: "build and export --lang: the dossier's language" },
];

/// The settings in force: key → value, only the keys that are set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    values: BTreeMap<&'static str, String>,
}

impl Config {
    /// Reads `path`; a missing file is an empty configuration.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        let bad = |problem: String| {
            Error::invalid(
                format!("{}: {problem}", path.display()),
                "fix the line named, or delete the file and set the values again",
            )
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| bad(e.to_string().trim().to_string()))?;
        let mut config = Config::default();
        for (section, entries) in &table {
            let Some(entries) = entries.as_table() else {
                return Err(bad(format!("'{section}' is not a known key")));
            };
            for (name, value) in entries {
                let dotted = format!("{section}.{name}");
                let Some(value) = value.as_str() else {
                    return Err(bad(format!("{dotted} should be a quoted text")));
                };
                config.set(&dotted, value).map_err(|e| bad(e.to_string()))?;
            }
        }
        Ok(config)
    }

    /// Writes the settings to `path` (atomically: a crash leaves the old file or the new one).
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut table = toml::Table::new();
        for (dotted, value) in &self.values {
            let (section, name) = dotted.split_once('.').unwrap_or(("", dotted));
            let entry = table.entry(section).or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(section) = entry {
                section.insert(name.to_string(), toml::Value::String(value.clone()));
            }
        }
        let text = format!("# dossier's defaults; `dossier config list` shows them\n{table}");
        crate::files::write_atomically(path, text.as_bytes())
    }

    /// The value of `key`, when set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// Sets `key` after checking and normalising the value (`ru` → `RU` for a country).
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        let known = known(key)?;
        let value = value.trim();
        if value.is_empty() {
            return Err(Error::usage(format!("{key} needs a value"), "to remove a setting, unset it"));
        }
        if value.chars().any(char::is_control) {
            return Err(Error::invalid(
                format!("the value for {key} holds a control character (a line break, a tab, an escape)"),
                "type the value on one line",
            ));
        }
        let value = match key {
            "buyer.country" => parse_country(value)?,
            "order.platform" => Platform::from_code(&value.to_lowercase())
                .map(|p| p.to_string())
                .ok_or_else(|| Error::usage(format!("'{value}' is not a platform"), one_of(Platform::codes())))?,
            "dossier.lang" => {
                let lang = value.to_lowercase();
                if !crate::pdf::words::LANGUAGES.contains(&lang.as_str()) {
                    return Err(Error::usage(
                        format!("'{value}' is not a dossier language"),
                        one_of(crate::pdf::words::LANGUAGES.iter().copied()),
                    ));
                }
                lang
            }
            _ => value.to_string(),
        };
        self.values.insert(known.name, value);
        Ok(())
    }

    /// Removes `key`; true when it was set.
    pub fn unset(&mut self, key: &str) -> Result<bool> {
        Ok(self.values.remove(known(key)?.name).is_some())
    }
}

/// The key named `key`, or an error listing the known ones.
pub fn known(key: &str) -> Result<Key> {
    KEYS.iter()
        .find(|k| k.name == key)
        .copied()
        .ok_or_else(|| Error::usage(format!("'{key}' is not a setting"), one_of(KEYS.iter().map(|k| k.name))))
}

fn one_of<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    format!("use one of: {}", names.into_iter().collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_normalised() {
        let mut config = Config::default();
        config.set("buyer.country", " ru ").unwrap();
        config.set("order.platform", "AliExpress").unwrap();
        config.set("dossier.lang", "RU").unwrap();
        assert_eq!(config.get("buyer.country"), Some("RU"));
        assert_eq!(config.get("order.platform"), Some("aliexpress"));
        assert_eq!(config.get("dossier.lang"), Some("ru"));
        for (key, value) in [("buyer.country", "Russia"), ("order.platform", "amazon"), ("dossier.lang", "xx")] {
            assert!(config.set(key, value).is_err(), "{key} = {value}");
        }
        let unknown = config.set("buyer.town", "Kazan").unwrap_err().to_string();
        assert!(unknown.contains("'buyer.town' is not a setting"), "{unknown}");
    }

    #[test]
    fn saved_and_loaded_alike_and_hand_edits_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(&path).unwrap(), Config::default());
        let mut config = Config::default();
        config.set("buyer.city", "Нижний Новгород").unwrap();
        config.set("buyer.postcode", "603000").unwrap();
        config.save(&path).unwrap();
        assert_eq!(Config::load(&path).unwrap(), config);
        std::fs::write(&path, "[buyer]\ntown = \"Kazan\"\n").unwrap();
        let error = Config::load(&path).unwrap_err().to_string();
        assert!(error.contains("'buyer.town' is not a setting"), "{error}");
        std::fs::write(&path, "[buyer]\npostcode = 420000\n").unwrap();
        assert!(Config::load(&path).unwrap_err().to_string().contains("quoted text"));
    }
}
