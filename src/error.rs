//! The library's one error type.
//!
//! Every variant names the object the user has to look at (which order, which file, which
//! value) and most carry a hint: the command or the input form that fixes it. Messages are
//! lowercase and printed by `main` as `error: …` followed by `hint: …`.

use std::path::PathBuf;

use crate::dates::DateError;

/// Everything that can go wrong in dossier, with the context a user needs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line is wrong in a way clap cannot see (exit code 2).
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// A value given by the user is not acceptable.
    #[error("{message}")]
    Invalid {
        /// What is wrong, naming the value.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// A date could not be read.
    #[error("{what}: {source}")]
    Date {
        /// Which flag or field held the date.
        what: String,
        /// The parser's verdict.
        source: DateError,
    },
    /// No order matches the reference.
    #[error("no order '{reference}'")]
    UnknownOrder {
        /// What the user typed.
        reference: String,
        /// Orders whose number or tracking number is one typo away, described.
        suggestions: Vec<String>,
    },
    /// The reference matches more than one order.
    #[error("'{reference}' matches more than one order: {candidates}")]
    AmbiguousOrder {
        /// What the user typed.
        reference: String,
        /// The matching orders, described.
        candidates: String,
        /// Local ids of the matching orders.
        ids: Vec<i64>,
    },
    /// An order with the same platform and number exists.
    #[error("{platform} order {number} is already recorded as order {existing}")]
    DuplicateOrder {
        /// The platform code.
        platform: String,
        /// The platform's order number.
        number: String,
        /// The local id of the existing order.
        existing: i64,
    },
    /// A moment in the future where only past moments make sense.
    #[error("{what} {when} is after now ({now})")]
    InFuture {
        /// Which flag held the date.
        what: String,
        /// The date as shown to the user.
        when: String,
        /// The moment used as now.
        now: String,
    },
    /// An evidence file cannot be used.
    #[error("{}: {problem}", path.display())]
    EvidenceFile {
        /// The file the user named.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// The data home cannot be created or written.
    #[error("cannot use data home {}: {problem}", path.display())]
    Home {
        /// The data home.
        path: PathBuf,
        /// The underlying problem.
        problem: String,
    },
    /// The database was written by a newer dossier.
    #[error(
        "database {} was written by a newer dossier (schema version {found}, this dossier knows up to {known}); it was left untouched",
        path.display()
    )]
    NewerDatabase {
        /// The database file.
        path: PathBuf,
        /// The version found in the file.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// Any SQLite failure.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// An I/O failure, with the path involved.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// `verify` found damage (exit code 1; the report is on stdout).
    #[error("verify found {count} problem(s) in the data home")]
    VerifyFailed {
        /// How many.
        count: usize,
    },
    /// `check --strict` found critical red flags (exit code 3).
    #[error("{count} critical red flag(s) found")]
    CriticalFlags {
        /// How many.
        count: usize,
    },
    /// An evidence reference the order does not have.
    #[error("order {order} has no evidence {reference}")]
    UnknownEvidence {
        /// The order's local id.
        order: i64,
        /// What the user typed.
        reference: String,
    },
    /// A status names a tracking number the order does not have.
    #[error("tracking number {number} is not on order {order}")]
    UnknownTrackingNumber {
        /// The order's local id.
        order: i64,
        /// The normalised number.
        number: String,
    },
    /// A manual flag to clear is not set.
    #[error("flag {code} is not set on order {order}")]
    FlagNotSet {
        /// The order's local id.
        order: i64,
        /// The flag code.
        code: String,
    },
    /// Stored data that does not read back as written.
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// A bug in dossier: something that cannot happen did (a thread that failed, an encoder
    /// or font-subsetting error). Not the user's data.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// A short suggestion printed after the error, when a fix is known.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Usage { hint, .. } | Error::Invalid { hint, .. } | Error::EvidenceFile { hint, .. } => hint.clone(),
            Error::Date { source, .. } => Some(source.hint().to_string()),
            Error::UnknownOrder { suggestions, .. } if !suggestions.is_empty() => Some(format!(
                "did you mean {}? `dossier order list --all` shows every order with its local id",
                suggestions.join(" or ")
            )),
            Error::UnknownOrder { .. } => Some("`dossier order list --all` shows every order with its local id".into()),
            Error::AmbiguousOrder { ids, .. } => Some(format!(
                "address the order by its local id: {}",
                ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(" or ")
            )),
            Error::DuplicateOrder { existing, .. } => {
                Some(format!("`dossier order show {existing}` shows it; `dossier order edit {existing}` changes it"))
            }
            Error::InFuture { .. } => {
                Some("check the year and the day; pass --force if the date really is in the future".into())
            }
            Error::Home { .. } => {
                Some("choose a writable directory with --home DIR or the DOSSIER_HOME variable".into())
            }
            Error::NewerDatabase { .. } => Some("install a newer dossier, or point --home at another data home".into()),
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseBusy => {
                Some("another dossier is writing; try again in a moment".into())
            }
            Error::CriticalFlags { .. } => Some("`dossier advise ORDER` says what to do about them".into()),
            Error::UnknownEvidence { order, .. } => {
                Some(format!("`dossier evidence list {order}` shows its evidence references"))
            }
            Error::UnknownTrackingNumber { order, number } => {
                Some(format!("add it first: dossier track add {order} {number}"))
            }
            Error::FlagNotSet { order, .. } => {
                Some(format!("`dossier order show {order}` lists the flags that are set"))
            }
            Error::Internal(_) => Some(
                "this is a bug in dossier, not a problem with your data; please report it with the command you ran"
                    .into(),
            ),
            Error::VerifyFailed { .. } => Some(
                "a changed or missing file is restored by attaching the original again (evidence add); \
                 rows and log entries changed outside dossier cannot be repaired: restore the data home from a backup"
                    .into(),
            ),
            Error::Sqlite(_) | Error::Io { .. } | Error::Corrupt(_) => None,
        }
    }

    /// The process exit code for this error (SPEC §2).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage { .. } => 2,
            Error::CriticalFlags { .. } => 3,
            _ => 1,
        }
    }

    /// Shorthand for an `Invalid` error with a hint.
    pub fn invalid(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Invalid { message: message.into(), hint: Some(hint.into()) }
    }

    /// Shorthand for a `Usage` error with a hint.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage { message: message.into(), hint: Some(hint.into()) }
    }

    /// An [`Error::Internal`] from anything that can be shown.
    pub fn internal(what: impl std::fmt::Display) -> Self {
        Error::Internal(what.to_string())
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
