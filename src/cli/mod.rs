//! The command line: clap types, one file per command group, and the output layer.
//!
//! Each command turns its arguments into a validated request (dates, weights and codes are
//! parsed here, before anything is opened for writing), calls the library, and renders the
//! result as a table or as JSON. Only this module knows clap and stdout.

mod build;
mod check;
mod evidence;
mod json;
mod order;
mod output;
mod records;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::dates::{self, When};
use crate::error::{Error, Result};
use crate::home::Home;
use crate::model::Code;
pub use output::Out;

/// Keep every order's evidence, statuses and messages, and build a dispute dossier.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Data home (default: the platform data directory, ~/.local/share/dossier on Linux)
    #[arg(long, global = true, env = "DOSSIER_HOME", value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Print machine-readable JSON on stdout
    #[arg(long, global = true)]
    pub json: bool,
    /// Evaluate as if it were this moment (deadlines, "yesterday", "3 days ago")
    #[arg(long, global = true, env = "DOSSIER_NOW", value_name = "DATETIME")]
    pub now: Option<String>,
    /// When to colour the output (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print only errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset
    Auto,
    /// Always colour
    Always,
    /// Never colour
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
    Track(records::TrackCommand),
    /// Tracking statuses of an order
    #[command(subcommand)]
    Status(records::StatusCommand),
    /// Correspondence about an order
    #[command(subcommand)]
    Message(records::MessageCommand),
    /// Evidence files: screenshots, chats, photos
    #[command(subcommand)]
    Evidence(evidence::EvidenceCommand),
    /// Manual checklist items (template-replies, not-received)
    #[command(subcommand)]
    Flag(records::FlagCommand),
    /// Check cases: stage, silence, red flags, protection, next action
    Check(check::CheckArgs),
    /// Open cases, most urgent first, with the date each needs action
    Agenda,
    /// The next action and the message to send, filled in
    Advise(check::AdviseArgs),
    /// Protection and next-action deadlines as an iCalendar file
    Calendar(check::CalendarArgs),
    /// The effective rule settings (defaults and rules.toml)
    Rules,
    /// Build the PDF dispute dossier of an order
    Build(build::BuildArgs),
    /// Build a worked sample case from built-in data
    Demo {
        /// Directory to build it in
        #[arg(short, long, default_value = "dossier-demo", value_name = "DIR")]
        output: PathBuf,
    },
    /// Print a shell completion script
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
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
        Command::Track(cmd) => records::run_track(&ctx, cmd),
        Command::Status(cmd) => records::run_status(&ctx, cmd),
        Command::Message(cmd) => records::run_message(&ctx, cmd),
        Command::Evidence(cmd) => evidence::run(&ctx, cmd),
        Command::Flag(cmd) => records::run_flag(&ctx, cmd),
        Command::Check(args) => check::run_check(&ctx, &args),
        Command::Agenda => check::run_agenda(&ctx),
        Command::Advise(args) => check::run_advise(&ctx, &args),
        Command::Calendar(args) => check::run_calendar(&ctx, &args),
        Command::Rules => check::run_rules(&ctx),
        Command::Build(args) => build::run_build(&ctx, &args),
        Command::Demo { output } => run_demo(&ctx, &output),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "dossier", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => {
            let man = clap_mangen::Man::new(Cli::command());
            man.render(&mut std::io::stdout()).map_err(|e| Error::io("stdout", e))
        }
    }
}

fn run_demo(ctx: &Ctx, dir: &std::path::Path) -> Result<()> {
    let now = ctx.now_given.then_some(ctx.now);
    let mut made = crate::demo::build(dir, now, &mut |line| ctx.out.progress_line(line))?;
    // The dossier is built as of the demo's own moment, in the demo's home.
    let as_of = DateTime::parse_from_rfc3339(&made.as_of)
        .map_err(|e| Error::Corrupt(format!("the demo's moment {}: {e}", made.as_of)))?;
    let demo_ctx = Ctx { home_dir: Some(made.home.clone()), now: as_of, now_given: true, out: ctx.out };
    let pdf = dir.join(format!("dossier-{}.pdf", made.number));
    let (pages, bytes) = build::demo_dossier(&demo_ctx, &made.order_id.to_string(), pdf.clone())?;
    made.dossier = Some(pdf.clone());
    ctx.out.value(&made, || {
        let mut text = format!("built a sample case in {}\n", made.home.display());
        text.push_str(&format!(
            "  order {} ({} {}): {} statuses, {} messages, {} evidence files\n",
            made.order_id, made.platform, made.number, made.statuses, made.messages, made.evidence
        ));
        text.push_str(&format!("  original files: {}\n", made.files.display()));
        text.push_str(&format!(
            "  dispute dossier: {} ({pages} pages, {})\n",
            pdf.display(),
            output::human_size(bytes as u64)
        ));
        text.push_str(&format!(
            "try:\n  dossier --home {home} order show {id}\n  dossier --home {home} --now {as_of} check {id}\n  dossier --home {home} --now {as_of} advise {id}\n",
            home = made.home.display(),
            id = made.order_id,
            as_of = made.as_of
        ));
        text
    })
}

/// A clap value parser for a stable code enum: lists the valid codes on error (exit 2).
pub(crate) fn code_parser<T: Code + Send + Sync + 'static>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::codes())
        .map(|code| T::from_code(&code).expect("PossibleValuesParser only lets known codes through"))
}

/// Turns an optional text flag into an edit: absent leaves alone, empty clears.
#[allow(clippy::option_option)]
pub(crate) fn edit_text(value: Option<&String>) -> Option<Option<String>> {
    value.map(|v| {
        let trimmed = v.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_string())
    })
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

/// Writes a file through a temporary sibling and a rename, so it is never half-written.
pub(crate) fn write_file_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}
