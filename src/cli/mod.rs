//! The command line: clap types, one file per command (`<Command>Args` or a subcommand enum,
//! and its `run`), and the output layer.
//!
//! Each command turns its arguments into a validated request (dates, weights and codes are
//! parsed here, before anything is opened for writing), calls the library, and renders the
//! result as a table or as JSON. Only this module knows clap and stdout, and only it (and
//! `error.rs`) words hints that name commands or flags.

mod advise;
mod agenda;
mod build;
mod bundle;
mod calendar;
mod check;
mod config;
mod demo;
mod evidence;
mod flag;
mod help;
mod message;
mod order;
mod output;
mod rules;
mod stage;
mod status;
mod track;
mod verify;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};

use crate::dates::{self, When};
use crate::error::{Error, Result};
use crate::home::Home;
use crate::model::Code;
pub use output::Out;

/// Keep every order's evidence, statuses and messages, and build a dispute dossier.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Data home [env: DOSSIER_HOME] (default: the platform data directory,
    /// ~/.local/share/dossier on Linux)
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL,
          value_parser = clap::builder::OsStringValueParser::new().map(PathBuf::from))]
    pub home: Option<PathBuf>,
    /// Print machine-readable JSON on stdout
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub json: bool,
    /// Evaluate as if it were this moment (deadlines, "yesterday", "3 days ago") [env:
    /// DOSSIER_NOW]
    #[arg(long, global = true, value_name = "DATETIME", help_heading = GLOBAL)]
    pub now: Option<String>,
    /// When to colour the output (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN",
          help_heading = GLOBAL)]
    pub color: ColorChoice,
    /// Print only errors
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,
    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// The heading of the flags every command takes, listed once after a command's own.
const GLOBAL: &str = "Global options";

/// Parses the command line (with the examples of [`help::command`]), then takes `--home` and
/// `--now` from `DOSSIER_HOME` and `DOSSIER_NOW` when they are not given. The environment is
/// read here rather than by clap, so that a usage line never lists them as if they had been
/// typed. An empty variable counts as unset, as the XDG base directory rules treat an empty
/// `XDG_DATA_HOME`; an empty `--home ""` typed on the command line is a usage error.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let matches = help::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if cli.home.as_ref().is_some_and(|h| h.as_os_str().is_empty()) {
        help::command()
            .error(clap::error::ErrorKind::InvalidValue, "--home needs a directory, not an empty value")
            .exit();
    }
    let set = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    cli.home = cli.home.or_else(|| set("DOSSIER_HOME").map(PathBuf::from));
    cli.now = cli.now.or_else(|| set("DOSSIER_NOW").map(|now| now.to_string_lossy().into_owned()));
    cli
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record, list, show, edit and close orders
    #[command(subcommand)]
    Order(Box<order::OrderCommand>),
    /// Tracking numbers of an order
    #[command(subcommand)]
    Track(track::TrackCommand),
    /// Tracking statuses of an order
    #[command(subcommand)]
    Status(status::StatusCommand),
    /// How status texts are read into stages
    #[command(subcommand)]
    Stage(stage::StageCommand),
    /// Correspondence about an order
    #[command(subcommand)]
    Message(message::MessageCommand),
    /// Evidence files: screenshots, chats, photos
    #[command(subcommand)]
    Evidence(evidence::EvidenceCommand),
    /// Manual checklist items (template-replies, not-received)
    #[command(subcommand)]
    Flag(flag::FlagCommand),
    /// Check cases: stage, silence, red flags, protection, next action
    Check(check::CheckArgs),
    /// Open cases, most urgent first, with the date each needs action
    Agenda(agenda::AgendaArgs),
    /// The next action and the message to send, filled in
    Advise(advise::AdviseArgs),
    /// Protection and next-action deadlines as an iCalendar file
    Calendar(calendar::CalendarArgs),
    /// The effective rule settings (defaults and rules.toml)
    Rules(rules::RulesArgs),
    /// Build the PDF dispute dossier of an order
    Build(build::BuildArgs),
    /// Write a case as a portable bundle (a zip holding a BagIt bag)
    Export(bundle::ExportArgs),
    /// Check a bundle completely, then add its case (or what is new in it)
    Import(bundle::ImportArgs),
    /// Re-hash the evidence and replay each case's log: report anything changed since intake
    Verify(verify::VerifyArgs),
    /// Build a worked sample case from built-in data
    Demo(demo::DemoArgs),
    /// Defaults for flags not given: the buyer's address, the platform, the dossier language
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print a shell completion script
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a directory
    Man {
        /// Write dossier.1 and a page for every subcommand (dossier-order-add.1, …) here
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

/// What every command gets: where the data is, what time it is, how to print.
pub struct Ctx {
    home_dir: Option<PathBuf>,
    /// The moment the command evaluates against.
    pub now: DateTime<FixedOffset>,
    /// True when the user fixed the clock with --now or DOSSIER_NOW.
    pub now_given: bool,
    /// Output settings.
    pub out: Out,
}

impl Ctx {
    /// Opens the data home (creating it on first use).
    pub fn home(&self) -> Result<Home> {
        Home::open(&Home::locate(self.home_dir.clone())?)
    }

    /// `now` as written into records and the event log.
    pub fn stamp(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    /// Parses a user-typed moment for `what` (a flag name).
    pub fn when(&self, what: &str, input: &str) -> Result<When> {
        dates::parse_when(input, self.now).map_err(|source| Error::Date { what: what.to_string(), source })
    }

    /// Parses a moment that must not lie in the future unless `force`.
    pub fn past(&self, what: &str, input: &str, force: bool) -> Result<When> {
        let when = self.when(what, input)?;
        if when.is_after(self.now) && !force {
            return Err(Error::InFuture { what: what.to_string(), when: when.to_string(), now: self.stamp() });
        }
        Ok(when)
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let clock = chrono::Local::now().fixed_offset();
    let now = match &cli.now {
        Some(text) => dates::parse_now(text, clock, *clock.offset())
            .map_err(|source| Error::Date { what: "--now".into(), source })?,
        None => clock,
    };
    let out = Out::new(cli.json, cli.quiet, cli.color);
    let ctx = Ctx { home_dir: cli.home, now, now_given: cli.now.is_some(), out };
    match cli.command {
        Command::Order(cmd) => order::run(&ctx, *cmd),
        Command::Track(cmd) => track::run(&ctx, cmd),
        Command::Status(cmd) => status::run(&ctx, cmd),
        Command::Stage(cmd) => stage::run(&ctx, cmd),
        Command::Message(cmd) => message::run(&ctx, cmd),
        Command::Evidence(cmd) => evidence::run(&ctx, cmd),
        Command::Flag(cmd) => flag::run(&ctx, cmd),
        Command::Check(args) => check::run(&ctx, &args),
        Command::Agenda(args) => agenda::run(&ctx, &args),
        Command::Advise(args) => advise::run(&ctx, &args),
        Command::Calendar(args) => calendar::run(&ctx, &args),
        Command::Rules(args) => rules::run(&ctx, &args),
        Command::Build(args) => build::run(&ctx, &args),
        Command::Verify(args) => verify::run(&ctx, &args),
        Command::Export(args) => bundle::run_export(&ctx, &args),
        Command::Import(args) => bundle::run_import(&ctx, &args),
        Command::Demo(args) => demo::run(&ctx, &args),
        Command::Config(cmd) => config::run(&ctx, cmd),
        // Rendered whole, then written: clap_complete panics on a write error, and a closed
        // pipe (`| head -1`) must end the command quietly.
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut help::command(), "dossier", &mut script);
            output::write_raw(&String::from_utf8_lossy(&script))
        }
        Command::Man { output: None } => {
            let mut command = without_help(help::command());
            command.build();
            output::write_raw(&String::from_utf8_lossy(&man_page(&command)?))
        }
        Command::Man { output: Some(dir) } => {
            // `help` subcommands are clap's, not dossier's: no pages for them.
            let mut command = without_help(help::command());
            command.build();
            let mut written = Vec::new();
            man_pages(&command, "dossier", &dir, &mut written)?;
            ctx.out.value(&written, || format!("wrote {} manual pages to {}\n", written.len(), dir.display()))
        }
    }
}

/// A clap value parser for a stable code enum: lists the valid codes on error (exit 2).
pub(crate) fn code_parser<T: Code + Send + Sync + 'static>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::codes())
        .map(|code| T::from_code(&code).expect("PossibleValuesParser only lets known codes through"))
}

/// An optional text as given, trimmed; `None` when absent or blank.
pub(crate) fn trimmed(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Turns an optional text flag into an edit: absent leaves alone, empty clears.
#[allow(clippy::option_option)]
pub(crate) fn edit_text(value: Option<&String>) -> Option<Option<String>> {
    value.map(|v| trimmed(Some(v)).map(str::to_string))
}

/// Like `edit_text`, parsing non-empty values.
#[allow(clippy::option_option)]
pub(crate) fn edit_with<T>(value: Option<&String>, parse: impl FnOnce(&str) -> Result<T>) -> Result<Option<Option<T>>> {
    match value {
        None => Ok(None),
        Some(v) if v.trim().is_empty() => Ok(Some(None)),
        Some(v) => Ok(Some(Some(parse(v)?))),
    }
}

fn without_help(command: clap::Command) -> clap::Command {
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    names
        .into_iter()
        .fold(command.disable_help_subcommand(true), |command, name| command.mut_subcommand(name, without_help))
}

/// The manual page of `command` in roff: clap_mangen's sections, with the `--help` examples
/// as an EXAMPLES section whose lines are kept as they are (not filled), so they can be
/// copied.
fn man_page(command: &clap::Command) -> Result<Vec<u8>> {
    let examples = command.get_after_help().map(ToString::to_string);
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone().after_help(None::<&str>))
        .render(&mut page)
        .map_err(|e| Error::io("man page", e))?;
    let mut page = String::from_utf8_lossy(&page).into_owned();
    if let Some(examples) = examples {
        let lines: String = examples
            .lines()
            .filter(|line| line.starts_with(' '))
            .map(|line| format!("\\&{}\n", line.strip_prefix("  ").unwrap_or(line).replace('\\', "\\e")))
            .collect();
        let section = format!(".SH EXAMPLES\n.nf\n{lines}.fi\n");
        match page.find(".SH VERSION") {
            Some(at) => page.insert_str(at, &section),
            None => page.push_str(&section),
        }
    }
    Ok(page.into_bytes())
}

/// Writes the page of `command` as `NAME.1` in `dir`, then one for each subcommand, named
/// `NAME-SUB.1`: the names the pages use when they refer to each other, so every page a
/// page names is there.
fn man_pages(command: &clap::Command, name: &str, dir: &std::path::Path, written: &mut Vec<PathBuf>) -> Result<()> {
    if !dir.is_dir() {
        let problem = if dir.exists() { "is not a directory" } else { "does not exist" };
        return Err(Error::invalid(
            format!("{} {problem}", dir.display()),
            format!("create it first: mkdir -p {}", dir.display()),
        ));
    }
    let page = man_page(&command.clone().name(name.to_string()))?;
    let path = dir.join(format!("{name}.1"));
    crate::files::write_atomically(&path, &page)?;
    written.push(path);
    for sub in command.get_subcommands() {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), dir, written)?;
    }
    Ok(())
}

/// The largest paste read (a tracker's whole history is a few hundred kilobytes at most).
const MAX_PASTE: u64 = 64 << 20;

/// Reads a pasted text from a file or standard input (`-` or no file).
pub(crate) fn read_paste(file: Option<&std::path::Path>) -> Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    match file.filter(|path| path.as_os_str() != "-") {
        None => std::io::stdin()
            .lock()
            .take(MAX_PASTE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("standard input", e))?,
        Some(path) => std::fs::File::open(path)
            .and_then(|f| f.take(MAX_PASTE + 1).read_to_end(&mut bytes))
            .map_err(|e| Error::io(path, e))?,
    };
    if bytes.len() as u64 > MAX_PASTE {
        return Err(Error::invalid(
            format!("the pasted text is larger than {} MB", MAX_PASTE >> 20),
            "paste one parcel's history, or one chat, at a time",
        ));
    }
    // Invalid UTF-8 (a copy from an old page) is shown as U+FFFD rather than refused whole.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
