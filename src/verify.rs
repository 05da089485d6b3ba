//! `verify`: an audit of the data home, in the manner of hashdeep's audit mode. It re-hashes
//! every blob, re-walks each case's hash chain, replays each log against the rows, and runs
//! SQLite's integrity check; each problem is reported by kind. It changes nothing (`gc`, which
//! removes unreferenced blobs, is a separate step the caller asks for).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use serde::Serialize;

use crate::db::Db;
use crate::db::replay;
use crate::error::Result;
use crate::home::Home;
use crate::model::{Code, Order};
use crate::store;

crate::model::code_enum! {
    /// What kind of problem an audit found (stable codes, shown in `verify --json`).
    Kind {
        /// A blob whose content no longer has the hash it is named by.
        Changed = "changed",
        /// A blob that the log recorded is not in the store.
        Missing = "missing",
        /// A file in the store that is not a blob.
        Unexpected = "unexpected",
        /// An evidence row whose hash names no blob, and no log entry recorded that hash.
        RowWithoutBlob = "row-without-blob",
        /// A row that is not as its log wrote it (edited, removed or added outside dossier).
        RowDiffers = "row-differs",
        /// A case's hash chain is broken.
        BrokenChain = "broken-chain",
        /// SQLite's integrity check failed.
        Database = "database",
        /// A temporary file of an ingest that was killed.
        LeftoverTemp = "leftover-temp",
        /// A sound blob that no evidence refers to (removed by `verify --gc`).
        Unreferenced = "unreferenced",
    }
}

impl Kind {
    /// True when the finding is housekeeping, not damage: verify stays clean (exit 0).
    pub fn is_housekeeping(self) -> bool {
        self == Kind::Unreferenced
    }
}

/// One problem found.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The kind of problem.
    pub kind: Kind,
    /// The order it concerns, when it concerns one.
    pub order: Option<i64>,
    /// The file or row it concerns.
    pub subject: String,
    /// What is wrong.
    pub detail: String,
}

/// The result of an audit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Cases whose chain and rows were checked.
    pub cases: usize,
    /// Log entries walked.
    pub entries: usize,
    /// Blobs re-hashed.
    pub blobs: usize,
    /// Bytes re-hashed.
    pub bytes: u64,
    /// Problems, grouped by kind in the order of [`Kind`].
    pub findings: Vec<Finding>,
}

impl Report {
    /// True when nothing but housekeeping was found.
    pub fn clean(&self) -> bool {
        self.findings.iter().all(|f| f.kind.is_housekeeping())
    }

    /// Hashes of the unreferenced blobs found.
    pub fn unreferenced(&self) -> Vec<String> {
        self.findings.iter().filter(|f| f.kind == Kind::Unreferenced).map(|f| f.subject.clone()).collect()
    }

    fn add(&mut self, kind: Kind, order: Option<i64>, subject: impl Into<String>, detail: impl Into<String>) {
        self.findings.push(Finding { kind, order, subject: subject.into(), detail: detail.into() });
    }
}

/// Audits the whole home, or one case (`only`): then the store is not scanned for other
/// files. `progress` is told the bytes hashed so far out of `total` (called once with 0 first).
pub fn audit(home: &Home, db: &Db, only: Option<&Order>, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<Report> {
    let mut report = Report::default();
    // Blobs each case refers to, by its rows or by its log, and which of them the log recorded.
    let mut referenced: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    let mut logged: BTreeSet<String> = BTreeSet::new();
    for (id, uuid) in db.case_ids()? {
        if only.is_some_and(|o| o.id != id) {
            continue;
        }
        report.cases += 1;
        let entries = db.log_entries(id)?;
        report.entries += entries.len();
        let order = match (uuid, db.order_by_id(id)?) {
            (Some(uuid), Some(order)) => {
                if let Some((at, problem)) = replay::chain_break(&uuid, &entries) {
                    report.add(Kind::BrokenChain, Some(id), format!("order {id} log entry {at}"), problem);
                }
                order
            }
            _ => {
                report.add(Kind::RowDiffers, Some(id), format!("order {id}"), "the log of this case has no order row");
                continue;
            }
        };
        let case = db.load_case(&order)?;
        match replay::replay(&entries) {
            Ok(replayed) => {
                for entry in &replayed.evidence {
                    if let Some(sha) = entry.row["sha256"].as_str() {
                        logged.insert(sha.to_string());
                        referenced.entry(sha.to_string()).or_default().insert(id);
                    }
                }
                for difference in replay::differences(&replayed, &case) {
                    report.add(Kind::RowDiffers, Some(id), format!("order {id}"), difference);
                }
            }
            Err(problem) => report.add(Kind::BrokenChain, Some(id), format!("order {id}"), problem),
        }
        for e in &case.evidence {
            referenced.entry(e.sha256.clone()).or_default().insert(id);
        }
    }
    for problem in db.integrity_problems()? {
        report.add(Kind::Database, None, "dossier.db", problem);
    }

    let blobs = home.blobs();
    let contents = if only.is_some() { store::Contents::default() } else { blobs.contents()? };
    for path in &contents.unexpected {
        report.add(Kind::Unexpected, None, shown(home, path), "not a blob of this store");
    }
    for path in &contents.leftovers {
        report.add(
            Kind::LeftoverTemp,
            None,
            shown(home, path),
            "left by an interrupted ingest; removed at the next write",
        );
    }
    // What to hash: every blob in the store, or the blobs of the one case.
    let mut to_hash: Vec<(String, PathBuf, u64)> = if only.is_some() {
        referenced
            .keys()
            .filter_map(|sha| {
                let path = blobs.path_of(sha);
                std::fs::metadata(&path).ok().filter(std::fs::Metadata::is_file).map(|m| (sha.clone(), path, m.len()))
            })
            .collect()
    } else {
        contents.blobs
    };
    let present: BTreeSet<String> = to_hash.iter().map(|(sha, _, _)| sha.clone()).collect();
    for (sha, orders) in &referenced {
        if present.contains(sha) {
            continue;
        }
        let path = shown(home, &blobs.path_of(sha));
        for &order in orders {
            if logged.contains(sha) {
                report.add(Kind::Missing, Some(order), path.clone(), format!("the blob of evidence {sha} is gone"));
            } else {
                report.add(
                    Kind::RowWithoutBlob,
                    Some(order),
                    path.clone(),
                    format!("an evidence row names {sha}, which no blob and no log entry has"),
                );
            }
        }
    }
    // Largest first, so the threads finish together.
    to_hash.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let hashed = hash_all(&to_hash, progress);
    for ((sha, path, size), result) in to_hash.iter().zip(hashed) {
        report.blobs += 1;
        report.bytes += size;
        let orders = referenced.get(sha);
        match result {
            Ok(actual) if actual == *sha => {
                if orders.is_none() {
                    report.add(Kind::Unreferenced, None, sha.clone(), "no evidence refers to this blob");
                }
            }
            Ok(actual) => report.add(
                Kind::Changed,
                orders.and_then(|o| o.first().copied()),
                shown(home, path),
                format!("its content now hashes to {actual}"),
            ),
            Err(e) => report.add(
                Kind::Changed,
                orders.and_then(|o| o.first().copied()),
                shown(home, path),
                format!("cannot be read ({e})"),
            ),
        }
    }
    report.findings.sort_by_key(|f| f.kind);
    Ok(report)
}

/// Hashes the files on every available core (at most 4 threads: beyond that the disk is the
/// limit); results in the order of `files`.
fn hash_all(files: &[(String, PathBuf, u64)], progress: &(dyn Fn(u64, u64) + Sync)) -> Vec<std::io::Result<String>> {
    let total: u64 = files.iter().map(|f| f.2).sum();
    progress(0, total);
    let threads =
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, 4).min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicU64::new(0);
    let mut results: Vec<Option<std::io::Result<String>>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((_, path, _)) = files.get(i) else { break };
                        let last = std::cell::Cell::new(0u64);
                        let result = store::hash_file(path, &|read| {
                            let step = read - last.replace(read);
                            progress(done.fetch_add(step, Ordering::Relaxed) + step, total);
                        });
                        mine.push((i, result));
                    }
                    mine
                })
            })
            .collect();
        for worker in workers {
            if let Ok(mine) = worker.join() {
                for (i, result) in mine {
                    results[i] = Some(result);
                }
            }
        }
    });
    results.into_iter().map(|r| r.unwrap_or_else(|| Err(std::io::Error::other("the hashing thread failed")))).collect()
}

/// A store path as shown in a report: relative to the home.
fn shown(home: &Home, path: &std::path::Path) -> String {
    path.strip_prefix(home.root()).unwrap_or(path).display().to_string()
}

/// Removes the unreferenced blobs an audit listed, holding the database's write lock so no
/// evidence can be attached meanwhile, and checking again under it that nothing refers to
/// them; blobs written less than `min_age` ago are kept (an `evidence add` stores its files
/// before it writes their rows). Returns the hashes removed.
pub fn collect_garbage(home: &Home, db: &mut Db, report: &Report, min_age: Duration) -> Result<Vec<String>> {
    let blobs = home.blobs();
    db.with_references_locked(|referenced| {
        let mut removed = Vec::new();
        for sha in report.unreferenced() {
            let path = blobs.path_of(&sha);
            let old = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= min_age);
            if old && !referenced.contains(&sha) {
                blobs.remove_blob(&sha)?;
                removed.push(sha);
            }
        }
        Ok(removed)
    })
}
