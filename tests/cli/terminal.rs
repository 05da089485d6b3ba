//! What reaches a terminal: control characters in stored text are shown as control
//! pictures in every human view and in `advise`, JSON keeps them exact; tables fit
//! `COLUMNS` without cutting identifiers.

use crate::env::TestEnv;

const NASTY: &str = "Hub\u{1b}]0;owned\u{7}\u{1b}[2J";

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{what} printed a control character: {text:?}");
}

#[test]
fn control_characters_are_shown_not_obeyed() {
    let env = TestEnv::new();
    env.ok(&[
        "order",
        "add",
        "--platform",
        "aliexpress",
        "--number",
        "8123456789012345",
        "--item",
        &format!("{NASTY}\nsecond line"),
        "--shipped",
        "2026-10-01",
        "--track",
        "RS473102580CN",
    ]);
    env.ok(&["status", "add", "1", &format!("Departed {NASTY}"), "--at", "2026-10-03", "--place", NASTY]);
    env.ok(&["message", "add", "1", "--from", "seller", "--at", "2026-10-04", &format!("wait {NASTY}")]);
    for args in [
        &["status", "list", "1"][..],
        &["order", "show", "1"],
        &["order", "list"],
        &["check", "1"],
        &["check", "--all"],
        &["advise", "1"],
        &["agenda"],
    ] {
        let out = env.run(args);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.is_empty(), "{args:?} printed nothing");
        assert_clean(&format!("{args:?}"), &text);
    }
    let shown = env.ok(&["status", "list", "1"]);
    assert!(shown.contains("Hub␛]0;owned␇␛[2J"), "{shown}");
    // A newline in the item does not break the order table into two rows.
    let list = env.ok(&["order", "list"]);
    assert_eq!(list.lines().count(), 2, "{list}");
    // JSON carries the exact text.
    let json = env.json(&["status", "list", "1"]);
    assert_eq!(json[0]["place"], NASTY);
}

#[test]
fn tables_fit_columns_and_never_cut_identifiers() {
    let env = TestEnv::new();
    env.ok(&[
        "order",
        "add",
        "--platform",
        "aliexpress",
        "--number",
        "8201948375162044",
        "--track",
        "RS482150773CN",
        "--item",
        "Беспроводные наушники с шумоподавлением и зарядным футляром, белые, Bluetooth 5.3, 40 часов работы",
    ]);
    let long = "Прибыло в сортировочный центр международного почтового обмена, ожидает таможенного оформления";
    env.ok(&["status", "add", "1", long, "--at", "2026-11-02 10:00", "--place", "深圳市国际邮件处理中心 广东省"]);
    for columns in ["80", "120"] {
        for args in [&["status", "list", "1"][..], &["order", "list"]] {
            let out = env.cmd(args).env("COLUMNS", columns).output().unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            let limit: usize = columns.parse().unwrap();
            for line in text.lines() {
                let width = unicode_width::UnicodeWidthStr::width(line);
                assert!(width <= limit, "{args:?} at {columns}: {width} columns: {line}");
            }
            assert!(text.contains('…'), "{args:?} at {columns}: nothing was cut:\n{text}");
            let ids: &[&str] = if args[0] == "order" { &["8201948375162044"] } else { &["2026-11-02 10:00"] };
            for id in ids {
                assert!(text.contains(id), "{args:?} at {columns}: {id} was cut:\n{text}");
            }
        }
    }
    // Not a terminal and no COLUMNS: nothing is cut.
    let whole = env.ok(&["status", "list", "1"]);
    assert!(whole.contains(long) && !whole.contains('…'), "{whole}");
}

/// Emoji with a variation selector ("❤️" is two columns, though its characters add up to
/// one) are measured as the terminal shows them: fitting a narrow table does not panic.
#[test]
fn narrow_tables_with_emoji() {
    let env = TestEnv::new();
    env.ok(&["order", "add", "--platform", "aliexpress", "--number", "1", "--item", &"❤️ Love Lamp ❤️ ".repeat(6)]);
    for columns in ["20", "40", "80"] {
        let out = env.cmd(&["order", "list"]).env("COLUMNS", columns).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && !stderr.contains("panicked"), "at {columns}: {stderr}");
        assert!(String::from_utf8_lossy(&out.stdout).contains('…'), "at {columns}");
    }
}

/// `check` in an 80-column terminal: the stage, each flag's message and facts and the next
/// action's reason wrap under their own indent (a Chinese status, which has no spaces,
/// between characters) and nothing is lost; in a pipe each stays on one line.
#[test]
fn check_wraps_to_the_terminal() {
    let env = TestEnv::new();
    env.ok(&["order", "add", "--platform", "aliexpress", "--number", "8201948375162044", "--track", "RS482150773CN"]);
    env.ok(&["order", "edit", "1", "--shipped", "2026-09-20", "--protection-until", "2026-12-20"]);
    let long = "【深圳市】您的邮件已到达深圳国际邮件互换局处理中心，正在进行出口封发处理，请耐心等待后续航班安排与转运信息更新";
    env.ok(&["status", "add", "1", long, "--at", "2026-10-01 10:00"]);
    let flat = |text: &str| text.split_whitespace().collect::<String>();
    for columns in ["80", "60"] {
        let out = env.cmd(&["check", "1"]).env("COLUMNS", columns).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let limit: usize = columns.parse().unwrap();
        for line in text.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= limit, "at {columns}: {width} columns: {line}");
        }
        assert!(
            text.contains("    CRITICAL stalled\n") || text.contains("    WARNING stalled\n"),
            "at {columns}:\n{text}"
        );
        let piped = env.ok(&["check", "1"]);
        assert_eq!(flat(&text), flat(&piped), "at {columns}: words were lost or moved");
        assert!(text.lines().count() > piped.lines().count(), "at {columns}: nothing was wrapped:\n{text}");
    }
    // A pipe without COLUMNS: the flag's message is one line, under its flag.
    let piped = env.ok(&["check", "1"]);
    let message = piped.lines().skip_while(|line| !line.ends_with(" stalled")).nth(1).unwrap_or_default();
    assert!(message.starts_with("      No movement for ") && message.ends_with('.'), "{piped}");
}
