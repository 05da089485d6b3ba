//! `dossier stage explain`: the stage a status text gets, and the phrase-table rule that
//! decided it.

use clap::Subcommand;
use serde::Serialize;

use super::{Ctx, code_parser};
use crate::error::Result;
use crate::model::Stage;
use crate::rules::stages::{self, Context};

/// Stage commands.
#[derive(Debug, Subcommand)]
pub enum StageCommand {
    /// Show the stage a status text gets and the rule (language, phrase) that decided it
    Explain {
        /// The status text as the tracker shows it
        text: String,
        /// Where it happened (decides a transit hub)
        #[arg(long, value_name = "P")]
        place: Option<String>,
        /// The stage of the status before it (decides the side of sorting and customs)
        #[arg(long, value_name = "STAGE", value_parser = code_parser::<Stage>())]
        previous: Option<Stage>,
        /// The buyer's country, e.g. RU (decides a transit hub)
        #[arg(long, value_name = "CC", value_parser = country_code)]
        country: Option<String>,
    },
}

/// What `stage explain` reports.
#[derive(Serialize)]
struct Explained<'a> {
    text: &'a str,
    stage: Stage,
    /// The rule's target (a stage, or the family `sorting`, `customs`, `arrival`).
    rule: Option<Rule<'a>>,
}

#[derive(Serialize)]
struct Rule<'a> {
    lang: &'a str,
    phrase: &'a str,
    target: &'a str,
}

/// `--country` read as `order` reads it (any case, spaces around); refused as a usage error.
fn country_code(input: &str) -> std::result::Result<String, String> {
    crate::model::parse_country(input).map_err(|e| match e.hint() {
        Some(hint) => format!("{e}; {hint}"),
        None => e.to_string(),
    })
}

/// Runs a stage command.
pub fn run(ctx: &Ctx, cmd: StageCommand) -> Result<()> {
    let StageCommand::Explain { text, place, previous, country } = cmd;
    let context = Context {
        previous,
        last: previous,
        place: place.as_deref(),
        destination: country.as_deref(),
        domestic: false,
        moved: None,
        in_buyers_town: false,
        origin: None,
        hub_arrivals: false,
    };
    let rules = ctx.home()?.rules()?;
    let (stage, rule) = stages::explain(&text, context, rules.phrases());
    let rule = rule.map(|r| Rule { lang: r.lang, phrase: &r.phrase, target: r.target() });
    let explained = Explained { text: &text, stage, rule };
    let source = |r: &Rule<'_>| match r.lang {
        "rules.toml" => format!("your phrase \"{}\" in rules.toml", r.phrase),
        lang => format!("the {lang} phrase \"{}\"", r.phrase),
    };
    ctx.out.value(&explained, || match &explained.rule {
        Some(r) if r.target == stage.to_string() => format!("{stage}\n  decided by {}\n", source(r)),
        Some(r) => format!(
            "{stage}\n  decided by {} ({}, resolved by the place and the stage before it)\n",
            source(r),
            r.target
        ),
        None => "unknown\n  no phrase of the tables occurs in this text\n".to_string(),
    })
}
