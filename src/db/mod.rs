//! The database: opening (pragmas, migrations) and every query. The only module with SQL.
//!
//! Invariants:
//! - a database whose `user_version` is newer than [`SCHEMA_VERSION`] is refused before
//!   anything is written to it (it is first opened read-only, so not even the journal mode
//!   changes);
//! - each mutating call runs in one `IMMEDIATE` transaction and appends to the case's event
//!   log inside the same transaction, so a crash leaves either the whole change or none;
//! - the event log is append-only (enforced by triggers) and hash-chained per case.

mod corrections;
mod events;
mod orders;
mod records;
pub mod replay;
mod stream;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub use corrections::{Corrected, MessageEdit, StatusEdit};
pub use events::{GENESIS_HASH, canonical_json, entry_hash};
pub use orders::{FieldChange, OrderFields, OrderSummary};
pub use records::{Attached, Imported, NewMessage, NewStatus};

/// Migrations in order; entry `n` brings the schema to version `n + 1`. Append only.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_shared_numbers.sql"),
    include_str!("migrations/0003_tracking_order.sql"),
];

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open case database.
pub struct Db {
    conn: Connection,
}

impl Db {
    /// Opens (creating if needed) the database at `path`, refusing a newer schema.
    pub fn open(path: &Path) -> Result<Db> {
        if path.exists() {
            refuse_newer(path)?;
        }
        let conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| open_error(path, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Reads map the file instead of copying each page (`check --all` reads every row).
        conn.pragma_update(None, "mmap_size", 256i64 << 20)?;
        let mut db = Db { conn };
        // Only a database whose schema is behind takes the write lock to migrate, so an
        // up-to-date one never waits here behind another process's write.
        if db.schema_version()? != SCHEMA_VERSION {
            db.migrate(path)?;
        }
        Ok(db)
    }

    /// A second read-only connection to the same database file, for a reader on another
    /// thread (a connection is used by one thread at a time).
    pub fn reopen(&self) -> Result<Db> {
        match self.conn.path() {
            Some(path) if !path.is_empty() => Db::open_read(Path::new(path)),
            _ => Err(Error::Internal("the database has no file to open again".into())),
        }
    }

    /// Opens the database for reading only: it never takes a lock that waits behind a writer
    /// (WAL readers see the last committed state). A database that does not exist yet or
    /// whose schema is behind is opened by [`Db::open`] first, which creates or migrates it.
    pub fn open_read(path: &Path) -> Result<Db> {
        if !path.exists() {
            return Db::open(path);
        }
        refuse_newer(path)?;
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| open_error(path, e))?;
        conn.pragma_update(None, "mmap_size", 256i64 << 20)?;
        let db = Db { conn };
        if db.schema_version()? != SCHEMA_VERSION {
            drop(db);
            return Db::open(path);
        }
        Ok(db)
    }

    fn migrate(&mut self, path: &Path) -> Result<()> {
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| open_error(path, e))?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(Error::NewerDatabase { path: path.to_path_buf(), found: version, known: SCHEMA_VERSION });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        for sql in MIGRATIONS.iter().skip(usize::try_from(version).unwrap_or(0)) {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// Starts the one write transaction of a mutating command.
    fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}

/// Reads `user_version` through a read-only connection so a newer file is never touched.
fn refuse_newer(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| open_error(path, e))?;
    let found: i64 =
        conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(|e| open_error(path, e))?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerDatabase { path: path.to_path_buf(), found, known: SCHEMA_VERSION });
    }
    Ok(())
}

/// Turns SQLite's open failures into messages about the file or the data home.
fn open_error(path: &Path, error: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode::{CannotOpen, NotADatabase, PermissionDenied, ReadOnly};
    let home = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    match &error {
        rusqlite::Error::SqliteFailure(e, _) if matches!(e.code, CannotOpen | PermissionDenied | ReadOnly) => {
            Error::Home { path: home, problem: format!("the database cannot be opened for writing ({error})") }
        }
        rusqlite::Error::SqliteFailure(e, _) if e.code == NotADatabase => {
            Error::Corrupt(format!("{} is not a dossier database ({error})", path.display()))
        }
        _ => Error::Sqlite(error),
    }
}
