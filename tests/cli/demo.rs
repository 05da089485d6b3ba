//! `dossier demo`: a realistic sample case built from the bundled fixtures.

use crate::env::{TestEnv, sha256sum};

#[test]
fn demo_builds_the_sample_case_and_can_be_rebuilt() {
    let env = TestEnv::new();
    let dir = env.path("sample");
    let mut cmd = env.cmd(&["demo", "-o", dir.to_str().unwrap()]);
    let out = cmd.env_remove("DOSSIER_NOW").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("order 1 (aliexpress 8123456789012345): 12 statuses, 4 messages, 4 evidence files"),
        "{text}"
    );

    let home = dir.join("home");
    let home = home.to_str().unwrap();
    let case = env.json(&["--home", home, "order", "show", "1"]);
    assert_eq!(case["order"]["platform"], "aliexpress");
    assert_eq!(case["tracking"][0]["number"], "RS473102580CN");
    let statuses = case["statuses"].as_array().unwrap();
    assert_eq!(statuses.len(), 12);
    let sources: std::collections::BTreeSet<&str> = statuses.iter().map(|s| s["source"].as_str().unwrap()).collect();
    assert_eq!(sources.len(), 2, "statuses from two sources");
    assert!(
        statuses
            .iter()
            .any(|s| { s["text"].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) })
    );
    assert_eq!(case["messages"].as_array().unwrap().len(), 4);
    assert!(case["messages"].as_array().unwrap().iter().any(|m| m["from"] == "seller" && m["evidence"] == "E4"));
    // Stalled after export: the last status is the departure, weeks before the demo's date.
    assert_eq!(statuses[11]["text"], "Departed from departure country/region");
    assert_eq!(case["order"]["created_at"], "2026-11-24T12:00:00+03:00", "the demo runs as of its own date");
    let evidence = case["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 4);
    for e in evidence {
        let original = dir.join("files").join(e["file_name"].as_str().unwrap());
        assert_eq!(e["sha256"], sha256sum(original.to_str().unwrap()));
        assert_eq!(e["media_type"], "image/png");
        assert!(e["height"].as_u64().unwrap() > e["width"].as_u64().unwrap(), "phone screenshots are portrait");
    }
    crate::log::assert_chain(&dir.join("home/dossier.db"));

    // The sample dossier is written next to the case, and its path is printed.
    let pdf = dir.join("dossier-8123456789012345.pdf");
    assert!(text.contains(&format!("dispute dossier: {}", pdf.display())), "{text}");
    let doc = lopdf::Document::load(&pdf).unwrap();
    assert_eq!(crate::build::images_of(&doc).len(), 4, "the four sample screenshots are in the dossier");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let pdf_text = doc.extract_text(&pages).unwrap();
    assert!(pdf_text.contains("RS473102580CN"));

    // Running it again rebuilds the same case rather than adding to it.
    env.ok(&["demo", "-o", dir.to_str().unwrap()]);
    let listed = env.json(&["--home", home, "order", "list", "--all"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[test]
fn demo_refuses_a_directory_it_did_not_make() {
    let env = TestEnv::new();
    let dir = env.path("mine");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("thesis.txt"), b"precious").unwrap();
    let err = env.fail(&["demo", "-o", dir.to_str().unwrap()], 2);
    assert!(err.contains("is not empty and was not made by `dossier demo`"), "{err}");
    assert_eq!(std::fs::read(dir.join("thesis.txt")).unwrap(), b"precious");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}
