//! The content-addressed evidence store: `blobs/ab/cdef…` under the data home. The only
//! module that reads or writes blob files.
//!
//! Invariants:
//! - a file is read once: the bytes are hashed as they are copied, into a temporary file
//!   under `blobs/tmp/`, which is fsynced, made read-only and renamed into place — so a blob
//!   at its final path is always complete and named by its true hash;
//! - the original file is only ever opened for reading;
//! - the caller writes the database row only after `ingest` returned, so a row never points
//!   at a missing blob (an interrupted ingest leaves at worst an unreferenced blob or a
//!   stale `tmp/*.part`, which the next ingest removes).
//!
//! The copy goes through [`DirectWriter`]: this thread reads and hashes, a second one writes
//! with `O_DIRECT` and fsyncs (see `direct.rs` for why).

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::direct::DirectWriter;
use crate::error::{Error, Result};
use crate::model::StoredFile;

/// Temporary files older than this are leftovers of a killed process.
const STALE_TMP: Duration = Duration::from_secs(24 * 3600);

/// The blob directory of a data home.
#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

/// What the store directory holds; see [`BlobStore::contents`].
#[derive(Debug, Default)]
pub struct Contents {
    /// Files named by a hash: (hash, path, size).
    pub blobs: Vec<(String, PathBuf, u64)>,
    /// Temporary files of ingests that were killed.
    pub leftovers: Vec<PathBuf>,
    /// Anything else.
    pub unexpected: Vec<PathBuf>,
}

/// A blob received into a temporary file, not yet in place; removed when dropped unless kept.
#[derive(Debug)]
pub struct Pending {
    tmp: PathBuf,
    /// SHA-256 of what was received.
    pub sha256: String,
    /// Bytes received.
    pub size: u64,
    kept: bool,
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.kept {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Hashes a stream, writing it to `out` as well when given; returns the hash and the size.
pub fn copy_stream(
    reader: &mut dyn Read,
    mut out: Option<&mut File>,
    progress: &mut dyn FnMut(u64),
) -> io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut done = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buffer[..n]);
        if let Some(out) = out.as_deref_mut() {
            out.write_all(&buffer[..n])?;
        }
        done += n as u64;
        progress(done);
    }
    Ok((crate::hex(&hasher.finalize()), done))
}

/// What `ingest` stored.
#[derive(Debug, Clone)]
pub struct Stored {
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// Bytes copied.
    pub size: u64,
    /// True when a blob with this content already existed (nothing new was kept).
    pub already_present: bool,
}

impl BlobStore {
    /// The store rooted at `root` (`<home>/blobs`), which must exist.
    pub fn new(root: PathBuf) -> Self {
        BlobStore { root }
    }

    /// Where the blob with this hash lives.
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        let (dir, rest) = sha256.split_at(2.min(sha256.len()));
        self.root.join(dir).join(rest)
    }

    /// Checks that a file can be attached, before anything is written: it exists, is a
    /// regular file, is not empty, and can be opened for reading. Returns its size.
    pub fn check_source(path: &Path) -> Result<u64> {
        let fail = |problem: &str, hint: &str| Error::EvidenceFile {
            path: path.to_path_buf(),
            problem: problem.to_string(),
            hint: Some(hint.to_string()),
        };
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(fail("no such file", "check the path; quote names that contain spaces"));
            }
            Err(e) => {
                return Err(fail(&format!("cannot be read ({e})"), "check the file's permissions"));
            }
        };
        if meta.is_dir() {
            return Err(fail("is a directory", "name the files inside it, e.g. DIR/*.png"));
        }
        if !meta.is_file() {
            return Err(fail("is not a regular file", "save the content to a file first"));
        }
        if meta.len() == 0 {
            return Err(fail("is empty (0 bytes)", "an empty file proves nothing; save the screenshot again"));
        }
        File::open(path).map_err(|e| fail(&format!("cannot be read ({e})"), "check the file's permissions"))?;
        Ok(meta.len())
    }

    /// Copies `source` into the store while hashing it; `progress` gets the bytes done.
    pub fn ingest(&self, source: &Path, progress: &mut dyn FnMut(u64)) -> Result<Stored> {
        Self::check_source(source)?;
        let tmp = self.new_temporary()?;
        let result = self.copy_into(source, &tmp, progress);
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    fn copy_into(&self, source: &Path, tmp: &Path, progress: &mut dyn FnMut(u64)) -> Result<Stored> {
        let mut input = File::open(source).map_err(|e| Error::io(source, e))?;
        let mut out = DirectWriter::create(tmp, 0o600).map_err(|e| Error::io(tmp, e))?;
        let mut hasher = Sha256::new();
        // A read error names the source; a write error (reported by `finish`) the store.
        let copied = out.copy_from(&mut input, &mut |piece| hasher.update(piece), progress);
        let copied = match (copied, out.finish()) {
            (Ok(copied), Ok(_)) => copied,
            (Err(e), _) => return Err(Error::io(source, e)),
            (_, Err(e)) => return Err(Error::io(tmp, e)),
        };
        let digest = hasher.finalize();
        if copied == 0 {
            return Err(Error::EvidenceFile {
                path: source.to_path_buf(),
                problem: "is empty (0 bytes)".into(),
                hint: Some("an empty file proves nothing; save the screenshot again".into()),
            });
        }
        let sha256 = crate::hex(&digest);
        let dest = self.path_of(&sha256);
        // The fresh copy always replaces a blob already there: its bytes were just hashed,
        // while the old blob may have been damaged since (a name or size proves nothing).
        let existing = dest.exists();
        let dir = dest.parent().unwrap_or(&self.root);
        let new_dir = !dir.exists();
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        fs::set_permissions(tmp, fs::Permissions::from_mode(0o444)).map_err(|e| Error::io(tmp, e))?;
        fs::rename(tmp, &dest).map_err(|e| Error::io(&dest, e))?;
        // Make the rename, and a new `ab/` directory, durable before the row is written.
        let mut synced = vec![dir];
        if new_dir {
            synced.push(&self.root);
        }
        for d in synced {
            File::open(d).and_then(|f| f.sync_all()).map_err(|e| Error::io(d, e))?;
        }
        Ok(Stored { sha256, size: copied, already_present: existing })
    }

    /// A fresh temporary path under `tmp/`, named `<pid>-<nanos>.part` (see [`is_leftover`]),
    /// after removing the leftovers of killed ingests: every write to the store starts here.
    fn new_temporary(&self) -> Result<PathBuf> {
        let tmp_dir = self.root.join("tmp");
        fs::create_dir_all(&tmp_dir).map_err(|e| Error::io(&tmp_dir, e))?;
        self.remove_leftovers();
        Ok(tmp_dir.join(format!(
            "{}-{}.part",
            std::process::id(),
            SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
        )))
    }

    /// Removes temporary files left by killed ingests (see [`is_leftover`]); returns them.
    pub fn remove_leftovers(&self) -> Vec<PathBuf> {
        let tmp_dir = self.root.join("tmp");
        let Ok(entries) = fs::read_dir(&tmp_dir) else { return Vec::new() };
        let mut removed = Vec::new();
        for path in entries.flatten().map(|e| e.path()) {
            if is_leftover(&path) && fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
        removed
    }

    /// Everything in the store, sorted by path: blobs (named by a hash, with their size),
    /// leftover temporary files, and files that do not belong there.
    pub fn contents(&self) -> Result<Contents> {
        let mut contents = Contents::default();
        let read = |dir: &Path| -> Result<Vec<fs::DirEntry>> {
            let mut entries: Vec<fs::DirEntry> = fs::read_dir(dir)
                .map_err(|e| Error::io(dir, e))?
                .collect::<io::Result<_>>()
                .map_err(|e| Error::io(dir, e))?;
            entries.sort_by_key(fs::DirEntry::path);
            Ok(entries)
        };
        let is_hex =
            |name: &str, len: usize| name.len() == len && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        for top in read(&self.root)? {
            let (path, name) = (top.path(), top.file_name().to_string_lossy().into_owned());
            let kind = top.file_type().map_err(|e| Error::io(&path, e))?;
            if kind.is_dir() && name == "tmp" {
                for entry in read(&path)? {
                    let path = entry.path();
                    if is_leftover(&path) {
                        contents.leftovers.push(path);
                    }
                }
            } else if kind.is_dir() && is_hex(&name, 2) {
                for entry in read(&path)? {
                    let rest = entry.file_name().to_string_lossy().into_owned();
                    let meta = entry.metadata().map_err(|e| Error::io(entry.path(), e))?;
                    if meta.is_file() && is_hex(&rest, 62) {
                        contents.blobs.push((format!("{name}{rest}"), entry.path(), meta.len()));
                    } else {
                        contents.unexpected.push(entry.path());
                    }
                }
            } else {
                contents.unexpected.push(path);
            }
        }
        Ok(contents)
    }

    /// Copies a stream (a bundle's evidence file) into a temporary file of the store while
    /// hashing it; [`BlobStore::keep`] puts it in place once everything else is checked, and
    /// dropping the [`Pending`] removes it.
    pub fn receive(&self, reader: &mut dyn Read, progress: &mut dyn FnMut(u64)) -> Result<Pending> {
        let tmp = self.new_temporary()?;
        let mut pending = Pending { tmp, sha256: String::new(), size: 0, kept: false };
        let mut out = DirectWriter::create(&pending.tmp, 0o600).map_err(|e| Error::io(&pending.tmp, e))?;
        let mut hasher = Sha256::new();
        let size = out.copy_from(reader, &mut |piece| hasher.update(piece), progress);
        let size = match (size, out.finish()) {
            (Ok(size), Ok(_)) => size,
            (Err(e), _) => {
                return Err(Error::invalid(
                    format!("a file of the bundle cannot be read ({e})"),
                    "the bundle is damaged; ask for a fresh export",
                ));
            }
            (_, Err(e)) => return Err(Error::io(&pending.tmp, e)),
        };
        let sha256 = crate::hex(&hasher.finalize());
        pending.sha256 = sha256;
        pending.size = size;
        Ok(pending)
    }

    /// Puts a received blob in place under its hash (replacing whatever was there: its bytes
    /// were just hashed) and makes the rename durable.
    pub fn keep(&self, mut pending: Pending) -> Result<()> {
        let dest = self.path_of(&pending.sha256);
        let dir = dest.parent().unwrap_or(&self.root).to_path_buf();
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        fs::set_permissions(&pending.tmp, fs::Permissions::from_mode(0o444)).map_err(|e| Error::io(&pending.tmp, e))?;
        fs::rename(&pending.tmp, &dest).map_err(|e| Error::io(&dest, e))?;
        pending.kept = true;
        for d in [&dir, &self.root] {
            File::open(d).and_then(|f| f.sync_all()).map_err(|e| Error::io(d, e))?;
        }
        Ok(())
    }

    /// Removes one blob (garbage collection of a blob nothing refers to).
    pub fn remove_blob(&self, sha256: &str) -> Result<()> {
        let path = self.path_of(sha256);
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        if let Some(dir) = path.parent() {
            let _ = fs::remove_dir(dir); // only succeeds when it is empty
        }
        Ok(())
    }

    /// Media type and, for images, pixel dimensions of a stored blob (header reads only).
    pub fn describe(&self, stored: &Stored, file_name: &str) -> StoredFile {
        let path = self.path_of(&stored.sha256);
        let mut head = Vec::with_capacity(8192);
        if let Ok(file) = File::open(&path) {
            let _ = file.take(8192).read_to_end(&mut head);
        }
        let media_type = media_type(&head, file_name);
        let dimensions = if media_type.starts_with("image/") {
            image::ImageReader::open(&path)
                .ok()
                .and_then(|r| r.with_guessed_format().ok())
                .and_then(|r| r.into_dimensions().ok())
        } else {
            None
        };
        StoredFile {
            sha256: stored.sha256.clone(),
            size: stored.size,
            media_type,
            width: dimensions.map(|d| d.0),
            height: dimensions.map(|d| d.1),
            file_name: file_name.to_string(),
        }
    }
}

/// True when a temporary file was left by a process that is gone: its name starts with the
/// pid of the process that wrote it, and that process no longer runs (where `/proc` shows it)
/// or the file is older than a day.
fn is_leftover(path: &Path) -> bool {
    let old = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_TMP);
    let pid =
        path.file_name().and_then(|n| n.to_str()).and_then(|n| n.split('-').next()).and_then(|p| p.parse::<u32>().ok());
    let proc_known = Path::new("/proc/self").exists();
    let gone = match pid {
        Some(pid) if pid == std::process::id() => false,
        Some(pid) if proc_known => !Path::new("/proc").join(pid.to_string()).exists(),
        _ => false,
    };
    old || gone
}

/// Hashes a file with SHA-256, reading it in pieces; `progress` gets the bytes read so far.
pub fn hash_file(path: &Path, progress: &dyn Fn(u64)) -> io::Result<String> {
    let mut file = File::open(path)?;
    copy_stream(&mut file, None, &mut |done| progress(done)).map(|(sha, _)| sha)
}

/// The media type from the content's magic bytes, else from a few text-like extensions.
fn media_type(head: &[u8], file_name: &str) -> String {
    if let Some(kind) = infer::get(head) {
        return kind.mime_type().to_string();
    }
    let ext = Path::new(file_name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let by_ext = match ext.as_str() {
        "txt" | "log" => Some("text/plain"),
        "html" | "htm" => Some("text/html"),
        "json" => Some("application/json"),
        "csv" => Some("text/csv"),
        "eml" => Some("message/rfc822"),
        _ => None,
    };
    match by_ext {
        Some(media) => media.to_string(),
        None if looks_like_text(head) => "text/plain".to_string(),
        None => "application/octet-stream".to_string(),
    }
}

/// UTF-8 without control characters other than tab, newline and carriage return.
fn looks_like_text(head: &[u8]) -> bool {
    // The head may end inside a multi-byte character: judge only the complete part.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
        Err(_) => return false,
    };
    !text.is_empty() && !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sha(bytes: &[u8]) -> String {
        crate::hex(&Sha256::digest(bytes))
    }

    #[test]
    fn files_of_any_size_are_stored_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::new(dir.path().join("blobs"));
        // Sizes around the chunk boundaries.
        for size in [1usize, 4095, 4097, 4 << 20, (4 << 20) + 1, (12 << 20) + 12345] {
            let content: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
            let src = dir.path().join(format!("src-{size}"));
            fs::write(&src, &content).unwrap();
            let mut last = 0;
            let stored = store.ingest(&src, &mut |done| last = done).unwrap();
            assert_eq!(stored.sha256, sha(&content), "size {size}");
            assert_eq!(stored.size, size as u64);
            assert_eq!(last, size as u64);
            let blob = store.path_of(&stored.sha256);
            assert_eq!(fs::read(&blob).unwrap(), content);
            assert!(fs::metadata(&blob).unwrap().permissions().readonly());
        }
        assert_eq!(fs::read_dir(dir.path().join("blobs/tmp")).unwrap().count(), 0);
    }

    /// tmpfs refuses `O_DIRECT`: the same copy then goes through the page cache.
    #[test]
    fn a_file_system_without_direct_writes_gets_the_same_bytes() {
        let Ok(dir) = tempfile::tempdir_in("/dev/shm") else { return };
        let store = BlobStore::new(dir.path().join("blobs"));
        let content: Vec<u8> = (0..(4 << 20) + 77).map(|i| (i * 7 % 253) as u8).collect();
        fs::write(dir.path().join("src"), &content).unwrap();
        let stored = store.ingest(&dir.path().join("src"), &mut |_| {}).unwrap();
        assert_eq!(stored.sha256, sha(&content));
        assert_eq!(fs::read(store.path_of(&stored.sha256)).unwrap(), content);
    }

    #[test]
    fn same_content_is_stored_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::new(dir.path().join("blobs"));
        fs::write(dir.path().join("a"), b"same").unwrap();
        fs::write(dir.path().join("b"), b"same").unwrap();
        let first = store.ingest(&dir.path().join("a"), &mut |_| {}).unwrap();
        let second = store.ingest(&dir.path().join("b"), &mut |_| {}).unwrap();
        assert!(!first.already_present);
        assert!(second.already_present);
        assert_eq!(first.sha256, second.sha256);
    }

    #[test]
    fn a_damaged_blob_is_replaced_by_a_fresh_copy() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::new(dir.path().join("blobs"));
        fs::write(dir.path().join("a"), b"the real content").unwrap();
        let first = store.ingest(&dir.path().join("a"), &mut |_| {}).unwrap();
        let blob = store.path_of(&first.sha256);
        fs::set_permissions(&blob, fs::Permissions::from_mode(0o644)).unwrap();
        fs::write(&blob, b"truncated").unwrap();
        let again = store.ingest(&dir.path().join("a"), &mut |_| {}).unwrap();
        assert!(again.already_present);
        assert_eq!(fs::read(&blob).unwrap(), b"the real content");
    }

    #[test]
    fn media_types() {
        assert_eq!(media_type(b"\x89PNG\r\n\x1a\n....", "x"), "image/png");
        assert_eq!(media_type(b"hello", "chat.txt"), "text/plain");
        assert_eq!(media_type(b"<html>", "chat.html"), "text/html");
        assert_eq!(media_type(&[0xff, 0x00, 0xfe, 0x80], "blob.bin"), "application/octet-stream");
    }
}
