//! `export` and `import`: the round trip, growth on either side, and hostile bundles, each
//! refused with nothing written.

use std::io::{Read, Write};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use crate::env::{TestEnv, png};

/// A case with statuses, a message linked to a screenshot, a text file and a flag.
fn case() -> TestEnv {
    let env = TestEnv::new();
    env.order();
    env.ok(&["order", "edit", "1", "--city", "Kazan", "--country", "RU", "--protection-until", "2027-01-20"]);
    for (at, text) in [("2026-10-01 10:00", "Accepted"), ("2026-10-03 08:00", "Departed from sorting center")] {
        env.ok(&["status", "add", "1", text, "--at", at]);
    }
    let a = env.file("chat shot.png", &png(30, 20));
    let b = env.file("notes.txt", "Продавец обещал вернуть деньги\n".as_bytes());
    env.ok(&["evidence", "add", "1", &a, &b, "--kind", "chat"]);
    env.ok(&["message", "add", "1", "--from", "seller", "--at", "2026-10-20", "Please wait", "--evidence", "E1"]);
    env.ok(&["flag", "set", "1", "template-replies", "--note", "same text twice"]);
    env
}

fn export(env: &TestEnv, name: &str) -> Vec<u8> {
    let path = env.path(name);
    env.ok(&["export", "1", "-o", path.to_str().unwrap()]);
    std::fs::read(path).unwrap()
}

/// The entries of a zip, in order: (name, bytes).
fn entries(zip_bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().to_string(), bytes)
        })
        .collect()
}

fn write_zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Rewrites the manifests and Payload-Oxum after the payload was changed, so that the change
/// under test is the only thing wrong with the bag.
fn rebag(entries: &mut Vec<(String, Vec<u8>)>) {
    let base = entries[0].0.trim_end_matches("bagit.txt").to_string();
    let payload: Vec<(String, Vec<u8>)> = entries
        .iter()
        .filter_map(|(n, b)| {
            n.strip_prefix(&base).filter(|n| n.starts_with("data/")).map(|n| (n.to_string(), b.clone()))
        })
        .collect();
    let manifest: String = payload.iter().map(|(n, b)| format!("{}  {n}\n", sha(b))).collect();
    let bytes: usize = payload.iter().map(|(_, b)| b.len()).sum();
    let set = |entries: &mut Vec<(String, Vec<u8>)>, name: &str, value: Vec<u8>| {
        entries.iter_mut().find(|(n, _)| *n == format!("{base}{name}")).unwrap().1 = value;
    };
    set(entries, "manifest-sha256.txt", manifest.clone().into_bytes());
    let info = String::from_utf8(entries.iter().find(|(n, _)| n.ends_with("bag-info.txt")).unwrap().1.clone()).unwrap();
    let info: String = info
        .lines()
        .map(|l| {
            if l.starts_with("Payload-Oxum") {
                format!("Payload-Oxum: {bytes}.{}\n", payload.len())
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    set(entries, "bag-info.txt", info.clone().into_bytes());
    let bagit = entries.iter().find(|(n, _)| n.ends_with("bagit.txt")).unwrap().1.clone();
    let tags = format!(
        "{}  bagit.txt\n{}  bag-info.txt\n{}  manifest-sha256.txt\n",
        sha(&bagit),
        sha(info.as_bytes()),
        sha(manifest.as_bytes())
    );
    set(entries, "tagmanifest-sha256.txt", tags.into_bytes());
}

fn edit(entries: &mut [(String, Vec<u8>)], suffix: &str, change: impl FnOnce(String) -> String) {
    let entry = entries.iter_mut().find(|(n, _)| n.ends_with(suffix)).unwrap();
    entry.1 = change(String::from_utf8(entry.1.clone()).unwrap()).into_bytes();
}

#[test]
fn export_import_export_gives_the_identical_zip() {
    let env = case();
    let first = export(&env, "first.zip");
    let names: Vec<String> = entries(&first).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "dossier-8123456789012345/bagit.txt",
            "dossier-8123456789012345/bag-info.txt",
            "dossier-8123456789012345/manifest-sha256.txt",
            "dossier-8123456789012345/tagmanifest-sha256.txt",
            "dossier-8123456789012345/data/case.json",
            "dossier-8123456789012345/data/dossier.pdf",
            "dossier-8123456789012345/data/events.jsonl",
            "dossier-8123456789012345/data/evidence/E1-chat_shot.png",
            "dossier-8123456789012345/data/evidence/E2-notes.txt",
        ]
    );
    // The same case exports byte-identically.
    assert_eq!(export(&env, "again.zip"), first);
    // The originals are inside, byte for byte; the PNG is stored, the text deflated.
    let all = entries(&first);
    assert_eq!(all[7].1, std::fs::read(env.path("chat shot.png")).unwrap());
    assert_eq!(all[8].1, std::fs::read(env.path("notes.txt")).unwrap());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    assert_eq!(archive.by_index(7).unwrap().compression(), zip::CompressionMethod::Stored);
    assert_eq!(archive.by_index(8).unwrap().compression(), zip::CompressionMethod::Deflated);
    let case: serde_json::Value = serde_json::from_slice(&all[4].1).unwrap();
    assert_eq!(case["format"], "dossier-case");
    assert_eq!(case["version"], 1);
    assert!(case["case"]["order"].get("id").is_none(), "local ids stay home");

    // Into a fresh home, whose order 1 is another case: ids differ, the bundle does not.
    let fresh = TestEnv::new();
    fresh.ok(&["order", "add", "--platform", "ebay", "--number", "11-22"]);
    std::fs::write(fresh.path("first.zip"), &first).unwrap();
    let imported = fresh.json(&["import", fresh.path("first.zip").to_str().unwrap()]);
    assert_eq!(imported["added"]["new_case"], true);
    assert_eq!(imported["added"]["order"], 2);
    assert_eq!(imported["added"]["statuses"], 2);
    assert_eq!(imported["added"]["evidence"], 2);
    assert_eq!(fresh.json(&["verify"])["clean"], true);
    let out = fresh.path("second.zip");
    fresh.ok(&["export", "8123456789012345", "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read(out).unwrap(), first, "export → import → export changed the bundle");
    // The message still points at its screenshot, the flag is set.
    let shown = fresh.json(&["order", "show", "2"]);
    assert_eq!(shown["messages"][0]["evidence"], "E1");
    assert_eq!(shown["flags"][0]["code"], "template-replies");
}

#[test]
fn importing_the_same_bundle_again_changes_nothing() {
    let env = case();
    let bundle = export(&env, "b.zip");
    let fresh = TestEnv::new();
    std::fs::write(fresh.path("b.zip"), &bundle).unwrap();
    let path = fresh.path("b.zip");
    fresh.ok(&["import", path.to_str().unwrap()]);
    let (db, files) = (fresh.snapshot(), fresh.home_files());
    let again = fresh.json(&["import", path.to_str().unwrap()]);
    assert_eq!(again["nothing_new"], true);
    assert!(fresh.ok(&["import", path.to_str().unwrap()]).contains("nothing new"));
    assert_eq!(fresh.snapshot(), db);
    assert_eq!(fresh.home_files(), files);
    // Into the home it came from: nothing new either.
    let home = env.json(&["import", env.path("b.zip").to_str().unwrap()]);
    assert_eq!(home["nothing_new"], true);
}

#[test]
fn a_bundle_of_a_case_that_grew_adds_only_what_is_new_and_says_so() {
    let env = case();
    let old = export(&env, "old.zip");
    let other = TestEnv::new();
    std::fs::write(other.path("old.zip"), &old).unwrap();
    other.ok(&["import", other.path("old.zip").to_str().unwrap()]);

    // The case grows at its origin; the newer bundle adds only the new rows.
    env.ok(&["status", "add", "1", "Arrived at destination", "--at", "2026-11-02 09:00"]);
    let f = env.file("delivery.png", &png(10, 10));
    env.ok(&["evidence", "add", "1", &f, "--kind", "delivery"]);
    env.ok(&["order", "edit", "1", "--postcode", "420111"]);
    env.ok(&["flag", "clear", "1", "template-replies"]);
    let new = export(&env, "new.zip");
    std::fs::write(other.path("new.zip"), &new).unwrap();
    let (snapshot, files) = (other.snapshot(), other.home_files());
    let dry = other.json(&["import", other.path("new.zip").to_str().unwrap(), "--dry-run"]);
    assert_eq!(dry["added"]["statuses"], 1);
    assert_eq!(dry["added"]["evidence"], 1);
    assert_eq!(other.snapshot(), snapshot, "--dry-run wrote nothing");
    assert_eq!(other.home_files(), files, "--dry-run stored no file");
    let text = other.ok(&["import", other.path("new.zip").to_str().unwrap()]);
    assert!(text.contains("added to order 1") && text.contains("1 status, 1 evidence file"), "{text}");
    let shown = other.json(&["order", "show", "1"]);
    assert_eq!(shown["order"]["postcode"], "420111");
    assert_eq!(shown["flags"], serde_json::json!([]));
    assert_eq!(shown["statuses"].as_array().unwrap().len(), 3);
    assert_eq!(other.json(&["verify"])["clean"], true);

    // The older bundle into the grown case: nothing new, and it says the case is ahead.
    let text = other.ok(&["import", other.path("old.zip").to_str().unwrap()]);
    assert!(text.contains("nothing new") && text.contains("4 more changes made here since"), "{text}");

    // Both sides changed: refused, nothing written.
    other.ok(&["status", "add", "1", "Local note", "--at", "2026-11-05"]);
    env.ok(&["status", "add", "1", "Remote note", "--at", "2026-11-06"]);
    let diverged = export(&env, "diverged.zip");
    std::fs::write(other.path("diverged.zip"), &diverged).unwrap();
    let before = other.snapshot();
    let err = other.fail(&["import", other.path("diverged.zip").to_str().unwrap()], 1);
    assert!(err.contains("cannot be merged"), "{err}");
    assert_eq!(other.snapshot(), before);
}

#[test]
fn the_same_order_number_as_another_case_is_refused() {
    let env = case();
    let bundle = export(&env, "b.zip");
    let other = TestEnv::new();
    other.order(); // the same platform and number, but recorded separately: another case
    std::fs::write(other.path("b.zip"), &bundle).unwrap();
    let before = other.snapshot();
    let err = other.fail(&["import", other.path("b.zip").to_str().unwrap()], 1);
    assert!(err.contains("another case"), "{err}");
    assert_eq!(other.snapshot(), before);
}

/// Imports `bytes` into a home that already has a case, expects a refusal mentioning
/// `expected`, and checks that neither the database nor the store changed.
fn refused(bytes: &[u8], expected: &str) {
    let target = TestEnv::new();
    target.ok(&["order", "add", "--platform", "ebay", "--number", "11-22"]);
    let path = target.file("hostile.zip", bytes);
    let (db, files) = (target.snapshot(), target.home_files());
    let err = target.fail(&["import", &path], 1);
    assert!(err.contains(expected), "expected '{expected}' in: {err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(target.snapshot(), db, "the database changed");
    assert_eq!(target.home_files(), files, "the data home's files changed");
}

#[test]
fn hostile_bundles_are_refused_with_nothing_written() {
    let env = case();
    let genuine = entries(&export(&env, "b.zip"));
    let base = "dossier-8123456789012345/";

    let mut slip = genuine.clone();
    slip.push(("../evil.txt".into(), b"x".to_vec()));
    refused(&write_zip(&slip), "'..' path component");
    let mut inner_slip = genuine.clone();
    inner_slip.push((format!("{base}data/../../evil.txt"), b"x".to_vec()));
    refused(&write_zip(&inner_slip), "'..' path component");

    let mut absolute = genuine.clone();
    absolute.push(("/etc/evil".into(), b"x".to_vec()));
    refused(&write_zip(&absolute), "absolute");

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in &genuine {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.add_symlink(format!("{base}data/evidence/link"), "/etc/passwd", SimpleFileOptions::default()).unwrap();
    refused(&zip.finish().unwrap().into_inner(), "symbolic link");

    // Two entries of one name: written under two names of one length, then renamed in place.
    let mut dup = genuine.clone();
    dup.push((format!("{base}data/evidence/E9-x1"), b"one".to_vec()));
    dup.push((format!("{base}data/evidence/E9-x2"), b"two".to_vec()));
    let mut bytes = write_zip(&dup);
    let (from, to) = (b"E9-x2".as_slice(), b"E9-x1".as_slice());
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
    refused(&bytes, "appears twice");

    let mut folded = genuine.clone();
    folded.push((format!("{base}data/evidence/Report.txt"), b"a".to_vec()));
    folded.push((format!("{base}data/evidence/report.TXT"), b"b".to_vec()));
    refused(&write_zip(&folded), "name the same file");
    let mut unicode = genuine.clone();
    unicode.push((format!("{base}data/evidence/caf\u{e9}.txt"), b"a".to_vec()));
    unicode.push((format!("{base}data/evidence/cafe\u{301}.txt"), b"b".to_vec()));
    refused(&write_zip(&unicode), "name the same file");

    // An entry that expands to 1 GiB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in &genuine {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.start_file(format!("{base}data/evidence/E3-zeros.bin"), SimpleFileOptions::default().large_file(true)).unwrap();
    let block = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        zip.write_all(&block).unwrap();
    }
    refused(&zip.finish().unwrap().into_inner(), "zip bomb");

    let mut changed = genuine.clone();
    changed.iter_mut().find(|(n, _)| n.ends_with("E2-notes.txt")).unwrap().1.push(b'!');
    let mut changed_oxum = changed.clone();
    refused(&write_zip(&changed), "Payload-Oxum");
    rebag(&mut changed_oxum);
    refused(&write_zip(&changed_oxum), "is not the file its evidence row names");
    // A changed byte of the same length: the manifest hash no longer matches.
    let mut flipped = genuine.clone();
    flipped.iter_mut().find(|(n, _)| n.ends_with("E1-chat_shot.png")).unwrap().1[60] ^= 1;
    refused(&write_zip(&flipped), "does not match its hash in manifest-sha256.txt");

    let missing: Vec<_> = genuine.iter().filter(|(n, _)| !n.ends_with("E2-notes.txt")).cloned().collect();
    refused(&write_zip(&missing), "missing from the bundle");

    let mut extra = genuine.clone();
    extra.push((format!("{base}data/evidence/E7-extra.bin"), b"extra".to_vec()));
    refused(&write_zip(&extra), "not in its manifest");
    rebag(&mut extra);
    refused(&write_zip(&extra), "not part of the case");

    let mut chain = genuine.clone();
    edit(&mut chain, "events.jsonl", |log| {
        let mut lines: Vec<&str> = log.lines().collect();
        lines.remove(3);
        lines.iter().map(|l| format!("{l}\n")).collect()
    });
    rebag(&mut chain);
    refused(&write_zip(&chain), "event chain is broken at entry 4");

    let mut row = genuine.clone();
    edit(&mut row, "case.json", |case| case.replace("Departed from sorting center", "Delivered"));
    rebag(&mut row);
    refused(&write_zip(&row), "differs from its log");

    let mut future = genuine.clone();
    edit(&mut future, "case.json", |case| case.replace("\"version\": 1", "\"version\": 99"));
    rebag(&mut future);
    refused(&write_zip(&future), "version 99");

    refused(b"PK\x03\x04 this is not really a zip file at all", "not a readable zip");
    refused(b"just some text", "not a readable zip");
    let whole = write_zip(&genuine);
    refused(&whole[..whole.len() / 2], "not a readable zip");
    // Cut inside the data but with the directory intact: a damaged entry.
    let mut damaged = whole.clone();
    let at = zip::ZipArchive::new(std::io::Cursor::new(&whole)).unwrap().by_index_raw(5).unwrap().data_start().unwrap();
    damaged[usize::try_from(at).unwrap() + 100] ^= 0xff;
    refused(&damaged, "damaged or truncated");
}

#[test]
fn the_exported_bag_has_the_bagit_files_and_valid_manifests() {
    let env = case();
    let all = entries(&export(&env, "b.zip"));
    let get = |suffix: &str| all.iter().find(|(n, _)| n.ends_with(suffix)).unwrap().1.clone();
    assert_eq!(get("bagit.txt"), b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    let manifest = String::from_utf8(get("manifest-sha256.txt")).unwrap();
    let mut bytes = 0;
    for line in manifest.lines() {
        let (hash, name) = line.split_once("  ").unwrap();
        let content = get(&format!("/{name}"));
        bytes += content.len();
        assert_eq!(sha(&content), hash, "{name}");
    }
    let info = String::from_utf8(get("bag-info.txt")).unwrap();
    assert!(info.contains(&format!("Payload-Oxum: {bytes}.{}\n", manifest.lines().count())), "{info}");
    // The log is the chain itself: each line hashes to the next line's prev.
    let log = String::from_utf8(get("events.jsonl")).unwrap();
    let mut prev = "0".repeat(64);
    for line in log.lines() {
        let body: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(body["prev"], prev);
        prev = sha(line.as_bytes());
    }
}
