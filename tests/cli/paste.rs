//! `status import`: a pasted history becomes statuses; pasting it again adds nothing, an
//! updated paste adds only what is new, and a dry run or a refused import writes nothing.

use serde_json::Value;

use crate::env::TestEnv;

/// A Russian Post history as its site shows it when copied: records of text, moment and
/// place, newest first, with the page's header, a button and an advertisement.
const POCHTA: &str = "Трек-номер: RS473102580CN\n\
Вес: 0,352 кг\n\
Скопировать\n\
\n\
Прибыло в место вручения\n\
20 ноября 2026, 09:12\n\
Казань 420111\n\
\n\
Покинуло место международного обмена\n\
12 ноября 2026, 03:00\n\
Москва PCI-3\n\
\n\
Реклама: доставка за 1 день\n";

fn order(env: &TestEnv) {
    env.ok(&[
        "order",
        "add",
        "--platform",
        "aliexpress",
        "--number",
        "8123456789012345",
        "--country",
        "RU",
        "--city",
        "Казань",
    ]);
}

fn import(env: &TestEnv, text: &str, extra: &[&str]) -> Value {
    let path = env.file("paste.txt", text.as_bytes());
    let mut args = vec!["status", "import", "1", path.as_str()];
    args.extend_from_slice(extra);
    env.json(&args)
}

#[test]
fn a_pasted_history_becomes_statuses_with_their_stages() {
    let env = TestEnv::new();
    order(&env);
    let report = import(&env, POCHTA, &[]);
    assert_eq!(report["added"], 2);
    assert_eq!(report["tracking"], serde_json::json!(["RS473102580CN"]));
    assert_eq!(report["not_understood"], serde_json::json!([[13, "Реклама: доставка за 1 день"]]));
    let statuses = env.json(&["status", "list", "1"]);
    let got: Vec<(&str, &str, &str, &str)> = statuses
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["at"].as_str().unwrap(),
                s["text"].as_str().unwrap(),
                s["place"].as_str().unwrap(),
                s["stage"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2026-11-12T03:00:00", "Покинуло место международного обмена", "Москва PCI-3", "last-mile-handover"),
            ("2026-11-20T09:12:00", "Прибыло в место вручения", "Казань 420111", "at-local-office"),
        ]
    );
    assert_eq!(statuses[0]["weight_grams"], 352.0, "the header weight goes with the earliest event");
    assert_eq!(statuses[0]["source"], "tracker");
    let numbers = env.json(&["order", "show", "1"])["tracking"].clone();
    assert_eq!(numbers[0]["number"], "RS473102580CN");
    assert_eq!(env.json(&["verify"])["clean"], true);
}

#[test]
fn pasting_again_adds_nothing_and_an_update_adds_only_the_new_events() {
    let env = TestEnv::new();
    order(&env);
    import(&env, POCHTA, &[]);
    let before = env.snapshot();
    let again = import(&env, POCHTA, &[]);
    assert_eq!((again["added"].as_i64(), again["already"].as_i64()), (Some(0), Some(2)));
    assert_eq!(env.snapshot(), before);
    let updated = format!("Вручение адресату\n21 ноября 2026, 15:47\nКазань 420111\n\n{POCHTA}");
    let report = import(&env, &updated, &[]);
    assert_eq!((report["added"].as_i64(), report["already"].as_i64()), (Some(1), Some(2)));
    let last = env.json(&["status", "list", "1"]).as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["text"].as_str(), last["stage"].as_str()), (Some("Вручение адресату"), Some("delivered")));
}

#[test]
fn a_dry_run_or_a_refused_import_writes_nothing() {
    let env = TestEnv::new();
    order(&env);
    let before = env.snapshot();
    let dry = import(&env, POCHTA, &["--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["added"], 2);
    assert_eq!(dry["events"][0]["stage"], "last-mile-handover");
    assert_eq!(env.snapshot(), before);
    let text = env.ok(&["status", "import", "1", env.path("paste.txt").to_str().unwrap(), "--dry-run"]);
    assert!(text.contains("would add 2") && text.contains("nothing was written"), "{text}");
    // A tracking number that is not the order's: refused before anything is written.
    let err =
        env.fail(&["status", "import", "1", env.path("paste.txt").to_str().unwrap(), "--track", "LP00123456789012"], 1);
    assert!(err.contains("LP00123456789012"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn standard_input_and_table_copies() {
    let env = TestEnv::new();
    order(&env);
    let table = "Date\tStatus\tLocation\n\
                 2026-11-02 09:05\tDeparted from departure country/region\tGuangzhou\n\
                 2026-10-30 18:00\tAccepted by carrier\tShenzhen\n";
    let out = env.cmd(&["--json", "status", "import", "1", "-"]).write_stdin(table).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["added"], 2);
    // The header row names the columns: known, so it is noise, not "not understood".
    assert_eq!(report["noise"], serde_json::json!([[1, "Date\tStatus\tLocation"]]));
    assert_eq!(report["not_understood"], serde_json::json!([]));
    let statuses = env.json(&["status", "list", "1"]);
    assert_eq!(statuses[0]["place"], "Shenzhen");
    assert_eq!(statuses[1]["text"], "Departed from departure country/region");
}

/// Invalid UTF-8 and ten megabytes on one line are read, not a panic: the bad bytes become
/// U+FFFD, the long line is reported shortened, and the event around them is still found.
#[test]
fn invalid_utf8_and_a_ten_megabyte_line() {
    let env = TestEnv::new();
    order(&env);
    let mut paste = b"2026-11-02 09:05 Departed from sorting center \xff\xfe\n".to_vec();
    paste.extend(std::iter::repeat_n(b"1 ".as_slice(), 5_000_000).flatten());
    paste.push(b'\n');
    let file = env.file("big.txt", &paste);
    for command in ["status", "message"] {
        let out = env.cmd(&["--json", command, "import", "1", &file, "--dry-run"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && !stderr.contains("panicked"), "{command}: {stderr}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let long = report["not_understood"].as_array().unwrap().last().unwrap()[1].as_str().unwrap().to_string();
        assert!(long.ends_with(" characters)") && long.contains("… (9999999") && long.len() < 700, "{command}: {long}");
        if command == "status" {
            assert_eq!(report["events"][0]["text"], "Departed from sorting center \u{fffd}\u{fffd}");
        }
    }
}
