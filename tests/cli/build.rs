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
    let words = dossier::pdf::words::of("en");
    for flag in check["flags"].as_array().unwrap() {
        let code =
            <dossier::model::FlagCode as dossier::model::Code>::from_code(flag["code"].as_str().unwrap()).unwrap();
        let title = words.flag_title(code);
        assert!(squashed.contains(title), "flag missing: {title}");
    }
    for n in 1..=pages {
        assert!(
            text.contains(&format!("AliExpress order 8123456789012345 · page {n} of {pages}")),
            "footer of page {n}"
        );
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
    assert_eq!(json["dossier"]["footer"], "AliExpress order 8123456789012345");
    assert!(json["dossier"]["timeline"]["entries"].as_array().unwrap().len() >= 13);
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

/// The image XObjects of a PDF: (width, height, filter, stream bytes).
pub fn images_of(doc: &Document) -> Vec<(i64, i64, String, Vec<u8>)> {
    doc.objects
        .values()
        .filter_map(|object| object.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).is_ok_and(|n| n == b"Image"))
        .map(|s| {
            let int = |key: &[u8]| s.dict.get(key).and_then(lopdf::Object::as_i64).unwrap_or(0);
            let filter =
                s.dict.get(b"Filter").and_then(|v| v.as_name()).map(|n| String::from_utf8_lossy(n).into_owned());
            (int(b"Width"), int(b"Height"), filter.unwrap_or_default(), s.content.clone())
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn images_are_drawn_a_fitting_jpeg_unchanged_and_broken_or_non_image_files_only_listed() {
    let env = TestEnv::new();
    let home = demo_home(&env);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/images");
    let small = fixtures.join("small.jpg");
    let rotated = fixtures.join("rotated.jpg");
    let good = std::fs::read(fixtures.join("alpha.png")).unwrap();
    let cut = env.file("cut.png", &good[..good.len() / 2]);
    let notes = env.file("chat-export.txt", b"seller: please wait 30 more days\n");
    for file in [small.to_str().unwrap(), rotated.to_str().unwrap(), &cut, &notes] {
        env.ok(&["--home", &home, "evidence", "add", "1", file, "--kind", "chat"]);
    }
    let out = env.path("case.pdf");
    let said = env.ok(&["--home", &home, "build", "1", "-o", out.to_str().unwrap()]);
    assert!(said.contains("6 images at 150 dpi, JPEG quality 80)"), "{said}");
    let built = env.json(&["--home", &home, "build", "1", "-o", out.to_str().unwrap()]);
    assert_eq!(built["images"], 6, "{built}");
    assert_eq!((built["image_dpi"].as_f64(), built["image_quality"].as_u64()), (Some(150.0), Some(80)));
    assert_eq!(built["originals"], 1);
    let pdf = std::fs::read(&out).unwrap();
    let (text, _, doc) = text_of(&pdf);
    let images = images_of(&doc);
    assert_eq!(images.len(), 6, "4 demo screenshots, the small JPEG and the rotated one");
    assert!(images.iter().all(|i| i.2 == "DCTDecode"));
    let original = std::fs::read(&small).unwrap();
    let hash = sha256(&original);
    assert!(images.iter().any(|i| sha256(&i.3) == hash), "the JPEG is not embedded byte-for-byte");
    assert!(text.contains(&hash), "the appendix lists the hash the embedded JPEG has");
    assert!(images.iter().any(|i| (i.0, i.1) == (30, 60)), "the rotated JPEG is drawn upright");
    let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squashed.contains("E7 · Correspondence"), "{squashed}");
    assert!(squashed.contains("The image could not be decoded"), "{squashed}");
    assert!(squashed.contains("The text of the file: seller: please wait 30 more days"), "{squashed}");
    assert!(squashed.contains(&sha256(&good[..good.len() / 2])), "the broken file is in the appendix");
}

#[test]
fn left_out_images_are_listed_not_drawn_and_unknown_references_are_refused() {
    let env = TestEnv::new();
    let home = demo_home(&env);
    let out = env.path("case.pdf");
    let built = env.json(&["--home", &home, "build", "1", "-o", out.to_str().unwrap(), "--leave-out", "e2"]);
    assert_eq!(built["images"], 3);
    let (text, _, doc) = text_of(&std::fs::read(&out).unwrap());
    assert_eq!(images_of(&doc).len(), 3);
    let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squashed.contains("Not shown in this PDF at the buyer's request"), "{squashed}");
    assert!(
        squashed.contains("E2 · tracker-cainiao.png · not attached: left out at the buyer's request"),
        "{squashed}"
    );
    // An evidence reference the order does not have is the same error, with the same exit
    // code, whichever command names it.
    let leave_out = env.fail(&["--home", &home, "build", "1", "-o", out.to_str().unwrap(), "--leave-out", "E9"], 1);
    let message = env.fail(
        &[
            "--home",
            &home,
            "message",
            "add",
            "1",
            "--from",
            "me",
            "--at",
            "2026-11-20",
            "Where is it?",
            "--evidence",
            "E9",
        ],
        1,
    );
    assert_eq!(leave_out, message);
    assert_eq!(
        leave_out,
        "error: order 1 has no evidence E9\nhint: `dossier evidence list 1` shows its evidence references\n"
    );
}

/// 40 phone screenshots (1170×2532 PNG) attached to one order.
fn screenshots_home(env: &TestEnv) -> String {
    let dir = env.path("shots");
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<String> = (0..40)
        .map(|i| {
            let path = dir.join(format!("shot-{i:02}.png"));
            crate::sample::screenshot(i).save(&path).unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect();
    let home = env.path("home40").to_str().unwrap().to_string();
    env.ok(&["--home", &home, "order", "add", "--platform", "aliexpress", "--number", "8100000000000040"]);
    let mut args = vec!["--home", &home, "evidence", "add", "1", "--kind", "tracker"];
    args.extend(files.iter().map(String::as_str));
    env.ok(&args);
    home
}

#[test]
fn forty_screenshots_fit_3mb_a_tighter_budget_steps_down_and_an_impossible_one_says_what_to_drop() {
    let env = TestEnv::new();
    let home = screenshots_home(&env);
    let out = env.path("forty.pdf");
    let path = out.to_str().unwrap();
    let built = env.json(&["--home", &home, "build", "1", "-o", path, "--max-size", "3MB"]);
    let bytes = std::fs::metadata(&out).unwrap().len();
    assert!(bytes <= 3_000_000, "{bytes}");
    assert_eq!(built["bytes"], bytes);
    assert_eq!(built["images"], 40);
    let (_, pages, doc) = text_of(&std::fs::read(&out).unwrap());
    assert_eq!(images_of(&doc).len(), 40);
    assert!(pages >= 20, "{pages}");
    let sharp = built["image_dpi"].as_f64().unwrap();

    let built = env.json(&["--home", &home, "build", "1", "-o", path, "--max-size", "1.2MB"]);
    assert!(std::fs::metadata(&out).unwrap().len() <= 1_200_000);
    assert!(built["image_dpi"].as_f64().unwrap() < sharp, "{built}");
    assert_eq!(images_of(&text_of(&std::fs::read(&out).unwrap()).2).len(), 40);

    std::fs::remove_file(&out).unwrap();
    let err = env.fail(&["--home", &home, "build", "1", "-o", path, "--max-size", "300KB"], 1);
    assert!(err.contains("even with its images at the lowest quality, over --max-size 300 KB"), "{err}");
    assert!(err.contains("largest images out of the PDF, one --leave-out each: E"), "{err}");
    assert!(err.contains("or raise --max-size to"), "{err}");
    assert!(!out.exists(), "nothing is written when the budget cannot be met");
}

#[test]
fn three_hundred_statuses_are_all_in_the_pdf_with_a_footer_on_every_page() {
    use dossier::dates::parse_when;
    use dossier::db::{Db, NewStatus};
    use dossier::model::Source;
    let env = TestEnv::new();
    env.order();
    let mut db = Db::open(&env.home.join("dossier.db")).unwrap();
    let order = db.resolve_order("1").unwrap();
    let clock = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+00:00").unwrap();
    let texts = ["Arrived at sorting center", "已离开始发国/地区", "Покинуло место международного обмена"];
    for i in 0..300 {
        let at = parse_when(
            &format!("2026-{:02}-{:02}T{:02}:{:02}:00+08:00", 3 + i / 40, 1 + i % 28, i % 24, i % 60),
            clock,
        );
        let status = NewStatus {
            at: at.unwrap(),
            text: format!("{} #{i}", texts[i % 3]),
            place: (i % 2 == 0).then(|| "Shenzhen".to_string()),
            weight: None,
            source: Source::Tracker,
            track: None,
            stage: None,
        };
        db.add_status(&order, &status, "2026-11-24T09:00:00+00:00").unwrap();
    }
    drop(db);
    let out = env.path("long.pdf");
    let built = env.json(&["build", "1", "-o", out.to_str().unwrap()]);
    let (text, pages, _) = text_of(&std::fs::read(&out).unwrap());
    assert_eq!(built["pages"], pages);
    assert!(pages >= 10, "{pages}");
    // Runs in different fonts may be extracted with spaces between them: compare without.
    let squashed: String = text.split_whitespace().collect();
    for i in 0..300 {
        let want: String = format!("{} #{i}", texts[i % 3]).split_whitespace().collect();
        assert!(squashed.contains(&want), "status {i} is missing");
    }
    let number = built["dossier"]["footer"].as_str().unwrap().replace(' ', "");
    for page in 1..=pages {
        assert!(squashed.contains(&format!("{number}·page{page}of{pages}")), "footer of page {page}");
    }
}
