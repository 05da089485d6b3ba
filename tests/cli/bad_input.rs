//! Bad input: each case checks the message, the exit code, and that nothing was written.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use crate::env::{TestEnv, is_root, png};

/// Runs `args`, expects failure with `code` and a message containing `message`, and checks
/// that the database and the data home's files are exactly as before.
fn refused(env: &TestEnv, args: &[&str], code: i32, message: &str) -> String {
    let before = (env.snapshot(), env.home_files());
    let err = env.fail(args, code);
    assert!(err.contains(message), "{args:?}: expected {message:?} in\n{err}");
    assert_eq!((env.snapshot(), env.home_files()), before, "{args:?} changed the data home");
    err
}

#[test]
fn unknown_order() {
    let env = TestEnv::new();
    env.order();
    let err = refused(&env, &["status", "add", "42", "x", "--at", "2026-10-01"], 1, "error: no order '42'");
    assert!(err.contains("hint: `dossier order list --all` shows every order"), "{err}");
    refused(&env, &["order", "show", "81234567890"], 1, "error: no order '81234567890'");
}

#[test]
fn ambiguous_order_reference() {
    let env = TestEnv::new();
    env.order();
    env.ok(&["order", "add", "--platform", "ebay", "--number", "1"]);
    let err = refused(
        &env,
        &["order", "show", "1"],
        1,
        "error: '1' matches more than one order: order 1 (aliexpress 8123456789012345), order 2 (ebay 1)",
    );
    assert!(err.contains("hint: address the order by its local id: 1 or 2"), "{err}");
    env.ok(&["order", "add", "--platform", "temu", "--number", "8123456789012345"]);
    refused(&env, &["order", "close", "8123456789012345", "--outcome", "lost"], 1, "matches more than one order");
}

#[test]
fn duplicate_order_number_on_the_same_platform() {
    let env = TestEnv::new();
    env.order();
    let err = refused(
        &env,
        &["order", "add", "--platform", "aliexpress", "--number", "8123456789012345", "--track", "LP00123456789012"],
        1,
        "error: aliexpress order 8123456789012345 is already recorded as order 1",
    );
    assert!(err.contains("hint: `dossier order show 1` shows it"), "{err}");
}

#[test]
fn bad_and_impossible_dates() {
    let env = TestEnv::new();
    env.order();
    let err = refused(
        &env,
        &["status", "add", "1", "x", "--at", "2026-02-30"],
        1,
        "error: --at: '2026-02-30' is not a real date (February 2026 has 28 days)",
    );
    assert!(err.contains("hint: "), "{err}");
    let err = refused(
        &env,
        &["status", "add", "1", "x", "--at", "yesterday-ish"],
        1,
        "error: --at: 'yesterday-ish' is not a date dossier understands",
    );
    assert!(err.contains("hint: use 2026-11-03"), "{err}");
    refused(&env, &["order", "edit", "1", "--shipped", "31.04.2026"], 1, "--shipped: '31.04.2026' is not a real date");
    refused(
        &env,
        &["evidence", "add", "1", "Cargo.toml", "--kind", "other", "--taken", "soon"],
        1,
        "--taken: 'soon' is not a date",
    );
    let err = env.fail(&["--now", "next week", "order", "list"], 1);
    assert!(err.contains("--now: 'next week' is not a date dossier understands"), "{err}");
}

/// Dates before 2000 or more than a year after now are typos, refused wherever a date is
/// typed, with nothing written.
#[test]
fn dates_before_2000_or_over_a_year_ahead_are_refused() {
    let env = TestEnv::new();
    env.order();
    let err = refused(&env, &["order", "edit", "1", "--shipped", "0000-01-01"], 1, "'0000-01-01' is before 2000-01-01");
    assert!(err.contains("hint: dates from 2000-01-01 up to one year after now are accepted"), "{err}");
    refused(&env, &["status", "add", "1", "Accepted", "--at", "31.12.1999 10:00"], 1, "is before 2000-01-01");
    refused(
        &env,
        &["order", "edit", "1", "--protection-until", "2028-01-01"],
        1,
        "'2028-01-01' is more than a year after now (2026-11-24)",
    );
    refused(
        &env,
        &["status", "add", "1", "Accepted", "--at", "2030-01-01", "--force"],
        1,
        "more than a year after now",
    );
    env.ok(&["order", "edit", "1", "--protection-until", "2027-11-24"]);
}

#[test]
fn a_status_dated_after_now_needs_force() {
    let env = TestEnv::new();
    env.order();
    let err = refused(
        &env,
        &["status", "add", "1", "Delivered", "--at", "2027-11-20"],
        1,
        "error: --at 2027-11-20 is after now (2026-11-24T12:00:00+03:00)",
    );
    assert!(err.contains("hint: check the year and the day; pass --force"), "{err}");
    // 18:00 at +08:00 is 13:00 at +03:00: after noon in Moscow.
    refused(&env, &["status", "add", "1", "x", "--at", "2026-11-24T18:00:00+08:00"], 1, "is after now");
    refused(&env, &["message", "add", "1", "--from", "me", "--at", "2026-12-01", "x"], 1, "is after now");
    refused(&env, &["order", "edit", "1", "--ordered", "tomorrow"], 1, "not a date");
    refused(&env, &["order", "edit", "1", "--ordered", "2026-11-25"], 1, "--ordered 2026-11-25 is after now");
    env.ok(&["status", "add", "1", "Delivered", "--at", "2027-11-20", "--force"]);
    // Today and earlier today are fine.
    env.ok(&["status", "add", "1", "y", "--at", "today"]);
    env.ok(&["status", "add", "1", "z", "--at", "2026-11-24T16:00:00+08:00"]);
    assert_eq!(env.json(&["status", "list", "1"]).as_array().unwrap().len(), 3);
}

#[test]
fn negative_or_unitless_weights() {
    let env = TestEnv::new();
    env.order();
    let err = refused(
        &env,
        &["status", "add", "1", "x", "--at", "2026-10-01", "--weight", "-0.3kg"],
        1,
        "error: weight '-0.3kg' is negative",
    );
    assert!(err.contains("hint: write the weight with its unit, e.g. 350g or 0.35kg"), "{err}");
    refused(
        &env,
        &["status", "add", "1", "x", "--at", "2026-10-01", "--weight", "350"],
        1,
        "error: weight '350' has no unit",
    );
    refused(&env, &["order", "edit", "1", "--weight", "heavy kg"], 1, "error: weight 'heavy kg' is not a number");
    refused(&env, &["order", "add", "--platform", "joom", "--number", "9", "--weight", "2 st"], 1, "has no unit");
    refused(&env, &["order", "edit", "1", "--price", "-5"], 1, "error: price '-5' is not an amount");
}

#[test]
fn empty_status_and_message_text() {
    let env = TestEnv::new();
    env.order();
    let err = refused(&env, &["status", "add", "1", "   ", "--at", "2026-10-01"], 1, "error: status text is empty");
    assert!(err.contains("hint: give the status text in quotes"), "{err}");
    refused(
        &env,
        &["message", "add", "1", "--from", "me", "--at", "2026-10-01", ""],
        1,
        "error: message text is empty",
    );
}

#[test]
fn unknown_stage_kind_and_source_are_usage_errors() {
    let env = TestEnv::new();
    env.order();
    let err = refused(
        &env,
        &["status", "add", "1", "x", "--at", "2026-10-01", "--stage", "lost-in-space"],
        2,
        "invalid value 'lost-in-space' for '--stage <STAGE>'",
    );
    assert!(err.contains("departed-origin") && err.contains("awaiting-pickup"), "lists the stages: {err}");
    let err = refused(
        &env,
        &["status", "add", "1", "x", "--at", "2026-10-01", "--source", "telegram"],
        2,
        "invalid value 'telegram' for '--source <S>'",
    );
    assert!(err.contains("platform, cainiao, tracker, post, courier, seller, manual"), "{err}");
    let file = env.file("a.png", &png(3, 3));
    let err = refused(
        &env,
        &["evidence", "add", "1", &file, "--kind", "selfie"],
        2,
        "invalid value 'selfie' for '--kind <KIND>'",
    );
    assert!(err.contains("order, tracker, chat, delivery, post, photo, customs, other"), "{err}");
    refused(
        &env,
        &["order", "add", "--platform", "amazon", "--number", "3"],
        2,
        "invalid value 'amazon' for '--platform <PLATFORM>'",
    );
}

#[test]
fn evidence_paths_that_cannot_be_attached() {
    let env = TestEnv::new();
    env.order();
    let good = env.file("good.png", &png(3, 3));
    let missing = env.path("nope.png");
    let err = refused(
        &env,
        &["evidence", "add", "1", &good, missing.to_str().unwrap(), "--kind", "photo"],
        1,
        "nope.png: no such file",
    );
    assert!(err.contains("hint: check the path"), "{err}");
    let dir = env.path("shots");
    std::fs::create_dir(&dir).unwrap();
    let err = refused(
        &env,
        &["evidence", "add", "1", &good, dir.to_str().unwrap(), "--kind", "photo"],
        1,
        "shots: is a directory",
    );
    assert!(err.contains("hint: name the files inside it"), "{err}");
    let empty = env.file("empty.png", b"");
    let err =
        refused(&env, &["evidence", "add", "1", &good, &empty, "--kind", "photo"], 1, "empty.png: is empty (0 bytes)");
    assert!(err.contains("hint: "), "{err}");
    let fifo = env.path("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    refused(
        &env,
        &["evidence", "add", "1", fifo.to_str().unwrap(), "--kind", "photo"],
        1,
        "pipe: is not a regular file",
    );
    assert_eq!(env.json(&["evidence", "list", "1"]), serde_json::json!([]), "nothing of the batch was attached");
}

/// Runs the binary as an unprivileged user (root ignores file permissions), when possible.
fn as_nobody(env: &TestEnv, home: &std::path::Path, args: &[&str]) -> Option<std::process::Output> {
    let bin = assert_cmd::cargo::cargo_bin("dossier");
    let mut cmd = if is_root() {
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(bin);
        cmd
    } else {
        Command::new(bin)
    };
    cmd.env_clear()
        .env("DOSSIER_HOME", home)
        .env("DOSSIER_NOW", crate::env::NOW)
        .current_dir(env.dir.path())
        .args(args);
    // setpriv missing or not permitted: nothing to test with, except in CI, which installs
    // it (.ci/run) and must run these tests rather than skip them.
    let in_ci = std::env::var_os("CI").is_some_and(|v| v == "true");
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) if in_ci => panic!("CI=true but setpriv cannot run ({e}): install util-linux"),
        Err(_) => return None,
    };
    let refused = String::from_utf8_lossy(&out.stderr).contains("setpriv:");
    assert!(!(refused && in_ci), "CI=true but setpriv refused: {}", String::from_utf8_lossy(&out.stderr));
    (!refused).then_some(out)
}

#[test]
fn unreadable_evidence_file() {
    let env = TestEnv::new();
    let home = env.path("open-home");
    std::fs::create_dir(&home).unwrap();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
    let secret = env.file("secret.png", &png(3, 3));
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let Some(out) = as_nobody(&env, &home, &["order", "add", "--platform", "ebay", "--number", "1"]) else {
        eprintln!("skipped: cannot drop privileges here");
        return;
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = as_nobody(&env, &home, &["evidence", "add", "1", &secret, "--kind", "photo"]).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("secret.png: cannot be read (Permission denied"), "{err}");
    assert!(err.contains("hint: check the file's permissions"), "{err}");
    let blobs = std::fs::read_dir(home.join("blobs")).unwrap().count();
    assert_eq!(blobs, 0, "nothing stored");
}

#[test]
fn a_data_home_that_is_not_writable() {
    let env = TestEnv::new();
    // A home below a regular file can never be created, whoever runs it.
    let file = env.file("not-a-dir", b"x");
    let under_file = format!("{file}/home");
    let err = env.fail(&["--home", &under_file, "order", "add", "--platform", "ebay", "--number", "1"], 1);
    assert!(err.contains(&format!("error: cannot use data home {under_file}: cannot create")), "{err}");
    assert!(err.contains("hint: choose a writable directory with --home DIR or the DOSSIER_HOME variable"), "{err}");
    let err = env.fail(&["--home", &file, "order", "list"], 1);
    assert!(err.contains("it exists and is not a directory"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"x");

    // An existing home whose directory is read-only for the user running dossier.
    let home = env.path("locked-home");
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    env.ok(&["--home", home.to_str().unwrap(), "order", "add", "--platform", "ebay", "--number", "1"]);
    let before = crate::env::snapshot(&home.join("dossier.db"));
    if is_root() {
        // Owned by root, 0700: the unprivileged user can neither read nor write it.
        let Some(out) = as_nobody(&env, &home, &["order", "add", "--platform", "ebay", "--number", "2"]) else {
            eprintln!("skipped: cannot drop privileges here");
            return;
        };
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot use data home"), "{err}");
    } else {
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o500)).unwrap();
        let err =
            env.fail(&["--home", home.to_str().unwrap(), "order", "add", "--platform", "ebay", "--number", "2"], 1);
        assert!(err.contains("cannot use data home"), "{err}");
        std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    assert_eq!(crate::env::snapshot(&home.join("dossier.db")), before);
}

#[test]
fn a_schema_1_database_is_upgraded_in_place_with_its_cases_kept() {
    let env = TestEnv::new();
    env.order();
    let db = env.home.join("dossier.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP INDEX tracking_numbers_shared;
             DROP INDEX tracking_numbers_order;
             CREATE INDEX tracking_numbers_number ON tracking_numbers (number);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let listed = env.json(&["order", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
    assert_eq!(version, dossier::db::SCHEMA_VERSION);
    let indexes: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tracking_numbers' AND sql IS NOT NULL",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(indexes, ["tracking_numbers_shared", "tracking_numbers_order"]);
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let env = TestEnv::new();
    env.order();
    let db = env.home.join("dossier.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        // Leave the file in rollback-journal mode so a silent switch to WAL would show.
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let bytes = std::fs::read(&db).unwrap();
    let files = env.home_files();
    for args in [&["order", "list"][..], &["order", "add", "--platform", "ebay", "--number", "2"]] {
        let err = env.fail(args, 1);
        let known = dossier::db::SCHEMA_VERSION;
        assert!(
            err.contains(&format!(
                "was written by a newer dossier (schema version 99, this dossier knows up to {known}); it was left untouched"
            )),
            "{err}"
        );
        assert!(err.contains("hint: install a newer dossier"), "{err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "not a byte changed");
    assert_eq!(env.home_files(), files, "no journal or WAL file left behind");
}

#[test]
fn a_file_that_is_not_a_database() {
    let env = TestEnv::new();
    std::fs::create_dir_all(&env.home).unwrap();
    std::fs::write(
        env.home.join("dossier.db"),
        b"this is not sqlite, just text that is long enough to be read as a header....",
    )
    .unwrap();
    let err = env.fail(&["order", "list"], 1);
    assert!(err.contains("is not a dossier database"), "{err}");
}

/// A reader that goes away (`dossier … | head -1`) ends any command quietly with exit 0:
/// the read end of the pipe is closed before the command writes.
#[test]
fn a_closed_pipe_ends_quietly() {
    let env = TestEnv::new();
    env.ok(&["demo"]);
    for args in [
        &["completions", "bash"][..],
        &["man"],
        &["order", "list", "--all"],
        &["check", "--all"],
        &["--json", "order", "list", "--all"],
    ] {
        let mut child = env
            .std_cmd(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked") && !stderr.contains("error"), "{args:?}: {stderr}");
        // `check --all` exits 3 when a case has a critical flag, whatever the pipe.
        assert!(matches!(out.status.code(), Some(0 | 3)), "{args:?}: {:?} {stderr}", out.status);
    }
}

/// An empty reference is refused, not read as "no link"; a size needs its unit.
#[test]
fn empty_references_and_sizes_without_a_unit() {
    let env = TestEnv::new();
    env.order();
    let err = refused(
        &env,
        &["message", "add", "1", "hi", "--from", "seller", "--at", "2026-11-01", "--evidence", ""],
        2,
        "--evidence is empty",
    );
    assert!(err.contains("hint:") && err.contains("E1"), "{err}");
    let err = env.fail(&["build", "1", "--max-size", "3"], 2);
    assert!(err.contains("'3' has no unit") && err.contains("3MB"), "{err}");
}

/// An order is found by one of its tracking numbers too (as typed, in any case); an unknown
/// reference one typo away from an order or tracking number gets "did you mean".
#[test]
fn orders_by_tracking_number_and_did_you_mean() {
    let env = TestEnv::new();
    env.order(); // 8123456789012345 with RS473102580CN
    let shown = env.json(&["order", "show", "rs473102580cn"]);
    assert_eq!(shown["order"]["number"], "8123456789012345");
    env.ok(&["status", "add", "RS 473102580 CN", "Accepted", "--at", "2026-10-01"]);
    // Two digits swapped in the order number; one letter wrong in the tracking number.
    let err = refused(&env, &["order", "show", "8123456789012354"], 1, "no order '8123456789012354'");
    assert!(err.contains("did you mean order 1 (aliexpress 8123456789012345)"), "{err}");
    let err = refused(&env, &["check", "RS473102580CM"], 1, "no order");
    assert!(err.contains("tracking number RS473102580CN"), "{err}");
    // Far from everything: no suggestion.
    let err = refused(&env, &["order", "show", "55555"], 1, "no order '55555'");
    assert!(!err.contains("did you mean"), "{err}");
    // Several near ones: the closest first.
    env.ok(&["order", "add", "--platform", "ebay", "--number", "8123456789012399"]);
    let err = refused(&env, &["order", "show", "8123456789012398"], 1, "no order");
    let (closest, next) = (err.find("8123456789012399"), err.find("8123456789012345"));
    assert!(closest.is_some() && next.is_some() && closest < next, "{err}");
}

/// `man -o DIR` writes a page for the tool and one per subcommand, and every page a page
/// refers to (`dossier-order-add(1)`) is among them.
#[test]
fn man_pages_refer_only_to_pages_that_exist() {
    let env = TestEnv::new();
    let dir = env.path("man1");
    std::fs::create_dir(&dir).unwrap();
    env.ok(&["man", "-o", dir.to_str().unwrap()]);
    let pages: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    for page in ["dossier.1", "dossier-status-import.1", "dossier-message-import.1", "dossier-order-add.1"] {
        assert!(pages.contains(&page.to_string()), "{page} missing from {pages:?}");
    }
    assert!(!pages.iter().any(|p| p.contains("-help")), "{pages:?}");
    let mut references = 0;
    for page in &pages {
        let text = std::fs::read_to_string(dir.join(page)).unwrap().replace("\\-", "-");
        for (at, _) in text.match_indices("(1)") {
            let name: String = text[..at].chars().rev().take_while(|c| c.is_ascii_lowercase() || *c == '-').collect();
            let name: String = name.chars().rev().collect();
            if name.starts_with("dossier") {
                references += 1;
                assert!(pages.contains(&format!("{name}.1")), "{page} refers to {name}(1), which is not written");
            }
        }
    }
    assert!(references > 20, "only {references} references found");
    // `man` alone prints the main page.
    assert!(env.ok(&["man"]).contains(".TH dossier"));
    let err = env.fail(&["man", "-o", env.path("nowhere").to_str().unwrap()], 1);
    assert!(err.contains("does not exist") && err.contains("hint: create it first: mkdir -p"), "{err}");
    assert!(!env.path("nowhere").exists());
    // The page printed alone names no page of clap's help subcommand, and its examples are
    // kept line by line.
    let page = env.ok(&["man"]);
    assert!(!page.contains("dossier\\-help"), "a page for `help` is never written");
    assert!(page.contains(".SH EXAMPLES\n.nf\n\\&dossier demo\n"), "{page}");
}
