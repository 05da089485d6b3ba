//! The dossier as its reader sees it (SPEC §7): the voice of the text, the Russian edition,
//! the attached originals, text evidence set in the page, and the timeline's gaps. PDFs are
//! read back with lopdf.

use lopdf::{Document, Object};
use serde_json::Value;

use crate::env::TestEnv;

/// The demo case, a chat export in three scripts, and a file a PDF cannot display.
fn case(env: &TestEnv) -> (String, String) {
    let dir = env.path("sample");
    env.ok(&["demo", "-o", dir.to_str().unwrap()]);
    let home = dir.join("home").to_str().unwrap().to_string();
    let chat = env.file(
        "chat-export.txt",
        "Seller 2026-11-07 09:03\nPlease wait 30 more days.\nПокупатель: посылки нет с 3 октября\n买家：包裹在哪里？\n"
            .as_bytes(),
    );
    // Noise (xorshift), which no compressor shrinks: its size in the PDF is its own.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let video: Vec<u8> = (0..300_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let video = env.file("unboxing.bin", &video);
    for file in [&chat, &video] {
        env.ok(&["--home", &home, "evidence", "add", "1", file, "--kind", "chat"]);
    }
    (home, chat)
}

fn build(env: &TestEnv, home: &str, name: &str, extra: &[&str]) -> (Value, Document) {
    let out = env.path(name);
    let mut args = vec!["--home", home, "build", "1", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let built = env.json(&args);
    (built, Document::load_mem(&std::fs::read(&out).unwrap()).unwrap())
}

fn text_of(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text the tool wrote: the PDF's text without what the buyer or the carriers wrote
/// (status texts, messages, notes, names), which may say anything.
fn own_text(env: &TestEnv, home: &str, text: &str) -> String {
    let case = env.json(&["--home", home, "order", "show", "1"]);
    let mut quoted: Vec<String> = Vec::new();
    for (list, keys) in
        [("statuses", &["text", "place"][..]), ("messages", &["text"][..]), ("evidence", &["note", "file_name"][..])]
    {
        for row in case[list].as_array().unwrap() {
            for key in keys {
                if let Some(t) = row[*key].as_str() {
                    quoted.push(t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
        }
    }
    for key in ["item", "store", "shipping"] {
        if let Some(t) = case["order"][key].as_str() {
            quoted.push(t.to_string());
        }
    }
    quoted.sort_by_key(|q| std::cmp::Reverse(q.len()));
    let mut text = text.to_string();
    for q in quoted.iter().filter(|q| !q.is_empty()) {
        text = text.replace(q.as_str(), " ");
    }
    // The chat export's lines are quoted too.
    for line in [
        "Seller 2026-11-07 09:03",
        "Please wait 30 more days.",
        "Покупатель: посылки нет с 3 октября",
        "买家：包裹在哪里？",
    ] {
        text = text.replace(line, " ");
    }
    text
}

#[test]
fn the_dossier_states_facts_to_a_reviewer_without_commands_flags_advice_or_codes() {
    let env = TestEnv::new();
    let (home, _) = case(&env);
    for lang in ["en", "ru"] {
        let (_, doc) = build(&env, &home, &format!("{lang}.pdf"), &["--lang", lang]);
        let own = own_text(&env, &home, &text_of(&doc));
        let words: Vec<String> =
            own.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'').map(str::to_lowercase).collect();
        for command in ["dossier verify", "dossier build", "dossier order", "dossier flag", "dossier check"] {
            assert!(!own.contains(command), "{lang}: names a command: {command}");
        }
        assert!(!own.contains("--"), "{lang}: names a flag: {own}");
        for you in ["you", "your", "yours", "вы", "вас", "вам", "ваш", "ваша", "ваше", "ваши"] {
            assert!(!words.iter().any(|w| w == you), "{lang}: speaks to the buyer ('{you}'): {own}");
        }
        for stage in <dossier::model::Stage as dossier::model::Code>::codes().into_iter().filter(|c| c.contains('-')) {
            assert!(!own.contains(stage), "{lang}: shows the stage code {stage}");
        }
        for flag in <dossier::model::FlagCode as dossier::model::Code>::codes() {
            assert!(!own.contains(flag) || !flag.contains('-'), "{lang}: shows the flag code {flag}");
        }
        assert!(!own.contains("offset unknown"), "{lang}");
    }
}

#[test]
fn the_russian_edition_has_russian_headings_and_no_english_fixed_text() {
    let env = TestEnv::new();
    let (home, _) = case(&env);
    let (built, doc) = build(&env, &home, "ru.pdf", &["--lang", "ru"]);
    let text = text_of(&doc);
    for heading in
        ["1. Сводка", "2. Тревожные признаки", "3. Хронология", "4. Переписка", "5. Доказательства", "6. Целостность"]
    {
        assert!(text.contains(heading), "missing heading {heading}");
    }
    assert!(text.contains("Защита покупателя действует до 29.11.2026"), "{text}");
    assert!(text.contains(&format!("стр. 1 из {}", built["pages"])), "footer");
    let own = own_text(&env, &home, &text);
    for english in [
        "Summary",
        "Red flags",
        "Timeline",
        "Correspondence",
        "Evidence",
        "Integrity",
        "Platform",
        "Order number",
        "Tracking number",
        "Buyer protection",
        "page ",
        "The buyer",
        "Request",
        "Today",
        " days",
        " Nov ",
        "Sep 2026",
        "Critical",
        "Warning",
        "attached",
        "captured",
        "recorded",
        "stage",
    ] {
        assert!(!own.contains(english), "English fixed text '{english}' in the Russian edition: {own}");
    }
}

/// The embedded files: (name, description, bytes).
fn attachments(doc: &Document) -> Vec<(String, String, Vec<u8>)> {
    let string = |o: &Object| {
        let bytes = o.as_str().unwrap();
        match bytes.strip_prefix(&[0xFE, 0xFF]) {
            Some(u) => {
                String::from_utf16_lossy(&u.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>())
            }
            None => String::from_utf8_lossy(bytes).to_string(),
        }
    };
    let catalog = doc.catalog().unwrap();
    let Ok(names) = catalog.get(b"Names") else { return Vec::new() };
    let names = doc.dereference(names).unwrap().1.as_dict().unwrap();
    let tree = doc.dereference(names.get(b"EmbeddedFiles").unwrap()).unwrap().1.as_dict().unwrap();
    let list = tree.get(b"Names").unwrap().as_array().unwrap();
    list.chunks(2)
        .map(|pair| {
            let spec = doc.dereference(&pair[1]).unwrap().1.as_dict().unwrap();
            let ef = spec.get(b"EF").unwrap().as_dict().unwrap();
            let stream = doc.dereference(ef.get(b"F").unwrap()).unwrap().1.as_stream().unwrap();
            let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            (string(spec.get(b"UF").unwrap()), string(spec.get(b"Desc").unwrap()), bytes)
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn originals_are_attached_byte_for_byte_and_what_does_not_fit_is_said() {
    let env = TestEnv::new();
    let (home, chat) = case(&env);
    let (built, doc) = build(&env, &home, "all.pdf", &[]);
    let files = attachments(&doc);
    let evidence = env.json(&["--home", &home, "evidence", "list", "1"]);
    let evidence = evidence.as_array().unwrap();
    assert_eq!(files.len(), evidence.len(), "every original is attached under the default 8 MB");
    for (name, description, bytes) in &files {
        let row = evidence.iter().find(|e| e["file_name"] == name.as_str()).unwrap_or_else(|| panic!("{name}"));
        let sha = row["sha256"].as_str().unwrap();
        assert_eq!(sha256(bytes), sha, "{name}: the attached bytes are not the original's");
        assert!(description.contains(sha), "{name}: {description}");
    }
    assert_eq!(built["attached"].as_array().unwrap().len(), evidence.len());
    let text = text_of(&doc);
    // The chat export is set as text, every line of it.
    for line in std::fs::read_to_string(&chat).unwrap().lines() {
        assert!(text.contains(line), "line of the .txt missing: {line}");
    }
    assert!(text.contains("A PDF cannot display this format (application/octet-stream)"), "{text}");

    // With a budget the 300 KB file does not fit, it is left out and said to be.
    let limit = format!("{}B", built["bytes"].as_u64().unwrap() - 100_000);
    let (built, doc) = build(&env, &home, "tight.pdf", &["--max-size", &limit]);
    let names: Vec<String> = attachments(&doc).into_iter().map(|f| f.0).collect();
    assert!(!names.contains(&"unboxing.bin".to_string()), "{names:?}");
    assert!(names.contains(&"chat-export.txt".to_string()), "smaller files are still attached: {names:?}");
    let big = evidence.iter().find(|e| e["file_name"] == "unboxing.bin").unwrap()["reference"].as_str().unwrap();
    assert_eq!(built["not_attached"], serde_json::json!([big]));
    let text = text_of(&doc);
    assert!(text.contains("Originals not attached to this PDF"), "{text}");
    assert!(
        text.contains(&format!("{big} · unboxing.bin · not attached: with it the PDF would exceed its size limit")),
        "{text}"
    );

    let (built, doc) = build(&env, &home, "none.pdf", &["--no-attachments"]);
    assert!(attachments(&doc).is_empty());
    assert_eq!(built["not_attached"].as_array().unwrap().len(), evidence.len());
}

#[test]
fn each_gap_is_labelled_between_the_two_entries_it_separates() {
    let env = TestEnv::new();
    let (home, _) = case(&env);
    let (built, _) = build(&env, &home, "gaps.pdf", &[]);
    let entries = built["dossier"]["timeline"]["entries"].as_array().unwrap();
    let at = |text: &str| entries.iter().position(|e| e["text"].as_str().unwrap().starts_with(text)).unwrap();
    // The flight left on 3 Oct; the buyer wrote next, on 6 Nov: 33 days, over the threshold.
    let departed = at("Departed from departure country/region");
    let gap = &entries[departed + 1]["gap"];
    assert!(entries[departed + 1]["text"].as_str().unwrap().starts_with("Hello. My order"));
    assert_eq!((gap["days"].as_i64(), gap["over"].as_bool()), (Some(33), Some(true)), "{gap}");
    assert_eq!(gap["label"], "33 days");
    // Entries on the same day have no gap between them; the last line is today.
    assert!(entries[departed]["gap"].is_null(), "{}", entries[departed]);
    let last = entries.last().unwrap();
    assert_eq!(last["kind"], "now");
    assert!(entries.iter().all(|e| e["gap"].is_null() || e["gap"]["days"].as_i64().unwrap() >= 1));
}

#[test]
fn page_one_carries_the_journey_chart_and_build_says_what_is_attached() {
    let env = TestEnv::new();
    let (home, _) = case(&env);
    let out = env.path("chart.pdf");
    let said = env.ok(&["--home", &home, "build", "1", "-o", out.to_str().unwrap()]);
    assert!(said.contains("attached originals: E1, E2, E3, E4, E5, E6\n"), "{said}");
    let doc = Document::load_mem(&std::fs::read(&out).unwrap()).unwrap();
    let first = doc.extract_text(&[1]).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for mark in ["52 days without movement", "today 24 Nov", "protection ends 29 Nov", "left origin", "ordered"] {
        assert!(first.contains(mark), "page 1 has no '{mark}': {first}");
    }
    let said = env.ok(&["--home", &home, "build", "1", "-o", out.to_str().unwrap(), "--no-attachments"]);
    assert!(said.contains("not attached (--no-attachments): E1, E2, E3, E4, E5, E6\n"), "{said}");
    assert!(!said.contains("attached originals"), "{said}");
}

#[test]
fn evidence_add_says_at_once_when_the_dossier_cannot_display_a_file() {
    let env = TestEnv::new();
    env.order();
    let heic = env.file("IMG_2041.HEIC", b"\0\0\0\x18ftypheic\0\0\0\0mif1heicmiaf\0\0\0\0");
    let run = env.run(&["evidence", "add", "1", &heic, "--kind", "photo"]);
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("note: the dossier cannot display IMG_2041.HEIC"), "{stderr}");
    assert!(stderr.contains("export the photo as JPEG"), "{stderr}");
    let text = env.file("chat.txt", b"seller: wait\n");
    let png = env.file("shot.png", &crate::env::png(40, 80));
    let run = env.run(&["evidence", "add", "1", &text, &png, "--kind", "chat"]);
    assert!(String::from_utf8_lossy(&run.stderr).is_empty(), "shown files need no note");
}

#[test]
fn the_chinese_edition_has_chinese_headings_dates_and_footer() {
    let env = TestEnv::new();
    let (home, _) = case(&env);
    let (built, doc) = build(&env, &home, "zh.pdf", &["--lang", "zh"]);
    let text: String = text_of(&doc).split_whitespace().collect();
    for heading in ["1.概要", "2.风险信号", "3.时间线", "4.往来消息", "5.证据", "6.完整性"] {
        assert!(text.contains(heading), "missing heading {heading}: {text}");
    }
    assert!(text.contains("买家保护于2026年11月29日到期"), "{text}");
    assert!(text.contains(&format!("第1页，共{}页", built["pages"])), "footer");
    let own = own_text(&env, &home, &text_of(&doc));
    for english in ["Summary", "Timeline", "Buyer protection", "page ", "The buyer", " days", "Critical"] {
        assert!(!own.contains(english), "English fixed text '{english}' in the Chinese edition");
    }
}

#[test]
fn a_long_chat_export_continues_across_pages_and_is_cut_with_a_remark() {
    let env = TestEnv::new();
    env.order();
    let text: String = (1..=2_500).map(|i| format!("line {i}: продавец ответил / 卖家回复 {i}\n")).collect();
    let chat = env.file("long-chat.txt", text.as_bytes());
    env.ok(&["evidence", "add", "1", &chat, "--kind", "chat"]);
    let out = env.path("long.pdf");
    let built = env.json(&["build", "1", "-o", out.to_str().unwrap()]);
    let doc = Document::load_mem(&std::fs::read(&out).unwrap()).unwrap();
    let pages = built["pages"].as_u64().unwrap();
    assert!(pages > 20, "{pages} pages for 2,000 lines");
    let squashed: String = text_of(&doc).split_whitespace().collect();
    for i in [1, 999, 2_000] {
        let want: String = format!("line {i}: продавец ответил / 卖家回复 {i}").split_whitespace().collect();
        assert!(squashed.contains(&want), "line {i} is missing");
    }
    assert!(!squashed.contains("line2001:"), "only the first 2,000 lines are set");
    assert!(squashed.contains("Thefirst2000of2500linesareshown"), "the cut is said");
    // The whole file is the attachment.
    let files = attachments(&doc);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].2, text.as_bytes());
}

#[test]
fn the_request_of_a_delivered_case_says_delivered_and_of_a_closed_one_closed() {
    let env = TestEnv::new();
    let now = ["--now", "2026-11-20T10:00:00+03:00"];
    let add = [
        "order",
        "add",
        "--platform",
        "aliexpress",
        "--number",
        "8100000000000001",
        "--shipped",
        "2026-10-03",
        "--country",
        "RU",
        "--city",
        "Kazan",
        "--postcode",
        "420000",
    ];
    env.ok(&[&now[..], &add[..]].concat());
    env.ok(&["status", "add", "1", "Вручение адресату", "--at", "2026-11-18 12:00", "--place", "Казань 420000"]);
    let request = |env: &TestEnv| {
        let out = env.path("r.pdf");
        let built = env.json(&[&now[..], &["build", "1", "-o", out.to_str().unwrap()][..]].concat());
        built["dossier"]["summary"]["request"].as_str().unwrap().to_string()
    };
    assert_eq!(request(&env), "No claim: the tracking shows the parcel as delivered on 18 Nov 2026.");
    let check = env.json(&[&now[..], &["check", "1"][..]].concat());
    assert!(check["flags"].as_array().unwrap().iter().any(|f| f["code"] == "evidence-missing"), "{check}");
    let out = env.path("r.pdf");
    let built = env.json(&[&now[..], &["build", "1", "-o", out.to_str().unwrap()][..]].concat());
    let titles = built["dossier"]["flags"].to_string();
    assert!(!titles.contains("Evidence not yet collected"), "advice to the buyer in the dossier: {titles}");
    env.ok(&["order", "close", "1", "--outcome", "received"]);
    assert_eq!(request(&env), "No claim: the case is closed.");
}
