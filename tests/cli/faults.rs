//! Faults and concurrency: `evidence add` and `import` killed with SIGKILL at random moments
//! leave nothing `verify` objects to but unreferenced blobs and leftover temporary files (the
//! next write removes the latter); two writers at once lose nothing.
//!
//! The kill tests take about a minute and are ignored by default; `.ci/run` runs them
//! (`cargo test --test cli -- --ignored`).

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::env::TestEnv;

/// A small deterministic generator of kill delays (no dependency, same runs every time).
struct Delays(u64);

impl Delays {
    fn next(&mut self, up_to: Duration) -> Duration {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        up_to.mul_f64(((self.0 >> 11) as f64) / ((1u64 << 53) as f64))
    }
}

/// The finding kinds of `verify --json` (exit 0 or 1).
fn finding_kinds(env: &TestEnv) -> Vec<String> {
    let out = env.run(&["--json", "verify"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["findings"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap().to_string()).collect()
}

fn assert_only_housekeeping(env: &TestEnv, run: usize) {
    let kinds = finding_kinds(env);
    assert!(kinds.iter().all(|k| k == "unreferenced" || k == "leftover-temp"), "run {run}: verify found {kinds:?}");
}

/// Runs `args` until `kills` runs were killed with SIGKILL while still working, each at a
/// random moment within the time a whole run takes (measured first, and shortened when a
/// run finishes before its kill); `check` runs after each attempt. Returns the attempts.
fn kill_at_random(
    env: &TestEnv,
    args: &[&str],
    kills: usize,
    seed: u64,
    mut before: impl FnMut(),
    mut check: impl FnMut(usize),
) -> usize {
    // The fastest of three whole runs (the first one reads cold files).
    let mut full = Duration::MAX;
    for _ in 0..3 {
        before();
        let started = Instant::now();
        let mut probe = env.std_cmd(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        probe.wait().unwrap();
        full = full.min(started.elapsed());
    }
    let mut delays = Delays(seed);
    let (mut killed, mut attempts) = (0, 0);
    while killed < kills {
        assert!(attempts < 4 * kills, "only {killed} of {attempts} runs were killed while working");
        before();
        let mut child = env.std_cmd(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(delays.next(full));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        } else {
            full = full.mul_f64(0.9);
        }
        child.kill().unwrap();
        child.wait().unwrap();
        check(attempts);
        attempts += 1;
    }
    attempts
}

fn big_file(env: &TestEnv, name: &str, mib: u32, salt: u8) -> String {
    let bytes: Vec<u8> = (0..(mib << 20)).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 ^ salt).collect();
    env.file(name, &bytes)
}

#[test]
#[ignore = "about a minute; run by .ci/run"]
fn evidence_add_killed_at_random_moments() {
    let env = TestEnv::new();
    env.order();
    let files = [big_file(&env, "a.bin", 48, 1), big_file(&env, "b.bin", 48, 2)];
    let args = ["evidence", "add", "1", &files[0], &files[1], "--kind", "other"];
    kill_at_random(&env, &args, 50, 7, || {}, |run| assert_only_housekeeping(&env, run));
    // The next write clears the leftovers; everything attached is sound.
    let f = env.file("small.txt", b"a note");
    env.ok(&["evidence", "add", "1", &f, "--kind", "other"]);
    let kinds = finding_kinds(&env);
    assert!(kinds.iter().all(|k| k == "unreferenced"), "{kinds:?}");
}

#[test]
#[ignore = "about a minute; run by .ci/run"]
fn import_killed_at_random_moments() {
    let source = TestEnv::new();
    source.order();
    let files = [big_file(&source, "a.bin", 40, 3), big_file(&source, "b.bin", 40, 4)];
    source.ok(&["evidence", "add", "1", &files[0], &files[1], "--kind", "other"]);
    source.ok(&["status", "add", "1", "Accepted", "--at", "2026-10-01 10:00"]);
    let bundle = source.path("case.zip");
    source.ok(&["export", "1", "-o", bundle.to_str().unwrap()]);

    // Each run imports into a home that does not have the case yet.
    let env = TestEnv::new();
    let home = env.home.clone();
    let args = ["import", bundle.to_str().unwrap()];
    kill_at_random(
        &env,
        &args,
        50,
        11,
        || {
            let _ = std::fs::remove_dir_all(&home);
            env.ok(&["order", "add", "--platform", "ebay", "--number", "11-22"]);
        },
        |run| {
            assert_only_housekeeping(&env, run);
            // The case is there whole or not at all.
            let orders = env.json(&["order", "list"]);
            let n = orders.as_array().unwrap().len();
            assert!(n == 1 || n == 2, "run {run}: {n} orders");
            if n == 2 {
                assert_eq!(env.json(&["evidence", "list", "2"]).as_array().unwrap().len(), 2, "run {run}");
            }
            // The next write clears leftovers: importing again completes the case.
            env.ok(&args);
            let kinds = finding_kinds(&env);
            assert!(kinds.iter().all(|k| k == "unreferenced"), "run {run}: {kinds:?}");
        },
    );
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let env = TestEnv::new();
    env.order();
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            let home = env.home.clone();
            let dir = env.dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..500 {
                    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
                        .env_clear()
                        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                        .env("TZ", "UTC")
                        .env("DOSSIER_HOME", &home)
                        .env("DOSSIER_NOW", crate::env::NOW)
                        .current_dir(&dir)
                        .args(["status", "add", "1", &format!("writer {who} status {i}"), "--at", "2026-10-01 10:00"])
                        .output()
                        .unwrap();
                    if !out.status.success() {
                        failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                failures
            })
        })
        .collect();
    for writer in writers {
        let failures = writer.join().unwrap();
        assert!(failures.is_empty(), "{} commands failed, e.g. {}", failures.len(), failures[0]);
    }
    assert_eq!(env.json(&["status", "list", "1"]).as_array().unwrap().len(), 1000);
    assert_eq!(env.json(&["verify"])["clean"], true);
}
