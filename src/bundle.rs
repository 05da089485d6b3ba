//! Case bundles (SPEC §9): `export` writes one case as a zip holding a BagIt 1.0 bag (RFC
//! 8493); `import` checks a bundle completely before it writes anything, then adds the case,
//! or what is new in it, in one transaction.
//!
//! Layout, under one base directory `dossier-<order number>/` (RFC 8493 §4.2):
//! `bagit.txt`, `bag-info.txt` (with `Payload-Oxum`), `manifest-sha256.txt`,
//! `tagmanifest-sha256.txt`, and under `data/`: `case.json` (see `docs/case-format.md`),
//! `dossier.pdf`, `events.jsonl` (the case's log, one entry per line, exactly the bytes that
//! were hashed) and `evidence/E1-<file name>`, … (the originals, byte for byte).
//!
//! Determinism: the entries always come in that order, with one fixed timestamp (1980-01-01)
//! and mode (0644), and each kind of file is always compressed the same way (already
//! compressed media are stored). The PDF states the day it was made, so two exports of one
//! case made on one day are byte-identical.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::Path;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::db::Db;
use crate::db::replay::{self, Added, Entry, Replayed};
use crate::error::{Error, Result};
use crate::home::Home;
use crate::model::{Case, Code, Order};
use crate::store::Pending;

/// The `format` of `case.json`.
pub const CASE_FORMAT: &str = "dossier-case";
/// The newest `case.json` version this build writes and reads.
pub const CASE_VERSION: i64 = 1;

/// Bounds on what `import` reads: entries, the whole payload, one JSON or tag file, and the
/// compression ratio of a large entry (a zip bomb expands a small entry enormously; real
/// evidence is stored or compresses a few times at most).
const MAX_ENTRIES: usize = 100_000;
const MAX_TOTAL: u64 = 64 << 30;
const MAX_TEXT: u64 = 256 << 20;
const MAX_RATIO: u64 = 100;
const RATIO_FROM: u64 = 1 << 20;

/// What `export` wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Exported {
    /// Files in the bag's payload.
    pub files: usize,
    /// Payload bytes.
    pub payload_bytes: u64,
    /// Evidence originals included.
    pub evidence: usize,
    /// Log entries included.
    pub entries: usize,
}

/// One payload file of an export.
enum Source {
    Bytes(Vec<u8>),
    Blob { path: std::path::PathBuf, sha256: String },
}

struct Item {
    name: String,
    sha256: String,
    size: u64,
    stored: bool,
    source: Source,
}

/// The bag's base directory for an order.
fn base_name(order: &Order) -> String {
    let safe: String =
        order.number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("dossier-{safe}")
}

/// An evidence file's name in the bag: its reference and its original name, in characters
/// every file system and `bagit.py` accept.
fn evidence_name(reference: &str, file_name: &str) -> String {
    let safe: String = file_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .take(80)
        .collect();
    let safe = safe.trim_start_matches('.');
    if safe.is_empty() { format!("data/evidence/{reference}") } else { format!("data/evidence/{reference}-{safe}") }
}

/// Text is deflated; everything else (images, PDFs, video, unknown binary data) is stored as
/// it is: it is already compressed, and deflating it would cost time for nothing.
fn is_text(media_type: &str) -> bool {
    media_type.starts_with("text/") || matches!(media_type, "application/json" | "application/xml" | "message/rfc822")
}

fn sha256_hex(bytes: &[u8]) -> String {
    crate::hex(&Sha256::digest(bytes))
}

/// Removes local row ids (they differ from home to home) and computed fields from a case's JSON.
fn portable(mut value: Value) -> Value {
    fn strip(value: &mut Value) {
        if let Some(map) = value.as_object_mut() {
            map.remove("id");
            map.remove("verdict");
        }
    }
    strip(&mut value["order"]);
    for key in ["tracking", "statuses", "messages", "evidence", "flags"] {
        if let Some(rows) = value[key].as_array_mut() {
            rows.iter_mut().for_each(strip);
        }
    }
    value
}

/// Checks that a case is whole before it leaves: its chain holds and its rows are as logged.
fn check_case(case: &Case, entries: &[Entry]) -> Result<Replayed> {
    let refuse = |problem: String| {
        Error::invalid(
            format!("order {} cannot be exported: {problem}", case.order.id),
            format!("`dossier verify {}` shows what is wrong", case.order.id),
        )
    };
    if let Some((_, problem)) = replay::chain_break(&case.order.uuid, entries) {
        return Err(refuse(format!("its log is broken ({problem})")));
    }
    let replayed = replay::replay(entries).map_err(refuse)?;
    if let Some(first) = replay::differences(&replayed, case).into_iter().next() {
        return Err(refuse(first));
    }
    Ok(replayed)
}

/// Writes the bundle of `order` to `path` (atomically), with `pdf` as its dossier.
/// `progress` gets the payload bytes written and their total.
pub fn export(
    home: &Home,
    db: &Db,
    order: &Order,
    pdf: Vec<u8>,
    today: &str,
    path: &Path,
    progress: &dyn Fn(u64, u64),
) -> Result<Exported> {
    let case = db.load_case(order)?;
    let entries = db.log_entries(order.id)?;
    check_case(&case, &entries)?;
    let blobs = home.blobs();

    let mut items = Vec::new();
    let mut case_json = portable(serde_json::to_value(&case).map_err(Error::internal)?);
    for (i, e) in case.evidence.iter().enumerate() {
        let name = evidence_name(&e.reference, &e.file_name);
        case_json["evidence"][i]["file"] = json!(name);
        items.push(Item {
            name,
            sha256: e.sha256.clone(),
            size: e.size,
            stored: !is_text(&e.media_type),
            source: Source::Blob { path: blobs.path_of(&e.sha256), sha256: e.sha256.clone() },
        });
    }
    let document = json!({
        "format": CASE_FORMAT,
        "version": CASE_VERSION,
        "exported_by": format!("dossier {}", env!("CARGO_PKG_VERSION")),
        "case": case_json,
    });
    let mut case_bytes = serde_json::to_vec_pretty(&document).map_err(Error::internal)?;
    case_bytes.push(b'\n');
    let mut log_bytes = Vec::new();
    for entry in &entries {
        log_bytes.extend_from_slice(entry.body.as_bytes());
        log_bytes.push(b'\n');
    }
    for (name, bytes, stored) in [
        ("data/case.json", case_bytes, false),
        ("data/dossier.pdf", pdf, true),
        ("data/events.jsonl", log_bytes, false),
    ] {
        items.push(Item {
            name: name.to_string(),
            sha256: sha256_hex(&bytes),
            size: bytes.len() as u64,
            stored,
            source: Source::Bytes(bytes),
        });
    }
    items.sort_by(|a, b| a.name.cmp(&b.name));

    let payload_bytes: u64 = items.iter().map(|i| i.size).sum();
    let manifest: String = items.iter().map(|i| format!("{}  {}\n", i.sha256, i.name)).collect();
    let bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_string();
    let description = format!("Dispute dossier of {} order {}", order.platform, order.number)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>();
    let bag_info = format!(
        "Bag-Software-Agent: dossier {}\nBagging-Date: {today}\nExternal-Identifier: {}\nExternal-Description: {description}\nPayload-Oxum: {payload_bytes}.{}\n",
        env!("CARGO_PKG_VERSION"),
        order.uuid,
        items.len()
    );
    let tags = [("bagit.txt", bagit), ("bag-info.txt", bag_info), ("manifest-sha256.txt", manifest)];
    let tag_manifest: String =
        tags.iter().map(|(name, text)| format!("{}  {name}\n", sha256_hex(text.as_bytes()))).collect();

    let base = base_name(order);
    let options = |stored: bool, size: u64| {
        SimpleFileOptions::default()
            .compression_method(if stored { CompressionMethod::Stored } else { CompressionMethod::Deflated })
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644)
            .large_file(size >= u64::from(u32::MAX))
    };
    let zip_error = |e: zip::result::ZipError| Error::io(path, std::io::Error::other(e));
    crate::files::write_atomically_direct(path, |file| {
        // A streamed zip (sizes and checksums after each entry's data): written in one pass.
        let mut zip = ZipWriter::new_stream(file);
        for (name, text) in
            tags.iter().map(|(n, t)| (*n, t.as_str())).chain([("tagmanifest-sha256.txt", tag_manifest.as_str())])
        {
            zip.start_file(format!("{base}/{name}"), options(false, 0)).map_err(zip_error)?;
            zip.write_all(text.as_bytes()).map_err(|e| Error::io(path, e))?;
        }
        let mut done = 0u64;
        progress(0, payload_bytes);
        for item in &items {
            zip.start_file(format!("{base}/{}", item.name), options(item.stored, item.size)).map_err(zip_error)?;
            match &item.source {
                Source::Bytes(bytes) => zip.write_all(bytes).map_err(|e| Error::io(path, e))?,
                Source::Blob { path: blob, sha256 } => {
                    let mut input = File::open(blob).map_err(|e| Error::io(blob, e))?;
                    let before = done;
                    let (actual, _) = copy_into(&mut input, &mut zip, &mut |n| progress(before + n, payload_bytes))
                        .map_err(|e| Error::io(blob, e))?;
                    if actual != *sha256 {
                        return Err(Error::invalid(
                            format!("the stored copy of {} has changed since it was attached", item.name),
                            "`dossier verify` lists what changed; attaching the original again repairs it",
                        ));
                    }
                }
            }
            done += item.size;
            progress(done, payload_bytes);
        }
        zip.finish().map_err(zip_error)?;
        Ok(())
    })?;
    Ok(Exported { files: items.len(), payload_bytes, evidence: case.evidence.len(), entries: entries.len() })
}

/// Copies while hashing; returns the hash and the bytes copied.
fn copy_into(
    input: &mut dyn Read,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> std::io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut done = 0u64;
    loop {
        let n = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buffer[..n]);
        out.write_all(&buffer[..n])?;
        done += n as u64;
        progress(done);
    }
    Ok((crate::hex(&hasher.finalize()), done))
}

/// What `import` found and did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Imported {
    /// The case's identity.
    pub case: String,
    /// Platform and order number.
    pub platform: String,
    /// The platform's order number.
    pub number: String,
    /// Entries in the bundle's log.
    pub bundle_entries: usize,
    /// Entries this home already had.
    pub known_entries: usize,
    /// Entries this home has beyond the bundle's (the case grew here since).
    pub local_only_entries: usize,
    /// True when nothing was (or would be) written.
    pub nothing_new: bool,
    /// True for `--dry-run`.
    pub dry_run: bool,
    /// What was added (counted from the bundle's log for a dry run).
    pub added: Added,
}

/// A refused bundle: the message says what is wrong, nothing was written.
fn refuse(problem: impl Into<String>) -> Error {
    Error::invalid(
        format!("the bundle was refused: {}", problem.into()),
        "nothing was imported; ask for a fresh export (dossier export ORDER) of the case",
    )
}

/// One entry of the zip, checked.
struct Listed {
    index: usize,
    /// The path inside the bag (base directory removed).
    name: String,
    size: u64,
}

/// Checks every entry name and header before anything is read: one base directory, no
/// absolute or `..` paths, no links or devices, no duplicates, no names that collide once
/// normalised or case-folded, sizes and ratios within bounds.
fn list_entries<R: Read + Seek>(archive: &mut ZipArchive<R>) -> Result<Vec<Listed>> {
    if archive.len() > MAX_ENTRIES {
        return Err(refuse(format!("it has {} entries (at most {MAX_ENTRIES})", archive.len())));
    }
    let mut raw = Vec::new();
    let mut seen = BTreeSet::new();
    let mut folded = BTreeMap::new();
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| refuse(format!("entry {index} cannot be read ({e})")))?;
        let name = std::str::from_utf8(entry.name_raw())
            .map_err(|_| refuse(format!("entry {index} has a name that is not UTF-8")))?
            .to_string();
        let shown = name.escape_debug().to_string();
        if name.starts_with('/') || name.contains('\\') || name.contains('\0') || name.get(1..2) == Some(":") {
            return Err(refuse(format!("entry '{shown}' has an absolute or foreign path")));
        }
        let parts: Vec<&str> = name.trim_end_matches('/').split('/').collect();
        if parts.iter().any(|p| p.is_empty() || *p == "." || *p == "..") {
            return Err(refuse(format!("entry '{shown}' has an empty, '.' or '..' path component")));
        }
        if entry.is_symlink() {
            return Err(refuse(format!("entry '{shown}' is a symbolic link")));
        }
        const KIND: u32 = 0o170_000;
        if let Some(mode) = entry.unix_mode().map(|m| m & KIND).filter(|m| *m != 0) {
            if mode != 0o100_000 && mode != 0o040_000 {
                return Err(refuse(format!("entry '{shown}' is not a regular file or directory")));
            }
        }
        if !seen.insert(name.clone()) {
            return Err(refuse(format!("entry '{shown}' appears twice")));
        }
        let key: String = name.trim_end_matches('/').nfc().collect::<String>().to_lowercase();
        if let Some(other) = folded.insert(key, name.clone()) {
            return Err(refuse(format!(
                "entries '{}' and '{shown}' name the same file on many systems (case or Unicode form)",
                other.escape_debug()
            )));
        }
        if entry.is_dir() {
            continue;
        }
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > RATIO_FROM && size / packed.max(1) > MAX_RATIO {
            return Err(refuse(format!(
                "entry '{shown}' expands {} times (to {size} bytes): a zip bomb is refused",
                size / packed.max(1)
            )));
        }
        total = total.saturating_add(size);
        if total > MAX_TOTAL {
            return Err(refuse(format!("it expands to more than {} GiB", MAX_TOTAL >> 30)));
        }
        raw.push((index, name, size));
    }
    // One base directory holding bagit.txt (RFC 8493 §4.2), or the bag at the top.
    let base = raw
        .iter()
        .find(|(_, name, _)| name.ends_with("/bagit.txt") && name.matches('/').count() == 1)
        .map(|(_, name, _)| name.trim_end_matches("bagit.txt").to_string())
        .unwrap_or_default();
    let mut listed = Vec::new();
    for (index, name, size) in raw {
        let Some(inner) = name.strip_prefix(&base) else {
            return Err(refuse(format!("entry '{}' is outside the bag's directory", name.escape_debug())));
        };
        listed.push(Listed { index, name: inner.to_string(), size });
    }
    Ok(listed)
}

/// The first name the central directory lists twice. The zip reader keeps one entry per
/// name, so a repeated name would otherwise go unseen (and which copy counts would depend
/// on the tool that unpacks the bundle).
fn repeated_name(file: &mut File, start: u64) -> Result<Option<String>> {
    use std::io::SeekFrom;
    let damaged = |e: std::io::Error| refuse(format!("its central directory cannot be read ({e})"));
    file.seek(SeekFrom::Start(start)).map_err(damaged)?;
    let mut reader = std::io::BufReader::new(file);
    let mut seen = BTreeSet::new();
    let mut header = [0u8; 46];
    for _ in 0..=MAX_ENTRIES {
        if reader.read_exact(&mut header).is_err() || header[..4] != [0x50, 0x4b, 0x01, 0x02] {
            return Ok(None);
        }
        let len = |at: usize| usize::from(u16::from_le_bytes([header[at], header[at + 1]]));
        let mut name = vec![0u8; len(28)];
        reader.read_exact(&mut name).map_err(damaged)?;
        let skip = i64::try_from(len(30) + len(32)).unwrap_or(0);
        reader.seek_relative(skip).map_err(damaged)?;
        let name = String::from_utf8_lossy(&name).into_owned();
        if !seen.insert(name.clone()) {
            return Ok(Some(name));
        }
    }
    Err(refuse(format!("it has more than {MAX_ENTRIES} entries")))
}

/// Reads a small entry whole (tag files, `case.json`, `events.jsonl`).
fn read_small<R: Read + Seek>(archive: &mut ZipArchive<R>, entry: &Listed) -> Result<Vec<u8>> {
    if entry.size > MAX_TEXT {
        return Err(refuse(format!("{} is larger than {} MiB", entry.name, MAX_TEXT >> 20)));
    }
    let mut bytes = Vec::new();
    read_entry(archive, entry, &mut |chunk| {
        bytes.extend_from_slice(chunk);
        Ok(())
    })?;
    Ok(bytes)
}

/// Streams an entry through `sink`, refusing more bytes than its header declares and any
/// damage the zip reader finds (a bad checksum, a truncated file).
fn read_entry<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    entry: &Listed,
    sink: &mut dyn FnMut(&[u8]) -> Result<()>,
) -> Result<u64> {
    let damaged = |e: &dyn std::fmt::Display| refuse(format!("{} is damaged or truncated ({e})", entry.name));
    let file = archive.by_index(entry.index).map_err(|e| damaged(&e))?;
    let mut limited = file.take(entry.size + 1);
    let mut buffer = vec![0u8; 1 << 20];
    let mut read = 0u64;
    loop {
        let n = match limited.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(damaged(&e)),
        };
        read += n as u64;
        if read > entry.size {
            return Err(refuse(format!("{} holds more bytes than its header says", entry.name)));
        }
        sink(&buffer[..n])?;
    }
    if read != entry.size {
        return Err(refuse(format!("{} holds fewer bytes than its header says", entry.name)));
    }
    Ok(read)
}

/// Parses `HASH  PATH` lines (paths percent-encoded as RFC 8493 §2.1.3 says).
fn parse_manifest(text: &str, what: &str) -> Result<BTreeMap<String, String>> {
    let mut lines = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (hash, path) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| refuse(format!("{what} has a line without a path: '{}'", line.escape_debug())))?;
        let path = path.trim_start().replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
        let hash = hash.to_ascii_lowercase();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(refuse(format!("{what} has a hash that is not SHA-256: '{}'", hash.escape_debug())));
        }
        if lines.insert(path.clone(), hash).is_some() {
            return Err(refuse(format!("{what} lists {} twice", path.escape_debug())));
        }
    }
    Ok(lines)
}

/// A `Key: value` of a tag file.
fn tag_value<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    text.lines().find_map(|line| line.strip_prefix(key).and_then(|rest| rest.strip_prefix(':')).map(str::trim))
}

/// Checks the bundle at `path` completely, then (unless `dry_run`) adds what is new in it.
pub fn import(home: &Home, path: &Path, dry_run: bool, progress: &dyn Fn(u64, u64)) -> Result<Imported> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut archive = ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| {
        Error::invalid(
            format!("{} is not a readable zip file ({e})", path.display()),
            "give the .zip file that `dossier export` wrote, whole (a download may have been cut short)",
        )
    })?;
    let mut raw = File::open(path).map_err(|e| Error::io(path, e))?;
    if let Some(twice) = repeated_name(&mut raw, archive.central_directory_start())? {
        return Err(refuse(format!("entry '{}' appears twice", twice.escape_debug())));
    }
    let listed = list_entries(&mut archive)?;
    let by_name: BTreeMap<&str, &Listed> = listed.iter().map(|l| (l.name.as_str(), l)).collect();
    let small = |archive: &mut ZipArchive<_>, name: &str| -> Result<String> {
        let entry = by_name.get(name).ok_or_else(|| refuse(format!("it has no {name}")))?;
        String::from_utf8(read_small(archive, entry)?).map_err(|_| refuse(format!("{name} is not UTF-8 text")))
    };

    // The tag files.
    let bagit = small(&mut archive, "bagit.txt")?;
    if !matches!(tag_value(&bagit, "BagIt-Version"), Some("1.0" | "0.97")) {
        return Err(refuse("bagit.txt does not declare BagIt version 1.0"));
    }
    let manifest_text = small(&mut archive, "manifest-sha256.txt")?;
    let manifest = parse_manifest(&manifest_text, "manifest-sha256.txt")?;
    let bag_info = small(&mut archive, "bag-info.txt")?;
    if by_name.contains_key("tagmanifest-sha256.txt") {
        let tag_manifest = parse_manifest(&small(&mut archive, "tagmanifest-sha256.txt")?, "tagmanifest-sha256.txt")?;
        for (name, hash) in &tag_manifest {
            let entry = by_name.get(name.as_str()).ok_or_else(|| refuse(format!("tag file {name} is missing")))?;
            if sha256_hex(&read_small(&mut archive, entry)?) != *hash {
                return Err(refuse(format!("tag file {name} does not match tagmanifest-sha256.txt")));
            }
        }
    }
    // No missing and no extra file.
    for name in manifest.keys() {
        if !name.starts_with("data/") {
            return Err(refuse(format!("the manifest lists {name}, outside data/")));
        }
        if !by_name.contains_key(name.as_str()) {
            return Err(refuse(format!("{name} is in the manifest but missing from the bundle")));
        }
    }
    for entry in &listed {
        let tag = matches!(entry.name.as_str(), "bagit.txt" | "bag-info.txt")
            || (entry.name.ends_with(".txt") && !entry.name.contains('/') && entry.name.contains("manifest-"));
        if !tag && !manifest.contains_key(&entry.name) {
            return Err(refuse(format!("{} is in the bundle but not in its manifest (an extra file)", entry.name)));
        }
    }
    let payload: Vec<&Listed> = listed.iter().filter(|l| manifest.contains_key(&l.name)).collect();
    let payload_bytes: u64 = payload.iter().map(|l| l.size).sum();
    let oxum = format!("{payload_bytes}.{}", payload.len());
    match tag_value(&bag_info, "Payload-Oxum") {
        Some(declared) if declared == oxum => {}
        Some(declared) => {
            return Err(refuse(format!("Payload-Oxum says {declared}, the payload is {oxum} (bytes.files)")));
        }
        None => return Err(refuse("bag-info.txt has no Payload-Oxum")),
    }

    // The case and its log.
    let case_text = small(&mut archive, "data/case.json")?;
    let document: Value =
        serde_json::from_str(&case_text).map_err(|e| refuse(format!("data/case.json is not JSON ({e})")))?;
    if document["format"] != CASE_FORMAT {
        return Err(refuse("data/case.json is not a dossier case"));
    }
    match document["version"].as_i64() {
        Some(v) if v > CASE_VERSION => {
            return Err(Error::invalid(
                format!(
                    "the bundle was refused: its case format is version {v}, this dossier reads up to {CASE_VERSION}"
                ),
                "update dossier, then import it again; nothing was imported",
            ));
        }
        Some(v) if v >= 1 => {}
        _ => return Err(refuse("data/case.json has no valid version")),
    }
    let case = &document["case"];
    let uuid = case["order"]["uuid"].as_str().ok_or_else(|| refuse("data/case.json names no case"))?.to_string();
    let log_text = small(&mut archive, "data/events.jsonl")?;
    let entries: Vec<Entry> = log_text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let body: Value = serde_json::from_str(line)
                .map_err(|_| refuse(format!("line {} of data/events.jsonl is not JSON", i + 1)))?;
            Ok(Entry {
                seq: body["seq"].as_i64().unwrap_or(0),
                body: line.to_string(),
                hash: sha256_hex(line.as_bytes()),
            })
        })
        .collect::<Result<_>>()?;
    if let Some((at, problem)) = replay::chain_break(&uuid, &entries) {
        return Err(refuse(format!("its event chain is broken at entry {at}: {problem}")));
    }
    let replayed = replay::replay(&entries).map_err(|p| refuse(format!("its log cannot be replayed: {p}")))?;
    if let Some(first) = replay::json_differences(&replayed, case).into_iter().next() {
        return Err(refuse(format!("data/case.json differs from its log: {first}")));
    }
    // Every evidence row has its file, with the hash the log recorded; no other evidence file.
    let mut evidence_files = BTreeMap::new();
    for row in case["evidence"].as_array().into_iter().flatten() {
        let file = row["file"].as_str().unwrap_or_default();
        let sha = row["sha256"].as_str().unwrap_or_default();
        match manifest.get(file) {
            Some(hash) if hash == sha => {
                evidence_files.insert(file.to_string(), sha.to_string());
            }
            Some(_) => return Err(refuse(format!("{file} is not the file its evidence row names"))),
            None => return Err(refuse(format!("evidence {} has no file in the bundle", row["reference"]))),
        }
    }
    for name in manifest.keys() {
        if !evidence_files.contains_key(name)
            && !matches!(name.as_str(), "data/case.json" | "data/events.jsonl" | "data/dossier.pdf")
        {
            return Err(refuse(format!("{name} is in the payload but not part of the case (an extra file)")));
        }
    }

    // How the bundle's log relates to this home's.
    let db = home.read_db()?;
    let local = db.order_by_uuid(&uuid)?;
    let local_entries = match &local {
        Some(order) => db.log_entries(order.id)?,
        None => Vec::new(),
    };
    let order_json = replayed.order.clone().unwrap_or_default();
    let platform = order_json.get("platform").and_then(Value::as_str).unwrap_or_default().to_string();
    let number = order_json.get("number").and_then(Value::as_str).unwrap_or_default().to_string();
    if local.is_none() {
        if crate::model::Platform::from_code(&platform).is_none() {
            return Err(refuse(format!("its order has an unknown platform '{}'", platform.escape_debug())));
        }
        if let Some(other) = db.order_with_number(&platform, &number)? {
            return Err(Error::invalid(
                format!(
                    "order {other} here is {platform} order {number} too, but another case: the bundle was not imported"
                ),
                format!("if they are the same purchase recorded twice, keep one: export order {other} and compare"),
            ));
        }
    }
    let common = entries.iter().zip(&local_entries).take_while(|(a, b)| a.hash == b.hash).count();
    if common < entries.len() && common < local_entries.len() {
        return Err(Error::invalid(
            format!(
                "the bundle's case and this home's case {} have both changed since entry {common}: they cannot be merged",
                local.as_ref().map_or(0, |o| o.id)
            ),
            "keep the one you trust: export this home's case first, and import the bundle into an empty data home (--home DIR)",
        ));
    }
    drop(db);

    // The payload: every file hashed; evidence received into the store (not yet in place).
    let blobs = home.blobs();
    let mut pending: Vec<Pending> = Vec::new();
    let mut done = 0u64;
    progress(0, payload_bytes);
    for entry in &payload {
        let expected = &manifest[&entry.name];
        let receive = !dry_run && evidence_files.contains_key(&entry.name) && common < entries.len();
        let before = done;
        let actual = if receive {
            let file = archive
                .by_index(entry.index)
                .map_err(|e| refuse(format!("{} is damaged or truncated ({e})", entry.name)))?;
            let mut reader = Bounded { inner: file, left: entry.size };
            let received = blobs.receive(&mut reader, &mut |n| progress(before + n, payload_bytes))?;
            if received.size != entry.size {
                return Err(refuse(format!("{} holds fewer or more bytes than its header says", entry.name)));
            }
            let sha = received.sha256.clone();
            pending.push(received);
            sha
        } else {
            let mut hasher = Sha256::new();
            read_entry(&mut archive, entry, &mut |chunk| {
                hasher.update(chunk);
                done += chunk.len() as u64;
                progress(done, payload_bytes);
                Ok(())
            })?;
            crate::hex(&hasher.finalize())
        };
        done = before + entry.size;
        if actual != *expected {
            return Err(refuse(format!("{} does not match its hash in manifest-sha256.txt", entry.name)));
        }
    }

    let mut imported = Imported {
        case: uuid.clone(),
        platform,
        number,
        bundle_entries: entries.len(),
        known_entries: common,
        local_only_entries: local_entries.len() - common,
        nothing_new: common == entries.len(),
        dry_run,
        added: Added::default(),
    };
    if imported.nothing_new {
        imported.added.order = local.map_or(0, |o| o.id);
        return Ok(imported);
    }
    if dry_run {
        imported.added = replay::counts(&entries, common);
        imported.added.order = local.as_ref().map_or(0, |o| o.id);
        imported.added.new_case = local.is_none();
        return Ok(imported);
    }
    // Blobs first, then the rows that point at them (a row never points at a missing blob).
    for received in pending {
        blobs.keep(received)?;
    }
    let mut db = home.db()?;
    imported.added = db.import_case(&uuid, &replayed, &entries, common)?;
    Ok(imported)
}

/// Reads at most `left` bytes and fails when the inner reader has more.
struct Bounded<T: Read> {
    inner: T,
    left: u64,
}

impl<T: Read> Read for Bounded<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other("the entry holds more bytes than its header says")),
            };
        }
        let max = usize::try_from(self.left).unwrap_or(usize::MAX).min(buf.len());
        let n = self.inner.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}
