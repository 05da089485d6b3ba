//! SIGKILL during `evidence add` never leaves a row without its blob.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::env::{TestEnv, sha256sum};

#[test]
fn killing_evidence_add_at_any_moment_leaves_no_row_without_its_blob() {
    let env = TestEnv::new();
    env.order();
    // Three files per call so a kill can land between files, inside a copy, and in the commit.
    let files: Vec<String> = (0..3u8)
        .map(|n| {
            let bytes: Vec<u8> = (0..(36u32 << 20)).map(|i| (i.wrapping_mul(40_503) >> 7) as u8 ^ n).collect();
            env.file(&format!("f{n}.bin"), &bytes)
        })
        .collect();
    let mut args = vec!["evidence", "add", "1"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--kind", "other"]);

    // How long a whole run takes here, to spread the kills over it: the faster of two runs,
    // as the first one may be slowed by a cold cache or by other tests running beside it
    // (kills spread over a slow probe land after faster runs have finished, and once one
    // run completes, the later ones find the files attached and end at once).
    let full = (0..2)
        .map(|_| {
            let started = Instant::now();
            let probe = TestEnv::new();
            probe.order();
            probe.ok(&args);
            started.elapsed()
        })
        .min()
        .unwrap();

    let mut killed = 0;
    for step in 0..12u32 {
        let delay = full.mul_f64(f64::from(step) / 10.0);
        let mut child = env.std_cmd(&args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();

        // Every row that exists has its complete blob.
        let listed = env.json(&["evidence", "list", "1"]);
        for entry in listed.as_array().unwrap() {
            let sha = entry["sha256"].as_str().unwrap();
            let blob = env.home.join("blobs").join(&sha[..2]).join(&sha[2..]);
            assert!(blob.exists(), "step {step}: row {} without blob", entry["reference"]);
            assert_eq!(sha256sum(blob.to_str().unwrap()), sha, "step {step}: blob incomplete");
        }
        // And the chain is intact (a half-written log entry would break it).
        crate::log::assert_chain(&env.home.join("dossier.db"));
    }
    assert!(killed >= 3, "only {killed} runs were killed while working: the test did not test anything");
    // A final run completes and attaches all three.
    env.ok(&args);
    assert_eq!(env.json(&["evidence", "list", "1"]).as_array().unwrap().len(), 3);
    let _ = Duration::ZERO;
}
