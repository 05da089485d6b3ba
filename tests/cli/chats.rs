//! The pasted chats of `fixtures/chats/`: each is imported with `--dry-run` and must give
//! exactly the messages (moment, sender, text) and the lines not understood that its `.toml`
//! lists, written by hand from the paste. Then what `message import` writes, and what not.

use serde_json::Value;

use crate::env::TestEnv;
use crate::pastes::{fixture_names, rows};

fn fixture(name: &str) -> (std::path::PathBuf, Value) {
    crate::pastes::fixture("chats", name)
}

fn order(env: &TestEnv) {
    env.ok(&["order", "add", "--platform", "aliexpress", "--number", "1", "--country", "RU"]);
}

fn check_chat(name: &str) {
    let (paste, expected) = fixture(name);
    let env = TestEnv::new();
    order(&env);
    let mut args = vec!["message", "import", "1", paste.to_str().unwrap(), "--dry-run"];
    if let Some(me) = expected.get("me").and_then(Value::as_str) {
        args.extend(["--me", me]);
    }
    let report = env.json(&args);
    let keys = ["at", "from", "text"];
    assert_eq!(rows(&report["messages"], &keys), rows(&expected["message"], &keys), "{name}: messages");
    assert_eq!(report["not_understood"], expected["not_understood"], "{name}: lines not understood");
}

macro_rules! chats {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_chat($name);
            }
        )*

        /// Every chat of the folder has its test above.
        #[test]
        fn every_chat_has_a_test() {
            let mut tested = vec![$($name.to_string()),*];
            tested.sort();
            assert_eq!(fixture_names("chats"), tested);
        }
    };
}

chats! {
    aliexpress_web_en => "aliexpress-web-en",
    aliexpress_app_ru => "aliexpress-app-ru",
    ebay_en => "ebay-en",
    temu_support_en => "temu-support-en",
}

#[test]
fn import_writes_once_and_dry_run_writes_nothing() {
    let (paste, _) = fixture("aliexpress-web-en");
    let paste = paste.to_str().unwrap();
    let env = TestEnv::new();
    order(&env);
    let before = env.snapshot();
    let dry = env.json(&["message", "import", "1", paste, "--dry-run"]);
    assert_eq!(dry["added"], 9);
    assert_eq!(env.snapshot(), before, "a dry run writes nothing");
    let first = env.json(&["message", "import", "1", paste]);
    assert_eq!((first["added"].clone(), first["already"].clone()), (Value::from(9), Value::from(0)));
    let shown = env.json(&["order", "show", "1"]);
    let messages = shown["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 9);
    assert!(messages.iter().any(|m| m["from"] == "me") && messages.iter().any(|m| m["from"] == "seller"));
    // The same chat again adds nothing.
    let again = env.json(&["message", "import", "1", paste]);
    assert_eq!((again["added"].clone(), again["already"].clone()), (Value::from(0), Value::from(9)));
    // An updated chat adds only its new message.
    let mut longer = std::fs::read_to_string(paste).unwrap();
    longer.push_str("\nYou\nNov 28, 2026 10:00\nStill nothing. I am opening a dispute.\n");
    let longer = env.file("longer.txt", longer.as_bytes());
    let update = env.json(&["message", "import", "1", &longer]);
    assert_eq!((update["added"].clone(), update["already"].clone()), (Value::from(1), Value::from(9)));
    let adds = crate::log::kinds(&env).iter().filter(|k| *k == "message.add").count();
    assert_eq!(adds, 10, "each message added is logged once");
}

#[test]
fn senders_are_asked_for_rather_than_guessed() {
    let env = TestEnv::new();
    order(&env);
    let before = env.snapshot();
    let chat = "ivan_p 2026-11-21 15:47\nWhere is my parcel?\n\nSunny Store 2026-11-21 16:02\nIt is on the way.\n";
    let path = env.file("chat.txt", chat.as_bytes());
    let path = path.as_str();
    // Two names and neither marked as the buyer's: refused, naming them, nothing written.
    let err = env.fail(&["message", "import", "1", path], 1);
    assert!(err.contains("ivan_p") && err.contains("Sunny Store") && err.contains("--me"), "{err}");
    let err = env.fail(&["message", "import", "1", path, "--me", "somebody"], 1);
    assert!(err.contains("somebody") && err.contains("names nobody"), "{err}");
    assert_eq!(env.snapshot(), before);
    let report = env.json(&["message", "import", "1", path, "--me", "ivan_p"]);
    let from: Vec<&str> = report["messages"].as_array().unwrap().iter().map(|m| m["from"].as_str().unwrap()).collect();
    assert_eq!(from, ["me", "seller"]);
}

#[test]
fn message_import_reads_standard_input() {
    let env = TestEnv::new();
    order(&env);
    let chat = "AliExpress  2026-11-21 15:47\nYour dispute has been opened.\n";
    let out = env.cmd(&["--json", "message", "import", "1", "-"]).write_stdin(chat).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["messages"][0]["from"], "platform");
    assert_eq!(report["added"], 1);
}

/// A message repeated in the paste (same sender, moment and text) is recorded once, and the
/// report says so in both the dry run and the real run.
#[test]
fn a_message_repeated_in_the_paste_is_counted_once() {
    let env = TestEnv::new();
    order(&env);
    let chat = env.file(
        "twice.txt",
        b"You 2026-11-21 09:03\nWhere?\n\nYou 2026-11-21 09:03\nWhere?\n\nSwish Gadgets 2026-11-21 10:00\nShipped.\n",
    );
    for dry in [true, false] {
        let mut args = vec!["message", "import", "1", chat.as_str()];
        if dry {
            args.push("--dry-run");
        }
        let report = env.json(&args);
        assert_eq!((report["added"].clone(), report["already"].clone()), (Value::from(2), Value::from(1)), "{report}");
        let new: Vec<bool> =
            report["messages"].as_array().unwrap().iter().map(|m| m["new"].as_bool().unwrap()).collect();
        assert_eq!(new, [true, false, true]);
        // "Swish" is a store, not the platform Wish.
        assert_eq!(report["messages"][2]["from"], "seller");
    }
}
