//! The data home (SPEC §1): where it is, and making sure it exists with private permissions.
//!
//! Layout: `dossier.db` (SQLite, WAL), `blobs/` (evidence by SHA-256), `cache/` (derived
//! images, safe to delete), optional `rules.toml` and `config.toml`. Directories are created 0700.

use std::fs::{self, DirBuilder};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use crate::db::Db;
use crate::error::{Error, Result};
use crate::store::BlobStore;

/// An existing, writable data home.
#[derive(Debug, Clone)]
pub struct Home {
    root: PathBuf,
}

impl Home {
    /// The data home chosen by `--home`/`DOSSIER_HOME` (already merged by the caller), else
    /// the platform data directory.
    pub fn locate(chosen: Option<PathBuf>) -> Result<PathBuf> {
        chosen.or_else(|| dirs::data_dir().map(|d| d.join("dossier"))).ok_or_else(|| Error::Home {
            path: PathBuf::from("~/.local/share/dossier"),
            problem: "no data directory is known on this system".into(),
        })
    }

    /// Creates the home and its folders if needed (mode 0700) and checks it is usable.
    pub fn open(root: &Path) -> Result<Home> {
        let fail = |problem: String| Error::Home { path: root.to_path_buf(), problem };
        if root.exists() && !root.is_dir() {
            return Err(fail("it exists and is not a directory".into()));
        }
        let mut builder = DirBuilder::new();
        builder.recursive(true).mode(0o700);
        for dir in [root.to_path_buf(), root.join("blobs"), root.join("cache")] {
            builder.create(&dir).map_err(|e| fail(format!("cannot create {} ({e})", dir.display())))?;
        }
        let probe = root.join(".write-test");
        fs::write(&probe, b"").map_err(|e| fail(format!("it is not writable ({e})")))?;
        let _ = fs::remove_file(&probe);
        Ok(Home { root: root.to_path_buf() })
    }

    /// The home directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Opens the case database for a command that writes.
    pub fn db(&self) -> Result<Db> {
        Db::open(&self.root.join("dossier.db"))
    }

    /// Opens the case database for a command that only reads: never blocked by a writer.
    pub fn read_db(&self) -> Result<Db> {
        Db::open_read(&self.root.join("dossier.db"))
    }

    /// The rule settings: defaults, overridden by `rules.toml` when the home has one.
    pub fn rules(&self) -> Result<crate::rules::Rules> {
        let path = self.rules_path();
        let text = match fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&path, e)),
        };
        crate::rules::Rules::load(text.as_deref())
    }

    /// The user's defaults (`config.toml`); empty when there is no file.
    pub fn config(&self) -> Result<crate::config::Config> {
        crate::config::Config::load(&self.config_path())
    }

    /// Where `config.toml` lives.
    pub fn config_path(&self) -> PathBuf {
        self.root.join("config.toml")
    }

    /// Where `rules.toml` lives.
    pub fn rules_path(&self) -> PathBuf {
        self.root.join("rules.toml")
    }

    /// The evidence store.
    pub fn blobs(&self) -> BlobStore {
        BlobStore::new(self.root.join("blobs"))
    }
}
