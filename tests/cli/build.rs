//! `dossier build`: the PDF read back with lopdf — pages, text in three scripts, hashes,
//! flags, footers, metadata — and byte-identical rebuilds.

use lopdf::Document;
use serde_json::Value;

use crate::env::TestEnv;

/// The demo case with a Cyrillic status added; returns its home.
fn demo_home(env: &TestEnv) -> String {
    let dir = env.path("sample");
    env.ok(&["demo", "-o", dir.to_str().unwrap()]);
    let home = dir.join("home").to_str().unwrap().to_string();
    env.ok(&["--home", &home, "status", "add", "1", "--at", "2026-11-20 10:00", "Прибыло в место вручения"]);
    home
}

fn text_of(pdf: &[u8]) -> (String, usize, Document) {
    let doc = Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    (text, pages.len(), doc)
}

#[test]
fn build_writes_a_searchable_dossier_with_every_status_hash_and_flag() {
    let env = TestEnv::new();
    let home = demo_home(&env);
    let out = env.path("case.pdf");
    let built = env.json(&["--home", &home, "build", "1", "-o", out.to_str().unwrap()]);
    let pdf = std::fs::read(&out).unwrap();
    assert_eq!(built["bytes"].as_u64().unwrap(), pdf.len() as u64);
    let (text, pages, doc) = text_of(&pdf);
    let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(pages as u64, built["pages"].as_u64().unwrap());
    assert!(pages >= 3, "{pages} pages");

    let case = env.json(&["--home", &home, "order", "show", "1"]);
    for status in case["statuses"].as_array().unwrap() {
        let t = status["text"].as_str().unwrap();
        assert!(squashed.contains(t), "status text missing: {t}");
    }
    assert!(squashed.contains("Прибыло в место вручения"));
    assert!(squashed.contains("出口清关完成"));
    for evidence in case["evidence"].as_array().unwrap() {
        let sha = evidence["sha256"].as_str().unwrap();
        assert!(text.contains(sha), "hash missing: {sha}");
    }
    let check = env.json(&["--home", &home, "check", "1"]);
    for flag in check["flags"].as_array().unwrap() {
        let message = flag["message"].as_str().unwrap();
        assert!(squashed.contains(message), "flag message missing: {message}");
    }
    for n in 1..=pages {
        assert!(text.contains(&format!("order 8123456789012345 · page {n} of {pages}")), "footer of page {n}");
    }
    let head = case["log"]["head"].as_str().unwrap();
    assert!(text.contains(head), "event-log head missing");

    let info = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap();
    let info = doc.get_dictionary(info).unwrap();
    // PDF text strings are PDFDocEncoding or UTF-16BE with a byte-order mark.
    let field = |key: &[u8]| {
        let bytes = info.get(key).unwrap().as_str().unwrap();
        match bytes.strip_prefix(&[0xFE, 0xFF]) {
            Some(utf16) => String::from_utf16_lossy(
                &utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect::<Vec<_>>(),
            ),
            None => String::from_utf8_lossy(bytes).to_string(),
        }
    };
    assert!(field(b"Title").contains("8123456789012345"));
    assert!(field(b"CreationDate").starts_with("D:20261124"), "{}", field(b"CreationDate"));
    assert!(!doc.get_toc().unwrap().toc.is_empty(), "bookmarks");
}

#[test]
fn the_same_case_and_now_give_the_same_bytes() {
    let env = TestEnv::new();
    let home = demo_home(&env);
    let (a, b) = (env.path("a.pdf"), env.path("b.pdf"));
    env.ok(&["--home", &home, "build", "1", "-o", a.to_str().unwrap()]);
    env.ok(&["--home", &home, "build", "1", "-o", b.to_str().unwrap()]);
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "two builds differ");
    let json: Value = env.json(&["--home", &home, "build", "1", "-o", a.to_str().unwrap()]);
    assert_eq!(json["dossier"]["footer"], "order 8123456789012345");
    assert!(json["dossier"]["timeline"].as_array().unwrap().len() >= 13);
}

#[test]
fn a_budget_too_small_is_refused_and_nothing_is_written() {
    let env = TestEnv::new();
    let home = demo_home(&env);
    let out = env.path("small.pdf");
    let run = env.run(&["--home", &home, "build", "1", "-o", out.to_str().unwrap(), "--max-size", "5KB"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("without any image, over --max-size 5 KB"), "{stderr}");
    assert!(stderr.contains("hint: raise --max-size to at least"), "{stderr}");
    assert!(!out.exists());
}
