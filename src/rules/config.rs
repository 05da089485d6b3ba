//! The rule settings: silence thresholds, weight bounds, protection defaults — built-in
//! defaults (domain.md §2–4) that a `rules.toml` in the data home may override key by key.
//!
//! Invariants: every setting has a default, a unit and a one-line meaning in `SETTINGS`;
//! a `rules.toml` with an unknown key, a wrong type or a value out of range is refused as a
//! whole (nothing half-applied); this module reads no file itself — the caller passes the
//! text.

use std::collections::BTreeMap;

use serde::Serialize;

use super::stages::{self, Rule};
use crate::error::{Error, Result};

/// One tunable setting.
struct Setting {
    key: &'static str,
    default: f64,
    min: f64,
    max: f64,
    unit: &'static str,
    meaning: &'static str,
}

const fn days(key: &'static str, default: f64, meaning: &'static str) -> Setting {
    Setting { key, default, min: 0.0, max: 400.0, unit: "days", meaning }
}

/// Every setting, in the order `dossier rules` prints them. Keys are `section.name` as in
/// `rules.toml`.
const SETTINGS: &[Setting] = &[
    days("silence.no_first_scan", 7.0, "shipped, no carrier scan yet: react after"),
    days("silence.no_first_scan_critical", 10.0, "shipped, no carrier scan yet: critical after"),
    days("silence.origin", 14.0, "accepted / origin sorting, no movement: react after"),
    days("silence.origin_critical", 21.0, "accepted / origin sorting, no movement: critical after"),
    days("silence.exported", 25.0, "left the origin country, no import event: react after"),
    days("silence.exported_critical", 30.0, "left the origin country, no import event: critical after"),
    days("silence.destination", 10.0, "in the destination country, no movement: react after"),
    days("silence.destination_critical", 14.0, "in the destination country, no movement: critical after"),
    days("silence.over_month", 30.0, "no movement at any stage: red flag after"),
    Setting {
        key: "weight.low_ratio",
        default: 0.5,
        min: 0.0,
        max: 1.0,
        unit: "× item",
        meaning: "carrier weight below this share of the item's weight is a mismatch",
    },
    Setting {
        key: "weight.high_ratio",
        default: 2.0,
        min: 1.0,
        max: 100.0,
        unit: "× item",
        meaning: "carrier weight above this multiple of the item's weight, plus the packaging allowance, is a mismatch",
    },
    Setting {
        key: "weight.packaging_grams",
        default: 300.0,
        min: 0.0,
        max: 100_000.0,
        unit: "g",
        meaning: "packaging a parcel may add on top of the item (a 30 g case in an 86 g packet is normal)",
    },
    Setting {
        key: "weight.letter_heavy_grams",
        default: 2000.0,
        min: 0.0,
        max: 1_000_000.0,
        unit: "g",
        meaning: "an item heavier than this sent as a letter (S10 L/U) is suspicious",
    },
    days("protection.safety_margin", 5.0, "act this long before protection ends"),
    days("protection.delivered_autoclose", 5.0, "protection left after a \"delivered\" status"),
    days("protection.aliexpress", 60.0, "AliExpress protection from shipment when none is entered"),
    days("protection.aliexpress_ru", 90.0, "the same for deliveries to Russia"),
    days("protection.aliexpress_br", 120.0, "the same for deliveries to Brazil"),
    days("protection.ebay", 60.0, "eBay: estimated delivery (30) plus the claim window (30), from the order"),
    days("protection.paypal", 180.0, "PayPal: dispute window from payment"),
    days("protection.temu", 90.0, "Temu: from the order, when none is entered"),
    days("protection.joom", 75.0, "Joom: from the order, when none is entered"),
];

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The built-in default.
    Default,
    /// The data home's `rules.toml`.
    RulesToml,
}

/// One line of `dossier rules`.
#[derive(Debug, Clone, Serialize)]
pub struct EffectiveSetting {
    /// `section.name`.
    pub key: &'static str,
    /// The value in force.
    pub value: f64,
    /// Its unit.
    pub unit: &'static str,
    /// Where it came from.
    pub origin: Origin,
    /// The built-in default.
    pub default: f64,
    /// What it means.
    pub meaning: &'static str,
}

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Rules {
    values: BTreeMap<&'static str, (f64, Origin)>,
    /// The user's own phrases (`[phrases]`: phrase = stage), in the file's order.
    phrases: Vec<Rule>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { values: SETTINGS.iter().map(|s| (s.key, (s.default, Origin::Default))).collect(), phrases: Vec::new() }
    }
}

impl Rules {
    /// The defaults overridden by the text of a `rules.toml` (`None` when there is none).
    pub fn load(toml_text: Option<&str>) -> Result<Rules> {
        let mut rules = Rules::default();
        let Some(text) = toml_text else { return Ok(rules) };
        let bad = |message: String| {
            Error::invalid(
                format!("rules.toml: {message}"),
                "fix or delete rules.toml; the user guide lists every key, and so does `dossier rules` once the file reads",
            )
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| bad(e.message().to_string()))?;
        for (section, inner) in &table {
            let toml::Value::Table(inner) = inner else {
                return Err(bad(format!("'{section}' should be a [section]")));
            };
            if section == "phrases" {
                rules.phrases = user_phrases(inner).map_err(bad)?;
                continue;
            }
            for (name, value) in inner {
                let key = format!("{section}.{name}");
                let setting =
                    SETTINGS.iter().find(|s| s.key == key).ok_or_else(|| bad(format!("unknown key '{key}'")))?;
                #[allow(clippy::cast_precision_loss)]
                let number = match value {
                    toml::Value::Integer(i) => *i as f64,
                    toml::Value::Float(f) => *f,
                    _ => return Err(bad(format!("'{key}' should be a number ({})", setting.unit))),
                };
                if setting.unit == "days" && number.fract() != 0.0 {
                    return Err(bad(format!("'{key}' should be a whole number of days")));
                }
                if !(setting.min..=setting.max).contains(&number) {
                    return Err(bad(format!(
                        "'{key}' = {number} is out of range ({} to {} {})",
                        setting.min, setting.max, setting.unit
                    )));
                }
                rules.values.insert(setting.key, (number, Origin::RulesToml));
            }
        }
        for (low, high) in [
            ("silence.no_first_scan", "silence.no_first_scan_critical"),
            ("silence.origin", "silence.origin_critical"),
            ("silence.exported", "silence.exported_critical"),
            ("silence.destination", "silence.destination_critical"),
        ] {
            if rules.get(low) > rules.get(high) {
                return Err(bad(format!("'{low}' must not be larger than '{high}'")));
            }
        }
        Ok(rules)
    }

    /// The user's own phrases, tried before the built-in tables.
    pub fn phrases(&self) -> &[Rule] {
        &self.phrases
    }

    fn get(&self, key: &str) -> f64 {
        self.values.get(key).map_or(0.0, |v| v.0)
    }

    /// A setting in whole days.
    #[allow(clippy::cast_possible_truncation)]
    pub fn days(&self, key: &str) -> i64 {
        self.get(key).round() as i64
    }

    /// A setting as a number.
    pub fn number(&self, key: &str) -> f64 {
        self.get(key)
    }

    /// Every setting with its value and origin, for `dossier rules`.
    pub fn effective(&self) -> Vec<EffectiveSetting> {
        SETTINGS
            .iter()
            .map(|s| {
                let (value, origin) = self.values.get(s.key).copied().unwrap_or((s.default, Origin::Default));
                EffectiveSetting { key: s.key, value, unit: s.unit, origin, default: s.default, meaning: s.meaning }
            })
            .collect()
    }
}

/// Reads `[phrases]`: each key a phrase in the tables' syntax (`*` ends a stem, `{…}` stands
/// for any words), each value a stage code or one of the families `sorting`, `customs` and
/// `arrival`, whose side the statuses before it decide.
fn user_phrases(table: &toml::Table) -> std::result::Result<Vec<Rule>, String> {
    table
        .iter()
        .map(|(phrase, target)| {
            let toml::Value::String(target) = target else {
                return Err(format!("phrase \"{phrase}\" should name a stage in quotes, e.g. \"delivered\""));
            };
            stages::parse_rule("rules.toml", target, phrase).ok_or_else(|| {
                if phrase.chars().any(char::is_alphanumeric) {
                    format!(
                        "phrase \"{phrase}\": '{target}' is not a stage (a stage code such as \"arrived-destination\", \
                         or sorting, customs, arrival)"
                    )
                } else {
                    format!("phrase \"{phrase}\" has no letters")
                }
            })
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_domain_table() {
        let rules = Rules::default();
        assert_eq!(rules.days("silence.no_first_scan"), 7);
        assert_eq!(rules.days("silence.exported_critical"), 30);
        assert_eq!(rules.days("silence.destination"), 10);
        assert!((rules.number("weight.low_ratio") - 0.5).abs() < f64::EPSILON);
    }

    #[test]
    fn rules_toml_overrides_single_keys() {
        let rules = Rules::load(Some("[silence]\nexported = 20\n[protection]\nsafety_margin = 7.0\n")).unwrap();
        assert_eq!(rules.days("silence.exported"), 20);
        assert_eq!(rules.days("protection.safety_margin"), 7);
        let effective = rules.effective();
        let exported = effective.iter().find(|s| s.key == "silence.exported").unwrap();
        assert_eq!(exported.origin, Origin::RulesToml);
        assert!((exported.default - 25.0).abs() < f64::EPSILON);
        let origin = effective.iter().find(|s| s.key == "silence.origin").unwrap();
        assert_eq!(origin.origin, Origin::Default);
    }

    #[test]
    fn bad_rules_toml_is_refused_with_the_key() {
        for (text, expected) in [
            ("[silence]\nexportd = 20\n", "unknown key 'silence.exportd'"),
            ("[silence]\nexported = \"20\"\n", "'silence.exported' should be a number (days)"),
            ("[silence]\nexported = -1\n", "out of range"),
            ("[silence]\nexported = 10.5\n", "'silence.exported' should be a whole number of days"),
            ("[silence]\nexported = 40\n", "'silence.exported' must not be larger than 'silence.exported_critical'"),
            ("silence = 3\n", "'silence' should be a [section]"),
            ("[silence\n", "rules.toml: "),
        ] {
            let err = Rules::load(Some(text)).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }
}
